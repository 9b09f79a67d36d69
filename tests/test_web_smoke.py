"""The site starts on the demo database, serves its own assets and speaks the error envelope."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from webkit import (  # noqa: F401
    LiveServer,
    client_fixture,
    demo_db_fixture,
    demo_db_template_fixture,
    live_site_fixture,
    page_fixture,
    screenshot,
)


def test_home_lists_the_demo_season(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "gt3-usa-2020" in response.text
    assert response.headers["x-content-type-options"] == "nosniff"


def test_language_from_query_then_cookie_then_header(client: TestClient) -> None:
    assert '<html lang="fr">' in client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).text
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "de, en;q=0.5"}).text
    assert '<html lang="fr">' in client.get("/?lang=fr").text
    assert '<html lang="fr">' in client.get("/", headers={"Accept-Language": "en"}).text  # the cookie wins


def test_plotly_is_served_locally(client: TestClient) -> None:
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200
    assert "plotly.js" in response.text[:200]


def test_api_errors_use_the_envelope(client: TestClient) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert set(response.json()["error"]) == {"code", "message", "details"}


def test_unknown_page_is_a_page_not_json(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.browser
def test_home_in_chromium(live_site: LiveServer, page: Any) -> None:
    page.goto(live_site.url + "/")
    assert page.title() == "podium"
    screenshot(page, "home")
