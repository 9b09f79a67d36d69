"""Attacks on the admin and the write API: no credentials, forged forms, injection, guessing passwords."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer
from markupsafe import escape

from podium.store import open_store
from podium.web.auth import SESSION_COOKIE, LoginLimiter
from storekit import dump
from test_web_admin import DESK, PASSWORD, AdminSite, add_accounts, admin_site_fixture, bearer, csrf_of, login
from webkit import DEMO_REF, demo_db_fixture, demo_db_template_fixture, make_app  # noqa: F401

_ = admin_site_fixture  # imported for pytest

FORM_WRITES: list[tuple[str, dict[str, Any]]] = [
    (f"{DESK}/penalties", {"session": "r07-race-2", "car": "16", "kind": "dsq", "reason": "x"}),
    (f"{DESK}/corrections", {"session": "r07-race-2", "car": "16", "changes": "laps=3", "reason": "x"}),
    (f"{DESK}/undo", {"change": "5", "reason": "x"}),
    (f"{DESK}/results", {"session": "r08-race-1", "format": "podium", "reason": "x"}),
]
RESULTS_FILE = {"file": ("r.csv", b"position,number\n1,53\n2,16\n", "text/csv")}
API_WRITES: list[tuple[str, dict[str, Any]]] = [
    (
        f"/api/v1/seasons/{DEMO_REF}/penalties",
        {"session": "r07-race-2", "car": "16", "disqualify": True, "reason": "x"},
    ),
    (
        f"/api/v1/seasons/{DEMO_REF}/corrections",
        {"session": "r07-race-2", "car": "16", "changes": {"laps": 3}, "reason": "x"},
    ),
    (f"/api/v1/seasons/{DEMO_REF}/undo", {"change": 5, "reason": "x"}),
    (f"/api/v1/seasons/{DEMO_REF}/results", {"session": "r08-race-1", "content": "position,number\n1,53\n"}),
]
INJECTIONS = ["Robert'); DROP TABLE result;--", "<script>alert(1)</script>", '" onmouseover="alert(1)']


def post_form(client: TestClient, url: str, data: dict[str, Any]) -> Any:
    files = RESULTS_FILE if url.endswith("/results") else None
    return client.post(url, data=data, files=files, follow_redirects=False)


def database_of(site: AdminSite) -> dict[str, Any]:
    return dump(str(site.app.state.site.store.engine.url))


# -- no credentials ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "data"), FORM_WRITES, ids=[u.rsplit("/", 1)[-1] for u, _ in FORM_WRITES])
def test_form_writes_without_a_session_are_refused(
    admin_site: AdminSite, url: str, data: dict[str, Any]
) -> None:
    before = database_of(admin_site)
    token = csrf_of(admin_site.client.get("/admin/login").text)  # a visitor's session has a CSRF token
    for attempt in ({**data}, {**data, "csrf": token}):
        response = post_form(admin_site.client, url, attempt)
        assert response.status_code in (401, 403), response.text
    assert database_of(admin_site) == before


@pytest.mark.parametrize(("url", "body"), API_WRITES, ids=[u.rsplit("/", 1)[-1] for u, _ in API_WRITES])
def test_api_writes_need_a_steward_token(admin_site: AdminSite, url: str, body: dict[str, Any]) -> None:
    client = admin_site.client
    version = admin_site.version()
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers=bearer("podium_guess")).status_code == 401
    assert client.post(url, json=body, headers=bearer(admin_site.tokens["viewer"])).status_code == 403
    login(client, "steward")  # a session cookie is not an API credential
    assert client.post(url, json=body).status_code == 401
    assert admin_site.version() == version


def test_admin_pages_without_a_session_redirect_to_the_login(admin_site: AdminSite) -> None:
    for url in ("/admin", DESK, f"{DESK}/log", "/admin/users"):
        response = admin_site.client.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/admin/login?next=")


def test_a_revoked_token_stops_working(admin_site: AdminSite) -> None:
    from podium.store.accounts import Accounts

    Accounts(admin_site.app.state.site.store).revoke_token("steward-token")
    url, body = API_WRITES[0]
    assert (
        admin_site.client.post(url, json=body, headers=bearer(admin_site.tokens["steward"])).status_code
        == 401
    )


# -- forged forms -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "data"), FORM_WRITES, ids=[u.rsplit("/", 1)[-1] for u, _ in FORM_WRITES])
def test_csrf_missing_or_wrong_is_403(admin_site: AdminSite, url: str, data: dict[str, Any]) -> None:
    client = admin_site.client
    token = login(client, "steward")
    version = admin_site.version()
    for csrf in (None, "", "forged", token[:-1] + ("A" if token[-1] != "A" else "B")):
        attempt = {**data} if csrf is None else {**data, "csrf": csrf}
        response = post_form(client, url, attempt)
        assert response.status_code == 403, (csrf, response.text)
    assert admin_site.version() == version


def test_another_session_s_csrf_token_or_another_origin_is_403(admin_site: AdminSite, demo_db: str) -> None:
    other = TestClient(admin_site.app)
    foreign = login(other, "steward")
    client = admin_site.client
    token = login(client, "steward")
    assert foreign != token
    version = admin_site.version()
    url, data = FORM_WRITES[0]
    assert post_form(client, url, {**data, "csrf": foreign}).status_code == 403
    response = client.post(url, data={**data, "csrf": token}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert admin_site.version() == version
    ok = client.post(
        url, data={**data, "csrf": token}, headers={"Origin": "http://testserver"}, follow_redirects=False
    )
    assert ok.status_code == 303


def test_login_and_logout_forms_need_the_csrf_token(admin_site: AdminSite) -> None:
    client = admin_site.client
    client.get("/admin/login")
    response = client.post("/admin/login", data={"name": "steward", "password": PASSWORD})
    assert response.status_code == 403
    assert client.get("/admin", follow_redirects=False).status_code == 303
    login(client, "steward")
    assert client.post("/admin/logout", data={}).status_code == 403
    assert client.get("/admin").status_code == 200


def test_a_tampered_or_foreign_session_cookie_is_a_visitor(admin_site: AdminSite, demo_db: str) -> None:
    client = admin_site.client
    login(client, "viewer")
    cookie = client.cookies[SESSION_COOKIE]
    payload, _, rest = cookie.partition(".")
    forged = URLSafeTimedSerializer("guessed secret", salt="podium.admin.session").dumps(
        {"user": "admin", "csrf": "x"}
    )
    for value in (forged, payload.replace("dmlld2Vy", "YWRtaW4") + "." + rest):
        fresh = TestClient(admin_site.app)
        fresh.cookies.set(SESSION_COOKIE, value)
        assert fresh.get("/admin", follow_redirects=False).status_code == 303
    second = make_app(demo_db, secret_key="a different secret key for another server")
    with TestClient(second) as elsewhere:
        elsewhere.cookies.set(SESSION_COOKIE, cookie)
        assert elsewhere.get("/admin", follow_redirects=False).status_code == 303
    second.state.site.store.close()


def test_a_configured_secret_key_keeps_sessions_across_restarts(demo_db: str) -> None:
    add_accounts(demo_db)
    secret = "one secret key shared by the server's restarts"
    first, second = make_app(demo_db, secret_key=secret), make_app(demo_db, secret_key=secret)
    with TestClient(first) as a, TestClient(second) as b:
        login(a, "viewer")
        b.cookies.set(SESSION_COOKIE, a.cookies[SESSION_COOKIE])
        assert b.get("/admin").status_code == 200
    for app in (first, second):
        app.state.site.store.close()


def test_a_disabled_account_s_session_ends_at_once(admin_site: AdminSite) -> None:
    from podium.store.accounts import Accounts

    client = admin_site.client
    login(client, "steward")
    Accounts(admin_site.app.state.site.store).set_disabled("steward", True)
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_login_never_redirects_off_site(admin_site: AdminSite) -> None:
    client = admin_site.client
    for target in ("https://evil.example/", "//evil.example/admin", "/\\evil.example"):
        token = csrf_of(client.get("/admin/login").text)
        response = client.post(
            "/admin/login",
            data={"name": "viewer", "password": PASSWORD, "csrf": token, "next": target},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/admin", target


# -- injection ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", INJECTIONS)
def test_injected_reasons_are_stored_verbatim_and_shown_escaped(admin_site: AdminSite, text: str) -> None:
    client = admin_site.client
    token = login(client, "steward")
    response = client.post(
        f"{DESK}/penalties",
        data={
            "csrf": token,
            "session": "r07-race-2",
            "car": "16",
            "kind": "points",
            "amount": "-1",
            "reason": text,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    api = client.post(
        f"/api/v1/seasons/{DEMO_REF}/penalties",
        json={"session": "r07-race-1", "car": "16", "points": "-1", "reason": text},
        headers=bearer(admin_site.tokens["steward"]),
    )
    assert api.status_code == 201 and api.json()["reason"] == text
    store = admin_site.app.state.site.store
    assert [c.reason for c in store.log(DEMO_REF, limit=2)] == [text, text]
    assert store.season(DEMO_REF)[0].results_for("r07-race-2")  # the result table is still there
    for page in (
        client.get(f"{DESK}/log").text,
        client.get(response.headers["location"]).text,
        client.get("/admin").text,
    ):
        assert text not in page
        assert "<script>alert(1)</script>" not in page
    assert str(escape(text)) in client.get(f"{DESK}/log").text


@pytest.mark.parametrize("text", INJECTIONS)
def test_injected_names_find_nothing_and_write_nothing(admin_site: AdminSite, text: str) -> None:
    client = admin_site.client
    token = login(client, "steward")
    before = database_of(admin_site)
    response = client.post(
        f"{DESK}/penalties",
        data={"csrf": token, "session": text, "car": text, "kind": "dsq", "reason": "x"},
    )
    assert response.status_code in (404, 409, 422)
    assert "<script>alert(1)</script>" not in response.text
    refused = client.post(
        f"/api/v1/seasons/{DEMO_REF}/penalties",
        json={"session": "r07-race-2", "car": text, "disqualify": True, "reason": "x"},
        headers=bearer(admin_site.tokens["steward"]),
    )
    assert refused.status_code in (404, 409, 422)
    login_page = TestClient(admin_site.app)
    csrf = csrf_of(login_page.get("/admin/login").text)
    attempt = login_page.post("/admin/login", data={"name": text, "password": "x' OR '1'='1", "csrf": csrf})
    assert attempt.status_code == 401 and "<script>alert(1)</script>" not in attempt.text
    after = database_of(admin_site)
    assert {k: v for k, v in after.items() if k != "api_token"} == {
        k: v for k, v in before.items() if k != "api_token"
    }  # only the token's last use changed


def test_account_names_cannot_carry_markup(demo_db: str) -> None:
    from podium.errors import InputError
    from podium.store.accounts import Accounts

    store = open_store(demo_db)
    try:
        with pytest.raises(InputError):
            Accounts(store).add_user("<script>alert(1)</script>", "admin", PASSWORD)
    finally:
        store.close()


# -- guessing passwords -------------------------------------------------------------------------------------
def test_failed_logins_are_throttled_with_429(admin_site: AdminSite) -> None:
    clock = [1000.0]
    limiter = LoginLimiter(max_failures=5, window=900, failure_delay=0.01, clock=lambda: clock[0])
    admin_site.app.state.login_limiter = limiter
    client = admin_site.client

    def attempt(name: str, password: str) -> Any:
        token = csrf_of(client.get("/admin/login").text)
        return client.post(
            "/admin/login", data={"name": name, "password": password, "csrf": token}, follow_redirects=False
        )

    for n in range(5):
        assert attempt("steward", f"guess {n}").status_code == 401
    throttled = attempt("steward", "guess 5")
    assert throttled.status_code == 429
    assert 1 <= int(throttled.headers["retry-after"]) <= 900
    assert re.search(r"Too many failed sign-ins: try again in \d+ min", throttled.text)
    assert attempt("steward", PASSWORD).status_code == 429  # even the right password waits
    assert attempt("viewer", PASSWORD).status_code == 303  # another account from this address is not locked
    clock[0] += 901
    assert attempt("steward", PASSWORD).status_code == 303


def test_failed_logins_from_one_address_are_throttled_across_names(admin_site: AdminSite) -> None:
    limiter = LoginLimiter(max_failures=5, max_per_address=8, failure_delay=0.0)
    admin_site.app.state.login_limiter = limiter
    client = admin_site.client
    statuses = []
    for n in range(10):
        token = csrf_of(client.get("/admin/login").text)
        statuses.append(
            client.post("/admin/login", data={"name": f"user{n}", "password": "x", "csrf": token}).status_code
        )
    assert statuses[:8] == [401] * 8 and statuses[8:] == [429, 429]


def test_failures_are_answered_slowly(admin_site: AdminSite) -> None:
    admin_site.app.state.login_limiter = LoginLimiter()  # the default delay
    client = admin_site.client
    token = csrf_of(client.get("/admin/login").text)
    start = time.monotonic()
    response = client.post("/admin/login", data={"name": "steward", "password": "wrong", "csrf": token})
    assert response.status_code == 401
    assert time.monotonic() - start >= LoginLimiter().failure_delay >= 0.25
