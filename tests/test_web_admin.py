"""The admin at work: sign in, enter results, penalties, corrections, the log and undo; API writes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from podium.importers.alkamel import read_alkamel
from podium.importers.sheets import ResultRow
from podium.model import Status
from podium.store import open_store
from podium.store.accounts import Accounts, Role
from podium.web.auth import SESSION_COOKIE, LoginLimiter
from webkit import DEMO_REF, demo_db_fixture, demo_db_template_fixture, make_app  # noqa: F401

PASSWORD = "a long test passphrase"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "sebring-2020" / "results"
DESK = f"/admin/seasons/{DEMO_REF}"


def add_accounts(url: str) -> dict[str, str]:
    """An admin, a steward and a viewer (all with PASSWORD), and one API token each (by role)."""
    store = open_store(url)
    try:
        accounts = Accounts(store)
        tokens = {}
        for role in Role:
            accounts.add_user(role.value, role, PASSWORD)
            tokens[role.value] = accounts.create_token(f"{role.value}-token", user=role.value)[1]
        return tokens
    finally:
        store.close()


@dataclass
class AdminSite:
    app: FastAPI
    client: TestClient
    tokens: dict[str, str]

    def version(self) -> int:
        version: int = self.app.state.site.store.version(DEMO_REF)
        return version

    def points(self, classification: str, driver_name: str) -> object:
        site = self.app.state.site
        standings = site.standings(site.view(DEMO_REF), classification)
        return next(r.points for r in standings.rows if r.name == driver_name)


@pytest.fixture(name="admin_site")
def admin_site_fixture(demo_db: str) -> Iterator[AdminSite]:
    tokens = add_accounts(demo_db)
    app = make_app(demo_db)
    app.state.login_limiter = LoginLimiter(failure_delay=0.01)
    with TestClient(app) as client:
        yield AdminSite(app, client, tokens)
    app.state.site.store.close()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in as ``name``; returns the session's CSRF token."""
    token = csrf_of(client.get("/admin/login").text)
    response = client.post(
        "/admin/login",
        data={"name": name, "password": password, "csrf": token, "next": "/admin"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/admin").text)


# -- signing in -----------------------------------------------------------------------------------------
def test_pages_send_visitors_to_the_login_and_back(admin_site: AdminSite) -> None:
    client = admin_site.client
    response = client.get(DESK + "/log", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/admin/login?next={DESK}/log"
    page = client.get(response.headers["location"])
    assert 'name="next" value="/admin/seasons/gt3-usa-2020/log"' in page.text
    answer = client.post(
        "/admin/login",
        data={"name": "steward", "password": PASSWORD, "csrf": csrf_of(page.text), "next": f"{DESK}/log"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"{DESK}/log"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    log = client.get(f"{DESK}/log")
    assert log.status_code == 200 and "Signed in as" in log.text and "official results" in log.text


def test_wrong_password_is_refused(admin_site: AdminSite) -> None:
    client = admin_site.client
    token = csrf_of(client.get("/admin/login").text)
    response = client.post("/admin/login", data={"name": "steward", "password": "nope", "csrf": token})
    assert response.status_code == 401 and "Wrong name or password." in response.text
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_the_session_cookie_is_secure_over_https(demo_db: str) -> None:
    add_accounts(demo_db)
    app = make_app(demo_db)
    with TestClient(app, base_url="https://testserver") as client:
        token = csrf_of(client.get("/admin/login").text)
        response = client.post(
            "/admin/login",
            data={"name": "viewer", "password": PASSWORD, "csrf": token},
            follow_redirects=False,
        )
        assert response.status_code == 303
        assert "Secure" in response.headers["set-cookie"] and "HttpOnly" in response.headers["set-cookie"]
    app.state.site.store.close()


def test_logout_ends_the_session(admin_site: AdminSite) -> None:
    client = admin_site.client
    token = login(client, "viewer")
    response = client.post("/admin/logout", data={"csrf": token}, follow_redirects=False)
    assert response.status_code == 303 and f'{SESSION_COOKIE}=""' in response.headers["set-cookie"]
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_dashboard_lists_seasons_and_latest_changes(admin_site: AdminSite) -> None:
    client = admin_site.client
    login(client, "viewer")
    page = client.get("/admin")
    assert page.status_code == 200
    assert DESK in page.text and "Latest changes" in page.text
    assert page.headers["cache-control"] == "no-store"


# -- writing through the forms ----------------------------------------------------------------------------
def test_a_steward_applies_a_penalty_and_the_standings_change(admin_site: AdminSite) -> None:
    client = admin_site.client
    token = login(client, "steward")
    before = admin_site.points("platinum", "Jeff Kingsley")
    response = client.post(
        f"{DESK}/penalties",
        data={
            "csrf": token,
            "session": "r07-race-2",
            "car": "16",
            "kind": "points",
            "amount": "-10",
            "reason": "avoidable contact",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert "Recorded change" in page.text and "avoidable contact" in page.text
    assert admin_site.points("platinum", "Jeff Kingsley") == before - 10  # type: ignore[operator]
    record = admin_site.app.state.site.store.log(DEMO_REF, limit=1)[0]
    assert (record.author, record.reason, record.kind.value) == (
        "steward",
        "avoidable contact",
        "penalty.add",
    )


def test_a_refused_penalty_shows_why_and_writes_nothing(admin_site: AdminSite) -> None:
    client = admin_site.client
    token = login(client, "steward")
    version = admin_site.version()
    data = {
        "csrf": token,
        "session": "r07-race-2",
        "car": "999",
        "kind": "points",
        "amount": "-5",
        "reason": "x",
    }
    response = client.post(f"{DESK}/penalties", data=data)
    assert response.status_code in (404, 422) and "Nothing was written" in response.text
    assert "no car #999" in response.text
    assert 'value="999"' in response.text  # the form keeps what was typed
    no_reason = client.post(f"{DESK}/penalties", data={**data, "car": "16", "reason": "  "})
    assert no_reason.status_code == 422 and "say why" in no_reason.text
    assert admin_site.version() == version


def test_a_correction_and_its_undo(admin_site: AdminSite) -> None:
    client = admin_site.client
    token = login(client, "steward")
    response = client.post(
        f"{DESK}/corrections",
        data={
            "csrf": token,
            "session": "r07-race-2",
            "car": "16",
            "changes": "status=DNF\nlaps=10",
            "reason": "timing error",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    store = admin_site.app.state.site.store
    change = store.log(DEMO_REF, limit=1)[0]
    assert change.kind.value == "correction.add" and change.author == "steward"
    undo = client.post(
        f"{DESK}/undo",
        data={"csrf": token, "change": str(change.id), "reason": "appeal upheld"},
        follow_redirects=False,
    )
    assert undo.status_code == 303
    assert store.change(change.id).reverted_by is not None
    log = client.get(f"{DESK}/log").text
    assert f"undone by #{store.log(DEMO_REF, limit=1)[0].id}" in log and "appeal upheld" in log
    again = client.post(f"{DESK}/undo", data={"csrf": token, "change": str(change.id), "reason": "twice"})
    assert again.status_code == 409 and "already undone" in again.text


def test_results_upload_al_kamel_and_a_bad_file(admin_site: AdminSite) -> None:
    client = admin_site.client
    token = login(client, "steward")
    version = admin_site.version()
    bad = "position,number,status,laps\n1,53,,20\nx,16,,20\n2,99,WRONG,20\n"
    response = client.post(
        f"{DESK}/results",
        data={"csrf": token, "session": "r08-race-1", "format": "auto", "reason": "official"},
        files={"file": ("race15.csv", bad.encode(), "text/csv")},
    )
    assert response.status_code == 422 and "Nothing was written" in response.text
    assert response.text.count("race15.csv, line") >= 2  # every problem, with its line
    assert admin_site.version() == version
    french = client.post(
        f"{DESK}/results?lang=fr",
        data={"csrf": token, "session": "r08-race-1", "format": "auto", "reason": "official"},
        files={"file": ("race15.csv", bad.encode(), "text/csv")},
    )
    assert french.status_code == 422 and "Rien n’a été enregistré" in french.text
    assert french.text.count("race15.csv, ligne") >= 2 and "race15.csv, line" not in french.text
    assert admin_site.version() == version
    alkamel = (EXAMPLES / "r08-race-1-alkamel.csv").read_bytes()
    response = client.post(
        f"{DESK}/results",
        data={"csrf": token, "session": "r08-race-1", "format": "alkamel", "reason": "official results"},
        files={"file": ("03_Results_Race_Official.CSV", alkamel, "text/csv")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    record = admin_site.app.state.site.store.log(DEMO_REF, limit=1)[0]
    assert record.kind.value == "results.import" and record.author == "steward"
    assert "03_Results_Race_Official.CSV" in record.summary


BAD_RESULTS = "position,number,status,laps\n1,53,,20\nx,16,,20\n2,99,WRONG,20\n3,999,,20\n"
"""A results file with a bad position (line 3), a bad status (line 4), hence a gap in the positions,
and a car that is not entered (line 5): every problem, in one pass."""


def upload_bad_results(client: TestClient, token: str, lang: str) -> str:
    response = client.post(
        f"{DESK}/results?lang={lang}",
        data={"csrf": token, "session": "r08-race-1", "format": "auto", "reason": "official"},
        files={"file": ("race15.csv", BAD_RESULTS.encode(), "text/csv")},
    )
    assert response.status_code == 422
    return response.text


def test_a_bad_results_file_is_refused_in_french(admin_site: AdminSite) -> None:
    """The French admin says what is wrong in French, naming the file, the line and the column
    (issue 16: upload errors were in English)."""
    token = login(admin_site.client, "steward")
    version = admin_site.version()
    page = html.unescape(upload_bad_results(admin_site.client, token, "fr"))
    problems = re.findall(r"<li>([^<]*)</li>", page.split('id="problems"')[1].split("</ul>")[0])
    nb = "\u00a0"
    assert problems == [
        f"race15.csv, ligne 3, colonne «{nb}position{nb}»{nb}: position (1, 2, 3…) ou statut "
        f"(DNF, DNS, DSQ, NC, EX, DNQ) attendu, lu «{nb}x{nb}»",
        f"race15.csv, ligne 4, colonne «{nb}status{nb}»{nb}: statut inconnu «{nb}WRONG{nb}»{nb}; "
        f"attendu{nb}: CLASSIFIED, DNF, DNS, DSQ, NC, EX ou DNQ",
        f"race15.csv, ligne 5, colonne «{nb}position{nb}»{nb}: les positions doivent se suivre, 1, 2, 3…, "
        f"sans trou{nb}: la position 2 manque (une ligne perdue{nb}?)",
        f"race15.csv, ligne 5, colonne «{nb}number{nb}»{nb}: pas de voiture n°{nb}999 dans la liste des "
        f"engagés de la manche 8 (voitures engagées{nb}: 7, 11, 12, 16, 21, 24, 30, 32, 44, 45, 53, 58, 65, "
        "66, 71, 77, 88, 99)",
    ]
    english = html.unescape(upload_bad_results(admin_site.client, token, "en"))
    assert "race15.csv, line 5, field 'number': no car #999 in the entry list for round 8" in english
    assert admin_site.version() == version


def test_a_refused_penalty_is_said_in_french(admin_site: AdminSite) -> None:
    """The store's refusals reach the French desk in French too, with the values quoted the French way."""
    token = login(admin_site.client, "steward")
    response = admin_site.client.post(
        f"{DESK}/penalties?lang=fr",
        data={
            "csrf": token,
            "session": "r07-race-1",
            "car": "999",
            "kind": "positions",
            "amount": "3",
            "reason": "x",
        },
    )
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert "pas de voiture n°\u00a0999 dans la manche 7 (voitures engagées\u00a0: " in page
    missing_reason = admin_site.client.post(
        f"{DESK}/penalties?lang=fr",
        data={
            "csrf": token,
            "session": "r07-race-1",
            "car": "16",
            "kind": "points",
            "amount": "",
            "reason": "x",
        },
    )
    assert (
        "champ «\u00a0amount\u00a0»\u00a0: une pénalité «\u00a0points\u00a0» demande une valeur"
        in html.unescape(missing_reason.text)
    )


# The Sebring round-8 race as the two MyLaps exports would print it: the Al Kamel example's cars,
# places, laps and times in the layouts of the real exports (tests/test_importers_speedhive.py reads
# one; tests/test_importers_orbits.py reads invented rows in the real Orbits layout). Orbits gets the
# classified cars only: the real Orbits exports show no retirement, so none is made up here.
def _clock(t: timedelta) -> str:
    """45:21.337, or 14.469 under a minute, as MyLaps prints times and gaps."""
    minutes, seconds = divmod(t.total_seconds(), 60)
    return f"{int(minutes)}:{seconds:06.3f}" if minutes else f"{seconds:.3f}"


def _mylaps_lines() -> list[tuple[ResultRow, str]]:
    """The Al Kamel example's rows, each with its Diff to the winner as MyLaps prints it."""
    rows = read_alkamel(EXAMPLES / "r08-race-1-alkamel.csv").rows
    winner = rows[0]
    lines = []
    for r in rows:
        down = (winner.laps or 0) - (r.laps or 0)
        diff = ""
        if down:
            diff = f"{down} Lap" + "s" * (down > 1)
        elif r is not winner and r.time and winner.time:
            diff = _clock(r.time - winner.time)
        lines.append((r, diff))
    return lines


def orbits_export() -> bytes:
    header = '"Pos","PIC","No.","Name","Class","Laps","Total Tm","Diff","Points"'
    body = [
        f'"{r.position}","{r.class_position}","{r.number}","{r.drivers[0]}","{r.class_name}","{r.laps}",'
        f'"{_clock(r.time) if r.time else ""}","{diff}","0"'
        for r, diff in _mylaps_lines()
        if r.status is Status.CLASSIFIED
    ]
    return ("\ufeff" + "\n".join([header, *body]) + "\n").encode()


def speedhive_export() -> bytes:
    header = "Pos,Start Number,Competitor,Class,Total Time,Diff,Laps"
    body = [
        f"{r.position or r.status.value},{r.number},{r.drivers[0]},{r.class_name},"
        f"{_clock(r.time) if r.time else '0.000'},{diff.lower() or '0.000'},{r.laps}"
        for r, diff in _mylaps_lines()
    ]
    return ("\ufeff" + "\r\n".join([header, *body]) + "\r\n").encode()


def race_8_results(admin_site: AdminSite) -> list[tuple[str, int | None, Status]]:
    season = admin_site.app.state.site.view(DEMO_REF).season
    numbers = {e.id: e.car.number for e in season.entries if e.car}
    results = [r for r in season.results if r.session == "r08-race-1"]
    return sorted(
        ((numbers[r.entry], r.position, r.status) for r in results), key=lambda x: (x[1] or 99, x[0])
    )


def test_results_upload_speedhive_and_orbits_through_the_one_dispatch(admin_site: AdminSite) -> None:
    """Both MyLaps exports upload with "auto" as they do on the command line, and the Al Kamel
    sheet's places land; a bad Orbits file is refused, every problem named, nothing written."""
    client = admin_site.client
    token = login(client, "steward")
    page = client.get(DESK).text
    assert '<option value="orbits"' in page and '<option value="speedhive"' in page
    expected = [(r.number or "", r.position, r.status) for r, _ in _mylaps_lines()]
    version = admin_site.version()
    bad = orbits_export()
    for good, broken in (
        (b'Kingsley","Platinum","20"', b'Kingsley","Platinum","twenty"'),
        (b'"99","Alan', b'"999","Alan'),
    ):
        assert bad.count(good) == 1
        bad = bad.replace(good, broken)
    response = client.post(
        f"{DESK}/results",
        data={"csrf": token, "session": "r08-race-1", "format": "auto", "reason": "official"},
        files={"file": ("Race 8 - Results.csv", bad, "text/csv")},
    )
    assert response.status_code == 422 and "Nothing was written" in response.text
    text = html.unescape(response.text)
    assert "Race 8 - Results.csv, line 3, field 'Laps'" in text  # the file's problem…
    assert "Race 8 - Results.csv, line 4, field 'number': no car #999" in text  # …and the season's, at once
    assert admin_site.version() == version and race_8_results(admin_site) == []
    response = client.post(
        f"{DESK}/results",
        data={"csrf": token, "session": "r08-race-1", "format": "auto", "reason": "official"},
        files={"file": ("Race 8 - Results.csv", orbits_export(), "text/csv")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert race_8_results(admin_site) == [e for e in expected if e[2] is Status.CLASSIFIED]
    response = client.post(
        f"{DESK}/results",
        data={
            "csrf": token,
            "session": "r08-race-1",
            "format": "auto",
            "replace": "1",
            "reason": "speedhive",
        },
        files={"file": ("speedhive.csv", speedhive_export(), "text/csv")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert race_8_results(admin_site) == expected  # the retirement, #24, too
    record = admin_site.app.state.site.store.log(DEMO_REF, limit=1)[0]
    assert "speedhive.csv" in record.summary and record.author == "steward"


def test_a_viewer_reads_but_cannot_write(admin_site: AdminSite) -> None:
    client = admin_site.client
    token = login(client, "viewer")
    page = client.get(DESK)
    assert page.status_code == 200 and "Apply a penalty" not in page.text and "Standings" in page.text
    version = admin_site.version()
    data = {"csrf": token, "session": "r07-race-2", "car": "16", "kind": "dsq", "reason": "x"}
    assert client.post(f"{DESK}/penalties", data=data).status_code == 403
    assert admin_site.version() == version
    assert client.get("/admin/users").status_code == 403


def test_the_users_page_is_for_admins(admin_site: AdminSite) -> None:
    client = admin_site.client
    login(client, "admin")
    page = client.get("/admin/users")
    assert page.status_code == 200 and "steward-token" in page.text
    assert admin_site.tokens["steward"] not in page.text


# -- writing through the API ------------------------------------------------------------------------------
def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_api_penalty_correction_results_and_undo(admin_site: AdminSite) -> None:
    client = admin_site.client
    auth = bearer(admin_site.tokens["steward"])
    before = admin_site.points("platinum", "Jeff Kingsley")
    penalty = client.post(
        f"/api/v1/seasons/{DEMO_REF}/penalties",
        json={"session": "r07-race-2", "car": "16", "points": "-5", "reason": "api test"},
        headers=auth,
    )
    assert penalty.status_code == 201, penalty.text
    body = penalty.json()
    assert body["author"] == "steward" and body["kind"] == "penalty.add" and body["reason"] == "api test"
    assert admin_site.points("platinum", "Jeff Kingsley") == before - 5  # type: ignore[operator]
    undo = client.post(
        f"/api/v1/seasons/{DEMO_REF}/undo", json={"change": body["id"], "reason": "withdrawn"}, headers=auth
    )
    assert undo.status_code == 201 and undo.json()["reverts"] == body["id"]
    assert admin_site.points("platinum", "Jeff Kingsley") == before
    correction = client.post(
        f"/api/v1/seasons/{DEMO_REF}/corrections",
        json={"session": "r07-race-2", "car": "16", "changes": {"laps": 30}, "reason": "timing"},
        headers=auth,
    )
    assert correction.status_code == 201, correction.text
    content = (EXAMPLES / "r08-race-1-alkamel.csv").read_text(encoding="utf-8-sig")
    results = client.post(
        f"/api/v1/seasons/{DEMO_REF}/results",
        json={"session": "r08-race-1", "content": content, "format": "alkamel", "reason": "official"},
        headers=bearer(admin_site.tokens["admin"]),
    )
    assert results.status_code == 201 and results.json()["author"] == "admin"


def test_api_results_from_the_mylaps_exports(admin_site: AdminSite) -> None:
    """The API's results write reads what the CLI and the admin read: an Orbits or a Speedhive export
    lands; a bad one is refused in the envelope with every problem (the file's and the season's)."""
    client = admin_site.client
    url = f"/api/v1/seasons/{DEMO_REF}/results"
    auth = bearer(admin_site.tokens["steward"])
    version = admin_site.version()
    bad = speedhive_export().decode("utf-8-sig")
    for good, broken in (
        ("Kingsley,Platinum,45:35.806,14.469,20", "Kingsley,Platinum,45:35.806,14.469,xx"),
        ("\n3,99,", "\n3,999,"),
    ):
        assert bad.count(good) == 1
        bad = bad.replace(good, broken)
    refused = client.post(url, json={"session": "r08-race-1", "content": bad, "reason": "x"}, headers=auth)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid_input"
    details = {(d["line"], d["field"]) for d in refused.json()["error"]["details"]}
    assert details == {(3, "Laps"), (4, "number")}
    unknown = client.post(
        url,
        json={"session": "r08-race-1", "content": bad, "format": "race-monitor", "reason": "x"},
        headers=auth,
    )
    assert unknown.status_code == 422 and set(unknown.json()["error"]) == {"code", "message", "details"}
    assert admin_site.version() == version and race_8_results(admin_site) == []
    content = orbits_export().decode("utf-8-sig")
    orbits = client.post(
        url,
        json={"session": "r08-race-1", "content": content, "format": "orbits", "reason": "x"},
        headers=auth,
    )
    assert orbits.status_code == 201, orbits.text
    assert [n for n, _, _ in race_8_results(admin_site)][:3] == ["53", "16", "99"]
    content = speedhive_export().decode("utf-8-sig")
    speedhive = client.post(
        url, json={"session": "r08-race-1", "content": content, "replace": True, "reason": "x"}, headers=auth
    )
    assert speedhive.status_code == 201, speedhive.text
    assert race_8_results(admin_site)[-1] == ("24", None, Status.DNF)
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["ResultsIn"]
    assert "orbits" in schema["properties"]["format"]["enum"]


def test_api_write_errors_use_the_envelope(admin_site: AdminSite) -> None:
    client = admin_site.client
    version = admin_site.version()
    url = f"/api/v1/seasons/{DEMO_REF}/penalties"
    body = {"session": "r07-race-2", "car": "16", "disqualify": True, "reason": "x"}
    cases = [
        ({}, 401),
        (bearer("podium_not-a-real-token"), 401),
        ({"Authorization": "Basic c3Rld2FyZDp4"}, 401),
        (bearer(admin_site.tokens["viewer"]), 403),
    ]
    for headers, status in cases:
        response = client.post(url, json=body, headers=headers)
        assert response.status_code == status, (headers, response.text)
        assert set(response.json()["error"]) == {"code", "message", "details"}
    assert client.post(url, json=body).headers["www-authenticate"].startswith("Bearer")
    auth = bearer(admin_site.tokens["steward"])
    unknown_car = client.post(url, json={**body, "car": "999"}, headers=auth)
    assert unknown_car.status_code in (404, 422) and "999" in unknown_car.json()["error"]["message"]
    two_kinds = client.post(url, json={**body, "points": -3}, headers=auth)
    assert two_kinds.status_code == 422 and "exactly one" in two_kinds.json()["error"]["message"]
    bad_file = client.post(
        f"/api/v1/seasons/{DEMO_REF}/results",
        json={"session": "r08-race-1", "content": "position,number\nx,16\n", "reason": "x"},
        headers=auth,
    )
    assert bad_file.status_code == 422 and bad_file.json()["error"]["code"] == "invalid_input"
    assert admin_site.version() == version


def test_openapi_documents_the_write_models(admin_site: AdminSite) -> None:
    document = admin_site.client.get("/api/v1/openapi.json").json()
    assert {"PenaltyIn", "CorrectionIn", "ResultsIn", "UndoIn", "RecordedChange"} <= set(
        document["components"]["schemas"]
    )
    assert "post" in document["paths"]["/seasons/{ref}/penalties"]


def test_the_admin_speaks_french(admin_site: AdminSite) -> None:
    page = admin_site.client.get("/admin/login?lang=fr")
    assert '<html lang="fr">' in page.text and "Se connecter" in page.text


def test_every_admin_word_has_a_french_translation() -> None:
    from babel.messages.pofile import read_po

    templates = Path(__file__).resolve().parents[1] / "src" / "podium" / "web" / "templates"
    words: set[str] = set()
    for path in [*templates.glob("admin*.html"), templates / "login.html"]:
        words |= {a or b for a, b in re.findall(r"""_\((?:"([^"]+)"|'([^']+)')\)""", path.read_text())}
    po = templates.parents[1] / "locale" / "fr" / "LC_MESSAGES" / "web_admin.po"
    with po.open("rb") as fh:
        catalogue = read_po(fh, locale="fr")
    translated = {m.id for m in catalogue if m.id and m.string}
    assert words - translated == set()
