"""CP-SAT title engine (OR-Tools): the same questions as the brute-force engine, for real sizes.

Data, model, variables, constraints, objective, solve — in that order (OR-Tools samples' shape).

Variables: ``x[car, session, place]`` is true when ``car`` is ranked at ``place`` in ``session``;
a car ranked nowhere did not start (or, where retiring scores nothing, was not classified). The
ranked places of every session form a prefix 1..k, so a car that does not start is exactly a car
that finished behind everyone and scored nothing — which is why no "gap" can ever pay a rival.

We use one variable per car, session and place rather than DESIGN.md's per-type counts: counts do
not decompose into real sessions once cars may be unranked (a car counted once in 2nd and once in
3rd, with 2nd occupied in only one session, cannot be scheduled), and non-starters are central to
clinch conditions. Competitors who cannot change the answer are left out of the model and their
cars become an anonymous filler pool, which keeps models small.

Counted points are bounded from the side the question needs: a competitor who must score *much*
gets a lower bound (choose the best-N results explicitly), one who must score *little* an upper
bound (best-N sum ≤ k·t + Σ max(0, v − t)). Both bounds are exact at the optimum, so every answer
is exact; every witness is then replayed by the caller.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import Any

from ortools.sat.python import cp_model

from podium.errors import SolverError
from podium.rules import TieBreakStep
from podium.title.constraints import NONE, ConditionKind, Constraint, Fixed
from podium.title.engine import PositionBounds
from podium.title.evaluate import modelled_tiebreak
from podium.title.problem import (
    ANONYMOUS,
    Completion,
    Contestant,
    RemainingSession,
    SessionOutcome,
    TitleProblem,
    total_remaining,
)

DEFAULT_WORK_LIMIT = 60.0
"""Deterministic work one solve may take (CP-SAT ``max_deterministic_time`` units). With one worker
and a fixed seed the search, and so the answer, is the same on every machine under any load; a
solve cut by the limit raises :class:`~podium.errors.SolverError` (or, for optimisations asked for
``partial`` answers, returns the proven bounds), never a silent guess."""


class _CpModel(cp_model.CpModel):
    """CpModel without the deprecated camelCase aliases it adds to every instance.

    Adding them costs about 0.7 ms per model, more than solving our small models; the title
    analyst builds thousands of models, and we never call the camelCase names.
    """

    def _add_pre_pep8_methods(self) -> None:
        return None


class Side(Enum):
    """Which bound of a competitor's counted points a question needs."""

    UP = "up"
    """Must score at least this: a lower bound."""
    DOWN = "down"
    """Must score at most this: an upper bound."""


def _int(value: Fraction, scale: int) -> int:
    scaled = value * scale
    assert scaled.denominator == 1, (value, scale)
    return int(scaled)


