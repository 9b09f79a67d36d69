"""Performance models: how strong and how reliable each competitor is, fitted from results so far.

A model answers two questions for the simulation, per competitor: how likely they are to finish
ahead of the others (a Plackett–Luce *strength*: a car's chance to win among the cars still in the
running is its strength over their total), and how likely a car of theirs is not to be ranked at
all (a *retirement* rate: DNF, DNS, DNQ, DSQ, not classified). Both are fitted with a prior that
shrinks every competitor towards the field, so a driver with one lucky win is not a favourite and
a newcomer is an average car; both carry their uncertainty, which the simulation samples.

- ``plackett-luce`` with a :class:`~podium.forecast.history.History`: strengths by maximum a
  posteriori (Hunter's MM algorithm, a prior of virtual duels against an average car), an
  approximate Gamma posterior per competitor, and a Beta posterior retirement rate per competitor
  that the default prior all but pools into the field's rate (the backtest's choice).
- ``plackett-luce`` without a history (scenario files: only standings are known): strengths from
  the points so far, ``((points + κ·mean) / ((1 + κ)·mean)) ** γ``, and the field's default
  retirement rate. A fallback with two hand-set constants, said so in the forecast's notes.
- ``uniform``: every order of the cars equally likely, the field's retirement rate for all; the
  baseline the backtest compares against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from podium.errors import InputError, Message, Problem
from podium.forecast.history import History
from podium.title.problem import TitleProblem

MODELS = ("plackett-luce", "uniform")
"""Performance models :func:`podium.forecast.forecast` knows."""

Floats = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Prior:
    """The constants of the models (the defaults are the ones the backtest in docs/forecast.md used)."""

    strength: float = 1.0
    """Virtual duels won and lost by every competitor against an average car (strength 1): the
    prior pulling every strength towards the field. Larger: more shrinkage."""
    retire_weight: float = 1000.0
    """Pseudo-starts pulling each competitor's retirement rate towards the field's (the backtest
    found a season's retirements too random to tell competitors apart: 1,000 all but pools them)."""
    retire_default: float = 0.15
    """Retirement rate of the field when there is no history to estimate it from."""
    fastest_lap_decay: float = 0.6
    """Prior of the fastest lap's place: place k sets it with weight decay**(k-1)."""
    fastest_lap_weight: float = 10.0
    """Pseudo-sessions of that prior against the season's own fastest laps."""
    standings_shrink: float = 1.0
    """Standings fallback: κ, pseudo-points of the field mean added to every total."""
    standings_power: float = 2.0
    """Standings fallback: γ, how steeply strength grows with points."""
    decay: float = 1.0
    """Weight of a result ``k`` rounds old is decay**k (1: every result of the season counts alike)."""
    temper: float = 1.0
    """Fitted strengths are raised to this power in the simulation (< 1: less sure of the fit)."""


@dataclass(frozen=True, eq=False)
class Performance:
    """A fitted model, per contestant of a problem (in the problem's order)."""

    model: str
    fitted_from: str
    """``results`` (a history), ``standings`` (points only) or ``nothing`` (uniform)."""
    ids: tuple[str, ...]
    strength: Floats
    """Posterior mean strength per contestant (the field is 1)."""
    strength_shape: Floats | None
    """Gamma posterior shape per contestant; None: strengths are taken as known."""
    retire: Floats
    """Probability that a car of the contestant is not ranked in a session."""
    retire_weight: Floats | None
    """Beta posterior concentration per contestant; None: rates taken as known."""
    field_retire: float
    fastest_lap: Floats
    """Weight of each place (index 0: the winner) for setting the fastest lap."""
    notes: tuple[str, ...] = field(default=())
    temper: float = 1.0
    """Strengths are raised to this power when simulating (< 1 flattens them)."""

    def __repr__(self) -> str:
        best = np.argsort(-self.strength)[:3]
        top = ", ".join(f"{self.ids[i]}={self.strength[i]:.2f}" for i in best)
        return f"<Performance {self.model} from {self.fitted_from}: {top}>"


def _fastest_lap_weights(history: History | None, places: int, prior: Prior) -> Floats:
    base = prior.fastest_lap_decay ** np.arange(places, dtype=np.float64)
    base *= prior.fastest_lap_weight / base.sum()
    if history is not None:
        for s in history.sessions:
            if s.fastest_lap_place is not None and s.fastest_lap_place <= places:
                base[s.fastest_lap_place - 1] += 1.0
    return base


def _weights(history: History, prior: Prior) -> list[float]:
    return [prior.decay ** max(0, history.after_round - s.round) for s in history.sessions]


def fit_plackett_luce(
    history: History, ids: Sequence[str], prior: Prior, *, iterations: int = 1000
) -> tuple[Floats, Floats, Floats]:
    """MAP strengths of ``ids`` from ``history``: (strength, posterior shape, posterior rate).

    Hunter's MM algorithm for Plackett–Luce: each session is a sequence of choices, the winner
    among all ranked cars, then second among the rest…; ``w_i = W_i / D_i`` where ``W_i`` counts
    i's choices and ``D_i`` sums, over the choices i took part in, one over the total strength still
    in the running. The prior is ``a`` virtual duels won and ``a`` lost against an average car
    (strength 1; a = ``prior.strength``), which adds ``a`` to ``W_i`` and ``2a / (w_i + 1)`` to
    ``D_i``: it shrinks strong and weak competitors alike on the log scale. (A Gamma prior on w
    would not: its rate is added to ``D_i``, which is tiny for a front-runner and large for a
    backmarker, so it flattened the front of the field, where titles are decided.) Competitors of
    the history that are not in ``ids`` (they raced earlier, not any more) are fitted too: they were
    beaten and beat others. The posterior of each strength is approximated by Gamma(W_i + a,
    D_i + 2a / (w_i + 1)) (the conditional of the data-augmentation Gibbs sampler at the MAP).
    """
    a = prior.strength
    if a <= 0:
        raise InputError(Problem(f"the strength prior must be positive, got {a!r}", field="prior.strength"))
    items = {c: i for i, c in enumerate(ids)}
    for c in sorted(history.competitors - set(items)):
        items[c] = len(items)
    n = len(items)
    sessions = [s for s in history.sessions if len(s.finishers) >= 2]
    weights = np.array(_weights(history, prior), dtype=np.float64)
    weights = np.array(
        [w for w, s in zip(weights, history.sessions, strict=True) if len(s.finishers) >= 2], dtype=np.float64
    )
    if not sessions:
        ones = np.ones(len(ids))
        return ones, np.full(len(ids), a), np.full(len(ids), a)
    width = max(len(s.finishers) for s in sessions)
    table = np.full((len(sessions), width), n, dtype=np.intp)  # n: padding, strength 0
    for row, s in enumerate(sessions):
        table[row, : len(s.finishers)] = [items[c] for c in s.finishers]
    lengths = np.array([len(s.finishers) for s in sessions])
    stage = np.arange(width)[None, :] < (lengths - 1)[:, None]  # choices made (the last car has none)
    chosen = np.where(stage, table, n)
    wins = np.bincount(chosen.ravel(), weights=np.repeat(weights, width), minlength=n + 1)[:n]
    w = np.ones(n + 1)
    w[n] = 0.0
    for _ in range(iterations):
        remaining = np.cumsum(w[table][:, ::-1], axis=1)[:, ::-1]
        inverse = np.where(stage, weights[:, None] / np.where(stage, remaining, 1.0), 0.0)
        exposure = np.cumsum(inverse, axis=1)
        d = np.bincount(table.ravel(), weights=exposure.ravel(), minlength=n + 1)[:n]
        new = (wins + a) / (d + 2 * a / (w[:n] + 1))
        done = np.max(np.abs(new - w[:n]) / np.maximum(new, 1e-12)) < 1e-10
        w[:n] = new
        if done:
            break
    remaining = np.cumsum(w[table][:, ::-1], axis=1)[:, ::-1]
    inverse = np.where(stage, weights[:, None] / np.where(stage, remaining, 1.0), 0.0)
    d = np.bincount(table.ravel(), weights=np.cumsum(inverse, axis=1).ravel(), minlength=n + 1)[:n]
    k = len(ids)
    shape = np.asarray(wins[:k] + a, dtype=np.float64)
    rate = np.asarray(d[:k] + 2 * a / (w[:k] + 1), dtype=np.float64)
    return shape / rate, shape, rate


def fit_retirement(history: History | None, ids: Sequence[str], prior: Prior) -> tuple[Floats, Floats, float]:
    """Beta-posterior retirement rate per competitor: (mean, concentration, field rate)."""
    k = len(ids)
    if history is None:
        rate = prior.retire_default
        return np.full(k, rate), np.full(k, prior.retire_weight), rate
    index = {c: i for i, c in enumerate(ids)}
    out = np.zeros(k)
    starts = np.zeros(k)
    total_out = total = 0.0
    for weight, s in zip(_weights(history, prior), history.sessions, strict=True):
        for c in s.unranked:
            total_out += weight
            if c in index:
                out[index[c]] += weight
        for c in (*s.finishers, *s.unranked):
            total += weight
            if c in index:
                starts[index[c]] += weight
    rate = total_out / total if total else prior.retire_default
    rate = min(max(rate, 0.01), 0.9)
    alpha = prior.retire_weight * rate + out
    beta = prior.retire_weight * (1 - rate) + (starts - out)
    return alpha / (alpha + beta), alpha + beta, rate


def fit(
    problem: TitleProblem,
    model: str = "plackett-luce",
    history: History | None = None,
    prior: Prior | None = None,
) -> Performance:
    """The performance model ``model`` for ``problem``, fitted from ``history`` when given."""
    prior = prior or Prior()
    if model not in MODELS:
        raise InputError(
            Problem(
                Message(
                    "unknown model {model!r} (expected one of {known})", model=model, known=", ".join(MODELS)
                ),
                field="model",
                value=model,
            )
        )
    ids = tuple(c.id for c in problem.contestants)
    places = max([s.field for s in problem.sessions] + [len(ids), 1])
    retire, concentration, field_rate = fit_retirement(history, ids, prior)
    fastest = _fastest_lap_weights(history, places, prior)
    if model == "uniform":
        flat = np.full(len(ids), field_rate)
        return Performance(
            "uniform",
            "nothing",
            ids,
            np.ones(len(ids)),
            None,
            flat,
            None,
            field_rate,
            fastest,
            (Message("uniform model: every order of the cars equally likely, one retirement rate for all"),),
        )
    if history is not None:
        strength, shape, _ = fit_plackett_luce(history, ids, prior)
        return Performance(
            "plackett-luce",
            "results",
            ids,
            strength,
            shape,
            retire,
            concentration,
            field_rate,
            fastest,
            (
                Message.plural(
                    "strengths and retirement rates fitted from {count} session so far",
                    "strengths and retirement rates fitted from {count} sessions so far",
                    count=len(history.sessions),
                ),
            ),
            prior.temper,
        )
    points = np.array([float(c.points) for c in problem.contestants])
    active = points[[not c.excluded for c in problem.contestants]] if len(points) else points
    mean = float(active.mean()) if active.size else 0.0
    if mean > 0:
        kappa = prior.standings_shrink
        strength = np.maximum((np.maximum(points, 0) + kappa * mean) / ((1 + kappa) * mean), 1e-3)
        strength = strength**prior.standings_power
    else:
        strength = np.ones(len(ids))
    return Performance(
        "plackett-luce",
        "standings",
        ids,
        strength,
        None,
        retire,
        None,
        field_rate,
        fastest,
        (
            Message(
                "no results to fit from: strengths from the points so far ({formula}), every car retiring "
                "at the default rate {rate:.0%}",
                formula=f"((points + {prior.standings_shrink:g}·mean) / "
                f"({1 + prior.standings_shrink:g}·mean)) ** {prior.standings_power:g}",
                rate=prior.retire_default,
            ),
        ),
    )
