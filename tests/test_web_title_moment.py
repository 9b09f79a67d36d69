"""The web asks title questions after a session: Sebring with race 15 stored and race 16 to run.

Between the two races of Sebring's Friday the title is open: Kingsley leads, Dickinson can still
win, race 16 (r08-race-2) is the one race left. The title page, the what-if, the API and the season
home all say so, and ``?after=SESSION`` asks the question at an earlier moment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from podium.store.demo import load_sebring_demo
from webkit import DEMO_REF, make_app, prove_now

API = f"/api/v1/seasons/{DEMO_REF}"
KINGSLEY = "jeff-kingsley"
DICKINSON = "riley-dickinson"


@pytest.fixture(scope="module", name="after_race_1")
def after_race_1_fixture(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the demo season and the real result of race 15 (race 16 not run)."""
    path: Path = tmp_path_factory.mktemp("race15") / "sebring.db"
    url = f"sqlite:///{path}"
    load_sebring_demo(url, after_race_1=True)
    return url


@pytest.fixture(scope="module", name="reader")
def reader_fixture(after_race_1: str) -> Iterator[TestClient]:
    app = make_app(after_race_1)
    prove_now(app.state.site, classes=["platinum"])
    prove_now(app.state.site, classes=["platinum"], after="r07-race-2")
    with TestClient(app) as client:
        yield client
    app.state.site.close()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def statuses(data: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["status"] for c in data["competitors"]}


def test_api_title_is_asked_after_race_1(reader: TestClient) -> None:
    data = reader.get(f"{API}/title/platinum").json()
    assert data["moment"] == {
        "session": "r08-race-1",
        "session_name": "Race 1",
        "round": 8,
        "event": "Sebring",
        "round_complete": False,
    }
    assert statuses(data)[KINGSLEY] == statuses(data)[DICKINSON] == "alive"
    assert [r["session"] for r in data["remaining"]] == ["R8 Sebring — Race 2"]


def test_api_title_after_an_earlier_session(reader: TestClient) -> None:
    data = reader.get(f"{API}/title/platinum", params={"after": "r07-race-2"}).json()
    assert data["moment"]["session"] == "r07-race-2"
    assert data["moment"]["round_complete"] is True
    assert len(data["remaining"]) == 2
    assert statuses(data)[DICKINSON] == "alive"


@pytest.mark.parametrize("after", ["nope", "r08-race-2", ""])
def test_api_unknown_or_future_moment_is_404_listing_the_sessions(reader: TestClient, after: str) -> None:
    response = reader.get(f"{API}/title/platinum", params={"after": after})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["details"]["name"] == after
    assert error["details"]["known"][-1] == "r08-race-1"
    assert "r01-race-1" in error["details"]["known"]
    whatif = reader.post(f"{API}/whatif/platinum", params={"after": after}, json={})
    assert whatif.status_code == 404
    assert whatif.json()["error"]["details"]["known"] == error["details"]["known"]


def test_title_page_shows_the_moment_and_both_alive(reader: TestClient) -> None:
    words = text_of(reader.get(f"/seasons/{DEMO_REF}/title/platinum?lang=en").text)
    assert "after Race 1, round 8 — Sebring · 1 race left: R8 Sebring — Race 2" in words
    assert "Riley Dickinson can still win the title." in words
    assert "has clinched" not in words
    french = text_of(reader.get(f"/seasons/{DEMO_REF}/title/platinum?lang=fr").text)
    assert "après Course 1, manche 8 — Sebring · 1 course à disputer" in french


def test_title_page_after_an_earlier_session_keeps_the_moment_in_its_links(reader: TestClient) -> None:
    html = reader.get(f"/seasons/{DEMO_REF}/title/platinum?lang=en&after=r07-race-2").text
    assert "after round 7 — Grand Prix of St. Petersburg · 2 races left" in text_of(html)
    assert f'href="/seasons/{DEMO_REF}/whatif/platinum?after=r07-race-2"' in html
    # Switching language keeps the moment (and nothing but the language changes).
    assert 'href="?after=r07-race-2&amp;lang=fr" hreflang="fr"' in html
    assert 'href="?after=r07-race-2&amp;lang=en" hreflang="en"' in html
    assert reader.get(f"/seasons/{DEMO_REF}/title/platinum?after=nope").status_code == 404


def test_whatif_offers_race_16_only(reader: TestClient) -> None:
    html = reader.get(f"/seasons/{DEMO_REF}/whatif/platinum?lang=en").text
    assert "No race is left" not in html
    assert re.findall(r'data-session="([^"]+)"', html) == ["r08-race-2"]
    assert "after Race 1, round 8 — Sebring · 1 race left" in text_of(html)
    earlier = reader.get(f"/seasons/{DEMO_REF}/whatif/platinum?lang=en&after=r07-race-2").text
    assert re.findall(r'data-session="([^"]+)"', earlier) == ["r08-race-1", "r08-race-2"]
    assert 'data-after="r07-race-2"' in earlier


def test_season_home_says_the_moment(reader: TestClient) -> None:
    words = text_of(reader.get(f"/seasons/{DEMO_REF}?lang=en").text)
    assert "Leader after Race 1, round 8 — Sebring Jeff Kingsley" in words
    assert (
        "Title battle after Race 1, round 8 — Sebring Platinum : Jeff Kingsley alive , Riley Dickinson alive "
        "· 1 race left: R8 Sebring — Race 2" in words
    )
    assert "Leader après" not in words
    french = text_of(reader.get(f"/seasons/{DEMO_REF}?lang=fr").text)
    assert "En tête après Course 1, manche 8 — Sebring" in french
