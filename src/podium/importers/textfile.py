"""Reading text files the way a lenient importer must: every problem, with its line, at once.

Used by every CSV and JSON importer. A file is read whole; bad UTF-8 is reported line by line (with
the byte offset and the bytes), a UTF-8 BOM is accepted, a wrong delimiter is recognised and named,
short and long rows are reported against the header. Problems are collected in a
:class:`ProblemLog`, which caps their number so that 10 MB of garbage gives a readable message, not
a million lines.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import itertools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from podium.errors import InputError, Message, Problem, ProblemLog, message_of
from podium.model.values import MAX_POSITION, parse_duration, truth, whole_number

MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused unread (no results sheet or season document is this big)."""
BOM = b"\xef\xbb\xbf"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TextFile:
    """A decoded text file: its name as shown to the user and its lines (1-based via :meth:`line`)."""

    source: str
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def read_bytes(path: Path | str, *, source: str | None = None) -> tuple[str, bytes]:
    """The bytes of a file, refusing missing, unreadable and oversized files with a clear message."""
    path = Path(path)
    shown = source or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(
            Problem(Message("cannot read the file: {reason}", reason=exc.strerror or str(exc)), source=shown)
        ) from None
    if path.is_dir():
        raise InputError(Problem(Message("this is a folder, not a file"), source=shown))
    if size > MAX_BYTES:
        raise InputError(
            Problem(
                Message(
                    "the file is {size:.1f} MB; podium reads files of at most {limit} MiB",
                    size=size / 1e6,
                    limit=MAX_BYTES // 2**20,
                ),
                source=shown,
            )
        )
    try:
        return shown, path.read_bytes()
    except OSError as exc:
        raise InputError(
            Problem(Message("cannot read the file: {reason}", reason=exc.strerror or str(exc)), source=shown)
        ) from None


def decode(data: bytes, source: str) -> TextFile:
    """UTF-8 text (a BOM is allowed); every undecodable line is reported with its byte offset.

    :raises InputError: for bytes that are not UTF-8 or contain NUL (a binary file).
    """
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
        log = ProblemLog(source)
        for number, raw in enumerate(data.split(b"\n"), start=1):
            if log.full:
                log.stopped_at = number
                break
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = raw[exc.start : exc.start + 4]
                log.add(
                    Message(
                        "not UTF-8 text at byte {byte} of the line ({bad}); save the file as UTF-8",
                        byte=exc.start + 1,
                        bad=repr(bad),
                    ),
                    line=number,
                    value=bad.hex(" "),
                )
        log.raise_if_any()
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            Problem(Message("the file contains NUL bytes: it is binary, not text"), source=source, line=line)
        )
    return TextFile(source, text)


def read_text(path: Path | str, *, source: str | None = None) -> TextFile:
    shown, data = read_bytes(path, source=source)
    return decode(data, shown)


def read_json(text: str, source: str) -> Any:
    """A JSON document; a syntax error, a number of thousands of digits or nesting too deep for
    Python is one :class:`InputError` naming the file (and the line, where JSON says it)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            Problem(
                Message("not valid JSON: {reason} (column {column})", reason=exc.msg, column=exc.colno),
                source=source,
                line=exc.lineno,
            )
        ) from None
    except (ValueError, RecursionError) as exc:
        reason = Message("nested too deeply") if isinstance(exc, RecursionError) else str(exc).split(";")[0]
        raise InputError(
            Problem(Message("cannot read this JSON: {reason}", reason=reason), source=source)
        ) from None


# -- CSV -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its first line number and its cells by (normalised) column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


DELIMITERS = (",", ";", "\t", "|")
SYNONYMS = {
    "car": "number",
    "car_no": "number",
    "car_number": "number",
    "no": "number",
    "no.": "number",
    "num": "number",
    "#": "number",
    "pos": "position",
    "pos.": "position",
    "place": "position",
    "name": "driver",
    "driver_name": "driver",
}
"""Header words other sheets use for podium's columns (a timing export's ``No.``, a club's ``Car``):
named in the problem so a user renames the column instead of guessing from the list of known ones."""

DELIMITER_NAMES = {
    ",": (Message("comma"), Message("commas")),
    ";": (Message("semicolon"), Message("semicolons")),
    "\t": (Message("tab"), Message("tabs")),
    "|": (Message("pipe"), Message("pipes")),
}
"""Each delimiter's name, singular and plural, as a problem says it."""


