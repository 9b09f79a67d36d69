"""Databases for store tests: a fresh SQLite file, or a fresh PostgreSQL schema dropped afterwards.

Every store test runs on both backends through the ``db_url`` fixture (imported by the test
modules). PostgreSQL is the server on 127.0.0.1:5432 (trust auth, database ``test``), or the one
``PODIUM_TEST_POSTGRES_URL`` names; its tests are skipped only when nothing answers there.
The Sebring demo season is built once per test session and backend and then copied (SQLite: the
file; PostgreSQL: restored from its exported document), so each test still owns its database.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from podium.store import Store, open_store
from podium.store import schema as t
from podium.store.demo import load_sebring_demo

POSTGRES = os.environ.get("PODIUM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@cache
def postgres_answers() -> bool:
    engine = sa.create_engine(POSTGRES, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def _schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{separator}options=-csearch_path%3D{schema}"


def _admin(statement: str) -> None:
    engine = sa.create_engine(POSTGRES)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(statement))
    finally:
        engine.dispose()


def fresh_url(backend: str, tmp_path: Path, name: str = "podium") -> Iterator[str]:
    """A URL to an empty database of ``backend``; a PostgreSQL schema is dropped at the end."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'{name}.db'}"
        return
    if not postgres_answers():
        pytest.skip(f"no PostgreSQL answers at {POSTGRES}")
    schema = f"podium_test_{uuid.uuid4().hex[:16]}"
    _admin(f'CREATE SCHEMA "{schema}"')
    try:
        yield _schema_url(schema)
    finally:
        _admin(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS, name="db_url")
def db_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend."""
    yield from fresh_url(request.param, tmp_path)


@cache
def _migrated_template(directory: str) -> Path:
    """An empty, migrated SQLite file (migrating takes longer than copying)."""
    path = Path(directory) / "migrated-template.db"
    open_store(f"sqlite:///{path}", migrate=True).close()
    return path


@pytest.fixture(scope="session", name="migrated_template")
def migrated_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _migrated_template(str(tmp_path_factory.mktemp("migrated")))


@pytest.fixture(name="store")
def store_fixture(db_url: str, migrated_template: Path) -> Iterator[Store]:
    """A migrated, empty store on each backend."""
    if db_url.startswith("sqlite"):
        shutil.copyfile(migrated_template, db_url.removeprefix("sqlite:///"))
        s = open_store(db_url)
    else:
        s = open_store(db_url, migrate=True)
    try:
        yield s
    finally:
        s.close()


@cache
def _demo_template(directory: str) -> tuple[Path, dict[str, Any]]:
    """The demo season in a SQLite file, and its exported document (built once per process)."""
    path = Path(directory) / "sebring-template.db"
    load_sebring_demo(f"sqlite:///{path}")
    s = open_store(f"sqlite:///{path}")
    try:
        return path, s.export_season("gt3-usa-2020")
    finally:
        s.close()


@pytest.fixture(scope="session", name="demo_template")
def demo_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return _demo_template(str(tmp_path_factory.mktemp("demo")))


@pytest.fixture(name="demo_url")
def demo_url_fixture(db_url: str, demo_template: tuple[Path, dict[str, Any]]) -> str:
    """A database holding the Sebring 2020 demo season (races 1–14), on each backend."""
    path, document = demo_template
    if db_url.startswith("sqlite"):
        shutil.copyfile(path, db_url.removeprefix("sqlite:///"))
    else:
        s = open_store(db_url, migrate=True)
        try:
            s.import_season(document, source="demo template")
        finally:
            s.close()
    return db_url


@pytest.fixture(name="demo")
def demo_fixture(demo_url: str) -> Iterator[Store]:
    s = open_store(demo_url)
    try:
        yield s
    finally:
        s.close()


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every podium table, in a stable order: equal dumps mean equal databases."""
    engine = sa.create_engine(url)
    out = {}
    try:
        with engine.connect() as conn:
            for table in t.metadata.sorted_tables:
                rows = conn.execute(sa.select(table)).all()
                out[table.name] = sorted((tuple(r) for r in rows), key=repr)
            out["alembic_version"] = [
                tuple(r) for r in conn.execute(sa.text("select * from alembic_version"))
            ]
    finally:
        engine.dispose()
    return out


def file_bytes(url: str) -> bytes | None:
    """The bytes of a SQLite database file (after its WAL is checkpointed), or None for PostgreSQL."""
    if not url.startswith("sqlite"):
        return None
    path = Path(url.removeprefix("sqlite:///"))
    return path.read_bytes()


# -- a small season, entered through the importers -----------------------------------------------------
SMALL_CALENDAR = """\
round,event,event_name,venue,country,time_zone,session_name,kind,start,duration,broadcast
1,sebring,Sebring,Sebring International Raceway,USA,America/New_York,Race,race,2024-03-15 10:00,45min,imsa.tv
2,daytona,Daytona,Daytona International Speedway,USA,America/New_York,Race,race,2024-04-20 10:00,45min,imsa.tv
"""
SMALL_ENTRIES = """\
number,driver,birth_date,team,car_model,build_year,classes
1,Ann Alpha,1990-01-01,Team A,911 GT3 Cup (991.2),2019,pro
2,Bob Bravo,1970-01-01,Team B,911 GT3 Cup (991.2),2018,pro;masters
3,Cid Charlie,1965-05-05,Team C,911 GT3 Cup (991.2),2017,pro;masters
4,Dee Delta,1995-01-01,Team D,911 GT3 Cup (991.1),2015,am
5,Eve Echo,1988-01-01,Team E,911 GT3 Cup (991.1),2016,am
"""
SMALL_RESULTS_R1 = """\
position,number,status,laps,time
1,1,,20,45:00.000
2,2,,20,45:01.500
3,3,,20,45:04.000
4,4,,20,45:30.000
5,5,,19,45:10.000
"""
SMALL_CLASSES = """\
[[classification]]
id = 'pro'
name = 'Pro'
eligibility = 'car.build_year >= 2017'

[[classification]]
id = 'masters'
name = 'Masters'
eligibility = 'car.build_year >= 2017 and driver.age >= 45'

[[classification]]
id = 'am'
name = 'Am'
eligibility = 'car.build_year <= 2016'
"""


def small_season(store: Store, *, results: bool = True) -> str:
    """A two-round season with classes Pro, Masters (45+) and Am; round 1 raced when ``results``."""
    from podium.importers.classes import parse_classifications
    from podium.importers.podium_csv import parse_calendar, parse_entry_list, parse_results
    from podium.importers.textfile import TextFile

    store.create_series("cup", "Test Cup")
    store.create_season(
        "cup", 2024, ruleset="imsa-2020", classifications=parse_classifications(SMALL_CLASSES, "classes.toml")
    )
    store.add_events("cup-2024", parse_calendar(TextFile("calendar.csv", SMALL_CALENDAR)))
    store.import_entries("cup-2024", parse_entry_list(TextFile("entries.csv", SMALL_ENTRIES)))
    if results:
        store.import_results("cup-2024", "r01-race", parse_results(TextFile("r01.csv", SMALL_RESULTS_R1)))
    return "cup-2024"
