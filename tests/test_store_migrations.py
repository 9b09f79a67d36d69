"""The schema: Alembic migrations create exactly podium.store.schema, the log refuses UPDATE, and a
database that is missing, empty or behind is refused with the command that fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from podium.errors import StoreError
from podium.store import open_store
from podium.store import schema as t
from podium.store.engine import current_revision, head_revision, make_engine, upgrade
from storekit import db_url_fixture, migrated_template_fixture, store_fixture  # noqa: F401


def test_migrations_build_the_schema_the_code_uses(db_url: str) -> None:
    open_store(db_url, migrate=True).close()
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
        assert diff == []
        assert current_revision(engine) == head_revision(engine)
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        before, after = upgrade(engine)
        assert before is None and after == head_revision(engine)
        assert upgrade(engine) == (after, after)
    finally:
        engine.dispose()


def test_the_log_is_append_only_in_the_database_itself(store: object, db_url: str) -> None:
    from podium.store import Store

    assert isinstance(store, Store)
    store.create_series("cup", "Test Cup")
    engine = sa.create_engine(db_url)
    try:
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(sa.text("UPDATE change SET reason = 'rewritten'"))
    finally:
        engine.dispose()
    assert store.log()[0].reason == ""


def test_a_missing_sqlite_file_is_not_created_by_reading(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    with pytest.raises(StoreError, match="create it with `podium init`"):
        open_store(f"sqlite:///{path}")
    assert not path.exists()


def test_an_empty_database_is_refused(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:  # create the file / touch the schema
        conn.execute(sa.text("SELECT 1"))
    engine.dispose()
    with pytest.raises(StoreError, match="is empty: run `podium init`"):
        open_store(db_url)


def test_a_database_behind_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    open_store(url, migrate=True).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0000'"))
    engine.dispose()
    with pytest.raises(StoreError, match="this podium needs 0003: run `podium db upgrade`"):
        open_store(url)


def test_sqlite_is_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    s = open_store(f"sqlite:///{tmp_path / 'wal.db'}", migrate=True)
    try:
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 120_000
    finally:
        s.close()


def test_bad_urls() -> None:
    with pytest.raises(StoreError, match="cannot read database URL"):
        open_store("not a url")
    with pytest.raises(StoreError, match="cannot open database URL"):
        make_engine("nosuchdb://x/y")
