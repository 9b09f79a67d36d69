"""The final table a completion produces, computed with the standings' own ranking code.

This is the referee both engines answer to: the brute-force engine scores every completion with
it, and every CP-SAT answer is checked against it (and, for problems built from a season, against a
full replay through :mod:`podium.standings`, see :mod:`podium.title.replay`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from fractions import Fraction

from podium.rules import CountbackPositions, TieBreak, TieBreakStep
from podium.standings import Contender, counted_total, rank
from podium.title.problem import Completion, Contestant, RemainingSession, TitleProblem, session_earnings


@dataclass(frozen=True, slots=True)
class FinalRow:
    """A contestant's end of season under one completion."""

    contestant: str
    position: int
    points: Fraction
    countback: tuple[int, ...]


def modelled_tiebreak(tiebreak: TieBreak) -> TieBreak:
    """The chain the engines model: countback/wins steps kept, anything later read as a shared place.

    Later steps (who scored first, last result, grid) depend on the order of results, which the
    engines do not track; a tie that survives countback is resolved by replaying the season.
    """
    kept: list[TieBreakStep] = []
    for step in tiebreak.chain:
        if step in (TieBreakStep.COUNTBACK, TieBreakStep.WINS):
            kept.append(step)
        else:
            break
    return replace(tiebreak, chain=(*kept, TieBreakStep.SHARED))


def session_points(
    problem: TitleProblem, session: RemainingSession, contestant: Contestant, completion: Completion
) -> tuple[Fraction, list[int]]:
    """Points a contestant earns in one remaining session of ``completion``, and the places its
    cars took (:func:`~podium.title.problem.session_earnings`)."""
    return session_earnings(problem, session, contestant, completion.outcome(session.id))


def _earnings(
    problem: TitleProblem, contestant: Contestant, completion: Completion
) -> list[tuple[RemainingSession, Fraction, list[int]]]:
    return [
        (s, *session_points(problem, s, contestant, completion))
        for s in problem.sessions
        if s.id in contestant.sessions
    ]


def final_points(
    problem: TitleProblem,
    contestant: Contestant,
    completion: Completion,
    earnings: list[tuple[RemainingSession, Fraction, list[int]]] | None = None,
) -> Fraction:
    """Counted points at the end of the season (drops applied over past and new units)."""
    if earnings is None:
        earnings = _earnings(problem, contestant, completion)
    if not problem.drops:
        return contestant.points + sum((e for _, e, _ in earnings), Fraction(0))
    new: dict[str, Fraction] = defaultdict(Fraction)
    rounds: dict[str, int] = {}
    for session, earned, _ in earnings:
        new[session.unit] += earned
        rounds[session.unit] = session.round
    units: dict[str, tuple[int, Fraction]] = {u.key: (u.round, u.value) for u in contestant.units}
    for key, value in new.items():
        old_round, old = units.get(key, (rounds[key], Fraction(0)))
        units[key] = (old_round, old + value)
    counted = counted_total(((r, key, v) for key, (r, v) in units.items()), problem.counting)
    return counted + contestant.adjusted


def countback_width(problem: TitleProblem, contestant: Contestant) -> int:
    return problem.countback_width or max(
        [len(contestant.countback), *(s.field for s in problem.sessions)], default=0
    )


def final_countback(
    problem: TitleProblem,
    contestant: Contestant,
    completion: Completion,
    earnings: list[tuple[RemainingSession, Fraction, list[int]]] | None = None,
) -> tuple[int, ...]:
    if earnings is None:
        earnings = _earnings(problem, contestant, completion)
    width = countback_width(problem, contestant)
    counts = list(contestant.countback[:width]) + [0] * max(0, width - len(contestant.countback))
    for session, _, places in earnings:
        if not session.countback:
            continue
        for place in places:
            if place <= width:
                counts[place - 1] += 1
    return tuple(counts)


def final_table(problem: TitleProblem, completion: Completion) -> list[FinalRow]:
    """Positions of every contestant (excluded ones left out) after ``completion``."""
    tiebreak = replace(modelled_tiebreak(problem.tiebreak), countback_positions=CountbackPositions.ALL)
    contenders = []
    countbacks = {}
    for c in problem.contestants:
        if c.excluded:
            continue
        earnings = _earnings(problem, c, completion)
        countbacks[c.id] = final_countback(problem, c, completion, earnings)
        contenders.append(
            Contender(c.id, final_points(problem, c, completion, earnings), (), countbacks[c.id])
        )
    placed = rank(contenders, tiebreak)
    return [
        FinalRow(p.contender.competitor, p.position, p.contender.points, countbacks[p.contender.competitor])
        for p in placed
    ]


def champion_of(table: list[FinalRow]) -> str | None:
    """The sole leader of a final table, or None when first place is shared."""
    leaders = [r for r in table if r.position == 1]
    return leaders[0].contestant if len(leaders) == 1 else None


def position_of(table: list[FinalRow], contestant: str) -> int:
    for row in table:
        if row.contestant == contestant:
            return row.position
    raise KeyError(contestant)
