"""Fuzzing the readers of outside files: whatever the bytes, one PodiumError or a result, never a traceback.

Valid files are mutated cell by cell (numbers of every size and script, exponents, signs, times,
empty and huge cells, control characters, lone quotes) and as raw text (inserted, deleted and
replaced characters). Bounded so that CI runs it in a few seconds; each example must also finish
quickly (no value may trigger a slow path).
"""

from __future__ import annotations

import contextlib
import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.errors import PodiumError
from podium.importers.alkamel import parse_alkamel
from podium.importers.ergast import parse_ergast
from podium.importers.podium_csv import parse_calendar, parse_entry_list, parse_results
from podium.importers.result_formats import parse_result_sheet
from podium.importers.textfile import TextFile, decode
from podium.rules.loader import parse_ruleset_text
from podium.title import parse_scenario

FUZZ = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = 2.0
"""Seconds one example may take at most (a value that freezes a reader fails here)."""

RESULTS = """position,number,status,laps,time,laps_led,fastest_lap,pole,grid
1,1,,20,45:00.000,3,yes,no,2
2,2,,20,45:01.500,0,,,1
3,3,DNF,12,,0,,,3
"""
ENTRIES = """number,driver,team,car_model,build_year,classes,rounds
1,Jeff Kingsley,Team A,911,2019,pro,1-6
2,Sergio Pérez,Team B,911,2016,am,
"""
CALENDAR = """round,event_name,session_name,kind,date,time_zone,start,duration,laps
1,Sebring,Race 1,race,2020-11-13,America/New_York,2020-11-13 08:00,45min,20
"""
ALKAMEL = """POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;CLASS;PIC;FL_TIME;
1;7;Classified;20;45:00.000;GT;1;1'58.056;
2;8;Classified;20;45:01.000;GT;2;1'58.100;
3;9;Retired;12;;GT;3;;
"""
SPEEDHIVE = """Pos,Start Number,Competitor,Class,Total Time,Diff,Laps,Best Lap,Position In Class,Status
1,7,Ann Able,A,20:00.000,0.000,10,1:50.000,1,Finished
2,8,Bob Best,A,20:05.000,1 lap,9,1:49.000,2,Finished
DNF,9,Cy Cole,B,0.000,0.000,-,0.000,-,
"""
ORBITS = """"Pos","PIC","No.","Name","Class","Laps","Total Tm","Diff","Gap","Best Tm","In Lap","Points"
"1","1","27","Driver A","NP01","12","24:41.306","","","1:59.112","4","100"
"2","1","318","Driver C","Super Touring 4","12","25:03.447","22.141","22.141","2:01.985","3","100"
"3","2","49","Driver S","Super Touring 4","1","2:44.908","11 Laps","11 Laps","","0","90"
"""
SCENARIO = """title = "T"
[rules]
points = [25, 18, 15]
[[competitors]]
name = "A"
points = "10"
[[competitors]]
name = "B"
points = "9.5"
[[remaining]]
starters = 3
multiplier = 2
"""
RULES = """[ruleset]
id = "x"
name = "X"
[scoring.points]
race = [10, 6, 4]
"""

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "+1+1",
            "1e3000000",
            "9" * 5000,
            "１２",
            "٣",
            "²",
            "1_000",
            "nan",
            "inf",
            "1/0",
            "9/2",
            "99999999999:00:00",
            "45:1２.5",
            "-45:00.000",
            "A" * 300,
            '"',
            "\x00",
            "\r",
            "x" * 140_000,
            "\ud800",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=30),
)


def mutate_cells(text: str, delimiter: str, data: st.DataObject) -> str:
    lines = text.splitlines()
    row = data.draw(st.integers(1, len(lines) - 1), label="row")
    cells = lines[row].split(delimiter)
    column = data.draw(st.integers(0, len(cells) - 1), label="column")
    cells[column] = data.draw(CELLS, label="cell")
    lines[row] = delimiter.join(cells)
    return "\n".join(lines) + "\n"


def mutate_text(text: str, data: st.DataObject) -> str:
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        at = data.draw(st.integers(0, len(text)), label="at")
        cut = data.draw(st.integers(0, 5), label="cut")
        insert = data.draw(
            st.one_of(st.text(max_size=6), CELLS.filter(lambda c: len(c) < 200)), label="insert"
        )
        text = text[:at] + insert + text[at + cut :]
    return text


