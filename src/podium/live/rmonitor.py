"""The RMonitor timing protocol (MyLaps Orbits, Race Monitor): one record per line, read leniently.

A record is a line of comma-separated fields, the first naming the record (``$A``, ``$G``…); text
fields are double-quoted, numbers are bare; lines end in CR LF. The records podium reads:

=========  =====================================================================================
``$A``     competitor: registration number, car number, transponder, first name, last name,
           nationality, class number
``$COMP``  competitor (extended): registration number, car number, class number, first name,
           last name, nationality, additional data
``$B``     run (session): unique number, description
``$C``     class: unique number, description
``$E``     setting: description, value (TRACKNAME, TRACKLENGTH)
``$F``     heartbeat: laps to go, time to go, time of day, race time, flag ("Green ", "Yellow",
           "Red   ", "Finish", or blank)
``$G``     race position: position, registration number, laps, total time
``$H``     practice/qualifying position: position, registration number, best lap, best lap time
``$I``     init: time of day, date — the timing system was reset, forget the session
``$J``     passing: registration number, lap time, total time
``$COR``   correction: registration number, car number, laps, total time, correction
=========  =====================================================================================

Sources: the "RMonitor Timing Protocol" description that Orbits ships, as kept with the open-source
parser github.com/bradfier/rmonitor (``docs/RMonitor Timing Protocol.pdf``, ``src/protocol.rs``).
:func:`parse_line` never raises on bad input: it returns a :class:`Garbled` value saying why, so the
feed reader can count it, log it and carry on (python-chess's lenient visitor).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum


class Flag(StrEnum):
    """Track flag of a heartbeat."""

    NONE = ""
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    FINISH = "finish"


FLAG_TEXT = {
    Flag.NONE: "      ",
    Flag.GREEN: "Green ",
    Flag.YELLOW: "Yellow",
    Flag.RED: "Red   ",
    Flag.FINISH: "Finish",
}
"""Flags as the protocol writes them: fixed width, padded with spaces."""


@dataclass(frozen=True, slots=True)
class Competitor:
    """``$A`` / ``$COMP``: a car of the session, known by its registration number."""

    registration: str
    number: str
    first_name: str
    last_name: str
    nationality: str = ""
    class_number: int | None = None
    transponder: int | None = None
    additional: str = ""


@dataclass(frozen=True, slots=True)
class Run:
    """``$B``: the session being timed."""

    number: int
    description: str


@dataclass(frozen=True, slots=True)
class ClassInfo:
    """``$C``: a class of the session."""

    number: int
    description: str


@dataclass(frozen=True, slots=True)
class Setting:
    """``$E``: a setting of the timing system."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """``$F``: sent every second or so; carries the flag."""

    laps_to_go: int
    time_to_go: str
    time_of_day: str
    race_time: str
    flag: Flag


@dataclass(frozen=True, slots=True)
class RacePosition:
    """``$G``: a car's race position (with laps and total time)."""

    position: int
    registration: str
    laps: int | None
    total_time: str


@dataclass(frozen=True, slots=True)
class PracticePosition:
    """``$H``: a car's practice or qualifying position (by best lap)."""

    position: int
    registration: str
    best_lap: int | None
    best_time: str


@dataclass(frozen=True, slots=True)
class Init:
    """``$I``: the timing system was reset (a new session follows)."""

    time_of_day: str
    date: str


@dataclass(frozen=True, slots=True)
class Passing:
    """``$J``: a car crossed the line."""

    registration: str
    lap_time: str
    total_time: str


@dataclass(frozen=True, slots=True)
class Correction:
    """``$COR``: a correction of a car's laps or time."""

    registration: str
    number: str
    laps: int | None
    total_time: str
    correction: str


@dataclass(frozen=True, slots=True)
class Garbled:
    """A line that is not a record podium can read, and why."""

    line: str
    reason: str


Record = (
    Competitor
    | Run
    | ClassInfo
    | Setting
    | Heartbeat
    | RacePosition
    | PracticePosition
    | Init
    | Passing
    | Correction
)

FIELDS = {
    "$A": 8,
    "$COMP": 8,
    "$B": 3,
    "$C": 3,
    "$E": 3,
    "$F": 6,
    "$G": 5,
    "$H": 5,
    "$I": 3,
    "$J": 4,
    "$COR": 6,
}
"""Record name → number of fields, the name included."""


class _Bad(ValueError):
    pass


