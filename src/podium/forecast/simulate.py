"""The vectorised Monte Carlo: many endings of a season at once, scored exactly like ``final_table``.

Each remaining session of a :class:`~podium.title.problem.TitleProblem` is sampled for a chunk of
rows (one row = one simulated ending) with NumPy:

- *who is ranked and in which order*: one uniform ``u`` per car. ``u / (1 - r)`` at or above 1
  means the car is not ranked (retirement rate ``r``); otherwise ``-log(u / (1 - r)) / w`` is an
  exponential race with rate ``w`` (the strength), whose order is a Plackett–Luce sample. The key
  is packed with the car's index into one int32 (the float's bits keep 18 of their 23 mantissa
  bits: keys closer than 4·10⁻⁶ relative fall back to the car index), so one row sort gives the
  order. Where every starter scores (IMSA), retiring cars are ranked behind the others instead.
- *bonuses*: the fastest lap goes to the ranked car in place k with the model's weights for k
  (paid only within ``fastest_lap_max_position``); pole to a car drawn the same way over all cars;
  the winner and the pole sitter lead a lap, the winner leads most laps.
- *points and countback*: exact integers (points times the problem's ``scale``), read from
  per-place tables. Countback counts are packed into int64 words, most significant place first,
  with the points in front, so that one lexicographic sort per word ranks the final table with
  the modelled tie-break chain (:func:`~podium.title.evaluate.modelled_tiebreak`); best-N drops are
  applied per counting window. Equal on every word: a shared place, like
  :func:`~podium.standings.rank`.

Chunks have a fixed size and their own seed (``SeedSequence(seed, spawn_key=(chunk,))``), so a
result depends on the seed only, not on the number of threads. Memory is bounded by the chunk.
A few rows of every run are decoded back into :class:`~podium.title.problem.Completion` objects
and checked against :func:`~podium.title.evaluate.final_table` (:mod:`podium.forecast.exact`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from podium.errors import RuleError, SolverError
from podium.forecast.models import Performance
from podium.rules import TieBreakStep
from podium.title.evaluate import modelled_tiebreak
from podium.title.problem import RemainingSession, TitleProblem, total_remaining

CHUNK = 2048
"""Rows simulated together; fixed so that results do not depend on how chunks are spread."""

BLOCK = 8
"""Consecutive rows that share one draw of the model's parameters."""

Ints = NDArray[np.int64]
Index = NDArray[np.intp]


@dataclass(frozen=True, eq=False)
class SessionPlan:
    """One remaining session compiled to arrays."""

    session: RemainingSession
    cars: tuple[str, ...]
    named: int
    """The first ``named`` cars belong to contestants; the rest are unnamed field cars."""
    column: Index
    """Per car: its contestant's index (the field's column, ``K``, for unnamed cars)."""
    slots: tuple[tuple[Index, Index], ...]
    """(car columns, contestant indices) per car slot: the 1st car of each contestant, the 2nd…"""
    identity: bool
    """Cars are exactly the contestants, one each, in order: no index juggling needed."""
    points: Ints
    """Scaled points by place (index 0: not ranked)."""
    words: tuple[Ints, ...]
    """Per key word: what a place adds to it (countback counts, and points in word 0 when fused)."""
    unit: int
    fastest_lap: int
    pole: int
    led: int
    most_led: int


@dataclass(frozen=True, eq=False)
class Plan:
    """A problem compiled for simulation (independent of the performance model)."""

    problem: TitleProblem
    sessions: tuple[SessionPlan, ...]
    ranked: Index
    """Contestants in the final table (excluded ones are left out)."""
    fused: bool
    """Points are added straight into word 0 (no drops, every car scores)."""
    points_shift: int
    points_bits: int
    floor: int
    """Lowest scaled points now of a ranked contestant: the origin of the points field."""
    start_points: Ints
    start_words: tuple[Ints, ...]
    rank_bits: int
    units: tuple[tuple[int, int], ...]
    """New counting units: (round, index)."""
    windows: tuple[tuple[int, Ints, NDArray[np.bool_]], ...]
    """Per counting window: (best, past unit values per contestant padded with 0, new units covered)."""
    outside_past: Ints
    """Per contestant: scaled worth of past units outside every window (always counted)."""
    outside_new: NDArray[np.bool_]
    adjusted: Ints
    scale: int
    """The problem's scale (computed once: points times scale are integers)."""


