"""Whole seasons from f1db and Ergast into the store: what is read back scores exactly like the source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from podium.errors import ConsistencyError
from podium.importers.ergast import read_ergast
from podium.model import Season
from podium.rules import f1_preset
from podium.standings import compute_standings, progression
from podium.store import ChangeKind, Store
from storekit import db_url_fixture, migrated_template_fixture, store_fixture  # noqa: F401

ERGAST = Path(__file__).resolve().parent / "data" / "ergast-1988-rounds-1-2.json"


def same_season(a: Season, b: Season) -> None:
    """Equal as values, whatever the order the store returns them in."""
    assert (a.series, a.year, a.ruleset, a.name) == (b.series, b.year, b.ruleset, b.name)
    assert a.classifications == b.classifications
    assert (
        set(a.drivers) == set(b.drivers) and set(a.teams) == set(b.teams) and set(a.entries) == set(b.entries)
    )
    assert a.events == b.events
    assert set(a.results) == set(b.results)


@pytest.mark.parametrize("year", [1954, 1988])
def test_f1db_season_round_trips_through_the_store(store: Store, f1db_season: Any, year: int) -> None:
    source = f1db_season(year).season
    ref = store.import_season_values(source, source=f"f1db {year}")
    assert ref == f"f1-{year}"
    stored, ruleset = store.season(ref)
    same_season(stored, source)
    for classification in ("drivers", "constructors"):
        if year < 1958 and classification == "constructors":
            continue
        expected = [
            (r.competitor, r.points, r.position)
            for r in compute_standings(source, f1_preset(year), classification).rows
        ]
        got = [
            (r.competitor, r.points, r.position)
            for r in compute_standings(stored, ruleset, classification).rows
        ]
        assert got == expected
    kinds = [c.kind for c in store.log(ref)]
    assert kinds.count(ChangeKind.RESULTS_IMPORT) == len(source.events)
    with pytest.raises(ConsistencyError, match="already exists"):
        store.import_season_values(source)


def test_ergast_season_in_the_store(store: Store) -> None:
    season = read_ergast(ERGAST)
    ref = store.import_season_values(season, source=str(ERGAST))
    stored, ruleset = store.season(ref)
    same_season(stored, season)
    tables = progression(stored, ruleset, "drivers")
    assert [t.after_round for t in tables] == [1, 2]
    assert tables[-1].rows[0].name == "Alain Prost"
