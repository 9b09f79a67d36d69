"""A steward in Chromium: sign in, penalise a Platinum driver with a reason, see the standings change."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import pytest

from test_web_admin import DESK, PASSWORD, add_accounts
from webkit import (  # noqa: F401
    DEMO_REF,
    LiveServer,
    demo_db_fixture,
    demo_db_template_fixture,
    make_app,
    page_fixture,
    screenshot,
)

DRIVER = "Jeff Kingsley"
PUBLIC_STANDINGS = f"/seasons/{DEMO_REF}/standings/platinum"


@pytest.fixture(name="admin_live")
def admin_live_fixture(demo_db: str) -> Iterator[LiveServer]:
    add_accounts(demo_db)
    app = make_app(demo_db)
    with LiveServer(app) as server:
        yield server
    app.state.site.store.close()


def public_points(page: Any, base: str) -> Fraction:
    page.goto(base + PUBLIC_STANDINGS)
    row = page.locator("table.standings tbody tr", has_text=DRIVER)
    return Fraction(row.locator("td.num strong").inner_text().strip())


@pytest.mark.browser
def test_a_steward_penalises_a_platinum_driver_in_chromium(admin_live: LiveServer, page: Any) -> None:
    base = admin_live.url
    before = public_points(page, base)

    page.goto(base + DESK)  # not signed in: the login, then back here
    assert "/admin/login" in page.url
    screenshot(page, "admin-login")
    page.fill("#name", "steward")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(base + DESK)
    assert page.locator(".admin-bar").inner_text().startswith("Signed in as steward")
    screenshot(page, "admin-season")

    page.select_option("#penalty-session", "r07-race-2")
    page.fill("#penalty-car", "16")
    page.select_option("#penalty-kind", "points")
    page.fill("#penalty-amount", "-20")
    page.fill("#penalty-reason", "avoidable contact, turn 7 <b>appeal pending</b>")
    page.click("button:has-text('Apply the penalty')")
    page.wait_for_selector("#recorded")
    recorded = page.locator("#recorded").inner_text()
    assert "penalty on #16 in r07-race-2: -20 points" in recorded
    assert "<b>appeal pending</b>" in recorded  # shown as text, not markup
    screenshot(page, "admin-penalty-recorded")

    page.goto(base + f"{DESK}/log")
    assert (
        page.locator("tr", has_text="avoidable contact").first.locator("td").nth(2).inner_text() == "steward"
    )
    screenshot(page, "admin-log")

    after = public_points(page, base)
    assert after == before - 20
    screenshot(page, "admin-public-standings-after-penalty")


@pytest.mark.browser
def test_a_viewer_sees_no_forms_in_chromium(admin_live: LiveServer, page: Any) -> None:
    page.goto(admin_live.url + "/admin/login")
    page.fill("#name", "viewer")
    page.fill("#password", "wrong password!")
    page.click("button[type=submit]:has-text('Sign in')")
    assert "Wrong name or password." in page.locator("[role=alert]").inner_text()
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(admin_live.url + "/admin")
    screenshot(page, "admin-dashboard")
    page.goto(admin_live.url + DESK)
    assert page.locator("form[action$='/penalties']").count() == 0
    page.click("button:has-text('Sign out')")
    page.wait_for_url(admin_live.url + "/admin/login")
