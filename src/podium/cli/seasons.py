"""``podium series …`` and ``podium season …``: the championship and its seasons."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from podium.cli.app import app, console, new_app, print_json
from podium.cli.sources import LangOption
from podium.cli.store_common import (
    AuthorOption,
    DatabaseOption,
    ReasonOption,
    SeasonOption,
    print_change,
    store_for,
)
from podium.cli.words import Words
from podium.errors import Message
from podium.importers.classes import parse_class_option, read_classifications
from podium.model import Classification
from podium.sources import pick_season, stored_season
from podium.store import record_data

series_app = new_app("Series: a championship run year after year (Porsche GT3 Cup Challenge USA).")
season_app = new_app("Seasons: one year of a series, with its ruleset and classifications.")
app.add_typer(series_app, name="series")
app.add_typer(season_app, name="season")


@series_app.command("create")
def series_create(
    series_id: Annotated[
        str, typer.Argument(metavar="ID", help="Short id: lower case, digits, hyphens (gt3-usa).")
    ],
    name: Annotated[str, typer.Argument(help="Full name, as printed.")],
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
    lang: LangOption = "en",
) -> None:
    """Create a series.

    Example:

        podium series create gt3-usa "Porsche GT3 Cup Challenge USA by Yokohama"
    """
    with store_for(database, author) as store:
        print_change(store.create_series(series_id, name, reason=reason), lang)


@series_app.command("list")
def series_list(database: DatabaseOption = None, lang: LangOption = "en") -> None:
    """List the series."""
    with store_for(database) as store:
        for s in store.series():
            console.print(Words(lang)(Message("{id}: {name}", id=s.id, name=s.name)))


@season_app.command("create")
def season_create(
    series_id: Annotated[
        str, typer.Argument(metavar="SERIES", help="Id of the series (podium series list).")
    ],
    year: Annotated[int, typer.Argument(help="Season year.")],
    ruleset: Annotated[str, typer.Option(help="Preset name (imsa-2020, f1-1988) or a ruleset TOML file.")],
    classes: Annotated[
        Path | None, typer.Option("--classes", help="TOML file of [[classification]] tables (see docs).")
    ] = None,
    class_: Annotated[
        list[str] | None,
        typer.Option("--class", help="A classification 'Name' or 'Name: eligibility rule' (repeatable)."),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Season name (default: series name and year).")] = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
    lang: LangOption = "en",
) -> None:
    """Create a season scored by a ruleset, with its classifications and their eligibility rules.

    The ruleset's TOML text is stored with the season (versioned), so later edits of a file or a
    new podium release never change a season behind your back. Its reference is SERIES-YEAR.

    Example:

        podium season create gt3-usa 2020 --ruleset imsa-2020 --classes classes.toml
        podium season create club 2025 --ruleset f1-2025 --class Drivers --class "Rookies: driver.age < 25"
    """
    chosen: list[Classification] = list(read_classifications(classes)) if classes else []
    chosen.extend(parse_class_option(text) for text in class_ or [])
    with store_for(database, author) as store:
        record = store.create_season(
            series_id, year, ruleset=ruleset, classifications=chosen, name=name, reason=reason
        )
        print_change(record, lang)
        console.print(Words(lang)(Message("season reference: [bold]{ref}[/]", ref=record.season)))


@season_app.command("list")
def season_list(
    database: DatabaseOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    lang: LangOption = "en",
) -> None:
    """List the seasons with their ruleset, calendar size and version."""
    with store_for(database) as store:
        infos = store.seasons()
    if as_json:
        print_json([record_data(i) for i in infos])
        return
    say = Words(lang)
    table = Table(header_style="bold")
    for column in (
        Message("Season"),
        Message("Name"),
        Message("Ruleset"),
        Message("Rounds"),
        Message("Sessions with results"),
        Message("Changes"),
        Message("Version"),
    ):
        table.add_column(say(column))
    for i in infos:
        table.add_row(
            i.ref,
            i.name,
            f"{i.ruleset} v{i.ruleset_version}",
            say.count(i.rounds),
            say.count(i.sessions_with_results),
            say.count(i.changes),
            say.count(i.version),
        )
    console.print(table)


@season_app.command("show")
def season_show(
    season: Annotated[
        str | None, typer.Argument(help="Season reference (optional when there is one).")
    ] = None,
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Show a season: classifications, calendar (local times) and entries.

    Example:

        podium season show gt3-usa-2020 --lang fr
    """
    say = Words(lang)
    source = stored_season(database, season)
    ref, data, rules = source.label, source.season, source.ruleset
    console.print(
        say(
            Message(
                "[bold]{season}[/] ({ref}), scored by {rules}", season=data.title, ref=ref, rules=rules.name
            )
        )
    )
    for c in data.classifications:
        line = Message(
            "class [bold]{id}[/] {name}: {rule}", id=c.id, name=say.name(c.name), rule=c.eligibility.text
        )
        console.print("  " + say(line))
    calendar = Table(
        title=say(Message("Calendar (start times at the venue)")), title_justify="left", header_style="bold"
    )
    for column in (
        Message("Rd"),
        Message("Event"),
        Message("Session id"),
        Message("Start"),
        Message("Length"),
        Message("Watch"),
        Message("Results"),
    ):
        calendar.add_column(say(column), no_wrap=column in ("Session id", "Start"))
    for event, s in data.sessions():
        instant = event.start_instant(s)
        start = say.when(instant, "EEE dd MMM HH:mm") if instant else ""
        length = (
            say(Message.plural("{count} lap", "{count} laps", count=s.scheduled_laps))
            if s.scheduled_laps
            else ""
        )
        if s.scheduled_duration:
            length = say(Message("{minutes} min", minutes=int(s.scheduled_duration.total_seconds() // 60)))
        cars = len(data.original_results(s.id))
        calendar.add_row(
            str(event.round),
            event.name,
            s.id,
            start,
            length,
            s.broadcast or "",
            say(Message.plural("{count} car", "{count} cars", count=cars)) if data.has_results(s.id) else "",
        )
    console.print(calendar)
    entries = Table(title=say(Message("Entries")), title_justify="left", header_style="bold")
    for column in (
        Message("Car"),
        Message("Drivers"),
        Message("Team"),
        Message("Car model"),
        Message("Built"),
        Message("Classes"),
        Message("Rounds"),
    ):
        entries.add_column(say(column), no_wrap=column == "Car")
    for e in sorted(
        data.entries, key=lambda e: (len(e.car.number) if e.car else 0, e.car.number if e.car else e.id)
    ):
        entries.add_row(
            f"#{e.car.number}" if e.car else e.id,
            ", ".join(data.driver(d).name for d in e.drivers),
            data.team(e.team).name if e.team else "",
            (e.car.model or "") if e.car else "",
            str(e.car.build_year or "") if e.car else "",
            ", ".join(e.classes),
            ", ".join(map(str, e.rounds)) or say(Message("all")),
        )
    console.print(entries)


@season_app.command("ruleset")
def season_ruleset(
    ruleset: Annotated[str, typer.Argument(help="Preset name or ruleset TOML file.")],
    season: SeasonOption = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
    lang: LangOption = "en",
) -> None:
    """Score the season with another ruleset or a new version of its own (past states keep theirs).

    Example:

        podium season ruleset my-rules.toml --season club-2025 --reason "bulletin 3: fastest-lap point"
    """
    with store_for(database, author) as store:
        print_change(store.set_ruleset(pick_season(store, season), ruleset, reason=reason), lang)