def _int(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise _Bad(f"{what} is not a whole number: {text!r}") from None


def _opt_int(text: str, what: str) -> int | None:
    return None if not text.strip() else _int(text, what)


def _flag(text: str) -> Flag:
    for flag, written in FLAG_TEXT.items():
        if text == written or text.strip().casefold() == written.strip().casefold():
            return flag
    raise _Bad(f"unknown flag {text!r}")


def split_fields(line: str) -> list[str]:
    """The fields of a line, quotes removed (the protocol's quoting is CSV's)."""
    return next(csv.reader([line], skipinitialspace=False), [])


def parse_line(line: str) -> Record | Garbled | None:
    """The record on ``line``; None for a blank line; :class:`Garbled` (never an exception) for the rest."""
    text = line.strip("\r\n\x00")
    if not text.strip():
        return None
    try:
        fields = split_fields(text)
    except csv.Error as exc:
        return Garbled(text, f"not CSV: {exc}")
    name = fields[0].strip() if fields else ""
    expected = FIELDS.get(name)
    if expected is None:
        return Garbled(text, f"unknown record {name[:12]!r}")
    if len(fields) != expected:
        return Garbled(text, f"{name} has {len(fields)} fields, expected {expected}")
    f = fields
    try:
        match name:
            case "$A":
                return Competitor(
                    f[1], f[2], f[4], f[5], f[6], _opt_int(f[7], "class"), _opt_int(f[3], "transponder")
                )
            case "$COMP":
                return Competitor(f[1], f[2], f[4], f[5], f[6], _opt_int(f[3], "class"), None, f[7])
            case "$B":
                return Run(_int(f[1], "run number"), f[2])
            case "$C":
                return ClassInfo(_int(f[1], "class number"), f[2])
            case "$E":
                return Setting(f[1], f[2])
            case "$F":
                return Heartbeat(_int(f[1], "laps to go"), f[2], f[3], f[4], _flag(f[5]))
            case "$G":
                position = _int(f[1], "position")
                if position < 1:
                    raise _Bad(f"position {position} below 1")
                if not f[2].strip():
                    raise _Bad("no registration number")
                return RacePosition(position, f[2].strip(), _opt_int(f[3], "laps"), f[4])
            case "$H":
                position = _int(f[1], "position")
                if position < 1:
                    raise _Bad(f"position {position} below 1")
                if not f[2].strip():
                    raise _Bad("no registration number")
                return PracticePosition(position, f[2].strip(), _opt_int(f[3], "best lap"), f[4])
            case "$I":
                return Init(f[1], f[2])
            case "$J":
                return Passing(f[1].strip(), f[2], f[3])
            case _:  # "$COR"
                return Correction(f[1].strip(), f[2], _opt_int(f[3], "laps"), f[4], f[5])
    except _Bad as exc:
        return Garbled(text, f"{name}: {exc}")


# -- writing (the replay server speaks the protocol too) ------------------------------------------------
def _q(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def encode(record: Record) -> str:
    """One record as a protocol line (CR LF included)."""
    match record:
        case Competitor():
            body = (
                f"$COMP,{_q(record.registration)},{_q(record.number)},"
                f"{'' if record.class_number is None else record.class_number},"
                f"{_q(record.first_name)},{_q(record.last_name)},{_q(record.nationality)},{_q(record.additional)}"
            )
        case Run():
            body = f"$B,{record.number},{_q(record.description)}"
        case ClassInfo():
            body = f"$C,{record.number},{_q(record.description)}"
        case Setting():
            body = f"$E,{_q(record.name)},{_q(record.value)}"
        case Heartbeat():
            body = (
                f"$F,{record.laps_to_go},{_q(record.time_to_go)},{_q(record.time_of_day)},"
                f"{_q(record.race_time)},{_q(FLAG_TEXT[record.flag])}"
            )
        case RacePosition():
            laps = "" if record.laps is None else record.laps
            body = f"$G,{record.position},{_q(record.registration)},{laps},{_q(record.total_time)}"
        case PracticePosition():
            lap = "" if record.best_lap is None else record.best_lap
            body = f"$H,{record.position},{_q(record.registration)},{lap},{_q(record.best_time)}"
        case Init():
            body = f"$I,{_q(record.time_of_day)},{_q(record.date)}"
        case Passing():
            body = f"$J,{_q(record.registration)},{_q(record.lap_time)},{_q(record.total_time)}"
        case Correction():
            laps = "" if record.laps is None else record.laps
            body = (
                f"$COR,{_q(record.registration)},{_q(record.number)},{laps},"
                f"{_q(record.total_time)},{_q(record.correction)}"
            )
    return body + "\r\n"


def clock(seconds: float) -> str:
    """Seconds as the protocol's ``HH:MM:SS.mmm``."""
    millis = round(seconds * 1000)
    h, rest = divmod(millis, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"
