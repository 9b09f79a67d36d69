"""Small seasons in a few lines, for the features F1 history does not exercise.

    b = SeasonBuilder()
    b.race("a", "b", row("c", "DNF", laps=12))      # round 1: a wins, b second, c retired
    b.race("b", "a", "c")                           # round 2
    table = standings(b.build(), ruleset('[scoring.points]\\nrace = [10, 6, 4]'))

Entry ids that were never declared become single-driver entries of a driver with the same id, so
most tests only name the finishing order. Classified rows get positions 1, 2, 3… in the order
given; other rows keep their status.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from podium.model import (
    Adjustment,
    Car,
    Classification,
    CompetitorKind,
    Driver,
    Eligibility,
    Entry,
    Event,
    Result,
    RoundRange,
    Season,
    Series,
    Session,
    SessionKind,
    Status,
    Team,
)
from podium.rules import Ruleset, parse_ruleset_text
from podium.standings import Standings, compute_standings

SERIES = Series("test", "Test Cup")
FIRST_RACE_DAY = date(2024, 3, 3)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a session's results before positions are given."""

    entry: str
    status: Status = Status.CLASSIFIED
    laps: int | None = None
    time: timedelta | None = None
    laps_led: int = 0
    fastest_lap: bool = False
    fastest_lap_by: str | None = None
    pole: bool = False
    grid: int | None = None
    drivers: tuple[str, ...] = ()
    started: bool | None = None
    place: int | None = None
    """The organiser's printed place: a classified car's position (instead of the next number), or
    the ``official_position`` of a car that is not classified."""


def row(
    entry: str,
    status: str = "CLASSIFIED",
    *,
    laps: int | None = None,
    seconds: float | None = None,
    laps_led: int = 0,
    fastest_lap: bool = False,
    fastest_lap_by: str | None = None,
    pole: bool = False,
    grid: int | None = None,
    drivers: Sequence[str] = (),
    started: bool | None = None,
    place: int | None = None,
) -> Row:
    """A result line: ``row("c", "DNF", laps=12)``, ``row("a", fastest_lap=True)``."""
    return Row(
        entry=entry,
        status=Status(status),
        laps=laps,
        time=None if seconds is None else timedelta(seconds=seconds),
        laps_led=laps_led,
        fastest_lap=fastest_lap,
        fastest_lap_by=fastest_lap_by,
        pole=pole,
        grid=grid,
        drivers=tuple(drivers),
        started=started,
        place=place,
    )


def _kind(name: str) -> SessionKind:
    if name.startswith("sprint"):
        return SessionKind.SPRINT
    if name.startswith("qual"):
        return SessionKind.QUALIFYING
    if name.startswith("practice"):
        return SessionKind.PRACTICE
    if name.startswith("segment"):
        return SessionKind.SEGMENT
    return SessionKind.RACE


