"""``forecast(problem)``: title odds, expected points and final positions by simulation.

The odds come from a performance model (:mod:`podium.forecast.models`) and a vectorised Monte
Carlo (:mod:`podium.forecast.simulate`) that scores every ending with the problem's full rules.
They are then held to the exact mathematics (:mod:`podium.forecast.exact`): simulated endings are
replayed through ``final_table``, eliminated competitors get exactly 0 and a champion who has
clinched exactly 1, or the forecast fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from podium.errors import InputError, Problem
from podium.forecast.exact import check_row, statuses
from podium.forecast.history import History
from podium.forecast.models import MODELS, Prior, fit
from podium.forecast.simulate import Simulator, compile_problem
from podium.title.problem import Status, TitleProblem


@dataclass(frozen=True, slots=True)
class ContestantForecast:
    """One competitor's forecast."""

    id: str
    name: str
    points: Fraction
    """Points now."""
    title: float
    """Probability of being sole champion (exactly 0 or 1 when the title maths says so)."""
    titles: int
    """Simulated endings in which they are sole champion."""
    expected_points: float
    """Mean final points over the simulated endings."""
    positions: tuple[float, ...]
    """Probability of each final position (index 0: champion or sharing first); empty if excluded."""
    status: Status | None
    """Exact status (CLINCHED / ALIVE / ELIMINATED); None when not computed or not settled in time."""
    strength: float
    """The model's strength (posterior mean; the field is 1)."""
    retire: float
    """The model's chance that a car of theirs is not ranked in a session."""

    def __str__(self) -> str:
        return f"{self.name} {self.title:.1%}"


