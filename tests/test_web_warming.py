"""`podium serve` keeps title pages ready: a change to a season is noticed and recomputed in the
background, so a reader after a penalty does not wait for the proofs."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from podium.web.site import Site
from webkit import client_fixture, demo_db_fixture, demo_db_template_fixture  # noqa: F401

REF = "gt3-usa-2020"


def wait_for(condition: object, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the warming thread did not react in time"
        time.sleep(0.02)


def test_a_change_is_warmed_again(client: TestClient) -> None:
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    calls: list[tuple[str, int]] = []
    site.warm = lambda ref: calls.append((ref, site.store.version(ref)))  # type: ignore[method-assign]
    stop = site.start_warming(interval=0.02)
    try:
        wait_for(lambda: len(calls) == 1)
        time.sleep(0.2)
        assert len(calls) == 1, "an unchanged season is not recomputed"
        site.store.add_penalty(REF, "r07-race-2", "16", points=-5, reason="test", author="steward")
        wait_for(lambda: len(calls) == 2)
        assert calls[1][1] == calls[0][1] + 1
    finally:
        stop.set()


def test_a_failing_season_does_not_stop_the_thread(client: TestClient) -> None:
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    calls: list[str] = []

    def flaky(ref: str) -> None:
        calls.append(ref)
        raise RuntimeError("boom")

    site.warm = flaky  # type: ignore[method-assign]
    stop = site.start_warming(interval=0.02)
    try:
        wait_for(lambda: len(calls) >= 3)  # failed, logged, tried again
    finally:
        stop.set()