class SeasonBuilder:
    """Collects drivers, entries, events and results, then builds one :class:`Season`."""

    def __init__(self, year: int = 2024) -> None:
        self.year = year
        self.drivers: dict[str, Driver] = {}
        self.teams: dict[str, Team] = {}
        self.entries: dict[str, Entry] = {}
        self.events: list[Event] = []
        self.lines: list[Result] = []
        self.adjustments: list[Adjustment] = []
        self.classifications: list[Classification] = []

    # -- who -------------------------------------------------------------------------------------
    def driver(self, driver_id: str, *, born: date | None = None, name: str | None = None) -> str:
        self.drivers[driver_id] = Driver(driver_id, name or driver_id.title(), birth_date=born)
        return driver_id

    def team(self, team_id: str) -> str:
        self.teams.setdefault(team_id, Team(team_id, team_id.title()))
        return team_id

    def entry(
        self,
        entry_id: str,
        *drivers: str,
        team: str | None = None,
        car: Car | None = None,
        rounds: str = "",
        classes: Sequence[str] = (),
    ) -> str:
        """An entry; its drivers default to one driver named like the entry."""
        drivers = drivers or (entry_id,)
        for d in drivers:
            if d not in self.drivers:
                self.driver(d)
        if team is not None:
            self.team(team)
        self.entries[entry_id] = Entry(
            id=entry_id,
            drivers=tuple(drivers),
            team=team,
            car=car,
            rounds=tuple(RoundRange.parse(r) for r in rounds.split(",")) if rounds else (),
            classes=tuple(classes),
        )
        return entry_id

    def classification(
        self,
        classification_id: str,
        *,
        competitor: str = "driver",
        eligibility: str = "True",
        scoring: str = "",
    ) -> Classification:
        c = Classification(
            classification_id,
            classification_id.title(),
            CompetitorKind(competitor),
            Eligibility(eligibility),
            scoring,
        )
        self.classifications.append(c)
        return c

    # -- when ------------------------------------------------------------------------------------
    def event(
        self,
        *sessions: str,
        day: date | None = None,
        scheduled_laps: int | None = None,
        laps_completed: int | None = None,
        event_id: str | None = None,
    ) -> Event:
        """The next round, with sessions named like ``"race"``, ``"sprint"``, ``"race1"``.

        Session ids are ``r<round>-<name>``; the kind follows the name's start.
        """
        number = len(self.events) + 1
        names = sessions or ("race",)
        event = Event(
            round=number,
            id=event_id or f"event-{number}",
            name=f"Round {number}",
            date=day or FIRST_RACE_DAY + timedelta(weeks=2 * (number - 1)),
            sessions=tuple(
                Session(
                    id=f"r{number}-{name}",
                    name=name.title(),
                    kind=_kind(name),
                    scheduled_laps=scheduled_laps,
                    laps_completed=laps_completed,
                )
                for name in names
            ),
        )
        self.events.append(event)
        return event

    # -- what ------------------------------------------------------------------------------------
    def results(self, session_id: str, *rows: str | Row) -> None:
        """Results of one session, best first; classified rows get positions 1, 2, 3…"""
        position = 0
        for item in rows:
            r = Row(item) if isinstance(item, str) else item
            if r.entry not in self.entries:
                self.entry(r.entry)
            place = None
            if r.status is Status.CLASSIFIED:
                position = r.place if r.place is not None else position + 1
                place = position
            self.lines.append(
                Result(
                    session=session_id,
                    entry=r.entry,
                    position=place,
                    status=r.status,
                    drivers=r.drivers,
                    laps=r.laps,
                    time=r.time,
                    laps_led=r.laps_led,
                    fastest_lap=r.fastest_lap,
                    fastest_lap_by=r.fastest_lap_by,
                    pole=r.pole,
                    grid=r.grid,
                    started_flag=r.started,
                    official_position=None if r.status is Status.CLASSIFIED else r.place,
                )
            )

    def race(
        self,
        *rows: str | Row,
        day: date | None = None,
        scheduled_laps: int | None = None,
        laps_completed: int | None = None,
        event_id: str | None = None,
    ) -> str:
        """A new round with one race and its results; returns the session id."""
        event = self.event(
            "race",
            day=day,
            scheduled_laps=scheduled_laps,
            laps_completed=laps_completed,
            event_id=event_id,
        )
        session_id = event.sessions[0].id
        self.results(session_id, *rows)
        return session_id

    def adjust(self, adjustment: Adjustment) -> None:
        self.adjustments.append(adjustment)

    def build(self) -> Season:
        classifications = tuple(self.classifications) or (
            Classification("drivers", "Drivers", CompetitorKind.DRIVER),
        )
        return Season(
            series=SERIES,
            year=self.year,
            ruleset="test",
            classifications=classifications,
            drivers=tuple(self.drivers.values()),
            teams=tuple(self.teams.values()),
            entries=tuple(self.entries.values()),
            events=tuple(self.events),
            results=tuple(self.lines),
            adjustments=tuple(self.adjustments),
        )


def ruleset(text: str) -> Ruleset:
    """A ruleset from TOML text (the body of a user file)."""
    return parse_ruleset_text(text, source="test.toml", default_id="test")


def standings(
    season: Season, rules: Ruleset | str, classification: str = "drivers", *, after: int | None = None
) -> Standings:
    """Standings of one classification (after round ``after``); ``rules`` may be TOML text."""
    rules = ruleset(rules) if isinstance(rules, str) else rules
    return compute_standings(season, rules, classification, after_round=after)


def points(table: Standings) -> dict[str, Fraction]:
    """Counted points by competitor."""
    return {r.competitor: r.points for r in table.rows}


def order(table: Standings) -> list[tuple[int | None, str]]:
    """(position, competitor) in table order."""
    return [(r.position, r.competitor) for r in table.rows]


def points_in(table: Standings, round_number: int, kind: str = "race") -> dict[str, Fraction]:
    """What each competitor scored (points and bonus, counted or not) in one round's sessions of ``kind``."""
    out: dict[str, Fraction] = {}
    for r in table.rows:
        for s in r.scores:
            if s.round == round_number and s.kind is SessionKind(kind):
                out[r.competitor] = out.get(r.competitor, Fraction(0)) + s.total
    return out
