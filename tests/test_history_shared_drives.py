"""Shared cars and shared fastest laps in the 1950s (f1db), worked out by hand from the results.

1950-1957: a car's points were divided equally among the drivers who drove it; the fastest-lap
point went to whoever set it, and was divided when several drivers were timed alike.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction as F

from builders import points_in
from podium.importers.f1db import F1dbSeason
from podium.rules import f1_preset
from podium.standings import compute_standings

Loader = Callable[[int], F1dbSeason]


def test_1951_french_gp_winning_car_shared(f1db_season: Loader) -> None:
    # Car #8 (Fagioli, then Fangio) won: 8 / 2 = 4 each. Fangio set the fastest lap in his first
    # car (#4, taken over by Fagioli, 11th): +1 for Fangio only. Car #14 (González, then Ascari)
    # was 2nd: 6 / 2 = 3 each.
    table = compute_standings(f1db_season(1951).season, f1_preset(1951), "drivers")
    got = points_in(table, 4)
    assert got["luigi-fagioli"] == 4
    assert got["juan-manuel-fangio"] == 5
    assert got["jose-froilan-gonzalez"] == 3
    assert got["alberto-ascari"] == 3


def test_1955_argentina_three_way_shares(f1db_season: Loader) -> None:
    # Car #12, 2nd (González, Farina, Trintignant): 6 / 3 = 2 each.
    # Car #10, 3rd (Farina, Trintignant, Maglioli): 4 / 3 each.
    # Car #8, 4th (Herrmann, Kling, Moss): 3 / 3 = 1 each.
    table = compute_standings(f1db_season(1955).season, f1_preset(1955), "drivers")
    got = points_in(table, 1)
    assert got["jose-froilan-gonzalez"] == 2
    assert got["nino-farina"] == F(10, 3)
    assert got["maurice-trintignant"] == F(10, 3)
    assert got["umberto-maglioli"] == F(4, 3)
    assert got["hans-herrmann"] == got["karl-kling"] == got["stirling-moss"] == 1


def test_1956_monaco_a_driver_scores_his_best_car_only(f1db_season: Loader) -> None:
    # Fangio finished 2nd in Collins's car #26 (6 / 2 = 3, plus 1 for the fastest lap) and 4th in
    # Castellotti's car #20 (3 / 2 = 3/2): only the better car pays him, 4. Castellotti keeps 3/2.
    table = compute_standings(f1db_season(1956).season, f1_preset(1956), "drivers")
    got = points_in(table, 2)
    assert got["juan-manuel-fangio"] == 4
    assert got["peter-collins"] == 3
    assert got["eugenio-castellotti"] == F(3, 2)


def test_1954_british_gp_fastest_lap_shared_seven_ways(f1db_season: Loader) -> None:
    # Seven drivers lapped in 1:50.0: each gets 1/7 on top of 8-6-4-3-2 for places 1-5.
    table = compute_standings(f1db_season(1954).season, f1_preset(1954), "drivers")
    got = points_in(table, 5)
    assert got["jose-froilan-gonzalez"] == 8 + F(1, 7)
    assert got["mike-hawthorn"] == 6 + F(1, 7)
    assert got["onofre-marimon"] == 4 + F(1, 7)
    assert got["juan-manuel-fangio"] == 3 + F(1, 7)
    assert got["maurice-trintignant"] == 2
    # Retired, but holders of the fastest lap all the same (Ascari in his own car #31).
    assert got["alberto-ascari"] == got["jean-behra"] == got["stirling-moss"] == F(1, 7)
    # Exactly 24 points were paid, no rounding anywhere.
    assert sum(got.values()) == 24
