"""Al Kamel Systems timing exports (IMSA, WEC, SRO…): the "Results" CSV of a session.

The layout, as published with IMSA and WEC results (read by column *name*, never by index, because
the columns differ by championship and session)::

    POSITION;NUMBER;TEAM;DRIVER_1;DRIVER_2;…;VEHICLE;CLASS;…;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;…;PIC
    POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;GAP_PREVIOUS;FL_LAPNUM;FL_TIME;FL_KPH;TEAM;CLASS;…
        …;DRIVER1_FIRSTNAME;DRIVER1_SECONDNAME;…

Quirks handled: semicolon separated, UTF-8 with a BOM, a trailing ``;`` on every line, car numbers
with leading zeros ("060"), minutes written with an apostrophe ("5:44'41.101", "1'58.056"), status
words ("Classified", "Not classified", "Retired", "Disqualified"…), retired cars listed with a
position (podium keeps positions for classified cars only, renumbered 1…n in the sheet's order).
``PIC`` (position in class) is checked against the sheet's own order; podium derives class
positions itself, so a disagreement means a broken file, not a different rule.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from podium.errors import Message, ProblemLog, message_of
from podium.importers.sheets import ResultRow, ResultSheet, check_sheet, finish_sheet, read_status
from podium.importers.textfile import CsvRow, TextFile, cell_int, read_csv, read_text
from podium.model import Status
from podium.model.values import MAX_LAPS, MAX_POSITION, parse_duration, plain_digits

POSITION_COLUMNS = ("POSITION", "POS")
CLASS_POSITION_COLUMNS = ("PIC", "CLASS_POSITION", "POS_IN_CLASS", "POSITION_IN_CLASS")
MAX_DRIVERS = 8

_Raw = tuple[int, CsvRow, Status | None, str]
"""A line as first read: its overall position, the row, its status (``None`` when unreadable, already
reported) and its car number."""


def _first(row: CsvRow, names: tuple[str, ...]) -> tuple[str | None, str]:
    for name in names:
        if name in row.cells:
            return name, row.get(name)
    return None, ""


def _drivers(row: CsvRow) -> tuple[str, ...]:
    names = []
    for i in range(1, MAX_DRIVERS + 1):
        full = row.get(f"DRIVER_{i}")
        if not full:
            first = row.get(f"DRIVER{i}_FIRSTNAME")
            last = row.get(f"DRIVER{i}_SECONDNAME")
            full = " ".join(p for p in (first, last) if p)
        if full:
            names.append(" ".join(full.split()))
    if not names:
        first, last = row.get("DRIVER_FIRSTNAME"), row.get("DRIVER_SECONDNAME")
        single = " ".join(p for p in (first, last) if p)
        if single:
            names.append(single)
    return tuple(names)


def parse_alkamel(text: TextFile, *, defer: bool = False) -> ResultSheet:
    """Read an Al Kamel results CSV into a sheet of rows (cars named by number).

    :raises InputError: listing every problem of the file.
    """
    log = ProblemLog(text.source)
    raw_rows: list[_Raw] = []
    unreadable = 0
    """Lines whose position could not be read: the order checks need every place, so they wait."""
    header_has_position = True
    for row in read_csv(
        text,
        delimiter=";",
        required=("NUMBER",),
        optional=(),
        log=log,
        comments=False,
        ignore_unknown=True,
        normalise=False,
    ):
        column, raw_position = _first(row, POSITION_COLUMNS)
        if column is None:
            header_has_position = False
            break
        number = row.get("NUMBER")
        if not number:
            log.add(Message("every line needs the car NUMBER"), line=row.line, field="NUMBER")
            continue
        if not plain_digits(raw_position) or not 1 <= int(raw_position[:9]) <= MAX_POSITION:
            log.add(
                Message(
                    "expected the overall position as a number from 1 to {high}, got {raw!r}",
                    high=MAX_POSITION,
                    raw=raw_position[:80],
                ),
                line=row.line,
                field=column,
                value=raw_position[:80],
            )
            unreadable += 1
            continue
        raw_status = row.get("STATUS") or "Classified"
        status = read_status(raw_status)
        if status is None:
            log.add(
                Message(
                    "unknown status {raw!r}; expected Classified, Not classified, Retired, DNS, "
                    "Disqualified or Excluded",
                    raw=raw_status,
                ),
                line=row.line,
                field="STATUS",
                value=raw_status,
            )
        # A line with an unknown status still holds its place, so the order checks below read it
        # and every problem of the file is reported in one pass.
        raw_rows.append((int(raw_position), row, status, number))
    if not header_has_position:
        log.add(
            Message("missing column 'POSITION' (or 'POS'): is this an Al Kamel results file?"),
            line=1,
            field="POSITION",
        )
        log.raise_if_any()
    if not log and not raw_rows:
        log.add(Message("no cars in the file"), line=2)
        log.raise_if_any()

    raw_rows.sort(key=lambda r: r[0])
    _check_overall(raw_rows, log, every_place_read=not unreadable)
    if not unreadable:  # a line lost to its position shifts every later car's place in class
        _check_class_positions(raw_rows, log)
    fastest = _fastest(raw_rows, log)
    rows: list[ResultRow] = []
    placed = 0
    for _, row, maybe_status, number in raw_rows:
        if maybe_status is None:
            continue
        status = maybe_status
        # The file's order is the organiser's: classified cars first, then the cars not
        # classified in their printed places; disqualified and non-starting cars take none.
        position = official = None
        if status in (Status.CLASSIFIED, Status.NC, Status.DNF):
            placed += 1
            if status is Status.CLASSIFIED:
                position = placed
            else:
                official = placed
        laps = cell_int(row, "LAPS", log, maximum=MAX_LAPS)
        time = None
        if status is Status.CLASSIFIED and row.get("TOTAL_TIME"):
            try:
                time = parse_duration(row.get("TOTAL_TIME"))
            except ValueError as exc:
                log.add(
                    Message("{reason} (Al Kamel writes 5:44'41.101)", reason=message_of(exc)),
                    line=row.line,
                    field="TOTAL_TIME",
                    value=row.get("TOTAL_TIME")[:80],
                )
        _, raw_pic = _first(row, CLASS_POSITION_COLUMNS)
        rows.append(
            ResultRow(
                line=row.line,
                number=number,
                entry=None,
                position=position,
                status=status,
                laps=laps,
                time=time,
                fastest_lap=row.line in fastest,
                drivers=_drivers(row),
                started=False if status is Status.DNS else None,
                class_name=row.get("CLASS") or None,
                class_position=int(raw_pic) if plain_digits(raw_pic) and len(raw_pic) < 6 else None,
                official_position=official,
            )
        )
    check_sheet(rows, log)
    return finish_sheet(ResultSheet(text.source, tuple(rows), format="alkamel"), log, defer=defer)


def _check_overall(raw_rows: list[_Raw], log: ProblemLog, *, every_place_read: bool) -> None:
    """Overall positions 1…n, each once (the gaps only when every line's place was read),
    classified cars before the others."""
    seen: dict[int, int] = {}
    for position, row, _, _ in raw_rows:
        if position in seen:
            what = (
                Message("two winners") if position == 1 else Message("two cars in position {n}", n=position)
            )
            log.add(
                Message(
                    "{what} (lines {first} and {second})", what=what, first=seen[position], second=row.line
                ),
                line=row.line,
                field="POSITION",
                value=position,
            )
        seen[position] = row.line
    expected = list(range(1, len(raw_rows) + 1))
    if every_place_read and len(seen) == len(raw_rows) and sorted(seen) != expected:
        gap = next(p for p in expected if p not in seen)
        said = Message(
            "overall positions must run 1…{last}: position {n} is missing", last=len(raw_rows), n=gap
        )
        log.add(said, field="POSITION")
    running_out = False
    for _, row, status, _ in raw_rows:
        if status in (Status.DNF, Status.DNS, Status.NC, Status.DNQ):
            running_out = True
        elif status is Status.CLASSIFIED and running_out:
            log.add(
                Message(
                    "a classified car is listed after a retired or unclassified one; the sheet's order is "
                    "broken"
                ),
                line=row.line,
                field="STATUS",
                value=row.get("STATUS"),
            )


def _check_class_positions(raw_rows: list[_Raw], log: ProblemLog) -> None:
    counters: dict[str, int] = defaultdict(int)
    for _, row, _, number in raw_rows:
        column, raw = _first(row, CLASS_POSITION_COLUMNS)
        car_class = row.get("CLASS")
        counters[car_class] += 1
        if column is None or not raw:
            continue
        if not plain_digits(raw) or len(raw) > 5:
            said = Message("expected a position in class, got {raw!r}", raw=raw[:80])
            log.add(said, line=row.line, field=column, value=raw[:80])
            continue
        if int(raw) != counters[car_class]:
            log.add(
                Message(
                    "car #{number} is {place} of class {car_class} in this sheet's order, but {column} "
                    "says {raw}",
                    number=number,
                    place=_ordinal(counters[car_class]),
                    car_class=car_class or Message("(none)"),
                    column=column,
                    raw=raw,
                ),
                line=row.line,
                field=column,
                value=raw,
            )


def _fastest(raw_rows: list[_Raw], log: ProblemLog) -> set[int]:
    """Lines holding the session's fastest lap (FL_TIME), ties included."""
    times: list[tuple[timedelta, int]] = []
    for _, row, _, _ in raw_rows:
        raw = row.get("FL_TIME")
        if not raw:
            continue
        try:
            times.append((parse_duration(raw), row.line))
        except ValueError as exc:
            said = Message("{reason} (a lap time like 1'58.056)", reason=message_of(exc))
            log.add(said, line=row.line, field="FL_TIME", value=raw[:80])
    if not times:
        return set()
    best = min(t for t, _ in times)
    return {line for t, line in times if t == best}


def _ordinal(n: int) -> Message:
    """3 → "3rd" (French "3e"); 1 alone is its own word ("1st", French "1er")."""
    if n == 1:
        return Message("1st")
    if 10 <= n % 100 <= 20 or n % 10 not in (1, 2, 3):
        return Message("{n}th", n=n)
    return {1: Message("{n}st", n=n), 2: Message("{n}nd", n=n), 3: Message("{n}rd", n=n)}[n % 10]


def read_alkamel(path: Path | str, *, source: str | None = None) -> ResultSheet:
    return parse_alkamel(read_text(path, source=source))
