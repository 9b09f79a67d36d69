"""Sebring between its two Friday races, in Chromium: race 15 is in, race 16 is still to run.

A reader opens the title page before anything is proven: it says "being worked out", refreshes
itself, and then shows Kingsley and Dickinson both alive with one race left (the proof ran in a
worker process). The what-if offers race 16 only, with race 15's points already counted, and
answers who is champion when Dickinson wins it (computed here from the core alone).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from podium.settings import load_settings
from podium.store import open_store
from podium.store.demo import load_sebring_demo
from podium.title import Completion, SessionOutcome, champion_of, final_table
from podium.title.build import problem_from_season
from webkit import DEMO_REF, LiveServer, make_app, page_fixture, screenshot  # noqa: F401

pytestmark = pytest.mark.browser
DICKINSON = "riley-dickinson"
PROOF_MS = 300_000
"""A worker proves the title in seconds; a loaded 2-core test machine may need minutes."""


@pytest.fixture(scope="module", name="race15_url")
def race15_url_fixture(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("race15") / "sebring.db"
    url = f"sqlite:///{path}"
    load_sebring_demo(url, after_race_1=True)
    return url


@pytest.fixture(scope="module", name="race15_site")
def race15_site_fixture(race15_url: str) -> Iterator[LiveServer]:
    app = make_app(race15_url, whatif_wait=600)
    with LiveServer(app) as server:
        yield server
    app.state.site.close()


def champion_if_dickinson_wins_race_16(url: str) -> str:
    store = open_store(url, settings=load_settings(env={}, database_url=url))
    try:
        season, ruleset = store.season(DEMO_REF)
    finally:
        store.close()
    problem, _ = problem_from_season(season, ruleset, "platinum")
    assert [s.id for s in problem.sessions] == ["r08-race-2"]
    (session,) = problem.sessions
    cars = [car for car in problem.cars_in(session) if car != DICKINSON]
    ending = Completion((SessionOutcome(session.id, (DICKINSON, *cars)),))
    champion = champion_of(final_table(problem, ending))
    assert champion is not None
    return problem.contestant(champion).name


def test_title_page_works_out_then_shows_both_alive(race15_site: LiveServer, page: Any) -> None:
    page.goto(race15_site.url + f"/seasons/{DEMO_REF}/title/platinum?lang=en", timeout=90_000)
    assert "after Race 1, round 8 — Sebring" in page.inner_text("#t-moment")
    page.wait_for_selector(".t-as-of[data-state=current]", timeout=PROOF_MS)  # the page refreshed itself
    main = page.inner_text("main")
    assert "1 race left: R8 Sebring — Race 2" in main
    assert "Riley Dickinson can still win the title." in main
    alive = [re.sub(r"\s+", " ", row.inner_text()) for row in page.locator("tr.t-alive").all()]
    assert any("Jeff Kingsley" in row for row in alive) and any("Riley Dickinson" in row for row in alive)
    assert page.locator("tr.t-clinched").count() == 0
    screenshot(page, "title-after-race-15")


def test_whatif_offers_race_16_with_race_15_in(race15_site: LiveServer, page: Any, race15_url: str) -> None:
    expected = champion_if_dickinson_wins_race_16(race15_url)
    page.goto(race15_site.url + f"/seasons/{DEMO_REF}/whatif/platinum?lang=en", timeout=90_000)
    assert "No race is left" not in page.inner_text("main")
    sessions = page.locator("fieldset.w-session")
    assert sessions.count() == 1
    race_16 = sessions.first
    assert race_16.get_attribute("data-session") == "r08-race-2"
    assert "after Race 1, round 8 — Sebring" in page.inner_text("#w-moment")
    # Race 15 is counted: the field shows the points after it (Kingsley 510, Dickinson 482).
    assert race_16.locator("li.w-car[data-car='jeff-kingsley'] .w-pts").inner_text() == "510"
    assert race_16.locator(f"li.w-car[data-car='{DICKINSON}'] .w-pts").inner_text() == "482"
    race_16.locator(f"li[data-car='{DICKINSON}'] select.w-to").select_option("1")
    assert race_16.locator("li.w-car").first.get_attribute("data-car") == DICKINSON
    page.click("#w-compute")
    page.wait_for_selector("#w-result #w-champion", timeout=PROOF_MS)
    assert expected in page.inner_text("#w-champion")
    screenshot(page, "whatif-race-16")
