"""Where a command's season comes from: a stored season, or an f1db tree (``--f1db PATH --season YEAR``).

One resolution for every command that reads a season (standings, title, forecast), so the same
options mean the same thing everywhere and the store is always closed after reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from podium.errors import InputError, Problem
from podium.importers.f1db import read_season
from podium.model import Season
from podium.rules import Ruleset, f1_preset


@dataclass(frozen=True, slots=True)
class SeasonSource:
    """A season, its rules, and whether it comes from history.

    ``history``: f1db's entry lists know who later left or died; title questions then take the
    field known at the moment asked (``field_as_next_round``), not the final entry list.
    """

    season: Season
    ruleset: Ruleset
    history: bool
    label: str
    """How the command line named it: the stored reference, or the year."""


def f1db_season(path: Path, year: int) -> tuple[Season, Ruleset]:
    """Read ``year`` from the f1db tree at ``path`` and pick its preset."""
    if not path.exists():
        raise InputError(Problem(f"no f1db tree at {str(path)!r}", source=str(path), field="--f1db"))
    data = read_season(path, year)
    return data.season, f1_preset(year)


def load_season(
    stored: str | None,
    f1db: Path | None,
    year: int | None,
    *,
    database: str | None = None,
    as_of: datetime | None = None,
) -> SeasonSource:
    """The season named by a command's options: a stored SEASON, or --f1db PATH --season YEAR."""
    if stored is not None:
        if f1db is not None or year is not None:
            raise InputError(
                Problem("give a stored SEASON or --f1db PATH --season YEAR, not both", field="SEASON")
            )
        from podium.cli.store_common import store_for

        with store_for(database) as store:
            season, ruleset = store.season(stored, as_of=as_of)
        return SeasonSource(season, ruleset, history=False, label=stored)
    if f1db is None or year is None:
        raise InputError(
            Problem(
                "say which season: a stored SEASON (podium season list), or --f1db PATH --season YEAR",
                field="SEASON" if f1db is None else "--season",
            )
        )
    if as_of is not None:
        raise InputError(Problem("--as-of reads a stored season's history", field="--as-of"))
    season, ruleset = f1db_season(f1db, year)
    return SeasonSource(season, ruleset, history=True, label=str(year))
