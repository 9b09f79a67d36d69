"""Scoring cars rather than drivers: shared drives, a driver in two cars, team rules, barred cars."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from builders import SeasonBuilder, points, standings
from podium.errors import ConsistencyError

TABLE = """
[scoring.points]
race = [10, 6, 4, 3]
"""


def _shared() -> SeasonBuilder:
    b = SeasonBuilder()
    b.entry("car1", "x", "y", team="t")
    b.entry("car2", "z", team="t")
    b.entry("car3", "w", team="u")
    b.classification("drivers")
    b.classification("teams", competitor="team")
    b.race("car1", "car2", "car3")
    return b


@pytest.mark.parametrize(
    ("rule", "drivers", "teams"),
    [
        ("split", {"x": 5, "y": 5, "z": 6, "w": 4}, {"t": 16, "u": 4}),
        ("full", {"x": 10, "y": 10, "z": 6, "w": 4}, {"t": 16, "u": 4}),
        ("none", {"x": 0, "y": 0, "z": 6, "w": 4}, {"t": 6, "u": 4}),
    ],
)
def test_shared_drive(rule: str, drivers: dict[str, F], teams: dict[str, F]) -> None:
    season = _shared().build()
    rules = f'[scoring]\nshared_drive = "{rule}"\n' + TABLE
    assert points(standings(season, rules, "drivers")) == drivers
    assert points(standings(season, rules, "teams")) == teams


def test_split_three_ways_is_exact() -> None:
    b = SeasonBuilder()
    b.entry("car", "x", "y", "z")
    b.race("car", "a")
    assert points(standings(b.build(), TABLE)) == {"x": F(10, 3), "y": F(10, 3), "z": F(10, 3), "a": 6}


def _two_cars() -> SeasonBuilder:
    # x drove car "own" home 2nd alone, and shared the winning car with y.
    b = SeasonBuilder()
    b.entry("own", "x")
    b.entry("taken", "y", "x")
    b.race("taken", "own", "a")
    return b


def test_a_driver_in_two_cars_adds_both_by_default() -> None:
    # 10 / 2 = 5 from the shared winner, 6 from his own car.
    assert points(standings(_two_cars().build(), TABLE)) == {"x": 11, "y": 5, "a": 4}


def test_a_driver_in_two_cars_scores_the_best_one() -> None:
    rules = '[scoring]\ndriver_cars = "best"\n' + TABLE
    table = standings(_two_cars().build(), rules)
    assert points(table) == {"x": 6, "y": 5, "a": 4}
    # The other car's line stays visible, at zero.
    assert sorted(s.total for s in table.row("x").scores) == [0, 6]


def _three_car_team() -> SeasonBuilder:
    b = SeasonBuilder()
    b.entry("t1", "a", team="t")
    b.entry("t2", "b", team="t")
    b.entry("t3", "c", team="t")
    b.entry("u1", "d", team="u")
    b.classification("teams", competitor="team")
    b.race("t1", "u1", "t2", "t3")
    return b


@pytest.mark.parametrize(("cars", "expected"), [("'all'", 17), ("1", 10), ("2", 14)])
def test_cars_scoring(cars: str, expected: int) -> None:
    rules = f"[scoring]\ncars_scoring = {cars}\n" + TABLE
    got = points(standings(_three_car_team().build(), rules, "teams"))
    assert got == {"t": expected, "u": 6}


def test_cars_scoring_keeps_the_best_not_the_first_entered() -> None:
    b = SeasonBuilder()
    b.entry("t1", "a", team="t")
    b.entry("t2", "b", team="t")
    b.classification("teams", competitor="team")
    b.race("x", "t2", "t1")
    rules = "[scoring]\ncars_scoring = 1\n" + TABLE
    assert points(standings(b.build(), rules, "teams")) == {"t": 6}


def test_nominated_drivers_only_score_for_the_team() -> None:
    rules = "[scoring.nominated]\nt = ['a', 'c']\n" + TABLE
    # b's car (3rd) is not nominated: the team scores a's 10 and c's 3 only.
    assert points(standings(_three_car_team().build(), rules, "teams")) == {"t": 13, "u": 6}


def test_nominated_and_best_cars_together() -> None:
    rules = "[scoring]\ncars_scoring = 1\n[scoring.nominated]\nt = ['b', 'c']\n" + TABLE
    assert points(standings(_three_car_team().build(), rules, "teams")) == {"t": 4, "u": 6}


def _manufacturers() -> SeasonBuilder:
    # Two teams ride one make ("m"); "k" rides alone. The make is a team of the season, with no car.
    b = SeasonBuilder()
    b.entry("t1", "a", team="t")
    b.entry("t2", "b", team="t")
    b.entry("u1", "c", team="u")
    b.entry("k1", "d", team="k")
    b.team("m")
    b.classification("teams", competitor="team")
    b.classification("makers", competitor="team")
    b.race("u1", "k1", "t1", "t2")
    b.race("t2", "t1", "k1", "u1")
    return b


GROUPS = "[classifications.makers]\ncars_scoring = 1\n[classifications.makers.team_groups]\nm = ['t', 'u']\n"


def test_team_groups_rank_one_entry_by_team_and_by_make() -> None:
    season = _manufacturers().build()
    # Teams: every car counts for its own team (race 1: u 10, k 6, t 4 + 3; race 2: t 10 + 6, k 4, u 3).
    assert points(standings(season, GROUPS + TABLE, "teams")) == {"t": 23, "u": 13, "k": 10}
    # Makes: only the best car of m in each race, whichever team entered it (u1 10, then t2 10).
    makers = standings(season, GROUPS + TABLE, "makers")
    assert points(makers) == {"m": 20, "k": 10}
    assert [s.entry for s in makers.row("m").scores if s.points] == ["u1", "t2"]


def test_team_groups_without_cars_scoring_add_every_car_of_the_group() -> None:
    rules = "[classifications.makers.team_groups]\nm = ['t', 'u']\n" + TABLE
    assert points(standings(_manufacturers().build(), rules, "makers")) == {"m": 36, "k": 10}


def test_a_group_must_be_a_team_of_the_season() -> None:
    b = _manufacturers()
    rules = "[classifications.makers.team_groups]\nducati = ['t']\n" + TABLE
    with pytest.raises(ConsistencyError, match="'ducati', which is not a team of the season"):
        standings(b.build(), rules, "makers")


# -- cars that may not score ---------------------------------------------------------------------

INELIGIBLE = """
[[scoring.ineligible]]
rounds = "1"
drivers = ["f2"]
places = "{places}"
reason = "Formula 2 car in the field"
"""


def _with_f2_car() -> SeasonBuilder:
    b = SeasonBuilder()
    b.race("a", "f2", "b", "c", "d")
    b.race("f2", "a", "b", "c")
    return b


def test_ineligible_kept_places_pay_nobody() -> None:
    table = standings(_with_f2_car().build(), TABLE + INELIGIBLE.format(places="kept"))
    # Round 1: f2's 2nd place pays nobody; b stays 3rd (4), c 4th (3). Round 2 is open to f2.
    assert points(table) == {"a": 16, "f2": 10, "b": 8, "c": 6, "d": 0}
    f2_round_one = next(s for s in table.row("f2").scores if s.round == 1)
    assert (f2_round_one.position, f2_round_one.points) == (2, F(0))


def test_ineligible_removed_moves_the_others_up() -> None:
    table = standings(_with_f2_car().build(), TABLE + INELIGIBLE.format(places="removed"))
    # Round 1 ranked without f2: a 10, b 6, c 4, d 3.
    assert points(table) == {"a": 16, "f2": 10, "b": 10, "c": 7, "d": 3}
    assert [s.round for s in table.row("f2").scores] == [2]
