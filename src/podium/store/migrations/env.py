"""Alembic environment: podium always hands Alembic an open connection (see podium.store.engine)."""

from __future__ import annotations

from alembic import context

from podium.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - podium never runs Alembic without a connection
    raise RuntimeError("podium migrations run through `podium db upgrade`, which passes a connection")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
