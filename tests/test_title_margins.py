"""Points margins over a weekend (podium.title.margins), held to enumeration and to the press.

The oracle: every ending of a small championship is enumerated and grouped by the weekend's
results; each margin must be exactly the threshold the module says it is (met: the rival is
settled in every ending; one reachable step below: some ending lets the rival level or ahead), and
the margins to stay in the fight the same way round. Real cases: the figures the press printed
before Suzuka 2022, Abu Dhabi 2021 and Qatar 2025, and a constructors' fight.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from podium.present.data import margins_data
from podium.present.text import Text
from podium.rules import f1_preset
from podium.title import analyse, make_engine, parse_scenario
from podium.title.analyst import Analyst
from podium.title.brute import completions, size
from podium.title.build import problem_from_season
from podium.title.constraints import Margin, margin_of
from podium.title.evaluate import final_table, position_of
from podium.title.margins import WeekendMargins, weekend_margins, weekend_sessions
from podium.title.problem import Completion, TitleProblem
from title_strategies import small_championships

Seasons = Callable[[int], Any]


def _two_rounds(text: str) -> str:
    """The first two sessions make one weekend (round 101), a third is the next round."""
    for session, round_ in (("R1", 101), ("R2", 101), ("R3", 102)):
        text = text.replace(f'name = "{session}"\n', f'name = "{session}"\nround = {round_}\n')
    return text


def _by_weekend(problem: TitleProblem) -> dict[tuple[object, ...], list[Completion]]:
    weekend = {s.id for s in weekend_sessions(problem)}
    groups: dict[tuple[object, ...], list[Completion]] = {}
    for c in completions(problem):
        groups.setdefault(tuple(o for o in c.outcomes if o.session in weekend), []).append(c)
    return groups


def check_by_enumeration(problem: TitleProblem, m: WeekendMargins, text: str) -> None:
    groups = _by_weekend(problem)
    tables = {id(c): final_table(problem, c) for ends in groups.values() for c in ends}
    me = m.contender

    def margin(rival: str, ends: list[Completion]) -> Fraction:
        return margin_of(problem, Margin(me, rival, m.sessions), ends[0])

    def level_or_ahead(rival: str, c: Completion) -> bool:
        table = tables[id(c)]
        return position_of(table, rival) <= position_of(table, me)

    listed = {x.rival for x in m.clinch}
    for other in problem.contestants:
        if other.id in (me, *listed) or other.excluded:
            continue  # a rival not listed can never draw level
        assert not any(level_or_ahead(other.id, c) for ends in groups.values() for c in ends), text
    for x in m.clinch:
        seen = {margin(x.rival, ends) for ends in groups.values()}
        for ends in groups.values():
            if margin(x.rival, ends) >= x.at_least:  # met: settled against that rival whatever follows
                assert not any(level_or_ahead(x.rival, c) for c in ends), (text, x)
        below = [v for v in seen if v < x.at_least]
        if below:  # the first reachable margin below lets the rival level or ahead somewhere
            worst = max(below)
            assert any(
                level_or_ahead(x.rival, c)
                for ends in groups.values()
                if margin(x.rival, ends) == worst
                for c in ends
            ), (text, x)
    met = [ends for ends in groups.values() if all(margin(x.rival, ends) >= x.at_least for x in m.clinch)]
    assert m.achievable == bool(met and m.clinch), text
    for x in m.alive:
        for ends in groups.values():
            if margin(x.rival, ends) < x.at_least:  # short of it: never ahead of that rival
                table_ok = [
                    position_of(tables[id(c)], me) < position_of(tables[id(c)], x.rival) for c in ends
                ]
                assert not any(table_ok), (text, x)
        reachable = sorted(v for v in {margin(x.rival, e) for e in groups.values()} if v >= x.at_least)
        if reachable:
            first = reachable[0]
            assert any(
                position_of(tables[id(c)], me) < position_of(tables[id(c)], x.rival)
                for ends in groups.values()
                if margin(x.rival, ends) == first
                for c in ends
            ), (text, x)


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(small_championships(max_competitors=3, max_sessions=3, salt=None))
def test_margins_agree_with_enumeration(text: str) -> None:
    problem = parse_scenario(_two_rounds(text))
    assume(size(problem, 200) <= 200 and not problem.drops)
    fast = Analyst(problem, make_engine(problem, "cpsat"))
    brute = Analyst(problem, make_engine(problem, "brute"), shortcuts=False)
    found = 0
    for c in problem.contestants:
        if c.excluded:
            continue
        m = weekend_margins(fast, c.id)
        assert m == weekend_margins(brute, c.id) or _same(m, weekend_margins(brute, c.id)), text
        if m is not None:
            found += 1
            check_by_enumeration(problem, m, text)
    assume(found)


def _same(a: WeekendMargins | None, b: WeekendMargins | None) -> bool:
    """Equal thresholds (the engines may pick different examples)."""
    if a is None or b is None:
        return a is b

    def key(m: WeekendMargins) -> object:
        return (
            [(x.rival, x.at_least, x.tie_lost) for x in m.clinch],
            m.achievable,
            [(x.rival, x.at_least, x.tie_lost) for x in m.alive],
        )

    return key(a) == key(b)


def test_drops_have_no_margins() -> None:
    problem = parse_scenario(
        """
