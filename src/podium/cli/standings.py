"""``podium standings``: a classification's table after any round."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from podium.cli.app import app, console, print_json
from podium.cli.sources import (
    AfterOption,
    AfterRoundOption,
    AsOfOption,
    AtOption,
    F1dbOption,
    LangOption,
    StoredSeasonArgument,
    YearOption,
    load_season,
    moment_at,
)
from podium.cli.store_common import DatabaseOption, parse_instant
from podium.cli.words import Words
from podium.errors import InputError, Message, Problem
from podium.present.data import standings_data
from podium.standings import Score, Standings, compute_standings, default_classification
from podium.title.build import cutoff_session


def render_standings(table: Standings, title: str, lang: str = "en") -> Table:
    """A Rich table of standings: position, name, counted and total points, wins, dropped results."""
    say = Words(lang)
    out = Table(title=title, title_justify="left", header_style="bold")
    out.add_column(say(Message("Pos")), justify="right")
    out.add_column(say(Message("Competitor")))
    out.add_column(say(Message("Points")), justify="right")
    out.add_column(say(Message("Total")), justify="right")
    out.add_column(say(Message("Wins")), justify="right")
    out.add_column(say(Message("Dropped")))
    for row in table.rows:
        dropped = ", ".join(f"[strike]R{s.round} {_dropped(s, say)}[/strike]" for s in row.dropped)
        out.add_row(
            row.position_text,
            row.name,
            say.points(row.points),
            say.points(row.total_points),
            say.count(row.wins),
            dropped,
        )
    return out


def _dropped(score: Score, say: Words) -> str:
    """A dropped result: its place and, if it scored, its points ("P4 (3⅐)", "DNF")."""
    place = f"P{score.position}" if score.position is not None else score.status.value
    return f"{place} ({say.points(score.total)})" if score.total else place


@app.command("standings")
def standings_command(
    stored: StoredSeasonArgument = None,
    f1db: F1dbOption = None,
    season: YearOption = None,
    after_round: AfterRoundOption = None,
    classification: Annotated[
        str | None,
        typer.Option(
            "--class",
            "--classification",
            "-c",
            help="Which table: a class id (platinum), drivers, constructors (default: the season's first).",
        ),
    ] = None,
    after: AfterOption = None,
    at: AtOption = None,
    as_of: AsOfOption = None,
    database: DatabaseOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (the API's shape) instead of a table.")
    ] = False,
    lang: LangOption = "en",
) -> None:
    """Print a championship table after any round or session.

    Points are computed from results and the season's rules preset; they are exact (a shared
    fastest lap in 1954 is worth 1/7).

    Two kinds of time. The sporting moment is --after-round, --after SESSION or --at DATE (after
    the last session that had ended by then): the table after that round or session. The log time
    is --as-of: a stored season as it was recorded then, with the penalties, corrections and undos
    logged by that time.

    Examples:

        podium standings gt3-usa-2020 --class platinum-masters

        podium standings gt3-usa-2020 --class platinum --after r08-race-1

        podium standings gt3-usa-2020 --class platinum --at "2020-11-13 12:00-05:00"

        podium standings gt3-usa-2020 --class platinum --as-of "2026-12-06 10:15"

        podium standings --f1db ../shared/data/f1db --season 1988 --after-round 15

        podium standings gt3-usa-2020 --class platinum --lang fr
    """
    if after_round is not None and after is not None:
        raise InputError(Problem(Message("give --after-round or --after, not both"), field="--after"))
    source = load_season(stored, f1db, season, database=database, as_of=as_of)
    data, ruleset = source.season, source.ruleset
    after_round, after = moment_at(data, at, after_round, after)
    chosen = classification or default_classification(data).id
    say = Words(lang)
    if after_round is None and after is None:
        table = compute_standings(data, ruleset, chosen)
        moment = Message("after round {round}", round=table.after_round)
    else:
        cut = cutoff_session(data, after_round, after)
        last = data.event_of(cut).round if cut is not None else 0
        table = compute_standings(data.until(cut), ruleset, chosen, last)
        moment = (
            Message("after round {round}", round=last)
            if cut is not None
            else Message("before the first session")
        )
        if after is not None and cut is not None:
            moment = Message(
                "after {session}, round {round}", session=say.name(data.session(cut).name), round=last
            )
    label = source.label
    if as_json:
        print_json(standings_data(table, season=label))
        return
    title = Message(
        "{season} — {classification}, {moment}",
        season=data.title,
        classification=say.name(table.classification.name),
        moment=moment,
    )
    if as_of:
        title = Message(
            "{title}, as of {when}", title=title, when=f"{parse_instant(as_of):%Y-%m-%d %H:%M %Z}"
        )
    console.print(render_standings(table, say(title), lang))