def _key_digits(problem: TitleProblem, width: int) -> list[int]:
    """Places (1-based) whose counts the tie-break compares, most significant first."""
    digits: list[int] = []
    for step in modelled_tiebreak(problem.tiebreak).chain:
        if step is TieBreakStep.COUNTBACK:
            digits.extend(range(1, width + 1))
        elif step is TieBreakStep.WINS:
            digits.append(1)
    return digits


def compile_problem(problem: TitleProblem) -> Plan:
    """Arrays for every remaining session and the layout of the ranking key."""
    contestants = problem.contestants
    k = len(contestants)
    scale = problem.scale
    ranked = np.array([i for i, c in enumerate(contestants) if not c.excluded], dtype=np.intp)
    index = {c.id: i for i, c in enumerate(contestants)}
    fields = [s.field for s in problem.sessions]
    width = problem.countback_width or max([len(c.countback) for c in contestants] + fields + [0])
    digits = _key_digits(problem, width)

    # Largest count a countback place can reach, hence the bits of one digit.
    most = 1
    for c in contestants:
        runs = sum(1 for s in problem.sessions if s.countback and s.id in c.sessions)
        most = max(most, max(c.countback[:width], default=0) + runs * len(c.cars))
    digit_bits = most.bit_length()
    rank_bits = max(1, (max(len(ranked), 1) - 1).bit_length())
    capacity = 63 - rank_bits
    floor = min((int(c.points * scale) for c in contestants), default=0)
    ceiling = max((int((c.points + total_remaining(problem, c)) * scale) for c in contestants), default=0)
    points_bits = max(1, (ceiling - floor).bit_length())
    if points_bits + digit_bits > capacity:
        raise RuleError(f"points too large to simulate exactly ({points_bits} bits)")
    # Lay the key out: points, then digits, filling words of `capacity` bits, most significant first.
    layout: list[tuple[int, int]] = []  # per digit: (word, shift)
    word, used = 0, points_bits
    for _ in digits:
        if used + digit_bits > capacity:
            word, used = word + 1, 0
        used += digit_bits
        layout.append((word, capacity - used))
    words = word + 1
    points_shift = capacity - points_bits

    drops = problem.drops
    fused = not drops and problem.cars_scoring is None
    start_words = [np.zeros(k, dtype=np.int64) for _ in range(words)]
    for i, c in enumerate(contestants):
        counts = list(c.countback[:width])
        for (w, shift), place in zip(layout, digits, strict=True):
            if place <= len(counts):
                start_words[w][i] += counts[place - 1] << shift
    start_points = np.array([int(c.points * scale) for c in contestants], dtype=np.int64)
    if fused:
        start_words[0] += (start_points - floor) << points_shift

    unit_index: dict[str, int] = {}
    units: list[tuple[int, int]] = []
    plans = []
    for s in problem.sessions:
        cars = tuple(problem.cars_in(s))
        named = len(cars) - s.anonymous
        owners = [index[o] for o in (problem.owner(car) for car in cars[:named]) if o is not None]
        column = np.array([*owners, *([k] * s.anonymous)], dtype=np.intp)
        seen: dict[int, int] = {}
        per_slot: dict[int, tuple[list[int], list[int]]] = {}
        for car_col, owner in enumerate(owners):
            slot = seen.get(owner, 0)
            seen[owner] = slot + 1
            per_slot.setdefault(slot, ([], []))
            per_slot[slot][0].append(car_col)
            per_slot[slot][1].append(owner)
        slots = tuple(
            (np.array(cols, dtype=np.intp), np.array(who, dtype=np.intp))
            for _, (cols, who) in sorted(per_slot.items())
        )
        identity = s.anonymous == 0 and owners == list(range(k))
        n = len(cars)
        table = np.zeros(n + 1, dtype=np.int64)
        for place in range(1, n + 1):
            table[place] = int(s.points(place) * scale)
        luts = [np.zeros(n + 1, dtype=np.int64) for _ in range(words)]
        if s.countback:
            for (w, shift), place in zip(layout, digits, strict=True):
                if place <= n:
                    luts[w][place] += 1 << shift
        if fused:
            luts[0] += table << points_shift
        if s.unit not in unit_index:
            unit_index[s.unit] = len(units)
            units.append((s.round, len(units)))
        plans.append(
            SessionPlan(
                session=s,
                cars=cars,
                named=named,
                column=column,
                slots=slots,
                identity=identity,
                points=table,
                words=tuple(luts),
                unit=unit_index[s.unit],
                fastest_lap=int(s.fastest_lap * scale),
                pole=int(s.pole * scale),
                led=int(s.led_a_lap * scale),
                most_led=int(s.most_laps_led * scale),
            )
        )

    windows: list[tuple[int, Ints, NDArray[np.bool_]]] = []
    outside_past = np.zeros(k, dtype=np.int64)
    outside_new = np.ones(len(units), dtype=np.bool_)
    if drops:
        covered: dict[int, int] = {}
        for wi, window in enumerate(problem.counting.windows):
            rounds = {u.round for c in contestants for u in c.units} | {r for r, _ in units}
            for r in rounds:
                if window.covers(r):
                    if r in covered:
                        raise RuleError("the forecast needs counting windows that do not overlap")
                    covered[r] = wi
        for wi, window in enumerate(problem.counting.windows):
            past = [
                [int(u.value * scale) for u in c.units if covered.get(u.round) == wi] for c in contestants
            ]
            depth = max([len(p) for p in past] + [0])
            values = np.zeros((k, depth), dtype=np.int64)
            for i, p in enumerate(past):
                values[i, : len(p)] = p
            new = np.array([covered.get(r) == wi for r, _ in units], dtype=np.bool_)
            outside_new &= ~new
            best = window.best if window.best is not None else depth + len(units)
            windows.append((best, values, new))
        for i, c in enumerate(contestants):
            if any(u.value < 0 for u in c.units):
                raise RuleError(f"negative counting unit for {c.name}: the forecast cannot drop it exactly")
            outside_past[i] = sum(int(u.value * scale) for u in c.units if u.round not in covered)
    adjusted = np.array([int(c.adjusted * scale) for c in contestants], dtype=np.int64)
    return Plan(
        problem=problem,
        sessions=tuple(plans),
        ranked=ranked,
        fused=fused,
        points_shift=points_shift,
        points_bits=points_bits,
        floor=floor,
        start_points=start_points,
        start_words=tuple(start_words),
        rank_bits=rank_bits,
        units=tuple(units),
        windows=tuple(windows),
        outside_past=outside_past,
        outside_new=outside_new,
        adjusted=adjusted,
        scale=scale,
    )


