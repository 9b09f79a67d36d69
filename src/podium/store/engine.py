"""Connecting to the database and migrating it.

SQLite is opened in WAL mode with foreign keys on and a generous busy timeout; podium emits its own
``BEGIN`` (SQLAlchemy's documented recipe) so that write transactions start with ``BEGIN
IMMEDIATE``: a second writer then *waits* for the first instead of failing half-way with "database
is locked". Reads start with a plain ``BEGIN`` so each read sees one consistent state.

PostgreSQL reads run at REPEATABLE READ (one snapshot for the whole read); writes lock their
season's row (``SELECT … FOR UPDATE``) so that writers of one season take turns and validate
against the state they will extend.

Migrations are Alembic's, shipped in ``podium/store/migrations``; :func:`upgrade` runs them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from podium.errors import StoreError

SQLITE_BUSY_TIMEOUT_MS = 120_000
"""How long a SQLite writer waits for another one before giving up."""
WRITE = "podium_write"
"""Execution option marking a connection whose transaction writes."""


def missing_sqlite_file(url: str) -> str | None:
    """The path of a SQLite database file that does not exist yet (connecting would create it)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    database = parsed.database or ""
    if (
        parsed.get_backend_name() == "sqlite"
        and database not in ("", ":memory:")
        and not Path(database).exists()
    ):
        return database
    return None


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with podium's connection settings.

    :raises StoreError: for a URL SQLAlchemy cannot read or a driver that is not installed.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"cannot read database URL {url!r}; write sqlite:///podium.db or "
            f"postgresql+psycopg://user@host/database"
        ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot open database URL {url!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    return engine


def _sqlite_setup(engine: Engine) -> None:
    memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, change_record: Any) -> None:
        dbapi_connection.isolation_level = None  # podium emits BEGIN itself (see below)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if not memory:
                cursor.execute("PRAGMA journal_mode")
                if str(cursor.fetchone()[0]).lower() != "wal":
                    cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside one write transaction: committed on success, rolled back on any error."""
    with engine.connect() as raw:
        conn = raw.execution_options(**{WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection that sees one consistent state of the database for all its reads."""
    with engine.connect() as raw:
        conn = raw
        if not is_sqlite(engine):
            conn = raw.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


# -- migrations ------------------------------------------------------------------------------------
def alembic_config(engine: Engine, connection: Connection | None = None) -> Config:
    """Alembic's configuration, pointing at the migrations shipped inside the package."""
    config = Config()
    location = resources.files("podium.store") / "migrations"
    config.set_main_option("script_location", str(location))
    config.attributes["connection"] = connection
    return config


def head_revision(engine: Engine) -> str:
    script = ScriptDirectory.from_config(alembic_config(engine))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except DBAPIError as exc:
        raise StoreError(f"cannot open the database {safe_url(engine)}: {exc.orig}") from None


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Run migrations up to ``revision``; returns (revision before, revision after)."""
    before = current_revision(engine)
    try:
        with engine.connect() as conn:
            config = alembic_config(engine, conn)
            command.upgrade(config, revision)
            conn.commit()
    except DBAPIError as exc:
        raise StoreError(f"migration failed on {safe_url(engine)}: {exc.orig}") from None
    after = current_revision(engine)
    assert after is not None
    return before, after


def safe_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
