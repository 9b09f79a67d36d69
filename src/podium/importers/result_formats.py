"""Which reader a results file needs: podium CSV or a timing system's export, by name or by its header.

One home for the choice, so every way in (the CLI, the admin pages, the API) reads the same formats.
"""

from __future__ import annotations

from podium.errors import InputError, Message, Problem
from podium.importers.alkamel import parse_alkamel
from podium.importers.podium_csv import parse_results, sniff_results_format
from podium.importers.sheets import ResultSheet
from podium.importers.speedhive import parse_speedhive
from podium.importers.textfile import TextFile

RESULT_FORMATS = ("auto", "podium", "alkamel", "speedhive")
"""What ``--format`` accepts: ``auto`` looks at the header line."""


def parse_result_sheet(text: TextFile, form: str = "auto", *, defer: bool = False) -> ResultSheet:
    """A results file read in the named format (``auto``: recognised from its header).

    :raises InputError: for an unknown format name, or listing every problem of the file (with
        ``defer``, podium CSV and Al Kamel sheets carry their problems to the matching step, which
        lists them with its own: one pass).
    """
    if form not in RESULT_FORMATS:
        raise InputError(
            Problem(
                Message(
                    "--format is one of {choices}, got {form!r}", choices=", ".join(RESULT_FORMATS), form=form
                ),
                field="--format",
            )
        )
    chosen = sniff_results_format(text) if form == "auto" else form
    if chosen == "alkamel":
        return parse_alkamel(text, defer=defer)
    if chosen == "speedhive":
        return parse_speedhive(text)
    return parse_results(text, defer=defer)
