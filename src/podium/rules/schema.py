"""The ruleset as frozen values: what a TOML rules file means once read.

A :class:`Ruleset` has a default :class:`Scoring` and named variants of it, one per classification
that scores differently (F1's constructors counted only their best car until 1978). Every number is
a :class:`~fractions.Fraction`: 1954's fastest-lap point shared seven ways is exactly 1/7.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

from podium.errors import NotFoundError
from podium.model import Event, RoundRange, Session, SessionKind


class PositionBasis(StrEnum):
    """Which position a points table reads."""

    OVERALL = "overall"
    """The overall position in the session (F1: everyone is in one class)."""
    CLASSIFICATION = "classification"
    """The rank among the cars of the classification (IMSA: points by position in class)."""


class Scorers(StrEnum):
    """Who may score from the points table."""

    STARTERS = "starters"
    """Every starter is ranked (classified cars first, then the rest by laps) and scores."""
    CLASSIFIED = "classified"
    """Only classified cars score; a DNF scores nothing."""
    FINISHERS = "finishers"
    """Only classified cars that were running at the end."""


class SharedDrive(StrEnum):
    """How a car's points reach its drivers when several drove it in one session."""

    SPLIT = "split"
    """Divided equally between its drivers (F1 1950–1957); teams score the car's points."""
    FULL = "full"
    """Each driver gets the car's points (endurance co-drivers); teams score them once."""
    NONE = "none"
    """A shared car pays nobody, drivers or team (F1 from 1958)."""


class DriverCars(StrEnum):
    """What a driver scores when they drove more than one car in a session."""

    ALL = "all"
    """Points from every car add up."""
    BEST = "best"
    """Only the car that paid them most counts (F1 1950s: Fangio, Monaco 1956)."""


class TieBreakStep(StrEnum):
    """One step of a tie-break chain, tried in order until competitors differ."""

    COUNTBACK = "countback"
    """Most wins, then most second places, and so on."""
    WINS = "wins"
    """Most wins only."""
    FIRST_ACHIEVED = "first_achieved"
    """Equal places, achieved earlier: whoever reached them first ranks ahead."""
    LAST_RESULT = "last_result"
    """Better result in the most recent session, then the one before…"""
    GRID = "grid"
    """Better starting positions (how f1db orders drivers with no classified finish)."""
    SHARED = "shared"
    """Still tied: share the position."""


class CountbackScope(StrEnum):
    """Which results countback reads."""

    ALL_RESULTS = "all_results"
    COUNTED_RESULTS = "counted_results"
    """Only results that count after best-N drops."""


class CountbackPositions(StrEnum):
    """Which places countback compares."""

    ALL = "all"
    """Every classified place (modern F1 ranks drivers with no points this way)."""
    SCORING = "scoring"
    """Only places that pay points (f1db's tables before 1960s ties are shared beyond them)."""


class DropUnit(StrEnum):
    """What best-N counting keeps or drops."""

    EVENT = "event"
    """A whole event (all its sessions together)."""
    SESSION = "session"
    """Each session on its own."""


@dataclass(frozen=True, slots=True)
class PointsTable:
    """Points by position: ``table.points(1)`` is the winner's; positions past the end score 0."""

    values: tuple[Fraction, ...]

    def points(self, position: int) -> Fraction:
        if 1 <= position <= len(self.values):
            return self.values[position - 1]
        return Fraction(0)

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        return f"PointsTable({[str(v) for v in self.values]!r})"

    @property
    def best(self) -> Fraction:
        return max(self.values, default=Fraction(0))


@dataclass(frozen=True, slots=True)
class SessionSelector:
    """Which sessions of a round a rule reads: every session of a kind (``"race"``), or the n-th
    session of that kind in the round, in calendar order (``"race 1"``: BTCC's pole point)."""

    kind: SessionKind
    nth: int | None = None

    def matches(self, event: Event, session: Session) -> bool:
        if session.kind is not self.kind:
            return False
        if self.nth is None:
            return True
        same = [s.id for s in event.sessions if s.kind is self.kind]
        return session.id in same and same.index(session.id) + 1 == self.nth

    def __str__(self) -> str:
        return self.kind.value if self.nth is None else f"{self.kind.value} {self.nth}"

    @classmethod
    def parse(cls, text: str) -> SessionSelector:
        """``"race"``, ``"sprint"``, ``"race 1"``, ``"qualifying"``.

        :raises ValueError: for anything else.
        """
        parts = text.split()
        if not 1 <= len(parts) <= 2:
            raise ValueError(text)
        kind = SessionKind(parts[0].lower())
        if len(parts) == 1:
            return cls(kind)
        if not parts[1].isdigit() or int(parts[1]) < 1:
            raise ValueError(text)
        return cls(kind, int(parts[1]))