@dataclass
class _Model:
    problem: TitleProblem
    explicit: list[Contestant]
    sides: dict[str, Side]
    constraint: Constraint
    scale: int
    model: cp_model.CpModel = field(default_factory=_CpModel)
    x: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    ranked: dict[tuple[str, str], Any] = field(default_factory=dict)
    k: dict[str, Any] = field(default_factory=dict)
    fl: dict[tuple[str, str], Any] = field(default_factory=dict)
    pole: dict[tuple[str, str], Any] = field(default_factory=dict)
    led: dict[tuple[str, str], Any] = field(default_factory=dict)
    most: dict[tuple[str, str], Any] = field(default_factory=dict)
    points: dict[str, Any] = field(default_factory=dict)
    session_points: dict[tuple[str, str], Any] = field(default_factory=dict)
    countback: dict[str, list[Any]] = field(default_factory=dict)
    width: int = 0

    # -- variables ---------------------------------------------------------------------------------
    def build(self) -> None:
        problem = self.problem
        explicit_ids = {c.id for c in self.explicit}
        for s in problem.sessions:
            cars = [car for c in self.explicit for car in c.cars_in(s.id)]
            others = [car for c in problem.contestants if c.id not in explicit_ids for car in c.cars_in(s.id)]
            pool = len(others) + s.anonymous
            places = range(1, s.field + 1)
            k = self.model.new_int_var(0, s.field, f"k[{s.id}]")
            self.k[s.id] = k
            for car in cars:
                xs = [self.model.new_bool_var(f"{car}@{s.id}=P{p}") for p in places]
                self.x[(car, s.id)] = xs
                r = self.model.new_bool_var(f"{car}@{s.id}:ranked")
                self.model.add(sum(xs) == r)
                self.ranked[(car, s.id)] = r
                for p, var in zip(places, xs, strict=True):
                    self.model.add(k >= p).only_enforce_if(var)
            # One car per place; ranked places form the prefix 1..k.
            for p in places:
                at_p = [self.x[(car, s.id)][p - 1] for car in cars]
                if at_p:
                    self.model.add_at_most_one(at_p)
            ranked_explicit = sum(self.ranked[(car, s.id)] for car in cars)
            # The filler pool takes the remaining places up to k.
            self.model.add(k - ranked_explicit <= pool)
            if s.starters_score:
                self.model.add(k - ranked_explicit >= s.anonymous)
            self._bonuses(s, cars)
        self._fixed()
        self._bonus_fixed()
        self._points()
        self._countback()

    def _bonuses(self, s: RemainingSession, cars: list[str]) -> None:
        m = self.model
        if s.fastest_lap:
            flags = []
            for car in cars:
                f = m.new_bool_var(f"{car}@{s.id}:fl")
                if s.fastest_lap_max_position is not None:
                    m.add(sum(self.x[(car, s.id)][: s.fastest_lap_max_position]) >= 1).only_enforce_if(f)
                self.fl[(car, s.id)] = f
                flags.append(f)
            if flags:
                m.add_at_most_one(flags)
        if s.pole:
            flags = []
            for car in cars:
                f = m.new_bool_var(f"{car}@{s.id}:pole")
                self.pole[(car, s.id)] = f
                flags.append(f)
            if flags:
                m.add_at_most_one(flags)
        if s.led_a_lap:
            for car in cars:
                f = m.new_bool_var(f"{car}@{s.id}:led")
                m.add_implication(f, self.ranked[(car, s.id)])
                self.led[(car, s.id)] = f
        if s.most_laps_led:
            flags = []
            for car in cars:
                f = m.new_bool_var(f"{car}@{s.id}:most")
                m.add_implication(f, self.ranked[(car, s.id)])
                if s.led_a_lap:
                    m.add_implication(f, self.led[(car, s.id)])
                self.most[(car, s.id)] = f
                flags.append(f)
            if flags:
                m.add_at_most_one(flags)

    def _fixed(self) -> None:
        for f in self.constraint.fixed:
            xs = self.x.get((f.car, f.session))
            if xs is None:
                if f.place is None:
                    continue
                self.impossible()
                continue
            if f.place is None:
                self.model.add(self.ranked[(f.car, f.session)] == 0)
            elif f.place > len(xs):
                self.impossible()
            else:
                self.model.add(xs[f.place - 1] == 1)

    def _bonus_fixed(self) -> None:
        """Fixed bonus holders: the car's flag is set (its owner is always modelled, see
        ``CpsatEngine._involved``); a bonus the session does not pay, or in a session the car
        cannot start, cannot be taken."""
        flags = {"fastest_lap": self.fl, "pole": self.pole, "most_laps_led": self.most, "led_a_lap": self.led}
        for b in self.constraint.bonuses:
            flag = flags[b.bonus].get((b.car, b.session))
            if flag is None:  # not paid in that session, or the car cannot start it
                if b.takes:
                    self.impossible()
                continue
            self.model.add(flag == int(b.takes))

    def impossible(self) -> None:
        """Make the model infeasible (a query that asks for something that cannot happen)."""
        never = self.model.new_bool_var("impossible")
        self.model.add(never == 1)
        self.model.add(never == 0)

    def car_points(self, car: str, s: RemainingSession) -> Any:
        """Scaled points of one car in one session (table place + bonuses): a linear expression."""
        xs = self.x[(car, s.id)]
        expr = sum(_int(s.points(p), self.scale) * var for p, var in enumerate(xs, start=1))
        if (car, s.id) in self.fl:
            expr += _int(s.fastest_lap, self.scale) * self.fl[(car, s.id)]
        if (car, s.id) in self.pole:
            expr += _int(s.pole, self.scale) * self.pole[(car, s.id)]
        if (car, s.id) in self.led:
            expr += _int(s.led_a_lap, self.scale) * self.led[(car, s.id)]
        if (car, s.id) in self.most:
            expr += _int(s.most_laps_led, self.scale) * self.most[(car, s.id)]
        return expr

    def _team_session(self, c: Contestant, s: RemainingSession, side: Side | None) -> Any:
        values = [self.car_points(car, s) for car in c.cars_in(s.id)]
        k = self.problem.cars_scoring
        if k is None or k >= len(values):
            return sum(values)
        top = _int(s.max_points, self.scale)
        return self._top_k(values, k, side or Side.UP, top, f"{c.id}@{s.id}")

    def _top_k(self, values: list[Any], k: int, side: Side, top: int, name: str) -> Any:
        """Bound on the sum of the ``k`` largest of ``values`` (each in [0, top])."""
        m = self.model
        if side is Side.UP:
            chosen = []
            for i, v in enumerate(values):
                b = m.new_bool_var(f"{name}:pick{i}")
                z = m.new_int_var(0, max(top, 0), f"{name}:z{i}")
                m.add(z <= v)
                m.add(z <= top * b)
                chosen.append((b, z))
            m.add(sum(b for b, _ in chosen) <= k)
            return sum(z for _, z in chosen)
        t = m.new_int_var(0, max(top, 0), f"{name}:t")
        excess = []
        for i, v in enumerate(values):
            e = m.new_int_var(0, max(top, 0), f"{name}:e{i}")
            m.add(e >= v - t)
            excess.append(e)
        return k * t + sum(excess)

    def _points(self) -> None:
        problem = self.problem
        for c in self.explicit:
            side = self.sides.get(c.id)
            per_session = {}
            for s in problem.sessions:
                if s.id in c.sessions:
                    expr = self._team_session(c, s, side)
                    per_session[s.id] = expr
                    self.session_points[(c.id, s.id)] = expr
            if not problem.drops:
                self.points[c.id] = _int(c.points, self.scale) + sum(per_session.values())
                continue
            self.points[c.id] = self._counted(c, per_session, side or Side.UP)

    def _counted(self, c: Contestant, per_session: dict[str, Any], side: Side) -> Any:
        problem = self.problem
        units: dict[str, tuple[int, Any, int]] = {}
        for u in c.units:
            v = _int(u.value, self.scale)
            units[u.key] = (u.round, v, v)
        for s in problem.sessions:
            if s.id not in per_session:
                continue
            r, expr, top = units.get(s.unit, (s.round, 0, 0))
            units[s.unit] = (r, expr + per_session[s.id], top + _int(s.max_points, self.scale))
        total: Any = _int(c.adjusted, self.scale)
        covered: set[str] = set()
        for w, window in enumerate(problem.counting.windows):
            inside = [(key, expr, top) for key, (r, expr, top) in units.items() if window.covers(r)]
            covered.update(key for key, _, _ in inside)
            if window.best is None or window.best >= len(inside):
                total += sum(expr for _, expr, _ in inside)
                continue
            top = max((t for _, _, t in inside), default=0)
            total += self._top_k([expr for _, expr, _ in inside], window.best, side, top, f"{c.id}:w{w}")
        total += sum(expr for key, (_, expr, _) in units.items() if key not in covered)
        return total

    def _countback(self) -> None:
        problem = self.problem
        tb = modelled_tiebreak(problem.tiebreak)
        if TieBreakStep.COUNTBACK in tb.chain:
            width = problem.countback_width or max(
                [len(c.countback) for c in self.explicit] + [s.field for s in problem.sessions], default=0
            )
        elif TieBreakStep.WINS in tb.chain:
            width = 1
        else:
            width = 0
        self.width = width
        for c in self.explicit:
            vec = []
            for p in range(1, width + 1):
                past = c.countback[p - 1] if p <= len(c.countback) else 0
                new = [
                    self.x[(car, s.id)][p - 1]
                    for s in problem.sessions
                    if s.countback
                    for car in c.cars_in(s.id)
                    if p <= s.field
                ]
                vec.append(past + sum(new))
            self.countback[c.id] = vec

    # -- comparisons --------------------------------------------------------------------------------
    def _countback_literals(self, a: str, b: str) -> tuple[Any, Any]:
        """Literals: a wins countback over b; a and b are equal on countback."""
        m = self.model
        va, vb = self.countback[a], self.countback[b]
        wins = []
        prefix_equal: list[Any] = []
        for p in range(self.width):
            first = m.new_bool_var(f"cb:{a}>{b}@{p + 1}")
            m.add(va[p] >= vb[p] + 1).only_enforce_if(first)
            for eq in prefix_equal:
                m.add_implication(first, eq)
            wins.append(first)
            eq = m.new_bool_var(f"cb:{a}={b}@{p + 1}")
            m.add(va[p] == vb[p]).only_enforce_if(eq)
            prefix_equal.append(eq)
        a_wins = m.new_bool_var(f"cb:{a}>{b}")
        m.add_bool_or(wins).only_enforce_if(a_wins) if wins else m.add(a_wins == 0)
        equal = m.new_bool_var(f"cb:{a}=={b}")
        for eq in prefix_equal:
            m.add_implication(equal, eq)
        return a_wins, equal

    def ahead(self, a: str, b: str) -> Any:
        """A literal that, when true, forces ``a`` to finish strictly ahead of ``b``.

        ``a`` must have side UP and ``b`` side DOWN. If the rules break ties with steps after
        countback (who scored first, grid…), an exact countback tie also counts as a possible win
        for ``a``; the caller resolves it by replaying the season.
        """
        m = self.model
        lit = m.new_bool_var(f"{a}>{b}")
        strict = m.new_bool_var(f"{a}>>{b}")
        m.add(self.points[a] >= self.points[b] + 1).only_enforce_if(strict)
        options = [strict]
        if self.width:
            tie = m.new_bool_var(f"{a}~{b}")
            m.add(self.points[a] >= self.points[b]).only_enforce_if(tie)
            a_wins, equal = self._countback_literals(a, b)
            unresolved = self._unresolved_ties()
            if unresolved:
                either = m.new_bool_var(f"{a}?{b}")
                m.add_bool_or([a_wins, equal]).only_enforce_if(either)
                m.add_implication(tie, either)
            else:
                m.add_implication(tie, a_wins)
            options.append(tie)
        m.add_bool_or(options).only_enforce_if(lit)
        return lit

    def not_behind(self, a: str, b: str) -> Any:
        """A literal forcing ``a`` to finish level with or ahead of ``b`` (a UP, b DOWN)."""
        m = self.model
        lit = m.new_bool_var(f"{a}>={b}")
        strict = m.new_bool_var(f"{a}>>={b}")
        m.add(self.points[a] >= self.points[b] + 1).only_enforce_if(strict)
        options = [strict]
        tie = m.new_bool_var(f"{a}~={b}")
        m.add(self.points[a] >= self.points[b]).only_enforce_if(tie)
        if self.width:
            a_wins, equal = self._countback_literals(a, b)
            either = m.new_bool_var(f"{a}?={b}")
            m.add_bool_or([a_wins, equal]).only_enforce_if(either)
            m.add_implication(tie, either)
        options.append(tie)
        m.add_bool_or(options).only_enforce_if(lit)
        return lit

    def _unresolved_ties(self) -> bool:
        chain = self.problem.tiebreak.chain
        modelled = modelled_tiebreak(self.problem.tiebreak).chain
        return any(step not in modelled for step in chain)

    # -- conditions ----------------------------------------------------------------------------------
    def add_conditions(self) -> None:
        m = self.model
        for b in self.constraint.best:
            cars = [
                car for car in self.problem.contestant(b.who).cars_in(b.session) if (car, b.session) in self.x
            ]
            if b.place is None:
                for car in cars:
                    m.add(self.ranked[(car, b.session)] == 0)
            elif not cars or b.place > len(self.x[(cars[0], b.session)]):
                self.impossible()
            else:  # one car at the place, none ahead of it
                m.add(sum(self.x[(car, b.session)][b.place - 1] for car in cars) == 1)
                for car in cars:
                    for ahead in self.x[(car, b.session)][: b.place - 1]:
                        m.add(ahead == 0)
        for margin in self.constraint.margins:
            gained = sum(
                self.session_points.get((margin.who, s), 0) - self.session_points.get((margin.rival, s), 0)
                for s in margin.sessions
            )
            if margin.at_least is not None:
                m.add(gained >= _ceil_scaled(margin.at_least, self.scale))
            if margin.at_most is not None:
                m.add(gained <= -_ceil_scaled(-margin.at_most, self.scale))
        for cond in self.constraint.conditions:
            c = self.problem.contestant(cond.who)
            car = c.cars[0]
            sessions = [s for s in self.problem.sessions if s.id in c.sessions]
            value = cond.value
            if cond.kind is ConditionKind.START:
                m.add(sum(self.ranked[(car, s.id)] for s in sessions) >= int(value))
            elif cond.kind is ConditionKind.UNIFORM:
                if len(sessions) < len(self.problem.sessions):
                    self.impossible()
                for s in sessions:
                    m.add(sum(self.x[(car, s.id)][: int(value)]) == 1)
            elif cond.kind is ConditionKind.ONE_AND_START:
                if len(sessions) < len(self.problem.sessions):
                    self.impossible()
                for s in sessions:
                    m.add(self.ranked[(car, s.id)] == 1)
                m.add(sum(sum(self.x[(car, s.id)][: int(value)]) for s in sessions) >= 1)
            elif cond.kind is ConditionKind.POINTS:
                earned = sum(self.session_points[(c.id, s.id)] for s in sessions)
                m.add(earned >= _ceil_scaled(Fraction(value), self.scale))
            elif cond.kind is ConditionKind.AHEAD_OF:
                self._ahead_of(c, self.problem.contestant(str(value)))

    def _ahead_of(self, c: Contestant, other: Contestant) -> None:
        """In every remaining session one of ``c``'s cars is ranked ahead of every ranked car of
        ``other`` (one car: that car; a team: "one car ahead of both Ferraris")."""
        m = self.model
        for s in self.problem.sessions:
            mine = [car for car in c.cars_in(s.id) if (car, s.id) in self.x]
            if s.id not in c.sessions or not mine:
                self.impossible()
                continue
            theirs = (
                [car for car in other.cars_in(s.id) if (car, s.id) in self.x]
                if s.id in other.sessions
                else []
            )
            leaders = []
            for car in mine:
                lead = m.new_bool_var(f"{car} leads {other.id}@{s.id}")
                m.add(self.ranked[(car, s.id)] == 1).only_enforce_if(lead)
                place = sum(p * v for p, v in enumerate(self.x[(car, s.id)], start=1))
                for ocar in theirs:
                    ahead = m.new_bool_var(f"{car}<{ocar}@{s.id}")
                    there = sum(p * v for p, v in enumerate(self.x[(ocar, s.id)], start=1))
                    m.add(place + 1 <= there).only_enforce_if(ahead)
                    m.add_bool_or([ahead, self.ranked[(ocar, s.id)].Not(), lead.Not()])
                leaders.append(lead)
            m.add_bool_or(leaders)

    # -- solving --------------------------------------------------------------------------------------
    def solve(
        self, work_limit: float, maximize: Any = None, minimize: Any = None, *, partial: bool = False
    ) -> cp_model.CpSolver | None:
        if maximize is not None:
            self.model.maximize(maximize)
        if minimize is not None:
            self.model.minimize(minimize)
        solver = cp_model.CpSolver()
        solver.parameters.max_deterministic_time = work_limit
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 7
        if len(self.model.proto.variables) <= 150:
            # Tiny models: search is immediate and presolve costs more than it saves (bigger ones keep
            # it: without presolve a "sum of places ≥ K" constraint can stall the search for seconds).
            solver.parameters.cp_model_presolve = False
        status = solver.solve(self.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if (maximize is not None or minimize is not None) and status != cp_model.OPTIMAL and not partial:
                raise SolverError(
                    f"no proof of optimality within work {work_limit:g} for {self.problem.title}"
                )
            return solver
        if status == cp_model.INFEASIBLE:
            return None
        raise SolverError(
            f"CP-SAT found no answer within work {work_limit:g} for {self.problem.title} "
            f"({solver.status_name(status)})"
        )

    def completion(self, solver: cp_model.CpSolver) -> Completion:
        """Read a legal completion from a solution, filling free places with the other cars."""
        problem = self.problem
        explicit_ids = {c.id for c in self.explicit}
        outcomes = []
        for s in problem.sessions:
            k = solver.value(self.k[s.id])
            slots: list[str | None] = [None] * k
            unranked: list[str] = []
            explicit_cars = [car for c in self.explicit for car in c.cars_in(s.id)]
            for car in explicit_cars:
                place = next(
                    (p for p, v in enumerate(self.x[(car, s.id)], start=1) if solver.boolean_value(v)), None
                )
                if place is None:
                    unranked.append(car)
                else:
                    slots[place - 1] = car
            free = [i for i, car in enumerate(slots) if car is None]
            fillers = [f"{ANONYMOUS}{i + 1}" for i in range(s.anonymous)]
            others = [
                car
                for c in sorted(problem.contestants, key=lambda c: (-c.points, c.name))
                if c.id not in explicit_ids
                for car in c.cars_in(s.id)
            ]
            pool = fillers + others if s.starters_score else others + fillers
            for i, car in zip(free, pool, strict=False):
                slots[i] = car
            used = {c for c in slots if c is not None}
            unranked.extend(c for c in others if c not in used)
            order = tuple(c for c in slots if c is not None)
            fl = next(
                (
                    car
                    for car in explicit_cars
                    if (car, s.id) in self.fl and solver.boolean_value(self.fl[(car, s.id)])
                ),
                None,
            )
            pole = next(
                (
                    car
                    for car in explicit_cars
                    if (car, s.id) in self.pole and solver.boolean_value(self.pole[(car, s.id)])
                ),
                None,
            )
            led = tuple(
                car
                for car in explicit_cars
                if (car, s.id) in self.led and solver.boolean_value(self.led[(car, s.id)])
            )
            most = next(
                (
                    car
                    for car in explicit_cars
                    if (car, s.id) in self.most and solver.boolean_value(self.most[(car, s.id)])
                ),
                None,
            )
            outcomes.append(SessionOutcome(s.id, order, tuple(unranked), fl, pole, led, most))
        return Completion(tuple(outcomes))


def _ceil_scaled(value: Fraction, scale: int) -> int:
    scaled = value * scale
    return -((-scaled.numerator) // scaled.denominator)


class CpsatEngine:
    """Title queries answered with CP-SAT models (see the module docstring)."""

    name = "cpsat"
    exhaustive = False

    def __init__(self, problem: TitleProblem, *, work_limit: float = DEFAULT_WORK_LIMIT) -> None:
        self.problem = problem
        self.work_limit = work_limit
        self.scale = _scale(problem)

    @contextmanager
    def capped(self, work: float) -> Iterator[None]:
        """Within the block every solve takes at most ``work`` (or the engine's own limit if lower)."""
        limit = self.work_limit
        self.work_limit = min(limit, work)
        try:
            yield
        finally:
            self.work_limit = limit

    # Bounds used to leave harmless competitors out of a model.
    def _floor(self, c: Contestant) -> Fraction:
        return c.points

    def _ceiling(self, c: Contestant) -> Fraction:
        return c.points + total_remaining(self.problem, c)

    def _involved(self, constraint: Constraint) -> set[str]:
        ids: set[str] = set()
        for cond in constraint.conditions:
            ids.add(cond.who)
            if cond.kind is ConditionKind.AHEAD_OF:
                ids.add(str(cond.value))
        for f in constraint.fixed:
            owner = self.problem.owner(f.car)
            if owner is not None:
                ids.add(owner)
        for b in constraint.bonuses:
            owner = self.problem.owner(b.car)
            if owner is not None:
                ids.add(owner)
        for margin in constraint.margins:
            ids |= {margin.who, margin.rival}
        ids |= {b.who for b in constraint.best}
        return ids

    def _model(self, explicit: Iterable[str], sides: dict[str, Side], constraint: Constraint) -> _Model:
        problem = self.problem
        wanted = set(explicit) | self._involved(constraint)
        chosen = [c for c in problem.contestants if c.id in wanted]
        built = _Model(problem, chosen, sides, constraint, self.scale)
        built.build()
        built.add_conditions()
        return built

    def witness_ahead(self, rival: str, target: str, constraint: Constraint = NONE) -> Completion | None:
        """A completion where ``rival`` finishes strictly ahead of ``target`` (None: impossible)."""
        if rival == target:
            return None
        r, t = self.problem.contestant(rival), self.problem.contestant(target)
        if r.excluded or t.excluded:
            return None
        if self._ceiling(r) < self._floor(t) and constraint.empty:
            return None
        built = self._model([rival, target], {rival: Side.UP, target: Side.DOWN}, constraint)
        built.model.add(built.ahead(rival, target) == 1)
        solver = built.solve(self.work_limit)
        return built.completion(solver) if solver else None

    def witness_level_or_ahead(
        self, rival: str, target: str, constraint: Constraint = NONE
    ) -> Completion | None:
        """A completion where ``rival`` finishes level with or ahead of ``target`` (None: impossible)."""
        return self.witness_challenger(target, constraint, rivals=[rival])

    def floor_under(self, target: Contestant, constraint: Constraint) -> Fraction:
        """Points ``target`` is sure to have at the end if ``constraint`` holds (for pruning rivals)."""
        floor = self._floor(target)
        if self.problem.drops:
            return floor
        sessions = [s for s in self.problem.sessions if target.cars_in(s.id)]
        for cond in constraint.conditions:
            if cond.who != target.id:
                continue
            value = cond.value
            if cond.kind is ConditionKind.POINTS:
                floor = max(floor, self._floor(target) + Fraction(value))
            elif cond.kind is ConditionKind.UNIFORM:
                floor = max(
                    floor,
                    self._floor(target)
                    + sum(
                        (
                            s.points(min(int(value), s.field))
                            if s.starters_score or int(value) <= s.field
                            else Fraction(0)
                        )
                        for s in sessions
                    ),
                )
            elif cond.kind is ConditionKind.START and all(s.starters_score for s in sessions):
                lows = sorted(s.points(s.field) for s in sessions)
                floor = max(floor, self._floor(target) + sum(lows[: int(value)], Fraction(0)))
            elif cond.kind is ConditionKind.ONE_AND_START and all(s.starters_score for s in sessions):
                lows = [s.points(s.field) for s in sessions]
                gain = (
                    min(s.points(min(int(value), s.field)) - s.points(s.field) for s in sessions)
                    if sessions
                    else 0
                )
                floor = max(floor, self._floor(target) + sum(lows, Fraction(0)) + gain)
        return floor

    def witness_challenger(
        self, target: str, constraint: Constraint = NONE, rivals: list[str] | None = None
    ) -> Completion | None:
        """A completion where someone (of ``rivals``, default: anyone) finishes level with or ahead of
        ``target``: the counter-example that stops ``target`` from having clinched.

        Whether a rival can catch ``target`` never depends on what the others do (they only fill
        places), so big problems are checked pair by pair, most dangerous rival first; small ones in
        one model. Rivals who cannot reach what ``target`` is sure of under ``constraint`` are skipped.
        """
        t = self.problem.contestant(target)
        if t.excluded:
            return None
        pool = (
            [self.problem.contestant(r) for r in rivals]
            if rivals is not None
            else list(self.problem.contestants)
        )
        floor = self.floor_under(t, constraint)
        threats = [c for c in pool if c.id != target and not c.excluded and self._ceiling(c) >= floor]
        if not threats:
            return None
        threats.sort(key=lambda c: (-self._ceiling(c), c.name))
        size = sum(len(c.cars) for c in threats) * sum(s.field for s in self.problem.sessions)
        groups = [threats] if size < 2000 else [[c] for c in threats]
        for group in groups:
            sides = {target: Side.DOWN, **{c.id: Side.UP for c in group}}
            built = self._model([target, *(c.id for c in group)], sides, constraint)
            built.model.add_bool_or([built.not_behind(c.id, target) for c in group])
            solver = built.solve(self.work_limit)
            if solver is not None:
                return built.completion(solver)
        return None

    def witness_champion(self, target: str, constraint: Constraint = NONE) -> Completion | None:
        """A completion where ``target`` is champion alone (None: impossible)."""
        t = self.problem.contestant(target)
        if t.excluded:
            return None
        floor = self._floor(t)
        rivals = [
            c
            for c in self.problem.contestants
            if c.id != target and not c.excluded and self._ceiling(c) >= floor
        ]
        sides = {target: Side.UP, **{c.id: Side.DOWN for c in rivals}}
        built = self._model([target, *(c.id for c in rivals)], sides, constraint)
        for c in rivals:
            built.model.add(built.ahead(target, c.id) == 1)
        # Among the endings that make ``target`` champion, show the one with their best results.
        places = []
        for s in self.problem.sessions:
            for car in t.cars_in(s.id):
                xs = built.x[(car, s.id)]
                places.append(sum(p * v for p, v in enumerate(xs, start=1)) + (s.field + 1) * (1 - sum(xs)))
        solver = built.solve(self.work_limit, minimize=sum(places) if places else None)
        return built.completion(solver) if solver else None

    def possible(self, constraint: Constraint) -> Completion | None:
        """Any completion satisfying ``constraint``."""
        built = self._model([], {}, constraint)
        solver = built.solve(self.work_limit)
        return built.completion(solver) if solver else None

    def position_bounds(self, target: str) -> tuple[tuple[int, Completion], tuple[int, Completion]]:
        """Best and worst final position of ``target``, each with a completion reaching it."""
        bounds = self.positions(target)
        if bounds.best_lower != bounds.best or bounds.worst_upper != bounds.worst:
            raise SolverError(f"positions of {target!r} not proven within work {self.work_limit:g}")
        assert bounds.best_completion is not None and bounds.worst_completion is not None
        return (bounds.best, bounds.best_completion), (bounds.worst, bounds.worst_completion)

    def positions(
        self, target: str, *, work_limit: float | None = None, best: bool = True, worst: bool = True
    ) -> PositionBounds:
        """Best and worst final position of ``target``, with what is proven when the work limit cuts.

        Best: ``target`` wins every session (moving it to the front never helps anyone else) and
        as few rivals as possible finish ahead. Worst: ``target`` scores nothing and as many as
        possible pass. Competitors who can never pass (or never be passed) are counted, not modelled.
        """
        limit = work_limit or self.work_limit
        t = self.problem.contestant(target)
        others = [c for c in self.problem.contestants if c.id != target and not c.excluded]
        result = PositionBounds()
        if best:
            always_ahead = [c for c in others if self._floor(c) > self._ceiling(t)]
            maybe = [c for c in others if c not in always_ahead and self._ceiling(c) >= self._floor(t)]
            fixed = tuple(
                Fixed(s.id, car, i)
                for s in self.problem.sessions
                for i, car in enumerate(t.cars_in(s.id), start=1)
            )
            built = self._model(
                [target, *(c.id for c in maybe)],
                {target: Side.UP, **{c.id: Side.DOWN for c in maybe}},
                Constraint(fixed=fixed),
            )
            ahead_flags = [built.not_behind(target, c.id).Not() for c in maybe]
            solver = built.solve(limit, minimize=sum(ahead_flags) if ahead_flags else None, partial=True)
            assert solver is not None, "some completion always exists"
            result.best = 1 + len(always_ahead) + sum(solver.boolean_value(f) for f in ahead_flags)
            proven = solver.best_objective_bound if ahead_flags else 0
            result.best_lower = 1 + len(always_ahead) + max(0, int(-(-proven // 1)))
            result.best_completion = built.completion(solver)
        if worst:
            never = [c for c in others if self._ceiling(c) < self._floor(t)]
            maybe = [c for c in others if c not in never]
            fixed = tuple(Fixed(s.id, car, None) for s in self.problem.sessions for car in t.cars_in(s.id))
            built = self._model(
                [target, *(c.id for c in maybe)],
                {target: Side.DOWN, **{c.id: Side.UP for c in maybe}},
                Constraint(fixed=fixed),
            )
            flags = [built.ahead(c.id, target) for c in maybe]
            solver = built.solve(limit, maximize=sum(flags) if flags else None, partial=True)
            assert solver is not None
            result.worst = 1 + sum(solver.boolean_value(f) for f in flags)
            proven = solver.best_objective_bound if flags else 0
            result.worst_upper = 1 + min(len(flags), int(proven // 1))
            result.worst_completion = built.completion(solver)
        return result


def _scale(problem: TitleProblem) -> int:
    return problem.scale


def counts_by_session(problem: TitleProblem) -> dict[str, int]:
    """Cars that may start each remaining session (for reports)."""
    out: dict[str, int] = defaultdict(int)
    for s in problem.sessions:
        out[s.id] = len(problem.cars_in(s))
    return dict(out)
