"""podium's calendar CSV (one line per session) and a session written on the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

from podium.errors import InputError, Message, PodiumError, Problem, ProblemLog, message_of
from podium.importers.csv_reader import agree, bad_cell, parsed_cell, require_rows, sheet_rows
from podium.importers.sheets import Calendar
from podium.importers.textfile import CsvRow, TextFile, cell_date, cell_int, read_text
from podium.model import Event, Session, SessionKind
from podium.model.values import MAX_DURATION, MAX_LAPS, MAX_ROUND, check_duration, check_time_zone, slug

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
        return check_duration(timedelta(hours=int(hours), minutes=int(minutes)), what=Message("a duration"))
    m = _DURATION.match(text)
    if not text or not m or not (m.group(1) or m.group(2)):
        raise ValueError(text)
    value = timedelta(hours=int(m.group(1) or 0), minutes=int(m.group(2) or 0))
    return check_duration(value, what=Message("a duration"))


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
    for row in sheet_rows(text, log, required=CALENDAR_REQUIRED, optional=CALENDAR_OPTIONAL):
        round_number = cell_int(row, "round", log, minimum=1, maximum=MAX_ROUND)
        if round_number is None:
            if not row.get("round"):
                log.add(Message("every line needs its round number"), line=row.line, field="round")
            continue
        event_name = row.get("event_name")
        session_name = row.get("session_name")
        if not event_name or not session_name:
            missing = "event_name" if not event_name else "session_name"
            log.add(Message("every line needs {column}", column=missing), line=row.line, field=missing)
            continue
        zone = row.get("time_zone") or "UTC"
        try:
            check_time_zone(zone)
        except ValueError as exc:
            log.add(
                Message("{reason}; write an IANA name like America/New_York", reason=message_of(exc)),
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
            what = Message("round {round}", round=round_number)
            agree(log, what, "event_name", (draft.line, draft.name), (row.line, event_name))
            agree(log, what, "time_zone", (draft.line, draft.time_zone), (row.line, zone))
            agree(log, what, "venue", (draft.line, draft.venue), (row.line, row.get("venue") or None))
            agree(log, what, "date", (draft.line, draft.date), (row.line, day))
            if draft.date is None:
                draft.date = day
        session = _session(row, round_number, session_name, log)
        if session is None:
            failed.add(round_number)
            continue
        if any(s.id == session.id for s in draft.sessions):
            bad_cell(
                log,
                row,
                "session",
                Message(
                    "session id {id!r} is used twice in round {round}", id=session.id, round=round_number
                ),
                session.id,
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
    require_rows(log, bool(events), Message("no sessions in the file: expected one line per session"))
    log.raise_if_any()
    return Calendar(text.source, tuple(events), MappingProxyType(lines))


def _session(row: CsvRow, round_number: int, name: str, log: ProblemLog) -> Session | None:
    try:
        kind = SessionKind(row.get("kind").lower())
    except ValueError:
        kinds = ", ".join(k.value for k in SessionKind)
        said = Message("unknown session kind {kind!r}; expected {kinds}", kind=row.get("kind"), kinds=kinds)
        bad_cell(log, row, "kind", said)
        return None
    start_read, start = parsed_cell(
        row, "start", parse_local_time, Message("a local start time like 2020-11-13 08:00"), log
    )
    length = Message("a duration like 45min or 1h30 (at most {days} days)", days=MAX_DURATION.days)
    length_read, duration = parsed_cell(row, "duration", parse_minutes, length, log)
    if not (start_read and length_read):
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
                Message(
                    "round {round} has no date and no session start time; give its date", round=draft.round
                ),
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
        log.add(message_of(exc), line=draft.line, field="round", value=draft.round)
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
                Message(
                    "start with the session's name, e.g. {example!r}",
                    example="Race 1; kind=race; start=2020-11-13 08:00",
                ),
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
                    Message(
                        "expected key=value with a key among {keys}, got {part!r}",
                        keys=", ".join(SESSION_KEYS),
                        part=part,
                    ),
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
