"""The first schema: series, rulesets, seasons, the change log and its projections.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Instants are stored as naive UTC (podium.store.schema.UTCDateTime converts on the way in and out).
PAYLOAD = sa.JSON().with_variant(JSONB(), "postgresql")
APPEND_ONLY = (
    "change",
    "season_ruleset",
    "classification",
    "driver",
    "team",
    "entry",
    "entry_driver",
    "event",
    "session",
    "result",
    "adjustment",
)
"""Tables whose rows are never updated: the log and its projections (a later change supersedes)."""


def _projection(name: str, *columns: sa.Column[object], key: tuple[str, ...]) -> None:
    op.create_table(
        name,
        sa.Column(
            "season_id",
            sa.Integer,
            sa.ForeignKey("season.id", name=f"fk_{name}_season_id_season"),
            nullable=False,
        ),
        sa.Column(
            "change_id",
            sa.Integer,
            sa.ForeignKey("change.id", name=f"fk_{name}_change_id_change"),
            nullable=False,
        ),
        *columns,
        sa.PrimaryKeyConstraint("change_id", *key, name=f"pk_{name}"),
    )
    op.create_index(f"ix_{name}_season_id", name, ["season_id"])


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series"),
    )
    op.create_table(
        "ruleset",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ruleset"),
        sa.UniqueConstraint("name", "version", name="uq_ruleset_name_version"),
    )
    op.create_table(
        "season",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ref", sa.String(160), nullable=False),
        sa.Column(
            "series_id",
            sa.String(64),
            sa.ForeignKey("series.id", name="fk_season_series_id_series"),
            nullable=False,
        ),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_season"),
        sa.UniqueConstraint("ref", name="uq_season_ref"),
    )
    op.create_table(
        "change",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("season_id", sa.Integer, sa.ForeignKey("season.id", name="fk_change_season_id_season")),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", PAYLOAD, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reverts", sa.Integer, sa.ForeignKey("change.id", name="fk_change_reverts_change")),
        sa.PrimaryKeyConstraint("id", name="pk_change"),
    )
    op.create_index("ix_change_season_id", "change", ["season_id", "id"])

    _projection(
        "season_ruleset",
        sa.Column(
            "ruleset_id",
            sa.Integer,
            sa.ForeignKey("ruleset.id", name="fk_season_ruleset_ruleset_id_ruleset"),
            nullable=False,
        ),
        key=(),
    )
    _projection(
        "classification",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("ord", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("competitor", sa.String(16), nullable=False),
        sa.Column("eligibility", sa.Text, nullable=False),
        sa.Column("scoring", sa.String(64), nullable=False),
        key=("id",),
    )
    _projection(
        "driver",
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("birth_date", sa.Date, nullable=True),
        sa.Column("nationality", sa.Text, nullable=True),
        key=("id",),
    )
    _projection(
        "team",
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("nationality", sa.Text, nullable=True),
        key=("id",),
    )
    _projection(
        "entry",
        sa.Column("id", sa.String(160), nullable=False),
        sa.Column("team_id", sa.String(128), nullable=True),
        sa.Column("car_number", sa.String(16), nullable=True),
        sa.Column("car_model", sa.Text, nullable=True),
        sa.Column("car_build_year", sa.Integer, nullable=True),
        sa.Column("rounds", sa.Text, nullable=False),
        sa.Column("classes", sa.Text, nullable=False),
        key=("id",),
    )
    _projection(
        "entry_driver",
        sa.Column("entry_id", sa.String(160), nullable=False),
        sa.Column("ord", sa.Integer, nullable=False),
        sa.Column("driver_id", sa.String(128), nullable=False),
        key=("entry_id", "ord"),
    )
    _projection(
        "event",
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("venue", sa.Text, nullable=True),
        sa.Column("country", sa.Text, nullable=True),
        sa.Column("time_zone", sa.String(64), nullable=False),
        key=("round",),
    )
    _projection(
        "session",
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("ord", sa.Integer, nullable=False),
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("scheduled_start", sa.DateTime(), nullable=True),
        sa.Column("scheduled_laps", sa.Integer, nullable=True),
        sa.Column("duration_s", sa.Integer, nullable=True),
        sa.Column("laps_completed", sa.Integer, nullable=True),
        sa.Column("broadcast", sa.Text, nullable=True),
        key=("round", "ord"),
    )
    _projection(
        "result",
        sa.Column("session_id", sa.String(128), nullable=False),
        sa.Column("ord", sa.Integer, nullable=False),
        sa.Column("entry_id", sa.String(160), nullable=False),
        sa.Column("position", sa.Integer, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("drivers", sa.Text, nullable=False),
        sa.Column("laps", sa.Integer, nullable=True),
        sa.Column("time_us", sa.BigInteger, nullable=True),
        sa.Column("laps_led", sa.Integer, nullable=False),
        sa.Column("fastest_lap", sa.Boolean, nullable=False),
        sa.Column("fastest_lap_by", sa.String(128), nullable=True),
        sa.Column("pole", sa.Boolean, nullable=False),
        sa.Column("grid", sa.Integer, nullable=True),
        sa.Column("started", sa.Boolean, nullable=True),
        key=("session_id", "entry_id"),
    )
    _projection(
        "adjustment",
        sa.Column("session_id", sa.String(128), nullable=False),
        sa.Column("entry_id", sa.String(160), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("points", sa.String(32), nullable=True),
        sa.Column("positions", sa.Integer, nullable=True),
        sa.Column("seconds", sa.String(32), nullable=True),
        sa.Column("changes", PAYLOAD, nullable=True),
        sa.Column("classification", sa.String(64), nullable=True),
        key=(),
    )
    _append_only()


def _append_only() -> None:
    """Refuse UPDATE on the log and its projections, in the database itself."""
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION podium_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'podium: % is append-only; record a new change instead', TG_TABLE_NAME; "
            "END $$"
        )
        for table in APPEND_ONLY:
            op.execute(
                f'CREATE TRIGGER {table}_append_only BEFORE UPDATE ON "{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION podium_append_only()"
            )
    else:
        for table in APPEND_ONLY:
            op.execute(
                f'CREATE TRIGGER {table}_append_only BEFORE UPDATE ON "{table}" '
                f"BEGIN SELECT RAISE(ABORT, 'podium: {table} is append-only; "
                f"record a new change instead'); END"
            )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS podium_append_only()")
    for table in reversed(APPEND_ONLY[1:]):
        op.drop_table(table)
    op.drop_index("ix_change_season_id", table_name="change")
    op.drop_table("change")
    op.drop_table("season")
    op.drop_table("ruleset")
    op.drop_table("series")
