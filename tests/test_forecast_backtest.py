"""Backtest scoring (Brier, log loss, reliability) by hand, and one real season (f1db)."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from podium.forecast import backtest_season, summarise
from podium.forecast.backtest import FLOOR, RoundForecast, SeasonForecasts, score
from podium.importers.f1db import F1dbSeason
from podium.rules import f1_preset


def rf(probabilities: dict[str, dict[str, float]], champion: str = "a", field: int = 3) -> RoundForecast:
    return RoundForecast(2000, 1, champion, False, field, probabilities)


def test_brier_log_loss_and_reliability_by_hand() -> None:
    rounds = [
        rf({"m": {"a": 0.75, "b": 0.25}}),  # Brier 0.0625 + 0.0625, log loss -ln 0.75
        rf({"m": {"b": 1.0}}),  # champion given 0: Brier 1 + 1, log loss -ln FLOOR
    ]
    s = score("m", rounds)
    assert s.forecasts == 2
    assert s.brier == pytest.approx((0.125 + 2.0) / 2)
    assert s.log_loss == pytest.approx((-math.log(0.75) - math.log(FLOOR)) / 2)
    by_bin = {b.low: b for b in s.reliability}
    assert by_bin[0.7].count == 1 and by_bin[0.7].observed == 1.0
    assert by_bin[0.9].count == 1 and by_bin[0.9].observed == 0.0
    # bin 0: b's 0.25 goes to bin 0.2; zeros: c in round 1, a and c in round 2 (a was champion)
    assert by_bin[0.0].count == 3 and by_bin[0.0].observed == pytest.approx(1 / 3)
    assert sum(b.count for b in s.reliability) == 6


def test_summary_separates_rounds_before_the_title_was_decided() -> None:
    decided = RoundForecast(2000, 2, "a", True, 2, {"m": {"a": 1.0}})
    season = SeasonForecasts(2000, "a", (rf({"m": {"a": 0.5, "b": 0.5}}, field=2), decided))
    report = summarise([season], samples=10, models=["m"])
    assert report.score("m").forecasts == 2
    assert report.score("m", open_only=True).forecasts == 1
    assert report.score("m", open_only=True).brier == pytest.approx(0.5)
    assert report.per_season[2000]["m"] == pytest.approx(0.25)
    assert report.as_dict()["seasons"] == [2000]


def test_one_real_season(f1db_season: Callable[[int], F1dbSeason]) -> None:
    data = f1db_season(1984)
    result = backtest_season(
        data.season, f1_preset(1984), samples=500, decided_after=data.deciders.get("drivers")
    )
    assert result is not None
    assert result.champion == "niki-lauda"
    assert [r.after_round for r in result.rounds] == list(range(1, 16))
    last = result.rounds[-1]
    assert set(last.probabilities) == {"plackett-luce", "standings", "uniform", "leader"}
    assert last.probabilities["leader"] == {"niki-lauda": 1.0}
    for r in result.rounds:
        for p in r.probabilities.values():
            assert sum(p.values()) <= 1.0 + 1e-12
