"""Bounded input at every reader: numbers, times, time zones and text from files (issue 15, input half).

Each case goes through a public entry point (an importer, the scenario or ruleset reader) and asks
for one clear InputError naming the file, the line and the field, never a traceback or minutes of
CPU. The one home of the bounds, podium.model.values, is tested in test_values.py.
"""

from __future__ import annotations

import json
import time

import pytest

from podium.errors import InputError, RuleError
from podium.importers.alkamel import parse_alkamel
from podium.importers.ergast import parse_ergast
from podium.importers.podium_csv import parse_calendar, parse_entry_list, parse_results
from podium.importers.textfile import TextFile
from podium.model import Event, Session, SessionKind
from podium.rules.loader import parse_ruleset_text
from podium.title import parse_scenario

HUGE = "1e3000000"


def problem_of(
    call: object, *args: object, **kwargs: object
) -> tuple[str | None, int | None, str | None, str]:
    """(source, line, field, message) of the first problem raised by ``call(*args, **kwargs)``."""
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    first = caught.value.problems[0]
    return first.source, first.line, first.field, first.message


def results(text: str) -> TextFile:
    return TextFile("r01.csv", text)


# -- CSV results: plain ASCII digits, bounded, times consistent with the order ---------------------
RESULTS_HEAD = "position,number,laps,time\n"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("２,2,20,45:01.500", "position"),  # full-width digits: int() would read 2
        ("2,2,２０,45:01.500", "laps"),
        ("2,2,20,４５:01.500", "time"),
        ("2,2,20,45:0１.500", "time"),
        ("2,2,1_0,45:01.500", "laps"),  # int() reads 10
        ("2,2,99999999999999999999,45:01.500", "laps"),  # beyond the store's integer columns
        ("99999999999999999999,2,20,45:01.500", "position"),
        ("2,2,20,99999999999:00:00", "time"),  # timedelta would overflow
        ("2,2,20,200:00:00.000", "time"),  # over a week
    ],
)
def test_result_numbers_are_plain_and_bounded(row: str, field: str) -> None:
    text = RESULTS_HEAD + "1,1,20,45:00.000\n" + row + "\n"
    source, line, got_field, _ = problem_of(parse_results, results(text))
    assert (source, line, got_field) == ("r01.csv", 3, field)


def test_a_misread_time_cannot_contradict_the_classified_order() -> None:
    # The attack of issue 15: P4's time read as 12 s would put it first after a 5 s penalty.
    text = RESULTS_HEAD + "1,1,20,45:00.000\n2,2,20,45:01.500\n3,3,20,45:04.000\n4,4,20,45:06.000\n"
    parse_results(results(text))  # consistent: accepted
    bad = text.replace("45:06.000", "44:59.000")
    source, line, field, message = problem_of(parse_results, results(bad))
    assert (source, line, field) == ("r01.csv", 5, "time")
    assert "#3 in position 3" in message and "line 4" in message and "contradict" in message
    tiny = text.replace("45:06.000", "12.000")
    _, line, field, message = problem_of(parse_results, results(tiny))
    assert (line, field) == (5, "time") and "under a second a lap" in message


def test_fewer_laps_may_have_a_shorter_time() -> None:
    text = RESULTS_HEAD + "1,1,20,45:00.000\n2,2,19,44:00.000\n3,3,19,44:30.000\n"
    assert [r.position for r in parse_results(results(text)).rows] == [1, 2, 3]


def test_csv_field_over_the_csv_module_limit_is_a_problem_with_its_line() -> None:
    text = RESULTS_HEAD + "1,1,20,45:00.000\n" + '2,"' + "x" * (129 * 1024) + '",20,45:01.500\n'
    source, line, _, message = problem_of(parse_results, results(text))
    assert (source, line) == ("r01.csv", 3)
    assert "cannot read this line as CSV" in message


def test_entry_list_yes_no_and_build_year() -> None:
    head = "number,driver,build_year\n"
    _, line, field, _ = problem_of(parse_entry_list, TextFile("e.csv", head + "1,A,２０２０\n"))
    assert (line, field) == (2, "build_year")


# -- calendars: time zones and durations -----------------------------------------------------------
CALENDAR_HEAD = "round,event_name,session_name,kind,date,time_zone,duration\n"


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ("1,Sebring,Race,race,2024-03-16," + "A" * 300 + ",45min", "time_zone"),  # OSError before
        ("1,Sebring,Race,race,2024-03-16,../../etc/passwd,45min", "time_zone"),
        ("1,Sebring,Race,race,2024-03-16,UTC,99999999999999h", "duration"),  # OverflowError before
        ("1,Sebring,Race,race,2024-03-16,UTC,４５min", "duration"),
        ("99999999999999999999,Sebring,Race,race,2024-03-16,UTC,45min", "round"),
    ],
)
def test_calendar_values_are_bounded(cells: str, field: str) -> None:
    source, line, got, _ = problem_of(parse_calendar, TextFile("calendar.csv", CALENDAR_HEAD + cells + "\n"))
    assert (source, line, got) == ("calendar.csv", 2, field)


def test_model_refuses_what_no_reader_should_pass() -> None:
    from datetime import date, timedelta

    from podium.errors import ConsistencyError

    with pytest.raises(ConsistencyError, match="time zone"):
        Event(1, "e", "E", date(2024, 1, 1), time_zone="A" * 300)
    with pytest.raises(ConsistencyError, match="negative"):
        Session("s", "S", SessionKind.RACE, scheduled_duration=timedelta(seconds=-5))