RACES = (SessionSelector(SessionKind.RACE),)
RACES_AND_SPRINTS = (SessionSelector(SessionKind.RACE), SessionSelector(SessionKind.SPRINT))


def selected(selectors: tuple[SessionSelector, ...], event: Event, session: Session) -> bool:
    return any(s.matches(event, session) for s in selectors)


@dataclass(frozen=True, slots=True)
class FastestLapBonus:
    """Bonus for the session's fastest lap."""

    points: Fraction = Fraction(0)
    max_position: int | None = None
    """Only paid if the car is classified at or above this position (F1 2019–2024: 10)."""
    split: bool = True
    """When several cars share the fastest time, they share the bonus (1954: 1/7 each)."""
    sessions: tuple[SessionSelector, ...] = RACES


class BonusKind(StrEnum):
    """The bonuses a ruleset can pay (and a disqualified car can keep)."""

    POLE = "pole"
    FASTEST_LAP = "fastest_lap"
    LED_A_LAP = "led_a_lap"
    MOST_LAPS_LED = "most_laps_led"


@dataclass(frozen=True, slots=True)
class Bonuses:
    pole: Fraction = Fraction(0)
    fastest_lap: FastestLapBonus = field(default_factory=FastestLapBonus)
    led_a_lap: Fraction = Fraction(0)
    most_laps_led: Fraction = Fraction(0)
    pole_sessions: tuple[SessionSelector, ...] = RACES_AND_SPRINTS
    """Sessions whose results pay the pole bonus (BTCC: ``["race 1"]``, the race qualifying set)."""
    led_a_lap_sessions: tuple[SessionSelector, ...] = RACES_AND_SPRINTS
    most_laps_led_sessions: tuple[SessionSelector, ...] = RACES_AND_SPRINTS

    @property
    def any(self) -> bool:
        return bool(self.pole or self.fastest_lap.points or self.led_a_lap or self.most_laps_led)

    def in_session(self, event: Event, session: Session) -> Bonuses:
        """The bonuses this session pays: the others are zero."""
        return replace(
            self,
            pole=self.pole if selected(self.pole_sessions, event, session) else Fraction(0),
            fastest_lap=self.fastest_lap
            if selected(self.fastest_lap.sessions, event, session)
            else replace(self.fastest_lap, points=Fraction(0)),
            led_a_lap=self.led_a_lap if selected(self.led_a_lap_sessions, event, session) else Fraction(0),
            most_laps_led=self.most_laps_led
            if selected(self.most_laps_led_sessions, event, session)
            else Fraction(0),
        )


@dataclass(frozen=True, slots=True)
class DistanceBand:
    """Partial points for a race cut short: applies when laps run / scheduled is below ``below``."""

    below: Fraction
    factor: Fraction | None = None
    """Multiply the normal table (1/2: half points)."""
    table: PointsTable | None = None
    """Or use this table instead (F1 2022+: 25–50% pays 6-4-3-2-1)."""
    bonuses: bool = True
    """Whether bonuses (fastest lap) are still paid in this band."""
    sessions: tuple[SessionSelector, ...] = RACES
    """Which sessions the band applies to (MotoGP: the Sprint has its own half-points rule)."""


@dataclass(frozen=True, slots=True)
class CountingWindow:
    """Within ``rounds`` (all rounds when ``None``) only the best ``best`` results count."""

    rounds: RoundRange | None
    best: int | None

    def covers(self, round_number: int) -> bool:
        return self.rounds is None or round_number in self.rounds


@dataclass(frozen=True, slots=True)
class Counting:
    windows: tuple[CountingWindow, ...] = ()
    """Empty: every result counts. Several windows: a split season (1967: 5 of 6, then 4 of 5)."""
    drop_unit: DropUnit = DropUnit.EVENT

    @property
    def drops(self) -> bool:
        return any(w.best is not None for w in self.windows)


@dataclass(frozen=True, slots=True)
class TieBreak:
    chain: tuple[TieBreakStep, ...] = (TieBreakStep.COUNTBACK, TieBreakStep.SHARED)
    countback_scope: CountbackScope = CountbackScope.ALL_RESULTS
    countback_sessions: tuple[SessionKind, ...] = (SessionKind.RACE,)
    """Which sessions' positions countback reads (F1 sprints do not count)."""
    countback_positions: CountbackPositions = CountbackPositions.ALL


