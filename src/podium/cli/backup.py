"""``podium export``, ``podium import-season`` and ``podium import f1db|ergast``: whole seasons."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from podium.cli.app import app, console, new_app
from podium.cli.sources import LangOption
from podium.cli.store_common import AuthorOption, DatabaseOption, ReasonOption, store_for
from podium.cli.words import Words
from podium.errors import Message
from podium.importers.ergast import read_ergast
from podium.importers.textfile import read_json, read_text
from podium.model import Season
from podium.sources import f1db_season
from podium.store.backup import dumps

import_app = new_app("Store a whole season from another source: f1db (YAML) or Ergast/Jolpica (JSON).")
app.add_typer(import_app, name="import")


@app.command("export")
def export_command(
    season: Annotated[str, typer.Argument(help="Season reference.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Export a season as one JSON document: its whole log and ruleset texts (a backup).

    Example:

        podium export gt3-usa-2020 -o gt3-usa-2020.json
    """
    with store_for(database) as store:
        text = dumps(store.export_season(season))
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    wrote = Message(
        "wrote {season} to {file} ({size} KiB)",
        season=season,
        file=str(output),
        size=len(text.encode()) // 1024 + 1,
    )
    console.print("[green]✓[/] " + Words(lang)(wrote), highlight=False)


@app.command("import-season")
def import_season_command(
    file: Annotated[Path, typer.Argument(help="A document written by podium export.")],
    as_ref: Annotated[
        str | None, typer.Option("--as", help="Restore under another season reference.")
    ] = None,
    replace: Annotated[bool, typer.Option(help="Overwrite a season with the same reference.")] = False,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    lang: LangOption = "en",
) -> None:
    """Restore a season exported by podium export, with its log (authors, reasons, times) intact.

    Example:

        podium import-season gt3-usa-2020.json --database sqlite:///restored.db
    """
    text = read_text(file)
    document = read_json(text.text, text.source)
    with store_for(database, author) as store:
        ref = store.import_season(document, source=text.source, ref=as_ref, replace=replace)
        info = next(i for i in store.seasons() if i.ref == ref)
    restored = Message(
        "restored {ref}: {changes} changes, {rounds} rounds",
        ref=ref,
        changes=info.changes,
        rounds=info.rounds,
    )
    console.print("[green]✓[/] " + Words(lang)(restored))


@import_app.command("f1db")
def import_f1db(
    path: Annotated[Path, typer.Argument(help="An f1db tree (folder holding seasons/).")],
    year: Annotated[int, typer.Option("--year", "--season", help="Season year.")],
    ref: Annotated[str | None, typer.Option("--as", help="Season reference (default: f1-YEAR).")] = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
    lang: LangOption = "en",
) -> None:
    """Store an F1 season from f1db, scored by podium's preset for that year.

    Example:

        podium import f1db ../shared/data/f1db --year 1988
    """
    season = f1db_season(path, year, option="PATH").season
    with store_for(database, author) as store:
        stored = store.import_season_values(season, ref=ref, source=f"f1db {year}", reason=reason)
    _stored(stored, season, lang)


@import_app.command("ergast")
def import_ergast(
    file: Annotated[Path, typer.Argument(help="Ergast/Jolpica results JSON of one season.")],
    ruleset: Annotated[
        str | None, typer.Option(help="Ruleset (default: the preset of the series and year).")
    ] = None,
    ref: Annotated[str | None, typer.Option("--as", help="Season reference (default: SERIES-YEAR).")] = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
    lang: LangOption = "en",
) -> None:
    """Store a season from an Ergast/Jolpica results document (MRData.RaceTable.Races[].Results[]).

    Example:

        curl -s https://api.jolpi.ca/ergast/f1/1988/results.json?limit=1000 > 1988.json
        podium import ergast 1988.json
    """
    season = read_ergast(file)
    with store_for(database, author) as store:
        stored = store.import_season_values(season, ruleset=ruleset, ref=ref, source=str(file), reason=reason)
    _stored(stored, season, lang)


def _stored(ref: str, season: Season, lang: str) -> None:
    said = Message(
        "stored {ref}: {rounds} rounds, {results} results",
        ref=ref,
        rounds=len(season.events),
        results=len(season.results),
    )
    console.print("[green]✓[/] " + Words(lang)(said))
