"""``podium results import``: one session's classification, from podium CSV or Al Kamel timing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from podium.cli.app import app, console, new_app
from podium.cli.session_view import podium_text
from podium.cli.store_common import (
    AuthorOption,
    DatabaseOption,
    ReasonOption,
    SeasonOption,
    pick_season,
    print_change,
    store_for,
)
from podium.errors import InputError, Problem
from podium.importers.alkamel import parse_alkamel
from podium.importers.podium_csv import parse_results, sniff_results_format
from podium.importers.sheets import ResultSheet
from podium.importers.textfile import read_text

results_app = new_app("Results: a session's classification as the timing sheet gives it.")
app.add_typer(results_app, name="results")

FORMATS = ("auto", "podium", "alkamel")


def read_sheet(file: Path, form: str) -> ResultSheet:
    """A results file in podium CSV or Al Kamel format (``auto`` looks at the header)."""
    if form not in FORMATS:
        raise InputError(Problem(f"--format is one of {', '.join(FORMATS)}, got {form!r}", field="--format"))
    text = read_text(file)
    chosen = (
        sniff_results_format(text) if form == "auto" else ("alkamel" if form == "alkamel" else "podium-csv")
    )
    return parse_alkamel(text, defer=True) if chosen == "alkamel" else parse_results(text, defer=True)


@results_app.command("import")
def results_import(
    file: Annotated[Path, typer.Argument(help="Results CSV: podium format or an Al Kamel export.")],
    session: Annotated[
        str, typer.Option("--session", help="Session id, e.g. r08-race-1 (podium season show).")
    ],
    file_format: Annotated[str, typer.Option("--format", help="auto | podium | alkamel.")] = "auto",
    replace: Annotated[
        bool,
        typer.Option(
            help="Supersede results already entered for the session (the old ones stay in the log)."
        ),
    ] = False,
    season: SeasonOption = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
) -> None:
    """Enter a session's results. Nothing is written if any line is wrong; every problem is listed.

    Cars are matched by number to the entry valid in the session's round. Positions in each class
    are derived, never typed in, so a later penalty moves everyone behind.

    Example:

        podium results import examples/sebring-2020/results/r01-race-1.csv --session r01-race-1
        podium results import 03_Results_Race_Official.CSV --session r08-race-1 --format alkamel
    """
    sheet = read_sheet(file, file_format)
    with store_for(database, author) as store:
        ref = pick_season(store, season)
        record = store.import_results(ref, session, sheet, replace=replace, reason=reason)
        data, rules = store.season(ref)
    print_change(record)
    for line in podium_text(data, rules, session):
        console.print(line)
