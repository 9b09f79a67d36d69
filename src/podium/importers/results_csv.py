"""podium's results CSV: one session's classification, one line per car (docs/import-formats.md)."""

from __future__ import annotations

from pathlib import Path

from podium.errors import ProblemLog
from podium.importers.csv_reader import require_rows, sheet_rows, split_list
from podium.importers.sheets import ResultRow, ResultSheet, check_sheet, read_status
from podium.importers.textfile import CsvRow, TextFile, cell_bool, cell_duration, cell_int, read_text
from podium.model import Status
from podium.model.values import MAX_LAPS, plain_digits, whole_number

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
    rows_read = sheet_rows(text, log, required=RESULT_REQUIRED, optional=RESULT_OPTIONAL, hints=RESULT_HINTS)
    for row in rows_read:
        parsed = _result_row(row, log)
        if parsed is not None:
            rows.append(parsed)
    require_rows(log, bool(rows), "no results in the file: expected one line per car")
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
        drivers=tuple(split_list(row.get("drivers"))),
        started=cell_bool(row, "started", log),
        class_name=row.get("class") or None,
        official_position=official,
    )


def read_results(path: Path | str, *, source: str | None = None) -> ResultSheet:
    return parse_results(read_text(path, source=source))
