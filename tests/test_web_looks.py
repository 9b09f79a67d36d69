"""The site's look, sharing and widgets over HTTP: brand settings, favicon, share images, Open Graph
tags, framing rules, results gaps and the admin's session pickers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from podium.errors import InputError
from podium.model import Season
from podium.settings import load_settings
from podium.store import open_store
from podium.web.brand import (
    DARK_BG,
    LIGHT_BG,
    MIN_CONTRAST,
    brand_from_settings,
    contrast,
    readable_on,
    text_on,
)
from webkit import DEMO_REF, client_fixture, demo_db_fixture, demo_db_template_fixture, make_app  # noqa: F401

SEASON = f"/seasons/{DEMO_REF}"
colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


@given(colours)
def test_the_accent_is_made_readable_on_light_and_dark_cards(colour: str) -> None:
    assert contrast(readable_on(colour, LIGHT_BG), LIGHT_BG) >= MIN_CONTRAST
    assert contrast(readable_on(colour, DARK_BG), DARK_BG) >= MIN_CONTRAST


@given(colours)
def test_text_on_a_class_colour_reads(colour: str) -> None:
    assert contrast(text_on(colour), colour) >= 4.5


def test_bad_brand_settings_are_named_all_at_once(tmp_path: Path) -> None:
    settings = load_settings(
        env={}, site_colour="red", class_colours="gold=#12345;=#000000", site_logo=str(tmp_path / "x.gif")
    )
    with pytest.raises(InputError) as caught:
        brand_from_settings(settings)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["site_colour", "class_colours", "class_colours", "site_logo"]


@pytest.fixture(name="branded")
def branded_fixture(demo_db: str, tmp_path: Path) -> Iterator[TestClient]:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    app = make_app(
        demo_db,
        site_name="Sebring Sprint Series",
        site_logo=str(logo),
        site_colour="#ffcc00",
        class_colours="gold=#c9a227",
        embed_frame_ancestors="https://series.example",
    )
    with TestClient(app) as client:
        yield client
    app.state.site.close()


def test_the_series_name_logo_and_colours_come_from_the_settings(branded: TestClient) -> None:
    page = branded.get(f"{SEASON}/standings/gold").text
    assert "<span>Sebring Sprint Series</span>" in page
    assert branded.get("/favicon.ico").text == '<svg xmlns="http://www.w3.org/2000/svg"/>'
    css = branded.get("/brand.css").text
    assert "--brand: #ffcc00" in css and '[data-cls="gold"] { --cls: #c9a227; --on-cls: #000000; }' in css
    light = re.search(r"--accent: (#[0-9a-f]{6})", css)
    assert light and contrast(light.group(1), LIGHT_BG) >= MIN_CONTRAST  # yellow is darkened to read


def test_default_favicon_skip_link_and_current_page(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    page = client.get(f"{SEASON}/standings/gold").text
    assert '<a class="skip" href="#main">' in page and '<main id="main"' in page
    current = re.findall(r'<a [^>]*href="([^"]+)"[^>]*aria-current="page"', page)
    assert current == [f"{SEASON}/standings/gold"]


def test_open_graph_tags_point_to_a_share_image(client: TestClient) -> None:
    pytest.importorskip("PIL")
    from PIL import Image

    for path in (f"{SEASON}/standings/platinum", f"{SEASON}/title/platinum"):
        page = client.get(path).text
        image = re.search(r'<meta property="og:image" content="http://localhost:8000([^"]+)"', page)
        assert image and 'property="og:title"' in page, path
        png = client.get(image.group(1))
        assert png.headers["content-type"] == "image/png"
        assert Image.open(BytesIO(png.content)).size == (1200, 630)


def test_widgets_are_framed_only_where_the_settings_say(client: TestClient, branded: TestClient) -> None:
    for path in (f"/embed/{DEMO_REF}/standings/platinum", f"/embed/{DEMO_REF}/title/platinum"):
        closed = client.get(path)
        assert closed.status_code == 200
        assert "frame-ancestors 'none'" in closed.headers["content-security-policy"]
        assert closed.headers["x-frame-options"] == "DENY"
        opened = branded.get(path)
        assert "frame-ancestors https://series.example;" in opened.headers["content-security-policy"]
    assert "Jeff Kingsley" in branded.get(f"/embed/{DEMO_REF}/standings/platinum?rows=3").text
    assert branded.get(f"/embed/{DEMO_REF}/standings/platinum?rows=0").status_code == 422
    for path in ("/admin/login", f"{SEASON}/standings/platinum"):  # everything else stays unframed
        response = branded.get(path)
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def stored_season(url: str) -> Season:
    store = open_store(url, settings=load_settings(env={}, database_url=url))
    try:
        return store.season(DEMO_REF)[0]
    finally:
        store.close()


def test_results_show_gaps_to_the_class_winner_and_fastest_laps(client: TestClient, demo_db: str) -> None:
    season = stored_season(demo_db)
    event = next(e for e in season.events if e.id == "vir")
    session = event.sessions[0]
    results = [r for r in season.results_for(session.id) if r.classified and r.time is not None]
    first, second = sorted(results, key=lambda r: r.position or 0)[:2]
    assert first.time is not None and second.time is not None
    gap = second.time - first.time
    expected = f"+{gap.seconds}.{gap.microseconds // 1000:03d}"
    page = client.get(f"{SEASON}/events/vir?lang=en").text
    assert f'<td class="num gap">{expected}</td>' in page
    fastest = sum(1 for s in event.sessions for r in season.results_for(s.id) if r.fastest_lap)
    assert fastest > 0 and page.count('<abbr class="fl"') >= fastest


def test_admin_session_pickers_default_to_the_latest_session_and_say_so(demo_db: str) -> None:
    from test_web_admin import add_accounts, login

    add_accounts(demo_db)
    app = make_app(demo_db)
    with TestClient(app) as client:
        login(client, "steward")
        page = client.get(f"/admin/seasons/{DEMO_REF}").text
        latest = app.state.site.view(DEMO_REF).season.last_session_with_results
    app.state.site.close()
    for form in ("penalty", "correction"):
        select = re.search(rf'<select id="{form}-session".*?</select>', page, re.S)
        assert select is not None
        chosen = re.findall(r'<option value="([^"]+)" selected', select.group(0))
        assert chosen == [latest]
    assert re.search(r"Preselected: R\d+ [^<]+, the latest session with results\.", page)
    results = re.search(r'<select id="results-session".*?</select>', page, re.S)
    assert results is not None and re.findall(r'<option value="([^"]+)" selected', results.group(0)) != [
        latest
    ]
    assert re.search(r"Preselected: R\d+ [^<]+, the next session to run\.", page)


def test_driver_and_team_pages(client: TestClient, demo_db: str) -> None:
    season = stored_season(demo_db)
    standings = client.get(f"{SEASON}/standings/platinum").text
    link = re.search(rf'<a class="name-link" href="({SEASON}/drivers/([^"]+))">Jeff Kingsley</a>', standings)
    assert link is not None
    page = client.get(link.group(1))
    assert page.status_code == 200 and "<h1>Jeff Kingsley</h1>" in page.text
    entries = {e.id for e in season.entries if link.group(2) in e.drivers}
    driven = sum(1 for _, s in season.sessions() for r in season.results_for(s.id) if r.entry in entries)
    assert driven > 0 and page.text.count(f'<a href="{SEASON}/events/') == driven
    team = next(season.team(e.team) for e in season.entries if e.id in entries and e.team)
    team_page = client.get(f"{SEASON}/teams/{team.id}").text
    assert f"<h1>{team.name}</h1>" in team_page and f'href="{SEASON}/drivers/{link.group(2)}"' in team_page
    assert client.get(f"{SEASON}/drivers/nobody").status_code == 404


def test_the_docs_show_every_screenshot_they_name() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    named = re.findall(r"\(images/([^)]+\.png)\)", (docs / "web.md").read_text(encoding="utf-8"))
    assert len(named) >= 16
    for name in named:
        image = docs / "images" / name
        assert image.is_file() and image.stat().st_size < 200_000, name
    for size in ("desktop", "phone"):
        for lang in ("en", "fr"):
            assert f"standings-{size}-{lang}.png" in named
