"""Best-N counting: which results count, by event or by session, in one window or a split season."""

from __future__ import annotations

from fractions import Fraction as F

from builders import SeasonBuilder, points, standings

TABLE = """
[scoring.points]
race = [10, 6, 4, 3, 2, 1]
sprint = [5, 3, 1]
"""


def _four_rounds() -> SeasonBuilder:
    b = SeasonBuilder()
    b.race("a", "b", "c")  # a 10
    b.race("b", "c", "a")  # a 4
    b.race("c", "a", "b")  # a 6
    b.race("a", "c", "b")  # a 10
    return b


def test_every_result_counts_by_default() -> None:
    table = standings(_four_rounds().build(), TABLE)
    assert points(table) == {"a": 30, "b": 24, "c": 26}
    assert all(not r.dropped for r in table.rows)


def test_best_two() -> None:
    table = standings(_four_rounds().build(), TABLE + "[scoring.counting]\nbest = 2\n")
    a = table.row("a")
    assert (a.points, a.total_points, a.dropped_points) == (F(20), F(30), F(10))
    assert sorted(s.round for s in a.dropped) == [2, 3]
    # b: 6, 10, 4, 4 -> 16; c: 4, 6, 10, 6 -> 16, keeping one of the equal 6s (the earlier, round 2).
    assert table.row("b").points == 16
    assert sorted(s.round for s in table.row("c").scores if s.counted) == [2, 3]


def test_best_n_counts_fewer_results_when_fewer_were_scored() -> None:
    b = SeasonBuilder()
    b.race("a", "b")
    b.race("a")
    table = standings(b.build(), TABLE + "[scoring.counting]\nbest = 3\n")
    assert points(table) == {"a": 20, "b": 6}


def test_split_season_windows() -> None:
    rules = (
        TABLE + "[scoring.counting]\nbest = [{ rounds = '1-2', best = 1 }, { rounds = '3-4', best = 1 }]\n"
    )
    table = standings(_four_rounds().build(), rules)
    # a: max(10, 4) + max(6, 10) = 20; b: max(6, 10) + max(4, 4) = 14; c: max(4, 6) + max(10, 6) = 16.
    assert points(table) == {"a": 20, "b": 14, "c": 16}


def test_rounds_outside_every_window_always_count() -> None:
    rules = TABLE + "[scoring.counting]\nbest = [{ rounds = '1-2', best = 1 }]\n"
    # a: max(10, 4) + 6 + 10 = 26.
    assert points(standings(_four_rounds().build(), rules))["a"] == 26


def test_a_window_with_all() -> None:
    rules = (
        TABLE
        + "[scoring.counting]\nbest = [{ rounds = '1-2', best = 'all' }, { rounds = '3-4', best = 1 }]\n"
    )
    assert points(standings(_four_rounds().build(), rules))["a"] == 10 + 4 + 10


def _sprint_weekends() -> SeasonBuilder:
    b = SeasonBuilder()
    b.event("sprint", "race")
    b.results("r1-sprint", "b", "a")  # a 3
    b.results("r1-race", "a", "b")  # a 10 -> weekend 13
    b.event("sprint", "race")
    b.results("r2-sprint", "a", "b")  # a 5
    b.results("r2-race", "b", "a")  # a 6 -> weekend 11
    return b


def test_drop_whole_events() -> None:
    table = standings(_sprint_weekends().build(), TABLE + "[scoring.counting]\nbest = 1\n")
    # The best weekend counts: a 13 (round 1), b 3 + 10 = 13 (round 2) vs 5 + 6 = 11 (round 1).
    assert points(table) == {"a": 13, "b": 13}
    assert {s.session for s in table.row("a").dropped} == {"r2-sprint", "r2-race"}


def test_drop_single_sessions() -> None:
    rules = TABLE + "[scoring.counting]\nbest = 2\ndrop_unit = 'session'\n"
    table = standings(_sprint_weekends().build(), rules)
    # Best two sessions: a 10 + 6; b 10 + 6.
    assert points(table) == {"a": 16, "b": 16}
    assert sorted(s.session for s in table.row("a").dropped) == ["r1-sprint", "r2-sprint"]
