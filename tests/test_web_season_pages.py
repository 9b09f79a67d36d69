"""Season home, standings, events and event pages of the demo: content, languages, errors, escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from podium.importers.classes import parse_classifications
from podium.importers.podium_csv import parse_calendar, parse_entry_list, parse_results
from podium.importers.textfile import TextFile
from podium.store import Store
from webkit import client_fixture, demo_db_fixture, demo_db_template_fixture  # noqa: F401

REF = "gt3-usa-2020"
PRESET = Path(__file__).resolve().parents[1] / "src" / "podium" / "rules" / "presets" / "imsa-2020.toml"


def store_of(client: TestClient) -> Store:
    store: Store = client.app.state.site.store  # type: ignore[attr-defined]
    return store


def chart_of(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="progression-data">(.*?)</script>', html, re.S)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_season_home_shows_classes_next_event_times_and_latest_results(client: TestClient) -> None:
    html = client.get(f"/seasons/{REF}").text
    for words in (
        "Platinum",
        "Platinum Masters",
        "Gold",
        "Next event",
        "Sebring",
        "Where to watch",
        "imsa.tv",
    ):
        assert words in html
    assert f'href="/seasons/{REF}/standings/platinum-masters"' in html
    assert "Fri 13 Nov 2020, 08:00 EST" in html  # race 1 at the venue
    assert 'data-start="2020-11-13T13:00:00Z"' in html  # the viewer's clock works from this instant
    assert 'datetime="2020-11-12T15:40:00Z"' in html  # qualifying
    assert "Latest results" in html and "Grand Prix of St. Petersburg" in html
    assert "Started; results pending" in html  # the demo's next race is long past
    assert "Jeff Kingsley" in html  # Platinum's leader


def test_season_home_in_french(client: TestClient) -> None:
    html = client.get(f"/seasons/{REF}?lang=fr").text
    for words in ("Prochaine épreuve", "Où regarder", "Derniers résultats", "ven. 13 nov. 2020, 08:00"):
        assert words in html


def test_standings_table_changes_chart_and_head_to_head(client: TestClient) -> None:
    html = client.get(f"/seasons/{REF}/standings/platinum").text
    assert "After round 7" in html
    assert "<td>Jeff Kingsley" in html
    assert "▲" in html or "▼" in html or 'class="same"' in html
    chart = chart_of(html)
    assert len(chart["rounds"]) == 7  # type: ignore[arg-type]
    assert chart["series"][0]["name"] == "Jeff Kingsley"  # type: ignore[index]
    assert '<script src="/static/plotly.min.js"' in html and "/static/standings.js" in html
    assert "Head to head" in html and 'name="h2h"' in html  # leader against second by default
    assert "ahead" in html


def test_head_to_head_of_chosen_competitors(client: TestClient) -> None:
    html = client.get(f"/seasons/{REF}/standings/platinum?h2h=riley-dickinson,jeff-kingsley").text
    duel = html[html.index('class="duel"') :]
    assert duel.count("<tr>") == 15  # header and the 14 races
    assert '<option value="riley-dickinson" selected>' in html
    same = client.get(f"/seasons/{REF}/standings/platinum?h2h=riley-dickinson&h2h=jeff-kingsley").text
    assert same.count('<table class="duel">') == 1


def test_standings_in_french(client: TestClient) -> None:
    html = client.get(f"/seasons/{REF}/standings/gold", headers={"Accept-Language": "fr"}).text
    for words in ("Victoires", "Après la manche 7", "Duel", "Progression"):
        assert words in html


def test_standings_as_they_stood_then(client: TestClient) -> None:
    html = client.get(f"/seasons/{REF}/standings/platinum?as_of=2020-10-01T12:00:00-04:00").text
    assert "After round 4" in html
    assert "Standings as they stood at" in html
    assert len(chart_of(html)["rounds"]) == 4  # type: ignore[arg-type]
    bad = client.get(f"/seasons/{REF}/standings/platinum?as_of=yesterday")
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/html")


def test_unknown_things_are_html_404_pages(client: TestClient) -> None:
    for url in (
        "/seasons/nope",
        "/seasons/nope/standings/platinum",
        f"/seasons/{REF}/standings/nope",
        f"/seasons/{REF}/events/nope",
        "/seasons/nope/events",
        f"/seasons/{REF}/standings/platinum?h2h=nobody,jeff-kingsley",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"].startswith("text/html"), url
        assert "<h1>404</h1>" in response.text
    assert "unknown season" in client.get("/seasons/nope").text


def test_events_list_and_event_page(client: TestClient) -> None:
    html = client.get(f"/seasons/{REF}/events").text
    assert html.count(f'href="/seasons/{REF}/events/') == 8
    assert "complete" in html and "to come" in html and "next" in html
    assert f"/seasons/{REF}/calendar.ics" in html and f"/seasons/{REF}/feed.atom" in html
    sebring = client.get(f"/seasons/{REF}/events/sebring").text
    assert "Qualifying" in sebring and "Thu 12 Nov 2020, 10:40 EST" in sebring
    assert "No results yet for this event." in sebring
    vir = client.get(f"/seasons/{REF}/events/vir?lang=fr").text
    assert "Scratch" in vir and "Pilotes" in vir and "Platinum Masters" in vir
    assert "sam. 22 août 2020, 11:05" in vir


def test_event_page_shows_penalties_with_reason_original_and_adjusted(client: TestClient) -> None:
    store = store_of(client)
    store.add_penalty(REF, "r07-race-2", "53", positions=2, reason="Track limits, lap 12", author="Stewards")
    html = client.get(f"/seasons/{REF}/events/st-petersburg").text
    assert "Penalties and corrections" in html
    assert "2-place penalty" in html and "Track limits, lap 12" in html and "Stewards" in html
    assert '<s title="Original result">P' in html
    assert "pénalité de 2 places" in client.get(f"/seasons/{REF}/events/st-petersburg?lang=fr").text


def test_dropped_results_are_struck_through(client: TestClient, tmp_path: Path) -> None:
    text = PRESET.read_text(encoding="utf-8").replace('best = "all"', "best = 5")
    assert "best = 5" in text
    rules = tmp_path / "imsa-best5.toml"
    rules.write_text(text, encoding="utf-8")
    store_of(client).set_ruleset(REF, str(rules), reason="best five events count")
    html = client.get(f"/seasons/{REF}/standings/platinum").text
    assert "Dropped results are struck through" in html
    assert re.search(r'<td class="dropped"><s title="Dropped">R\d+ ', html)
    assert "<s>P" in html  # and in the head-to-head


def test_names_with_markup_are_escaped(client: TestClient) -> None:
    evil = "<script>alert(1)</script>"
    store = store_of(client)
    store.create_series("xss", "Cup <b>bold</b>")
    classes = parse_classifications("[[classification]]\nid = 'open'\nname = 'Open <i>'\n", "classes.toml")
    store.create_season("xss", 2099, ruleset="imsa-2020", classifications=classes)
    calendar = (
        "round,event,event_name,venue,country,time_zone,session_name,kind,start,duration,broadcast\n"
        "1,a,Alpha,Ring <x>,USA,Europe/Paris,Race,race,2099-03-15 10:00,45min,tv <y>\n"
        "2,b,Bravo,Ring,USA,Europe/Paris,Race,race,2099-04-15 10:00,45min,tv\n"
    )
    store.add_events("xss-2099", parse_calendar(TextFile("calendar.csv", calendar)))
    entries = (
        "number,driver,birth_date,team,car_model,build_year,classes\n"
        f"1,{evil},1990-01-01,Crew <b>,911 GT3 Cup (991.2),2019,open\n"
        "2,Bob Bravo,1970-01-01,Team B,911 GT3 Cup (991.2),2018,open\n"
    )
    store.import_entries("xss-2099", parse_entry_list(TextFile("entries.csv", entries)))
    results = "position,number,status,laps,time\n1,1,,20,45:00.000\n2,2,,20,45:01.500\n"
    store.import_results("xss-2099", "r01-race", parse_results(TextFile("r01.csv", results)))
    store.add_penalty("xss-2099", "r01-race", "1", points=-3, reason=f"Said {evil}")
    for url in (
        "/seasons/xss-2099",
        "/seasons/xss-2099/standings/open",
        "/seasons/xss-2099/events",
        "/seasons/xss-2099/events/a",
        "/seasons/xss-2099/feed.atom",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert evil not in response.text, url
        assert "<b>" not in response.text and "<i>" not in response.text, url
    home = client.get("/seasons/xss-2099").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in home
    assert "Starts in" in home  # the next race is in the future: a countdown
    standings = client.get("/seasons/xss-2099/standings/open").text
    assert chart_of(standings)["series"][0]["name"] == evil  # type: ignore[index]


def test_a_season_without_results_renders(client: TestClient) -> None:
    from storekit import small_season

    ref = small_season(store_of(client), results=False)
    for url in (f"/seasons/{ref}", f"/seasons/{ref}/standings/pro", f"/seasons/{ref}/events/sebring"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "No results yet" in response.text, url
