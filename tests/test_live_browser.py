"""A real RMonitor feed on loopback, through the parser and the follower, to the overlay in Chromium.

The F1 2021 finale: Hamilton leads, so he is champion as it stands; Verstappen passes him and the
banner changes. The screenshot is saved under build/screenshots/ (docs/images/live-overlay.png is
a copy that was looked at).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from livekit import LoopThread, f1_2021, loop_thread_fixture, wait_for  # noqa: F401
from podium.live.follow import Follower, worker_pool
from podium.live.hub import LiveHub
from podium.live.replay import ReplayServer, script
from podium.live.state import build_context
from webkit import (  # noqa: F401
    LiveServer,
    demo_db_fixture,
    demo_db_template_fixture,
    make_app,
    page_fixture,
    screenshot,
)

SESSION = "r22-race"


def test_the_banner_follows_the_order_from_the_feed_to_chromium(
    loop_thread: LoopThread,
    f1db_season: Callable[[int], Any],
    demo_db: str,
    page: Any,
    tmp_path: Path,
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    season, ruleset = f1_2021(f1db_season)
    cars = [e.car.number for e in season.entries if e.car and e.valid_in(22)]
    rest = [n for n in cars if n not in ("44", "33")]
    plan = script(season, SESSION, finish=["33", "44", *rest], laps=2)
    # The laps the test drives: the grid, Hamilton leading, then Verstappen ahead.
    laps = (("33", "44", *rest), ("44", "33", *rest), ("33", "44", *rest))
    plan = type(plan)(plan.title, plan.competitors, plan.classes, laps, plan.lap_seconds)
    hub = LiveHub(tmp_path / "live")
    live = build_context(season, ruleset, SESSION, ["drivers"], history=True)
    pool = worker_pool()
    follower = Follower(live, hub, pool=pool)

    async def start() -> tuple[ReplayServer, asyncio.Event, asyncio.Task[None]]:
        server = ReplayServer(plan, run=False)
        await server.start()
        stop = asyncio.Event()
        task = asyncio.get_running_loop().create_task(
            follower.run(f"tcp://127.0.0.1:{server.port}", stop, idle=10)
        )
        return server, stop, task

    async def finish() -> None:
        stop.set()
        await asyncio.wait_for(task, 10)
        await server.close()

    server, stop, task = loop_thread.run(start())
    app = make_app(demo_db)
    app.state.live_hub = hub
    try:
        with LiveServer(app) as site:
            wait_for(lambda: bool(server._writers), what="the follower to connect")
            loop_thread.call(server.send_lap, 0)
            loop_thread.call(server.send_lap, 1)  # Hamilton leads
            page.set_viewport_size({"width": 1920, "height": 1080})
            page.goto(f"{site.url}/live/{SESSION}/drivers/all")
            banner = page.locator("#banner-name")
            expect(banner).to_have_text("Lewis Hamilton", timeout=20000)  # no eval: the CSP forbids it
            assert page.locator("#banner-label").text_content() == "Champion as it stands"
            assert page.locator("#tower-rows li .name").first.text_content() == "Lewis Hamilton"
            loop_thread.call(server.send_lap, 2)  # Verstappen passes
            expect(banner).to_have_text("Max Verstappen", timeout=20000)
            assert page.locator("#tower-rows li .name").first.text_content() == "Max Verstappen"
            # the needs arrive from the worker's proof; the page repaints when they do
            expect(page.locator("#needs-rows li")).to_have_count(2, timeout=90000)
            needs = page.locator("#needs-rows li").all_text_contents()
            assert any(n.startswith("Max Verstappen (P1): a win, whatever the others do;") for n in needs)
            # transparent for the vision mixer (read by the test harness, not by a page script)
            background = page.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
            assert background == "rgba(0, 0, 0, 0)"
            box = page.locator("#banner").bounding_box()
            assert box is not None and box["y"] + box["height"] <= 1080 - 54 + 0.5  # title-safe area
            shot = screenshot(page, "live-overlay")
            assert shot.stat().st_size > 10_000
            page.goto("about:blank")  # closes the event stream before the server stops
    finally:
        loop_thread.run(finish())
        pool.shutdown(wait=False, cancel_futures=True)
        app.state.site.store.close()
