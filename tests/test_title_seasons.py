"""Title problems built from real seasons: conditions, replays, and every F1 title's deciding round."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from podium.importers.f1db import F1dbSeason, f1db_years
from podium.rules import f1_preset
from podium.title import Status, analyse, final_table
from podium.title.brute import session_outcomes
from podium.title.build import problem_from_season
from podium.title.endings import greedy_attack
from podium.title.replay import replay_table
from podium.verification.titles import TitlesReport, check_season, deciding_round, known_deciders
from title_strategies import random_completion


def test_2008_hamilton_needs_fifth(f1db_season) -> None:  # type: ignore[no-untyped-def]
    """Brazil 2008: Hamilton 94, Massa 87, one race (10-8-6-5-4-3-2-1). If Massa wins (97), 6th (3)
    leaves Hamilton level and Massa ahead on wins (6 to 5), so 5th place (4 points) is the need."""
    data = f1db_season(2008)
    problem, link = problem_from_season(data.season, f1_preset(2008), "drivers", 17, field_as_next_round=True)
    report = analyse(problem, verify=lambda c: replay_table(link, c), decision=False)
    hamilton = report.verdict("Lewis Hamilton")
    assert hamilton.status == Status.ALIVE
    found = {c.kind.value: (c.value, c.weaker) for c in hamilton.conditions}
    assert found["uniform"] == (5, 6)
    assert found["points"] == (4, 3)
    assert report.verdict("Felipe Massa").status == Status.ALIVE
    assert report.verdict("Robert Kubica").status == Status.ELIMINATED


@pytest.mark.parametrize(
    ("year", "after", "classification"),
    [
        (1954, 6, "drivers"),  # shared fastest laps, best 5 of 9, Indianapolis
        (1967, 7, "drivers"),  # split season, best 5 of 6 then 4 of 5
        (1967, 7, "constructors"),  # best car only
        (1988, 12, "drivers"),  # best 11 of 16
        (2021, 18, "drivers"),  # sprints, fastest lap top 10
        (2014, 17, "constructors"),  # double points finale
    ],
)
def test_engine_scoring_matches_the_standings(
    f1db_season: Callable[[int], F1dbSeason], year: int, after: int, classification: str
) -> None:
    """The title engines' own scoring of random endings equals a replay through the standings."""
    data = f1db_season(year)
    problem, link = problem_from_season(
        data.season, f1_preset(year), classification, after, field_as_next_round=True
    )
    rng = random.Random(year * 100 + after)
    for _ in range(25):
        completion = random_completion(problem, rng)
        mine = {r.contestant: (r.position, r.points) for r in final_table(problem, completion)}
        replayed = {r.contestant: (r.position, r.points) for r in replay_table(link, completion)}
        assert {k: v[1] for k, v in mine.items()} == {k: v[1] for k, v in replayed.items() if k in mine}
        leaders = [k for k, v in mine.items() if v[0] == 1]
        assert [k for k, v in replayed.items() if v[0] == 1 and k in mine] == leaders


def test_greedy_attack_is_a_legal_ending(f1db_season: Callable[[int], F1dbSeason]) -> None:
    data = f1db_season(2021)
    problem, link = problem_from_season(data.season, f1_preset(2021), "drivers", 20, field_as_next_round=True)
    attack = greedy_attack(problem, "lewis-hamilton", "max-verstappen")
    assert attack is not None, "Hamilton could still win after round 20 of 2021"
    table = {r.contestant: r.position for r in replay_table(link, attack)}
    assert table["lewis-hamilton"] == 1


def test_tiny_outcome_lists_are_complete() -> None:
    from podium.title import parse_scenario

    p = parse_scenario(
        'title = "t"\n[rules]\npoints = [3, 1]\n[[competitors]]\nname = "A"\npoints = "0"\n'
        '[[competitors]]\nname = "B"\npoints = "0"\n[[remaining]]\nname = "R"\nstarters = 3\n'
    )
    outcomes = list(session_outcomes(p, p.sessions[0]))
    # starters score: the unnamed car always starts; A and B each start or not; orders of the starters
    assert len(outcomes) == 1 + 2 * 2 + 6


def test_deciding_round_1988(f1db_season) -> None:  # type: ignore[no-untyped-def]
    data = f1db_season(1988)
    assert deciding_round(data.season, f1_preset(1988), "drivers") == ("ayrton-senna", 15)


DECADES = [(1950, 1969), (1970, 1989), (1990, 2009), (2010, 2025)]


@pytest.mark.slow
@pytest.mark.parametrize(("first", "last"), DECADES, ids=[f"{a}-{b}" for a, b in DECADES])
def test_every_title_is_decided_when_f1db_says(f1db_root: Path, f1db_season, first: int, last: int) -> None:  # type: ignore[no-untyped-def]
    report = TitlesReport()
    known = known_deciders()
    for year in f1db_years(f1db_root):
        if first <= year <= last:
            check_season(f1db_season(year), report, known)
    assert report.titles > 0
    assert [m.as_dict() for m in report.mismatches] == []
