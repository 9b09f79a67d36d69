"""The season pages of the demo in Chromium: they render, the chart draws, phones get a usable table."""

from __future__ import annotations

from typing import Any

import pytest

from webkit import (  # noqa: F401
    LiveServer,
    demo_db_fixture,
    demo_db_template_fixture,
    live_site_fixture,
    page_fixture,
    screenshot,
)

REF = "gt3-usa-2020"
CLASSES = ("platinum", "platinum-masters", "gold")


def no_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    return errors


@pytest.mark.browser
def test_season_pages_render_in_chromium(live_site: LiveServer, page: Any) -> None:
    errors = no_errors(page)
    page.goto(f"{live_site.url}/seasons/{REF}")
    assert page.locator("h1").inner_text().startswith("Porsche GT3 Cup")
    screenshot(page, "season-home")
    for cls in CLASSES:
        page.goto(f"{live_site.url}/seasons/{REF}/standings/{cls}")
        page.wait_for_selector("#progression-chart .plot-container svg", timeout=15_000)
        assert page.locator("#progression-chart .scatterlayer .trace").count() > 0
        screenshot(page, f"standings-{cls}")
    page.goto(f"{live_site.url}/seasons/{REF}/events")
    screenshot(page, "events")
    page.goto(f"{live_site.url}/seasons/{REF}/events/st-petersburg")
    assert page.locator("table.results").count() == 6
    screenshot(page, "event-st-petersburg")
    assert errors == []


@pytest.mark.browser
def test_session_times_on_the_viewers_clock(live_site: LiveServer, page: Any) -> None:
    context = page.context.browser.new_context(timezone_id="Europe/Paris", locale="fr-FR")
    try:
        paris = context.new_page()
        paris.goto(f"{live_site.url}/seasons/{REF}?lang=fr")
        qualifying = paris.locator("time.viewer-time").first.inner_text()
        assert "16:40" in qualifying, qualifying  # 10:40 EST at Sebring is 16:40 in Paris
        venue = paris.locator("table.sessions tbody tr td:nth-child(2)").first.inner_text()
        assert "10:40" in venue
    finally:
        context.close()


@pytest.mark.browser
def test_standings_on_a_phone(live_site: LiveServer, page: Any) -> None:
    errors = no_errors(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_site.url}/seasons/{REF}/standings/platinum?lang=fr")
    page.wait_for_selector("#progression-chart .plot-container svg", timeout=15_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    screenshot(page, "standings-platinum-phone")
    page.goto(f"{live_site.url}/seasons/{REF}?lang=fr")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "season-home-phone")
    assert errors == []


@pytest.mark.browser
def test_the_api_explorer_is_not_blank(live_site: LiveServer, page: Any) -> None:
    """/api/v1/docs under the site's own CSP: Swagger UI from this app (no CDN), the operations listed."""
    errors = no_errors(page)
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_site.url) else None)
    page.goto(f"{live_site.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() > 10
    assert "podium API" in page.locator(".swagger-ui .info .title").inner_text()
    screenshot(page, "api-explorer")
    assert errors == [] and blocked == [] and outside == []
