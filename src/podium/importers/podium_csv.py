"""podium's own CSV formats: entry lists, results and calendars (documented in docs/import-formats.md).

One module per format (:mod:`~podium.importers.entry_csv`, :mod:`~podium.importers.results_csv`,
:mod:`~podium.importers.calendar_csv`) over one shared reader (:mod:`~podium.importers.csv_reader`):
comma-separated UTF-8 (a BOM is fine), one header line, ``#`` starts a comment line. Readers are
lenient: they read the whole file and raise one :class:`~podium.errors.InputError` listing every
problem with its line and column. They need no season; matching cars and drivers to the season is
:mod:`podium.importers.resolve`'s job. This module names them all and tells the results formats apart.
"""

from __future__ import annotations

import csv

from podium.importers.calendar_csv import (
    CALENDAR_OPTIONAL,
    CALENDAR_REQUIRED,
    SESSION_KEYS,
    parse_calendar,
    parse_local_time,
    parse_minutes,
    parse_session_spec,
    read_calendar,
    session_id,
)
from podium.importers.entry_csv import ENTRY_OPTIONAL, ENTRY_REQUIRED, parse_entry_list, read_entry_list
from podium.importers.results_csv import (
    RESULT_HINTS,
    RESULT_OPTIONAL,
    RESULT_REQUIRED,
    parse_results,
    read_results,
)
from podium.importers.textfile import TextFile

__all__ = [
    "CALENDAR_OPTIONAL",
    "CALENDAR_REQUIRED",
    "ENTRY_OPTIONAL",
    "ENTRY_REQUIRED",
    "RESULT_HINTS",
    "RESULT_OPTIONAL",
    "RESULT_REQUIRED",
    "SESSION_KEYS",
    "parse_calendar",
    "parse_entry_list",
    "parse_local_time",
    "parse_minutes",
    "parse_results",
    "parse_session_spec",
    "read_calendar",
    "read_entry_list",
    "read_results",
    "session_id",
    "sniff_results_format",
]


# -- format detection ------------------------------------------------------------------------------
def sniff_results_format(text: TextFile) -> str:
    """``"alkamel"`` for an Al Kamel timing export (``POSITION;NUMBER;…``), ``"speedhive"`` for a MyLaps
    Speedhive export (``Pos,Start Number,…``), ``"orbits"`` for a MyLaps Orbits export
    (``"Pos","PIC","No.",…``: a ``No.`` column beside ``Pos``), else ``"podium-csv"``."""
    first = next((ln for ln in text.lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    head = first.lstrip("\ufeff")  # Al Kamel headers are upper case; "position;…" is a podium CSV gone wrong
    if head.startswith(("POSITION;", "POS;")) or ";NUMBER;" in head:
        return "alkamel"
    # A header is short; the first 4 KiB keep a line of garbage under the csv module's field limit.
    columns = {c.strip().lower() for c in next(csv.reader([head[:4096]]), [])}
    if "start number" in columns:
        return "speedhive"
    if "no." in columns and columns & {"pos", "position"}:
        return "orbits"
    return "podium-csv"
