"""Title mathematics timings (goals from the title-maths issue; figures, not pass/fail).

1. Full title state of one F1 round (statuses, witnesses, certificates, positions, conditions,
   next-race table), replayed through the standings: p50 / p95 over a seeded sample of rounds.
2. Status of every driver after every round 1950–2026 (goal ≤ 60 s on 2 cores).
3. A 40-competitor, 6-session scenario, full analysis.

Run: ``.venv/bin/python benchmarks/title.py [--sample 20]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from podium.importers.f1db import f1db_years, read_season
from podium.rules import f1_preset
from podium.title import analyse, parse_scenario
from podium.title.analysis import Analyst, make_engine
from podium.title.build import problem_from_season
from podium.title.replay import replay_table

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "f1db"


def one_round(args: argparse.Namespace, seasons: dict[int, object]) -> None:
    rng = random.Random(7)
    picks = []
    for _ in range(args.sample):
        year = rng.choice(sorted(seasons))
        data = seasons[year]
        rounds = sorted({data.season.event_of(r.session).round for r in data.season.results})  # type: ignore[attr-defined]
        picks.append((year, rng.choice(rounds[:-1] or rounds)))
    times = []
    for year, after in picks:
        data = seasons[year]
        start = time.perf_counter()
        problem, link = problem_from_season(
            data.season,
            f1_preset(year),
            "drivers",
            after,  # type: ignore[attr-defined]
            field_as_next_round=True,
        )
        analyse(problem, verify=lambda c, link=link: replay_table(link, c))
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(
        f"1. full title state of one F1 round ({len(times)} rounds): p50 {statistics.median(times):.2f} s, "
        f"p95 {p95:.2f} s, max {times[-1]:.2f} s"
    )


def every_driver(seasons: dict[int, object], limit: float) -> None:
    """Status of every driver after every round; stops after ``limit`` seconds with a projection."""
    plan = []
    for year, data in sorted(seasons.items()):
        rounds = sorted({data.season.event_of(r.session).round for r in data.season.results})  # type: ignore[attr-defined]
        plan += [(year, data, after) for after in rounds]
    start = time.perf_counter()
    verdicts = done = 0
    last_decade = None
    for year, data, after in plan:
        elapsed = time.perf_counter() - start
        if elapsed > limit:
            projected = elapsed * len(plan) / max(done, 1)
            print(
                f"2. status of every driver after every round 1950–2026: stopped after {elapsed:.0f} s at "
                f"{year} ({done} of {len(plan)} rounds, {verdicts} verdicts); projected total "
                f"{projected:.0f} s (goal ≤ 60 s)"
            )
            return
        if year // 10 != last_decade:
            last_decade = year // 10
            print(f"   … {year}: {elapsed:.1f} s so far ({done} rounds)", flush=True)
        problem, _ = problem_from_season(
            data.season,  # type: ignore[attr-defined]
            f1_preset(year),
            "drivers",
            after,
            field_as_next_round=True,
        )
        analyst = Analyst(problem, make_engine(problem, "cpsat"))
        for c in problem.contestants:
            analyst.verdict(c, conditions=False, positions=False)
            verdicts += 1
        done += 1
    elapsed = time.perf_counter() - start
    print(
        f"2. status of every driver after every round 1950–2026: {elapsed:.1f} s "
        f"({done} rounds, {verdicts} verdicts; goal ≤ 60 s)"
    )


def big_scenario() -> None:
    rng = random.Random(40)
    lines = [
        'title = "40 competitors, 6 sessions"',
        "[rules]",
        "points = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]",
        'scoring = "classified"',
        'tiebreak = "countback"',
    ]
    total = 220
    for i in range(40):
        total -= rng.randint(0, 9)
        wins = max(0, 4 - i // 3)
        lines += [
            "[[competitors]]",
            f'name = "Driver {i + 1:02d}"',
            f'points = "{max(total, 0)}"',
            f"countback = [{wins}, {rng.randint(0, 3)}]",
        ]
    for j in range(6):
        lines += ["[[remaining]]", f'name = "Race {j + 1}"', "starters = 40", "multiplier = 1"]
    problem = parse_scenario("\n".join(lines) + "\n")
    start = time.perf_counter()
    report = analyse(problem)
    elapsed = time.perf_counter() - start
    alive = sum(1 for v in report.verdicts if str(v.status) == "alive")
    print(f"3. 40 competitors, 6 sessions, full analysis: {elapsed:.1f} s ({alive} still alive)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--f1db", type=Path, default=DEFAULT)
    parser.add_argument("--sample", type=int, default=20, help="F1 rounds for the p50/p95 figure")
    parser.add_argument("--skip-all-rounds", action="store_true", help="skip the long figure 2")
    parser.add_argument(
        "--limit", type=float, default=300.0, help="seconds figure 2 may run before it projects the total"
    )
    args = parser.parse_args()
    seasons = {y: read_season(args.f1db, y) for y in f1db_years(args.f1db)}
    one_round(args, seasons)
    if not args.skip_all_rounds:
        every_driver(seasons, args.limit)
    big_scenario()


if __name__ == "__main__":
    main()