def _guess_delimiter(header: str) -> str | None:
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else None


def read_csv(
    text: TextFile,
    *,
    delimiter: str,
    required: Sequence[str],
    optional: Sequence[str],
    log: ProblemLog,
    comments: bool = True,
    ignore_unknown: bool = False,
    normalise: bool = True,
    hints: Mapping[str, str] | None = None,
) -> Iterator[CsvRow]:
    """Rows of a CSV file with a header, checked against the columns the format knows.

    Column names are matched case-insensitively (spaces read as ``_``). A header that does not split on
    ``delimiter`` but does on another is reported as a wrong delimiter and nothing else is read.
    Lines starting with ``#`` are comments when ``comments`` is set. ``hints`` explain why a column
    someone might expect is not there. Reading stops once the problem log is full.
    """
    lines = text.lines

    def is_comment(line: str) -> bool:
        return comments and line.lstrip().startswith("#")

    first = next((i for i, ln in enumerate(lines) if ln.strip() and not is_comment(ln)), None)
    if first is None:
        log.add(Message("the file is empty: expected a header line naming the columns"), line=1)
        return
    header_line = lines[first]
    # Lazily, so that a huge file of garbage is only read up to the problem limit.
    rest = ("" if is_comment(ln) else ln for ln in itertools.islice(lines, first, None))
    reader = csv.reader(rest, delimiter=delimiter, strict=False)
    rows = _csv_rows(reader, log, first)
    header = next(rows, None)
    if header is None:
        return

    def norm(name: str) -> str:
        name = name.strip().lstrip("\ufeff")
        return name.lower().replace(" ", "_") if normalise else name

    columns = [norm(h) for h in header]
    known = [*required, *optional]
    if len(columns) == 1 and (guess := _guess_delimiter(header_line)) and guess != delimiter:
        log.add(
            Message(
                "the columns are separated by {found} ({guess!r}); this format uses {wanted} ({delimiter!r})",
                found=DELIMITER_NAMES[guess][1],
                guess=guess,
                wanted=DELIMITER_NAMES[delimiter][1],
                delimiter=delimiter,
            ),
            line=first + 1,
            value=header_line[:80],
        )
        return
    missing = [c for c in required if c not in columns]
    for c in missing:
        close = difflib.get_close_matches(c, columns, n=1)
        names = ", ".join(columns)
        other = next((h for h in columns if SYNONYMS.get(h) == c), None)
        if other is not None:
            said = Message("missing column {column!r}: rename {other!r} to {column!r}", column=c, other=other)
            log.add(said, line=first + 1, field=c)
            continue
        if close:
            said = Message(
                "missing column {column!r} (is {close!r} a typo?); the header is {header}",
                column=c,
                close=close[0],
                header=names,
            )
        else:
            said = Message("missing column {column!r}; the header is {header}", column=c, header=names)
        log.add(said, line=first + 1, field=c)
    seen: set[str] = set()
    for c in columns:
        if c in seen:
            log.add(
                Message("column {column!r} appears twice in the header", column=c), line=first + 1, field=c
            )
        seen.add(c)
        if not ignore_unknown and c and c not in known:
            if hints and c in hints:
                said = Message("unknown column {column!r}: {hint}", column=c, hint=hints[c])
                log.add(said, line=first + 1, field=c, value=c)
                continue
            if (meant := SYNONYMS.get(c)) in known and meant not in columns:
                if meant in missing:
                    continue  # said once, as the missing column
                said = Message("unknown column {column!r}: podium calls it {meant!r}", column=c, meant=meant)
                log.add(said, line=first + 1, field=c, value=c)
                continue
            close = difflib.get_close_matches(c, known, n=1)
            if close:
                said = Message("unknown column {column!r}; did you mean {close!r}?", column=c, close=close[0])
            else:
                said = Message(
                    "unknown column {column!r}; known columns: {known}", column=c, known=", ".join(known)
                )
            log.add(said, line=first + 1, field=c, value=c)
    if missing:
        return
    width = len(columns)
    previous_end = first + 1
    start = previous_end
    for raw_cells in rows:
        cells = raw_cells
        start = previous_end + 1
        if log.full:
            log.stopped_at = start
            return
        previous_end = first + reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != width:
            # A trailing empty cell from a final delimiter is common (Al Kamel ends lines with ';').
            trimmed = cells[:-1] if len(cells) == width + 1 and not cells[-1].strip() else cells
            if len(trimmed) != width:
                if len(cells) < width:
                    said = Message.plural(
                        "{count} field where the header has {width}: fewer than expected (a truncated line?)",
                        "{count} fields where the header has {width}: fewer than expected (a truncated "
                        "line?)",
                        count=len(cells),
                        width=width,
                    )
                else:
                    said = Message.plural(
                        "{count} field where the header has {width}: more than expected (an unquoted "
                        "{delimiter} inside a value?)",
                        "{count} fields where the header has {width}: more than expected (an unquoted "
                        "{delimiter} inside a value?)",
                        count=len(cells),
                        width=width,
                        delimiter=DELIMITER_NAMES[delimiter][0]
                        if delimiter in DELIMITER_NAMES
                        else delimiter,
                    )
                log.add(
                    said,
                    line=start,
                    value=delimiter.join(cells)[:80],
                )
                continue
            cells = trimmed
        yield CsvRow(start, dict(zip(columns, cells, strict=True)))
    if text.text and not text.text.endswith(("\n", "\r")) and any(p.line == start for p in log.problems):
        log.add(
            Message(
                "the file ends in the middle of this line, without a line break: was it cut short "
                "(truncated)?"
            ),
            line=start,
        )