def survives(read: object, *args: object) -> None:
    """``read(*args)`` returns or raises a PodiumError, quickly."""
    start = time.perf_counter()
    with contextlib.suppress(PodiumError):
        read(*args)  # type: ignore[operator]
    assert time.perf_counter() - start < SLOW


def as_file(text: str, source: str) -> TextFile:
    """The text as the importers get it: bytes decoded (a lone surrogate is no UTF-8)."""
    return decode(text.encode("utf-8", "surrogatepass"), source)


def read_csv_like(parse: object, text: str, source: str) -> None:
    try:
        file = as_file(text, source)
    except PodiumError:
        return
    survives(parse, file)


@FUZZ
@given(st.data())
def test_podium_csv_cells(data: st.DataObject) -> None:
    for parse, text in ((parse_results, RESULTS), (parse_entry_list, ENTRIES), (parse_calendar, CALENDAR)):
        read_csv_like(parse, mutate_cells(text, ",", data), "f.csv")


@FUZZ
@given(st.data())
def test_podium_csv_text(data: st.DataObject) -> None:
    for parse, text in ((parse_results, RESULTS), (parse_entry_list, ENTRIES), (parse_calendar, CALENDAR)):
        read_csv_like(parse, mutate_text(text, data), "f.csv")


@FUZZ
@given(st.data())
def test_alkamel(data: st.DataObject) -> None:
    read_csv_like(parse_alkamel, mutate_cells(ALKAMEL, ";", data), "a.csv")
    read_csv_like(parse_alkamel, mutate_text(ALKAMEL, data), "a.csv")


@FUZZ
@given(st.data())
def test_mylaps_exports(data: st.DataObject) -> None:
    """Speedhive and Orbits, read through the one dispatch (detected from the header) and deferred,
    as the CLI, the admin and the API read them: the reader goes on past a problem, so it must
    survive whatever comes after one."""
    for text in (SPEEDHIVE, ORBITS):
        for mutated in (mutate_cells(text, ",", data), mutate_text(text, data)):
            read_csv_like(lambda file: parse_result_sheet(file, defer=True), mutated, "m.csv")


def ergast_document(value: object, key: str) -> str:
    row: dict[str, object] = {
        "number": "33",
        "position": "1",
        "positionText": "1",
        "laps": "57",
        "grid": "1",
        "Driver": {"driverId": "max_verstappen", "givenName": "Max", "familyName": "Verstappen"},
        "Constructor": {"constructorId": "red_bull", "name": "Red Bull"},
        "Time": {"millis": "5523897"},
    }
    race: dict[str, object] = {
        "season": "2021",
        "round": "1",
        "raceName": "Bahrain",
        "date": "2021-03-28",
        "Results": [row],
    }
    (row if key in row else race)[key] = value
    return json.dumps({"MRData": {"RaceTable": {"Races": [race]}}})


@FUZZ
@given(
    st.sampled_from(["season", "round", "date", "positionText", "laps", "grid", "number", "Time", "Driver"]),
    st.one_of(CELLS, st.integers(), st.none(), st.booleans(), st.lists(st.integers(), max_size=2)),
    st.data(),
)
def test_ergast(key: str, value: object, data: st.DataObject) -> None:
    text = ergast_document(value, key)
    survives(parse_ergast, text, "e.json")
    survives(parse_ergast, mutate_text(text, data), "e.json")


@FUZZ
@given(st.data())
def test_scenario_and_rules(data: st.DataObject) -> None:
    survives(lambda t: parse_scenario(t, source="s.toml"), mutate_text(SCENARIO, data))
    value = data.draw(CELLS.filter(lambda c: len(c) < 6000), label="value")
    text = SCENARIO.replace('"9.5"', json.dumps(value))
    survives(lambda t: parse_scenario(t, source="s.toml"), text)
    survives(lambda t: parse_ruleset_text(t, source="r.toml"), mutate_text(RULES, data))
    survives(lambda t: parse_ruleset_text(t, source="r.toml"), RULES.replace("10,", json.dumps(value) + ","))
