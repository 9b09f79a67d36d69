"""Tables after a round: exclusions from a classification and points adjustments outside the results."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from builders import SeasonBuilder, order, points, standings
from podium.errors import ConsistencyError

TABLE = """
[scoring.points]
race = [10, 6, 4]
"""


def _season() -> SeasonBuilder:
    b = SeasonBuilder()
    b.race("m", "a", "b")  # m 10, a 6, b 4
    b.race("m", "b", "a")  # m 10, b 6, a 4
    b.race("a", "m", "b")  # a 10, m 6, b 4
    return b


def exclusion(keep: str, extra: str = "") -> str:
    return TABLE + (
        f'[[scoring.exclusions]]\ncompetitor = "m"\nkeep_points = {keep}\nstatus = "DSQ"\n'
        f'reason = "dangerous driving"\n{extra}'
    )


def test_excluded_for_the_season_keeping_points() -> None:
    table = standings(_season().build(), exclusion("true"))
    # a (20) and b (14) are ranked 1-2; m's 26 stay visible on a line with no position.
    assert order(table) == [(1, "a"), (2, "b"), (None, "m")]
    m = table.row("m")
    assert (m.points, m.position_text) == (F(26), "DSQ")


def test_excluded_for_the_season_losing_points() -> None:
    table = standings(_season().build(), exclusion("false"))
    m = table.row("m")
    assert (m.position, m.points, m.total_points) == (None, F(0), F(26))


def test_exclusion_shown_only_from_its_round() -> None:
    season = _season().build()
    rules = exclusion("false", "shown_from = 3\n")
    before = standings(season, rules, after=2)
    assert order(before) == [(1, "m"), (2, "a"), (2, "b")]  # 20, 10 and 10 with the same places
    after = standings(season, rules, after=3)
    assert order(after) == [(1, "a"), (2, "b"), (None, "m")]


def test_exclusion_of_some_rounds_only() -> None:
    # m's results in rounds 1-2 are struck out; round 3 (6 points) still counts.
    rules = exclusion("false", 'rounds = "1-2"\nshown_from = 2\n')
    table = standings(_season().build(), rules)
    assert order(table) == [(1, "a"), (2, "b"), (3, "m"), (None, "m")]
    active = next(r for r in table.rows if r.competitor == "m" and r.position is not None)
    struck = next(r for r in table.rows if r.competitor == "m" and r.position is None)
    assert (active.points, struck.points, struck.total_points) == (F(6), F(0), F(20))


# -- points adjustments --------------------------------------------------------------------------


def adjustment(points_: str, round_: int, on_result: bool, competitor: str = "m") -> str:
    return (
        f'[[scoring.adjustments]]\ncompetitor = "{competitor}"\npoints = "{points_}"\nround = {round_}\n'
        f"on_result = {'true' if on_result else 'false'}\nreason = 'technical infringement'\n"
    )


def test_deduction_from_the_total_from_its_round_on() -> None:
    season = _season().build()
    rules = TABLE + adjustment("-15", 2, on_result=False)
    assert standings(season, rules, after=1).row("m").points == 10
    after_two = standings(season, rules, after=2).row("m")
    assert (after_two.points, after_two.total_points, after_two.adjusted) == (F(5), F(20), F(-15))
    assert points(standings(season, rules))["m"] == 11


def test_deduction_on_a_result() -> None:
    rules = TABLE + adjustment("-10", 1, on_result=True)
    table = standings(_season().build(), rules)
    m = table.row("m")
    assert (m.points, m.adjusted) == (F(16), F(0))
    assert [s.total for s in m.scores] == [0, 10, 6]


def test_adjustments_and_best_n() -> None:
    # best 2: m has 10, 10, 6. A -10 on round 1's result leaves 0, 10, 6: counted 16.
    best_two = "[scoring.counting]\nbest = 2\n"
    on_result = standings(_season().build(), TABLE + best_two + adjustment("-10", 1, on_result=True))
    assert on_result.row("m").points == 16
    assert [s.round for s in on_result.row("m").dropped] == [1]
    # The same points off the total: best two (10 + 10) minus 10 = 10.
    off_total = standings(_season().build(), TABLE + best_two + adjustment("-10", 1, on_result=False))
    assert off_total.row("m").points == 10
    assert [s.round for s in off_total.row("m").dropped] == [3]


def test_a_bonus_adjustment() -> None:
    table = standings(_season().build(), TABLE + adjustment("1/2", 3, on_result=False, competitor="b"))
    assert table.row("b").points == F(29, 2)


def test_adjusting_a_result_that_does_not_exist() -> None:
    b = _season()
    b.race("a", "b")  # m did not race in round 4
    with pytest.raises(ConsistencyError, match=r"'m' in round 4"):
        standings(b.build(), TABLE + adjustment("-3", 4, on_result=True))