def _csv_rows(reader: Iterator[list[str]], log: ProblemLog, first: int) -> Iterator[list[str]]:
    """The rows of ``reader``; a line the csv module cannot read (a field over its 128 KiB limit)
    is a problem with its line number, and reading stops there."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number = first + getattr(reader, "line_num", 0)
            log.add(
                Message(
                    "cannot read this line as CSV ({reason}): a value too long, or a quote never closed?",
                    reason=str(exc),
                ),
                line=number,
            )
            return


# -- cell readers ----------------------------------------------------------------------------------
# Every cell is read by podium.model.values, the one home of the bounds (docs/import-formats.md).
def _cell(row: CsvRow, column: str, log: ProblemLog, read: Callable[[str], T]) -> T | None:
    """``read`` of the cell (None when empty); its ValueError becomes a problem on the cell's line."""
    raw = row.get(column)
    if not raw:
        return None
    try:
        return read(raw)
    except ValueError as exc:
        log.add(message_of(exc), line=row.line, field=column, value=raw[:80])
        return None


def cell_int(
    row: CsvRow, column: str, log: ProblemLog, *, minimum: int = 0, maximum: int = MAX_POSITION
) -> int | None:
    """A whole number of plain ASCII digits in ``[minimum, maximum]`` (None when empty or bad)."""
    return _cell(row, column, log, lambda raw: whole_number(raw, low=minimum, high=maximum))


def cell_bool(row: CsvRow, column: str, log: ProblemLog) -> bool | None:
    return _cell(row, column, log, truth)


def _date(raw: str) -> date:
    if len(raw) <= 10 and raw.isascii():
        with contextlib.suppress(ValueError):
            return date.fromisoformat(raw)
    raise ValueError(Message("expected a date like 1975-03-14, got {raw!r}", raw=raw[:80]))


def cell_date(row: CsvRow, column: str, log: ProblemLog) -> date | None:
    return _cell(row, column, log, _date)


def cell_duration(row: CsvRow, column: str, log: ProblemLog) -> timedelta | None:
    return _cell(row, column, log, parse_duration)
