"""Exhaustive title engine: every completion of the season, scored one by one.

The oracle every clever engine is checked against (10,000 random small championships in the test
suite), and the fast path for tiny cases such as a two-race class of five cars. It is exact by
construction: nothing is modelled, completions are generated and ranked with the standings code.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from podium.title.constraints import (
    NONE,
    ConditionKind,
    Constraint,
    best_places_hold,
    bonuses_hold,
    earned_by,
    judge,
    margins_hold,
    places_of,
)
from podium.title.engine import PositionBounds
from podium.title.evaluate import FinalRow, champion_of, final_table, position_of
from podium.title.problem import ANONYMOUS, Completion, RemainingSession, SessionOutcome, TitleProblem

TOKEN = ANONYMOUS


def _orders(named: Sequence[str], anonymous: int) -> Iterator[tuple[str, ...]]:
    """Every order of the named cars with ``anonymous`` interchangeable field cars among them."""
    total = len(named) + anonymous
    for slots in itertools.combinations(range(total), anonymous):
        rest = [i for i in range(total) if i not in slots]
        for perm in itertools.permutations(named):
            order = [""] * total
            for i in slots:
                order[i] = TOKEN
            for i, car in zip(rest, perm, strict=True):
                order[i] = car
            count = 0
            labelled = []
            for car in order:
                if car == TOKEN:
                    count += 1
                    labelled.append(f"{ANONYMOUS}{count}")
                else:
                    labelled.append(car)
            yield tuple(labelled)


def session_outcomes(problem: TitleProblem, session: RemainingSession) -> Iterator[SessionOutcome]:
    """Every legal result of one session (who starts, in which order, who takes each bonus)."""
    cars = [car for c in problem.contestants for car in c.cars_in(session.id)]
    anonymous_counts = [session.anonymous] if session.starters_score else range(session.anonymous + 1)
    for size in range(len(cars) + 1):
        for ranked in itertools.combinations(cars, size):
            for anonymous in anonymous_counts:
                if size + anonymous > session.field:
                    continue
                unranked = tuple(c for c in cars if c not in ranked)
                for order in _orders(ranked, anonymous):
                    yield from _bonuses(session, order, unranked, cars)


def _bonuses(
    session: RemainingSession, order: tuple[str, ...], unranked: tuple[str, ...], cars: Sequence[str]
) -> Iterator[SessionOutcome]:
    fl_options: list[str | None] = [None]
    if session.fastest_lap:
        limit = session.fastest_lap_max_position
        fl_options += [
            car
            for i, car in enumerate(order)
            if not car.startswith(ANONYMOUS) and (limit is None or i < limit)
        ]
        if limit is None:
            fl_options += list(unranked)
    pole_options: list[str | None] = [None, *cars] if session.pole else [None]
    most_options: list[str | None] = (
        [None, *(c for c in order if not c.startswith(ANONYMOUS))] if session.most_laps_led else [None]
    )
    named_ranked = [c for c in order if not c.startswith(ANONYMOUS)]
    led_options: list[tuple[str, ...]] = [()]
    if session.led_a_lap:
        led_options = [
            combo for k in range(len(named_ranked) + 1) for combo in itertools.combinations(named_ranked, k)
        ]
    for fl in fl_options:
        for pole in pole_options:
            for most in most_options:
                for led in led_options:
                    if most is not None and most not in led and session.led_a_lap:
                        continue
                    yield SessionOutcome(session.id, order, unranked, fl, pole, led, most)


def completions(problem: TitleProblem) -> Iterator[Completion]:
    per_session = [list(session_outcomes(problem, s)) for s in problem.sessions]
    for combo in itertools.product(*per_session):
        yield Completion(tuple(combo))


def size(problem: TitleProblem, limit: int = 10**9) -> int:
    """Number of completions (stops counting past ``limit``)."""
    floor = 1
    for s in problem.sessions:
        # At least every order of as many named cars as the session ranks: a cheap lower bound
        # that spares enumerating 20,000 outcomes of a real grid.
        named = len([car for c in problem.contestants for car in c.cars_in(s.id)])
        floor *= math.perm(named, min(named, s.field))
        if floor > limit:
            return limit + 1
    total = 1
    for s in problem.sessions:
        count = sum(1 for _ in itertools.islice(session_outcomes(problem, s), limit + 1))
        total *= max(count, 1)
        if total > limit:
            return limit + 1
    return total


@dataclass(slots=True)
class _Facts:
    """What queries read of one completion, computed once: the table and each contestant's results."""

    places: dict[str, tuple[int | None, ...]]
    earned: dict[str, object]


