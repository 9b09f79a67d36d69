"""Rendered season pages are served from a cache keyed by season version, never stale."""

from __future__ import annotations

from fastapi.testclient import TestClient

from podium.web.pagecache import PageCache, season_of
from podium.web.site import Site
from webkit import client_fixture, demo_db_fixture, demo_db_template_fixture  # noqa: F401

STANDINGS = "/seasons/gt3-usa-2020/standings/platinum"


def test_season_of_paths() -> None:
    assert season_of("/seasons/gt3-usa-2020/title") == "gt3-usa-2020"
    assert season_of("/seasons/gt3-usa-2020") == "gt3-usa-2020"
    assert season_of("/seasons/") is None
    assert season_of("/admin/seasons/x") is None
    assert season_of("/api/v1/seasons/x") is None


def test_second_request_is_a_hit_and_a_write_invalidates(client: TestClient) -> None:
    cache: PageCache = client.app.state.page_cache  # type: ignore[attr-defined]
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    first = client.get(STANDINGS)
    assert first.status_code == 200
    hits = cache.hits
    second = client.get(STANDINGS)
    assert second.text == first.text and cache.hits == hits + 1
    assert second.headers["content-type"].startswith("text/html")
    assert second.headers["x-content-type-options"] == "nosniff"
    french = client.get(STANDINGS, headers={"Accept-Language": "fr"})
    assert french.text != first.text  # the language is part of the key
    site.store.add_penalty("gt3-usa-2020", "r07-race-2", "16", points=-20, reason="test", author="steward")
    after = client.get(STANDINGS, headers={"Accept-Language": "en"})
    assert after.text != first.text
    assert ">458<" in after.text.replace(" ", "")  # Kingsley: 478 − 20


def test_errors_are_not_cached(client: TestClient) -> None:
    cache: PageCache = client.app.state.page_cache  # type: ignore[attr-defined]
    assert client.get("/seasons/gt3-usa-2020/standings/nope").status_code == 404
    hits = cache.hits
    assert client.get("/seasons/gt3-usa-2020/standings/nope").status_code == 404
    assert cache.hits == hits
