"""Backtesting: forecast every round of past seasons and score the forecasts against what happened.

After each round of a season (except the last), each model forecasts the title; the forecast is
scored against the real champion (the leader of the final standings, computed by podium):

- **Brier score**: Σ over competitors of (p − outcome)², averaged over forecasts (0 is perfect; a
  forecast of certainty on the wrong competitor scores 2).
- **log loss**: −ln p(champion), with p floored at :data:`FLOOR` so a zero costs a finite amount.
- **reliability**: (forecast, competitor) pairs binned by predicted probability in tenths; a
  calibrated model's observed frequency in each bin matches its mean prediction.

Models: ``plackett-luce`` (fitted from the season's results so far), ``standings`` (the same
model fitted from the points only, what a scenario file gets), ``uniform`` (every order equally
likely) and ``leader`` (the leader now wins; shared equally among those level at the top).
Pure: seasons and rulesets come in, numbers go out; reading f1db is the CLI's business.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from podium.forecast.forecast import forecast
from podium.forecast.history import history_from_scores
from podium.forecast.models import Prior
from podium.model import Season
from podium.rules import Ruleset
from podium.standings import ClassificationScores, compute_standings
from podium.title.build import problem_from_season

BACKTEST_MODELS = ("plackett-luce", "standings", "uniform", "leader")
FLOOR = 1e-4
"""Smallest probability the log loss reads (a simulated 0 is not a proof of impossibility)."""
BINS = 10


@dataclass(frozen=True, slots=True)
class RoundForecast:
    """Every model's title probabilities after one round of one season."""

    year: int
    after_round: int
    champion: str
    decided: bool
    """The champion had already clinched (f1db's deciding round, when known)."""
    contestants: int
    """Competitors in the title fight (those missing from ``probabilities`` were given 0)."""
    probabilities: dict[str, dict[str, float]]
    """model → competitor id → title probability."""


@dataclass(frozen=True, slots=True)
class SeasonForecasts:
    year: int
    champion: str
    rounds: tuple[RoundForecast, ...]


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    predicted: float
    """Mean predicted probability in the bin."""
    observed: float
    """Share of the bin's (forecast, competitor) pairs that became champion."""


@dataclass(frozen=True, slots=True)
class Score:
    """How one model did over a set of forecasts."""

    model: str
    forecasts: int
    brier: float
    log_loss: float
    reliability: tuple[ReliabilityBin, ...]


@dataclass(frozen=True, slots=True)
class Backtest:
    """The scores of every model, over all forecasts and over the ones made before the title was decided."""

    seasons: tuple[int, ...]
    samples: int
    all_rounds: tuple[Score, ...]
    open_rounds: tuple[Score, ...]
    per_season: dict[int, dict[str, float]] = field(default_factory=dict)
    """year → model → mean Brier score over that season's forecasts."""

    def score(self, model: str, *, open_only: bool = False) -> Score:
        scores = self.open_rounds if open_only else self.all_rounds
        return next(s for s in scores if s.model == model)

    def as_dict(self) -> dict[str, object]:
        def score(s: Score) -> dict[str, object]:
            return {
                "model": s.model,
                "forecasts": s.forecasts,
                "brier": s.brier,
                "log_loss": s.log_loss,
                "reliability": [
                    {
                        "low": b.low,
                        "high": b.high,
                        "count": b.count,
                        "predicted": b.predicted,
                        "observed": b.observed,
                    }
                    for b in s.reliability
                ],
            }

        return {
            "seasons": list(self.seasons),
            "samples": self.samples,
            "all_rounds": [score(s) for s in self.all_rounds],
            "open_rounds": [score(s) for s in self.open_rounds],
            "per_season": {str(y): v for y, v in self.per_season.items()},
        }


def _leader(scores: ClassificationScores, after_round: int) -> dict[str, float]:
    table = scores.after(after_round)
    top = [r.competitor for r in table.rows if r.position == 1]
    return {c: 1 / len(top) for c in top}


