"""The next session's decision table: which pairs of places for the leader and the main rival
settle the title at once.

For teams (constructors) a place is the team's best car's, its other cars anywhere behind it
(:class:`~podium.title.constraints.BestPlace`): "McLaren is champion with a win, whatever Ferrari
does; 2nd with the best Ferrari 4th or lower". A cell is settled only when every placing of the
other cars agrees; the engine answers it under a deterministic work limit, and a cell it cannot
settle in that work stays ``open`` (said as not settled, never guessed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from podium.errors import SolverError
from podium.title.constraints import BestPlace, Constraint, Fixed
from podium.title.problem import Contestant, TitleProblem
from podium.title.report import DecisionTable

if TYPE_CHECKING:
    from podium.title.analyst import Analyst


def pair_possible(problem: TitleProblem, table: DecisionTable, lp: int | None, rp: int | None) -> bool:
    """Whether a teams' table's pair of best places can happen in its session: the cars ahead of the
    first best car can only be other teams' (and unnamed) cars; between the two best cars, those
    and the first team's other cars (the engines' rules: ranked places run 1, 2, 3…)."""
    if lp is not None and lp == rp:
        return False
    session = next(s for s in problem.sessions if s.id == table.session)
    teams = {table.leader: lp, table.rival: rp}
    others = session.anonymous + sum(
        len(c.cars_in(session.id)) for c in problem.contestants if c.id not in teams
    )
    ranked = sorted(
        (p, len(problem.contestant(who).cars_in(session.id)) - 1) for who, p in teams.items() if p
    )
    if not ranked:
        return True
    if ranked[-1][0] > session.field or others < ranked[0][0] - 1:
        return False
    return len(ranked) == 1 or others + ranked[0][1] >= ranked[1][0] - 2


TEAM_CELL_WORK = 0.5
"""Deterministic work (CP-SAT) allowed for one cell of a team's decision table."""


def decision_table(analyst: Analyst, *, teams: bool = False) -> DecisionTable | None:
    """Leader's place × main rival's place in the next session: which pairs settle the title.

    A better place for the leader never helps anyone else, so once a row (leader's place) has no
    settled cell, no worse row has one; likewise for the rival's columns. Cells not settled are
    ``open`` (only the rows and columns that can matter are computed)."""
    problem = analyst.problem
    if not problem.sessions:
        return None
    active = [c for c in problem.contestants if not c.excluded]
    leader = max(active, key=lambda c: (c.points, c.countback))
    session = problem.sessions[0]
    single = len(leader.cars_in(session.id)) == 1
    if not single and not teams:  # a team's table costs a solver question per cell: only on request
        return None
    rivals = [r for r in analyst.rivals(leader.id) if (len(r.cars_in(session.id)) == 1) == single]
    if not rivals or not leader.cars_in(session.id):
        return None
    rival = rivals[0]
    if session.id not in leader.sessions or session.id not in rival.sessions:
        return None
    places: list[int | None] = [*range(1, session.field + 1), None]
    table = DecisionTable(session.id, leader.id, rival.id, tuple(places), best_car=not single)

    def settled(who: Contestant, lp: int | None, rp: int | None) -> bool | None:
        """True: settled for ``who``; False: an ending says not; None: the pair cannot happen."""
        if single:
            constraint = Constraint(
                fixed=(Fixed(session.id, leader.cars[0], lp), Fixed(session.id, rival.cars[0], rp))
            )
            ok, counter = analyst.sufficient(who.id, constraint)
        else:
            constraint = Constraint(
                best=(BestPlace(session.id, leader.id, lp), BestPlace(session.id, rival.id, rp))
            )
            try:
                with analyst.engine.capped(TEAM_CELL_WORK):
                    ok, counter = analyst.sufficient(who.id, constraint)
            except SolverError:  # not settled within the work limit: the cell stays open
                return False
        return True if ok else (False if counter is not None else None)

    # Drivers: a worse place never helps, so the first row (column) with a pair that does not settle
    # the title ends the search (a row where no pair can happen says nothing). Teams: which pairs of
    # best places can happen changes from row to row (the other cars need room), so every row is
    # asked.
    for lp in places:
        answers = [settled(leader, lp, rp) for rp in places if lp is None or lp != rp]
        for rp, answer in zip([rp for rp in places if lp is None or lp != rp], answers, strict=True):
            if answer:
                table.cells[(lp, rp)] = "leader"
        if single and not any(answers) and False in answers:
            break
    for rp in places:
        lps = [lp for lp in places if not ((lp is not None and lp == rp) or (lp, rp) in table.cells)]
        answers = [settled(rival, lp, rp) for lp in lps]
        for lp, answer in zip(lps, answers, strict=True):
            if answer:
                table.cells[(lp, rp)] = "rival"
        if single and not any(answers) and False in answers:
            break
    return table
