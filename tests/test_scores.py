"""Scoring one session: who may score, positions in a class, bonuses, multipliers, shared cars.

Small synthetic seasons (tests/builders.py) for what F1 history does not exercise. Tables are short
on purpose so every expected figure can be checked at a glance.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F

import pytest

from builders import SeasonBuilder, order, points, points_in, row, standings
from podium.model import Car
from podium.rules import load_preset

TABLE = """
[scoring.points]
race = [10, 6, 4, 3, 2, 1]
"""


# -- who may score -------------------------------------------------------------------------------


def _retirements() -> SeasonBuilder:
    b = SeasonBuilder()
    b.race(
        row("a", laps=20),
        row("b", laps=20),
        row("c", "DNF", laps=8),
        row("d", "DNF", laps=15),
        row("e", "DNS"),
        row("f", "DSQ", laps=20),
        row("g", "NC", laps=11),
    )
    return b


def test_starters_rank_retirements_by_laps() -> None:
    # a, b classified; then d (15 laps), g (11, running but not classified), c (8). e did not
    # start and f was disqualified: nothing.
    table = standings(_retirements().build(), '[scoring]\nscorers = "starters"\n' + TABLE)
    assert points(table) == {"a": 10, "b": 6, "d": 4, "g": 3, "c": 2, "e": 0, "f": 0}


def test_starters_out_on_the_same_lap_rank_the_same_whatever_the_input_order() -> None:
    # Regression: equal laps used to keep the order the results were entered in.
    rules = '[scoring]\nscorers = "starters"\n' + TABLE
    first, second = SeasonBuilder(), SeasonBuilder()
    first.race("a", row("b", "DNF", laps=5), row("c", "DNF", laps=5))
    second.race("a", row("c", "DNF", laps=5), row("b", "DNF", laps=5))
    assert points(standings(first.build(), rules)) == points(standings(second.build(), rules))


def test_classified_only() -> None:
    table = standings(_retirements().build(), '[scoring]\nscorers = "classified"\n' + TABLE)
    assert points(table) == {"a": 10, "b": 6, "c": 0, "d": 0, "e": 0, "f": 0, "g": 0}


def test_min_distance_bars_short_runs() -> None:
    # Every starter is ranked, but only those who covered half the winner's 20 laps score.
    rules = '[scoring]\nscorers = "starters"\nmin_distance = "1/2"\n' + TABLE
    got = points(standings(_retirements().build(), rules))
    assert got == {"a": 10, "b": 6, "d": 4, "g": 3, "c": 0, "e": 0, "f": 0}


# -- points by position in class, eligibility on the event date ----------------------------------


def _imsa_season() -> SeasonBuilder:
    b = SeasonBuilder(2020)
    b.driver("old", born=date(1970, 6, 1))  # 49 in 2020
    b.driver("young", born=date(1995, 1, 1))
    b.driver("turns45", born=date(1975, 3, 10))  # 44 at round 1 (3 March), 45 at round 2 (17 March)
    b.driver("g1", born=date(1980, 1, 1))
    b.driver("g2", born=date(1960, 1, 1))  # 45+, but in a Gold car
    new, old = Car("1", "911 GT3 Cup (991.2)", 2018), Car("2", "911 GT3 Cup (991.1)", 2015)
    b.entry("old", car=new)
    b.entry("young", car=new)
    b.entry("turns45", car=new)
    b.entry("g1", car=old)
    b.entry("g2", car=old)
    b.classification("platinum", eligibility="car.build_year >= 2017")
    b.classification("masters", eligibility="car.build_year >= 2017 and driver.age >= 45")
    b.classification("gold", eligibility="2014 <= car.build_year <= 2016")
    b.race("g1", "old", "young", "turns45", "g2", day=date(2020, 3, 3))
    b.race("turns45", "g2", "old", "young", "g1", day=date(2020, 3, 17))
    return b


def test_points_by_position_in_class() -> None:
    season = _imsa_season().build()
    imsa = load_preset("imsa-2020")
    # Platinum R1: old 1st (35), young 2nd (32), turns45 3rd (30); R2: turns45, old, young.
    assert points(standings(season, imsa, "platinum")) == {"old": 67, "young": 62, "turns45": 65}
    # Masters R1: old alone (turns45 is 44 that day): 35; R2: turns45 35, old 32.
    assert points(standings(season, imsa, "masters")) == {"old": 67, "turns45": 35}
    # Gold R1: g1, g2; R2: g2, g1 -> 67 each, one win and one 2nd each: shared 1st place.
    gold = standings(season, imsa, "gold")
    assert points(gold) == {"g1": 67, "g2": 67}
    assert [p for p, _ in order(gold)] == [1, 1]


def test_overall_basis_reads_overall_positions() -> None:
    season = _imsa_season().build()
    rules = '[scoring]\nposition_basis = "overall"\nscorers = "starters"\n' + TABLE
    # Platinum R1 overall: old 2nd (6), young 3rd (4), turns45 4th (3).
    assert points_in(standings(season, rules, "platinum"), 1) == {"old": 6, "young": 4, "turns45": 3}


# -- bonuses -------------------------------------------------------------------------------------


def test_pole_led_a_lap_and_most_laps_led() -> None:
    b = SeasonBuilder()
    b.race(
        row("a", pole=True, laps_led=5),
        row("b", laps_led=40),
        row("c", laps_led=1),
        row("d"),
    )
    rules = TABLE + "[scoring.bonus]\npole = 1\nled_a_lap = 1\nmost_laps_led = 2\n"
    # a: 10 + pole 1 + led 1; b: 6 + led 1 + most 2; c: 4 + led 1; d: 3.
    assert points(standings(b.build(), rules)) == {"a": 12, "b": 9, "c": 5, "d": 3}


def test_most_laps_led_tie_pays_both() -> None:
    b = SeasonBuilder()
    b.race(row("a", laps_led=10), row("b", laps_led=10), row("c"))
    rules = TABLE + "[scoring.bonus]\nmost_laps_led = 2\n"
    assert points(standings(b.build(), rules)) == {"a": 12, "b": 8, "c": 4}


@pytest.mark.parametrize(
    ("bonus", "expected"),
    [
        ("fastest_lap = 1", {"a": 10, "b": 6, "k": F(1, 2), "m": F(1, 2)}),
        ("fastest_lap = { points = 1, split = false }", {"a": 10, "b": 6, "k": 1, "m": 1}),
        # Top-10 rule: k was 3rd (paid), m 7th (not paid); split=false so k keeps a whole point.
        ("fastest_lap = { points = 1, max_position = 3, split = false }", {"a": 10, "b": 6, "k": 1, "m": 0}),
        # With split the half of the car outside the top 3 is simply not paid.
        ("fastest_lap = { points = 1, max_position = 3 }", {"a": 10, "b": 6, "k": F(1, 2), "m": 0}),
        ('fastest_lap = { points = 1, sessions = ["sprint"] }', {"a": 10, "b": 6, "k": 0, "m": 0}),
    ],
)
def test_fastest_lap(bonus: str, expected: dict[str, F]) -> None:
    b = SeasonBuilder()
    b.race("a", "b", row("k", fastest_lap=True), "x1", "x2", "x3", row("m", fastest_lap=True))
    table = standings(b.build(), "[scoring.points]\nrace = [10, 6]\n[scoring.bonus]\n" + bonus + "\n")
    assert {k: v for k, v in points(table).items() if k in expected} == expected


def test_fastest_lap_of_a_shared_car_goes_to_whoever_set_it() -> None:
    b = SeasonBuilder()
    b.entry("car", "x", "y")
    b.race("a", row("car", fastest_lap=True, fastest_lap_by="y"))
    rules = "[scoring.points]\nrace = [10, 6]\n[scoring.bonus]\nfastest_lap = 1\n"  # split by default
    assert points(standings(b.build(), rules)) == {"a": 10, "x": 3, "y": 4}


def test_retired_holder_of_the_fastest_lap_scores_without_a_position_limit() -> None:
    b = SeasonBuilder()
    b.race("a", "b", row("c", "DNF", laps=3, fastest_lap=True))
    rules = "[scoring.points]\nrace = [10, 6]\n[scoring.bonus]\nfastest_lap = 1\n"
    assert points(standings(b.build(), rules))["c"] == 1
    limited = (
        "[scoring.points]\nrace = [10, 6]\n[scoring.bonus]\nfastest_lap = { points = 1, max_position = 10 }\n"
    )
    assert points(standings(b.build(), limited))["c"] == 0


# -- events: multipliers, forced factors, rounds that do not count -------------------------------


def _three_rounds(scheduled_laps: int | None = None, laps_completed: int | None = None) -> SeasonBuilder:
    b = SeasonBuilder()
    b.race("a", "b")
    b.race("b", "a", scheduled_laps=scheduled_laps, laps_completed=laps_completed)
    b.race("a", "b", event_id="finale")
    return b


def test_event_multiplier() -> None:
    rules = TABLE + "[[scoring.events]]\nround = 3\nmultiplier = 2\nreason = 'double points finale'\n"
    assert points_in(standings(_three_rounds().build(), rules), 3) == {"a": 20, "b": 12}


def test_points_factor_overrides_distance_bands() -> None:
    # Round 2 ran 10 of 40 laps: half points by the band, but the stewards' factor says full points.
    bands = TABLE + "[[scoring.distance]]\nbelow = '3/4'\nfactor = '1/2'\n"
    season = _three_rounds(scheduled_laps=40, laps_completed=10).build()
    assert points_in(standings(season, bands), 2) == {"b": 5, "a": 3}
    forced = bands + "[[scoring.events]]\nround = 2\npoints_factor = '1'\nreason = 'resumed'\n"
    assert points_in(standings(season, forced), 2) == {"b": 10, "a": 6}
    third = bands + "[[scoring.events]]\nround = 2\npoints_factor = '1/3'\nmultiplier = 3\n"
    assert points_in(standings(season, third), 2) == {"b": 10, "a": 6}


def test_rounds_that_do_not_count() -> None:
    season = _three_rounds().build()
    not_counted = TABLE + "[[scoring.events]]\nround = 2\ncounts = false\nreason = 'non-championship'\n"
    assert points(standings(season, not_counted)) == {"a": 20, "b": 12}
    excluded = "[scoring]\nexclude_events = ['finale']\n" + TABLE
    assert points(standings(season, excluded)) == {"a": 16, "b": 16}


# -- partial distance ----------------------------------------------------------------------------

BANDS = """
[scoring.points]
race = [10, 6, 4]