@dataclass(eq=False)
class Row:
    """One simulated ending, kept to be checked against ``final_table``."""

    places: list[NDArray[np.intp]]
    """Per session: the place of each car (0: not ranked)."""
    fastest_lap: list[int]
    """Per session: index of the car paid the fastest-lap bonus, -1 for none."""
    pole: list[int]
    positions: NDArray[np.intp]
    """Final position per ranked contestant (plan.ranked order)."""
    points: Ints
    """Final scaled points per contestant."""


@dataclass(eq=False)
class Tally:
    """What a run counts: titles, shared titles, final positions, points."""

    samples: int = 0
    titles: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    shared: int = 0
    positions: Ints = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    points: list[int] = field(default_factory=list)
    """Sum of scaled final points per contestant (Python ints: exact)."""
    witnesses: dict[int, Row] = field(default_factory=dict)
    """First row seen per champion (ranked index; -1: first place shared)."""
    checks: list[Row] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        if not self.samples:
            self.titles = other.titles.copy()
            self.positions = other.positions.copy()
            self.points = list(other.points)
        else:
            self.titles += other.titles
            self.positions += other.positions
            self.points = [a + b for a, b in zip(self.points, other.points, strict=True)]
        self.samples += other.samples
        self.shared += other.shared
        for key, row in other.witnesses.items():
            self.witnesses.setdefault(key, row)
        self.checks.extend(other.checks)


