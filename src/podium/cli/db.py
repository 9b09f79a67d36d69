"""``podium init`` and ``podium db …``: create the database and keep its schema current."""

from __future__ import annotations

from podium.cli.app import app, console, new_app
from podium.cli.sources import LangOption
from podium.cli.store_common import DatabaseOption, settings
from podium.cli.words import Words
from podium.errors import Message
from podium.store.engine import (
    current_revision,
    head_revision,
    make_engine,
    missing_sqlite_file,
    safe_url,
    upgrade,
)

db_app = new_app("The database itself: schema migrations (Alembic).")
app.add_typer(db_app, name="db")


def _upgrade(database: str | None, lang: str) -> None:
    url = settings(database).database_url
    engine = make_engine(url)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    where = safe_url(engine)
    if before == after:
        said = Message("{where} is up to date (schema revision {after})", where=where, after=after)
    elif before is None:
        said = Message(
            "created podium's tables in {where} (schema revision {after})", where=where, after=after
        )
    else:
        said = Message(
            "upgraded {where} from schema revision {before} to {after}",
            where=where,
            before=before,
            after=after,
        )
    console.print("[green]✓[/] " + Words(lang)(said))


@app.command("init")
def init_command(database: DatabaseOption = None, lang: LangOption = "en") -> None:
    """Create the database (or bring it up to date): the first command on a new machine.

    Example:

        podium init                                   # sqlite:///podium.db in this folder
        podium init --database postgresql+psycopg://podium@localhost/podium
    """
    _upgrade(database, lang)


@db_app.command("upgrade")
def upgrade_command(database: DatabaseOption = None, lang: LangOption = "en") -> None:
    """Run the schema migrations the database has not had yet (safe to run again).

    Example:

        podium db upgrade --database sqlite:///season.db
    """
    _upgrade(database, lang)


@db_app.command("status")
def status_command(database: DatabaseOption = None, lang: LangOption = "en") -> None:
    """Show the database's schema revision and the one this podium needs.

    Example:

        podium db status
    """
    say = Words(lang)
    url = settings(database).database_url
    missing = missing_sqlite_file(url)
    if missing is not None:
        console.print(say(Message("no database at {path!r} yet: podium init creates it", path=missing)))
        return
    engine = make_engine(url)
    try:
        current, head = current_revision(engine), head_revision(engine)
    finally:
        engine.dispose()
    if current == head:
        state = Message("up to date")
    else:
        state = (
            Message("empty: run podium init") if current is None else Message("behind: run podium db upgrade")
        )
    said = Message(
        "{where}: schema revision {current}, podium needs {head} — {state}",
        where=safe_url(engine),
        current=current or Message("(none)"),
        head=head,
        state=state,
    )
    console.print(say(said))
