"""Title mathematics timings (goals from issue 11; figures, not pass/fail).

1. Full title state of one F1 state (every competitor: status with witness or certificate, best and
   worst position; every contender's clinch conditions; the next session's decision table),
   replayed through the standings: p50 / p95 / max over seeded samples of rounds, drivers and
   constructors, for late rounds (the last three before the final) and any round.
   Goals: p95 ≤ 0.2 s late, ≤ 1 s any round.
2. Status of every driver after every round 1950–2026 (goal ≤ 30 s in all).
3. A 40-competitor, 6-session scenario, full analysis (goal ≤ 2 s).
4. A what-if: the next session's result applied, then the full title state (goal ≤ 0.5 s).

Every figure is deterministic in *what* it computes (no clock decides an answer); only the
times depend on the machine. Run: ``.venv/bin/python benchmarks/title.py [--sample 20]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path
from typing import Any

from podium.importers.f1db import f1db_years, read_season
from podium.rules import f1_preset
from podium.title import Completion, analyse, parse_scenario
from podium.title.analyst import Analyst
from podium.title.build import problem_from_season
from podium.title.endings import greedy_title
from podium.title.engine import make_engine
from podium.title.problem import advance
from podium.title.replay import replay_table

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "f1db"


def rounds_of(data: Any) -> list[int]:
    return sorted({data.season.event_of(r.session).round for r in data.season.results})


def percentiles(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return f"p50 {statistics.median(times):.2f} s, p95 {p95:.2f} s, max {times[-1]:.2f} s"


def full_state(year: int, data: Any, after: int, classification: str) -> float:
    start = time.perf_counter()
    problem, link = problem_from_season(
        data.season, f1_preset(year), classification, after, field_as_next_round=True
    )
    analyse(problem, verify=lambda c, link=link: replay_table(link, c))
    return time.perf_counter() - start


def one_state(args: argparse.Namespace, seasons: dict[int, Any]) -> None:
    rng = random.Random(7)
    years = sorted(y for y in seasons if len(rounds_of(seasons[y])) > 4)
    for classification in ("drivers", "constructors"):
        late: list[float] = []
        anywhere: list[float] = []
        for kind, bucket in (("late", late), ("any", anywhere)):
            for _ in range(args.sample):
                year = rng.choice([y for y in years if classification == "drivers" or y >= 1958])
                rounds = rounds_of(seasons[year])[:-1]
                after = rng.choice(rounds[-3:] if kind == "late" else rounds)
                bucket.append(full_state(year, seasons[year], after, classification))
        print(f"1. full title state, {classification}, late rounds ({len(late)}): {percentiles(late)}")
        print(f"1. full title state, {classification}, any round ({len(anywhere)}): {percentiles(anywhere)}")


def every_driver(seasons: dict[int, Any], limit: float) -> None:
    """Status of every driver after every round; stops after ``limit`` seconds with a projection."""
    plan = [(year, data, after) for year, data in sorted(seasons.items()) for after in rounds_of(data)]
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
                f"{projected:.0f} s (goal ≤ 30 s)"
            )
            return
        if year // 10 != last_decade:
            last_decade = year // 10
            print(f"   … {year}: {elapsed:.1f} s so far ({done} rounds)", flush=True)
        problem, link = problem_from_season(
            data.season, f1_preset(year), "drivers", after, field_as_next_round=True
        )
        analyst = Analyst(problem, make_engine(problem), verify=lambda c, link=link: replay_table(link, c))
        for c in problem.contestants:
            analyst.verdict(c, conditions=False, positions=False)
            verdicts += 1
        done += 1
    elapsed = time.perf_counter() - start
    print(
        f"2. status of every driver after every round 1950–2026: {elapsed:.1f} s "
        f"({done} rounds, {verdicts} verdicts; goal ≤ 30 s)"
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
    bounded = sum(1 for v in report.verdicts if not (v.best_exact and v.worst_exact) or v.unsettled)
    print(
        f"3. 40 competitors, 6 sessions, full analysis: {elapsed:.2f} s "
        f"({alive} still alive, {bounded} with an answer marked as a bound; goal ≤ 2 s)"
    )


def whatif(seasons: dict[int, Any]) -> None:
    """The what-if page's work: apply the next session's result, redo the full title state."""
    times = []
    for year, after in ((2021, 20), (2008, 16), (2023, 15), (2012, 18), (1986, 14)):
        data = seasons[year]
        problem, link = problem_from_season(
            data.season, f1_preset(year), "drivers", after, field_as_next_round=True
        )
        leader = max(problem.contestants, key=lambda c: c.points)
        outcome = greedy_title(problem, leader.id).outcomes[0]
        start = time.perf_counter()
        after_it = advance(problem, outcome)
        analyse(
            after_it, verify=lambda c, link=link, o=outcome: replay_table(link, Completion((o, *c.outcomes)))
        )
        times.append(time.perf_counter() - start)
    print(f"4. what-if, next race applied then full title state ({len(times)} states): {percentiles(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--f1db", type=Path, default=DEFAULT)
    parser.add_argument("--sample", type=int, default=20, help="F1 states per p50/p95 figure")
    parser.add_argument("--skip-all-rounds", action="store_true", help="skip the long figure 2")
    parser.add_argument(
        "--limit", type=float, default=300.0, help="seconds figure 2 may run before it projects the total"
    )
    args = parser.parse_args()
    seasons = {y: read_season(args.f1db, y) for y in f1db_years(args.f1db)}
    full_state(2008, seasons[2008], 17, "drivers")  # warm-up: imports (OR-Tools) are not timed
    one_state(args, seasons)
    if not args.skip_all_rounds:
        every_driver(seasons, args.limit)
    big_scenario()
    whatif(seasons)


if __name__ == "__main__":
    main()
