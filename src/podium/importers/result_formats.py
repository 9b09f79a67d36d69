"""Which reader a results file needs: podium CSV or a timing system's export (Al Kamel, MyLaps
Speedhive, MyLaps Orbits), by name or by its header.

One home for the choice, so every way in (the CLI, the admin pages, the API) reads the same formats.
"""

from __future__ import annotations

from typing import Literal, get_args

from podium.errors import InputError, Message, Problem
from podium.importers.alkamel import parse_alkamel
from podium.importers.orbits import parse_orbits
from podium.importers.podium_csv import parse_results, sniff_results_format
from podium.importers.sheets import ResultSheet
from podium.importers.speedhive import parse_speedhive
from podium.importers.textfile import TextFile

ResultFormat = Literal["auto", "podium", "alkamel", "speedhive", "orbits"]
RESULT_FORMATS: tuple[str, ...] = get_args(ResultFormat)
"""What ``--format`` (the CLI), the admin's upload form and the API's ``format`` accept: ``auto``
looks at the header line."""


def check_format(form: str, field: str = "--format") -> None:
    """:raises InputError: unless ``form`` is one of :data:`RESULT_FORMATS` (``field``: how the caller
    names the choice, ``--format`` on the command line, ``format`` in a form or the API)."""
    if form not in RESULT_FORMATS:
        raise InputError(
            Problem(
                Message(
                    "{field} is one of {choices}, got {form!r}",
                    field=field,
                    choices=", ".join(RESULT_FORMATS),
                    form=form[:80],
                ),
                field=field,
            )
        )


def parse_result_sheet(
    text: TextFile, form: str = "auto", *, defer: bool = False, field: str = "--format"
) -> ResultSheet:
    """A results file read in the named format (``auto``: recognised from its header).

    :param field: how the caller names the format choice (see :func:`check_format`).
    :raises InputError: for an unknown format name, or listing every problem of the file (with
        ``defer``, the sheet carries its problems to the matching step, which lists them with its
        own: one pass).
    """
    check_format(form, field)
    chosen = sniff_results_format(text) if form == "auto" else form
    if chosen == "alkamel":
        return parse_alkamel(text, defer=defer)
    if chosen == "speedhive":
        return parse_speedhive(text, defer=defer)
    if chosen == "orbits":
        return parse_orbits(text, defer=defer)
    return parse_results(text, defer=defer)
