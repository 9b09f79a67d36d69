"""The JSON API's reads on the Sebring demo: the CLI's numbers, the past, the calendar, the log, errors."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from podium.cli import app as cli
from podium.present.data import standings_data, title_data
from podium.standings import compute_standings
from podium.store import Store
from podium.web.site import Site
from webkit import (  # noqa: F401
    DEMO_REF,
    client_fixture,
    demo_db_fixture,
    demo_db_template_fixture,
    prove_now,
)

API = "/api/v1"
SEASON = f"{API}/seasons/{DEMO_REF}"
CLASSES = ("platinum", "platinum-masters", "gold")
BEFORE_RACE_14 = "2020-10-25T13:00:00-04:00"
"""Race 14 (round 7, race 2) started at 12:40 local on 25 October; its results came at 14:10."""


def site_of(client: TestClient) -> Site:
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    return site


def store_of(client: TestClient) -> Store:
    return site_of(client).store


def ok(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    error: dict[str, Any] = body["error"]
    return error


# -- seasons --------------------------------------------------------------------------------------------
def test_seasons_list_the_demo(client: TestClient) -> None:
    (season,) = ok(client, f"{API}/seasons")
    assert season["ref"] == DEMO_REF
    assert season["year"] == 2020
    assert season["ruleset"] == "imsa-2020"
    assert season["rounds"] == 8
    assert season["sessions_with_results"] == 14
    assert season["version"] == store_of(client).version(DEMO_REF)


def test_season_detail_has_progress_and_leaders(client: TestClient) -> None:
    season = ok(client, SEASON)
    assert season["rounds_completed"] == 7
    assert season["changes"] == len(store_of(client).log(DEMO_REF))
    leaders = {c["id"]: (c["leader"], c["leader_points"]) for c in season["classifications"]}
    assert leaders["platinum"] == ("Jeff Kingsley", "478")
    assert [c["id"] for c in ok(client, f"{SEASON}/classifications")] == list(CLASSES)


# -- standings ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", CLASSES)
def test_standings_are_the_clis(client: TestClient, demo_db: str, cls: str) -> None:
    api = ok(client, f"{SEASON}/standings/{cls}")
    assert api == cli_json("standings", DEMO_REF, "--class", cls, "--json", "--database", demo_db)
    assert all(isinstance(row["points"], str) for row in api["rows"])


def test_standings_as_of_before_race_14_is_the_earlier_table(client: TestClient, demo_db: str) -> None:
    now = ok(client, f"{SEASON}/standings/platinum")
    then = ok(client, f"{SEASON}/standings/platinum", as_of=BEFORE_RACE_14)
    instant = datetime.fromisoformat(BEFORE_RACE_14)
    season, ruleset = store_of(client).season(DEMO_REF, as_of=instant)
    assert then == standings_data(compute_standings(season, ruleset, "platinum"), season=DEMO_REF)
    assert then == cli_json(
        "standings",
        DEMO_REF,
        "--class",
        "platinum",
        "--as-of",
        BEFORE_RACE_14,
        "--json",
        "--database",
        demo_db,
    )
    assert then != now
    kingsley = {r["competitor"]: r for r in now["rows"]}["Jeff Kingsley"]
    assert {r["competitor"]: r for r in then["rows"]}["Jeff Kingsley"]["points"] != kingsley["points"]


def test_standings_after_a_round(client: TestClient) -> None:
    table = ok(client, f"{SEASON}/standings/gold", after_round=3)
    assert table["after_round"] == 3
    season, ruleset = store_of(client).season(DEMO_REF)
    assert table == standings_data(compute_standings(season, ruleset, "gold", 3), season=DEMO_REF)


def test_a_time_without_offset_is_refused_clearly(client: TestClient) -> None:
    error = error_of(client.get(f"{SEASON}/standings/platinum", params={"as_of": "2020-10-25T13:00"}), 422)
    assert error["code"] == "invalid_input"
    assert "no UTC offset" in error["message"]
    error = error_of(client.get(f"{SEASON}/standings/platinum", params={"as_of": "yesterday"}), 422)
    assert error["details"][0]["loc"] == ["query", "as_of"]


def test_a_season_asked_before_it_existed_is_not_found(client: TestClient) -> None:
    error = error_of(client.get(f"{SEASON}/standings/platinum", params={"as_of": "2019-01-01T00:00Z"}), 404)
    assert "did not exist yet" in error["message"]


# -- title ----------------------------------------------------------------------------------------------
def test_title_is_the_reports_json_in_both_languages(client: TestClient) -> None:
    site = site_of(client)
    prove_now(site, classes=["platinum"])  # as a worker would
    english = ok(client, f"{SEASON}/title/platinum")
    report = site.title(site.view(DEMO_REF), "platinum").report  # cached by the proof above
    version = site.store.version(DEMO_REF)
    proven = {"version": version, "as_of": {"version": version, "moment": english["moment"]}}
    proven |= {"current": True, "state": "proven"}
    assert english == {**title_data(report, lang="en", label="Platinum"), **proven}
    assert english["moment"]["session"] == "r07-race-2"
    assert english["press"].startswith("Jeff Kingsley leads Platinum by 31 points")
    statuses = {c["name"]: c["status"] for c in english["competitors"]}
    assert statuses["Jeff Kingsley"] == "alive"
    assert english["after_round"] == 7
    french = ok(client, f"{SEASON}/title/platinum", lang="fr")
    assert french == {**title_data(report, lang="fr", label="Platinum"), **proven}
    assert french["press"] != english["press"]
    error_of(client.get(f"{SEASON}/title/platinum", params={"lang": "de"}), 422)


# -- events ---------------------------------------------------------------------------------------------
def test_events_give_local_start_times_zone_and_broadcast(client: TestClient) -> None:
    events = ok(client, f"{SEASON}/events")
    assert [e["round"] for e in events] == list(range(1, 9))
    sebring = events[-1]
    assert sebring["id"] == "sebring"
    race_1 = next(s for s in sebring["sessions"] if s["id"] == "r08-race-1")
    assert race_1["start_local"] == "2020-11-13T08:00:00"
    assert race_1["start"] == "2020-11-13T08:00:00-05:00"
    assert race_1["time_zone"] == "America/New_York"
    assert race_1["broadcast"] == "imsa.tv"
    assert race_1["scheduled_duration"] == "PT45M"
    assert race_1["has_results"] is False
    road_america = events[0]["sessions"][0]
    assert road_america["start"] == "2020-08-01T10:35:00-05:00"  # Chicago in summer


def test_event_by_id_or_round_has_results_per_class(client: TestClient) -> None:
    event = ok(client, f"{SEASON}/events/st-petersburg")
    assert event == ok(client, f"{SEASON}/events/7")
    race = event["sessions"][0]
    assert race["results"][0]["position"] == 1
    assert race["results"][0]["drivers"] == ["Jeff Kingsley"]
    assert race["results"][0]["time"] == "2593.006"
    platinum = race["classes"]["platinum"]
    assert (platinum[0]["competitor"], platinum[0]["position"], platinum[0]["points"]) == (
        "Jeff Kingsley",
        1,
        "35",
    )
    assert set(race["classes"]) == set(CLASSES)
    assert race["adjustments"] == []
    upcoming = ok(client, f"{SEASON}/events/sebring")["sessions"]
    assert all(s["results"] == [] and s["classes"] == {} for s in upcoming)


def test_a_penalty_shows_with_its_reason_and_moves_the_class_result(client: TestClient) -> None:
    before = ok(client, f"{SEASON}/events/7")["sessions"][1]
    etag = client.get(f"{SEASON}/events/7").headers["etag"]
    winner = before["results"][0]["entry"]
    store_of(client).add_penalty(
        DEMO_REF, "r07-race-2", winner, positions=2, reason="avoidable contact, turn 1", author="stewards"
    )
    response = client.get(f"{SEASON}/events/7", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["etag"] != etag
    after = response.json()["sessions"][1]
    (adjustment,) = after["adjustments"]
    assert adjustment["kind"] == "positions"
    assert adjustment["positions"] == 2
    assert adjustment["reason"] == "avoidable contact, turn 1"
    assert adjustment["author"] == "stewards"
    assert after["results"][2]["entry"] == winner
    (latest,) = ok(client, f"{SEASON}/log", limit=1)["changes"]
    assert latest["kind"] == "penalty.add"
    assert latest["reason"] == "avoidable contact, turn 1"


# -- log ------------------------------------------------------------------------------------------------
def test_log_pages_newest_first(client: TestClient) -> None:
    everything = ok(client, f"{SEASON}/log", limit=500)
    total = everything["total"]
    assert total == len(store_of(client).log(DEMO_REF)) == len(everything["changes"])
    ids = [c["id"] for c in everything["changes"]]
    assert ids == sorted(ids, reverse=True)
    page = ok(client, f"{SEASON}/log", limit=5, offset=3)
    assert [c["id"] for c in page["changes"]] == ids[3:8]
    assert (page["limit"], page["offset"], page["total"]) == (5, 3, total)
    assert everything["changes"][-1]["kind"] == "season.create"
    assert ok(client, f"{SEASON}/log", offset=total)["changes"] == []
    error_of(client.get(f"{SEASON}/log", params={"limit": 0}), 422)


# -- caching --------------------------------------------------------------------------------------------
def test_etag_follows_the_season_version(client: TestClient) -> None:
    first = client.get(f"{SEASON}/standings/platinum")
    etag = first.headers["etag"]
    assert etag == f'W/"{DEMO_REF}.{store_of(client).version(DEMO_REF)}"'
    assert first.headers["cache-control"] == "public, no-cache"
    again = client.get(f"{SEASON}/standings/platinum", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag


# -- errors ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "what", "name"),
    [
        (f"{API}/seasons/gt3-usa-2019", "season", "gt3-usa-2019"),
        (f"{API}/seasons/gt3-usa-2019/standings/platinum", "season", "gt3-usa-2019"),
        (f"{SEASON}/standings/silver", "classification", "silver"),
        (f"{SEASON}/title/silver", "classification", "silver"),
        (f"{SEASON}/events/daytona", "event", "daytona"),
        (f"{API}/seasons/gt3-usa-2019/log", "season", "gt3-usa-2019"),
    ],
)
def test_unknown_things_are_404_naming_them(client: TestClient, path: str, what: str, name: str) -> None:
    error = error_of(client.get(path), 404)
    assert error["code"] == "not_found"
    assert f"unknown {what} {name!r}" in error["message"]
    known = error["details"].pop("known")
    assert error["details"] == {"what": what, "name": name}
    assert known and name not in known  # the valid names, all of them


def test_a_wrong_method_is_405_in_the_envelope(client: TestClient) -> None:
    error = error_of(client.delete(f"{SEASON}/standings/platinum"), 405)
    assert error["code"] == "method_not_allowed"


# -- OpenAPI --------------------------------------------------------------------------------------------
def test_openapi_is_valid_and_lists_the_reads(client: TestClient) -> None:
    document = ok(client, f"{API}/openapi.json")
    schemathesis.openapi.from_dict(document).validate()
    paths = document["paths"]
    for path in (
        "/seasons",
        "/seasons/{ref}",
        "/seasons/{ref}/classifications",
        "/seasons/{ref}/standings/{cls}",
        "/seasons/{ref}/title/{cls}",
        "/seasons/{ref}/events",
        "/seasons/{ref}/events/{event_id}",
        "/seasons/{ref}/log",
    ):
        operation = paths[path]["get"]
        assert operation["tags"] and operation["summary"]
        assert "$ref" in operation["responses"]["200"]["content"]["application/json"]["schema"] or path in (
            "/seasons",
            "/seasons/{ref}/classifications",
            "/seasons/{ref}/events",
        )
        assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorEnvelope"
        }
    standings = document["components"]["schemas"]["StandingsRow"]["properties"]
    assert standings["points"]["type"] == "string"
