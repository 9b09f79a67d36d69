"""``podium results import``: one session's classification, from podium CSV, Al Kamel or Speedhive timing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from podium.cli.app import app, console, new_app
from podium.cli.session_view import podium_text
from podium.cli.sources import LangOption
from podium.cli.store_common import (
    AuthorOption,
    DatabaseOption,
    ReasonOption,
    SeasonOption,
    print_change,
    store_for,
)
from podium.importers.result_formats import RESULT_FORMATS, parse_result_sheet
from podium.importers.sheets import ResultSheet
from podium.importers.textfile import read_text
from podium.sources import pick_season

results_app = new_app("Results: a session's classification as the timing sheet gives it.")
app.add_typer(results_app, name="results")


def read_sheet(file: Path, form: str) -> ResultSheet:
    """A results file in podium CSV, Al Kamel, Speedhive or Orbits format (``auto`` looks at the header)."""
    return parse_result_sheet(read_text(file), form, defer=True)


@results_app.command("import")
def results_import(
    file: Annotated[
        Path,
        typer.Argument(help="Results CSV: podium format, an Al Kamel, Speedhive or Orbits export."),
    ],
    session: Annotated[
        str, typer.Option("--session", help="Session id, e.g. r08-race-1 (podium season show).")
    ],
    file_format: Annotated[str, typer.Option("--format", help=" | ".join(RESULT_FORMATS) + ".")] = "auto",
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
    lang: LangOption = "en",
) -> None:
    """Enter a session's results. Nothing is written if any line is wrong; every problem is listed.

    Cars are matched by number to the entry valid in the session's round. Positions in each class
    are derived, never typed in, so a later penalty moves everyone behind.

    Example:

        podium results import examples/sebring-2020/results/r01-race-1.csv --session r01-race-1
        podium results import 03_Results_Race_Official.CSV --session r08-race-1 --format alkamel
        podium results import speedhive-results.csv --session r03-race --format speedhive
        podium results import "Race #1 - Results.csv" --session r03-race-1 --format orbits
    """
    sheet = read_sheet(file, file_format)
    with store_for(database, author) as store:
        ref = pick_season(store, season)
        record = store.import_results(ref, session, sheet, replace=replace, reason=reason)
        data, rules = store.season(ref)
    print_change(record, lang)
    for line in podium_text(data, rules, session, lang=lang):
        console.print(line)
