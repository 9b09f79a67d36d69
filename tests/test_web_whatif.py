"""What-if: chosen results applied to the title problem, on the page, in the API and in the pure logic.

The expected answers come from the core (``advance``, ``final_table``, ``champion_of``), never from
the web code under test.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from fastapi.testclient import TestClient

from podium.errors import InputError
from podium.model import Season
from podium.rules import Ruleset
from podium.settings import load_settings
from podium.store import open_store
from podium.title import Completion, SessionOutcome, champion_of, final_table
from podium.title.build import SeasonLink, problem_from_season
from podium.title.problem import TitleProblem
from podium.web.whatif import Scenario, SessionChoice, compute, query_scenario, resolve, scenario_query
from webkit import DEMO_REF, demo_db_template_fixture, make_app  # noqa: F401

API = f"/api/v1/seasons/{DEMO_REF}/whatif/platinum"
PAGE = f"/seasons/{DEMO_REF}/whatif/platinum"
DICKINSON = "riley-dickinson"
KINGSLEY = "jeff-kingsley"


@pytest.fixture(scope="module", name="db")
def db_fixture(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("whatif") / "demo.db"
    shutil.copyfile(demo_db_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="module", name="reader")
def reader_fixture(db: str) -> Iterator[TestClient]:
    app = make_app(db, whatif_wait=600)  # what-ifs run in a worker; a loaded machine is slow, not busy
    with TestClient(app) as client:
        yield client
    app.state.site.close()


@pytest.fixture(scope="module", name="season")
def season_fixture(db: str) -> tuple[Season, Ruleset]:
    settings = load_settings(env={}, database_url=db)
    store = open_store(db, settings=settings)
    try:
        return store.season(DEMO_REF)
    finally:
        store.close()


@pytest.fixture(scope="module", name="platinum")
def platinum_fixture(season: tuple[Season, Ruleset]) -> tuple[TitleProblem, SeasonLink]:
    return problem_from_season(season[0], season[1], "platinum")


def dickinson_wins(problem: TitleProblem) -> tuple[SessionOutcome, ...]:
    """Dickinson wins every remaining race; everyone else finishes in the order of the standings."""
    return tuple(
        SessionOutcome(session.id, (DICKINSON, *(c for c in problem.cars_in(session) if c != DICKINSON)))
        for session in problem.sessions
    )


def expected_champion(problem: TitleProblem, outcomes: tuple[SessionOutcome, ...]) -> str:
    champion = champion_of(final_table(problem, Completion(outcomes)))
    assert champion is not None
    return champion


def test_dickinson_wins_both_logic(platinum: tuple[TitleProblem, SeasonLink]) -> None:
    problem, link = platinum
    outcomes = dickinson_wins(problem)
    scenario = Scenario((SessionChoice((DICKINSON,)), SessionChoice((DICKINSON,))))
    assert resolve(problem, scenario) == outcomes
    result = compute(problem, link, scenario)
    assert result.complete
    assert result.champion == expected_champion(problem, outcomes) == KINGSLEY
    assert result.report.champion is not None and result.report.champion.contestant.id == KINGSLEY


def test_dickinson_wins_both_api_and_page(
    reader: TestClient, platinum: tuple[TitleProblem, SeasonLink]
) -> None:
    problem, _ = platinum
    outcomes = dickinson_wins(problem)
    champion = problem.contestant(expected_champion(problem, outcomes)).name
    body = {"sessions": [{"session": o.session, "order": list(o.order)} for o in outcomes], "lang": "en"}
    response = reader.post(API, json=body)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["complete"] is True
    assert data["final"]["champion"]["name"] == champion
    assert data["final"]["table"][0]["name"] == champion
    assert data["final"]["table"][0]["points"] == "542"  # 478 + 2 × 32
    assert [c["status"] for c in data["title"]["competitors"][:2]] == ["clinched", "eliminated"]
    page = reader.get(f"{PAGE}?lang=en&{data['query']}")
    assert page.status_code == 200
    assert re.search(rf'id="w-champion">.*{champion} is champion\.', page.text)
    # The short form of the same scenario shows the same.
    short = reader.get(f"{PAGE}?lang=en&s1={DICKINSON}&s2={DICKINSON}")
    assert re.search(rf'id="w-champion">.*{champion} is champion\.', short.text)


def test_kingsley_out_of_both_races_makes_dickinson_champion(
    reader: TestClient, platinum: tuple[TitleProblem, SeasonLink]
) -> None:
    problem, _ = platinum
    outcomes = tuple(
        SessionOutcome(o.session, tuple(c for c in o.order if c != KINGSLEY), (KINGSLEY,))
        for o in dickinson_wins(problem)
    )
    expected = expected_champion(problem, outcomes)
    assert expected == DICKINSON
    body = {"sessions": [{"order": [DICKINSON], "not_started": [KINGSLEY]}] * 2}
    data = reader.post(API, json=body).json()
    assert data["final"]["champion"]["id"] == expected
    assert data["sessions"][0]["not_started"] == [{"car": KINGSLEY, "name": "Jeff Kingsley"}]
    assert "d1=jeff-kingsley" in data["query"]


def test_partial_scenario_gives_the_title_state(reader: TestClient) -> None:
    response = reader.post(API, json={"sessions": [{"order": [DICKINSON, KINGSLEY]}], "lang": "fr"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["complete"] is False and data["final"] is None
    assert data["remaining"] == ["R8 Sebring — Race 2"]
    statuses = {c["name"]: c["status"] for c in data["title"]["competitors"]}
    assert statuses["Jeff Kingsley"] == "alive" and statuses["Riley Dickinson"] == "alive"
    assert data["standings"][0] == {
        "position": 1,
        "id": KINGSLEY,
        "name": "Jeff Kingsley",
        "points": "510",
        "gained": "32",
        "points_text": "510",
        "gained_text": "32",
    }
    assert "Platine" in data["title"]["press"] and "Platinum" not in data["title"]["press"]
    assert data["title"]["decision_table"]["session"] == "R8 Sebring — Race 2"
    page = reader.get(f"{PAGE}?lang=fr&{data['query']}")
    assert page.status_code == 200
    assert "Reste à courir\u00a0: R8 Sebring — Course 2." in page.text
    assert 'id="w-champion"' not in page.text


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"sessions": [{"order": ["nobody"]}]}, "'nobody' does not start"),
        ({"sessions": [{"order": [DICKINSON, DICKINSON]}]}, "listed twice"),
        ({"sessions": [{"order": [DICKINSON], "not_started": [DICKINSON]}]}, "listed twice"),
        ({"sessions": [{"session": "r08-race-2", "order": [DICKINSON]}]}, "order the sessions run"),
        ({"sessions": [{"order": []}, {"order": []}, {"order": []}]}, "only 2 remain"),
        ({"sessions": [{"order": [DICKINSON], "colour": "red"}]}, "schema"),
        ({"sessions": "everyone"}, "schema"),
    ],
)
def test_bad_scenarios_answer_422(reader: TestClient, body: object, fragment: str) -> None:
    response = reader.post(API, json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert fragment in error["message"] or any(fragment in str(d) for d in error["details"] or [])


def test_unknown_season_or_class_is_404(reader: TestClient) -> None:
    assert reader.post(f"/api/v1/seasons/{DEMO_REF}/whatif/nope", json={}).status_code == 404
    assert reader.post("/api/v1/seasons/nope/whatif/platinum", json={}).status_code == 404


def test_bad_page_urls_explain_themselves(reader: TestClient) -> None:
    out_of_order = reader.get(f"{PAGE}?lang=en&s2={DICKINSON}")
    assert out_of_order.status_code == 422
    assert "session 2 is given without session 1" in out_of_order.text
    assert 'role="alert"' in out_of_order.text
    unknown = reader.get(f"{PAGE}?lang=en&s1=ghost")
    assert unknown.status_code == 422
    assert "&#39;ghost&#39; does not start R8 Sebring — Race 1" in unknown.text


def test_empty_page_lists_the_field_in_standings_order(reader: TestClient) -> None:
    page = reader.get(f"{PAGE}?lang=en")
    assert page.status_code == 200
    cars = re.findall(r'data-car="([^"]+)"', page.text)
    assert cars[:2] == [KINGSLEY, DICKINSON]
    assert len(cars) == 26  # 13 starters in each of the 2 races
    assert 'id="w-result-h"' not in page.text


def test_query_round_trip(platinum: tuple[TitleProblem, SeasonLink]) -> None:
    problem, _ = platinum
    outcomes = dickinson_wins(problem)
    query = scenario_query(problem, outcomes)
    assert resolve(problem, query_scenario(dict(parse_qsl(query)))) == outcomes
    with pytest.raises(InputError, match="session 3 is given without session 2"):
        query_scenario({"s1": DICKINSON, "d3": KINGSLEY})


def test_openapi_documents_the_request_with_an_example(reader: TestClient) -> None:
    spec = reader.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/seasons/{ref}/whatif/{cls}"]["post"]
    schema_ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][schema_ref.rsplit("/", 1)[-1]]
    assert schema["examples"][0]["sessions"][0]["order"][0] == DICKINSON
    assert "422" in operation["responses"]
