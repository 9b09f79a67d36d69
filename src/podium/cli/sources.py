"""Where a command's season comes from: an f1db tree (``--f1db PATH --season YEAR``)."""

from __future__ import annotations

from pathlib import Path

from podium.errors import InputError, Problem
from podium.importers.f1db import read_season
from podium.model import Season
from podium.rules import Ruleset, f1_preset


def f1db_season(path: Path, year: int) -> tuple[Season, Ruleset]:
    """Read ``year`` from the f1db tree at ``path`` and pick its preset."""
    if not path.exists():
        raise InputError(Problem(f"no f1db tree at {str(path)!r}", source=str(path), field="--f1db"))
    data = read_season(path, year)
    return data.season, f1_preset(year)


def stored_season(ref: str) -> tuple[Season, Ruleset]:
    """A season from the database (``PODIUM_DATABASE_URL``, default sqlite:///podium.db)."""
    from podium.store import open_store

    store = open_store()
    try:
        return store.season(ref)
    finally:
        store.close()
