"""Half points, double points, sprints and the top-10 fastest-lap point, against real results (f1db).

Every expected figure is the year's table applied by hand to the race's finishing order.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction as F

import pytest

from builders import points_in
from podium.importers.f1db import F1dbSeason
from podium.rules import f1_preset
from podium.standings import compute_standings

Loader = Callable[[int], F1dbSeason]

HALF_POINTS = [
    # (year, round, {driver: points}): the year's table halved, the race stopped before 75%.
    (
        1975,
        4,  # Spanish GP, stopped after 29 of 75 laps: 9-6-4-3-2-1 halved
        {
            "jochen-mass": F(9, 2),
            "jacky-ickx": 3,
            "carlos-reutemann": 2,
            "jean-pierre-jarier": F(3, 2),
            "vittorio-brambilla": 1,
            "lella-lombardi": F(1, 2),
            "tony-brise": 0,
        },
    ),
    (
        1984,
        6,  # Monaco GP, stopped after 31 of 76 laps
        {
            "alain-prost": F(9, 2),
            "ayrton-senna": 3,
            "rene-arnoux": 2,
            "keke-rosberg": F(3, 2),
            "elio-de-angelis": 1,
            "michele-alboreto": F(1, 2),
        },
    ),
    (
        1991,
        16,  # Australian GP, stopped after 14 of 81 laps: 10-6-4-3-2-1 halved
        {
            "ayrton-senna": 5,
            "nigel-mansell": 3,
            "gerhard-berger": 2,
            "nelson-piquet": F(3, 2),
            "riccardo-patrese": 1,
            "gianni-morbidelli": F(1, 2),
        },
    ),
    (
        2009,
        2,  # Malaysian GP, stopped after 31 of 56 laps: 10-8-6-5-4-3-2-1 halved
        {
            "jenson-button": 5,
            "nick-heidfeld": 4,
            "timo-glock": 3,
            "jarno-trulli": F(5, 2),
            "rubens-barrichello": 2,
            "mark-webber": F(3, 2),
            "lewis-hamilton": 1,
            "nico-rosberg": F(1, 2),
            "felipe-massa": 0,
        },
    ),
    (
        2021,
        12,  # Belgian GP, 1 lap of 44 behind the safety car: 25-18-15-12-10-8-6-4-2-1 halved
        {
            "max-verstappen": F(25, 2),
            "george-russell": 9,
            "lewis-hamilton": F(15, 2),
            "daniel-ricciardo": 6,
            "sebastian-vettel": 5,
            "pierre-gasly": 4,
            "esteban-ocon": 3,
            "charles-leclerc": 2,
            "nicholas-latifi": 1,
            "carlos-sainz-jr": F(1, 2),
            "fernando-alonso": 0,
        },
    ),
]


@pytest.mark.parametrize(
    ("year", "round_number", "expected"), HALF_POINTS, ids=[f"{y}-R{r}" for y, r, _ in HALF_POINTS]
)
def test_half_points(f1db_season: Loader, year: int, round_number: int, expected: dict[str, F]) -> None:
    table = compute_standings(f1db_season(year).season, f1_preset(year), "drivers")
    got = points_in(table, round_number)
    assert {d: got.get(d, F(0)) for d in expected} == expected


def test_2014_abu_dhabi_double_points(f1db_season: Loader) -> None:
    # Final round: 25-18-15-12-10-8-6-4-2-1 doubled.
    table = compute_standings(f1db_season(2014).season, f1_preset(2014), "drivers")
    got = points_in(table, 19)
    assert got["lewis-hamilton"] == 50
    assert got["felipe-massa"] == 36
    assert got["valtteri-bottas"] == 30
    assert got["daniel-ricciardo"] == 24
    assert got["kimi-raikkonen"] == 2
    assert got["kevin-magnussen"] == 0
    # The round before (Brazil, Hamilton 2nd behind Rosberg) was not doubled.
    assert points_in(table, 18)["lewis-hamilton"] == 18
    assert table.row("lewis-hamilton").points == 384
    assert table.row("nico-rosberg").points == 317


def test_2021_sprint_pays_three_two_one(f1db_season: Loader) -> None:
    table = compute_standings(f1db_season(2021).season, f1_preset(2021), "drivers")
    sprint = points_in(table, 10, "sprint")  # British GP sprint qualifying
    assert sprint["max-verstappen"] == 3
    assert sprint["lewis-hamilton"] == 2
    assert sprint["valtteri-bottas"] == 1
    assert sprint["charles-leclerc"] == 0
    # The Grand Prix is scored on its own: Hamilton won it, Leclerc 2nd, Bottas 3rd.
    race = points_in(table, 10)
    assert [race["lewis-hamilton"], race["charles-leclerc"], race["valtteri-bottas"]] == [25, 18, 15]


def test_2022_sprint_pays_eight_down_to_one(f1db_season: Loader) -> None:
    table = compute_standings(f1db_season(2022).season, f1_preset(2022), "drivers")
    sprint = points_in(table, 4, "sprint")  # Emilia Romagna
    order = [
        "max-verstappen",
        "charles-leclerc",
        "sergio-perez",
        "carlos-sainz-jr",
        "lando-norris",
        "daniel-ricciardo",
        "valtteri-bottas",
        "kevin-magnussen",
        "fernando-alonso",
    ]
    assert [sprint[d] for d in order] == [8, 7, 6, 5, 4, 3, 2, 1, 0]
    assert points_in(table, 4)["max-verstappen"] == 26  # won the race with the fastest lap


@pytest.mark.parametrize(
    ("year", "round_number", "holder", "place"),
    [
        (2019, 15, "kevin-magnussen", 17),  # Singapore
        (2021, 10, "sergio-perez", 16),  # Great Britain
        (2024, 18, "daniel-ricciardo", 18),  # Singapore
    ],
)
def test_fastest_lap_outside_top_ten_pays_nothing(
    f1db_season: Loader, year: int, round_number: int, holder: str, place: int
) -> None:
    table = compute_standings(f1db_season(year).season, f1_preset(year), "drivers")
    line = next(s for s in table.row(holder).scores if s.round == round_number and s.kind.value == "race")
    assert (line.position, line.points, line.bonus) == (place, F(0), F(0))
    # Nobody else gets the point either: the race paid exactly its table.
    assert sum(points_in(table, round_number).values()) == 25 + 18 + 15 + 12 + 10 + 8 + 6 + 4 + 2 + 1


def test_fastest_lap_inside_top_ten_pays_one(f1db_season: Loader) -> None:
    table = compute_standings(f1db_season(2019).season, f1_preset(2019), "drivers")
    line = next(s for s in table.row("valtteri-bottas").scores if s.round == 1)
    assert (line.position, line.points, line.bonus) == (1, F(25), F(1))
    assert points_in(table, 1)["lewis-hamilton"] == 18