title = "Best two results"
[rules]
points = [10, 6, 4]
best = 2
[[competitors]]
name = "A"
results = [1, 2]
[[competitors]]
name = "B"
results = [2, 1]
[[remaining]]
name = "R3"
starters = 2
"""
    )
    analyst = Analyst(problem, make_engine(problem, "brute"))
    assert weekend_margins(analyst, problem.find("A").id) is None


def _f1(f1db_season: Seasons, year: int, after: int, cls: str = "drivers") -> tuple[TitleProblem, Any]:
    season = f1db_season(year).season
    problem, _ = problem_from_season(season, f1_preset(year), cls, after, field_as_next_round=True)
    return problem, analyse(problem, conditions=False, positions=False, decision=False)


def _margins(problem: TitleProblem, report: Any, name: str) -> WeekendMargins:
    wanted = problem.find(name).id
    found: WeekendMargins = next(m for m in report.margins if m.contender == wanted)
    return found


def _thresholds(problem: TitleProblem, found: tuple[Any, ...]) -> dict[str, Fraction]:
    return {problem.contestant(x.rival).name: x.at_least for x in found}


@pytest.mark.slow
def test_suzuka_2022_outscore_leclerc_by_8_and_perez_by_6(f1db_season: Seasons) -> None:
    """The press before Suzuka 2022: Verstappen is champion if he outscores Leclerc by 8 points and
    Pérez by 6. By points alone, 8 (and 6) leave them level: Verstappen's eleven wins settle it."""
    problem, report = _f1(f1db_season, 2022, 17)
    m = _margins(problem, report, "Max Verstappen")
    got = _thresholds(problem, m.clinch)
    assert got["Charles Leclerc"] == 8 and got["Sergio Pérez"] == 6 and m.achievable
    assert not any(x.tie_lost for x in m.clinch)
    said = Text("en").margins(problem, m)[0]
    assert said.startswith(
        "Max Verstappen is champion this weekend by outscoring Leclerc by at least 8 points and "
        "Pérez by at least 6 points"
    ), said
    french = Text("fr").margins(problem, m)[0]
    assert french.startswith(
        "Max Verstappen est sacré ce week-end en marquant au moins 8 points de plus que Leclerc"
    ), french
    leclerc = _margins(problem, report, "Charles Leclerc")
    assert _thresholds(problem, leclerc.alive) == {"Max Verstappen": -7}
    assert Text("fr").margins(problem, leclerc) == [
        "Pour rester dans la course au titre après ce week-end, Charles Leclerc doit concéder au plus "
        "7 points à Verstappen."
    ]


@pytest.mark.slow
def test_qatar_2025_two_more_points_over_the_sprint_and_the_grand_prix(f1db_season: Seasons) -> None:
    """Before Qatar 2025 (a sprint weekend): Norris is champion if he scores 2 more points than
    Verstappen and than Piastri over the sprint and the Grand Prix together (1 more would leave
    a level finish the Abu Dhabi winner could take on wins)."""
    problem, report = _f1(f1db_season, 2025, 22)
    assert len(weekend_sessions(problem)) == 2
    m = _margins(problem, report, "Lando Norris")
    assert _thresholds(problem, m.clinch) == {"Max Verstappen": 2, "Oscar Piastri": 2}
    assert all(x.tie_lost and x.example is not None for x in m.clinch)
    data = margins_data(problem, m, Text("en"))
    assert [(r["rival"], r["at_least"], r["tie_lost"]) for r in data["clinch"]] == [
        ("Max Verstappen", "2", True),
        ("Oscar Piastri", "2", True),
    ]
    assert data["can_clinch"] is True and data["witness"]


@pytest.mark.slow
def test_abu_dhabi_2021_level_on_points_goes_to_verstappen(f1db_season: Seasons) -> None:
    """Level on 369.5 before the finale: Verstappen is champion scoring as many points as Hamilton
    (more wins), Hamilton needs one point more."""
    problem, report = _f1(f1db_season, 2021, 21)
    verstappen = _margins(problem, report, "Max Verstappen")
    hamilton = _margins(problem, report, "Lewis Hamilton")
    assert _thresholds(problem, verstappen.clinch) == {"Lewis Hamilton": 0}
    assert _thresholds(problem, hamilton.clinch) == {"Max Verstappen": 1}
    assert not verstappen.alive and not hamilton.alive  # the last round: the title is the question
    assert Text("en").margins(problem, verstappen) == [
        "Max Verstappen is champion this weekend by scoring at least as many points as Hamilton."
    ]


@pytest.mark.slow
def test_constructors_get_margins_too(f1db_season: Seasons) -> None:
    """Teams: the points of both cars over the weekend. Before Abu Dhabi 2024, McLaren led Ferrari
    by 21 points: McLaren is champion unless Ferrari outscores it by 21 or more (level on points,
    countback can go Ferrari's way), and Ferrari needs 22 more than McLaren."""
    problem, report = _f1(f1db_season, 2024, 23, "constructors")
    mclaren = next(m for m in report.margins if problem.contestant(m.contender).name.startswith("McLaren"))
    ferrari = next(m for m in report.margins if problem.contestant(m.contender).name == "Ferrari")
    gap = problem.contestant(mclaren.contender).points - problem.contestant(ferrari.contender).points
    assert gap == 21
    against_ferrari = next(x for x in mclaren.clinch if x.rival == ferrari.contender)
    assert (against_ferrari.at_least, against_ferrari.tie_lost) == (-20, True)
    against_mclaren = next(x for x in ferrari.clinch if x.rival == mclaren.contender)
    assert (against_mclaren.at_least, against_mclaren.tie_lost) == (22, True)
    assert Text("en").margins(problem, mclaren)[0] == (
        "McLaren-Mercedes is champion this weekend without conceding more than 20 points to Ferrari."
    )
