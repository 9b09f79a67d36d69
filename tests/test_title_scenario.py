"""Scenario files: the public format, read strictly, every problem reported with key and value."""

from __future__ import annotations

from fractions import Fraction

import pytest

from podium.errors import InputError
from podium.present.data import title_data
from podium.title import analyse, parse_scenario
from podium.title.analysis import Analyst
from podium.title.cpsat import CpsatEngine

GOOD = """
title = "Tiny example"
[rules]
points = [25, 18, 15, 12, 10]
scoring = "starters"
tiebreak = "countback"
best = 0
[[competitors]]
name = "A"
points = "100"
countback = [3, 1]
[[competitors]]
name = "B"
points = "9/2"
[[remaining]]
name = "Race 15"
starters = 5
multiplier = 2
"""


def test_the_issue_example_reads() -> None:
    p = parse_scenario(GOOD)
    assert [c.name for c in p.contestants] == ["A", "B"]
    assert p.contestant("b").points == Fraction(9, 2)
    assert p.contestant("a").countback == (3, 1)
    (race,) = p.sessions
    assert race.table == tuple(Fraction(v) for v in (50, 36, 30, 24, 20))
    assert race.field == 5 and race.anonymous == 3 and race.starters_score


def test_results_give_points_countback_and_drops() -> None:
    p = parse_scenario(
        GOOD.replace("best = 0", "best = 2")
        .replace('points = "100"\ncountback = [3, 1]', 'results = [1, 2, "DNF", 1]')
        .replace('points = "9/2"', "results = [3, 3, 3]")
    )
    a = p.contestant("a")
    assert a.points == 50  # best two of 25, 18, 0, 25
    assert a.countback == (2, 1)
    assert [u.value for u in a.units] == [25, 18, 0, 25]
    assert p.drops


def expect_problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_scenario(text, source="bad.toml")
    assert all(problem.source == "bad.toml" for problem in info.value.problems)
    return [f"{problem.field}: {problem.message}" for problem in info.value.problems]


def test_every_problem_is_reported_with_its_key_and_value() -> None:
    problems = expect_problems(
        GOOD.replace('points = "100"', "points = 100.5")
        .replace("starters = 5", "starters = 0")
        .replace('scoring = "starters"', 'scoring = "everyone"')
        .replace("multiplier = 2", "multiplier = 2\ncolour = 1")
    )
    text = "\n".join(problems)
    assert "competitors[0].points" in text and "100.5" in text
    assert "remaining[0].starters" in text
    assert "rules.scoring" in text and "'everyone'" in text
    assert "remaining[0].colour" in text
    assert len(problems) == 4


def test_best_n_needs_results() -> None:
    problems = expect_problems(GOOD.replace("best = 0", "best = 3"))
    assert any("competitors[0].results" in p for p in problems)


def test_points_must_agree_with_results() -> None:
    problems = expect_problems(GOOD.replace("countback = [3, 1]", "results = [1, 1]"))
    assert any("disagree" in p for p in problems)


def test_a_scenario_is_about_the_future() -> None:
    text = GOOD.split("[[remaining]]", maxsplit=1)[0]
    assert any("remaining" in p for p in expect_problems(text))


def test_absent_competitors_must_exist() -> None:
    problems = expect_problems(GOOD + 'absent = ["Nobody"]\n')
    assert any("'Nobody'" in p for p in problems)


def test_absent_competitor_cannot_start_that_session() -> None:
    p = parse_scenario(GOOD + 'absent = ["A"]\n')
    assert p.contestant("a").sessions == frozenset()
    assert p.sessions[0].anonymous == 4


def test_invalid_toml() -> None:
    problems = expect_problems("title = [")
    assert "not valid TOML" in problems[0]


def test_a_work_limit_names_what_it_cut_and_never_depends_on_the_clock() -> None:
    text = """
title = "three alive"
[rules]
points = [10, 6, 4, 3, 2, 1]
[[competitors]]
name = "A"
points = "30"
[[competitors]]
name = "B"
points = "25"
[[competitors]]
name = "C"
points = "21"
[[remaining]]
name = "R1"
starters = 6
[[remaining]]
name = "R2"
starters = 6
"""
    problem = parse_scenario(text)
    full = analyse(problem)
    assert full.verdict("A").conditions and full.verdict("B").conditions
    assert title_data(analyse(problem)) == title_data(full)  # the same answer every time
    starved = Analyst(problem, CpsatEngine(problem, work_limit=1e-9)).report()
    assert [v.status for v in starved.verdicts] == [v.status for v in full.verdicts]
    for cut, whole in zip(starved.verdicts, full.verdicts, strict=True):
        kinds = {c.kind for c in cut.conditions}
        assert kinds | set(cut.unsettled) >= {c.kind for c in whole.conditions}
        assert [c for c in whole.conditions if c.kind in kinds] == list(cut.conditions)
        if cut.unsettled:
            assert "not settled" in cut.note
    assert any(v.unsettled for v in starved.verdicts)