@dataclass(frozen=True, slots=True)
class Forecast:
    """Title odds for one classification after one round; the web page's and ``--json``'s data."""

    title: str
    classification: str
    after_round: int
    model: str
    fitted_from: str
    """``results``, ``standings`` (points only: scenario files) or ``nothing`` (uniform)."""
    samples: int
    seed: int
    contestants: tuple[ContestantForecast, ...]
    """Most likely champion first."""
    shared: float
    """Probability that first place is shared (level on points and on the modelled tie-break)."""
    replayed: int
    """Simulated endings checked against ``final_table`` (all agreed, or there would be no forecast)."""
    notes: tuple[str, ...] = ()

    def contestant(self, name_or_id: str) -> ContestantForecast:
        wanted = name_or_id.strip().casefold()
        for c in self.contestants:
            if c.id == name_or_id or c.name.casefold() == wanted:
                return c
        raise KeyError(name_or_id)

    def __repr__(self) -> str:
        top = ", ".join(str(c) for c in self.contestants[:3])
        return (
            f"<Forecast {self.title} after R{self.after_round} ({self.model}, {self.samples} samples): {top}>"
        )

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready data (floats, strings; points as exact strings)."""
        return {
            "title": self.title,
            "classification": self.classification,
            "after_round": self.after_round,
            "model": self.model,
            "fitted_from": self.fitted_from,
            "samples": self.samples,
            "seed": self.seed,
            "shared": self.shared,
            "replayed": self.replayed,
            "notes": list(self.notes),
            "contestants": [
                {
                    "id": c.id,
                    "name": c.name,
                    "points": str(c.points),
                    "title": c.title,
                    "titles": c.titles,
                    "expected_points": c.expected_points,
                    "positions": list(c.positions),
                    "status": None if c.status is None else str(c.status),
                    "strength": c.strength,
                    "retire": c.retire,
                }
                for c in self.contestants
            ],
        }


def forecast(
    problem: TitleProblem,
    *,
    model: str = "plackett-luce",
    samples: int = 100_000,
    seed: int = 0,
    history: History | None = None,
    exact: bool = True,
    prior: Prior | None = None,
    engine: str = "auto",
    workers: int | None = None,
    checks: int = 8,
    witnesses: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Forecast:
    """Simulate ``samples`` endings of ``problem`` and report title odds per contestant.

    Args:
        problem: standings now, sessions still to run and the rules
            (:func:`podium.title.build.problem_from_season` or a scenario file).
        model: ``plackett-luce`` (strengths and retirement rates fitted from ``history``) or
            ``uniform`` (every order equally likely; the baseline).
        samples: simulated endings. The standard error of a probability p is
            sqrt(p(1-p)/samples): 100,000 gives ±0.16 points of percentage at 50 %.
        seed: the same seed gives the same numbers, whatever the number of threads.
        history: results so far (:func:`podium.forecast.history_from_season`). Without it the
            Plackett–Luce model falls back to strengths from the points in the standings, and the
            forecast's notes say so.
        exact: settle every status with the exact title mathematics (an engine call for
            competitors whose status sampling leaves open; can take seconds on big problems).
            The replay of simulated endings through ``final_table`` is done either way.
        checks: random simulated endings replayed through ``final_table`` on top of one ending
            per simulated champion.
        witnesses: replay the ending of only the ``witnesses`` most frequent champions (None: of
            every champion; ``exact`` needs them all and ignores this).

    Raises:
        InputError: an unknown model or a sample count below 1.
        SolverError: a simulated ending disagrees with ``final_table``, or a probability
            contradicts an exact status (a bug, never hidden).

    Example:

        >>> from podium.title import parse_scenario
        >>> p = parse_scenario('''
        ... title = "two drivers, one race"
        ... [rules]
        ... points = [10, 6]
        ... [[competitors]]
        ... name = "A"
        ... points = "20"
        ... [[competitors]]
        ... name = "B"
        ... points = "5"
        ... [[remaining]]
        ... name = "Final"
        ... starters = 2
        ... ''')
        >>> forecast(p, samples=1000).contestant("A").title
        1.0
    """
    if samples < 1:
        raise InputError(
            Problem(f"samples must be at least 1, got {samples!r}", field="samples", value=samples)
        )
    if model not in MODELS:
        raise InputError(
            Problem(
                f"unknown model {model!r} (expected one of {', '.join(MODELS)})", field="model", value=model
            )
        )
    performance = fit(problem, model, history, prior)
    plan = compile_problem(problem)
    scale = plan.scale
    tally = Simulator(plan, performance).run(samples, seed, checks=checks, workers=workers, progress=progress)
    champions = sorted(tally.witnesses, key=lambda j: -int(tally.titles[j]) if j >= 0 else -tally.shared)
    if witnesses is not None and not exact:
        champions = champions[:witnesses]
    rows = [*(tally.witnesses[j] for j in champions), *tally.checks]
    for row in rows:
        check_row(plan, row)

    contestants = problem.contestants
    ranked_ids = [contestants[int(i)].id for i in plan.ranked]
    titles = {cid: int(tally.titles[j]) for j, cid in enumerate(ranked_ids)}
    notes = list(problem.notes) + list(performance.notes)
    status: dict[str, Status | None] = dict.fromkeys((c.id for c in contestants), None)
    if exact:
        status, settled = statuses(problem, titles, samples, engine=engine)
        notes.extend(settled)
    position_of = {cid: j for j, cid in enumerate(ranked_ids)}
    out = []
    for i, c in enumerate(contestants):
        won = titles.get(c.id, 0)
        j = position_of.get(c.id)
        positions = () if j is None else tuple(float(x) / samples for x in tally.positions[j])
        out.append(
            ContestantForecast(
                id=c.id,
                name=c.name,
                points=c.points,
                title=won / samples,
                titles=won,
                expected_points=float(Fraction(tally.points[i], samples * scale)),
                positions=positions,
                status=status[c.id],
                strength=float(performance.strength[i]),
                retire=float(performance.retire[i]),
            )
        )
    out.sort(key=lambda f: (-f.title, -f.expected_points, f.name))
    return Forecast(
        title=problem.title,
        classification=problem.classification,
        after_round=problem.after_round,
        model=model,
        fitted_from=performance.fitted_from,
        samples=samples,
        seed=seed,
        contestants=tuple(out),
        shared=tally.shared / samples,
        replayed=len(rows),
        notes=tuple(notes),
    )
