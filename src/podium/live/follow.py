"""Following a session live: feed lines in, a new state published at every change of order.

The feed-reading loop does only the fast part (:func:`podium.live.state.as_it_stands`, a few tens of
milliseconds): the provisional classification, the standings and, when the session is a class's
last, the champion as it stands. Proofs — what each contender needs (every contender's path in the
problem before the session, once) and the statuses after the provisional result when sessions
remain — run in a worker process, one at a time, coalescing: when several orders arrive while a
proof runs, only the latest is proven next. A proof's answer is published with the order it belongs
to, and only while that order is still the current one.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from podium.live.feed import FeedState, FeedStats, read_feed
from podium.live.hub import LiveHub
from podium.live.needs import needs_of
from podium.live.rmonitor import Flag
from podium.live.state import LiveContext, Need, as_it_stands, statuses
from podium.title import TitleProblem, analyse

log = logging.getLogger("podium.live")


def prove_needs(problem: TitleProblem, final: bool) -> tuple[Need, ...]:
    """Worker: what each contender needs from the session (every contender's path in it)."""
    report = analyse(problem, conditions=False, positions=False, decision=False, paths=True)
    return needs_of(report, final)


def prove_statuses(problem: TitleProblem) -> list[dict[str, Any]]:
    """Worker: statuses after the provisional result (sessions remain)."""
    report = analyse(problem, conditions=False, positions=False, decision=False, paths=False)
    return statuses(report.verdicts)


def worker_pool() -> Executor:
    """One worker process (spawned: no fork of a process with an event loop and threads)."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


@dataclass(slots=True)
class Latency:
    """Milliseconds from a line arriving to the state it caused being published."""

    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """CPU milliseconds of the same work (this thread): the part a loaded machine cannot stretch."""

    def add(self, ms: float, cpu_ms: float | None = None) -> None:
        self.samples.append(ms)
        if cpu_ms is not None:
            self.cpu.append(cpu_ms)

    def p(self, q: float, *, cpu: bool = False) -> float:
        values = self.cpu if cpu else self.samples
        if not values:
            return 0.0
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


class Follower:
    """One session (one or more classes) followed from one feed."""

    def __init__(
        self,
        live: LiveContext,
        hub: LiveHub,
        *,
        pool: Executor | None = None,
        on_state: Callable[[dict[str, Any]], None] | None = None,
        official_check: Callable[[], dict[str, dict[str, Any]] | None] | None = None,
    ) -> None:
        self.live = live
        self.hub = hub
        self.pool = pool
        self.on_state = on_state
        self.official_check = official_check
        self.feed = FeedState()
        self.stats = FeedStats()
        self.latency = Latency()
        self.seq = 0
        self.order: tuple[str, ...] = ()
        self.current: dict[str, Any] | None = None
        self.proven: dict[str, tuple[int, list[dict[str, Any]]]] = {}
        self._proof_running = False
        self._proof_pending: tuple[int, dict[str, TitleProblem]] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.official = live.official
        self.errors = 0
        self.finish: asyncio.Event | None = None
        """Set (when given) once the chequered flag is out and no lap is left."""

    # -- restart -------------------------------------------------------------------------------------
    def restore(self) -> bool:
        """Start from the last known order of this session (published before a restart)."""
        for ctx in self.live.classes:
            saved = self.hub.read_file(self.live.session.id, ctx.classification.id)
            if saved and saved.get("order") and not saved.get("official"):
                self.live.start_order = tuple(saved.get("start_order") or saved["order"])
                self.seq = int(saved.get("seq", 0))
                self.order = tuple(saved["order"])
                self.publish(None, restored=True)
                return True
        return False

    # -- the feed ------------------------------------------------------------------------------------
    def on_line(self, text: str, arrival_ns: int) -> None:
        if self.official:
            return
        try:
            cpu = time.thread_time_ns()
            if self.feed.feed(text) and self.feed.order and self.feed.order != self.order:
                self.order = self.feed.order
                if self.live.start_order is None:
                    self.live.start_order = self.order
                self.seq += 1
                self.publish(arrival_ns, cpu_ns=cpu)
            if self.finish is not None and self.feed.flag is Flag.FINISH and self.feed.laps_to_go == 0:
                self.finish.set()
        except Exception:  # nothing in one line may stop the feed: said, counted, carried on
            self.errors += 1
            log.exception("line %d could not be applied: %r", self.feed.lines, text[:80])

    def publish(self, arrival_ns: int | None, *, restored: bool = False, cpu_ns: int | None = None) -> None:
        """Publish the state of the current order; ``arrival_ns``: when the line that changed it
        arrived (timed), None for a republication (a proof came back, a restart)."""
        state = as_it_stands(self.live, self.order, seq=self.seq)
        data = state.data
        data["start_order"] = list(self.live.start_order or ())
        data["restored"] = restored
        data["feed"] = {
            "lines": self.feed.lines,
            "garbled": self.feed.garbled,
            "connections": self.stats.connections,
            "drops": self.stats.drops,
            "flag": self.feed.flag.value,
            "laps_to_go": self.feed.laps_to_go,
        }
        for cls in data["classes"]:
            self._merge_proof(cls)
        self.current = data
        self._emit(data)
        if arrival_ns is not None:
            cpu_ms = (time.thread_time_ns() - cpu_ns) / 1e6 if cpu_ns is not None else None
            self.latency.add((time.perf_counter_ns() - arrival_ns) / 1e6, cpu_ms)
        pending = {k: p for k, p in state.after.items() if p.sessions}
        if pending and self.pool is not None:
            self._request_proof(self.seq, pending)

    def _merge_proof(self, cls: dict[str, Any]) -> None:
        title = cls["title"]
        proven = self.proven.get(cls["class"])
        if title["decided"] or title["proof"] == "no points in this session":
            return
        if proven is not None and proven[0] == self.seq:
            title["statuses"] = proven[1]
            title["proof"] = "proven"
            clinched = next((s for s in proven[1] if s["status"] == "clinched"), None)
            if clinched is not None:
                title["champion"] = {"id": clinched["id"], "name": clinched["name"]}
        else:
            title["proof"] = "pending"

    def _emit(self, data: dict[str, Any]) -> None:
        for cls in data["classes"]:
            self.hub.publish(
                data["session"],
                cls["class"],
                {**{k: v for k, v in data.items() if k != "classes"}, "class": cls},
            )
        if self.on_state is not None:
            self.on_state(data)

    # -- proofs off the loop ------------------------------------------------------------------------
    def start_proofs(self) -> None:
        """Work out each class's needs (once), then republish."""
        if self.pool is None:
            return
        for ctx in self.live.classes:
            if not ctx.scores_here or ctx.needs is not None:
                continue
            future = self.pool.submit(prove_needs, ctx.problem, ctx.final)
            future.add_done_callback(functools.partial(self._done_soon, self._needs_done, ctx))

    def _done_soon(self, fn: Callable[..., None], key: Any, future: Future[Any]) -> None:
        self._call(fn, key, future)

    def _call(self, fn: Callable[..., None], *args: Any) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(fn, *args)
        else:
            fn(*args)

    def _needs_done(self, ctx: Any, future: Future[tuple[Need, ...]]) -> None:
        try:
            ctx.needs = future.result()
        except Exception as exc:  # a proof that fails is said, never guessed
            log.error("needs proof for %s failed: %s", ctx.classification.id, exc)
            ctx.needs = ()
        if self.order and not self.official:
            self.publish(None)

    def _request_proof(self, seq: int, problems: dict[str, TitleProblem]) -> None:
        if self._proof_running:
            self._proof_pending = (seq, problems)  # only the latest order is proven next
            return
        self._proof_running = True
        assert self.pool is not None
        futures = {k: self.pool.submit(prove_statuses, p) for k, p in problems.items()}
        remaining = set(futures)

        def done(class_id: str, future: Future[list[dict[str, Any]]]) -> None:
            try:
                self.proven[class_id] = (seq, future.result())
            except Exception as exc:
                log.error("status proof for %s failed: %s", class_id, exc)
            remaining.discard(class_id)
            if remaining:
                return
            self._proof_running = False
            if seq == self.seq and self.current is not None and not self.official:
                self.publish(None)
            if self._proof_pending is not None:
                pending, self._proof_pending = self._proof_pending, None
                if pending[0] == self.seq:
                    self._request_proof(*pending)

        for class_id, future in futures.items():
            future.add_done_callback(functools.partial(self._done_soon, done, class_id))

    # -- official results ---------------------------------------------------------------------------
    def give_way(self, official: dict[str, dict[str, Any]]) -> None:
        """Official results were imported: publish them and stop following the feed."""
        self.official = True
        for class_id, state in official.items():
            self.hub.publish(self.live.session.id, class_id, state)
        if self.on_state is not None:
            self.on_state(
                {"session": self.live.session.id, "official": True, "classes": list(official.values())}
            )

    async def run(
        self, url: str, stop: asyncio.Event, *, check_every: float = 5.0, idle: float = 30.0
    ) -> None:
        """Follow ``url`` until ``stop`` is set (or official results arrive)."""
        self._loop = asyncio.get_running_loop()
        self.start_proofs()
        checker = asyncio.create_task(self._watch_official(stop, check_every))
        try:
            await read_feed(url, self.on_line, stop=stop, stats=self.stats, idle=idle)
        finally:
            checker.cancel()
            await asyncio.get_running_loop().run_in_executor(None, self.hub.flush)

    async def _watch_official(self, stop: asyncio.Event, every: float) -> None:
        if self.official_check is None:
            return
        while not stop.is_set():
            official = await asyncio.get_running_loop().run_in_executor(None, self.official_check)
            if official:
                self.give_way(official)
                stop.set()
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)


def json_line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def default_live_dir() -> Path:
    return Path(".podium-live")
