"""MyLaps Speedhive results exports: the CSV a club organiser downloads from speedhive.mylaps.com.

The layout, read by column *name* (case-insensitive) as Speedhive exports a race session::

    Pos,Start Number,Competitor,Class,Total Time,Diff,Laps,Best Lap,Best Lap No.,Best Speed
    1,71,Isaiah Dummer,PRO3,22:49.128,0.000,14,1:35.690,8,84.648 mi/h
    24,25,Madison McCulloch,PRO3,23:18.357,1 lap,13,1:43.550,5,78.223 mi/h
    DNF,63,Ron Tanemura,SPM,23.299,0.000,-,0.000,-,-
    DNS,225,Tamer Ozkaraoglu,SPM,0.000,0.000,-,0.000,-,-

(a real export, kept in ``../shared/data/timing-exports/``), and the summary layout other readers of
Speedhive document (``Position,Start Number,Name,Class,Position In Class,Status``).

Quirks handled: a BOM and CRLF line ends; ``Pos`` is either the place or a status word (``DNF``,
``DNS``, ``DQ``…) standing in for it; ``-`` for a count that does not exist (no laps, no best-lap
number); ``0.000`` for a time that does not exist (a non-starter's total, a best lap never set);
``Diff`` as a gap in time or in laps (``1 lap``, ``5 laps``), the laps checked against the leader's;
``Position In Class`` checked against the sheet's order (podium derives class places itself).
A place printed for a car whose ``Status`` says it did not finish is kept as its official place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from podium.errors import Message, ProblemLog
from podium.importers.sheets import ResultRow, ResultSheet, check_sheet, read_status
from podium.importers.textfile import CsvRow, TextFile, read_csv, read_text
from podium.model import Status
from podium.model.values import MAX_LAPS, MAX_POSITION, parse_duration, plain_digits

POSITION_COLUMNS = ("pos", "position")
NAME_COLUMNS = ("competitor", "name")
CLASS_POSITION_COLUMNS = ("position_in_class", "pic")
_LAPS_DOWN = re.compile(r"^(\d{1,6})\s+laps?$", re.IGNORECASE | re.ASCII)
_NONE = {"", "-"}


def _first(row: CsvRow, names: tuple[str, ...]) -> tuple[str, str]:
    for name in names:
        if name in row.cells:
            return name, row.get(name)
    return names[0], ""


def _laps(row: CsvRow, log: ProblemLog) -> int | None:
    raw = row.get("laps")
    if raw in _NONE:
        return None
    if not plain_digits(raw) or len(raw) > 6 or int(raw) > MAX_LAPS:
        log.add(
            Message(
                "expected a number of laps from 0 to {high} (or '-'), got {raw!r}",
                high=MAX_LAPS,
                raw=raw[:80],
            ),
            line=row.line,
            field="Laps",
            value=raw,
        )
        return None
    return int(raw)


def _time(row: CsvRow, column: str, label: str, log: ProblemLog) -> timedelta | None:
    """A time cell; ``0.000`` and ``-`` mean no time."""
    raw = row.get(column)
    if raw in _NONE:
        return None
    try:
        value = parse_duration(raw)
    except ValueError:
        log.add(
            Message("expected a time like 22:49.128 or 1:35.690, got {raw!r}", raw=raw),
            line=row.line,
            field=label,
            value=raw,
        )
        return None
    return value or None


def parse_speedhive(text: TextFile) -> ResultSheet:
    """Read a Speedhive results CSV into a sheet of rows (cars named by their start number).

    :raises InputError: listing every problem of the file, each with its line and column.
    """
    log = ProblemLog(text.source)
    parsed: list[tuple[CsvRow, int | None, Status]] = []
    for row in read_csv(
        text,
        delimiter=",",
        required=("start_number",),
        optional=(),
        log=log,
        comments=False,
        ignore_unknown=True,
    ):
        if not any(c in row.cells for c in POSITION_COLUMNS):
            log.add(
                Message("missing column 'Pos' (or 'Position'): is this a Speedhive results export?"),
                line=1,
                field="Pos",
            )
            break
        number = row.get("start_number")
        if not number:
            log.add(Message("every line needs the car's Start Number"), line=row.line, field="Start Number")
            continue
        column, raw_pos = _first(row, POSITION_COLUMNS)
        raw_status = row.get("status")
        status = read_status(raw_status) if raw_status else Status.CLASSIFIED
        if status is None:
            log.add(
                Message(
                    "unknown status {raw!r}; expected Finished, DNF, DNS, DQ, NC or Excluded", raw=raw_status
                ),
                line=row.line,
                field="Status",
                value=raw_status,
            )
            continue
        place: int | None = None
        if plain_digits(raw_pos) and len(raw_pos) <= 5 and 1 <= int(raw_pos) <= MAX_POSITION:
            place = int(raw_pos)
        else:
            # Speedhive prints the status in place of a position for a car it does not place.
            word = read_status(raw_pos) if raw_pos else None
            if word is None or word is Status.CLASSIFIED:
                log.add(
                    Message(
                        "expected a position (1, 2, 3…) or a status such as DNF or DNS, got {raw!r}",
                        raw=raw_pos,
                    ),
                    line=row.line,
                    field="Pos" if column == "pos" else "Position",
                    value=raw_pos,
                )
                continue
            status = word
        parsed.append((row, place, status))
    if not log and not parsed:
        log.add(Message("no cars in the file"), line=2)
    log.raise_if_any()

    fastest = _fastest([r for r, _, _ in parsed], log)
    laps_of = [_laps(row, log) for row, _, _ in parsed]
    leader_laps = next((lp for (_, p, _), lp in zip(parsed, laps_of, strict=True) if p == 1), None)
    counters: dict[str, int] = defaultdict(int)
    rows: list[ResultRow] = []
    placed = 0
    previous: tuple[int, int] | None = None
    for (row, printed, status), laps in zip(parsed, laps_of, strict=True):
        if printed is not None:
            if previous is not None and printed <= previous[0]:
                log.add(
                    Message(
                        "position {n} is printed after position {before} (line {line}); the sheet's order "
                        "is broken",
                        n=printed,
                        before=previous[0],
                        line=previous[1],
                    ),
                    line=row.line,
                    field="Pos",
                    value=printed,
                )
            previous = (printed, row.line)
        # The sheet's order is the organiser's. Finishers and retirements printed with a place take
        # the next place; disqualified and non-starting cars take none (as in the Al Kamel reader).
        place = None
        if printed is not None and status in (Status.CLASSIFIED, Status.NC, Status.DNF):
            placed += 1
            place = placed
        time = _time(row, "total_time", "Total Time", log) if status is Status.CLASSIFIED else None
        _check_laps_down(row, laps, leader_laps, log)
        car_class = row.get("class") or None
        class_position = _class_position(row, car_class, counters, place is not None, log)
        _, name = _first(row, NAME_COLUMNS)
        rows.append(
            ResultRow(
                line=row.line,
                number=row.get("start_number"),
                entry=None,
                position=place if status is Status.CLASSIFIED else None,
                status=status,
                laps=laps if laps is not None else (0 if status is Status.DNS else None),
                time=time,
                fastest_lap=row.line in fastest,
                drivers=(" ".join(name.split()),) if name else (),
                started=False if status is Status.DNS else None,
                class_name=car_class,
                class_position=class_position,
                official_position=place if status is not Status.CLASSIFIED else None,
            )
        )
    check_sheet(rows, log)
    log.raise_if_any()
    return ResultSheet(text.source, tuple(rows), format="speedhive")


def _check_laps_down(row: CsvRow, laps: int | None, leader_laps: int | None, log: ProblemLog) -> None:
    """``Diff`` written in laps (``1 lap``) must match the laps column against the winner's."""
    match = _LAPS_DOWN.match(row.get("diff"))
    if match is None or laps is None or leader_laps is None:
        return
    down = int(match.group(1))
    if leader_laps - laps != down:
        log.add(
            Message(
                "Diff says {diff!r} behind, but the car has {laps} laps and the winner {leader} ({down} "
                "down)",
                diff=row.get("diff"),
                laps=laps,
                leader=leader_laps,
                down=leader_laps - laps,
            ),
            line=row.line,
            field="Diff",
            value=row.get("diff"),
        )


