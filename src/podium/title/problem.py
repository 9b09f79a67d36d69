"""The title question in solver-friendly form: standings now, sessions still to run, the rules.

A :class:`TitleProblem` is built from a stored or imported season (:mod:`podium.title.build`) or from
a hand-written scenario (:mod:`podium.title.scenario`). Both engines (:mod:`~podium.title.brute`,
:mod:`~podium.title.cpsat`) read only this, and every answer they give comes back as a
:class:`Completion` — one legal result for every remaining session — that is replayed through the
standings code before anyone sees it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from math import lcm

from podium.errors import ConsistencyError
from podium.rules import Counting, TieBreak, TieBreakStep
from podium.standings import counted_total

ANONYMOUS = "·"
"""Prefix of the ids of field cars that belong to no contestant (a scenario's unnamed starters)."""


class Status(StrEnum):
    """Where a competitor stands in the title fight."""

    CLINCHED = "clinched"
    """Champion whatever happens in the remaining sessions."""
    ALIVE = "alive"
    """Can still be champion: a witness shows how."""
    ELIMINATED = "eliminated"
    """Cannot be champion whatever happens: a certificate says why."""


@dataclass(frozen=True, slots=True)
class PastUnit:
    """One counting unit already run (an event or a session): its round, session and worth."""

    round: int
    key: str
    """Unit key: the round for event drops, the session id for session drops."""
    value: Fraction


@dataclass(frozen=True, slots=True)
class Contestant:
    """A competitor in the title fight: what they have, and which cars they field from now on."""

    id: str
    name: str
    points: Fraction
    """Counted points now (after drops and adjustments)."""
    units: tuple[PastUnit, ...] = ()
    """Results so far as counting units; needed only when best-N counting drops results."""
    adjusted: Fraction = Fraction(0)
    """Points added or removed outside results (always counted)."""
    countback: tuple[int, ...] = ()
    """Places so far that countback reads: how many 1st, 2nd, … (width of the countback)."""
    cars: tuple[str, ...] = ()
    """Car ids this contestant fields in remaining sessions (one for a driver, two for most teams)."""
    sessions: frozenset[str] = frozenset()
    """Remaining sessions the contestant may start (empty: none — they cannot score any more)."""
    excluded: bool = False
    """Excluded from the classification: can never be champion."""
    car_sessions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Per car, the sessions it may start when that differs from ``sessions`` (a team's third car)."""

    @property
    def label(self) -> str:
        return self.name

    def cars_in(self, session_id: str) -> tuple[str, ...]:
        """The cars this contestant may start in a session."""
        if session_id not in self.sessions:
            return ()
        if not self.car_sessions:
            return self.cars
        return tuple(car for car in self.cars if session_id in self.car_sessions.get(car, self.sessions))


@dataclass(frozen=True, slots=True)
class RemainingSession:
    """A session still to run, with the points its places pay (multipliers already applied)."""

    id: str
    name: str
    round: int
    table: tuple[Fraction, ...]
    """Points by place: ``table[0]`` is the winner's."""
    field: int
    """Most cars that can be ranked (every car that may start)."""
    anonymous: int = 0
    """Cars of no contestant that start and take places (scenario files' unnamed starters)."""
    starters_score: bool = True
    """True: every starter is ranked and scores (IMSA). False: a car may retire unranked (F1)."""
    countback: bool = True
    """Whether places in this session count for countback."""
    fastest_lap: Fraction = Fraction(0)
    """Bonus for the fastest lap (one car), 0 when none."""
    fastest_lap_max_position: int | None = None
    pole: Fraction = Fraction(0)
    led_a_lap: Fraction = Fraction(0)
    most_laps_led: Fraction = Fraction(0)
    unit: str = ""
    """Counting unit key of this session (its round for event drops, its id for session drops)."""
    shortened: Fraction | None = None
    """Set when the question assumes the session stops at this share of its distance (its table
    and bonuses are then the rules' reduced ones)."""

    def points(self, place: int | None) -> Fraction:
        if place is None or place > len(self.table):
            return Fraction(0)
        return self.table[place - 1]

    @property
    def best_bonus(self) -> Fraction:
        return self.fastest_lap + self.pole + self.led_a_lap + self.most_laps_led

    @property
    def max_points(self) -> Fraction:
        return (self.table[0] if self.table else Fraction(0)) + self.best_bonus


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """One legal result of a remaining session: ranked cars in order, then the unranked ones."""

    session: str
    order: tuple[str, ...]
    """Car ids, winner first."""
    unranked: tuple[str, ...] = ()
    """Cars that did not start (or, where retiring scores nothing, were not classified)."""
    fastest_lap: str | None = None
    pole: str | None = None
    led: tuple[str, ...] = ()
    most_laps_led: str | None = None

    def place(self, car: str) -> int | None:
        try:
            return self.order.index(car) + 1
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Completion:
    """Results for every remaining session: a complete, legal end of the season."""

    outcomes: tuple[SessionOutcome, ...]
    _by_session: dict[str, SessionOutcome] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_session", {o.session: o for o in self.outcomes})

    def outcome(self, session: str) -> SessionOutcome:
        return self._by_session[session]


@dataclass(frozen=True, slots=True)
class Moment:
    """When a title question is asked: right after one session of the season.

    A round is not a moment: between the two races of one round (Sebring 2020) or after the
    sprint of a sprint weekend (Qatar 2023), the rest of the round is still to run.
    """

    session: str
    session_name: str
    round: int
    event_name: str
    scoring_sessions_in_round: int = 1
    round_complete: bool = True
    """True when no points-paying session of this round is still to run."""


@dataclass(frozen=True, slots=True)
class TitleProblem:
    """Everything the title engines need; built once, read by both engines."""

    title: str
    classification: str
    contestants: tuple[Contestant, ...]
    sessions: tuple[RemainingSession, ...]
    counting: Counting = field(default_factory=Counting)
    tiebreak: TieBreak = field(default_factory=TieBreak)
    cars_scoring: int | None = None
    """Team classifications: only the best K cars of a team score in a session."""
    countback_width: int = 0
    """How many places countback compares (0: every place)."""
    after_round: int = 0
    moment: Moment | None = None
    """The session after which the question is asked (None: a scenario, or before any session)."""
    notes: tuple[str, ...] = ()
    """Assumptions the answer rests on (field sizes, who may start), shown to the reader."""
    order: tuple[str, ...] = ()
    """Competitor ids in the current standings' order (empty: rank by points and countback); read
    by :func:`podium.title.order.standing_order` to break the ties the problem cannot."""
    _index: Mapping[str, Contestant] = field(init=False, repr=False, compare=False, hash=False)
    _owner: Mapping[str, str] = field(init=False, repr=False, compare=False, hash=False)
    _scale_cache: list[int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        ids = [c.id for c in self.contestants]
        if len(set(ids)) != len(ids):
            raise ConsistencyError(f"contestant listed twice in {ids!r}", where=self.title)
        owner: dict[str, str] = {}
        for c in self.contestants:
            for car in c.cars:
                if car in owner:
                    raise ConsistencyError(
                        f"car {car!r} belongs to {owner[car]!r} and {c.id!r}", where=self.title
                    )
                owner[car] = c.id
        session_ids = {s.id for s in self.sessions}
        for c in self.contestants:
            unknown = set(c.sessions) - session_ids
            if unknown:
                raise ConsistencyError(
                    f"{c.name} may start unknown sessions {sorted(unknown)!r}", where=self.title
                )
        for s in self.sessions:
            cars = sum(len(c.cars_in(s.id)) for c in self.contestants)
            if s.field < s.anonymous:
                raise ConsistencyError(
                    f"field of {s.field} cannot hold {s.anonymous} unnamed starters", where=s.name
                )
            if cars + s.anonymous < 1:
                raise ConsistencyError("nobody may start", where=s.name)
        object.__setattr__(self, "_index", {c.id: c for c in self.contestants})
        object.__setattr__(self, "_scale_cache", [])
        object.__setattr__(self, "_owner", owner)

    def contestant(self, contestant_id: str) -> Contestant:
        try:
            return self._index[contestant_id]
        except KeyError:
            raise ConsistencyError(f"unknown competitor {contestant_id!r}", where=self.title) from None

    def find(self, name_or_id: str) -> Contestant:
        """A contestant by id or (case-insensitive) name."""
        if name_or_id in self._index:
            return self._index[name_or_id]
        wanted = name_or_id.strip().casefold()
        for c in self.contestants:
            if c.name.casefold() == wanted:
                return c
        raise ConsistencyError(f"unknown competitor {name_or_id!r}", where=self.title)

    def owner(self, car: str) -> str | None:
        """The contestant a car scores for (None for unnamed field cars)."""
        return self._owner.get(car)

    def cars_in(self, session: RemainingSession) -> list[str]:
        """Every car that may start ``session``: contestants' cars, then unnamed field cars."""
        cars = [car for c in self.contestants for car in c.cars_in(session.id)]
        cars.extend(f"{ANONYMOUS}{i + 1}" for i in range(session.anonymous))
        return cars

    @property
    def drops(self) -> bool:
        return self.counting.drops

    @property
    def scale(self) -> int:
        """Least common multiple of every denominator: multiply by it and all points are integers."""
        cached = self._scale_cache
        if cached:
            return cached[0]
        value = self._compute_scale()
        cached.append(value)
        return value

    def _compute_scale(self) -> int:
        values: list[Fraction] = []
        for c in self.contestants:
            values.append(c.points)
            values.append(c.adjusted)
            values.extend(u.value for u in c.units)
        for s in self.sessions:
            values.extend(s.table)
            values.extend((s.fastest_lap, s.pole, s.led_a_lap, s.most_laps_led))
            if s.fastest_lap:
                values.append(s.fastest_lap)
        return lcm(*(v.denominator for v in values)) if values else 1

    def supported_steps(self) -> tuple[TieBreakStep, ...]:
        """Tie-break steps both engines model exactly."""
        return (TieBreakStep.COUNTBACK, TieBreakStep.WINS, TieBreakStep.SHARED)


def total_remaining(
    problem: TitleProblem, contestant: Contestant, sessions: Sequence[RemainingSession] | None = None
) -> Fraction:
    """Most points a contestant can still add (in ``sessions``, default all remaining): its cars on
    the best-paying places of each session (the top of the table unless the table rises
    somewhere), with every bonus that pays."""
    total = Fraction(0)
    for s in problem.sessions if sessions is None else sessions:
        cars = len(contestant.cars_in(s.id))
        if not cars:
            continue
        scoring = cars if problem.cars_scoring is None else min(cars, problem.cars_scoring)
        paying = sorted((v for v in s.table[: s.field] if v > 0), reverse=True)
        bonus = sum((b for b in (s.fastest_lap, s.pole, s.led_a_lap, s.most_laps_led) if b > 0), Fraction(0))
        total += sum(paying[:scoring], Fraction(0)) + bonus
    return total


def session_earnings(
    problem: TitleProblem, session: RemainingSession, contestant: Contestant, outcome: SessionOutcome
) -> tuple[Fraction, list[int]]:
    """Points a contestant earns in one remaining session run as ``outcome``, and the places its
    cars took: each car's table points and bonuses, the best ``cars_scoring`` cars counted.

    The one scoring of a remaining session: the referee (:func:`podium.title.evaluate.final_table`)
    and the live replay (:func:`advance`) both read it."""
    if session.id not in contestant.sessions:
        return Fraction(0), []
    per_car: list[Fraction] = []
    places: list[int] = []
    for car in contestant.cars_in(session.id):
        place = outcome.place(car)
        earned = session.points(place)
        if place is not None:
            places.append(place)
        if (
            outcome.fastest_lap == car
            and session.fastest_lap
            and (
                session.fastest_lap_max_position is None
                or (place is not None and place <= session.fastest_lap_max_position)
            )
        ):
            earned += session.fastest_lap
        if outcome.pole == car:
            earned += session.pole
        if car in outcome.led:
            earned += session.led_a_lap
        if outcome.most_laps_led == car:
            earned += session.most_laps_led
        per_car.append(earned)
    per_car.sort(reverse=True)
    if problem.cars_scoring is not None:
        per_car = per_car[: problem.cars_scoring]
    return sum(per_car, Fraction(0)), places


def by_points(contestants: Sequence[Contestant]) -> list[Contestant]:
    return sorted(contestants, key=lambda c: (-c.points, c.name))


def advance(problem: TitleProblem, outcome: SessionOutcome) -> TitleProblem:
    """The problem after the first remaining session ran as ``outcome`` (a live replay).

    Points, countback and counting units move from the future into the past; the session leaves
    the remaining list. Used for "after race 1" views and what-if pages.
    """
    session = problem.sessions[0]
    if outcome.session != session.id:
        raise ConsistencyError(
            f"the next session is {session.id!r}, not {outcome.session!r}", where=problem.title
        )
    contestants = []
    for c in problem.contestants:
        earned, places = session_earnings(problem, session, c, outcome)
        countback = list(c.countback)
        if session.countback:
            for place in places:
                if problem.countback_width and place > problem.countback_width:
                    continue
                while len(countback) < place:
                    countback.append(0)
                countback[place - 1] += 1
        units = c.units
        points = c.points + earned
        if problem.drops:
            units = (*c.units, PastUnit(session.round, session.unit, earned))
            points = counted_total(((u.round, u.key, u.value) for u in units), problem.counting) + c.adjusted
        contestants.append(
            replace(
                c,
                points=points,
                units=units,
                countback=tuple(countback),
                sessions=frozenset(c.sessions - {session.id}),
            )
        )
    return replace(
        problem, contestants=tuple(contestants), sessions=problem.sessions[1:], after_round=session.round
    )