# -- Al Kamel and Ergast ---------------------------------------------------------------------------
def test_alkamel_full_width_and_huge_numbers() -> None:
    head = "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;CLASS;\n"
    good = "1;7;Classified;20;45:00.000;GT;\n"
    _, line, field, _ = problem_of(
        parse_alkamel, TextFile("a.csv", head + good + "２;8;Classified;20;45:01.000;GT;\n")
    )
    assert (line, field) == (3, "POSITION")
    text = head + good + "2;8;Classified;20;4５:01.000;GT;\n"
    _, line, field, _ = problem_of(parse_alkamel, TextFile("a.csv", text))
    assert (line, field) == (3, "TOTAL_TIME")
    text = head + good + "2;8;Classified;" + "9" * 5000 + ";45:01.000;GT;\n"
    _, line, field, _ = problem_of(parse_alkamel, TextFile("a.csv", text))
    assert (line, field) == (3, "LAPS")


def ergast(races: list[dict[str, object]]) -> str:
    return json.dumps({"MRData": {"RaceTable": {"Races": races}}})


def test_ergast_numbers_are_bounded() -> None:
    race: dict[str, object] = {
        "season": "2021",
        "round": "１",
        "raceName": "X",
        "date": "2021-03-28",
        "Results": [],
    }
    _, _, field, _ = problem_of(parse_ergast, ergast([race]), "e.json")
    assert field == "MRData.RaceTable.Races[0].round"
    text = '{"MRData": {"RaceTable": {"Races": [{"season": ' + "9" * 5000 + "}]}}}"
    source, _, _, message = problem_of(parse_ergast, text, "e.json")
    assert source == "e.json" and "cannot read this JSON" in message
    nested = "[" * 100_000 + "]" * 100_000
    assert "nested too deeply" in problem_of(parse_ergast, nested, "e.json")[3]


# -- scenario files --------------------------------------------------------------------------------
SCENARIO = """\
title = "T"
[rules]
points = [25, 18, 15]
{rules}
[[competitors]]
name = "Sergio Pérez"
points = "{points}"
[[competitors]]
name = "B"
points = "9"
[[remaining]]
starters = 3
{remaining}
"""


def scenario(points: str = "10", rules: str = "", remaining: str = "") -> str:
    return SCENARIO.format(points=points, rules=rules, remaining=remaining)


def test_scenario_huge_number_is_refused_at_once() -> None:
    start = time.perf_counter()
    source, line, field, message = problem_of(parse_scenario, scenario(points=HUGE), source="s.toml")
    assert time.perf_counter() - start < 1
    assert (source, line, field) == ("s.toml", 7, "competitors[0].points")
    assert "exponent" in message


@pytest.mark.parametrize("points", ["１２", "1_2", "0x10", "9" * 40])
def test_scenario_numbers_are_plain(points: str) -> None:
    text = scenario().replace('points = "10"', f"points = {json.dumps(points)}")
    assert problem_of(parse_scenario, text)[2] == "competitors[0].points"


def test_scenario_and_entry_list_agree_on_slugs() -> None:
    problem = parse_scenario(scenario())
    entries = parse_entry_list(TextFile("e.csv", "number,driver\n11,Sergio Pérez\n"))
    assert problem.contestants[0].id == entries.drivers[0].id == "sergio-perez"


@pytest.mark.parametrize(
    ("rules", "remaining", "field"),
    [
        ("countback_kinds = [[1]]\n[rules.tables]\nsprint = [3, 2, 1]", "", "rules.countback_kinds[0]"),
        (
            "countback_kinds = ['sprint']\n[rules.tables]\nsprint = [3, 2, 1]",
            "kind = [1]",
            "remaining[0].kind",
        ),
    ],
)
def test_scenario_shapes_that_raised_type_error(rules: str, remaining: str, field: str) -> None:
    assert problem_of(parse_scenario, scenario(rules=rules, remaining=remaining))[2] == field


def test_scenario_common_denominator_is_bounded() -> None:
    primes = [997, 991, 983, 977, 971, 967, 953, 947]
    table = ", ".join(f'"{k}/{p}"' for k, p in zip(range(8, 0, -1), primes, strict=True))
    text = scenario().replace("points = [25, 18, 15]", f"points = [{table}]")
    _, _, field, message = problem_of(parse_scenario, text)
    assert field == "rules.points" and "common denominator" in message


def test_scenario_toml_integer_of_thousands_of_digits() -> None:
    text = scenario().replace('points = "10"', "points = " + "9" * 5000)
    source, _, _, message = problem_of(parse_scenario, text, source="s.toml")
    assert source == "s.toml" and "cannot read this TOML" in message


# -- rulesets --------------------------------------------------------------------------------------
RULES = """\
[ruleset]
id = "x"
name = "X"
[scoring.points]
race = [{first}, 6, 4]
"""


def test_ruleset_huge_number_is_refused_at_once() -> None:
    start = time.perf_counter()
    with pytest.raises(RuleError) as caught:
        parse_ruleset_text(RULES.format(first=f'"{HUGE}"'), source="x.toml")
    assert time.perf_counter() - start < 1
    assert caught.value.problems[0].field == "scoring.points.race[0]"
    with pytest.raises(RuleError, match="cannot read this TOML"):
        parse_ruleset_text(RULES.format(first="9" * 5000), source="x.toml")
    with pytest.raises(RuleError) as caught:
        parse_ruleset_text(RULES.format(first='"１０"'), source="x.toml")
    assert caught.value.problems[0].field == "scoring.points.race[0]"


def test_ruleset_problems_name_their_line() -> None:
    with pytest.raises(RuleError) as caught:
        parse_ruleset_text(RULES.format(first='"１０"'), source="x.toml")
    first = caught.value.problems[0]
    assert (first.source, first.line, first.field) == ("x.toml", 5, "scoring.points.race[0]")
