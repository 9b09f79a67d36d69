"""``podium entries import``, ``podium events import`` and ``podium event add``: who races, and when."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from podium.cli.app import app, console, new_app
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
from podium.errors import InputError, Message, PodiumError, Problem, message_of
from podium.importers.podium_csv import parse_session_spec, read_calendar, read_entry_list
from podium.model import Event
from podium.model.values import slug
from podium.sources import pick_season

entries_app = new_app("Entry lists: drivers, teams and cars, in which classes, for which rounds.")
events_app = new_app("The calendar: events and their sessions, from a CSV file.")
event_app = new_app("One event of the calendar, from the command line.")
app.add_typer(entries_app, name="entries")
app.add_typer(events_app, name="events")
app.add_typer(event_app, name="event")


@entries_app.command("import")
def entries_import(
    file: Annotated[Path, typer.Argument(help="Entry list CSV (docs/import-formats.md).")],
    season: SeasonOption = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
    lang: LangOption = "en",
) -> None:
    """Import an entry list: one line per driver of a car. Nothing is written if any line is wrong.

    Each requested class must hold on the date of every event of the entry's rounds: a 44-year-old
    in Masters, or a 2017 car in Gold, is refused with the rule that failed. Entries already in the
    season with the same id are replaced (a corrected list), others are added.

    Example:

        podium entries import examples/sebring-2020/entries.csv --season gt3-usa-2020
    """
    entry_list = read_entry_list(file)
    with store_for(database, author) as store:
        print_change(store.import_entries(pick_season(store, season), entry_list, reason=reason), lang)


@events_app.command("import")
def events_import(
    file: Annotated[
        Path, typer.Argument(help="Calendar CSV: one line per session (docs/import-formats.md).")
    ],
    season: SeasonOption = None,
    replace: Annotated[bool, typer.Option(help="Supersede rounds already in the calendar.")] = False,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
    lang: LangOption = "en",
) -> None:
    """Import a calendar: events with venue, time zone and sessions with local start times.

    Example:

        podium events import examples/sebring-2020/calendar.csv
    """
    calendar = read_calendar(file)
    with store_for(database, author) as store:
        print_change(
            store.add_events(pick_season(store, season), calendar, replace=replace, reason=reason), lang
        )


@event_app.command("add")
def event_add(
    round_number: Annotated[int, typer.Option("--round", "-r", help="Round number.")],
    name: Annotated[str, typer.Option(help="Event name.")],
    session: Annotated[
        list[str],
        typer.Option(
            "--session",
            help="'Name; kind=race; start=YYYY-MM-DD HH:MM; duration=45min; broadcast=imsa.tv' (repeatable; "
            "keys: id, kind, start, duration, laps, broadcast; start is local time at the venue).",
        ),
    ],
    time_zone: Annotated[str, typer.Option("--time-zone", "--tz", help="IANA zone of the venue.")] = "UTC",
    venue: Annotated[str | None, typer.Option(help="Circuit.")] = None,
    country: Annotated[str | None, typer.Option(help="Country.")] = None,
    event_date: Annotated[
        str | None, typer.Option("--date", help="Date of the main race (default: the last race's start).")
    ] = None,
    event_id: Annotated[str | None, typer.Option("--id", help="Event slug (default: from the name).")] = None,
    replace: Annotated[
        bool, typer.Option(help="Supersede this round if it is already in the calendar.")
    ] = False,
    season: SeasonOption = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = "",
    lang: LangOption = "en",
) -> None:
    """Add one event with its sessions.

    Example:

        podium event add --round 8 --name "Sebring" --venue "Sebring International Raceway" \\
            --tz America/New_York \\
            --session "Qualifying; kind=qualifying; start=2020-11-12 10:15; duration=30min" \\
            --session "Race 1; start=2020-11-13 08:00; duration=45min; broadcast=imsa.tv" \\
            --session "Race 2; start=2020-11-13 14:35; duration=45min; broadcast=imsa.tv"
    """
    sessions = tuple(parse_session_spec(text, round_number) for text in session)
    day = None
    if event_date:
        try:
            day = date.fromisoformat(event_date)
        except ValueError:
            raise InputError(
                Problem(
                    Message("expected a date like 2020-11-13, got {raw!r}", raw=event_date), field="--date"
                )
            ) from None
    if day is None:
        starts = [s.scheduled_start for s in sessions if s.scheduled_start and s.scores]
        starts = starts or [s.scheduled_start for s in sessions if s.scheduled_start]
        if not starts:
            raise InputError(
                Problem(Message("give --date, or a start time for the sessions"), field="--date")
            )
        day = max(starts).date()
    try:
        event = Event(
            round=round_number,
            id=event_id or slug(name),
            name=name,
            date=day,
            venue=venue,
            country=country,
            time_zone=time_zone,
            sessions=sessions,
        )
    except PodiumError as exc:
        raise InputError(Problem(message_of(exc), field="--round")) from None
    with store_for(database, author) as store:
        ref = pick_season(store, season)
        print_change(
            store.add_events(ref, [event], replace=replace, source="podium event add", reason=reason), lang
        )
    say = Words(lang)
    for s in sessions:
        start = (
            f"{say.pattern(s.scheduled_start, 'EEE y-MM-dd HH:mm')} {time_zone}"
            if s.scheduled_start
            else say(Message("no start time"))
        )
        console.print(f"  {s.id}: {say.name(s.name)} ({s.kind.value}), {start}")