def backtest_season(
    season: Season,
    ruleset: Ruleset,
    classification: str = "drivers",
    *,
    samples: int = 20_000,
    seed: int = 0,
    decided_after: int | None = None,
    prior: Prior | None = None,
    models: Sequence[str] = BACKTEST_MODELS,
    progress: Callable[[int], None] | None = None,
) -> SeasonForecasts | None:
    """Forecasts of every model after every round but the last; None without a sole champion."""
    final = compute_standings(season, ruleset, classification)
    leaders = [r.competitor for r in final.rows if r.position == 1]
    if len(leaders) != 1:
        return None
    champion = leaders[0]
    rounds = sorted({season.event_of(r.session).round for r in season.results})
    out = []
    scores = ClassificationScores(season, ruleset, classification)
    for after in rounds[:-1]:
        problem, _ = problem_from_season(season, ruleset, classification, after, field_as_next_round=True)
        history = history_from_scores(scores, after)
        probabilities: dict[str, dict[str, float]] = {}
        for model in models:
            if model == "leader":
                probabilities[model] = _leader(scores, after)
                continue
            result = forecast(
                problem,
                model="uniform" if model == "uniform" else "plackett-luce",
                samples=samples,
                seed=seed,
                history=history if model == "plackett-luce" else None,
                exact=False,
                prior=prior,
                workers=1,
                checks=1,
                witnesses=2,
            )
            probabilities[model] = {c.id: c.title for c in result.contestants if c.title > 0}
        out.append(
            RoundForecast(
                year=season.year,
                after_round=after,
                champion=champion,
                decided=decided_after is not None and after >= decided_after,
                contestants=sum(1 for c in problem.contestants if not c.excluded),
                probabilities=probabilities,
            )
        )
        if progress is not None:
            progress(after)
    return SeasonForecasts(season.year, champion, tuple(out))


def score(model: str, rounds: Sequence[RoundForecast]) -> Score:
    """Brier score, log loss and reliability of ``model`` over ``rounds``."""
    brier = 0.0
    log_loss = 0.0
    counts = [0] * BINS
    predicted = [0.0] * BINS
    observed = [0] * BINS
    for r in rounds:
        p = r.probabilities[model]
        brier += sum((q - (1.0 if c == r.champion else 0.0)) ** 2 for c, q in p.items())
        if r.champion not in p:
            brier += 1.0
        log_loss -= math.log(max(p.get(r.champion, 0.0), FLOOR))
        for c, q in p.items():
            b = min(int(q * BINS), BINS - 1)
            counts[b] += 1
            predicted[b] += q
            observed[b] += c == r.champion
        zeros = max(r.contestants - len(p), 0)
        counts[0] += zeros
        observed[0] += r.champion not in p
    n = max(len(rounds), 1)
    bins = tuple(
        ReliabilityBin(
            low=b / BINS,
            high=(b + 1) / BINS,
            count=counts[b],
            predicted=predicted[b] / counts[b] if counts[b] else 0.0,
            observed=observed[b] / counts[b] if counts[b] else 0.0,
        )
        for b in range(BINS)
    )
    return Score(model, len(rounds), brier / n, log_loss / n, bins)


def summarise(
    seasons: Sequence[SeasonForecasts], samples: int, models: Sequence[str] = BACKTEST_MODELS
) -> Backtest:
    """Scores of every model over all the seasons' forecasts."""
    rounds = [r for s in seasons for r in s.rounds]
    open_rounds = [r for r in rounds if not r.decided]
    per_season = {s.year: {m: score(m, s.rounds).brier for m in models} for s in seasons if s.rounds}
    return Backtest(
        seasons=tuple(s.year for s in seasons),
        samples=samples,
        all_rounds=tuple(score(m, rounds) for m in models),
        open_rounds=tuple(score(m, open_rounds) for m in models),
        per_season=per_season,
    )
