"""The title battle pages on the Sebring demo: the maths the CLI prints, in the page, in EN and FR.

One app serves every test of this module (the title analysis takes seconds and is cached per
season version; these tests only read).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from podium.present.text import Text
from webkit import DEMO_REF, demo_db_template_fixture, proven_reader  # noqa: F401

PAGE = f"/seasons/{DEMO_REF}/title"


@pytest.fixture(scope="module", name="reader")
def reader_fixture(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    yield from proven_reader(demo_db_template, tmp_path_factory.mktemp("title"))


@pytest.fixture(scope="module", name="platinum")
def platinum_fixture(reader: TestClient) -> str:
    response = reader.get(f"{PAGE}/platinum?lang=en")
    assert response.status_code == 200
    return response.text


def text_of(html: str) -> str:
    """The page's words, without tags (the tests read what a reader reads)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def test_leader_conditions_in_english(platinum: str) -> None:
    words = text_of(platinum)
    assert (
        "Jeff Kingsley is champion by finishing 11th or better in both races. (12th would not be enough.)"
        in words
    )
    assert "scoring at least 39 points over the last two races, whatever the others score" in words
    assert "Jeff Kingsley leads Platinum by 31 points over Riley Dickinson with 2 races left." in words


def test_leader_conditions_in_french(reader: TestClient) -> None:
    words = text_of(reader.get(f"{PAGE}/platinum?lang=fr").text)
    assert "11e ou mieux lors des deux courses" in words
    assert "(12e ne suffirait pas.)" in words
    assert "Lutte pour le titre" in words
    assert "Qui peut encore gagner" in words


def test_dickinson_is_alive_and_the_rest_are_out_with_certificates(platinum: str) -> None:
    words = text_of(platinum)
    assert "Riley Dickinson can still win the title." in words
    row = re.search(
        r"<tr class=\"t-alive\">\s*<td[^>]*>2</td>\s*<th scope=\"row\">Riley Dickinson</th>", platinum
    )
    assert row is not None
    assert "Jake McAlister would reach 464, 14 points short of the 478 Jeff Kingsley already has" in words
    # 30 out of contention: 3 listed, the rest folded away.
    assert platinum.count('<tr class="t-eliminated">') == 30
    assert "27 more competitors out of contention" in words
    assert re.search(r"<details class=\"t-more\">\s*<summary>27 more</summary>", platinum)


def test_decision_table_matches_the_report(reader: TestClient, platinum: str) -> None:
    site = reader.app.state.site  # type: ignore[attr-defined]
    view = site.view(DEMO_REF)
    decision = site.title(view, "platinum").report.decision
    assert decision is not None
    leader_cells = sum(1 for outcome in decision.cells.values() if outcome == "leader")
    assert platinum.count('<td class="c-leader"') == leader_cells
    assert "Next session: R8 Sebring — Race 1" in text_of(platinum)
    report = site.title(view, "platinum").report
    assert Text("en").decision(report.problem, decision) in text_of(platinum)


def test_forecast_chart_data(platinum: str) -> None:
    found = re.search(r'<script type="application/json" id="t-forecast-data">(.*?)</script>', platinum, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["names"] == ["Jeff Kingsley", "Riley Dickinson"]
    assert data["odds"][0] > 0.9
    assert sum(data["odds"]) <= 1
    assert '<script src="/static/plotly.min.js"' in platinum


def test_no_inline_script(platinum: str) -> None:
    for tag in re.findall(r"<script[^>]*>", platinum):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_all_classes_page(reader: TestClient) -> None:
    response = reader.get(PAGE + "?lang=en")
    assert response.status_code == 200
    for cls in ("platinum", "platinum-masters", "gold"):
        assert f'href="{PAGE}/{cls}"' in response.text
    words = text_of(response.text)
    # the press paragraphs: full name once, then the family name
    assert "Alan Metni leads Platinum Masters" in words
    assert "Metni only needs to start both races to be champion." in words
    assert "Swearingin only needs to start both races to be champion." in words


def test_masters_and_gold_pages(reader: TestClient) -> None:
    words = text_of(reader.get(f"{PAGE}/platinum-masters?lang=en").text)
    assert (
        "Alan Metni only needs to start both races to be champion. (Starting 1 race would not be enough.)"
        in words
    )
    assert "Charlie Luck can still win the title." in words


def test_unknown_class_is_a_404_page(reader: TestClient) -> None:
    response = reader.get(f"{PAGE}/no-such-class")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert reader.get("/seasons/no-such-season/title").status_code == 404


def test_every_contenders_path_in_the_page(reader: TestClient, platinum: str) -> None:
    """Each contender's path (sentence and grid) is on the page, as the report says it."""
    site = reader.app.state.site  # type: ignore[attr-defined]
    report = site.title(site.view(DEMO_REF), "platinum").report
    assert {report.problem.contestant(p.contender).name for p in report.paths} == {
        "Jeff Kingsley",
        "Riley Dickinson",
    }
    words = text_of(platinum)
    assert "Every contender's path in R8 Sebring — Race 1" in words
    for path in report.paths:
        assert Text("en").path(report.problem, path) in words
    assert platinum.count('<table class="t-path-grid">') == sum(1 for p in report.paths if p.rows)
    french = text_of(reader.get(f"{PAGE}/platinum?lang=fr").text)
    assert "Ce qu’il faut à chaque prétendant en" in french
    for path in report.paths:
        assert re.sub(r"\s+", " ", Text("fr").path(report.problem, path)) in french
