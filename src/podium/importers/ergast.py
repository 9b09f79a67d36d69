"""Ergast / Jolpica JSON (``MRData.RaceTable.Races[].Results[]``) into a podium season.

The Ergast API (and its successor Jolpica, same shape) answers ``/f1/1988/results.json`` with one
document per page; every value is a string. podium reads race results and sprint results
(``SprintResults``) of one season from one document. Statuses come from ``positionText``: a number
is a classified car, ``R`` retired, ``D`` disqualified, ``E`` excluded, ``W`` withdrawn (did not
start), ``F`` failed to qualify, ``N`` not classified. Ergast lists a shared drive (1950s) as
separate rows without saying which car they shared, so such a season is refused with a pointer to
f1db, which records shared cars.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from podium.errors import InputError, Message, PodiumError, Problem, message_of
from podium.importers.textfile import read_json, read_text
from podium.model import (
    Car,
    Classification,
    CompetitorKind,
    Driver,
    Entry,
    Event,
    Result,
    Season,
    Series,
    Session,
    SessionKind,
    Status,
    Team,
)
from podium.model.reading import Reader
from podium.model.values import MAX_DURATION, MAX_LAPS, MAX_POSITION, MAX_ROUND, plain_digits, quoted

SERIES = {"f1": Series("f1", "Formula One")}
POSITION_TEXT = {
    "R": Status.DNF,
    "D": Status.DSQ,
    "E": Status.EX,
    "W": Status.DNS,
    "F": Status.DNQ,
    "N": Status.NC,
}
FIRST_CONSTRUCTORS_YEAR = 1958


MAX_NAME = 200
"""Characters in a name or a nationality."""


def _text(r: Reader, obj: Mapping[str, Any], key: str, path: str) -> str | None:
    """An optional text value (a name, a nationality): None when missing or bad (a problem)."""
    value = obj.get(key)
    return None if value is None else r.text(value, f"{path}.{key}", most=MAX_NAME) or None


def _integer(
    r: Reader, obj: object, key: str, path: str, *, high: int, low: int = 0, required: bool = True
) -> int | None:
    """A whole number written as text ("1988"); None when missing or bad (a problem)."""
    raw = r.field(obj, key, path, required=required)
    return None if raw is None else r.whole(raw, f"{path}.{key}", low=low, high=high, default=None)


def parse_ergast(text: str, source: str) -> Season:
    """A season from one Ergast/Jolpica results document.

    :raises InputError: listing every problem, with its JSON path.
    """
    document = read_json(text, source)
    r = Reader(source, format="JSON")
    table = r.field(r.field(document, "MRData", ""), "RaceTable", "MRData")
    races = r.field(table, "Races", "MRData.RaceTable")
    r.log.raise_if_any()
    if not isinstance(races, list) or not races:
        raise InputError(
            Problem(
                Message("no races in MRData.RaceTable.Races"), source=source, field="MRData.RaceTable.Races"
            )
        )
    series_id = str(document["MRData"].get("series", "f1"))
    drivers: dict[str, Driver] = {}
    teams: dict[str, Team] = {}
    entries: dict[str, Entry] = {}
    events: list[Event] = []
    results: list[Result] = []
    years: set[int] = set()
    for i, race in enumerate(races):
        path = f"MRData.RaceTable.Races[{i}]"
        year = _integer(r, race, "season", path, low=1900, high=2200)
        round_number = _integer(r, race, "round", path, low=1, high=MAX_ROUND)
        name = r.field(race, "raceName", path)
        day_text = r.field(race, "date", path)
        if year is None or round_number is None or name is None or day_text is None:
            continue
        years.add(year)
        try:
            day = date.fromisoformat(str(day_text))
        except ValueError:
            said = Message("expected a date like 1988-04-03, got {raw!r}", raw=day_text)
            r.problem(f"{path}.date", said, day_text)
            continue
        circuit = r.field(race, "Circuit", path, required=False) or {}
        location = circuit.get("Location", {}) if isinstance(circuit, Mapping) else {}
        sessions = []
        race_sessions: list[tuple[Session, str]] = []
        if race.get("SprintResults"):
            sprint = Session(f"r{round_number:02d}-sprint", "Sprint", SessionKind.SPRINT)
            sessions.append(sprint)
            race_sessions.append((sprint, "SprintResults"))
        main = Session(f"r{round_number:02d}-race", "Race", SessionKind.RACE)
        sessions.append(main)
        race_sessions.append((main, "Results"))
        try:
            events.append(
                Event(
                    round=round_number,
                    id=str(circuit.get("circuitId") or name).replace("_", "-"),
                    name=str(name),
                    date=day,
                    venue=circuit.get("circuitName") if isinstance(circuit, Mapping) else None,
                    country=location.get("country") if isinstance(location, Mapping) else None,
                    time_zone="UTC",
                    sessions=tuple(sessions),
                )
            )
        except PodiumError as exc:
            r.problem(path, message_of(exc))
            continue
        for session, key in race_sessions:
            rows = race.get(key) or []
            if not isinstance(rows, list):
                r.problem(f"{path}.{key}", Message("expected a list of results"))
                continue
            results.extend(
                _session_results(
                    r,
                    rows=rows,
                    path=f"{path}.{key}",
                    session=session,
                    drivers=drivers,
                    teams=teams,
                    entries=entries,
                )
            )
    if len(years) > 1:
        said = Message("the document mixes seasons {years}; import one season at a time", years=sorted(years))
        r.problem("MRData", said)
    r.log.raise_if_any()
    if not years:
        said = Message("no race with a season year")
        raise InputError(Problem(said, source=source, field="MRData.RaceTable.Races"))
    year = years.pop()
    classifications = [Classification("drivers", "Drivers' Championship", CompetitorKind.DRIVER)]
    if series_id == "f1" and year >= FIRST_CONSTRUCTORS_YEAR:
        classifications.append(
            Classification("constructors", "Constructors' Championship", CompetitorKind.TEAM)
        )
    series = SERIES.get(series_id, Series(series_id, series_id.upper()))
    try:
        return Season(
            series=series,
            year=year,
            ruleset=f"{series_id}-{year}",
            classifications=tuple(classifications),
            drivers=tuple(drivers.values()),
            teams=tuple(teams.values()),
            entries=tuple(entries.values()),
            events=tuple(sorted(events, key=lambda e: e.round)),
            results=tuple(results),
            name=f"{year} {series.name}",
        )
    except PodiumError as exc:
        raise InputError(Problem(message_of(exc), source=source, field="MRData.RaceTable")) from None


def _session_results(
    r: Reader,
    *,
    rows: list[Any],
    path: str,
    session: Session,
    drivers: dict[str, Driver],
    teams: dict[str, Team],
    entries: dict[str, Entry],
) -> list[Result]:
    out: list[Result] = []
    positions: dict[int, str] = {}
    for j, row in enumerate(rows):
        where = f"{path}[{j}]"
        driver_j = r.field(row, "Driver", where)
        constructor_j = r.field(row, "Constructor", where)
        position_text = r.field(row, "positionText", where)
        if driver_j is None or constructor_j is None or position_text is None:
            continue
        driver_id = r.field(driver_j, "driverId", f"{where}.Driver")
        team_id = r.field(constructor_j, "constructorId", f"{where}.Constructor")
        if driver_id is None or team_id is None:
            continue
        if not all(isinstance(x, str) and 0 < len(x) <= 100 for x in (driver_id, team_id)):
            said = Message(
                "expected ids as text, got {driver} and {team}",
                driver=quoted(driver_id),
                team=quoted(team_id),
            )
            r.problem(where, said)
            continue
        if driver_id not in drivers:
            born = _text(r, driver_j, "dateOfBirth", f"{where}.Driver")
            try:
                birth = date.fromisoformat(born) if born else None
            except ValueError:
                r.problem(
                    f"{where}.Driver.dateOfBirth", Message("expected a date, got {raw!r}", raw=born), born
                )
                birth = None
            names = (
                _text(r, driver_j, "givenName", f"{where}.Driver"),
                _text(r, driver_j, "familyName", f"{where}.Driver"),
            )
            full = " ".join(p for p in names if p)
            nationality = _text(r, driver_j, "nationality", f"{where}.Driver")
            drivers[driver_id] = Driver(driver_id, full or driver_id, birth, nationality)
        if team_id not in teams:
            team_name = _text(r, constructor_j, "name", f"{where}.Constructor")
            nationality = _text(r, constructor_j, "nationality", f"{where}.Constructor")
            teams[team_id] = Team(team_id, team_name or team_id, nationality)
        number = str(row.get("number") or "?")
        if number != "?" and (len(number) > 16 or not number.isascii() or not number.isalnum()):
            r.problem(f"{where}.number", Message("expected a car number, got {got}", got=quoted(number)))
            continue
        entry_id = f"{team_id}#{number}:{driver_id}"
        if entry_id not in entries:
            entries[entry_id] = Entry(entry_id, (driver_id,), team=team_id, car=Car(number=number))
        text = str(position_text)
        status = Status.CLASSIFIED if plain_digits(text) and len(text) <= 5 else POSITION_TEXT.get(text)
        if status is None:
            r.problem(
                f"{where}.positionText",
                Message(
                    "unknown positionText {got}; expected a number (at most {high}) or R, D, E, W, F, N",
                    got=quoted(text),
                    high=MAX_POSITION,
                ),
                text,
            )
            continue
        position = int(text) if status is Status.CLASSIFIED else None
        if position is not None:
            if position in positions:
                r.problem(
                    f"{where}.positionText",
                    Message(
                        "two cars in position {n} ({first} and {second}): a shared drive, which Ergast "
                        "cannot "
                        "describe; import this season from f1db instead",
                        n=position,
                        first=positions[position],
                        second=driver_id,
                    ),
                    text,
                )
                continue
            positions[position] = driver_id
        laps = _integer(r, row, "laps", where, high=MAX_LAPS, required=False)
        grid = _integer(r, row, "grid", where, high=MAX_POSITION, required=False)
        most = MAX_DURATION // timedelta(milliseconds=1)
        millis = _integer(r, row.get("Time") or {}, "millis", f"{where}.Time", high=most, required=False)
        fastest = row.get("FastestLap") or {}
        try:
            out.append(
                Result(
                    session=session.id,
                    entry=entry_id,
                    position=position,
                    status=status,
                    laps=laps,
                    time=timedelta(milliseconds=millis) if millis is not None and position else None,
                    grid=grid or None,
                    fastest_lap=isinstance(fastest, Mapping) and str(fastest.get("rank")) == "1",
                )
            )
        except PodiumError as exc:
            r.problem(where, message_of(exc))
    return out


def read_ergast(path: Path | str, *, source: str | None = None) -> Season:
    text = read_text(path, source=source)
    return parse_ergast(text.text, text.source)
