"""Ordering a table: points first, then the tie-break chain (countback, wins, last result, shared)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from podium.rules import CountbackPositions, CountbackScope, TieBreak, TieBreakStep
from podium.standings.scores import Score

_WORST = 10_000


@dataclass(frozen=True, slots=True)
class Contender:
    """What ranking needs of one competitor: counted points and the results ties are broken on."""

    competitor: str
    points: Fraction
    scores: tuple[Score, ...]
    extra_countback: tuple[int, ...] = ()
    """Place counts known without results (hand-written scenarios: wins, seconds… so far)."""


def _reads(s: Score, tiebreak: TieBreak, width: int) -> bool:
    if s.kind not in tiebreak.countback_sessions or s.position is None or s.position > width:
        return False
    return not (tiebreak.countback_scope is CountbackScope.COUNTED_RESULTS and not s.counted)


def countback_vector(
    scores: Sequence[Score], tiebreak: TieBreak, width: int, extra: Sequence[int] = ()
) -> tuple[int, ...]:
    """How many 1st, 2nd, … places (up to ``width``) in the sessions countback reads."""
    counts = [0] * width
    for i, n in enumerate(extra[:width]):
        counts[i] += n
    for s in scores:
        if _reads(s, tiebreak, width):
            counts[(s.position or 1) - 1] += 1
    return tuple(counts)


StepKey = Callable[[Contender], tuple[int, ...]]


def step_keys(
    contenders: Sequence[Contender], tiebreak: TieBreak, scoring_places: int | None = None
) -> list[tuple[TieBreakStep, StepKey]]:
    """For each step of the chain, a key where *larger* is better.

    ``scoring_places`` is how many places pay points; countback stops there when the tie-break
    says ``countback_positions = "scoring"``.
    """
    width = max((s.position or 0 for c in contenders for s in c.scores), default=0)
    width = max(width, max((len(c.extra_countback) for c in contenders), default=0))
    if tiebreak.countback_positions is CountbackPositions.SCORING and scoring_places is not None:
        width = scoring_places
    order: dict[str, int] = {}
    for c in contenders:
        for s in c.scores:
            order.setdefault(s.session, s.round * 1000 + len(order))
    latest_first = sorted(order, key=lambda k: -order[k])

    def countback(c: Contender) -> tuple[int, ...]:
        return countback_vector(c.scores, tiebreak, width, c.extra_countback)

    def first_achieved(c: Contender) -> tuple[int, ...]:
        places = sorted((s.position or 0, order[s.session]) for s in c.scores if _reads(s, tiebreak, width))
        return tuple(-when for _, when in places)

    def last_result(c: Contender) -> tuple[int, ...]:
        best: dict[str, int] = {}
        for s in c.scores:
            if s.kind in tiebreak.countback_sessions and s.position is not None:
                best[s.session] = min(best.get(s.session, _WORST), s.position)
        return tuple(-best.get(k, _WORST) for k in latest_first)

    def grid(c: Contender) -> tuple[int, ...]:
        grids = sorted(
            s.grid for s in c.scores if s.grid is not None and s.kind in tiebreak.countback_sessions
        )
        return (*(-g for g in grids), -_WORST)

    builders: dict[TieBreakStep, StepKey] = {
        TieBreakStep.COUNTBACK: countback,
        TieBreakStep.WINS: lambda c: countback(c)[:1],
        TieBreakStep.FIRST_ACHIEVED: first_achieved,
        TieBreakStep.LAST_RESULT: last_result,
        TieBreakStep.GRID: grid,
    }
    return [(step, builders[step]) for step in tiebreak.chain if step in builders]


@dataclass(frozen=True, slots=True)
class Placed:
    contender: Contender
    position: int
    decided_by: TieBreakStep | None
    """The step that put this competitor ahead of the next one on equal points (None if points did)."""


def rank(
    contenders: Sequence[Contender], tiebreak: TieBreak, scoring_places: int | None = None
) -> list[Placed]:
    """Order contenders and give positions; equal on points and the whole chain share a place."""
    keys = step_keys(contenders, tiebreak, scoring_places)
    shared = TieBreakStep.SHARED in tiebreak.chain
    cache = {c.competitor: tuple(k(c) for _, k in keys) for c in contenders}

    def sort_key(c: Contender) -> tuple[object, ...]:
        return (-c.points, tuple(tuple(-v for v in part) for part in cache[c.competitor]), c.competitor)

    ordered = sorted(contenders, key=sort_key)
    positions: list[int] = []
    for i, c in enumerate(ordered):
        position = i + 1
        if i and shared:
            prev = ordered[i - 1]
            if prev.points == c.points and cache[prev.competitor] == cache[c.competitor]:
                position = positions[-1]
        positions.append(position)
    out: list[Placed] = []
    for i, c in enumerate(ordered):
        decided: TieBreakStep | None = None
        if i + 1 < len(ordered):
            nxt = ordered[i + 1]
            if nxt.points == c.points and positions[i + 1] != positions[i]:
                a, b = cache[c.competitor], cache[nxt.competitor]
                decided = next((step for (step, _), x, y in zip(keys, a, b, strict=True) if x != y), None)
        out.append(Placed(c, positions[i], decided))
    return out
