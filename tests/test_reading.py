"""podium.model.reading: one reader of TOML and JSON documents, one problem log, one wording."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from podium.errors import InputError, RuleError, unknown_hint
from podium.importers.classes import parse_classifications
from podium.importers.ergast import parse_ergast
from podium.model.reading import Reader
from podium.rules.loader import parse_ruleset_text
from podium.title.scenario import parse_scenario

RULES = """\
[ruleset]
id = "x"
[scoring.points]
race = [{first}, 6, 4]
"""

SCENARIO = """\
title = "T"
[rules]
points = [{first}, 6, 4]
[[competitors]]
name = "A"
points = "10"
[[remaining]]
starters = 3
"""


def first_problem(error: InputError) -> tuple[str | None, int | None, str | None, str]:
    problem = error.problems[0]
    return problem.source, problem.line, problem.field, problem.message


@pytest.mark.parametrize("first", ["9.5", '"ten"', '"1/3001"', "true", '"1e3"', "-3000000"])
def test_a_ruleset_and_a_scenario_word_a_bad_number_alike(first: str) -> None:
    with pytest.raises(RuleError) as rules:
        parse_ruleset_text(RULES.format(first=first), source="f.toml")
    with pytest.raises(InputError) as scenario:
        parse_scenario(SCENARIO.format(first=first), source="f.toml")
    r_source, r_line, r_field, r_message = first_problem(rules.value)
    s_source, s_line, s_field, s_message = first_problem(scenario.value)
    assert (r_source, r_line, r_field) == ("f.toml", 4, "scoring.points.race[0]")
    assert (s_source, s_line, s_field) == ("f.toml", 3, "rules.points[0]")
    if first != "-3000000":  # the bounds differ (a scenario's places pay 0 to 10,000); the words do not
        assert r_message == s_message


def test_unknown_keys_get_one_hint_everywhere() -> None:
    assert unknown_hint("bets", ["best", "drop_unit"]) == " (did you mean 'best'?)"
    assert unknown_hint("zzz", ["b", "a"]) == " (known: a, b)"
    with pytest.raises(InputError) as scenario:
        parse_scenario(SCENARIO.format(first=10).replace('title = "T"', 'titel = "T"'), source="s.toml")
    assert first_problem(scenario.value) == (
        "s.toml",
        1,
        "titel",
        "unknown key 'titel' (did you mean 'title'?)",
    )
    with pytest.raises(InputError) as classes:
        parse_classifications('[[classification]]\nname = "Gold"\ncompetiter = "team"\n', "c.toml")
    assert first_problem(classes.value)[1:3] == (3, "classification[0].competiter")


def test_toml_whole_numbers_are_integers_json_ones_may_be_text() -> None:
    toml = Reader("a.toml", text="best = '3'\n")
    assert toml.whole("3", "best", low=1) == 1  # the placeholder; the problem is logged
    assert [(p.line, p.field) for p in toml.log.problems] == [(1, "best")]
    doc = Reader("a.json", format="JSON")
    assert doc.whole("1988", "season", low=1900, high=2200) == 1988
    assert doc.whole("１９８８", "season", low=1900, high=2200, default=None) is None
    assert [(p.line, p.field) for p in doc.log.problems] == [(None, "season")]


def test_every_value_read_is_checked_and_a_placeholder_keeps_reading() -> None:
    r = Reader("a.toml")
    assert r.exact("9/2", "a") == Fraction(9, 2) and r.denominators == {2}
    assert r.exact(0.5, "b") == 0
    assert r.truth("yes", "c") is False
    assert r.text("", "d", default="x", empty=False) == "x"
    assert r.text("y" * 300, "e", most=200) == ""
    assert r.array([1, 2, 3], "f", what="places", most=2) == [1, 2]
    assert r.table([], "g") == {}
    fields = [p.field for p in r.log.problems]
    assert fields == ["b", "c", "d", "e", "f", "g"]
    long = r.log.problems[3]
    assert "at most 200 characters" in long.message and len(str(long.value)) == 80
    with pytest.raises(InputError, match="6 problems"):
        r.log.raise_if_any()


def test_ergast_names_the_json_path() -> None:
    race = {"season": "1988", "round": "x", "raceName": "X", "date": "1988-04-03"}
    text = json.dumps({"MRData": {"RaceTable": {"Races": [race]}}})
    with pytest.raises(InputError) as caught:
        parse_ergast(text, "e.json")
    assert first_problem(caught.value)[:3] == ("e.json", None, "MRData.RaceTable.Races[0].round")
