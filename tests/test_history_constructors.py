"""Constructors' points 1958-1978: only the best-placed car of each constructor scored (f1db)."""

from __future__ import annotations

from collections.abc import Callable

from builders import points_in
from podium.importers.f1db import F1dbSeason
from podium.rules import f1_preset
from podium.standings import compute_standings

Loader = Callable[[int], F1dbSeason]


def test_1967_dutch_gp_only_the_best_car_scores(f1db_season: Loader) -> None:
    # Clark (Lotus-Ford) won; Brabham 2nd and Hulme 3rd both drove Brabham-Repcos: 6, not 6 + 4.
    # Ferrari were 4th, 5th and 6th (Amon, Parkes, Scarfiotti): 3, not 3 + 2 + 1.
    season = f1db_season(1967).season
    table = compute_standings(season, f1_preset(1967), "constructors")
    got = points_in(table, 3)
    assert got["lotus-ford"] == 9
    assert got["brabham-repco"] == 6
    assert got["ferrari"] == 3
    # Brabham-Repco after three rounds: South Africa (Hulme 4th: 3, Brabham's 6th pays nothing),
    # Monaco (Hulme won: 9), Netherlands (6) = 18.
    after_three = compute_standings(season, f1_preset(1967), "constructors", after_round=3)
    assert after_three.row("brabham-repco").points == 18
    # The drivers still score their own places.
    drivers = points_in(compute_standings(season, f1_preset(1967), "drivers"), 3)
    assert [drivers["jack-brabham"], drivers["denny-hulme"]] == [6, 4]


def test_1979_every_car_scores(f1db_season: Loader) -> None:
    # From 1979 both cars count: in Argentina Laffite won and Depailler was 4th for Ligier-Ford
    # (9 + 3); Reutemann 2nd and Andretti 5th for Lotus-Ford (6 + 2).
    table = compute_standings(f1db_season(1979).season, f1_preset(1979), "constructors")
    got = points_in(table, 1)
    assert [got["ligier-ford"], got["lotus-ford"]] == [12, 8]
