"""Time to simulate 1,000,000 remainders of a 10-round, 20-driver season (goal: ≤ 2 s on 2 cores).

The season is synthetic and modern: 20 drivers after 10 of 20 rounds, the 2019–2024 points
(25-18-15-…-1) with a point for the fastest lap in the top ten, countback on every place, and a
Plackett–Luce model fitted from the ten rounds run, with its parameter uncertainty sampled (one
strength and one retirement rate per driver per simulated ending). Memory stays bounded: endings
are simulated in chunks of 2,048.

Prints the seconds for the simulation (threads = cores), for the whole ``forecast`` call with the
replay of simulated endings through ``final_table`` and the exact statuses, and the peak memory.
Run: ``.venv/bin/python benchmarks/forecast.py [--samples 1000000] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from fractions import Fraction

import numpy as np

from podium.forecast import History, PastSession, forecast
from podium.forecast.models import fit
from podium.forecast.simulate import Simulator, compile_problem
from podium.title.problem import Contestant, RemainingSession, TitleProblem

TABLE = (25, 18, 15, 12, 10, 8, 6, 4, 2, 1)


def season(
    drivers: int = 20, run: int = 10, remaining: int = 10, seed: int = 1
) -> tuple[TitleProblem, History]:
    """A season after ``run`` rounds, scored as the 2019–2024 rules score it, and its history."""
    rng = np.random.default_rng(seed)
    ids = [f"d{i:02d}" for i in range(drivers)]
    strength = np.exp(rng.normal(0.0, 1.0, drivers))
    points = dict.fromkeys(ids, 0)
    countback = {d: [0] * drivers for d in ids}
    sessions = []
    for r in range(1, run + 1):
        keys = rng.exponential(size=drivers) / strength
        out = rng.random(drivers) < 0.1
        order = [ids[i] for i in np.argsort(keys) if not out[i]]
        for place, d in enumerate(order, start=1):
            points[d] += TABLE[place - 1] if place <= len(TABLE) else 0
            countback[d][place - 1] += 1
        if order:
            points[order[0]] += 1  # the winner sets the fastest lap
        retired = tuple(ids[i] for i in np.flatnonzero(out))
        sessions.append(PastSession(r, f"r{r}", tuple(order), retired, 1 if order else None))
    contestants = tuple(
        Contestant(
            id=d,
            name=f"Driver {d[1:]}",
            points=Fraction(points[d]),
            countback=tuple(countback[d]),
            cars=(d,),
            sessions=frozenset(f"r{r}" for r in range(run + 1, run + remaining + 1)),
        )
        for d in ids
    )
    races = tuple(
        RemainingSession(
            id=f"r{r}",
            name=f"Round {r}",
            round=r,
            table=tuple(Fraction(p) for p in TABLE),
            field=drivers,
            starters_score=False,
            fastest_lap=Fraction(1),
            fastest_lap_max_position=10,
            unit=f"r{r}",
        )
        for r in range(run + 1, run + remaining + 1)
    )
    problem = TitleProblem("benchmark season", "drivers", contestants, races, after_round=run)
    return problem, History("drivers", run, tuple(sessions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    problem, history = season()
    plan = compile_problem(problem)
    simulator = Simulator(plan, fit(problem, "plackett-luce", history))
    simulator.run(20_000, 1, workers=args.workers)  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    tally = simulator.run(args.samples, 0, workers=args.workers)
    t1, c1 = time.perf_counter(), time.process_time()
    result = forecast(problem, samples=args.samples, history=history, workers=args.workers)
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"simulated remainders: {tally.samples:,} (10 rounds, 20 drivers), {args.workers} threads")
    rate = tally.samples / (t1 - t0)
    print(f"simulation: {t1 - t0:.2f} s wall, {c1 - c0:.2f} s CPU  ({rate:,.0f} endings/s)")
    load = os.getloadavg()[0]
    print(f"machine load while running (1-minute average): {load:.1f} on {os.cpu_count()} cores")
    print(f"forecast() with replays and exact statuses: {t2 - t1:.2f} s  ({result.replayed} replayed)")
    print(f"peak memory: {peak:.0f} MiB")
    top = ", ".join(f"{c.name} {c.title:.1%}" for c in result.contestants[:3])
    print(f"favourites: {top}")


if __name__ == "__main__":
    main()
