"""Results keep the place the organiser printed for a car that is not classified.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Results imported before carry no printed place: NULL is exactly what they said.
    op.add_column("result", sa.Column("official_position", sa.Integer, nullable=True))


def downgrade() -> None:
    op.drop_column("result", "official_position")
