"""One JSON mapping (present/data), one computation of a session's class results, one car label.

The API's response models are checked against what ``present.data`` writes (not against a second
copy of the shapes), the API serves exactly that mapping, and a session's class results add up to
the standings the scoring code computes on its own.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import NotRequired, TypedDict

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from podium.present.data import (
    Exact,
    SeasonData,
    TitleData,
    car_label,
    completion_data,
    event_data,
    standings_data,
)
from podium.present.results import class_lines
from podium.standings import compute_standings
from podium.store import ChangeRecord, SeasonInfo, record_data
from podium.title import Completion, SessionOutcome
from podium.title.problem import ANONYMOUS
from podium.web.api.schemas import (
    DERIVED,
    EXAMPLES,
    ChangeOut,
    EventDetail,
    EventSummary,
    SeasonSummary,
    StandingsOut,
    shape_fields,
    shape_model,
)
from podium.web.season_pages import class_results
from podium.web.site import Site
from test_forecast_simulate import bonus_problem
from webkit import DEMO_REF, client_fixture, demo_db_fixture, demo_db_template_fixture  # noqa: F401

SEASON = f"/api/v1/seasons/{DEMO_REF}"


def site_of(client: TestClient) -> Site:
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    return site


def test_the_api_serves_present_data_and_the_models_accept_it(client: TestClient) -> None:
    site = site_of(client)
    first = site.view(DEMO_REF).season.events[0].sessions[-1]
    loser = site.view(DEMO_REF).season.results_for(first.id)[1].entry
    site.store.add_penalty(DEMO_REF, first.id, loser, seconds=Fraction(5, 2), reason="track limits")
    view = site.view(DEMO_REF)
    season, ruleset = view.season, view.ruleset
    adjusted = 0
    for event in season.events:
        expected = EventDetail.model_validate(event_data(season, event, ruleset)).model_dump(mode="json")
        assert client.get(f"{SEASON}/events/{event.id}").json() == expected
        assert season.find_event(str(event.round)) is season.find_event(event.id) is event
        adjusted += sum(len(s["adjustments"]) for s in expected["sessions"])
        EventSummary.model_validate(event_data(season, event))
    assert adjusted > 0  # the demo's penalties travel through the one mapping too
    listed = client.get(f"{SEASON}/events").json()
    assert listed == [
        EventSummary.model_validate(event_data(season, e)).model_dump(mode="json") for e in season.events
    ]
    seasons = [
        SeasonSummary.model_validate(record_data(i)).model_dump(mode="json") for i in site.store.seasons()
    ]
    assert client.get("/api/v1/seasons").json() == seasons
    log = site.store.log(DEMO_REF)
    changes = client.get(f"{SEASON}/log", params={"limit": 500}).json()["changes"]
    shown = [{k: record_data(c)[k] for k in ChangeOut.model_fields} for c in log]  # no season, no payload
    assert changes == [ChangeOut.model_validate(c).model_dump(mode="json") for c in shown]
    assert record_data(log[0])["kind"] == "penalty.add" and record_data(log[0])["payload"]
    for c in season.classifications:
        table = standings_data(compute_standings(season, ruleset, c.id), season=DEMO_REF)
        assert client.get(f"{SEASON}/standings/{c.id}").json() == StandingsOut.model_validate(
            table
        ).model_dump(mode="json")


def test_class_results_add_up_to_the_standings(client: TestClient) -> None:
    """Every point of every class line, summed per competitor, is the table's total (drops and
    penalty points aside); the season pages show the same cars in the same order as the API."""
    view = site_of(client).view(DEMO_REF)
    season, ruleset = view.season, view.ruleset
    for c in season.classifications:
        earned: defaultdict[str, Fraction] = defaultdict(Fraction)
        for event, session in season.sessions():
            lines = class_lines(season, ruleset, c, event, session)
            page = class_results(season, ruleset, c, event, session)
            assert [x.result.entry for x in page] == [x.result.entry for x in lines]
            ranked = [x.position for x in lines if x.position is not None]
            assert ranked == sorted(ranked)
            for line in lines:
                for who, score in line.scores:
                    earned[who] += score.total
        table = compute_standings(season, ruleset, c.id)
        assert table.rows
        for row in table.rows:
            assert earned[row.competitor] == row.total_points, (c.id, row.name)


def test_one_car_label_for_title_endings() -> None:
    problem = bonus_problem()  # a team with cars t#1 and t#2, single-car drivers, unnamed field cars
    assert car_label(problem, "t#2") == "Team #2"
    assert car_label(problem, "x") == "X"
    assert car_label(problem, f"{ANONYMOUS}1") == "(unnamed car)"
    ending = Completion((SessionOutcome("s1", ("t#1", "x", f"{ANONYMOUS}1"), ("y",)),))
    assert completion_data(problem, ending) == [
        {"session": "Race 1", "order": ["Team #1", "X", "(unnamed car)"], "not_classified": ["Y"]}
    ]


def test_the_api_schemas_are_the_shapes_of_present_data(client: TestClient) -> None:
    """The OpenAPI document cannot drift from present.data (or the store's records): every schema
    derived from a shape has exactly its keys, in its order, required where the shape always writes
    them; the three built from shapes add only the API's own fields."""
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert len(DERIVED) >= 20
    for name, shape in DERIVED.items():
        fields = shape_fields(shape)
        assert list(schemas[name]["properties"]) == list(fields), name
        assert set(schemas[name].get("required", [])) == {k for k, (_, always) in fields.items() if always}
    title = set(schemas["TitleOut"]["properties"])
    assert title == set(shape_fields(TitleData)) | {"version", "as_of", "current", "state"}
    season = set(schemas["SeasonDetail"]["properties"])
    assert season == set(shape_fields(SeasonInfo)) | set(shape_fields(SeasonData)) | {"classifications"}
    assert set(schemas["ChangeOut"]["properties"]) == set(shape_fields(ChangeRecord)) - {"season", "payload"}
    for shape, examples in EXAMPLES.items():
        assert set(examples) <= set(shape_fields(shape)), shape
    points = schemas["StandingsRow"]["properties"]["points"]
    assert "exact number" in points["description"] and points["examples"] == ["478"]
    assert schemas["EventDetail"]["properties"]["id"]["examples"] == ["sebring"]  # from EventFields


class LapChartData(TypedDict):
    """A shape added to present.data one day."""

    leader: str
    """Who led most laps."""
    gap: Exact
    """Seconds between the first two."""
    note: NotRequired[str]


def test_a_field_added_to_a_shape_is_documented_with_no_second_edit() -> None:
    model = shape_model(LapChartData)
    schema = model.model_json_schema()
    assert schema["description"] == "A shape added to present.data one day."
    assert schema["properties"]["leader"]["description"] == "Who led most laps."
    assert (
        schema["properties"]["gap"]["pattern"]
        and "exact number" in schema["properties"]["gap"]["description"]
    )
    assert schema["required"] == ["leader", "gap"]
    answer = model.model_validate({"leader": "A", "gap": "9/2"})
    assert answer.model_dump(mode="json") == {"leader": "A", "gap": "9/2"}  # absent stays absent
    with pytest.raises(ValidationError):
        model.model_validate({"leader": "A", "gap": "4.5"})  # points and gaps are exact text
    with pytest.raises(ValidationError):
        model.model_validate({"leader": "A", "gap": "1", "lap": 3})  # a key the shape does not declare
