"""What the store commands share: the database option, the author, picking a season, printing a change.

Every store command takes ``--database URL`` (default: ``PODIUM_DATABASE_URL``, else
``sqlite:///podium.db``) and, when it writes, ``--author NAME`` (default: ``PODIUM_AUTHOR``, else
the login name). ``--season`` may be left out when the database holds exactly one season.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from podium.cli.app import console
from podium.cli.words import Words
from podium.errors import InputError, Message, Problem
from podium.model.values import MAX_YEAR, MIN_YEAR, check_instant
from podium.settings import Settings, load_settings
from podium.store import ChangeRecord, Store, open_store

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        "--db",
        help="Database URL (default: $PODIUM_DATABASE_URL, else sqlite:///podium.db).",
        show_default=False,
    ),
]
AuthorOption = Annotated[
    str | None,
    typer.Option("--author", help="Who is recorded in the log (default: $PODIUM_AUTHOR, else your login)."),
]
SeasonOption = Annotated[
    str | None,
    typer.Option(
        "--season", "-s", help="Season reference, e.g. gt3-usa-2020 (optional when there is only one)."
    ),
]
ReasonOption = Annotated[str, typer.Option("--reason", "-m", help="Why: recorded in the log.")]


def settings(database: str | None, author: str | None = None) -> Settings:
    return load_settings(database_url=database, author=author)


@contextmanager
def store_for(database: str | None, author: str | None = None, *, migrate: bool = False) -> Iterator[Store]:
    """The store the options name, closed when the command ends."""
    chosen = settings(database, author)
    store = open_store(chosen.database_url, migrate=migrate, settings=chosen)
    try:
        yield store
    finally:
        store.close()


def parse_instant(text: str, *, field: str = "--as-of") -> datetime:
    """``2020-11-14 09:00`` (your local time), ``2020-11-14T09:00-05:00`` or ``…Z`` → an aware datetime."""
    raw = text.strip()
    try:
        value = check_instant(datetime.fromisoformat(raw.replace(" ", "T", 1).replace("Z", "+00:00")))
    except ValueError:
        raise InputError(
            Problem(
                Message(
                    "expected a time like 2020-11-14 09:00 or 2020-11-14T09:00-05:00 (from {low:d} to "
                    "{high:d}), "
                    "got {text!r}",
                    low=MIN_YEAR,
                    high=MAX_YEAR,
                    text=text[:80],
                ),
                field=field,
                value=text,
            )
        ) from None
    if value.tzinfo is None:
        value = value.astimezone()  # the machine's local zone, as a person typing a time means
    return value


def print_change(record: ChangeRecord, lang: str = "en") -> None:
    """The one line a write prints: what was recorded, under which number (for undo)."""
    say = Words(lang)
    change = say(Message("change [bold]#{id:d}[/]", id=record.id))
    console.print(f"[green]✓[/] {change} {say(record.summary)}")


def log_table(records: list[ChangeRecord], *, title: str, lang: str = "en") -> Table:
    say = Words(lang)
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    for column in (
        Message("When (local)"),
        Message("Season"),
        Message("Author"),
        Message("What"),
        Message("Why"),
    ):
        table.add_column(say(column))
    for r in records:
        what = say(r.summary)
        if r.reverted_by:
            undone = say(Message("undone by #{id:d}", id=r.reverted_by))
            what = f"[strike]{what}[/strike] [dim]({undone})[/]"
        table.add_row(
            str(r.id),
            r.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            r.season or "",
            r.author,
            what,
            r.reason,
        )
    return table
