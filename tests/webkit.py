"""Shared web test kit: the demo site in-process (TestClient) or live (uvicorn thread) and Chromium.

Import the fixtures into a test module with
``from webkit import demo_db_fixture, client_fixture, live_site_fixture, page_fixture  # noqa: F401``.
Browser tests use Debian's chromium through Playwright (never a downloaded browser) and save
screenshots under ``build/screenshots/``.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from podium.settings import load_settings
from podium.store import open_store
from podium.web import create_app
from podium.web.site import Site
from storekit import _demo_template

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
DEMO_REF = "gt3-usa-2020"


@pytest.fixture(scope="session", name="demo_db_template")
def demo_db_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the Sebring demo season (races 1–14), built once per worker."""
    path, _ = _demo_template(str(tmp_path_factory.mktemp("webdemo")))
    return path


@pytest.fixture(name="demo_db")
def demo_db_fixture(demo_db_template: Path, tmp_path: Path) -> str:
    """A fresh copy of the demo database for one test; returns its URL."""
    target = tmp_path / "demo.db"
    shutil.copyfile(demo_db_template, target)
    return f"sqlite:///{target}"


def prove_now(site: Site, ref: str = DEMO_REF, classes: Iterable[str] = (), after: str | None = None) -> None:
    """Prove title questions in this process, as a worker would: the pages then show them at once
    instead of "being worked out" (tests that read title pages, not the proof machinery)."""
    view = site.view(ref)
    for c in classes or [c.id for c in view.season.classifications]:
        site.prove(view, c, after)


def proven_reader(template: Path, folder: Path) -> Iterator[TestClient]:
    """A client over a copy of the demo with every title proven (for module-scoped fixtures of
    tests that read many pages and change nothing)."""
    target = folder / "demo.db"
    shutil.copyfile(template, target)
    app = make_app(f"sqlite:///{target}")
    prove_now(app.state.site)
    with TestClient(app) as client:
        yield client
    app.state.site.close()


def make_app(url: str, **settings: Any) -> FastAPI:
    chosen = load_settings(env={}, database_url=url, **settings)
    return create_app(chosen, store=open_store(url, settings=chosen))


@pytest.fixture(name="client")
def client_fixture(demo_db: str) -> Iterator[TestClient]:
    """An in-process client of the demo site."""
    app = make_app(demo_db)
    with TestClient(app) as client:
        yield client
    app.state.site.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class LiveServer:
    """uvicorn serving ``app`` on a free loopback port in a daemon thread (no lifespan: the
    fixture closes the site, its worker processes and store, itself)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.state.site.proofs.close()


@pytest.fixture(name="live_site")
def live_site_fixture(demo_db: str) -> Iterator[LiveServer]:
    """The demo site served over real HTTP on loopback."""
    app = make_app(demo_db)
    with LiveServer(app) as server:
        yield server
    app.state.site.close()


@pytest.fixture(name="page")
def page_fixture() -> Iterator[Any]:
    """A Playwright page in Debian's chromium (skips when chromium or Playwright is missing)."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's chromium through Playwright (skips when chromium or Playwright is missing)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page PNG under build/screenshots/ (not committed) and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
