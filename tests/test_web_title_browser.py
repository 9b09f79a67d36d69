"""The title and what-if pages in Chromium: the chart draws, the what-if controls work end to end.

The what-if test plays a reader: Dickinson wins both Sebring races through the page's own controls
(drag and drop for race 1, the place select for race 2), then "compute". The expected champion is
computed here from the core alone (``final_table`` on the season's title problem), not read from
the web code. Screenshots land in build/screenshots/ (the title battle one is the README's).
"""

from __future__ import annotations

from typing import Any

import pytest

from podium.settings import load_settings
from podium.store import open_store
from podium.title import Completion, SessionOutcome, champion_of, final_table
from podium.title.build import problem_from_season
from webkit import (  # noqa: F401
    DEMO_REF,
    LiveServer,
    demo_db_fixture,
    demo_db_template_fixture,
    live_site_fixture,
    page_fixture,
    prove_now,
    screenshot,
)

pytestmark = pytest.mark.browser
DICKINSON = "riley-dickinson"


def expected_champion(url: str) -> str:
    """Dickinson wins both races, everyone else in the order of the standings: who is champion?"""
    settings = load_settings(env={}, database_url=url)
    store = open_store(url, settings=settings)
    try:
        season, ruleset = store.season(DEMO_REF)
    finally:
        store.close()
    problem, _ = problem_from_season(season, ruleset, "platinum")
    outcomes = []
    for session in problem.sessions:
        cars = [car for car in problem.cars_in(session) if car != DICKINSON]
        outcomes.append(SessionOutcome(session.id, (DICKINSON, *cars)))
    champion = champion_of(final_table(problem, Completion(tuple(outcomes))))
    assert champion is not None
    return problem.contestant(champion).name


def test_title_battle_page(live_site: LiveServer, page: Any) -> None:
    prove_now(live_site.app.state.site)  # as the workers would (this test reads, it does not wait)
    page.goto(live_site.url + f"/seasons/{DEMO_REF}/title/platinum", timeout=90_000)
    page.wait_for_selector("#t-forecast[data-drawn]", timeout=30_000)
    assert page.locator(".t-decision td.c-leader").count() > 10
    assert "11th or better in both races" in page.inner_text("main")
    screenshot(page, "title-battle")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    screenshot(page, "title-battle-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_site.url + f"/seasons/{DEMO_REF}/title", timeout=90_000)
    assert page.locator(".t-card").count() == 3
    screenshot(page, "title-all")


def test_whatif_dickinson_wins_both(live_site: LiveServer, page: Any, demo_db: str) -> None:
    expected = expected_champion(demo_db)
    page.goto(live_site.url + f"/seasons/{DEMO_REF}/whatif/platinum", timeout=90_000)
    first, second = page.locator("fieldset.w-session").all()
    # Race 1: drag Dickinson above the leader.
    first.locator(f"li[data-car='{DICKINSON}']").drag_to(
        first.locator("li.w-car").first, target_position={"x": 40, "y": 3}
    )
    assert first.locator("li.w-car").first.get_attribute("data-car") == DICKINSON
    # Race 2: the accessible way, the place select.
    second.locator(f"li[data-car='{DICKINSON}'] select.w-to").select_option("1")
    assert second.locator("li.w-car").first.get_attribute("data-car") == DICKINSON
    assert first.locator("input.w-use").is_checked() and second.locator("input.w-use").is_checked()
    assert f"s1={DICKINSON}," in page.url and f"s2={DICKINSON}," in page.url
    page.click("#w-compute")
    page.wait_for_selector("#w-result #w-champion", timeout=60_000)
    assert expected in page.inner_text("#w-champion")
    screenshot(page, "whatif-result")
    # The shared address shows the same result rendered by the server.
    page.goto(page.url, timeout=90_000)
    assert expected in page.inner_text("#w-champion")
    assert second.locator("li.w-car").first.get_attribute("data-car") == DICKINSON
