"""The tables of the store (SQLAlchemy Core).

The ``change`` table is the source of truth: an append-only log of every write (who, when, what,
why). Every other season table is a *projection* of it, written in the same transaction as the
change that produced it and tagged with that change's id, so that any past state can be read back by
choosing which changes count (``podium.store.snapshot``). Projection rows are never updated: a
later change supersedes them (entities by key, results by session) and an undo hides them.

Migrations (``podium/store/migrations``) create these tables; ``tests/test_store_migrations.py``
checks that the migrated schema and this module agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored as naive UTC (the same text on SQLite, the same value on PostgreSQL).

    Aware datetimes go in converted to UTC; values come out aware, in UTC. Naive input is refused
    because nobody can tell which zone it meant.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to the store; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


Payload = JSON().with_variant(JSONB(), "postgresql")

series = Table(
    "series",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

ruleset = Table(
    "ruleset",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(128), nullable=False),
    Column("version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("origin", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("name", "version", name="uq_ruleset_name_version"),
)

season = Table(
    "season",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ref", String(160), nullable=False, unique=True),
    Column("series_id", String(64), ForeignKey("series.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

change = Table(
    "change",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("season_id", Integer, ForeignKey("season.id"), nullable=True),
    Column("kind", String(32), nullable=False),
    Column("payload", Payload, nullable=False),
    Column("author", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("reverts", Integer, ForeignKey("change.id"), nullable=True),
    Index("ix_change_season_id", "season_id", "id"),
)


def _projection(name: str, *columns: Column[Any], key: tuple[str, ...]) -> Table:
    """A projection table: every row carries its season and the change that wrote it."""
    return Table(
        name,
        metadata,
        Column("season_id", Integer, ForeignKey("season.id"), nullable=False),
        Column("change_id", Integer, ForeignKey("change.id"), nullable=False),
        *columns,
        PrimaryKeyConstraint("change_id", *key, name=f"pk_{name}"),
        Index(f"ix_{name}_season_id", "season_id"),
    )


season_ruleset = _projection(
    "season_ruleset",
    Column("ruleset_id", Integer, ForeignKey("ruleset.id"), nullable=False),
    key=(),
)

classification = _projection(
    "classification",
    Column("id", String(64), nullable=False),
    Column("ord", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("competitor", String(16), nullable=False),
    Column("eligibility", Text, nullable=False),
    Column("scoring", String(64), nullable=False),
    key=("id",),
)

driver = _projection(
    "driver",
    Column("id", String(128), nullable=False),
    Column("name", Text, nullable=False),
    Column("birth_date", Date, nullable=True),
    Column("nationality", Text, nullable=True),
    key=("id",),
)

team = _projection(
    "team",
    Column("id", String(128), nullable=False),
    Column("name", Text, nullable=False),
    Column("nationality", Text, nullable=True),
    key=("id",),
)

entry = _projection(
    "entry",
    Column("id", String(160), nullable=False),
    Column("team_id", String(128), nullable=True),
    Column("car_number", String(16), nullable=True),
    Column("car_model", Text, nullable=True),
    Column("car_build_year", Integer, nullable=True),
    Column("rounds", Text, nullable=False),
    Column("classes", Text, nullable=False),
    key=("id",),
)

entry_driver = _projection(
    "entry_driver",
    Column("entry_id", String(160), nullable=False),
    Column("ord", Integer, nullable=False),
    Column("driver_id", String(128), nullable=False),
    key=("entry_id", "ord"),
)

event = _projection(
    "event",
    Column("round", Integer, nullable=False),
    Column("id", String(128), nullable=False),
    Column("name", Text, nullable=False),
    Column("date", Date, nullable=False),
    Column("venue", Text, nullable=True),
    Column("country", Text, nullable=True),
    Column("time_zone", String(64), nullable=False),
    key=("round",),
)

session = _projection(
    "session",
    Column("round", Integer, nullable=False),
    Column("ord", Integer, nullable=False),
    Column("id", String(128), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("scheduled_start", DateTime(), nullable=True),
    Column("scheduled_laps", Integer, nullable=True),
    Column("duration_s", Integer, nullable=True),
    Column("laps_completed", Integer, nullable=True),
    Column("broadcast", Text, nullable=True),
    key=("round", "ord"),
)

result = _projection(
    "result",
    Column("session_id", String(128), nullable=False),
    Column("ord", Integer, nullable=False),
    Column("entry_id", String(160), nullable=False),
    Column("position", Integer, nullable=True),
    Column("status", String(16), nullable=False),
    Column("drivers", Text, nullable=False),
    Column("laps", Integer, nullable=True),
    Column("time_us", BigInteger, nullable=True),
    Column("laps_led", Integer, nullable=False),
    Column("fastest_lap", Boolean, nullable=False),
    Column("fastest_lap_by", String(128), nullable=True),
    Column("pole", Boolean, nullable=False),
    Column("grid", Integer, nullable=True),
    Column("started", Boolean, nullable=True),
    Column("official_position", Integer, nullable=True),
    key=("session_id", "entry_id"),
)

adjustment = _projection(
    "adjustment",
    Column("session_id", String(128), nullable=False),
    Column("entry_id", String(160), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("points", String(32), nullable=True),
    Column("positions", Integer, nullable=True),
    Column("seconds", String(32), nullable=True),
    Column("changes", Payload, nullable=True),
    Column("classification", String(64), nullable=True),
    key=(),
)

PROJECTIONS: tuple[Table, ...] = (
    season_ruleset,
    classification,
    driver,
    team,
    entry,
    entry_driver,
    event,
    session,
    result,
    adjustment,
)
"""Every projection table, in an order safe for inserting (and reversed, for purging)."""

# -- accounts (podium.store.accounts): people who may sign in to the admin, and their API tokens ---------
# Not part of any season's log: an account is edited in place (password, role), a token is revoked by
# setting revoked_at. Season changes name their author by the account's name.
account = Table(
    "account",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("disabled", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("account", String(64), ForeignKey("account.name"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_used_at", UTCDateTime(), nullable=True),
    Column("revoked_at", UTCDateTime(), nullable=True),
)
