"""What importers hand to the store: parsed files that still carry their line numbers.

A sheet is read without the season (so it can be checked alone) and resolved against it later, in
the store's transaction (:mod:`podium.importers.resolve`); both steps report problems with the file
and line they come from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from types import MappingProxyType

from podium.errors import Message, Problem, ProblemLog
from podium.model import Driver, Entry, Event, Status, Team


@dataclass(frozen=True, slots=True)
class EntryList:
    """Drivers, teams and entries read from one entry list, with the line each came from."""

    source: str
    drivers: tuple[Driver, ...]
    teams: tuple[Team, ...]
    entries: tuple[Entry, ...]
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """``"entry:<id>"``, ``"driver:<id>"``, ``"team:<id>"`` → first line in the file."""

    def line_of(self, kind: str, ident: str) -> int | None:
        return self.lines.get(f"{kind}:{ident}")


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One car's line of a results sheet, as written (the car is named, not yet resolved)."""

    line: int
    number: str | None
    """Car number as text ("7", "07" and "7B" differ); the entry is the one valid in the round."""
    entry: str | None
    """An explicit entry id, when the sheet gives one instead of a number."""
    position: int | None
    status: Status
    laps: int | None = None
    time: timedelta | None = None
    laps_led: int = 0
    fastest_lap: bool = False
    pole: bool = False
    grid: int | None = None
    drivers: tuple[str, ...] = ()
    """Who drove, by driver id or name, when it differs from the entry list."""
    started: bool | None = None
    class_name: str | None = None
    """The class the timing sheet printed (Al Kamel ``CLASS``); checked against the entry."""
    class_position: int | None = None
    """The position in class the timing sheet printed (``PIC``); checked against the sheet's order."""
    official_position: int | None = None
    """The place printed for a car that is not classified (a retirement ranked 22nd)."""

    @property
    def placed(self) -> int | None:
        return self.position if self.position is not None else self.official_position

    @property
    def car(self) -> str:
        if self.number is not None:
            return Message("#{number}", number=self.number)
        return Message("entry {id!r}", id=self.entry)


@dataclass(frozen=True, slots=True)
class ResultSheet:
    """Results of one session read from a file, before they are matched to the season's entries."""

    source: str
    rows: tuple[ResultRow, ...]
    format: str = "podium-csv"
    problems: tuple[Problem, ...] = ()
    """Problems found reading the file, held back (``defer=True``) so that matching the rows to the
    season's entries reports them together with its own: one pass, every problem."""


def finish_sheet(sheet: ResultSheet, log: ProblemLog, *, defer: bool) -> ResultSheet:
    """``sheet``, or the log's problems raised now. Deferred problems travel with the sheet unless
    reading stopped early or found no row (then matching would add nothing worth reading)."""
    if not log:
        return sheet
    if not defer or log.full or log.stopped_at is not None or not sheet.rows:
        log.raise_if_any()
    return replace(sheet, problems=tuple(log.problems))


@dataclass(frozen=True, slots=True)
class Calendar:
    """Events (with their sessions) read from a calendar file."""

    source: str
    events: tuple[Event, ...]
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """``"round:<n>"`` and ``"session:<id>"`` → first line in the file."""


STATUS_WORDS: dict[str, Status] = {
    "classified": Status.CLASSIFIED,
    "cl": Status.CLASSIFIED,
    "fin": Status.CLASSIFIED,
    "finished": Status.CLASSIFIED,
    "running": Status.CLASSIFIED,
    "dnf": Status.DNF,
    "ret": Status.DNF,
    "retired": Status.DNF,
    "dns": Status.DNS,
    "not started": Status.DNS,
    "did not start": Status.DNS,
    "dsq": Status.DSQ,
    "dq": Status.DSQ,
    "disqualified": Status.DSQ,
    "nc": Status.NC,
    "not classified": Status.NC,
    "ex": Status.EX,
    "excluded": Status.EX,
    "dnq": Status.DNQ,
    "did not qualify": Status.DNQ,
}
"""Status words as timing sheets print them (any case) → podium's status."""


