"""Best-N counting: which results count, which are dropped (split seasons included)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from fractions import Fraction

from podium.model import SessionKind, Status
from podium.rules import Counting, DropUnit
from podium.standings.scores import Score


def unit_of(score: Score, counting: Counting) -> tuple[int, str]:
    """The counting unit a score belongs to: its event, or its session."""
    return (score.round, "" if counting.drop_unit is DropUnit.EVENT else score.session)


def apply_counting(scores: Sequence[Score], counting: Counting) -> list[Score]:
    """Mark dropped scores: in each window only the best N units count.

    A unit is worth the sum of its scores. Among equal units the earlier one is kept, so the
    choice is stable as rounds are added. Units outside every window always count.
    """
    if not counting.drops:
        return list(scores)
    units: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    for s in scores:
        units[unit_of(s, counting)] += s.total
    dropped: set[tuple[int, str]] = set()
    for window in counting.windows:
        if window.best is None:
            continue
        inside = [u for u in units if window.covers(u[0])]
        keep = sorted(inside, key=lambda u: (-units[u], u))[: window.best]
        dropped.update(u for u in inside if u not in keep)
    return [replace(s, counted=False) if unit_of(s, counting) in dropped else s for s in scores]


def counted_total(units: Iterable[tuple[int, str, Fraction]], counting: Counting) -> Fraction:
    """Points that count among whole counting units ``(round, key, worth)``, by :func:`apply_counting`.

    The title engines keep a contestant's results as units (an event or a session each); this is
    the standings' own best-N rule applied to them, so a title answer drops exactly what the table
    drops. Adjustments are not included (they are never dropped)."""
    scores = [
        Score(
            round=r,
            event=key,
            session=key,
            kind=SessionKind.RACE,
            position=None,
            status=Status.CLASSIFIED,
            points=value,
        )
        for r, key, value in units
    ]
    return sum((s.total for s in apply_counting(scores, counting) if s.counted), Fraction(0))
