"""Replays score only the remaining sessions on top of the past scored once: the tables they give
equal a rescoring of the whole season, on real seasons of every kind of rule."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from podium.importers.f1db import F1dbSeason
from podium.rules import f1_preset
from podium.standings import Standings
from podium.store import Store
from podium.title.build import problem_from_season
from podium.title.evaluate import final_table
from podium.title.problem import advance
from podium.title.replay import replay
from storekit import (  # noqa: F401
    db_url_fixture,
    demo_fixture,
    demo_template_fixture,
    demo_url_fixture,
)
from title_strategies import random_completion


def rows(table: Standings) -> list[tuple[object, ...]]:
    return [(r.position, r.competitor, r.points, r.total_points, r.wins, r.adjusted) for r in table.rows]


@pytest.mark.parametrize(
    ("year", "after_round", "after_session", "classification"),
    [
        (1954, 6, None, "drivers"),  # shared drives, a shared fastest lap, best 5 of 9
        (1967, 7, None, "constructors"),  # split season, best car only
        (1988, 12, None, "drivers"),  # best 11 of 16
        (2014, 17, None, "constructors"),  # double points finale, two cars
        (2023, None, "r17-sprint", "drivers"),  # between the sprint and the Grand Prix
        (2021, 18, None, "drivers"),  # sprints, fastest lap in the top 10
    ],
)
def test_incremental_replay_equals_rescoring_the_season(
    f1db_season: Callable[[int], F1dbSeason],
    year: int,
    after_round: int | None,
    after_session: str | None,
    classification: str,
) -> None:
    data = f1db_season(year)
    problem, link = problem_from_season(
        data.season,
        f1_preset(year),
        classification,
        after_round,
        after_session=after_session,
        field_as_next_round=True,
    )
    rng = random.Random(year)
    for _ in range(12):
        completion = random_completion(problem, rng)
        assert rows(replay(link, completion)) == rows(replay(link, completion, whole=True))


def test_incremental_replay_on_the_stored_sebring_classes(demo: Store) -> None:
    """IMSA scoring: points by place in class, every starter scores, three classes at once."""
    season, rules = demo.season("gt3-usa-2020")
    for classification in ("platinum", "platinum-masters", "gold"):
        problem, link = problem_from_season(season, rules, classification, after_session="r07-race-2")
        rng = random.Random(classification)
        for _ in range(10):
            completion = random_completion(problem, rng)
            assert rows(replay(link, completion)) == rows(replay(link, completion, whole=True))


def _trimmed(counts: tuple[int, ...]) -> tuple[int, ...]:
    end = len(counts)
    while end and counts[end - 1] == 0:
        end -= 1
    return counts[:end]


@pytest.mark.parametrize(
    ("year", "after_round", "classification"),
    [
        (1988, 12, "drivers"),  # best 11 of 16: the drops move with every advanced session
        (2014, 17, "constructors"),  # double points finale, two cars of a team
        (2021, 18, "drivers"),  # sprints, fastest lap paid in the top 10 only
    ],
)
def test_advancing_session_by_session_ends_where_the_referee_does(
    f1db_season: Callable[[int], F1dbSeason], year: int, after_round: int, classification: str
) -> None:
    """The live replay (``advance``, one session at a time) and the referee (``final_table``, the
    whole ending at once) score a session by one path: they end on the same points and places."""
    data = f1db_season(year)
    problem, _ = problem_from_season(
        data.season, f1_preset(year), classification, after_round, field_as_next_round=True
    )
    rng = random.Random(year * 7)
    for _ in range(6):
        completion = random_completion(problem, rng)
        after = problem
        for outcome in completion.outcomes:
            after = advance(after, outcome)
        assert not after.sessions
        referee = {r.contestant: r for r in final_table(problem, completion)}
        for c in problem.contestants:
            if c.excluded:
                continue
            advanced = after.contestant(c.id)
            assert advanced.points == referee[c.id].points, c.id
            assert _trimmed(advanced.countback) == _trimmed(referee[c.id].countback), c.id
