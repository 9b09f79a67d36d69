"""The decision grid read as clauses: which places of the leader, with which places of the rival.

A :class:`~podium.title.DecisionTable` says, cell by cell, whether the leader's place and the
main rival's place in the next session settle the title. :func:`clauses` turns its leader cells
into the fewest clauses a reader needs: consecutive leader places that need the same of the rival
share one clause ("6th–7th with Massa 2nd or lower"), and every row with a settled cell is covered
(nothing is cut). Cells that cannot happen (a 13th place when only 12 others can start) are not
facts either way; a clause may cover them, which keeps "any place whatever Dickinson does"
true and short. :mod:`podium.present.text` puts the clauses into words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from podium.title import DecisionTable, RemainingSession, TitleProblem

Place = int | None
"""A place in the session; None: did not start (or, where retiring scores nothing, not classified)."""


class Need(StrEnum):
    """What a clause asks of the rival."""

    ANYTHING = "anything"
    """Whatever the rival does."""
    BEHIND = "behind"
    """The rival anywhere behind the leader (not starting included)."""
    OR_LOWER = "or_lower"
    """The rival ``rival_from`` or lower (not starting included)."""
    OUT = "out"
    """The rival not starting (not classified)."""
    LISTED = "listed"
    """The rival in one of the listed places (anything the others do not say)."""


@dataclass(frozen=True, slots=True)
class Clause:
    """Leader places ``leader`` (consecutive rows) settle the title when the rival's place is in
    ``rival`` (for each of those rows; ``rival_from`` names the bound of ``OR_LOWER``)."""

    leader: tuple[Place, ...]
    need: Need
    rival_from: int | None = None
    listed: tuple[Place, ...] = ()

    def covers(self, lp: Place, places: Sequence[Place]) -> list[Place]:
        """The rival places this clause claims settle the title for leader place ``lp``."""
        if lp not in self.leader:
            return []
        if self.need is Need.ANYTHING:
            return [rp for rp in places if rp is None or rp != lp]
        if self.need is Need.BEHIND:
            return [rp for rp in places if rp is None or (lp is not None and rp > lp)]
        if self.need is Need.OR_LOWER:
            bound = self.rival_from or 1
            return [rp for rp in places if rp is None or (rp >= bound and rp != lp)]
        if self.need is Need.OUT:
            return [None]
        return list(self.listed)


def possible(problem: TitleProblem, session: RemainingSession, lp: Place, rp: Place) -> bool:
    """Whether the leader ``lp`` and the rival ``rp`` can both happen in ``session``.

    The same places as the engines allow (:func:`podium.title.brute.session_outcomes`): ranked
    places are 1, 2, … without gaps, at most ``session.field`` of them, filled by the contestants'
    cars and the unnamed starters (who always start and are ranked where every starter is).
    """
    if lp is not None and lp == rp:
        return False
    named = len([car for c in problem.contestants for car in c.cars_in(session.id)])
    ranked = (lp is not None) + (rp is not None)
    fewest_unnamed = session.anonymous if session.starters_score else 0
    need = max(lp or 0, rp or 0, ranked + fewest_unnamed)
    most = min(session.field, named - (2 - ranked) + session.anonymous)
    return need <= most


def lowest_place(problem: TitleProblem, table: DecisionTable) -> int:
    """The lowest place the leader can take in the table's session (0: none)."""
    session = next(s for s in problem.sessions if s.id == table.session)
    return max(
        (
            lp
            for lp in table.places
            if lp is not None and any(possible(problem, session, lp, rp) for rp in table.places)
        ),
        default=0,
    )


def clauses(problem: TitleProblem, table: DecisionTable) -> list[Clause]:
    """The leader's rows that can settle the title, grouped into clauses (see the module doc).

    Consecutive rows with the same need share a clause; the leader's "not starting" row joins a
    clause that reaches the lowest place the leader can take ("12th or lower with Hamilton 11th or
    lower")."""
    session = next(s for s in problem.sessions if s.id == table.session)
    places = list(table.places)
    top = lowest_place(problem, table)
    rows: list[tuple[Place, Clause]] = []
    for lp in places:
        can = [rp for rp in places if possible(problem, session, lp, rp)]
        wins = [rp for rp in can if table.cells.get((lp, rp)) == "leader"]
        if not wins:
            continue
        rows.append((lp, _row_clause(lp, can, wins, places)))
    out: list[Clause] = []
    for lp, clause in rows:
        last = out[-1] if out else None
        follows = (
            last is not None
            and last.leader[-1] is not None
            and ((lp is not None and lp == last.leader[-1] + 1) or (lp is None and last.leader[-1] == top))
        )
        if last is not None and follows and _need(last) == _need(clause):
            out[-1] = Clause((*last.leader, lp), last.need, last.rival_from, last.listed)
        else:
            out.append(clause)
    return out


def _need(clause: Clause) -> tuple[Need, int | None, tuple[Place, ...]]:
    return clause.need, clause.rival_from, clause.listed


def _row_clause(lp: Place, can: list[Place], wins: list[Place], places: list[Place]) -> Clause:
    """The simplest need that says exactly ``wins`` among the possible places ``can``."""
    won = set(wins)
    candidates = [Clause((lp,), Need.ANYTHING), Clause((lp,), Need.OUT)]
    ranked = sorted(rp for rp in wins if rp is not None)
    if ranked:
        if lp is not None and ranked[0] == lp + 1:
            candidates.append(Clause((lp,), Need.BEHIND))
        candidates.append(Clause((lp,), Need.OR_LOWER, ranked[0]))
    for clause in candidates:
        if {rp for rp in clause.covers(lp, places) if rp in can} == won:
            return clause
    return Clause((lp,), Need.LISTED, listed=tuple(wins))
