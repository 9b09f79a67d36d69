"""Several web workers sharing one Redis: pages, sign-in counts and proven titles are the site's, not
a process's. Two applications over one database stand for two workers (or two hosts); they run
against the real Redis on 127.0.0.1:6379 (skipped only when nothing answers there) and on both
store backends (SQLite and the PostgreSQL server)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from podium.errors import StoreError
from podium.settings import load_settings
from podium.web.auth import LoginLimiter
from podium.web.pagecache import PageCache
from podium.web.shared import Shared, open_shared, site_prefix
from podium.web.site import Site
from storekit import db_url_fixture, demo_template_fixture, demo_url_fixture  # noqa: F401
from test_web_admin import PASSWORD, add_accounts, csrf_of
from test_web_hardening import counted_authentications, guess_at_once
from webkit import DEMO_REF, demo_db_fixture, demo_db_template_fixture, make_app  # noqa: F401

REDIS = os.environ.get("PODIUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
STANDINGS = f"/seasons/{DEMO_REF}/standings/platinum"


@pytest.fixture(name="redis_url")
def redis_url_fixture() -> str:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis answers at {REDIS}")
    return REDIS


@dataclass
class Worker:
    app: FastAPI
    client: TestClient

    @property
    def site(self) -> Site:
        site: Site = self.app.state.site
        return site

    @property
    def cache(self) -> PageCache:
        cache: PageCache = self.app.state.page_cache
        return cache


@pytest.fixture(name="workers")
def workers_fixture(demo_url: str, redis_url: str) -> Iterator[tuple[Worker, Worker, dict[str, str]]]:
    """Two workers of one site (one database, one Redis), with an admin, a steward and a viewer."""
    tokens = add_accounts(demo_url)
    apps = [make_app(demo_url, redis_url=redis_url) for _ in range(2)]
    shared = apps[0].state.site.shared
    assert isinstance(shared, Shared)
    shared.delete_matching("*")
    clients = [TestClient(app) for app in apps]
    for client in clients:
        client.__enter__()
    try:
        yield Worker(apps[0], clients[0]), Worker(apps[1], clients[1]), tokens
    finally:
        shared.delete_matching("*")
        for app, client in zip(apps, clients, strict=True):
            client.__exit__(None, None, None)
            app.state.site.close()


def points_text(html: str) -> str:
    return html.replace(" ", "")


def test_a_page_rendered_by_one_worker_is_served_by_the_other(
    workers: tuple[Worker, Worker, dict[str, str]],
) -> None:
    a, b, _ = workers
    first = a.client.get(STANDINGS)
    assert first.status_code == 200 and a.cache.misses == 1
    hits = b.cache.hits
    again = b.client.get(STANDINGS)
    assert again.text == first.text and b.cache.hits == hits + 1  # never rendered by b


def test_a_write_through_one_worker_invalidates_the_others_pages(
    workers: tuple[Worker, Worker, dict[str, str]],
) -> None:
    a, b, tokens = workers
    before = b.client.get(STANDINGS).text
    assert ">478<" in points_text(before)  # Kingsley
    shared = a.site.shared
    assert shared is not None
    old_pages = list(shared.client.scan_iter(match=shared.key("page", DEMO_REF, "*")))
    assert old_pages
    written = a.client.post(
        f"/api/v1/seasons/{DEMO_REF}/penalties",
        json={"session": "r07-race-2", "car": "16", "points": -20, "reason": "test"},
        headers={"Authorization": f"Bearer {tokens['steward']}"},
    )
    assert written.status_code == 201, written.text
    assert not any(shared.client.exists(k) for k in old_pages)  # deleted, not left to expire
    after = b.client.get(STANDINGS).text
    assert after != before and ">458<" in points_text(after)


def test_failed_sign_ins_are_counted_once_for_the_site(
    workers: tuple[Worker, Worker, dict[str, str]],
) -> None:
    a, b, _ = workers
    for w in (a, b):
        w.app.state.login_limiter = LoginLimiter(max_failures=5, failure_delay=0.0, shared=w.site.shared)

    def attempt(w: Worker, password: str) -> int:
        token = csrf_of(w.client.get("/admin/login").text)
        data = {"name": "steward", "password": password, "csrf": token}
        return w.client.post("/admin/login", data=data, follow_redirects=False).status_code

    assert [attempt(w, "wrong") for w in (a, b, a, b, a)] == [401] * 5
    assert attempt(b, "wrong") == 429
    assert attempt(a, PASSWORD) == 429  # even the right password waits, on every worker
    assert attempt(b, PASSWORD) == 429


def test_simultaneous_guesses_on_two_workers_check_at_most_the_limit(
    workers: tuple[Worker, Worker, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _ = workers
    for w in (a, b):
        w.app.state.login_limiter = LoginLimiter(max_failures=5, failure_delay=0.0, shared=w.site.shared)
    for w in (a, b):  # routes build their pydantic schemas on first use: not in 40 threads at once
        w.client.get("/admin/login")
    checked = counted_authentications(monkeypatch, 0.2)
    statuses: list[int] = []

    threads = [
        threading.Thread(target=lambda w=w: statuses.extend(guess_at_once(w.client, "steward", 20)))
        for w in (a, b)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(statuses) == 40 and len(checked) <= 5
    assert statuses.count(429) == 40 - len(checked)


def test_a_title_proven_by_one_worker_is_shown_by_the_other(
    workers: tuple[Worker, Worker, dict[str, str]],
) -> None:
    a, b, _ = workers
    view = a.site.view(DEMO_REF)
    a.site.prove(view, "platinum")  # as a's worker pool would
    state = b.site.title_state(b.site.view(DEMO_REF), "platinum")
    assert state.current and state.proven is not None
    assert state.proven.title.report.verdicts == a.site.title(view, "platinum").report.verdicts
    assert not b.site.proofs.started  # b proved nothing itself


def test_one_worker_proves_each_version(workers: tuple[Worker, Worker, dict[str, str]]) -> None:
    a, b, _ = workers
    view = a.site.view(DEMO_REF)
    question = (DEMO_REF, "gold", None)
    a.site.proofs.state(question, view.version)  # a's pool takes it
    assert a.site.proofs.started
    assert not b.site.proofs.state(question, view.version).current
    assert not b.site.proofs.started  # b waits for a's answer instead of proving it again
    assert a.site.proofs.wait(question, view.version, timeout=120).current
    assert b.site.proofs.state(question, view.version).current


def test_sites_on_other_databases_do_not_share(redis_url: str, tmp_path: Any) -> None:
    one = load_settings(env={}, database_url=f"sqlite:///{tmp_path}/a.db", redis_url=redis_url)
    two = load_settings(env={}, database_url=f"sqlite:///{tmp_path}/b.db", redis_url=redis_url)
    assert site_prefix(one) != site_prefix(two)
    first, second = open_shared(one), open_shared(two)
    assert first is not None and second is not None
    try:
        first.put(first.key("x"), {"a": 1}, ttl=5)
        assert second.get(second.key("x")) is None and first.get(first.key("x")) == {"a": 1}
    finally:
        first.delete_matching("*")
        first.close()
        second.close()


def test_an_unreachable_redis_is_a_clear_error(tmp_path: Any) -> None:
    pytest.importorskip("redis")
    settings = load_settings(
        env={}, database_url=f"sqlite:///{tmp_path}/a.db", redis_url="redis://:secret@127.0.0.1:1/0"
    )
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:1") as raised:
        open_shared(settings)
    assert "secret" not in str(raised.value)


def test_a_redis_that_stops_answering_costs_the_cache_not_the_pages(demo_db: str, redis_url: str) -> None:
    """Pages are rendered without the shared cache; sign-ins fail closed (503), never uncounted."""
    import redis

    app = make_app(demo_db, redis_url=redis_url)
    shared: Shared = app.state.site.shared
    cache: PageCache = app.state.page_cache
    app.state.login_limiter = LoginLimiter(failure_delay=0.0, shared=shared)
    with TestClient(app) as client:
        assert client.get(STANDINGS).status_code == 200
        shared.delete_matching("*")
        shared.client = redis.Redis(port=1, socket_connect_timeout=0.5)  # Redis is gone
        pages = [client.get(STANDINGS) for _ in range(2)]
        assert [p.status_code for p in pages] == [200, 200] and cache.hits == 0
        token = csrf_of(client.get("/admin/login").text)
        data = {"name": "steward", "password": "wrong", "csrf": token}
        refused = client.post("/admin/login", data=data, follow_redirects=False)
        assert refused.status_code == 503
        assert "127.0.0.1" not in refused.text
    app.state.site.close()
