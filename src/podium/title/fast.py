"""Integer-scaled scoring of endings and the exact shortcuts it makes cheap.

Every points value of a problem is multiplied once by ``problem.scale`` (the least common multiple
of the denominators), so the hot paths add machine integers instead of :class:`~fractions.Fraction`
objects; :meth:`Scorer.table` turns back into the public :class:`~podium.title.evaluate.FinalRow`
(``Fraction`` points) only at the edge, and equals :func:`~podium.title.evaluate.final_table`.

The shortcuts rest on one observation (Kern & Paulusma; Gusfield & Martel, for points-based
elimination): when any car may score nothing, a better place never pays fewer points, and no
points or bonus is negative, a competitor's end of season is *monotone* in its own places. So

- whether ``rival`` can finish level with or ahead of ``target`` is decided by one extreme ending:
  ``rival`` wins everything it can (with every bonus), ``target`` does as badly as allowed;
- whether ``target`` can be champion, and its best position, by one dominance ending: ``target``
  wins everything, no other named car scores.

:func:`extremes_apply` states the preconditions; outside them the analysis asks the solver.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from podium.rules import DropUnit, TieBreakStep
from podium.title.evaluate import FinalRow, countback_width, modelled_tiebreak
from podium.title.problem import ANONYMOUS, Completion, SessionOutcome, TitleProblem

Key = tuple[object, ...]
"""A competitor's end of season in ranking order (larger is better): points, then each step's key."""


def extremes_apply(problem: TitleProblem) -> bool:
    """Whether the extreme-ending shortcuts are exact for ``problem``.

    Preconditions: every points value and bonus is non-negative and points never increase down a
    table (so winning is the best a car can do and not starting the worst), past counting units
    are non-negative (best-N counting is then monotone in every unit), and the tie-break is the
    chain the engines model (:func:`~podium.title.evaluate.modelled_tiebreak`).
    """
    for s in problem.sessions:
        values = (*s.table, s.fastest_lap, s.pole, s.led_a_lap, s.most_laps_led)
        if any(v < 0 for v in values):
            return False
        if any(a < b for a, b in zip(s.table, s.table[1:], strict=False)):
            return False
    if any(u.value < 0 for c in problem.contestants for u in c.units):
        return False
    return problem.cars_scoring is None or problem.cars_scoring >= 1


@dataclass(frozen=True, slots=True)
class _Session:
    id: str
    round: int
    unit: str
    table: tuple[int, ...]
    fastest_lap: int
    fastest_lap_max: int | None
    pole: int
    led: int
    most: int
    countback: bool


class Scorer:
    """Scores endings of one problem in integers (see the module docstring); results are cached."""

    def __init__(self, problem: TitleProblem) -> None:
        self.problem = problem
        scale = self.scale = problem.scale

        def i(v: Fraction) -> int:
            scaled = v * scale
            assert scaled.denominator == 1, (v, scale)
            return int(scaled)

        self.int = i
        self.sessions = tuple(
            _Session(
                s.id,
                s.round,
                s.unit,
                tuple(i(v) for v in s.table),
                i(s.fastest_lap),
                s.fastest_lap_max_position,
                i(s.pole),
                i(s.led_a_lap),
                i(s.most_laps_led),
                s.countback,
            )
            for s in problem.sessions
        )
        self.active = tuple(c for c in problem.contestants if not c.excluded)
        self.base = {c.id: i(c.points) for c in problem.contestants}
        self.adjusted = {c.id: i(c.adjusted) for c in problem.contestants}
        self.units = {c.id: [(u.round, u.key, i(u.value)) for u in c.units] for c in problem.contestants}
        self.widths = {c.id: countback_width(problem, c) for c in problem.contestants}
        self.pad = max(self.widths.values(), default=0)
        self.cars = {
            c.id: tuple((k, c.cars_in(s.id)) for k, s in enumerate(problem.sessions) if s.id in c.sessions)
            for c in problem.contestants
        }
        chain = modelled_tiebreak(problem.tiebreak).chain
        self.steps = tuple(step for step in chain if step in (TieBreakStep.COUNTBACK, TieBreakStep.WINS))
        self.extremes = extremes_apply(problem)
        self._keys: dict[Completion, tuple[dict[str, tuple[int, tuple[int, ...]]], list[dict[str, int]]]] = {}

    # -- one competitor ------------------------------------------------------------------------------
    def _earnings(
        self, cid: str, completion: Completion, places: list[dict[str, int]]
    ) -> tuple[list[tuple[int, int]], tuple[int, ...]]:
        """Per session (index, points earned) and the countback vector at the end."""
        k_scoring = self.problem.cars_scoring
        width = self.widths[cid]
        c = self.problem.contestant(cid)
        counts = list(c.countback[:width]) + [0] * max(0, width - len(c.countback))
        earned: list[tuple[int, int]] = []
        for k, cars in self.cars[cid]:
            s = self.sessions[k]
            o = completion.outcomes[k]
            per_car: list[int] = []
            for car in cars:
                place = places[k].get(car)
                value = s.table[place - 1] if place is not None and place <= len(s.table) else 0
                if place is not None and s.countback and place <= width:
                    counts[place - 1] += 1
                if (
                    s.fastest_lap
                    and o.fastest_lap == car
                    and (s.fastest_lap_max is None or (place is not None and place <= s.fastest_lap_max))
                ):
                    value += s.fastest_lap
                if s.pole and o.pole == car:
                    value += s.pole
                if s.led and car in o.led:
                    value += s.led
                if s.most and o.most_laps_led == car:
                    value += s.most
                per_car.append(value)
            if k_scoring is not None and len(per_car) > k_scoring:
                per_car.sort(reverse=True)
                per_car = per_car[:k_scoring]
            earned.append((k, sum(per_car)))
        return earned, tuple(counts)

    def _points(self, cid: str, earned: list[tuple[int, int]]) -> int:
        problem = self.problem
        if not problem.drops:
            return self.base[cid] + sum(e for _, e in earned)
        by_event = problem.counting.drop_unit is DropUnit.EVENT
        units: dict[tuple[int, str], int] = defaultdict(int)
        for r, key, v in self.units[cid]:
            units[(r, "" if by_event else key)] += v
        for k, e in earned:
            s = self.sessions[k]
            units[(s.round, "" if by_event else s.unit)] += e
        dropped: set[tuple[int, str]] = set()
        for window in problem.counting.windows:
            if window.best is None:
                continue
            inside = [u for u in units if window.covers(u[0])]
            keep = sorted(inside, key=lambda u: (-units[u], u))[: window.best]
            dropped.update(u for u in inside if u not in keep)
        return sum(v for u, v in units.items() if u not in dropped) + self.adjusted[cid]

    def _places(self, completion: Completion) -> list[dict[str, int]]:
        return [{car: p for p, car in enumerate(o.order, start=1)} for o in completion.outcomes]

    def fact(self, cid: str, completion: Completion) -> tuple[int, tuple[int, ...]]:
        """Scaled points and countback of one competitor at the end of ``completion``."""
        cached = self._keys.get(completion)
        if cached is None:
            if len(self._keys) > 20_000:
                self._keys.clear()
            cached = self._keys[completion] = ({}, self._places(completion))
        known, places = cached
        fact = known.get(cid)
        if fact is None:
            earned, counts = self._earnings(cid, completion, places)
            fact = known[cid] = (self._points(cid, earned), counts)
        return fact

    def facts(self, completion: Completion) -> dict[str, tuple[int, tuple[int, ...]]]:
        """Scaled points and countback of every active competitor at the end of ``completion``."""
        return {c.id: self.fact(c.id, completion) for c in self.active}

    def key(self, points: int, counts: tuple[int, ...]) -> Key:
        padded = counts + (0,) * (self.pad - len(counts))
        parts: list[object] = [points]
        for step in self.steps:
            parts.append(padded if step is TieBreakStep.COUNTBACK else padded[:1])
        return tuple(parts)

    def keys(self, completion: Completion) -> dict[str, Key]:
        return {cid: self.key(*pc) for cid, pc in self.facts(completion).items()}

    def compare(self, a: str, b: str, completion: Completion) -> int:
        """1 when ``a`` finishes ahead of ``b``, 0 when level on the modelled chain, -1 behind."""
        ka, kb = self.key(*self.fact(a, completion)), self.key(*self.fact(b, completion))
        return (ka > kb) - (ka < kb)

    def level_or_ahead(self, rival: str, target: str, completion: Completion) -> bool:
        """Whether ``rival`` finishes level with or ahead of ``target`` (modelled tie-break)."""
        return self.compare(rival, target, completion) >= 0

    def ahead(self, a: str, b: str, completion: Completion) -> bool:
        return self.compare(a, b, completion) > 0

    def table(self, completion: Completion) -> list[FinalRow]:
        """The final table, equal to :func:`~podium.title.evaluate.final_table`."""
        facts = self.facts(completion)
        keys = {cid: self.key(*pc) for cid, pc in facts.items()}

        def sort_key(cid: str) -> tuple[object, ...]:
            k = keys[cid]
            return (-k[0], tuple(tuple(-v for v in part) for part in k[1:]), cid)  # type: ignore[attr-defined, operator]

        ordered = sorted(keys, key=sort_key)
        rows: list[FinalRow] = []
        for n, cid in enumerate(ordered):
            position = n + 1
            if n and keys[ordered[n - 1]] == keys[cid]:
                position = rows[-1].position
            points, counts = facts[cid]
            rows.append(FinalRow(cid, position, Fraction(points, self.scale), counts))
        return rows

    def position(self, target: str, completion: Completion) -> tuple[int, bool]:
        """``target``'s final position (1 + how many finish strictly ahead on the modelled chain),
        and whether someone finishes level with it (then only a replay can place it exactly)."""
        keys = self.keys(completion)
        mine = keys[target]
        others = [k for cid, k in keys.items() if cid != target]
        return 1 + sum(1 for k in others if k > mine), any(k == mine for k in others)


def dominance(problem: TitleProblem, target: str) -> Completion:
    """``target``'s cars win everything (every bonus too) and no other named car is ranked.

    Unnamed field cars take the places behind where every starter must be ranked. This is the best
    ending for ``target`` and the worst for everyone else at once.
    """
    t = problem.contestant(target)
    outcomes = []
    for s in problem.sessions:
        reserved = s.anonymous if s.starters_score else 0
        mine = list(t.cars_in(s.id))[: s.field - reserved]
        room = s.field - len(mine)
        fillers = [f"{ANONYMOUS}{i + 1}" for i in range(s.anonymous)] if s.starters_score else []
        order = tuple(mine + fillers[:room])
        others = tuple(
            car for car in problem.cars_in(s) if car not in order and not car.startswith(ANONYMOUS)
        )
        top = mine[0] if mine else None
        outcomes.append(
            SessionOutcome(
                s.id,
                order,
                others,
                fastest_lap=top if s.fastest_lap else None,
                pole=top if s.pole else None,
                led=tuple(mine) if s.led_a_lap else (),
                most_laps_led=top if s.most_laps_led else None,
            )
        )
    return Completion(tuple(outcomes))
