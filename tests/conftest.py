"""Shared fixtures: the f1db tree beside the repo (tests skip cleanly without it)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from podium.importers.f1db import F1dbSeason, read_season

F1DB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "f1db"


@pytest.fixture(scope="session")
def f1db_root() -> Path:
    """Path of the read-only f1db tree in ../shared (CC BY 4.0); skip when it is not there."""
    if not (F1DB / "seasons").is_dir():
        pytest.skip("f1db data not found at ../shared/data/f1db")
    return F1DB


@cache
def _season(root: Path, year: int) -> F1dbSeason:
    return read_season(root, year)


@pytest.fixture(scope="session")
def f1db_season(f1db_root: Path):  # type: ignore[no-untyped-def]
    """A function year -> F1dbSeason, cached for the whole session."""

    def load(year: int) -> F1dbSeason:
        return _season(f1db_root, year)

    return load
