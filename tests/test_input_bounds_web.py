"""Bounded input through the web API and the what-if pages: the error envelope, never a 500."""

from __future__ import annotations

import time

from test_web_admin import AdminSite, admin_site_fixture, bearer  # noqa: F401
from webkit import DEMO_REF, demo_db_fixture, demo_db_template_fixture  # noqa: F401

API = f"/api/v1/seasons/{DEMO_REF}"


def envelope(response: object, status: int = 422) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    error: dict[str, object] = response.json()["error"]  # type: ignore[attr-defined]
    assert set(error) == {"code", "message", "details"}
    return error


def test_api_writes_refuse_unbounded_numbers(admin_site: AdminSite) -> None:
    client = admin_site.client
    auth = bearer(admin_site.tokens["steward"])
    version = admin_site.version()
    penalty = {"session": "r07-race-2", "car": "16", "reason": "x"}
    start = time.perf_counter()
    error = envelope(client.post(f"{API}/penalties", json={**penalty, "points": "1e3000000"}, headers=auth))
    assert time.perf_counter() - start < 2
    assert "exponents" in str(error["message"])
    for amount in ({"points": 10**30}, {"positions": 10**20}, {"seconds": "９"}):
        envelope(client.post(f"{API}/penalties", json={**penalty, **amount}, headers=auth))
    envelope(client.post(f"{API}/undo", json={"change": 10**20, "reason": "x"}, headers=auth))
    correction = {"session": "r07-race-2", "car": "16", "reason": "x"}
    for changes in ({"laps": "99999999999999999999"}, {"pole": "+1+1"}, {"grid": 2**63}):
        envelope(client.post(f"{API}/corrections", json={**correction, "changes": changes}, headers=auth))
    assert admin_site.version() == version  # nothing written


def test_api_refuses_lone_surrogates_with_the_envelope(admin_site: AdminSite) -> None:
    client = admin_site.client
    auth = {**bearer(admin_site.tokens["steward"]), "Content-Type": "application/json"}
    version = admin_site.version()
    content = '"position,number\\n1,16\\n2,\\ud800\\n"'
    body = '{"session": "r08-race-1", "content": ' + content + ', "reason": "x"}'
    error = envelope(client.post(f"{API}/results", content=body, headers=auth))
    assert error["details"] == [  # pydantic refuses text that is no Unicode before any handler
        {
            "loc": ["body", "content"],
            "msg": "Input should be a valid string, unable to parse raw data as a unicode string",
            "type": "string_unicode",
        }
    ]
    body = '{"session": "r07-race-2", "car": "16", "points": "-1", "reason": "x\\udc80"}'
    error = envelope(client.post(f"{API}/penalties", content=body, headers=auth))
    assert error["details"][0]["loc"] == ["body", "reason"]  # type: ignore[index]
    assert admin_site.version() == version


def test_whatif_query_of_thousands_of_digits(admin_site: AdminSite) -> None:
    client = admin_site.client
    digits = "9" * 5000
    for query in (f"s1={digits}", f"s{digits}=16", f"s1=16&d{digits}=1", f"after={digits}"):
        page = client.get(f"/seasons/{DEMO_REF}/whatif/platinum?{query}")
        assert page.status_code < 500, (query[:20], page.status_code)
    for params, body in (
        ({}, {"sessions": [{"order": [digits]}]}),
        ({"after": digits}, {"sessions": []}),
        ({}, {"sessions": [{"order": ["16"], "session": digits}]}),
    ):
        api = client.post(f"{API}/whatif/platinum", params=params, json=body)
        assert api.status_code < 500, (api.status_code, api.text[:200])


def test_a_page_asked_at_the_end_of_time_is_400(admin_site: AdminSite) -> None:
    page = admin_site.client.get(f"/seasons/{DEMO_REF}/standings/platinum?as_of=9999-12-31T23:59:59-23:00")
    assert page.status_code == 400


def test_api_body_with_a_number_of_thousands_of_digits(admin_site: AdminSite) -> None:
    auth = {**bearer(admin_site.tokens["steward"]), "Content-Type": "application/json"}
    cases = (
        ('{"change": ' + "9" * 5000 + ', "reason": "x"}', 400),
        ('{"change": 1e400, "reason": "x"}', 422),
    )
    for body, status in cases:
        envelope(admin_site.client.post(f"{API}/undo", content=body, headers=auth), status)
