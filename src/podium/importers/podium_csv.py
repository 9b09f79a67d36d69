"""podium's own CSV formats: entry lists, results and calendars (documented in docs/import-formats.md).

Comma-separated UTF-8 (a BOM is fine), one header line, ``#`` starts a comment line. Readers are
lenient: they read the whole file and raise one :class:`~podium.errors.InputError` listing every
problem with its line and column. They need no season; matching cars and drivers to the season is
:mod:`podium.importers.resolve`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

from podium.errors import InputError, PodiumError, Problem
from podium.importers.sheets import Calendar, EntryList, ResultRow, ResultSheet, check_sheet, read_status
from podium.importers.textfile import (
    CsvRow,
    ProblemLog,
    TextFile,
    cell_bool,
    cell_date,
    cell_duration,
    cell_int,
    read_csv,
    read_text,
)
from podium.model import Car, Driver, Entry, Event, RoundRange, Session, SessionKind, Status, Team
from podium.model.values import (
    MAX_DURATION,
    MAX_LAPS,
    MAX_ROUND,
    check_duration,
    check_time_zone,
    plain_digits,
    slug,
    whole_number,
)

# -- entry lists -----------------------------------------------------------------------------------
ENTRY_REQUIRED = ("number", "driver")
ENTRY_OPTIONAL = (
    "entry",
    "driver_id",
    "birth_date",
    "nationality",
    "team",
    "team_id",
    "car_model",
    "build_year",
    "classes",
    "rounds",
)


def _split_list(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;|]", text) if p.strip()]


def _rounds(row: CsvRow, log: ProblemLog) -> tuple[RoundRange, ...]:
    raw = row.get("rounds")
    out = []
    for part in re.split(r"[;,|]", raw):
        if not part.strip():
            continue
        try:
            out.append(RoundRange.parse(part.strip()))
        except PodiumError:
            log.add(
                f"expected rounds like 1-4 or 1-4;6, got {raw!r}", line=row.line, field="rounds", value=raw
            )
            return ()
    return tuple(out)


@dataclass
class _EntryDraft:
    line: int
    number: str
    team: str | None
    car_model: str | None
    build_year: int | None
    classes: tuple[str, ...]
    rounds: tuple[RoundRange, ...]
    drivers: list[str] = field(default_factory=list)


def _agree(
    log: ProblemLog, what: str, column: str, first: tuple[int, object], later: tuple[int, object]
) -> None:
    (line_a, a), (line_b, b) = first, later
    if a is not None and b is not None and a != b:
        log.add(
            f"{what}: {column} is {a!r} on line {line_a} but {b!r} here",
            line=line_b,
            field=column,
            value=b,
        )


def parse_entry_list(text: TextFile) -> EntryList:
    """Read an entry list: one line per driver of a car; lines sharing a car (and rounds) form one entry.

    :raises InputError: listing every problem of the file.
    """
    log = ProblemLog(text.source)
    drivers: dict[str, tuple[int, Driver]] = {}
    teams: dict[str, tuple[int, Team]] = {}
    drafts: dict[str, _EntryDraft] = {}
    for row in read_csv(text, delimiter=",", required=ENTRY_REQUIRED, optional=ENTRY_OPTIONAL, log=log):
        number = row.get("number").lstrip("#")
        name = row.get("driver")
        if not number:
            log.add("every line needs the car number", line=row.line, field="number")
        if not name:
            log.add("every line needs the driver's name", line=row.line, field="driver")
        if not number or not name:
            continue
        if len(number) > 16 or not re.fullmatch(r"[0-9A-Za-z]+", number):
            log.add(
                f"a car number is letters and digits, got {number!r}",
                line=row.line,
                field="number",
                value=number,
            )
            continue
        driver_id = row.get("driver_id") or slug(name)
        if not driver_id:
            log.add(
                f"cannot make an id from the name {name!r}; add driver_id", line=row.line, field="driver_id"
            )
            continue
        birth = cell_date(row, "birth_date", log)
        nationality = row.get("nationality") or None
        if driver_id in drivers:
            line0, known = drivers[driver_id]
            what = f"driver {driver_id!r}"
            _agree(log, what, "driver", (line0, known.name), (row.line, name))
            _agree(log, what, "birth_date", (line0, known.birth_date), (row.line, birth))
            _agree(log, what, "nationality", (line0, known.nationality), (row.line, nationality))
        else:
            drivers[driver_id] = (row.line, Driver(driver_id, name, birth, nationality))
        team_name = row.get("team")
        team_id = row.get("team_id") or (slug(team_name) if team_name else "")
        if team_id:
            if team_id in teams:
                line0, known_team = teams[team_id]
                if team_name:
                    _agree(log, f"team {team_id!r}", "team", (line0, known_team.name), (row.line, team_name))
            else:
                teams[team_id] = (row.line, Team(team_id, team_name or team_id))
        build_year = cell_int(row, "build_year", log, minimum=1880, maximum=2200)
        classes = tuple(_split_list(row.get("classes")))
        rounds = _rounds(row, log)
        entry_id = row.get("entry") or (number if not rounds else f"{number}@{','.join(map(str, rounds))}")
        draft = drafts.get(entry_id)
        if draft is None:
            draft = drafts[entry_id] = _EntryDraft(
                row.line, number, team_id or None, row.get("car_model") or None, build_year, classes, rounds
            )
        else:
            what = f"car #{number} (entry {entry_id!r})"
            _agree(log, what, "number", (draft.line, draft.number), (row.line, number))
            _agree(log, what, "team", (draft.line, draft.team), (row.line, team_id or None))
            _agree(
                log,
                what,
                "car_model",
                (draft.line, draft.car_model),
                (row.line, row.get("car_model") or None),
            )
            _agree(log, what, "build_year", (draft.line, draft.build_year), (row.line, build_year))
            _agree(log, what, "classes", (draft.line, draft.classes or None), (row.line, classes or None))
        if driver_id in draft.drivers:
            log.add(
                f"driver {name!r} is listed twice for car #{number}",
                line=row.line,
                field="driver",
                value=name,
            )
        else:
            draft.drivers.append(driver_id)
    if not log and not drafts:
        log.add("no entries in the file: expected one line per driver of each car", line=2)
    log.raise_if_any()
    entries = []
    lines: dict[str, int] = {}
    for entry_id, d in drafts.items():
        car = Car(number=d.number, model=d.car_model, build_year=d.build_year)
        entries.append(
            Entry(entry_id, tuple(d.drivers), team=d.team, car=car, rounds=d.rounds, classes=d.classes)
        )
        lines[f"entry:{entry_id}"] = d.line
    lines.update({f"driver:{k}": v[0] for k, v in drivers.items()})
    lines.update({f"team:{k}": v[0] for k, v in teams.items()})
    return EntryList(
        source=text.source,
        drivers=tuple(d for _, d in drivers.values()),
        teams=tuple(t for _, t in teams.values()),
        entries=tuple(entries),
        lines=MappingProxyType(lines),
    )


def read_entry_list(path: Path | str, *, source: str | None = None) -> EntryList:
    return parse_entry_list(read_text(path, source=source))


# -- results ---------------------------------------------------------------------------------------
RESULT_REQUIRED = ("position",)
RESULT_OPTIONAL = (
    "number",
    "entry",
    "status",
    "laps",
    "time",
    "gap",
    "laps_led",
    "fastest_lap",
    "pole",
    "grid",
    "drivers",
    "started",
    "driver",
    "team",
    "class",
)
"""``gap``, ``driver`` and ``team`` are accepted for readability and not used (the entry list rules)."""
RESULT_HINTS = {
    "points": "podium computes points from positions and the season's ruleset; remove the column",
    "class_position": "positions in class are derived from the overall order; remove the column",
}


def parse_results(text: TextFile) -> ResultSheet:
    """Read a results sheet of one session (which session is said at import time).

    :raises InputError: listing every problem of the file.
    """
    log = ProblemLog(text.source)
    rows: list[ResultRow] = []
    rows_read = read_csv(
        text, delimiter=",", required=RESULT_REQUIRED, optional=RESULT_OPTIONAL, log=log, hints=RESULT_HINTS
    )
    for row in rows_read:
        parsed = _result_row(row, log)
        if parsed is not None:
            rows.append(parsed)
    if not log and not rows:
        log.add("no results in the file: expected one line per car", line=2)
    check_sheet(rows, log)
    log.raise_if_any()
    return ResultSheet(text.source, tuple(rows))


def _result_row(row: CsvRow, log: ProblemLog) -> ResultRow | None:
    number = row.get("number").lstrip("#") or None
    entry = row.get("entry") or None
    if number is None and entry is None:
        log.add("every line needs the car number (or an entry id)", line=row.line, field="number")
        return None
    raw_position = row.get("position")
    raw_status = row.get("status")
    position: int | None = None
    status: Status | None = None
    if raw_position:
        if plain_digits(raw_position) or raw_position.isdigit():
            try:
                position = whole_number(raw_position, low=1)
            except ValueError as exc:
                log.add(str(exc), line=row.line, field="position", value=raw_position[:80])
                return None
        elif (status := read_status(raw_position)) is None:
            log.add(
                "expected a position (1, 2, 3…) or a status (DNF, DNS, DSQ, NC, EX, DNQ), "
                f"got {raw_position!r}",
                line=row.line,
                field="position",
                value=raw_position,
            )
            return None
    if raw_status:
        from_status = read_status(raw_status)
        if from_status is None:
            log.add(
                f"unknown status {raw_status!r}; expected CLASSIFIED, DNF, DNS, DSQ, NC, EX or DNQ",
                line=row.line,
                field="status",
                value=raw_status,
            )
            return None
        if status is not None and from_status is not status:
            log.add(
                f"position says {status.value} but status says {from_status.value}",
                line=row.line,
                field="status",
                value=raw_status,
            )
            return None
        status = from_status
    if status is None:
        status = Status.CLASSIFIED
    if status is Status.CLASSIFIED and position is None:
        log.add("a classified car needs its position", line=row.line, field="position", value=raw_position)
        return None
    official: int | None = None
    if status is not Status.CLASSIFIED and position is not None:
        # The organiser's place for a car that is not classified (a retirement ranked 22nd).
        if status in (Status.DNS, Status.DNQ):
            log.add(
                f"a {status.value} car took no part in the session, so it has no place; leave position empty",
                line=row.line,
                field="position",
                value=raw_position,
            )
            return None
        official, position = position, None
    laps = cell_int(row, "laps", log, maximum=MAX_LAPS)
    laps_led = cell_int(row, "laps_led", log, maximum=MAX_LAPS) or 0
    grid = cell_int(row, "grid", log, minimum=1)
    return ResultRow(
        line=row.line,
        number=number,
        entry=entry,
        position=position,
        status=status,
        laps=laps,
        time=cell_duration(row, "time", log),
        laps_led=laps_led,
        fastest_lap=bool(cell_bool(row, "fastest_lap", log)),
        pole=bool(cell_bool(row, "pole", log)),
        grid=grid,
        drivers=tuple(_split_list(row.get("drivers"))),
        started=cell_bool(row, "started", log),
        class_name=row.get("class") or None,
        official_position=official,
    )


def read_results(path: Path | str, *, source: str | None = None) -> ResultSheet:
    return parse_results(read_text(path, source=source))


# -- calendars -------------------------------------------------------------------------------------
CALENDAR_REQUIRED = ("round", "event_name", "session_name", "kind")
CALENDAR_OPTIONAL = (
    "event",
    "date",
    "venue",
    "country",
    "time_zone",
    "session",
    "start",
    "duration",
    "laps",
    "broadcast",
)
_DURATION = re.compile(
    r"^\s*(?:(\d{1,4})\s*h(?:ours?)?)?\s*(?:(\d{1,5})\s*(?:m|min|mins|minutes)?)?\s*$", re.I | re.ASCII
)


def parse_minutes(text: str) -> timedelta:
    """``"45min"``, ``"45m"``, ``"45"``, ``"1h30"``, ``"2h"``, ``"1:30"`` → a duration of at most
    :data:`~podium.model.values.MAX_DURATION` (ASCII digits only).

    :raises ValueError: for anything else.
    """
    text = text.strip()
    if len(text) > 32:
        raise ValueError(text[:40])
    if re.fullmatch(r"\d{1,4}:\d\d", text, re.ASCII):
        hours, minutes = text.split(":")
        return check_duration(timedelta(hours=int(hours), minutes=int(minutes)), what="a duration")
    m = _DURATION.match(text)
    if not text or not m or not (m.group(1) or m.group(2)):
        raise ValueError(text)
    value = timedelta(hours=int(m.group(1) or 0), minutes=int(m.group(2) or 0))
    return check_duration(value, what="a duration")


def parse_local_time(text: str) -> datetime:
    """``"2020-11-13 08:00"`` or ``"2020-11-13T08:00"``: a naive local wall-clock time.

    :raises ValueError: for anything else, or a time with a UTC offset (local times have none).
    """
    value = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    if value.tzinfo is not None:
        raise ValueError(text)
    return value


def session_id(round_number: int, name: str) -> str:
    """The default session id: ``r08-race-1`` for "Race 1" of round 8."""
    return f"r{round_number:02d}-{slug(name)}"


@dataclass
class _EventDraft:
    line: int
    round: int
    event_id: str
    name: str
    date: date | None
    venue: str | None
    country: str | None
    time_zone: str
    sessions: list[Session] = field(default_factory=list)


def parse_calendar(text: TextFile) -> Calendar:
    """Read a calendar: one line per session; lines of one round form its event.

    :raises InputError: listing every problem of the file.
    """
    log = ProblemLog(text.source)
    drafts: dict[int, _EventDraft] = {}
    lines: dict[str, int] = {}
    failed: set[int] = set()
    for row in read_csv(text, delimiter=",", required=CALENDAR_REQUIRED, optional=CALENDAR_OPTIONAL, log=log):
        round_number = cell_int(row, "round", log, minimum=1, maximum=MAX_ROUND)
        if round_number is None:
            if not row.get("round"):
                log.add("every line needs its round number", line=row.line, field="round")
            continue
        event_name = row.get("event_name")
        session_name = row.get("session_name")
        if not event_name or not session_name:
            missing = "event_name" if not event_name else "session_name"
            log.add(f"every line needs {missing}", line=row.line, field=missing)
            continue
        zone = row.get("time_zone") or "UTC"
        try:
            check_time_zone(zone)
        except ValueError as exc:
            log.add(
                f"{exc}; write an IANA name like America/New_York",
                line=row.line,
                field="time_zone",
                value=zone[:80],
            )
            continue
        day = cell_date(row, "date", log)
        draft = drafts.get(round_number)
        if draft is None:
            draft = drafts[round_number] = _EventDraft(
                row.line,
                round_number,
                row.get("event") or slug(event_name),
                event_name,
                day,
                row.get("venue") or None,
                row.get("country") or None,
                zone,
            )
            lines[f"round:{round_number}"] = row.line
        else:
            what = f"round {round_number}"
            _agree(log, what, "event_name", (draft.line, draft.name), (row.line, event_name))
            _agree(log, what, "time_zone", (draft.line, draft.time_zone), (row.line, zone))
            _agree(log, what, "venue", (draft.line, draft.venue), (row.line, row.get("venue") or None))
            _agree(log, what, "date", (draft.line, draft.date), (row.line, day))
            if draft.date is None:
                draft.date = day
        session = _session(row, round_number, session_name, log)
        if session is None:
            failed.add(round_number)
            continue
        if any(s.id == session.id for s in draft.sessions):
            log.add(
                f"session id {session.id!r} is used twice in round {round_number}",
                line=row.line,
                field="session",
                value=session.id,
            )
            continue
        draft.sessions.append(session)
        lines[f"session:{session.id}"] = row.line
    events = []
    for draft in sorted(drafts.values(), key=lambda d: d.round):
        if draft.round in failed:
            continue
        event = _event(draft, log)
        if event is not None:
            events.append(event)
    if not log and not events:
        log.add("no sessions in the file: expected one line per session", line=2)
    log.raise_if_any()
    return Calendar(text.source, tuple(events), MappingProxyType(lines))


def _session(row: CsvRow, round_number: int, name: str, log: ProblemLog) -> Session | None:
    try:
        kind = SessionKind(row.get("kind").lower())
    except ValueError:
        log.add(
            f"unknown session kind {row.get('kind')!r}; expected race, sprint, qualifying or practice",
            line=row.line,
            field="kind",
            value=row.get("kind"),
        )
        return None
    start = None
    if row.get("start"):
        try:
            start = parse_local_time(row.get("start"))
        except ValueError:
            log.add(
                f"expected a local start time like 2020-11-13 08:00, got {row.get('start')!r}",
                line=row.line,
                field="start",
                value=row.get("start"),
            )
            return None
    duration = None
    if row.get("duration"):
        try:
            duration = parse_minutes(row.get("duration"))
        except ValueError:
            log.add(
                f"expected a duration like 45min or 1h30 (at most {MAX_DURATION.days} days), "
                f"got {row.get('duration')[:80]!r}",
                line=row.line,
                field="duration",
                value=row.get("duration"),
            )
            return None
    laps = cell_int(row, "laps", log, minimum=1, maximum=MAX_LAPS)
    return Session(
        id=row.get("session") or session_id(round_number, name),
        name=name,
        kind=kind,
        scheduled_start=start,
        scheduled_laps=laps,
        scheduled_duration=duration,
        broadcast=row.get("broadcast") or None,
    )


def _event(draft: _EventDraft, log: ProblemLog) -> Event | None:
    day = draft.date
    if day is None:
        starts = [s.scheduled_start for s in draft.sessions if s.scheduled_start and s.scores]
        starts = starts or [s.scheduled_start for s in draft.sessions if s.scheduled_start]
        if not starts:
            log.add(
                f"round {draft.round} has no date and no session start time; give its date",
                line=draft.line,
                field="date",
            )
            return None
        day = max(starts).date()
    try:
        return Event(
            round=draft.round,
            id=draft.event_id,
            name=draft.name,
            date=day,
            venue=draft.venue,
            country=draft.country,
            time_zone=draft.time_zone,
            sessions=tuple(draft.sessions),
        )
    except PodiumError as exc:
        log.add(str(exc), line=draft.line, field="round", value=draft.round)
        return None


def read_calendar(path: Path | str, *, source: str | None = None) -> Calendar:
    return parse_calendar(read_text(path, source=source))


SESSION_KEYS = ("id", "kind", "start", "duration", "laps", "broadcast")


def parse_session_spec(text: str, round_number: int, *, field_name: str = "--session") -> Session:
    """A session written on the command line: ``"Race 1; kind=race; start=2020-11-13 08:00; duration=45min"``.

    The first part is the name; the others are ``key=value`` with keys from :data:`SESSION_KEYS`.

    :raises InputError: naming every bad part.
    """
    parts = [p.strip() for p in text.split(";")]
    name = parts[0]
    problems: list[Problem] = []
    values: dict[str, str] = {}
    if not name or "=" in name:
        problems.append(
            Problem(
                "start with the session's name, e.g. 'Race 1; kind=race; start=2020-11-13 08:00'",
                field=field_name,
                value=text,
            )
        )
    for part in parts[1:]:
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in SESSION_KEYS:
            problems.append(
                Problem(
                    f"expected key=value with a key among {', '.join(SESSION_KEYS)}, got {part!r}",
                    field=field_name,
                    value=text,
                )
            )
            continue
        values[key] = value.strip()
    if problems:
        raise InputError(problems)
    cells = {
        "session_name": name,
        "kind": values.get("kind", "race"),
        "session": values.get("id", ""),
        "start": values.get("start", ""),
        "duration": values.get("duration", ""),
        "laps": values.get("laps", ""),
        "broadcast": values.get("broadcast", ""),
    }
    log = ProblemLog(field_name)
    session = _session(CsvRow(0, cells), round_number, name, log)
    if log.problems:
        raise InputError([Problem(p.message, field=field_name, value=text) for p in log.problems])
    assert session is not None
    return session


# -- format detection ------------------------------------------------------------------------------
def sniff_results_format(text: TextFile) -> str:
    """``"alkamel"`` for an Al Kamel timing export (``POSITION;NUMBER;…``), else ``"podium-csv"``."""
    first = next((ln for ln in text.lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    head = first.lstrip("\ufeff")  # Al Kamel headers are upper case; "position;…" is a podium CSV gone wrong
    if head.startswith(("POSITION;", "POS;")) or ";NUMBER;" in head:
        return "alkamel"
    return "podium-csv"
