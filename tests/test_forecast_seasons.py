"""Forecasts of real F1 seasons (f1db; skipped without it): every era's rules are simulated exactly
like ``final_table`` scores them, and the exact statuses hold."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from podium.forecast import forecast, history_from_season
from podium.forecast.exact import check_row
from podium.forecast.models import fit
from podium.forecast.simulate import Simulator, compile_problem
from podium.importers.f1db import F1dbSeason
from podium.rules import f1_preset
from podium.title import Status, analyse
from podium.title.build import problem_from_season
from podium.title.replay import replay_table

Load = Callable[[int], F1dbSeason]

# year, classification, after round: what each exercises
CASES = [
    (1982, "drivers", 10),  # best 11 of 16, countback on the scoring places only, DNQs
    (1988, "drivers", 12),  # best 11, the McLaren year
    (1976, "constructors", 10),  # split season (best 7 of 8 twice), only the best car of a team scores
    (2012, "constructors", 15),  # two cars both scoring, countback on every place
    (2014, "drivers", 17),  # double points in the finale
    (2021, "drivers", 15),  # sprints, fastest lap in the top ten, half points at Spa
]


@pytest.mark.parametrize(("year", "classification", "after"), CASES)
def test_simulated_endings_score_like_final_table_and_the_standings(
    f1db_season: Load, year: int, classification: str, after: int
) -> None:
    season = f1db_season(year).season
    ruleset = f1_preset(year)
    problem, link = problem_from_season(season, ruleset, classification, after, field_as_next_round=True)
    history = history_from_season(season, ruleset, classification, after)
    plan = compile_problem(problem)
    tally = Simulator(plan, fit(problem, "plackett-luce", history)).run(3_000, seed=year, checks=40)
    assert sum(int(x) for x in tally.titles) + tally.shared == 3_000
    rows = [*tally.checks, *tally.witnesses.values()]
    for row in rows:
        completion = check_row(plan, row)
    # The last one also through the real standings code (full tie-break chain).
    replayed = {r.contestant: r for r in replay_table(link, completion)}
    champion = [problem.contestants[int(plan.ranked[j])].id for j, p in enumerate(row.positions) if p == 1]
    if len(champion) == 1:
        assert replayed[champion[0]].position == 1


def test_history_reads_places_retirements_and_fastest_laps(f1db_season: Load) -> None:
    season = f1db_season(2021).season
    history = history_from_season(season, f1_preset(2021), "drivers", 3)
    assert [s.round for s in history.sessions] == [1, 2, 3]
    bahrain = history.sessions[0]
    assert bahrain.finishers[:2] == ("lewis-hamilton", "max-verstappen")
    assert bahrain.fastest_lap_place == 3  # Bottas, third
    assert "nikita-mazepin" in bahrain.unranked


def test_a_late_forecast_matches_the_exact_statuses(f1db_season: Load) -> None:
    season = f1db_season(2008).season
    ruleset = f1_preset(2008)
    problem, link = problem_from_season(season, ruleset, "drivers", 17, field_as_next_round=True)
    history = history_from_season(season, ruleset, "drivers", 17)
    result = forecast(problem, samples=5_000, history=history)
    report = analyse(
        problem, conditions=False, decision=False, positions=False, verify=lambda c: replay_table(link, c)
    )
    alive = {v.contestant.id for v in report.verdicts if v.status == Status.ALIVE}
    assert alive == {"lewis-hamilton", "felipe-massa"}
    for v in report.verdicts:
        got = result.contestant(v.contestant.id)
        assert got.status == v.status
        assert (got.title > 0) == (v.status == Status.ALIVE)
    assert result.contestant("Lewis Hamilton").title > result.contestant("Felipe Massa").title


def test_a_clinched_title_is_certain(f1db_season: Load) -> None:
    season = f1db_season(2023).season
    ruleset = f1_preset(2023)
    problem, _ = problem_from_season(season, ruleset, "drivers", 18, field_as_next_round=True)
    result = forecast(problem, samples=2_000, history=history_from_season(season, ruleset, "drivers", 18))
    champion = result.contestant("Max Verstappen")
    assert champion.status == Status.CLINCHED
    assert champion.title == 1.0
    assert all(c.title == 0.0 for c in result.contestants if c is not champion)
