"""Ergast/Jolpica JSON: the 1988 opening rounds (reshaped from f1db) read into a season.

tests/data/ergast-1988-rounds-1-2.json holds f1db's results (CC BY 4.0) in the Ergast API layout.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from podium.errors import InputError
from podium.importers.ergast import parse_ergast, read_ergast
from podium.model import Status
from podium.rules import f1_preset
from podium.standings import compute_standings

SAMPLE = Path(__file__).resolve().parent / "data" / "ergast-1988-rounds-1-2.json"


def document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def test_reads_races_statuses_and_times() -> None:
    season = read_ergast(SAMPLE)
    assert (season.year, season.ruleset, [e.round for e in season.events]) == (1988, "f1-1988", [1, 2])
    brazil = season.original_results("r01-race")
    winner = next(r for r in brazil if r.position == 1)
    assert season.entry(winner.entry).drivers == ("prost",)
    assert winner.time is not None and int(winner.time.total_seconds()) == 5766
    statuses = {r.status for r in brazil}
    assert {Status.CLASSIFIED, Status.DNF, Status.DNQ} <= statuses
    assert {c.id for c in season.classifications} == {"drivers", "constructors"}


def test_standings_after_two_rounds_match_the_points_in_the_document() -> None:
    season = read_ergast(SAMPLE)
    table = compute_standings(season, f1_preset(1988), "drivers")
    expected: dict[str, Fraction] = {}
    for race in document()["MRData"]["RaceTable"]["Races"]:
        for row in race["Results"]:
            who = row["Driver"]["driverId"]
            expected[who] = expected.get(who, Fraction(0)) + Fraction(row["points"])
    got = {row.competitor: row.points for row in table.rows}
    assert {k: v for k, v in got.items() if v} == {k: v for k, v in expected.items() if v}
    assert table.rows[0].name == "Alain Prost" and table.rows[0].points == 15


def test_every_problem_has_its_json_path() -> None:
    doc = document()
    races = doc["MRData"]["RaceTable"]["Races"]
    races[0]["Results"][3]["positionText"] = "Q"
    del races[1]["Results"][0]["Driver"]
    races[1]["date"] = "1988-13-01"
    with pytest.raises(InputError) as exc:
        parse_ergast(json.dumps(doc), "bad.json")
    fields = {p.field for p in exc.value.problems}
    assert fields == {
        "MRData.RaceTable.Races[0].Results[3].positionText",
        "MRData.RaceTable.Races[1].date",
    }


def test_missing_driver_is_named() -> None:
    doc = document()
    del doc["MRData"]["RaceTable"]["Races"][0]["Results"][0]["Driver"]
    with pytest.raises(InputError) as exc:
        parse_ergast(json.dumps(doc), "bad.json")
    assert [p.field for p in exc.value.problems] == ["MRData.RaceTable.Races[0].Results[0].Driver"]


def test_shared_drive_is_refused_with_a_pointer_to_f1db() -> None:
    doc = document()
    results = doc["MRData"]["RaceTable"]["Races"][0]["Results"]
    results[1]["positionText"] = results[0]["positionText"]
    with pytest.raises(InputError, match="import this season from f1db instead"):
        parse_ergast(json.dumps(doc), "shared.json")


def test_invalid_json_gives_line_and_column() -> None:
    with pytest.raises(InputError) as exc:
        parse_ergast('{"MRData": {\n  "RaceTable": [,]\n}}', "broken.json")
    (problem,) = exc.value.problems
    assert problem.line == 2 and "column" in problem.message


def test_not_an_ergast_document() -> None:
    with pytest.raises(InputError) as exc:
        parse_ergast('{"hello": "world"}', "x.json")
    assert exc.value.problems[0].field == "MRData"