class Simulator:
    """Samples endings of ``plan`` under ``performance``."""

    def __init__(self, plan: Plan, performance: Performance) -> None:
        self.plan = plan
        self.performance = performance
        k = len(plan.problem.contestants)
        if performance.ids != tuple(c.id for c in plan.problem.contestants):
            raise SolverError("performance model fitted for other contestants than the problem's")
        self.k = k
        fl = performance.fastest_lap
        places = max([len(p.cars) for p in plan.sessions] + [1])
        weights = np.zeros(places, dtype=np.float64)
        weights[: min(places, len(fl))] = fl[:places]
        weights[len(fl) :] = fl[-1] if len(fl) else 1.0
        self.fl_cumulative = np.concatenate([[0.0], np.cumsum(weights)])

    # -- parameters per row -------------------------------------------------------------------------
    def _parameters(
        self, rng: np.random.Generator, rows: int
    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """Per row and contestant (+ the field's column): 1/strength and 1/(1 - retirement rate).

        With parameter uncertainty, one draw from the posterior serves :data:`BLOCK` consecutive
        rows: still a sample of the posterior predictive, at an eighth of the cost of the draws.
        """
        perf = self.performance
        draws = (rows + BLOCK - 1) // BLOCK
        inv_w = np.ones((rows, self.k + 1), dtype=np.float32)
        keep = np.ones((rows, self.k + 1), dtype=np.float32)
        if perf.strength_shape is not None:
            shape = perf.strength_shape
            drawn = rng.gamma(shape, perf.strength / shape, size=(draws, self.k))
            inv = np.maximum(drawn, 1e-12) ** -perf.temper
            inv_w[:, : self.k] = np.repeat(inv, BLOCK, axis=0)[:rows]
        else:
            inv_w[:, : self.k] = perf.strength**-perf.temper
        if perf.retire_weight is not None:
            conc = perf.retire_weight
            rate = rng.beta(perf.retire * conc, (1 - perf.retire) * conc, size=(draws, self.k))
            rate = np.repeat(rate, BLOCK, axis=0)[:rows]
        else:
            rate = np.broadcast_to(perf.retire, (rows, self.k))
        keep[:, : self.k] = 1.0 / (1.0 - np.minimum(rate, 0.999))
        keep[:, self.k] = 1.0 / (1.0 - min(perf.field_retire, 0.999))
        return inv_w, keep

    # -- one chunk ------------------------------------------------------------------------------------
    def chunk(self, seed: int, number: int, rows: int, *, checks: int = 0) -> Tally:
        plan = self.plan
        k = self.k
        rng = np.random.Generator(np.random.SFC64(np.random.SeedSequence(seed, spawn_key=(number,))))
        inv_w, keep = self._parameters(rng, rows)
        own_inv_w = np.ascontiguousarray(inv_w[:, :k])
        own_keep = np.ascontiguousarray(keep[:, :k])
        words = [np.repeat(w[None, :], rows, axis=0) for w in plan.start_words]
        points = None if plan.fused else np.zeros((rows, k), dtype=np.int64)
        new_units = np.zeros((rows, k, len(plan.units)), dtype=np.int64) if plan.problem.drops else None
        history: list[tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]] = []
        row_ids = np.arange(rows, dtype=np.intp)
        for sp in plan.sessions:
            n = len(sp.cars)
            base = (row_ids * n)[:, None]
            cols = sp.column
            car_inv_w = own_inv_w if sp.identity else inv_w[:, cols]
            car_keep = own_keep if sp.identity else keep[:, cols]
            starters = sp.session.starters_score
            u = rng.random((rows, n), dtype=np.float32)
            with np.errstate(divide="ignore", over="ignore"):
                if starters:
                    retired = rng.random((rows, n), dtype=np.float32) * car_keep < car_keep - 1
                    np.log(u, out=u)
                    np.multiply(u, car_inv_w, out=u)
                    u[retired] *= -1  # behind every car still running, in their own race order
                else:
                    np.multiply(u, car_keep, out=u)
                    np.log(u, out=u)  # >= 0: not ranked
                    np.multiply(u, car_inv_w, out=u)
            key = u.view(np.int32)
            bits = max(1, (n - 1).bit_length())
            mask = np.int32((1 << bits) - 1)
            key &= ~mask
            key |= np.arange(n, dtype=np.int32)
            key.sort(axis=1)
            order = (key & mask).astype(np.intp)
            slot = np.arange(1, n + 1, dtype=np.int32)
            field_size = sp.session.field
            if starters:
                value = np.broadcast_to(slot, (rows, n)).copy()
                if n > field_size:
                    value = self._cap_starters(order, sp, rows)
            else:
                value = slot[None, :] & (key >> 31)
                if n > field_size:
                    value[:, field_size:] = 0
            flat = np.empty(rows * n, dtype=np.intp)
            flat[(order + base).ravel()] = value.ravel()
            place = flat.reshape(rows, n)

            fl_car = np.full(rows, -1, dtype=np.intp)
            pole_car = np.full(rows, -1, dtype=np.intp)
            bonus: list[tuple[NDArray[np.intp], NDArray[np.int64]]] = []
            if sp.fastest_lap:
                fl_car = self._fastest_lap(rng, order, place, np.count_nonzero(value, axis=1), sp)
                bonus.append((fl_car, np.full(rows, sp.fastest_lap, dtype=np.int64)))
            if sp.pole:
                pick = self._pick(rng, np.full(rows, n, dtype=np.intp))
                pole_car = order[row_ids, pick]
                pole_car = np.where(pole_car < sp.named, pole_car, -1)
                bonus.append((pole_car, np.full(rows, sp.pole, dtype=np.int64)))
            winner = np.full(rows, -1, dtype=np.intp)
            if sp.led or sp.most_led:
                first = place == 1
                winner = np.where(first.any(axis=1), np.argmax(first, axis=1), -1)
                winner = np.where(winner < sp.named, winner, -1)
            if sp.led:
                win = winner
                bonus.append((win, np.full(rows, sp.led, dtype=np.int64)))
                ranked_pole = pole_car >= 0
                ranked_pole[ranked_pole] &= place[ranked_pole, pole_car[ranked_pole]] > 0
                other = np.where(ranked_pole & (pole_car != win), pole_car, -1)
                bonus.append((other, np.full(rows, sp.led, dtype=np.int64)))
            if sp.most_led:
                bonus.append((winner, np.full(rows, sp.most_led, dtype=np.int64)))

            for w, lut in enumerate(sp.words):
                if sp.session.countback or (w == 0 and plan.fused):
                    self._add(words[w], lut[place], sp)
            if not plan.fused or bonus:
                car_points = sp.points[place] if not plan.fused else None
                for car, amount in bonus:
                    hit = car >= 0
                    if plan.fused:
                        owner = sp.column[car[hit]]
                        words[0][row_ids[hit], owner] += amount[hit] << plan.points_shift
                    else:
                        assert car_points is not None
                        car_points[row_ids[hit], car[hit]] += amount[hit]
                if car_points is not None:
                    earned = self._combine(car_points, sp, rows)
                    if new_units is not None:
                        new_units[:, :, sp.unit] += earned
                    else:
                        assert points is not None
                        points += earned
            history.append((place, fl_car, pole_car))

        final_points = self._final_points(words, points, new_units, rows)
        if not plan.fused:
            words[0] += (final_points - plan.floor) << plan.points_shift
        return self._rank(words, final_points, history, rows, checks)

    def _add(self, target: Ints, values: Ints, sp: SessionPlan) -> None:
        """Add per-car values into per-contestant totals (unnamed cars score for nobody)."""
        if sp.identity:
            target += values
            return
        for cols, who in sp.slots:
            target[:, who] += values[:, cols]

    def _combine(self, car_points: Ints, sp: SessionPlan, rows: int) -> Ints:
        """Points per contestant in one session: all their cars, or only the best ``cars_scoring``."""
        out = np.zeros((rows, self.k), dtype=np.int64)
        best = self.plan.problem.cars_scoring
        if best is None or len(sp.slots) <= 1:
            self._add(out, car_points, sp)
            return out
        stacked = np.zeros((rows, self.k, len(sp.slots)), dtype=np.int64)
        for i, (cols, who) in enumerate(sp.slots):
            stacked[:, who, i] = car_points[:, cols]
        stacked.sort(axis=2)
        return np.asarray(stacked[:, :, ::-1][:, :, :best].sum(axis=2), dtype=np.int64)

    def _pick(self, rng: np.random.Generator, count: NDArray[np.intp]) -> NDArray[np.intp]:
        """A place index in [0, count) per row, drawn with the fastest-lap weights."""
        cum = self.fl_cumulative
        target = rng.random(len(count)) * cum[np.maximum(count, 1)]
        pick = np.searchsorted(cum, target, side="right") - 1
        return np.asarray(np.clip(pick, 0, np.maximum(count - 1, 0)), dtype=np.intp)

    def _fastest_lap(
        self,
        rng: np.random.Generator,
        order: NDArray[np.intp],
        place: NDArray[np.intp],
        ranked: NDArray[np.intp],
        sp: SessionPlan,
    ) -> NDArray[np.intp]:
        """The car paid the fastest-lap bonus per row (-1: nobody, or a car outside the paid places)."""
        pick = self._pick(rng, ranked)
        rows = np.arange(len(pick), dtype=np.intp)
        car = order[rows, pick]
        paid = (ranked > 0) & (car < sp.named)
        limit = sp.session.fastest_lap_max_position
        if limit is not None:
            where = place[rows, car]
            paid &= (where >= 1) & (where <= limit)
        return np.where(paid, car, -1)

    def _cap_starters(self, order: NDArray[np.intp], sp: SessionPlan, rows: int) -> NDArray[np.int32]:
        """Every starter scores, but only ``field`` cars start: the last named cars do not."""
        named = order < sp.named
        room = sp.session.field - sp.session.anonymous
        taken = np.cumsum(named, axis=1) <= room
        ranked = ~named | taken
        return np.where(ranked, np.cumsum(ranked, axis=1), 0).astype(np.int32)

    def _final_points(
        self, words: list[Ints], points: Ints | None, new_units: Ints | None, rows: int
    ) -> Ints:
        plan = self.plan
        if plan.fused:
            return np.asarray((words[0] >> plan.points_shift) + plan.floor, dtype=np.int64)
        if new_units is None:
            assert points is not None
            return np.asarray(points + plan.start_points, dtype=np.int64)
        total = np.broadcast_to(plan.outside_past + plan.adjusted, (rows, self.k)).copy()
        total += new_units[:, :, plan.outside_new].sum(axis=2)
        for best, past, covers in plan.windows:
            pool = np.concatenate(
                [np.broadcast_to(past, (rows, *past.shape)), new_units[:, :, covers]], axis=2
            )
            pool.sort(axis=2)
            if best:
                total += pool[:, :, -best:].sum(axis=2)
        return np.asarray(total, dtype=np.int64)

    def _rank(
        self,
        words: list[Ints],
        final_points: Ints,
        history: list[tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]],
        rows: int,
        checks: int,
    ) -> Tally:
        plan = self.plan
        ranked = plan.ranked
        m = len(ranked)
        tally = Tally(samples=rows)
        tally.points = [int(x) for x in final_points.sum(axis=0)]
        if m == 0:
            tally.titles = np.zeros(0, dtype=np.int64)
            tally.positions = np.zeros((0, 0), dtype=np.int64)
            tally.shared = rows
            return tally
        points_field = final_points[:, ranked] - plan.floor
        if points_field.min() < 0 or points_field.max() >= (1 << plan.points_bits):
            raise SolverError("simulated points left the range the exact bounds allow (simulation bug)")
        columns = [w[:, ranked] for w in words]
        bits = plan.rank_bits
        capacity = np.int64((1 << (63 - bits)) - 1)
        # Least significant word first; each pass breaks its ties by the previous pass's order.
        previous = np.broadcast_to(np.arange(m, dtype=np.int64), (rows, m))
        order: NDArray[np.intp] | None = None
        steps = np.broadcast_to(np.arange(m, dtype=np.int64), (rows, m)).ravel()
        base = (np.arange(rows, dtype=np.intp) * m)[:, None]  # flat indexing: no along-axis machinery
        for col in reversed(columns):
            key = (capacity - col) << bits
            key |= previous
            key.sort(axis=1)
            low = (key & ((1 << bits) - 1)).astype(np.intp)
            order = low if order is None else order.ravel()[(low + base).ravel()].reshape(rows, m)
            if len(columns) > 1:
                rank_of = np.empty(rows * m, dtype=np.int64)
                rank_of[(order + base).ravel()] = steps
                previous = rank_of.reshape(rows, m)
        assert order is not None
        level = np.ones((rows, max(m - 1, 0)), dtype=np.bool_)
        where = (order + base).ravel()
        for col in columns:
            s = col.ravel()[where].reshape(rows, m)
            level &= s[:, 1:] == s[:, :-1]
        slot = np.broadcast_to(np.arange(1, m + 1, dtype=np.intp), (rows, m)).copy()
        slot[:, 1:][level] = 0
        slot = np.maximum.accumulate(slot, axis=1)
        placed = np.empty(rows * m, dtype=np.intp)
        placed[where] = slot.ravel()
        position = placed.reshape(rows, m)
        champion = order[:, 0].copy() if m == 1 else np.where(level[:, 0], -1, order[:, 0])
        tally.titles = np.bincount(champion[champion >= 0], minlength=m).astype(np.int64)
        tally.shared = int(np.count_nonzero(champion < 0))
        flat = (np.arange(m, dtype=np.intp)[None, :] * m + position - 1).ravel()
        tally.positions = np.bincount(flat, minlength=m * m).reshape(m, m).astype(np.int64)

        def keep(r: int) -> Row:
            return Row(
                places=[h[0][r].copy() for h in history],
                fastest_lap=[int(h[1][r]) for h in history],
                pole=[int(h[2][r]) for h in history],
                positions=position[r].copy(),
                points=final_points[r].copy(),
            )

        first = np.full(m + 1, rows, dtype=np.intp)  # first row per champion (index m: shared)
        np.minimum.at(first, np.where(champion < 0, m, champion), np.arange(rows, dtype=np.intp))
        for who in np.flatnonzero(first < rows):
            tally.witnesses[-1 if who == m else int(who)] = keep(int(first[who]))
        tally.checks = [keep(r) for r in range(min(checks, rows))]
        return tally

    # -- a whole run ----------------------------------------------------------------------------------
    def run(
        self,
        samples: int,
        seed: int,
        *,
        checks: int = 8,
        workers: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Tally:
        """Simulate ``samples`` endings; ``progress`` gets the number of rows done after each chunk."""
        chunks = [(i, min(CHUNK, samples - i * CHUNK)) for i in range((samples + CHUNK - 1) // CHUNK)]
        total = Tally()
        workers = workers or min(os.cpu_count() or 1, 4)

        def one(item: tuple[int, int]) -> Tally:
            number, rows = item
            return self.chunk(seed, number, rows, checks=checks if number == 0 else 0)

        if workers <= 1 or len(chunks) <= 1:
            for item in chunks:
                total.add(one(item))
                if progress is not None:
                    progress(item[1])
            return total
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for item, part in zip(chunks, pool.map(one, chunks), strict=True):
                total.add(part)
                if progress is not None:
                    progress(item[1])
        return total


def scaled(value: int, scale: int) -> Fraction:
    return Fraction(value, scale)
