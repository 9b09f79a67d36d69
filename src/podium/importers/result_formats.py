"""Which reader a results file needs: podium CSV or a timing system's export, by name or by its header.

One home for the choice, so every way in (the CLI, the admin pages, the API) reads the same formats.
"""

from __future__ import annotations

from podium.errors import InputError, Problem
from podium.importers.alkamel import parse_alkamel
from podium.importers.podium_csv import parse_results, sniff_results_format
from podium.importers.sheets import ResultSheet
from podium.importers.speedhive import parse_speedhive
from podium.importers.textfile import TextFile

RESULT_FORMATS = ("auto", "podium", "alkamel", "speedhive")
"""What ``--format`` accepts: ``auto`` looks at the header line."""


def parse_result_sheet(text: TextFile, form: str = "auto") -> ResultSheet:
    """A results file read in the named format (``auto``: recognised from its header).

    :raises InputError: for an unknown format name, or listing every problem of the file.
    """
    if form not in RESULT_FORMATS:
        raise InputError(
            Problem(f"--format is one of {', '.join(RESULT_FORMATS)}, got {form!r}", field="--format")
        )
    chosen = sniff_results_format(text) if form == "auto" else form
    if chosen == "alkamel":
        return parse_alkamel(text)
    if chosen == "speedhive":
        return parse_speedhive(text)
    return parse_results(text)
