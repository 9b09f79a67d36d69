"""A teams' title page before a last round: the grid by each team's best car (Abu Dhabi 2024).

The F1 2024 season from f1db is stored as a season like any other; the constructors' title page
asked after round 23 shows McLaren's and Ferrari's best cars' grid, in English and French.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from podium.store import open_store
from webkit import make_app, prove_now


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


@pytest.mark.slow
def test_constructors_page_shows_the_best_car_grid(f1db_season: Callable[[int], Any], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f1.db'}"
    store = open_store(url, migrate=True)
    try:
        ref = store.import_season_values(f1db_season(2024).season, source="f1db 2024")
    finally:
        store.close()
    app = make_app(url)
    site = app.state.site
    season = site.view(ref).season
    last_race = next(
        s.id for e in season.events if e.round == 23 for s in e.sessions if s.kind.value == "race"
    )
    prove_now(site, classes=["constructors"], after=last_race, ref=ref)
    try:
        with TestClient(app) as client:
            english = _text(client.get(f"/seasons/{ref}/title/constructors?after={last_race}&lang=en").text)
            french = _text(client.get(f"/seasons/{ref}/title/constructors?after={last_race}&lang=fr").text)
    finally:
        site.close()
    assert (
        "with its best car: a win whatever Ferrari's best car does; 2nd ahead of Ferrari's best car"
        in english
    )
    assert "Rows: the place of McLaren-Mercedes's best car" in english
    assert "avec son meilleur pilote : une victoire quoi que fasse le meilleur pilote Ferrari" in french
