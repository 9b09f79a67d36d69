"""Read the f1db YAML tree (github.com/f1db/f1db, CC BY 4.0) into podium seasons.

f1db gives every F1 race since 1950: results with statuses, shared cars, fastest laps, sprint
races, and the standings after every round. podium scores seasons from positions and its own
presets; f1db's ``points`` fields are kept apart, **only** to verify podium against them.

Quirks handled here (documented in ``docs/f1db.md``): a shared car appears as several rows with
the same position, the co-drivers flagged ``sharedCar``; constructors are scored per chassis and
engine ("Lotus-Climax" and "Lotus-BRM" are different constructors); ``DNPQ`` reads as DNQ and
``DNP`` as DNS; points are written with two decimals (1/7 appears as 0.14).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from podium.errors import InputError, Message, Problem, message_of
from podium.model import (
    Car,
    Classification,
    CompetitorKind,
    Driver,
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
from podium.model.values import MAX_DURATION, exact_number

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SERIES = Series("f1", "Formula One")
FIRST_CONSTRUCTORS_YEAR = 1958
_STATUS = {
    "DNF": Status.DNF,
    "DNS": Status.DNS,
    "DSQ": Status.DSQ,
    "NC": Status.NC,
    "EX": Status.EX,
    "DNQ": Status.DNQ,
    "DNPQ": Status.DNQ,
    "DNP": Status.DNS,
}


@dataclass(frozen=True, slots=True)
class ReportedRow:
    """One row of an f1db standings file: what f1db says, to compare with."""

    position: str
    """A number as text, or DSQ/EX for a competitor excluded from the table."""
    competitor: str
    points: Fraction


@dataclass(frozen=True, slots=True)
class F1dbSeason:
    """A season read from f1db, with f1db's own figures kept for verification only."""

    season: Season
    reported_standings: Mapping[tuple[int, str], tuple[ReportedRow, ...]]
    """(round, classification id) → f1db's table after that round."""
    reported_points: Mapping[tuple[str, str], Fraction] = field(repr=False)
    """(session id, driver id) → points f1db awarded for that result."""
    deciders: Mapping[str, int]
    """classification id → round after which f1db says the title was decided."""
    scheduled_rounds: tuple[int, ...] = ()
    """Rounds with no results yet (2026: the rest of the season)."""


def f1db_years(root: Path) -> list[int]:
    """Seasons present in an f1db tree."""
    seasons = root / "seasons"
    if not seasons.is_dir():
        raise InputError(Problem(Message("not an f1db tree: no 'seasons' folder"), source=str(root)))
    return sorted(int(p.name) for p in seasons.iterdir() if p.name.isdigit())


