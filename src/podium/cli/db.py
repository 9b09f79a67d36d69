"""``podium init`` and ``podium db …``: create the database and keep its schema current."""

from __future__ import annotations

from podium.cli.app import app, console, new_app
from podium.cli.store_common import DatabaseOption, settings
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


def _upgrade(database: str | None) -> None:
    url = settings(database).database_url
    engine = make_engine(url)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    where = safe_url(engine)
    if before == after:
        console.print(f"[green]✓[/] {where} is up to date (schema revision {after})")
    elif before is None:
        console.print(f"[green]✓[/] created podium's tables in {where} (schema revision {after})")
    else:
        console.print(f"[green]✓[/] upgraded {where} from schema revision {before} to {after}")


@app.command("init")
def init_command(database: DatabaseOption = None) -> None:
    """Create the database (or bring it up to date): the first command on a new machine.

    Example:

        podium init                                   # sqlite:///podium.db in this folder
        podium init --database postgresql+psycopg://podium@localhost/podium
    """
    _upgrade(database)


@db_app.command("upgrade")
def upgrade_command(database: DatabaseOption = None) -> None:
    """Run the schema migrations the database has not had yet (safe to run again).

    Example:

        podium db upgrade --database sqlite:///season.db
    """
    _upgrade(database)


@db_app.command("status")
def status_command(database: DatabaseOption = None) -> None:
    """Show the database's schema revision and the one this podium needs.

    Example:

        podium db status
    """
    url = settings(database).database_url
    missing = missing_sqlite_file(url)
    if missing is not None:
        console.print(f"no database at {missing!r} yet: podium init creates it")
        return
    engine = make_engine(url)
    try:
        current, head = current_revision(engine), head_revision(engine)
    finally:
        engine.dispose()
    state = (
        "up to date"
        if current == head
        else ("empty: run podium init" if current is None else "behind: run podium db upgrade")
    )
    console.print(f"{safe_url(engine)}: schema revision {current or '(none)'}, podium needs {head} — {state}")
