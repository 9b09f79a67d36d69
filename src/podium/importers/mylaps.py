"""MyLaps results exports, read by one reader: Speedhive (online) and Orbits (the software at the track).

Orbits times the race and uploads it to Speedhive; both export the same classification as CSV with
their own column captions (Speedhive ``Start Number``/``Total Time``/``Best Lap``, Orbits
``No.``/``Total Tm``/``Best Tm``). A :class:`Layout` names one product's captions; everything else
is shared, so a quirk handled for one export is handled for the other:

- a BOM, CRLF or LF line ends, cells quoted or not; columns read by name, in any order, the ones
  podium does not use ignored (a MyLaps results view shows whatever columns the organiser chose);
- the position cell is the place, or a status word standing in for it (``DNF``, ``DNS``, ``DQ``…);
  places must rise down the file; a ``Status`` column, where given, says whether a placed car finished;
- ``-`` or an empty cell for a count that does not exist (no laps, no best-lap number); ``0.000`` or
  an empty cell for a time that does not exist (a non-starter's total, a best lap never set);
- ``Diff`` as a gap in time or in laps (``1 lap``, ``1 Lap``, ``5 laps``), the laps checked against
  the winner's; the position in class (``PIC``, ``Position In Class``) checked against the file's own
  order (podium derives class places itself, so a disagreement means a broken file).

The file is read in one pass: every problem of every line is collected in one
:class:`~podium.errors.ProblemLog`, and with ``defer`` the sheet carries them to the matching step
(:func:`~podium.importers.resolve.resolve_results`), which lists them with its own (an unknown car).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from podium.errors import Message, ProblemLog
from podium.importers.sheets import ResultRow, ResultSheet, check_sheet, finish_sheet, read_status
from podium.importers.textfile import CsvRow, TextFile, read_csv
from podium.model import Status
from podium.model.values import MAX_LAPS, MAX_POSITION, parse_duration, plain_digits

_LAPS_DOWN = re.compile(r"^(\d{1,6})\s+laps?$", re.IGNORECASE | re.ASCII)
_NONE = {"", "-"}


@dataclass(frozen=True, slots=True)
class Column:
    """A column as :func:`~podium.importers.textfile.read_csv` names it (lower case, a space read as
    ``_``) and as the export prints it (the name a problem quotes)."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Layout:
    """The captions of one MyLaps product's results export; alternatives are tried in order."""

    format: str
    """The sheet's format name (``speedhive``, ``orbits``), as ``--format`` takes it."""
    export: str
    """What the file should be, as a problem says it: "a Speedhive results export"."""
    number: Column
    position: tuple[Column, ...]
    name: tuple[Column, ...]
    total_time: Column
    best_lap: Column
    class_position: tuple[Column, ...]
    laps: Column = Column("laps", "Laps")
    diff: Column = Column("diff", "Diff")
    car_class: Column = Column("class", "Class")
    status: Column = Column("status", "Status")


def _first(row: CsvRow, columns: tuple[Column, ...]) -> tuple[Column, str]:
    for column in columns:
        if column.key in row.cells:
            return column, row.get(column.key)
    return columns[0], ""


