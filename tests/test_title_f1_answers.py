"""Title answers checked against published press statements (f1db; skipped without it).

The constructors' magic number counts what *both* cars can score (a total is a sum of two distinct
places), and positions a proof could only bound are never reported as exact.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest

from podium.importers.f1db import F1dbSeason
from podium.rules import f1_preset
from podium.title import ConditionKind, TitleReport, analyse
from podium.title.build import problem_from_season
from podium.title.replay import replay_table

pytestmark = pytest.mark.slow
Seasons = Callable[[int], F1dbSeason]


def report(
    seasons: Seasons,
    year: int,
    after: int,
    classification: str,
    *,
    conditions: bool = True,
    decision: bool = True,
    positions: bool = True,
) -> TitleReport:
    season = seasons(year).season
    problem, link = problem_from_season(
        season, f1_preset(year), classification, after, field_as_next_round=True
    )
    return analyse(
        problem,
        verify=lambda c: replay_table(link, c),
        conditions=conditions,
        decision=decision,
        positions=positions,
    )


@pytest.mark.parametrize(
    ("year", "after", "team", "magic", "weaker"),
    [
        (2021, 21, "Mercedes", 17, 16),  # 3rd + 9th: 604.5 against 603.5
        (2024, 23, "McLaren-Mercedes", 24, 23),  # 664 against 663
        (2008, 17, "Ferrari", 7, 6),
    ],
)
def test_constructors_magic_number_counts_both_cars(
    f1db_season: Seasons, year: int, after: int, team: str, magic: int, weaker: int
) -> None:
    v = report(f1db_season, year, after, "constructors", decision=False, positions=False).verdict(team)
    points = next(c for c in v.conditions if c.kind is ConditionKind.POINTS)
    assert points.value == Fraction(magic)
    assert points.weaker == Fraction(weaker)
    assert points.counter_example is not None


def test_mansell_1988_best_position_is_exact(f1db_season: Seasons) -> None:
    v = report(f1db_season, 1988, 10, "drivers", conditions=False, decision=False).verdict("Nigel Mansell")
    assert (v.best_position, v.best_exact) == (8, True)


def test_hamilton_2021_worst_position_is_exact_or_marked(f1db_season: Seasons) -> None:
    v = report(f1db_season, 2021, 15, "drivers", conditions=False, decision=False).verdict("Lewis Hamilton")
    assert v.worst_position == 6
    assert v.worst_exact or (v.worst_range is not None and v.worst_range[0] == 6)