def read_status(text: str) -> Status | None:
    return STATUS_WORDS.get(" ".join(text.strip().lower().split()))


MIN_LAP = timedelta(seconds=1)
"""No car laps a circuit in under a second: a total time below laps × this is a misread number."""


def check_times(placed: list[ResultRow], log: ProblemLog) -> None:
    """Total times agree with the classified order: among cars on the same lap count, a car never
    stands ahead of one with a shorter time (time penalties re-order by it, so a misread time would
    move a car); and no time is shorter than a second a lap."""
    slowest_ahead: dict[int | None, ResultRow] = {}
    for row in placed:
        if row.position is None or row.time is None:
            continue
        if row.laps and row.time < MIN_LAP * row.laps:
            log.add(
                Message(
                    "a total time of {time} for {laps} laps is under a second a lap",
                    time=str(row.time),
                    laps=row.laps,
                ),
                line=row.line,
                field="time",
                value=str(row.time),
            )
            continue
        ahead = slowest_ahead.get(row.laps)
        if ahead is not None and ahead.time is not None and row.time < ahead.time:
            log.add(
                Message(
                    "{car} in position {position} has a shorter time ({time}) than {ahead} in position "
                    "{ahead_position} on the same laps ({ahead_time}, line {line}): the times contradict "
                    "the classified order",
                    car=row.car,
                    position=row.position,
                    time=str(row.time),
                    ahead=ahead.car,
                    ahead_position=ahead.position,
                    ahead_time=str(ahead.time),
                    line=ahead.line,
                ),
                line=row.line,
                field="time",
                value=str(row.time),
            )
            continue
        if ahead is None or (ahead.time is not None and row.time > ahead.time):
            slowest_ahead[row.laps] = row


def check_sheet(rows: list[ResultRow], log: ProblemLog) -> None:
    """Checks that need only the sheet: one line per car, one car per position, positions 1…n.

    Positions are the organiser's (classified and, where printed, official places of retired or
    disqualified cars) and are never checked against laps: a penalised car may stand behind cars
    with fewer laps. Total times are checked against the order (:func:`check_times`). Each problem
    names both lines involved, so the user sees which two rows disagree.
    """
    by_car: dict[str, ResultRow] = {}
    by_position: dict[int, ResultRow] = {}
    for row in rows:
        key = row.number if row.number is not None else f"entry:{row.entry}"
        if key in by_car:
            log.add(
                Message(
                    "car {car} appears twice (lines {first} and {second})",
                    car=row.car,
                    first=by_car[key].line,
                    second=row.line,
                ),
                line=row.line,
                field="number" if row.number is not None else "entry",
                value=row.number or row.entry,
            )
        else:
            by_car[key] = row
        place = row.placed
        if place is not None:
            other = by_position.get(place)
            if other is not None:
                what = Message("two winners") if place == 1 else Message("two cars in position {n}", n=place)
                log.add(
                    Message(
                        "{what}: {car} (line {line}) and {other} (line {other_line})",
                        what=what,
                        car=other.car,
                        line=other.line,
                        other=row.car,
                        other_line=row.line,
                    ),
                    line=row.line,
                    field="position",
                    value=place,
                )
            else:
                by_position[place] = row
        if row.status is Status.DSQ and row.started is False:
            log.add(
                Message(
                    "car {car} did not start, so it cannot be disqualified from the session; write DNS",
                    car=row.car,
                ),
                line=row.line,
                field="status",
                value=row.status.value,
            )
    check_times([by_position[p] for p in sorted(by_position)], log)
    if by_position:
        expected = 1
        for position in sorted(by_position):
            if position != expected:
                missing = (
                    Message("position {n} is missing", n=expected)
                    if position == expected + 1
                    else Message("positions {first}–{last} are missing", first=expected, last=position - 1)
                )
                row = by_position[position]
                log.add(
                    Message(
                        "positions must run 1, 2, 3… without gaps: {missing} (a lost line?)", missing=missing
                    ),
                    line=row.line,
                    field="position",
                    value=position,
                )
            expected = position + 1