@dataclass(frozen=True, slots=True)
class EventRule:
    """Rules for one round (or one named event) of one classification: double points, forced
    factor, not counted, its own points tables and bonuses (the Indianapolis 500)."""

    round: int | None = None
    event: str | None = None
    """The event id, for rules that follow an event whatever its round (the Indianapolis 500)."""
    multiplier: Fraction = Fraction(1)
    multiply_bonuses: bool = False
    """Whether ``multiplier`` also multiplies the bonuses (it does not unless the rules say so)."""
    points_factor: Fraction | None = None
    """Overrides the distance bands (a race resumed and finished pays full points)."""
    counts: bool = True
    reason: str = ""
    points: Mapping[SessionKind, PointsTable] = field(default_factory=lambda: MappingProxyType({}))
    """Points tables of this event, replacing the scoring's for these session kinds (the 500's
    qualifying pays 12…1)."""
    bonus: Bonuses | None = None
    """Bonuses of this event, replacing the scoring's (no ordinary pole point at the 500)."""

    def applies(self, event: Event) -> bool:
        return (self.round is None or self.round == event.round) and (
            self.event is None or self.event == event.id
        )


@dataclass(frozen=True, slots=True)
class SessionRules:
    """What one session of one event pays, every per-event and per-session rule applied (the title
    engine's points still available read exactly this)."""

    table: PointsTable | None
    """``None``: the session pays no table points."""
    multiplier: Fraction
    bonuses: Bonuses
    """Only the bonuses this session pays; the others are zero."""
    multiply_bonuses: bool
    counts: bool

    @property
    def pays(self) -> bool:
        return self.counts and (self.table is not None or self.bonuses.any)

    @property
    def bonus_factor(self) -> Fraction:
        return self.multiplier if self.multiply_bonuses else Fraction(1)


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A competitor excluded from a classification (1997 Schumacher, 2007 McLaren).

    The excluded results leave the table as a separate line marked EX or DSQ; with ``rounds``
    only those rounds' results do (2018: the first Force India entity, rounds 1–12), and the
    competitor goes on scoring afterwards.
    """

    competitor: str
    keep_points: bool
    """Whether the excluded line still shows the points scored (1997) or zero (2007)."""
    reason: str
    source: str = ""
    status: str = "EX"
    """Shown instead of a position: EX or DSQ."""
    rounds: RoundRange | None = None
    """Only results in these rounds are excluded (``None``: the whole season)."""
    shown_from: int = 0
    """First round after which tables show the exclusion (the decision may come at the end)."""

    def applies_after(self, round_number: int) -> bool:
        return round_number >= self.shown_from


@dataclass(frozen=True, slots=True)
class PointsAdjustment:
    """Points added to or taken from a competitor from a given round on, with the reason.

    Used for decisions no results file shows: points withheld (1963 French GP push start),
    constructors' points annulled (1995 Brazil), penalties (2020 Racing Point, −15).
    """

    competitor: str
    points: Fraction
    round: int
    reason: str
    source: str = ""
    on_result: bool = False
    """Changes the result of that round (so best-N counting sees it) rather than the total."""
    places: tuple[int, ...] = ()
    """Places carried in with the points, for the tie-break: how many 1st, 2nd, 3rd… places the
    competitor had in the results not loaded (a season started from published standings)."""


class IneligiblePlaces(StrEnum):
    """What happens to the places of cars that may not score."""

    KEPT = "kept"
    """They keep their places; the points of those places are not paid (1958 German GP, F2 cars)."""
    REMOVED = "removed"
    """The field is ranked without them; the cars behind move up (1967 German GP)."""


@dataclass(frozen=True, slots=True)
class Ineligible:
    """Drivers whose cars may not score in some rounds (Formula 2 cars, entries not registered)."""

    rounds: RoundRange
    drivers: tuple[str, ...]
    places: IneligiblePlaces
    reason: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Scoring:
    """How one classification turns results into points, counts them and breaks ties."""

    name: str
    position_basis: PositionBasis = PositionBasis.OVERALL
    scorers: Scorers = Scorers.CLASSIFIED
    min_distance: Fraction = Fraction(0)
    """Fraction of the winner's laps a car must cover to score (0: no minimum)."""
    shared_drive: SharedDrive = SharedDrive.SPLIT
    driver_cars: DriverCars = DriverCars.ALL
    points: Mapping[SessionKind, PointsTable] = field(default_factory=lambda: MappingProxyType({}))
    bonuses: Bonuses = field(default_factory=Bonuses)
    distance: tuple[DistanceBand, ...] = ()
    counting: Counting = field(default_factory=Counting)
    tiebreak: TieBreak = field(default_factory=TieBreak)
    cars_scoring: int | None = None
    """Team classifications: only the best K cars of a team score in a session (None: all)."""
    nominated: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Team classifications: team id → the drivers whose cars score for it (others score nothing)."""
    team_groups: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Team classifications: group id (a team of the season, such as a manufacturer) → the teams
    whose cars score for it instead of for their own team; ``cars_scoring`` then counts per group
    (MotoGP constructors: the best-placed bike of each manufacturer, whichever team entered it)."""
    exclude_events: tuple[str, ...] = ()
    """Event ids that never count (F1 constructors, 1958–1960: the Indianapolis 500)."""
    events: tuple[EventRule, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    adjustments: tuple[PointsAdjustment, ...] = ()
    ineligible: tuple[Ineligible, ...] = ()
    disqualified_keeps: frozenset[BonusKind] = frozenset(BonusKind)
    """Bonuses a disqualified car keeps (it never keeps table points). IndyCar: the pole only."""

    def table(self, kind: SessionKind) -> PointsTable | None:
        """The table of a session kind; an empty table (a variant's ``qualifying = []``) is none."""
        table = self.points.get(kind)
        return table if table else None

    def group_of(self, team: str) -> str:
        """Who a car of ``team`` scores for in a team classification: its group, else the team."""
        for group, teams in self.team_groups.items():
            if team in teams:
                return group
        return team

    def event_rule(self, round_number: int) -> EventRule | None:
        """The rule written for this round number (rules naming an event need :meth:`rule_for`)."""
        for rule in self.events:
            if rule.round == round_number and rule.event is None:
                return rule
        return None

    def rule_for(self, event: Event) -> EventRule | None:
        """The first rule that applies to this event (by round, by event id or both)."""
        for rule in self.events:
            if rule.applies(event):
                return rule
        return None

    def counts(self, event: Event) -> bool:
        rule = self.rule_for(event)
        return event.id not in self.exclude_events and (rule is None or rule.counts)

    def session_rules(self, event: Event, session: Session) -> SessionRules:
        """The table, multiplier and bonuses of one session, per-event rules applied."""
        rule = self.rule_for(event)
        tables = dict(self.points)
        bonuses = self.bonuses
        multiplier = Fraction(1)
        multiply_bonuses = False
        if rule is not None:
            tables.update(rule.points)
            bonuses = rule.bonus or bonuses
            multiplier = rule.multiplier
            multiply_bonuses = rule.multiply_bonuses
        table = tables.get(session.kind) if session.kind is not SessionKind.PRACTICE else None
        if table is not None and not table:
            table = None  # an empty table removes the one a variant or an event would inherit
        return SessionRules(
            table=table,
            multiplier=multiplier,
            bonuses=bonuses.in_session(event, session),
            multiply_bonuses=multiply_bonuses,
            counts=self.counts(event),
        )

    def exclusion(self, competitor: str, after_round: int) -> Exclusion | None:
        """The exclusion of ``competitor`` that tables after ``after_round`` show, if any."""
        for e in self.exclusions:
            if e.competitor == competitor and e.applies_after(after_round):
                return e
        return None

    def ineligible_in(self, round_number: int) -> tuple[Ineligible, ...]:
        return tuple(i for i in self.ineligible if round_number in i.rounds)


@dataclass(frozen=True, slots=True)
class Ruleset:
    """A named set of scorings: ``default`` plus variants by classification (``drivers``…)."""

    id: str
    name: str
    default: Scoring
    variants: Mapping[str, Scoring] = field(default_factory=lambda: MappingProxyType({}))
    sources: tuple[str, ...] = ()
    notes: str = ""
    origin: str = ""
    """File the ruleset was read from (for error messages)."""

    def __repr__(self) -> str:
        return f"<Ruleset {self.id!r}: {self.name}>"

    def scoring(self, name: str = "") -> Scoring:
        """The scoring for a classification: its named variant, else the default."""
        if not name or name == "default":
            return self.default
        if name in self.variants:
            return self.variants[name]
        return self.default

    def scoring_strict(self, name: str) -> Scoring:
        if name in self.variants:
            return self.variants[name]
        raise NotFoundError("scoring", name, choices=self.variants)
