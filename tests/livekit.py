"""Shared kit of the live tests: an asyncio loop in a thread, the Sebring demo after race 1, F1 2021."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from podium.model import Season
from podium.rules import Ruleset, f1_preset
from podium.store import open_store
from podium.store.demo import load_sebring_demo

T = TypeVar("T")


class LoopThread:
    """An event loop running in a daemon thread: feed servers and followers live there while the
    test (and Playwright, which is synchronous) runs in the main thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def call(self, fn: Callable[..., Any], *args: Any) -> None:
        self.loop.call_soon_threadsafe(fn, *args)

    def close(self) -> None:
        async def _cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        async def _settle() -> None:
            for _ in range(5):  # let closed transports finish closing before the loop goes
                await asyncio.sleep(0.02)

        self.run(_settle())
        self.run(_cancel_all())
        self.run(_settle())
        self.run(self.loop.shutdown_asyncgens())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@pytest.fixture(name="loop_thread")
def loop_thread_fixture() -> Iterator[LoopThread]:
    lt = LoopThread()
    yield lt
    lt.close()


@pytest.fixture(scope="module", name="sebring_url")
def sebring_url_fixture(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo store after race 1 of Sebring (race 2, the decider, still to run)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'demo.db'}"
    load_sebring_demo(url, after_race_1=True)
    return url


@pytest.fixture(scope="module", name="sebring")
def sebring_fixture(sebring_url: str) -> tuple[Season, Ruleset]:
    store = open_store(sebring_url)
    try:
        return store.season("gt3-usa-2020")
    finally:
        store.close()


def f1_2021(f1db_season: Callable[[int], Any]) -> tuple[Season, Ruleset]:
    return f1db_season(2021).season, f1_preset(2021)


def wait_for(check: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def live_dir(tmp_path: Path) -> Path:
    return tmp_path / "live"
