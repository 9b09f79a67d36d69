"""The next session's decision table: which pairs of places for the leader and the main rival
settle the title at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from podium.title.constraints import Constraint, Fixed
from podium.title.problem import Contestant
from podium.title.report import DecisionTable

if TYPE_CHECKING:
    from podium.title.analyst import Analyst


def decision_table(analyst: Analyst) -> DecisionTable | None:
    """Leader's place × main rival's place in the next session: which pairs settle the title.

    A better place for the leader never helps anyone else, so once a row (leader's place) has no
    settled cell, no worse row has one; likewise for the rival's columns. Cells not settled are
    ``open`` (only the rows and columns that can matter are computed)."""
    problem = analyst.problem
    if not problem.sessions:
        return None
    active = [c for c in problem.contestants if not c.excluded]
    leader = max(active, key=lambda c: (c.points, c.countback))
    rivals = [r for r in analyst.rivals(leader.id) if len(r.cars) == 1]
    if len(leader.cars) != 1 or not rivals:
        return None
    rival = rivals[0]
    session = problem.sessions[0]
    if session.id not in leader.sessions or session.id not in rival.sessions:
        return None
    places: list[int | None] = [*range(1, session.field + 1), None]
    table = DecisionTable(session.id, leader.id, rival.id, tuple(places))

    def settled(who: Contestant, lp: int | None, rp: int | None) -> bool:
        fixed = (Fixed(session.id, leader.cars[0], lp), Fixed(session.id, rival.cars[0], rp))
        constraint = Constraint(fixed=fixed)
        return analyst.sufficient(who.id, constraint)[0]

    for lp in places:
        row = False
        for rp in places:
            if lp is not None and lp == rp:
                continue
            if settled(leader, lp, rp):
                table.cells[(lp, rp)] = "leader"
                row = True
        if not row:
            break
    for rp in places:
        column = False
        for lp in places:
            if (lp is not None and lp == rp) or (lp, rp) in table.cells:
                continue
            if settled(rival, lp, rp):
                table.cells[(lp, rp)] = "rival"
                column = True
        if not column:
            break
    return table