def _load(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise InputError(
            Problem(
                Message("invalid YAML: {reason}", reason=str(exc.problem)),
                source=str(path),
                line=mark.line + 1 if mark else None,
            )
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            Problem(Message("cannot read: {reason}", reason=str(exc)), source=str(path))
        ) from None


@cache
def _names(root: Path, folder: str) -> dict[str, dict[str, Any]]:
    """id → document for drivers/ or constructors/ (read once per tree)."""
    out: dict[str, dict[str, Any]] = {}
    base = root / folder
    if base.is_dir():
        for p in base.glob("*.yml"):
            out[p.stem] = p  # type: ignore[assignment]  # loaded lazily below
    return out


def _document(root: Path, folder: str, ident: str) -> dict[str, Any]:
    table = _names(root, folder)
    value = table.get(ident)
    if isinstance(value, Path):
        value = _load(value) or {}
        table[ident] = value
    return value or {}


def _fraction(value: Any, where: str, key: str, problems: list[Problem]) -> Fraction:
    if value is None:
        return Fraction(0)
    try:
        return exact_number(value, floats=True)
    except ValueError as exc:
        said = Message("points: {reason}", reason=message_of(exc))
        problems.append(Problem(said, source=where, field=key, value=str(value)[:80]))
        return Fraction(0)


_TIME = re.compile(r"^(?:(\d{1,3}):)?(\d{1,4}):(\d{1,2}(?:\.\d{1,6})?)$", re.ASCII)


def _time(text: Any) -> timedelta | None:
    if not isinstance(text, str):
        return None
    m = _TIME.match(text.strip())
    if not m:
        return None
    hours, minutes, seconds = int(m.group(1) or 0), int(m.group(2)), Decimal(m.group(3))
    micros = int((hours * 3600 + minutes * 60 + seconds) * 1_000_000)
    value = timedelta(microseconds=micros)
    return value if value <= MAX_DURATION else None


def team_id(constructor: str, engine: str) -> str:
    """F1 constructors are scored per chassis and engine make: ``lotus-climax``."""
    return constructor if constructor == engine else f"{constructor}-{engine}"


def _team_name(root: Path, constructor: str, engine: str) -> str:
    name = _document(root, "constructors", constructor).get("name") or constructor.replace("-", " ").title()
    if constructor == engine:
        return str(name)
    engine_name = _document(root, "constructors", engine).get("name") or engine.replace("-", " ").title()
    return f"{name}-{engine_name}" if engine_name != name else str(name)


class _SeasonBuilder:
    def __init__(self, root: Path, year: int) -> None:
        self.root = root
        self.year = year
        self.problems: list[Problem] = []
        self.drivers: dict[str, Driver] = {}
        self.teams: dict[str, Team] = {}
        self.entries: dict[str, Entry] = {}
        self.results: list[Result] = []
        self.events: list[Event] = []
        self.reported_points: dict[tuple[str, str], Fraction] = {}
        self.reported: dict[tuple[int, str], tuple[ReportedRow, ...]] = {}
        self.deciders: dict[str, int] = {}
        self.scheduled: list[int] = []

    def driver(self, ident: str) -> str:
        if ident not in self.drivers:
            doc = _document(self.root, "drivers", ident)
            born = doc.get("dateOfBirth")
            self.drivers[ident] = Driver(
                id=ident,
                name=str(doc.get("name") or ident.replace("-", " ").title()),
                birth_date=born if isinstance(born, date) else None,
                nationality=doc.get("nationalityCountryId"),
            )
        return ident

    def team(self, constructor: str, engine: str) -> str:
        ident = team_id(constructor, engine)
        if ident not in self.teams:
            self.teams[ident] = Team(
                ident,
                _team_name(self.root, constructor, engine),
                _document(self.root, "constructors", constructor).get("countryId"),
            )
        return ident

    def entry(self, row: Mapping[str, Any]) -> str:
        driver = self.driver(str(row["driverId"]))
        team = self.team(str(row["constructorId"]), str(row["engineManufacturerId"]))
        number = str(row.get("driverNumber") or "")
        ident = f"{team}#{number}:{driver}"
        if ident not in self.entries:
            self.entries[ident] = Entry(id=ident, drivers=(driver,), team=team, car=Car(number=number or "?"))
        return ident

    def apply_entry_list(self, entered: dict[tuple[str, str], set[int]]) -> None:
        """Give each entry the rounds it was entered for (its races plus the entry list's rounds).

        This is what tells the title maths that Peterson could not race after Monza 1978, or that
        the British teams stayed away from Monza in 1960.
        """
        raced: dict[str, set[int]] = defaultdict(set)
        for r in self.results:
            raced[r.entry].add(int(r.session[1:3]))
        for ident, entry in list(self.entries.items()):
            rounds = set(raced[ident])
            for d in entry.drivers:
                rounds |= entered.get((d, entry.team or ""), set())
            self.entries[ident] = replace(entry, rounds=_ranges(rounds))

    def results_file(self, path: Path, session: Session, fastest: list[Mapping[str, Any]]) -> None:
        rows = _load(path) or []
        cars: list[dict[str, Any]] = []
        for i, row in enumerate(rows):
            where = f"{path}"
            key = f"[{i}]"
            try:
                position_raw = row["position"]
                driver = self.driver(str(row["driverId"]))
            except (KeyError, TypeError):
                self.problems.append(
                    Problem(Message("row without position or driverId"), source=where, field=key, value=row)
                )
                continue
            self.reported_points[(session.id, driver)] = self.reported_points.get(
                (session.id, driver), Fraction(0)
            ) + _fraction(row.get("points"), where, f"{key}.points", self.problems)
            if row.get("sharedCar"):
                owner = next(
                    (
                        c
                        for c in reversed(cars)
                        if c["position"] == position_raw and c["number"] == row.get("driverNumber")
                    ),
                    None,
                )
                owner = owner or next((c for c in reversed(cars) if c["position"] == position_raw), None)
                if owner is None:
                    self.problems.append(
                        Problem(
                            Message("shared car with no car to share"),
                            source=where,
                            field=key,
                            value=row.get("driverId"),
                        )
                    )
                    continue
                if driver not in owner["drivers"]:
                    owner["drivers"].append(driver)
                continue
            if isinstance(position_raw, int):
                status, position = Status.CLASSIFIED, position_raw
            elif str(position_raw) in _STATUS:
                status, position = _STATUS[str(position_raw)], None
            else:
                self.problems.append(
                    Problem(
                        Message("unknown position {raw!r}", raw=position_raw),
                        source=where,
                        field=f"{key}.position",
                        value=position_raw,
                    )
                )
                continue
            grid = row.get("gridPosition")
            cars.append(
                {
                    "entry": self.entry(row),
                    "drivers": [driver],
                    "position": position_raw,
                    "number": row.get("driverNumber"),
                    "status": status,
                    "pos": position,
                    "laps": row.get("laps") if isinstance(row.get("laps"), int) else None,
                    "time": _time(row.get("time")),
                    "grid": grid if isinstance(grid, int) else None,
                }
            )
        holders = [f for f in fastest if f.get("position") == 1]
        seen: set[str] = set()
        for car in cars:
            if car["entry"] in seen:
                said = Message("car {entry!r} appears twice", entry=car["entry"])
                self.problems.append(Problem(said, source=str(path)))
                continue
            seen.add(car["entry"])
            fl_by = next(
                (
                    str(h["driverId"])
                    for h in holders
                    if h.get("driverId") in car["drivers"] and h.get("driverNumber") == car["number"]
                ),
                None,
            )
            self.results.append(
                Result(
                    session=session.id,
                    entry=car["entry"],
                    position=car["pos"],
                    status=car["status"],
                    drivers=tuple(car["drivers"]) if len(car["drivers"]) > 1 else (),
                    laps=car["laps"],
                    time=car["time"],
                    grid=car["grid"],
                    fastest_lap=fl_by is not None,
                    fastest_lap_by=fl_by if len(car["drivers"]) > 1 else None,
                )
            )
        unmatched = [
            h.get("driverId")
            for h in holders
            if not any(
                h.get("driverId") in c["drivers"] and h.get("driverNumber") == c["number"] for c in cars
            )
        ]
        if unmatched:
            said = Message("fastest lap by {drivers} matches no car", drivers=repr(unmatched))
            self.problems.append(Problem(said, source=str(path)))

    def standings_file(self, path: Path, round_number: int, classification: str) -> None:
        if not path.exists():
            return
        rows = []
        key = "driverId" if classification == "drivers" else "constructorId"
        for i, row in enumerate(_load(path) or []):
            if classification == "drivers":
                competitor = str(row[key])
            else:
                competitor = team_id(str(row["constructorId"]), str(row["engineManufacturerId"]))
            rows.append(
                ReportedRow(
                    str(row["position"]),
                    competitor,
                    _fraction(row.get("points"), str(path), f"[{i}].points", self.problems),
                )
            )
        self.reported[(round_number, classification)] = tuple(rows)

    def race(self, folder: Path) -> None:
        doc = _load(folder / "race.yml") or {}
        round_number = int(doc["round"])
        laps = doc.get("laps") if isinstance(doc.get("laps"), int) else None
        sessions = []
        sprint_file = folder / "sprint-race-results.yml"
        has_sprint = sprint_file.exists() or any(k.startswith("sprintRace") for k in doc)
        if has_sprint:
            sprint_laps = doc.get("sprintRaceLaps")
            sessions.append(
                Session(
                    id=f"r{round_number:02d}-sprint",
                    name="Sprint",
                    kind=SessionKind.SPRINT,
                    scheduled_laps=doc.get("sprintRaceScheduledLaps") or sprint_laps,
                    laps_completed=sprint_laps,
                )
            )
        sessions.append(
            Session(
                id=f"r{round_number:02d}-race",
                name="Race",
                kind=SessionKind.RACE,
                scheduled_laps=doc.get("scheduledLaps") or laps,
                laps_completed=laps,
            )
        )
        grand_prix = str(doc.get("grandPrixId", folder.name.split("-", 1)[-1]))
        event = Event(
            round=round_number,
            id=grand_prix,
            name=str(doc.get("officialName") or grand_prix),
            date=doc["date"],
            venue=doc.get("circuitId"),
            time_zone="UTC",
            sessions=tuple(sessions),
        )
        self.events.append(event)
        race_file = folder / "race-results.yml"
        if not race_file.exists():
            self.scheduled.append(round_number)
            return
        fastest_file = folder / "fastest-laps.yml"
        fastest = (_load(fastest_file) or []) if fastest_file.exists() else []
        if has_sprint and sprint_file.exists():
            self.results_file(sprint_file, sessions[0], [])
        self.results_file(race_file, sessions[-1], fastest)
        for classification in ("drivers", "constructors"):
            self.standings_file(folder / f"{classification[:-1]}-standings.yml", round_number, classification)
            if doc.get(f"{classification[:-1]}sChampionshipDecider"):
                self.deciders[classification] = round_number

    def entered_rounds(self, folder: Path) -> dict[tuple[str, str], set[int]]:
        """(driver, team) → rounds the entry list has them for (test drivers left out)."""
        path = folder / "entrants.yml"
        out: dict[tuple[str, str], set[int]] = defaultdict(set)
        if not path.exists():
            return out
        for i, item in enumerate(_load(path) or []):
            team = team_id(str(item.get("constructorId")), str(item.get("engineManufacturerId")))
            drivers = [item] if "driverId" in item else item.get("drivers", [])
            for d in drivers:
                if d.get("testDriver"):
                    continue
                rounds = d.get("rounds")
                if rounds is None:
                    continue
                try:
                    out[(str(d["driverId"]), team)].update(_rounds(rounds))
                except ValueError:
                    self.problems.append(
                        Problem(
                            Message("invalid rounds {rounds!r}", rounds=rounds),
                            source=str(path),
                            field=f"[{i}].rounds",
                            value=rounds,
                        )
                    )
        return out

    def build(self) -> F1dbSeason:
        folder = self.root / "seasons" / str(self.year)
        if not folder.is_dir():
            raise InputError(
                Problem(Message("no season {year:d} in f1db", year=self.year), source=str(self.root))
            )
        for race in sorted((folder / "races").iterdir()):
            if race.is_dir():
                self.race(race)
        self.apply_entry_list(self.entered_rounds(folder))
        if self.problems:
            raise InputError(self.problems)
        classifications = [Classification("drivers", "Drivers' Championship", CompetitorKind.DRIVER)]
        if self.year >= FIRST_CONSTRUCTORS_YEAR:
            classifications.append(
                Classification("constructors", "Constructors' Championship", CompetitorKind.TEAM)
            )
        season = Season(
            series=SERIES,
            year=self.year,
            ruleset=f"f1-{self.year}",
            classifications=tuple(classifications),
            drivers=tuple(self.drivers.values()),
            teams=tuple(self.teams.values()),
            entries=tuple(self.entries.values()),
            events=tuple(sorted(self.events, key=lambda e: e.round)),
            results=tuple(self.results),
            name=f"{self.year} Formula One World Championship",
        )
        return F1dbSeason(
            season=season,
            reported_standings=self.reported,
            reported_points=self.reported_points,
            deciders=self.deciders,
            scheduled_rounds=tuple(self.scheduled),
        )


def _rounds(value: Any) -> set[int]:
    """f1db rounds: ``7``, ``"1-16"`` or ``"2-3,5-11"``."""
    out: set[int] = set()
    for raw in str(value).split(","):
        part = raw.strip()
        if "-" in part:
            a, b = part.split("-", 1)
            out.update(range(int(a), int(b) + 1))
        elif part:
            out.add(int(part))
    return out


def _ranges(rounds: set[int]) -> tuple[RoundRange, ...]:
    out: list[RoundRange] = []
    for r in sorted(rounds):
        if out and out[-1].last == r - 1:
            out[-1] = RoundRange(out[-1].first, r)
        else:
            out.append(RoundRange(r, r))
    return tuple(out)


def read_season(root: Path, year: int) -> F1dbSeason:
    """Read one season of an f1db tree.

    :raises InputError: listing every unreadable file or row of the season.
    """
    return _SeasonBuilder(Path(root), year).build()


def read_seasons(root: Path, years: list[int] | None = None) -> Iterator[F1dbSeason]:
    for year in years if years is not None else f1db_years(Path(root)):
        yield read_season(Path(root), year)