@dataclass(slots=True)
class BruteEngine:
    """Answers title queries by scanning every completion (precomputed once)."""

    problem: TitleProblem
    _cache: list[tuple[Completion, list[FinalRow]]] | None = None
    _facts: list[_Facts] | None = None

    name = "brute"
    exhaustive = True

    def capped(self, work: float) -> AbstractContextManager[None]:
        """Nothing to cap: every question is answered by scanning every ending."""
        return nullcontext()

    def _all(self) -> list[tuple[Completion, list[FinalRow]]]:
        if self._cache is None:
            problem = self.problem
            self._cache = []
            self._facts = []
            for c in completions(problem):
                self._cache.append((c, final_table(problem, c)))
                self._facts.append(
                    _Facts(
                        places={x.id: places_of(problem, x.id, c) for x in problem.contestants},
                        earned={x.id: earned_by(problem, x.id, c) for x in problem.contestants},
                    )
                )
        return self._cache

    def _holds(self, index: int, constraint: Constraint, completion: Completion) -> bool:
        if constraint.empty:
            return True
        for f in constraint.fixed:
            if completion.outcome(f.session).place(f.car) != f.place:
                return False
        if not bonuses_hold(self.problem, constraint.bonuses, completion):
            return False
        if not margins_hold(self.problem, constraint.margins, completion):
            return False
        if not best_places_hold(self.problem, constraint.best, completion):
            return False
        assert self._facts is not None
        facts = self._facts[index]
        for cond in constraint.conditions:
            theirs = facts.places[str(cond.value)] if cond.kind is ConditionKind.AHEAD_OF else ()
            if not judge(
                cond.kind,
                cond.value,
                facts.places[cond.who],
                facts.earned[cond.who],  # type: ignore[arg-type]
                theirs,
            ):
                return False
        return True

    def witness_champion(self, target: str, constraint: Constraint = NONE) -> Completion | None:
        """The ending where ``target`` is champion with the best results of their own (the most
        natural story to tell), or None."""
        if self.problem.contestant(target).excluded:
            return None
        best: tuple[int, Completion] | None = None
        for i, (completion, table) in enumerate(self._all()):
            if champion_of(table) == target and self._holds(i, constraint, completion):
                assert self._facts is not None
                places = self._facts[i].places[target]
                cost = sum(p if p is not None else 1000 for p in places)
                if best is None or cost < best[0]:
                    best = (cost, completion)
        return best[1] if best else None

    def witness_ahead(self, rival: str, target: str, constraint: Constraint = NONE) -> Completion | None:
        if (
            rival == target
            or self.problem.contestant(rival).excluded
            or self.problem.contestant(target).excluded
        ):
            return None
        for i, (completion, table) in enumerate(self._all()):
            if position_of(table, rival) < position_of(table, target) and self._holds(
                i, constraint, completion
            ):
                return completion
        return None

    def witness_level_or_ahead(
        self, rival: str, target: str, constraint: Constraint = NONE
    ) -> Completion | None:
        if (
            rival == target
            or self.problem.contestant(rival).excluded
            or self.problem.contestant(target).excluded
        ):
            return None
        for i, (completion, table) in enumerate(self._all()):
            if position_of(table, rival) <= position_of(table, target) and self._holds(
                i, constraint, completion
            ):
                return completion
        return None

    def witness_challenger(
        self, target: str, constraint: Constraint = NONE, rivals: list[str] | None = None
    ) -> Completion | None:
        if self.problem.contestant(target).excluded:
            return None
        for i, (completion, table) in enumerate(self._all()):
            mine = position_of(table, target)
            if any(
                row.position <= mine
                and row.contestant != target
                and (rivals is None or row.contestant in rivals)
                for row in table
            ) and self._holds(i, constraint, completion):
                return completion
        return None

    def possible(self, constraint: Constraint) -> Completion | None:
        for i, (completion, _) in enumerate(self._all()):
            if self._holds(i, constraint, completion):
                return completion
        return None

    def position_bounds(self, target: str) -> tuple[tuple[int, Completion], tuple[int, Completion]]:
        """Best and worst final position of ``target`` (0, 0 for an excluded competitor)."""
        best: tuple[int, Completion] | None = None
        worst: tuple[int, Completion] | None = None
        for completion, table in self._all():
            p = position_of(table, target)
            if best is None or p < best[0]:
                best = (p, completion)
            if worst is None or p > worst[0]:
                worst = (p, completion)
        assert best is not None and worst is not None
        return best, worst

    def positions(
        self, target: str, *, work_limit: float | None = None, best: bool = True, worst: bool = True
    ) -> PositionBounds:
        """:meth:`position_bounds`, always proven (no work limit applies to a scan)."""
        (b, best_end), (w, worst_end) = self.position_bounds(target)
        return PositionBounds(b, b, best_end, w, w, worst_end)