def parse_mylaps(text: TextFile, layout: Layout, *, defer: bool = False) -> ResultSheet:
    """Read a MyLaps results CSV laid out as ``layout`` into a sheet of rows (cars named by number).

    :raises InputError: listing every problem of the file, each with its line and column (with
        ``defer``, the sheet carries them to the matching step instead, unless no car could be read).
    """
    log = ProblemLog(text.source)
    lines: list[tuple[CsvRow, int | None, Status | None]] = []
    for row in read_csv(
        text,
        delimiter=",",
        required=(layout.number.key,),
        optional=(),
        log=log,
        comments=False,
        ignore_unknown=True,
    ):
        if not any(c.key in row.cells for c in layout.position):
            first, *others = (c.label for c in layout.position)
            if others:
                said = Message(
                    "missing column {column!r} (or {other!r}): is this {export}?",
                    column=first,
                    other=" / ".join(others),
                    export=layout.export,
                )
            else:
                said = Message(
                    "missing column {column!r}: is this {export}?", column=first, export=layout.export
                )
            log.add(said, line=1, field=layout.position[0].label)
            break
        lines.append(_place_and_status(row, layout, log))
    if not log and not lines:
        log.add(Message("no cars in the file"), line=2)

    fastest = _fastest([r for r, _, _ in lines], layout, log)
    laps_of = [_laps(row, layout, log) for row, _, _ in lines]
    leader_laps = next((lp for (_, p, _), lp in zip(lines, laps_of, strict=True) if p == 1), None)
    counters: dict[str, int] = defaultdict(int)
    rows: list[ResultRow] = []
    placed = 0
    previous: tuple[int, int] | None = None
    for (row, printed, status), laps in zip(lines, laps_of, strict=True):
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
                    field=_first(row, layout.position)[0].label,
                    value=printed,
                )
            previous = (printed, row.line)
        # Every cell of every line is checked, even on a line that cannot be used (no number, a place
        # or status that cannot be read: ``status`` None): one pass, every problem. Such a line still
        # counts in its class where it prints a place in class, so the lines after it are not blamed.
        takes_place = printed is not None and status in (Status.CLASSIFIED, Status.NC, Status.DNF)
        time = _time(row, layout.total_time, log) if status in (Status.CLASSIFIED, None) else None
        _check_laps_down(row, layout, laps, leader_laps, log)
        car_class = row.get(layout.car_class.key) or None
        counted = takes_place if status is not None else plain_digits(_first(row, layout.class_position)[1])
        class_position = _class_position(row, layout, car_class, counters, counted, log)
        if status is None or not row.get(layout.number.key):
            continue
        # The sheet's order is the organiser's. Finishers and retirements printed with a place take
        # the next place; disqualified and non-starting cars take none (as in the Al Kamel reader).
        place = None
        if takes_place:
            placed += 1
            place = placed
        _, name = _first(row, layout.name)
        rows.append(
            ResultRow(
                line=row.line,
                number=row.get(layout.number.key),
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
    return finish_sheet(ResultSheet(text.source, tuple(rows), format=layout.format), log, defer=defer)


def _place_and_status(
    row: CsvRow, layout: Layout, log: ProblemLog
) -> tuple[CsvRow, int | None, Status | None]:
    """The printed place (None: none printed, or unreadable) and the status of a line; the status is
    None (logged) when neither it nor the position cell can be read. A missing number is logged here."""
    if not row.get(layout.number.key):
        said = Message("every line needs the car's {column}", column=layout.number.label)
        log.add(said, line=row.line, field=layout.number.label)
    column, raw_pos = _first(row, layout.position)
    raw_status = row.get(layout.status.key)
    status = read_status(raw_status) if raw_status else Status.CLASSIFIED
    if status is None:
        log.add(
            Message(
                "unknown status {raw!r}; expected Finished, DNF, DNS, DQ, NC or Excluded", raw=raw_status
            ),
            line=row.line,
            field=layout.status.label,
            value=raw_status,
        )
    if plain_digits(raw_pos) and len(raw_pos) <= 5 and 1 <= int(raw_pos) <= MAX_POSITION:
        return row, int(raw_pos), status
    # MyLaps prints the status in place of a position for a car it does not place.
    word = read_status(raw_pos) if raw_pos else None
    if word is None or word is Status.CLASSIFIED:
        log.add(
            Message(
                "expected a position (1, 2, 3…) or a status such as DNF or DNS, got {raw!r}", raw=raw_pos[:80]
            ),
            line=row.line,
            field=column.label,
            value=raw_pos[:80],
        )
        return row, None, None
    return row, None, word if status is not None else None


def _laps(row: CsvRow, layout: Layout, log: ProblemLog) -> int | None:
    raw = row.get(layout.laps.key)
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
            field=layout.laps.label,
            value=raw[:80],
        )
        return None
    return int(raw)


def _time(row: CsvRow, column: Column, log: ProblemLog) -> timedelta | None:
    """A time cell; ``0.000``, ``-`` and an empty cell mean no time."""
    raw = row.get(column.key)
    if raw in _NONE:
        return None
    try:
        value = parse_duration(raw)
    except ValueError:
        log.add(
            Message("expected a time like 22:49.128 or 1:35.690, got {raw!r}", raw=raw[:80]),
            line=row.line,
            field=column.label,
            value=raw[:80],
        )
        return None
    return value or None


def _check_laps_down(
    row: CsvRow, layout: Layout, laps: int | None, leader_laps: int | None, log: ProblemLog
) -> None:
    """``Diff`` written in laps (``1 lap``) must match the laps column against the winner's."""
    diff = row.get(layout.diff.key)
    match = _LAPS_DOWN.match(diff)
    if match is None or laps is None or leader_laps is None:
        return
    down = int(match.group(1))
    if leader_laps - laps != down:
        log.add(
            Message(
                "{column} says {diff!r} behind, but the car has {laps} laps and the winner {leader} "
                "({down} down)",
                column=layout.diff.label,
                diff=diff,
                laps=laps,
                leader=leader_laps,
                down=leader_laps - laps,
            ),
            line=row.line,
            field=layout.diff.label,
            value=diff,
        )


def _class_position(
    row: CsvRow,
    layout: Layout,
    car_class: str | None,
    counters: dict[str, int],
    placed: bool,
    log: ProblemLog,
) -> int | None:
    column, raw = _first(row, layout.class_position)
    if placed:
        counters[car_class or ""] += 1
    if raw in _NONE:
        return None
    if not plain_digits(raw) or len(raw) > 5:
        if read_status(raw) is not None:
            return None
        message = Message("expected a position in class, got {raw!r}", raw=raw[:80])
        log.add(message, line=row.line, field=column.label, value=raw[:80])
        return None
    if placed and int(raw) != counters[car_class or ""]:
        log.add(
            Message(
                "car #{number} is number {place} of class {car_class} in this sheet's order, but {column} "
                "says "
                "{raw}",
                number=row.get(layout.number.key),
                place=counters[car_class or ""],
                car_class=car_class or Message("(none)"),
                column=column.label,
                raw=raw,
            ),
            line=row.line,
            field=column.label,
            value=raw,
        )
    return int(raw)


def _fastest(rows: list[CsvRow], layout: Layout, log: ProblemLog) -> set[int]:
    """Lines holding the session's best lap, ties included; ``0.000`` is no lap."""
    times = [(t, r.line) for r in rows if (t := _time(r, layout.best_lap, log)) is not None]
    if not times:
        return set()
    best = min(t for t, _ in times)
    return {line for t, line in times if t == best}
