"""The store: a season's one safe home (SQLAlchemy 2 + Alembic, SQLite or PostgreSQL).

Everything written is a change appended to a log (who, when, what, why); the season now, or as it
stood at any past moment, is derived from that log. Penalties and corrections add changes, undo adds
one too; nothing is overwritten. See docs/store.md.

    store = open_store("sqlite:///podium.db", migrate=True)
    season, ruleset = store.season("gt3-usa-2020", as_of=datetime(2020, 11, 14, 9, tzinfo=NEW_YORK))
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from podium.errors import StoreError
from podium.settings import Settings, load_settings
from podium.store.engine import (
    current_revision,
    head_revision,
    make_engine,
    missing_sqlite_file,
    safe_url,
    upgrade,
)
from podium.store.records import ChangeKind, ChangeRecord, SeasonInfo, record_data
from podium.store.store import Store, season_ref

__all__ = [
    "ChangeKind",
    "ChangeRecord",
    "SeasonInfo",
    "Store",
    "open_store",
    "record_data",
    "season_ref",
]


def open_store(url: str | None = None, *, migrate: bool = False, settings: Settings | None = None) -> Store:
    """Open the store at ``url`` (``None``: the settings, i.e. ``PODIUM_DATABASE_URL``, else
    ``sqlite:///podium.db``).

    With ``migrate`` the database is created or upgraded to the current schema first (``podium
    init`` does this); without it, a database that is missing or behind is refused with a message
    saying which command fixes it, and nothing is created.

    :raises StoreError: when the database cannot be opened or is not at the current schema.
    """
    settings = settings or load_settings()
    url = url or settings.database_url
    _parse(url)
    missing = None if migrate else missing_sqlite_file(url)
    if missing is not None:
        raise StoreError(
            f"no database at {missing!r}: create it with `podium init` (or set PODIUM_DATABASE_URL)"
        )
    engine = make_engine(url)
    try:
        if migrate:
            upgrade(engine)
        else:
            current, head = current_revision(engine), head_revision(engine)
            if current is None:
                raise StoreError(
                    f"the database {safe_url(engine)} is empty: run `podium init` to create podium's tables"
                )
            if current != head:
                raise StoreError(
                    f"the database {safe_url(engine)} is at schema revision {current}, "
                    f"this podium needs {head}: run `podium db upgrade`"
                )
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, settings=settings)


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError:
        raise StoreError(
            f"cannot read database URL {url!r}; write sqlite:///podium.db or postgresql+psycopg://user@host/db"
        ) from None
