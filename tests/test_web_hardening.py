"""Attacks on the public edge: a forged Host header, password guesses in parallel or from rotating
addresses, store failures on PostgreSQL, and bodies too big or sent without credentials."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from podium.settings import load_settings
from podium.store import open_store
from podium.store.accounts import Accounts
from podium.web.app import SERVER_OPTIONS
from podium.web.auth import LoginLimiter
from podium.web.proofs import prove_title
from storekit import POSTGRES, _admin, fresh_url
from test_web_admin import PASSWORD, AdminSite, add_accounts, admin_site_fixture, csrf_of
from webkit import DEMO_REF, LiveServer, demo_db_fixture, demo_db_template_fixture, make_app  # noqa: F401

_ = admin_site_fixture  # imported for pytest

BASE = "https://podium.example.org"
FEEDS = (f"/seasons/{DEMO_REF}/feed.atom", f"/seasons/{DEMO_REF}/calendar.ics")


# -- the Host header ------------------------------------------------------------------------------------
def test_a_request_for_an_unknown_host_is_refused(demo_db: str) -> None:
    app = make_app(demo_db, base_url=BASE)
    with TestClient(app) as client:
        for path in (*FEEDS, f"/seasons/{DEMO_REF}", "/api/v1/seasons", "/admin/login"):
            refused = client.get(path, headers={"Host": "evil.example"})
            assert refused.status_code == 400, path
            assert "evil.example" not in refused.text
        assert client.get(FEEDS[0], headers={"Host": "podium.example.org"}).status_code == 200
        assert client.get(FEEDS[0], headers={"Host": "localhost:8000"}).status_code == 200
    app.state.site.close()


def test_feeds_carry_the_base_url_whatever_host_was_asked_for(demo_db: str) -> None:
    """Even with every host allowed, a feed first fetched for evil.example (and then cached) links to
    the configured address only."""
    app = make_app(demo_db, base_url=BASE + "/", allowed_hosts="*")
    with TestClient(app) as client:
        for path in FEEDS:
            poisoned = client.get(path, headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
            assert poisoned.status_code == 200
            assert "evil.example" not in poisoned.text
            assert f"{BASE}/seasons/{DEMO_REF}" in poisoned.text.replace("\r\n ", "")
            later = client.get(path)
            assert "evil.example" not in later.text and "testserver" not in later.text
        calendar = client.get(FEEDS[1]).text.replace("\r\n ", "")
        assert f"UID:r08-race-1.{DEMO_REF}@podium.example.org" in calendar
    app.state.site.close()


# -- guessing passwords -------------------------------------------------------------------------------------
def counted_authentications(monkeypatch: pytest.MonkeyPatch, seconds: float) -> list[str]:
    """Every password check, each taking ``seconds`` (argon2 takes that long on a busy server)."""
    checked: list[str] = []
    real = Accounts.authenticate

    def slow(self: Accounts, name: str, password: str) -> Any:
        checked.append(password)
        threading.Event().wait(seconds)
        return real(self, name, password)

    monkeypatch.setattr(Accounts, "authenticate", slow)
    return checked


def guess_at_once(client: TestClient, name: str, guesses: int) -> list[int]:
    token = csrf_of(client.get("/admin/login").text)
    client.post("/admin/login", data={"csrf": token})  # the form's schema is built on first use
    statuses: list[int] = []
    start = threading.Barrier(guesses)

    def guess(n: int) -> None:
        start.wait()
        response = client.post(
            "/admin/login",
            data={"name": name, "password": f"guess {n}", "csrf": token},
            follow_redirects=False,
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(guesses)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def test_simultaneous_guesses_check_at_most_the_limit(
    admin_site: AdminSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = counted_authentications(monkeypatch, 0.2)
    admin_site.app.state.login_limiter = LoginLimiter(max_failures=5, failure_delay=0.0)
    statuses = guess_at_once(admin_site.client, "steward", 40)
    assert len(checked) <= 5
    assert sorted(statuses) == [401] * len(checked) + [429] * (40 - len(checked))


def test_a_successful_sign_in_is_not_counted_against_the_address(admin_site: AdminSite) -> None:
    admin_site.app.state.login_limiter = LoginLimiter(max_per_address=3, failure_delay=0.0)
    client = admin_site.client
    for _ in range(5):
        token = csrf_of(client.get("/admin/login").text)
        data = {"name": "viewer", "password": PASSWORD, "csrf": token}
        assert client.post("/admin/login", data=data, follow_redirects=False).status_code == 303
        client.cookies.clear()


def rotate_addresses(url: str, guesses: int) -> list[int]:
    """Wrong passwords for new names, each claiming another client address in X-Forwarded-For."""
    import httpx

    statuses = []
    with httpx.Client(base_url=url) as client:
        for n in range(guesses):
            token = csrf_of(client.get("/admin/login").text)
            response = client.post(
                "/admin/login",
                data={"name": f"user{n}", "password": "x", "csrf": token},
                headers={"X-Forwarded-For": f"203.0.113.{n + 1}"},
            )
            statuses.append(response.status_code)
    return statuses


class PodiumServer(LiveServer):
    """The live test server, run the way ``podium serve`` runs uvicorn."""

    def __init__(self, app: FastAPI) -> None:
        super().__init__(app)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off", **SERVER_OPTIONS
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)


@pytest.mark.parametrize("proxy", ["", "127.0.0.1"])
def test_x_forwarded_for_is_believed_only_from_a_configured_proxy(demo_db: str, proxy: str) -> None:
    app = make_app(demo_db, forwarded_allow_ips=proxy)
    app.state.login_limiter = LoginLimiter(max_failures=5, max_per_address=4, failure_delay=0.0)
    with PodiumServer(app) as server:
        statuses = rotate_addresses(server.url, 6)
    app.state.site.close()
    if proxy:  # the proxy's word: six clients, one guess each
        assert statuses == [401] * 6
    else:  # one client (127.0.0.1) whatever it claims
        assert statuses == [401] * 4 + [429] * 2


# -- PostgreSQL failures ------------------------------------------------------------------------------------
@pytest.fixture(name="postgres_demo")
def postgres_demo_fixture(tmp_path: Path, demo_db: str) -> Iterator[str]:
    for url in fresh_url("postgresql", tmp_path):
        source = open_store(demo_db)
        target = open_store(url, migrate=True)
        try:
            target.import_season(source.export_season(DEMO_REF), source="test")
        finally:
            source.close()
            target.close()
        yield url


@pytest.mark.postgres
def test_a_failing_database_never_shows_its_address(postgres_demo: str) -> None:
    tokens = add_accounts(postgres_demo)
    app = make_app(postgres_demo)
    schema = postgres_demo.rsplit("%3D", 1)[1]
    secrets = ("127.0.0.1", "5432", "postgres", schema, POSTGRES.split("@")[0])
    with TestClient(app) as client:
        assert client.get(f"/seasons/{DEMO_REF}").status_code == 200
        _admin(f'ALTER TABLE "{schema}".season RENAME TO season_gone')
        pages = [f"/seasons/{DEMO_REF}", f"/seasons/{DEMO_REF}/standings/platinum", *FEEDS, "/"]
        api = [f"/api/v1/seasons/{DEMO_REF}", "/api/v1/seasons"]
        for path in pages + api:
            response = client.get(path)
            assert response.status_code == 503, (path, response.status_code)
            assert not any(s in response.text for s in secrets), (path, response.text)
        write = client.post(
            f"/api/v1/seasons/{DEMO_REF}/penalties",
            json={"session": "r07-race-2", "car": "16", "disqualify": True, "reason": "x"},
            headers={"Authorization": f"Bearer {tokens['steward']}"},
        )
        assert write.status_code == 503 and write.json()["error"]["code"] == "store_unavailable"
        assert not any(s in write.text for s in secrets)
    app.state.site.close()


@pytest.mark.postgres
def test_a_proof_that_fails_on_the_database_does_not_name_it(tmp_path: Path) -> None:
    for url in fresh_url("postgresql", tmp_path):  # an empty schema: opening the store fails
        error, value = prove_title(load_settings(env={}, database_url=url), DEMO_REF, "platinum", None)
        assert value is None and error is not None and error.startswith("StoreError")
        assert "127.0.0.1" not in error and "postgres" not in error


# -- bodies -------------------------------------------------------------------------------------------------
def asgi_post(
    app: FastAPI, path: str, headers: dict[str, str], chunks: Iterator[bytes], *, declared: int | None = None
) -> tuple[int, int, bytes]:
    """POST straight to the ASGI app; returns (status, body bytes the app read, response body)."""
    read = 0
    answer: dict[str, Any] = {"body": b""}
    pending = list(chunks)

    async def receive() -> dict[str, Any]:
        nonlocal read
        if not pending:
            await asyncio.sleep(3600)  # the client has nothing more: never answered
        chunk = pending.pop(0)
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    if declared is not None:
        raw.append((b"content-length", str(declared).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost"), *raw],
        "client": ("127.0.0.1", 5000),
        "server": ("localhost", 80),
        "state": {},
    }
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 60))  # type: ignore[arg-type]
    return answer["status"], read, answer["body"]


MB = 1024 * 1024
PENALTY = f"/api/v1/seasons/{DEMO_REF}/penalties"


def megabytes(n: int) -> Iterator[bytes]:
    return iter([b"x" * MB] * n)


def test_a_declared_huge_body_is_refused_before_it_is_read(admin_site: AdminSite) -> None:
    steward = {"Authorization": f"Bearer {admin_site.tokens['steward']}", "Content-Type": "application/json"}
    status, read, body = asgi_post(admin_site.app, PENALTY, steward, megabytes(200), declared=200 * MB)
    assert (status, read) == (413, 0)
    assert b"too_large" in body


def test_an_undeclared_huge_body_is_cut_off_at_the_limit(demo_db: str) -> None:
    tokens = add_accounts(demo_db)
    app = make_app(demo_db, max_body_bytes=4 * MB)
    steward = {"Authorization": f"Bearer {tokens['steward']}", "Content-Type": "application/json"}
    status, read, _ = asgi_post(app, PENALTY, steward, megabytes(200))
    assert status == 413 and read <= 5 * MB
    app.state.site.close()


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        (PENALTY, {"Content-Type": "application/json"}),
        (PENALTY, {"Content-Type": "application/json", "Authorization": "Bearer podium_guess"}),
        (f"/admin/seasons/{DEMO_REF}/results", {"Content-Type": "multipart/form-data; boundary=x"}),
    ],
    ids=["no-token", "unknown-token", "no-session"],
)
def test_writes_without_credentials_are_refused_unread(
    admin_site: AdminSite, path: str, headers: dict[str, str]
) -> None:
    status, read, _ = asgi_post(admin_site.app, path, headers, megabytes(8), declared=8 * MB)
    assert (status, read) == (401, 0)


def test_a_live_server_answers_413_without_taking_the_body(admin_site: AdminSite) -> None:
    with PodiumServer(admin_site.app) as server, socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(
            f"POST {PENALTY} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {admin_site.tokens['steward']}\r\n"
            f"Content-Length: {200 * MB}\r\n\r\n".encode()
        )
        # The client starts sending; the answer comes before the rest, and the server may close its
        # side at once (then writing more breaks the pipe).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            s.sendall(b"{" * 1024)
        s.settimeout(10)
        head = s.recv(4096)
    assert head.startswith(b"HTTP/1.1 413")
