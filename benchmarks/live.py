"""Milliseconds from a feed line arriving to the new live state published (goal: p95 ≤ 100 ms).

Two title deciders, each replayed as a real RMonitor feed on a loopback port and followed by a
:class:`podium.live.follow.Follower` in the same process, the proofs in their worker process as in
``podium live follow``:

- Sebring race 16 (r08-race-2, the demo store after race 1) with a 30-car field: the 18 cars of
  the demo plus 12 illustrative Platinum guests entered for the round (in memory only), every class
  followed (Platinum, Platinum Masters, Gold);
- the F1 2021 finale (Abu Dhabi) from f1db, drivers and constructors.

A line "arrives" when the follower's reader hands it over (after ``readline``); "published" is when
every class's state is in the hub (and on disk). Only lines that change the order publish, so only
those are timed. Prints p50, p95 and max per replay, and the share of the fast path
(:func:`as_it_stands`) in it. Run: ``PYTHONPATH=src .venv/bin/python benchmarks/live.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from podium.live.follow import Follower, worker_pool
from podium.live.hub import LiveHub
from podium.live.replay import ReplayServer, script
from podium.live.state import as_it_stands, build_context
from podium.model import Car, Driver, Entry, RoundRange, Season
from podium.rules import Ruleset, f1_preset
from podium.store import open_store
from podium.store.demo import load_sebring_demo

F1DB = Path(__file__).resolve().parents[2] / "shared" / "data" / "f1db"


def sebring_30(folder: Path) -> tuple[Season, Ruleset]:
    url = f"sqlite:///{folder / 'demo.db'}"
    load_sebring_demo(url, after_race_1=True)
    store = open_store(url)
    try:
        season, ruleset = store.season("gt3-usa-2020")
    finally:
        store.close()
    field = [e for e in season.entries if e.car is not None and e.valid_in(8)]
    guests_needed = 30 - len(field)
    drivers = list(season.drivers)
    entries = list(season.entries)
    for i in range(guests_needed):
        driver = Driver(f"bench-guest-{i + 1}", f"Guest {i + 1} (benchmark)", date(1990, 1, 1), "USA")
        drivers.append(driver)
        entries.append(
            Entry(
                id=f"bench-guest-{i + 1}",
                drivers=(driver.id,),
                team=None,
                car=Car(str(900 + i), "911 GT3 Cup (991.2)", 2019),
                rounds=(RoundRange(8, 8),),
                classes=("platinum",),
            )
        )
    return replace(season, drivers=tuple(drivers), entries=tuple(entries)), ruleset


def finish_of(season: Season, session: str) -> list[str] | None:
    """Sebring race 2 has not run: it ends in race 1's order with the guests spread through it."""
    if season.has_results(session):
        return None
    first = script(season, session).laps[-1]
    guests = [e.car.number for e in season.entries if e.id.startswith("bench-guest") and e.car]
    order = list(first)
    for i, number in enumerate(guests):
        order.insert(min(len(order), 2 + 2 * i), number)
    return order


async def follow(season: Season, ruleset: Ruleset, session: str, speed: float, history: bool) -> Follower:
    plan = script(season, session, finish=finish_of(season, session))
    live = build_context(season, ruleset, session, history=history)
    with tempfile.TemporaryDirectory() as folder:
        pool = worker_pool()
        follower = Follower(live, LiveHub(Path(folder)), pool=pool)
        server = ReplayServer(plan, speed=speed)
        port = await server.start()
        stop = asyncio.Event()
        task = asyncio.create_task(follower.run(f"tcp://127.0.0.1:{port}", stop))
        await server.finished.wait()
        await asyncio.sleep(0.5)
        stop.set()
        await task
        await server.close()
        pool.shutdown(wait=True, cancel_futures=True)
    return follower


def fast_path(season: Season, ruleset: Ruleset, session: str, history: bool) -> tuple[float, float]:
    """Milliseconds of :func:`as_it_stands` alone over the replay's laps (p50, p95)."""
    plan = script(season, session, finish=finish_of(season, session))
    live = build_context(season, ruleset, session, history=history)
    times = []
    for order in plan.laps:
        t = time.perf_counter()
        as_it_stands(live, order)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times[len(times) // 2], times[round(0.95 * (len(times) - 1))]


def report(name: str, cars: int, follower: Follower, fast: tuple[float, float]) -> None:
    lat = follower.latency
    print(
        f"{name}: {cars} cars, {follower.feed.lines} lines, {follower.seq} changes of order, "
        f"{follower.feed.garbled} garbled, {follower.stats.drops} drops"
    )
    print(
        f"  line → state published: p50 {lat.p(0.5):.1f} ms, p95 {lat.p(0.95):.1f} ms, "
        f"max {max(lat.samples, default=0):.1f} ms (n={len(lat.samples)})"
    )
    print(
        f"  CPU time of the same work (this thread): p50 {lat.p(0.5, cpu=True):.1f} ms, "
        f"p95 {lat.p(0.95, cpu=True):.1f} ms"
    )
    print(f"  as_it_stands alone, lap by lap: p50 {fast[0]:.1f} ms, p95 {fast[1]:.1f} ms")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--f1db", type=Path, default=F1DB)
    parser.add_argument("--speed", type=float, default=60.0, help="Times real time of the replays.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        season, ruleset = sebring_30(Path(folder))
    cars = len(script(season, "r08-race-2", finish=finish_of(season, "r08-race-2")).laps[-1])
    follower = asyncio.run(follow(season, ruleset, "r08-race-2", args.speed, history=False))
    report("Sebring race 16", cars, follower, fast_path(season, ruleset, "r08-race-2", False))
    from podium.importers.f1db import read_season

    f1 = read_season(args.f1db, 2021).season
    rules = f1_preset(2021)
    follower = asyncio.run(follow(f1, rules, "r22-race", args.speed * 2, history=True))
    cars = len([e for e in f1.entries if e.car is not None and e.valid_in(22)])
    report("F1 2021 Abu Dhabi", cars, follower, fast_path(f1, rules, "r22-race", True))


if __name__ == "__main__":
    main()