[scoring.bonus]
fastest_lap = 1

[[scoring.distance]]
below = "1/4"
table = [3, 2, 1]
bonuses = false

[[scoring.distance]]
below = "3/4"
factor = "1/2"
"""


@pytest.mark.parametrize(
    ("laps", "expected"),
    [
        (5, {"a": 3, "b": 2, "c": 1}),  # under a quarter: own table, no fastest-lap point
        (10, {"a": 5, "b": 3, "c": 3}),  # exactly a quarter: half points (c: 2 + 1 bonus)
        (29, {"a": 5, "b": 3, "c": 3}),  # under three quarters
        (30, {"a": 10, "b": 6, "c": 5}),  # three quarters reached: full points
        (40, {"a": 10, "b": 6, "c": 5}),
    ],
)
def test_distance_bands(laps: int, expected: dict[str, F]) -> None:
    b = SeasonBuilder()
    b.event("race", scheduled_laps=40, laps_completed=laps)
    b.results("r1-race", "a", "b", row("c", fastest_lap=True))
    assert points(standings(b.build(), BANDS)) == expected


def test_distance_bands_apply_to_races_only() -> None:
    b = SeasonBuilder()
    b.event("sprint", scheduled_laps=20, laps_completed=2)
    b.results("r1-sprint", "a", "b")
    rules = BANDS.replace("race = [10, 6, 4]", "race = [10, 6, 4]\nsprint = [8, 7]")
    assert points(standings(b.build(), rules)) == {"a": 8, "b": 7}
