"""Best-N counting and split seasons against real results (f1db), with figures worked out by hand.

The expected numbers come from the race results (positions), added up by hand with the points table
of the year; they are not copied from podium's output nor from f1db's points fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction as F

from podium.importers.f1db import F1dbSeason
from podium.rules import Counting, CountingWindow, f1_preset
from podium.standings import compute_standings

Loader = Callable[[int], F1dbSeason]


def test_1988_best_eleven_of_sixteen(f1db_season: Loader) -> None:
    # Senna: 8 wins (R2, 5, 6, 8, 9, 10, 11, 15) and 2nd in R4, 7, 16 = 72 + 18 = 90 counted;
    # 6th in Portugal (R13, 1 pt) and 4th in Spain (R14, 3 pts) make 94 in all.
    # Prost: 7 wins (R1, 3, 4, 7, 13, 14, 16) and seven 2nd places = 63 + 42 = 105 in all;
    # only 11 results count: 7 wins and 4 seconds = 87.
    table = compute_standings(f1db_season(1988).season, f1_preset(1988), "drivers")
    senna, prost = table.row("ayrton-senna"), table.row("alain-prost")
    assert (senna.position, senna.points, senna.total_points) == (1, F(90), F(94))
    assert (prost.position, prost.points, prost.total_points) == (2, F(87), F(105))
    assert senna.dropped_points == 4 and prost.dropped_points == 18


def test_1988_which_results_are_dropped(f1db_season: Loader) -> None:
    table = compute_standings(f1db_season(1988).season, f1_preset(1988), "drivers")
    senna, prost = table.row("ayrton-senna"), table.row("alain-prost")
    # Senna drops his two small finishes and his three scoreless races
    # (disqualified in Brazil, retired at Monaco, 10th at Monza).
    assert sorted((s.round, str(s)) for s in senna.dropped) == [
        (1, "DSQ"),
        (3, "DNF"),
        (12, "P10"),
        (13, "P6 (1)"),
        (14, "P4 (3)"),
    ]
    # Prost drops his two retirements and three of his seven 2nd places; among equal results the
    # earlier ones are kept, so the 2nd places of Belgium (R11), Hungary (R10) and Japan (R15) go.
    assert sorted((s.round, str(s)) for s in prost.dropped) == [
        (8, "DNF"),
        (10, "P2 (6)"),
        (11, "P2 (6)"),
        (12, "DNF"),
        (15, "P2 (6)"),
    ]
    assert len([s for s in prost.scores if s.counted]) == 11


def test_1988_counted_points_decide_the_title(f1db_season: Loader) -> None:
    # Counting everything, Prost (105) would have beaten Senna (94).
    rules = f1_preset(1988)
    every_result = replace(rules, default=replace(rules.default, counting=Counting()))
    table = compute_standings(f1db_season(1988).season, every_result, "drivers")
    assert [r.competitor for r in table.rows[:2]] == ["alain-prost", "ayrton-senna"]
    assert [r.points for r in table.rows[:2]] == [105, 94]


def test_1967_split_season(f1db_season: Loader) -> None:
    # Best 5 of rounds 1-6, best 4 of rounds 7-11.
    # Hulme: 3, 9, 4, 0, 6, 6 -> 28 (drops the 0) and 9, 6, 0, 4, 4 -> 23 (drops the 0): 51.
    # Brabham: 1, 0, 6, 0, 9, 3 -> 19 (drops a 0) and 6, 9, 6, 2, 6 -> 27 (drops the US GP 5th,
    # 2 pts): 46 counted of 48.
    table = compute_standings(f1db_season(1967).season, f1_preset(1967), "drivers")
    hulme, brabham = table.row("denny-hulme"), table.row("jack-brabham")
    assert (hulme.position, hulme.points, hulme.total_points) == (1, F(51), F(51))
    assert (brabham.position, brabham.points, brabham.total_points) == (2, F(46), F(48))
    assert [(s.round, s.total) for s in brabham.dropped if s.total] == [(10, F(2))]
    # Brabham keeps at most 5 first-half and 4 second-half results.
    counted = [s.round for s in brabham.scores if s.counted]
    assert len([r for r in counted if r <= 6]) == 5 and len([r for r in counted if r >= 7]) == 4


def test_1967_split_differs_from_best_nine(f1db_season: Loader) -> None:
    # Had the best 9 of 11 counted in one window, Brabham's two zeros would have gone and he
    # would have kept the US GP's 2 points: 9+9+6+6+6+6+3+2+1 = 48.
    rules = f1_preset(1967)
    one_window = replace(rules, default=replace(rules.default, counting=Counting((CountingWindow(None, 9),))))
    table = compute_standings(f1db_season(1967).season, one_window, "drivers")
    assert table.row("jack-brabham").points == 48
    assert table.row("denny-hulme").points == 51