def _class_position(
    row: CsvRow, car_class: str | None, counters: dict[str, int], placed: bool, log: ProblemLog
) -> int | None:
    _, raw = _first(row, CLASS_POSITION_COLUMNS)
    if placed:
        counters[car_class or ""] += 1
    if not raw or raw in _NONE:
        return None
    if not plain_digits(raw) or len(raw) > 5:
        if read_status(raw) is not None:
            return None
        log.add(
            Message("expected a position in class, got {raw!r}", raw=raw),
            line=row.line,
            field="Position In Class",
            value=raw,
        )
        return None
    if placed and int(raw) != counters[car_class or ""]:
        log.add(
            Message(
                "car #{number} is number {place} of class {car_class} in this sheet's order, but Position In "
                "Class says {raw}",
                number=row.get("start_number"),
                place=counters[car_class or ""],
                car_class=car_class or Message("(none)"),
                raw=raw,
            ),
            line=row.line,
            field="Position In Class",
            value=raw,
        )
    return int(raw)


def _fastest(rows: list[CsvRow], log: ProblemLog) -> set[int]:
    """Lines holding the session's best lap (``Best Lap``), ties included; ``0.000`` is no lap."""
    times = [(t, r.line) for r in rows if (t := _time(r, "best_lap", "Best Lap", log)) is not None]
    if not times:
        return set()
    best = min(t for t, _ in times)
    return {line for t, line in times if t == best}


def read_speedhive(path: Path | str, *, source: str | None = None) -> ResultSheet:
    return parse_speedhive(read_text(path, source=source))
