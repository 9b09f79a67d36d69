"""The shared reader of podium's own CSV formats (:mod:`podium.importers.podium_csv`).

Comma-separated UTF-8 (a BOM is fine), one header line, ``#`` starts a comment line. Every format
reads the whole file into one :class:`~podium.importers.textfile.ProblemLog` and raises a single
:class:`~podium.errors.InputError` listing every problem with its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from podium.errors import Message, ProblemLog
from podium.importers.textfile import CsvRow, TextFile, read_csv

T = TypeVar("T")


def sheet_rows(
    text: TextFile,
    log: ProblemLog,
    *,
    required: Sequence[str],
    optional: Sequence[str],
    hints: Mapping[str, str] | None = None,
) -> list[CsvRow]:
    """The rows of a podium CSV file, its header checked against the format's columns."""
    return list(read_csv(text, delimiter=",", required=required, optional=optional, log=log, hints=hints))


def require_rows(log: ProblemLog, found: bool, message: str) -> None:
    """A file that reads cleanly but holds nothing is a problem too: ``message`` says what was expected."""
    if not log and not found:
        log.add(message, line=2)


def split_list(text: str) -> list[str]:
    """``"a; b | c"`` → ``["a", "b", "c"]`` (a cell holding several values)."""
    return [p.strip() for p in re.split(r"[;|]", text) if p.strip()]


def bad_cell(log: ProblemLog, row: CsvRow, column: str, message: str, value: object = None) -> None:
    """Log ``message`` against ``column`` of ``row``, quoting ``value`` (default: the cell)."""
    log.add(message, line=row.line, field=column, value=row.get(column) if value is None else value)


def parsed_cell(
    row: CsvRow, column: str, parse: Callable[[str], T], expected: str, log: ProblemLog
) -> tuple[bool, T | None]:
    """``(True, value)`` for an empty cell (``None``) or one ``parse`` reads; ``(False, None)`` logged
    (``expected``: an example of a good cell, "a duration like 45min or 1h30") otherwise."""
    raw = row.get(column)
    if not raw:
        return True, None
    try:
        return True, parse(raw)
    except ValueError:
        bad_cell(
            log, row, column, Message("expected {expected}, got {raw!r}", expected=expected, raw=raw[:80])
        )
        return False, None


def agree(
    log: ProblemLog, what: str, column: str, first: tuple[int, object], later: tuple[int, object]
) -> None:
    """``what`` (a :class:`~podium.errors.Message` naming the thing described twice) must say the
    same ``column`` on both lines."""
    (line_a, a), (line_b, b) = first, later
    if a is not None and b is not None and a != b:
        log.add(
            Message(
                "{what}: {column} is {a!r} on line {line_a} but {b!r} here",
                what=what,
                column=column,
                a=a,
                b=b,
                line_a=line_a,
            ),
            line=line_b,
            field=column,
            value=b,
        )
