"""Title odds: a calibrated performance model and a vectorised Monte Carlo, held to the exact maths.

``forecast(problem, history=history_from_season(season, ruleset, "drivers", after_round))`` gives
each competitor's title probability, expected final points and distribution of final positions.
Eliminated competitors get exactly 0 and a champion who has clinched exactly 1 (checked against
the exact title mathematics, never assumed). ``backtest`` measures the forecasts against history.
This package is an edge of the core: it imports the core and NumPy, nothing else.
"""

from podium.forecast.backtest import (
    Backtest,
    ReliabilityBin,
    Score,
    SeasonForecasts,
    backtest_season,
    summarise,
)
from podium.forecast.forecast import ContestantForecast, Forecast, forecast
from podium.forecast.history import History, PastSession, history_from_season
from podium.forecast.models import MODELS, Performance, Prior, fit

__all__ = [
    "MODELS",
    "Backtest",
    "ContestantForecast",
    "Forecast",
    "History",
    "PastSession",
    "Performance",
    "Prior",
    "ReliabilityBin",
    "Score",
    "SeasonForecasts",
    "backtest_season",
    "fit",
    "forecast",
    "history_from_season",
    "summarise",
]
