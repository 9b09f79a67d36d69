"""podium's results CSV: one session's classification, one line per car (docs/import-formats.md)."""

from __future__ import annotations

from pathlib import Path

from podium.errors import Message, ProblemLog, message_of
from podium.importers.csv_reader import require_rows, sheet_rows, split_list
from podium.importers.sheets import ResultRow, ResultSheet, check_sheet, finish_sheet, read_status
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
    "points": Message("podium computes points from positions and the season's ruleset; remove the column"),
    "class_position": Message("positions in class are derived from the overall order; remove the column"),
}


def parse_results(text: TextFile, *, defer: bool = False) -> ResultSheet:
    """Read a results sheet of one session (which session is said at import time).

    :raises InputError: listing every problem of the file (with ``defer``, the sheet carries them
        to :func:`~podium.importers.resolve.resolve_results`, which lists them with its own).
    """
    log = ProblemLog(text.source)
    rows: list[ResultRow] = []
    rows_read = sheet_rows(text, log, required=RESULT_REQUIRED, optional=RESULT_OPTIONAL, hints=RESULT_HINTS)
    for row in rows_read:
        parsed = _result_row(row, log)
        if parsed is not None:
            rows.append(parsed)
    require_rows(log, bool(rows), Message("no results in the file: expected one line per car"))
    check_sheet(rows, log)
    return finish_sheet(ResultSheet(text.source, tuple(rows)), log, defer=defer)


def _result_row(row: CsvRow, log: ProblemLog) -> ResultRow | None:
    number = row.get("number").lstrip("#") or None
    entry = row.get("entry") or None
    if number is None and entry is None:
        log.add(Message("every line needs the car number (or an entry id)"), line=row.line, field="number")
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
                log.add(message_of(exc), line=row.line, field="position", value=raw_position[:80])
                return None
        elif (status := read_status(raw_position)) is None:
            log.add(
                Message(
                    "expected a position (1, 2, 3…) or a status (DNF, DNS, DSQ, NC, EX, DNQ), got {raw!r}",
                    raw=raw_position,
                ),
                line=row.line,
                field="position",
                value=raw_position,
            )
            return None
    if raw_status:
        from_status = read_status(raw_status)
        if from_status is None:
            log.add(
                Message(
                    "unknown status {raw!r}; expected CLASSIFIED, DNF, DNS, DSQ, NC, EX or DNQ",
                    raw=raw_status,
                ),
                line=row.line,
                field="status",
                value=raw_status,
            )
            return None
        if status is not None and from_status is not status:
            log.add(
                Message(
                    "position says {position} but status says {status}",
                    position=status.value,
                    status=from_status.value,
                ),
                line=row.line,
                field="status",
                value=raw_status,
            )
            return None
        status = from_status
    if status is None:
        status = Status.CLASSIFIED
    if status is Status.CLASSIFIED and position is None:
        said = Message("a classified car needs its position")
        log.add(said, line=row.line, field="position", value=raw_position)
        return None
    official: int | None = None
    if status is not Status.CLASSIFIED and position is not None:
        # The organiser's place for a car that is not classified (a retirement ranked 22nd). A car
        # that did not start may have one too: INDYCAR classifies an entered car that missed the
        # start last and pays that place (Ferrucci, Toronto 2025: DNS, 27th, 5 points). A car that
        # did not qualify took no part in the race at all.
        if status is Status.DNQ:
            log.add(
                Message(
                    "a {status} car took no part in the session, so it has no place; leave position empty",
                    status=status.value,
                ),
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
