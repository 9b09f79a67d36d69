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

from podium.errors import InputError, Message, PodiumError, Problem, ProblemLog, message_of
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
from podium.model.values import MAX_DURATION, MAX_LAPS, MAX_POSITION, MAX_ROUND, plain_digits, whole_number

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


class _Reader:
    def __init__(self, log: ProblemLog) -> None:
        self.log = log

    def get(self, obj: object, key: str, path: str, *, required: bool = True) -> Any:
        if not isinstance(obj, Mapping):
            self.log.add(Message("expected an object, got {kind}", kind=type(obj).__name__), field=path)
            return None
        if obj.get(key) is None:
            if required:
                self.log.add(Message("missing key {key!r}", key=key), field=f"{path}.{key}" if path else key)
            return None
        return obj[key]

    def text(self, obj: Mapping[str, Any], key: str, path: str) -> str | None:
        """An optional text value (a name, a nationality): a string of at most 200 characters."""
        value = obj.get(key)
        if value is None or (isinstance(value, str) and len(value) <= 200):
            return value
        said = Message("expected a text of at most 200 characters, got {value!r:.80}", value=value)
        self.log.add(said, field=f"{path}.{key}")
        return None

    def integer(
        self, obj: object, key: str, path: str, *, high: int, low: int = 0, required: bool = True
    ) -> int | None:
        raw = self.get(obj, key, path, required=required)
        if raw is None:
            return None
        try:
            return whole_number(raw, low=low, high=high)
        except ValueError as exc:
            self.log.add(message_of(exc), field=f"{path}.{key}", value=str(raw)[:80])
            return None


def parse_ergast(text: str, source: str) -> Season:
    """A season from one Ergast/Jolpica results document.

    :raises InputError: listing every problem, with its JSON path.
    """
    log = ProblemLog(source)
    document = read_json(text, source)
    r = _Reader(log)
    table = r.get(r.get(document, "MRData", ""), "RaceTable", "MRData")
    races = r.get(table, "Races", "MRData.RaceTable")
    log.raise_if_any()
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
        year = r.integer(race, "season", path, low=1900, high=2200)
        round_number = r.integer(race, "round", path, low=1, high=MAX_ROUND)
        name = r.get(race, "raceName", path)
        day_text = r.get(race, "date", path)
        if year is None or round_number is None or name is None or day_text is None:
            continue
        years.add(year)
        try:
            day = date.fromisoformat(str(day_text))
        except ValueError:
            said = Message("expected a date like 1988-04-03, got {raw!r}", raw=day_text)
            log.add(said, field=f"{path}.date", value=day_text)
            continue
        circuit = r.get(race, "Circuit", path, required=False) or {}
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
            log.add(message_of(exc), field=path)
            continue
        for session, key in race_sessions:
            rows = race.get(key) or []
            if not isinstance(rows, list):
                log.add(Message("expected a list of results"), field=f"{path}.{key}")
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
        log.add(said, field="MRData")
    log.raise_if_any()
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
    r: _Reader,
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
        driver_j = r.get(row, "Driver", where)
        constructor_j = r.get(row, "Constructor", where)
        position_text = r.get(row, "positionText", where)
        if driver_j is None or constructor_j is None or position_text is None:
            continue
        driver_id = r.get(driver_j, "driverId", f"{where}.Driver")
        team_id = r.get(constructor_j, "constructorId", f"{where}.Constructor")
        if driver_id is None or team_id is None:
            continue
        if not all(isinstance(x, str) and 0 < len(x) <= 100 for x in (driver_id, team_id)):
            said = Message(
                "expected ids as text, got {driver!r:.80} and {team!r:.80}", driver=driver_id, team=team_id
            )
            r.log.add(said, field=where)
            continue
        if driver_id not in drivers:
            born = r.text(driver_j, "dateOfBirth", f"{where}.Driver")
            try:
                birth = date.fromisoformat(born) if born else None
            except ValueError:
                said = Message("expected a date, got {raw!r}", raw=born)
                r.log.add(said, field=f"{where}.Driver.dateOfBirth", value=born)
                birth = None
            names = (
                r.text(driver_j, "givenName", f"{where}.Driver"),
                r.text(driver_j, "familyName", f"{where}.Driver"),
            )
            full = " ".join(p for p in names if p)
            nationality = r.text(driver_j, "nationality", f"{where}.Driver")
            drivers[driver_id] = Driver(driver_id, full or driver_id, birth, nationality)
        if team_id not in teams:
            team_name = r.text(constructor_j, "name", f"{where}.Constructor")
            nationality = r.text(constructor_j, "nationality", f"{where}.Constructor")
            teams[team_id] = Team(team_id, team_name or team_id, nationality)
        number = str(row.get("number") or "?")
        if number != "?" and (len(number) > 16 or not number.isascii() or not number.isalnum()):
            r.log.add(Message("expected a car number, got {raw!r:.80}", raw=number), field=f"{where}.number")
            continue
        entry_id = f"{team_id}#{number}:{driver_id}"
        if entry_id not in entries:
            entries[entry_id] = Entry(entry_id, (driver_id,), team=team_id, car=Car(number=number))
        text = str(position_text)
        status = Status.CLASSIFIED if plain_digits(text) and len(text) <= 5 else POSITION_TEXT.get(text)
        if status is None:
            r.log.add(
                Message(
                    "unknown positionText {raw!r}; expected a number (at most {high}) or R, D, E, W, F, N",
                    raw=text[:80],
                    high=MAX_POSITION,
                ),
                field=f"{where}.positionText",
                value=text[:80],
            )
            continue
        position = int(text) if status is Status.CLASSIFIED else None
        if position is not None:
            if position in positions:
                r.log.add(
                    Message(
                        "two cars in position {n} ({first} and {second}): a shared drive, which Ergast "
                        "cannot "
                        "describe; import this season from f1db instead",
                        n=position,
                        first=positions[position],
                        second=driver_id,
                    ),
                    field=f"{where}.positionText",
                    value=text,
                )
                continue
            positions[position] = driver_id
        laps = r.integer(row, "laps", where, high=MAX_LAPS, required=False)
        grid = r.integer(row, "grid", where, high=MAX_POSITION, required=False)
        most = MAX_DURATION // timedelta(milliseconds=1)
        millis = r.integer(row.get("Time") or {}, "millis", f"{where}.Time", high=most, required=False)
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
            r.log.add(message_of(exc), field=where)
    return out


def read_ergast(path: Path | str, *, source: str | None = None) -> Season:
    text = read_text(path, source=source)
    return parse_ergast(text.text, text.source)
