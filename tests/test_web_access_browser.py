"""Every public page, in English and French, light and dark, through axe-core in Chromium.

axe-core comes from the npm registry (package.json; ``make pytest`` installs it into node_modules).
No serious or critical violation may remain; the test skips only when npm itself is absent.
Also checked in the browser: the skip link reaches the content, the nav marks the current page and
a phone's nav row scrolls instead of clipping its last link.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from webkit import DEMO_REF, LiveServer, chromium, make_app, prove_now

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
SEASON = f"/seasons/{DEMO_REF}"
PAGES = (
    "/",
    SEASON,
    f"{SEASON}/standings/platinum",
    f"{SEASON}/standings/platinum-masters",
    f"{SEASON}/standings/gold",
    f"{SEASON}/title",
    f"{SEASON}/title/platinum",
    f"{SEASON}/title/gold",
    f"{SEASON}/whatif/platinum",
    f"{SEASON}/events",
    f"{SEASON}/events/vir",
    f"{SEASON}/drivers/jeff-kingsley",
    f"{SEASON}/teams/jdx-racing",
    f"/embed/{DEMO_REF}/standings/platinum",
    f"/embed/{DEMO_REF}/title/platinum",
)


def axe_source() -> str:
    if not AXE.is_file():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed: no axe-core to check accessibility with")
        pytest.fail("axe-core is missing: run `npm install` at the repository root (make pytest does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module", name="site")
def site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from podium.store.demo import load_sebring_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('access') / 'demo.db'}"
    load_sebring_demo(url)
    app = make_app(url)
    prove_now(app.state.site)
    with LiveServer(app) as server:
        yield server
    app.state.site.close()


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


def serious(page: Any, source: str) -> list[str]:
    page.evaluate(source)  # through the DevTools protocol: the site's CSP allows no inline script
    found = page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3)
              .map(n => n.target.join(' ') + ' ' + (n.any[0] ? n.any[0].message : '')).join(' | '));
        }"""
    )
    return list(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_serious_violation_on_any_public_page(
    site: LiveServer, browser: Any, lang: str, scheme: str
) -> None:
    source = axe_source()
    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme, locale=lang)
    page = context.new_page()
    problems = {}
    try:
        for path in PAGES:
            response = page.goto(f"{site.url}{path}?lang={lang}", timeout=90_000)
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("load")
            found = serious(page, source)
            if found:
                problems[path] = found
    finally:
        context.close()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def test_skip_link_current_page_and_phone_nav(site: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site.url}{SEASON}/standings/gold?lang=en")
        page.keyboard.press("Tab")
        skip = page.locator("a.skip")
        assert skip.evaluate("e => e === document.activeElement")
        assert skip.bounding_box()["y"] >= 0  # shown when focused
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        current = page.locator("header.site nav a[aria-current=page]")
        assert current.count() == 1 and current.inner_text() == "Gold"
        nav = page.locator("header.site nav")
        title_link = page.locator("header.site nav a", has_text="Title battle")
        page.goto(f"{site.url}{SEASON}/title/platinum?lang=en")  # the current link is scrolled into view
        box, frame = title_link.bounding_box(), nav.bounding_box()
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
        widths = nav.evaluate("n => [n.scrollWidth, n.clientWidth, getComputedStyle(n).overflowX]")
        assert widths[0] > widths[1] and widths[2] == "auto"  # the row scrolls: nothing is cut off
        last = page.locator("header.site nav a").last
        last.scroll_into_view_if_needed()
        box, frame = last.bounding_box(), nav.bounding_box()
        assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    finally:
        context.close()
