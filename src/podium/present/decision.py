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
from podium.title.constraints import Bonus
from podium.title.decision import pair_possible
from podium.title.paths import ContenderPath, RivalLimit, possible_places

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


def possible(
    problem: TitleProblem, session: RemainingSession, lp: Place, rp: Place, table: DecisionTable | None = None
) -> bool:
    """Whether the leader ``lp`` and the rival ``rp`` can both happen in ``session`` (the places
    the engines allow: :func:`podium.title.paths.possible_places`). For a teams' table
    (``table.best_car``) the places are each team's best car's, their other cars behind."""
    if table is None or not table.best_car:
        return possible_places(problem, session, [lp, rp])
    return pair_possible(problem, table, lp, rp)


def lowest_place(problem: TitleProblem, table: DecisionTable) -> int:
    """The lowest place the leader can take in the table's session (0: none)."""
    session = next(s for s in problem.sessions if s.id == table.session)
    return max(
        (
            lp
            for lp in table.places
            if lp is not None and any(possible(problem, session, lp, rp, table) for rp in table.places)
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
        can = [rp for rp in places if possible(problem, session, lp, rp, table)]
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


# -- every contender's path (title.paths) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RivalNeed:
    """What one clause asks of one rival (``rival_from``: the bound of ``OR_LOWER``)."""

    rival: str
    need: Need
    rival_from: int | None = None
    listed: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class PathClause:
    """The contender's places ``own`` (consecutive rows) settle the title when every rival in
    ``needs`` keeps to its need (rivals not named may do anything); with ``bonuses``, when the
    contender also takes those bonuses ("a win with the fastest lap"). ``or_bonuses``: other
    single bonuses that do as well as ``bonuses`` (then one bonus), "3rd with the pole position or
    the most laps led"."""

    own: tuple[Place, ...]
    needs: tuple[RivalNeed, ...]
    bonuses: tuple[Bonus, ...] = ()
    or_bonuses: tuple[Bonus, ...] = ()


def lowest_own_place(problem: TitleProblem, path: ContenderPath) -> int:
    """The lowest place the contender can take in the path's session (0: none)."""
    session = next(s for s in problem.sessions if s.id == path.session)
    return max((p for p in range(1, session.field + 1) if possible_places(problem, session, [p])), default=0)


def path_clauses(problem: TitleProblem, path: ContenderPath) -> list[PathClause]:
    """The path's rows as the fewest clauses: consecutive places that ask the same of every rival
    share one ("2nd–11th with Hamilton behind"); the not-ranked row joins a clause that reaches the
    lowest place the contender can take. Rows with the same bonuses for the contender group among
    themselves ("9th–10th with the fastest lap and Verstappen behind"); clauses come in the order
    of their first row. Nothing is cut: every row is in one clause."""
    top = lowest_own_place(problem, path)
    out: list[tuple[int, PathClause]] = []
    last: dict[tuple[Bonus, ...], int] = {}  # per set of bonuses, the index of its latest clause
    for index, row in enumerate(path.rows):
        needs = tuple(_rival_need(row.place, limit) for limit in row.limits)
        at = last.get(row.bonuses)
        if at is not None:
            first, clause = out[at]
            if clause.needs == needs and clause.own[-1] is not None:
                follows = (row.place is not None and row.place == clause.own[-1] + 1) or (
                    row.place is None and clause.own[-1] == top
                )
                if follows:
                    out[at] = (first, PathClause((*clause.own, row.place), needs, row.bonuses))
                    continue
        last[row.bonuses] = len(out)
        out.append((index, PathClause((row.place,), needs, row.bonuses)))
    merged: list[PathClause] = []
    for _, clause in sorted(out, key=lambda pair: pair[0]):
        # Single bonuses that do as well for the same places are one clause ("or").
        same = next(
            (
                i
                for i, c in enumerate(merged)
                if len(clause.bonuses) == 1
                and len(c.bonuses) == 1
                and (c.own, c.needs) == (clause.own, clause.needs)
            ),
            None,
        )
        if same is None:
            merged.append(clause)
        else:
            c = merged[same]
            merged[same] = PathClause(c.own, c.needs, c.bonuses, (*c.or_bonuses, *clause.bonuses))
    return merged


def _rival_need(place: Place, limit: RivalLimit) -> RivalNeed:
    if limit.listed:
        return RivalNeed(limit.rival, Need.LISTED, listed=limit.listed)
    if limit.from_place is None:
        return RivalNeed(limit.rival, Need.OUT)
    if place is not None and limit.from_place == place + 1:
        return RivalNeed(limit.rival, Need.BEHIND)
    return RivalNeed(limit.rival, Need.OR_LOWER, limit.from_place)
