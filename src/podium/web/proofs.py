"""Proofs off the request path: worker processes prove title states and what-ifs.

A title proof costs seconds of CPU. Run inside a web request (or a thread of the web process) it
starved every reader: public reads fell from 191 to 15 req/s while a steward's penalty was proved.
So the site serves the last *proven* state of each title question (season, classification,
moment) together with its "as of" (the season version it was proven for), and asks worker
processes for the new one; a page asked before the first proof of a version says "being worked
out" and shows the previous proven state, if any. Requests never prove anything themselves.

What-ifs of anonymous readers are bounded: their scenarios are checked in the request (cheap), then
at most ``whatif_queue`` distinct what-ifs wait or run at once in the same workers; beyond that
the answer is 503 with ``Retry-After``. Identical scenarios share one computation.

Workers are *spawned* processes (never forked: the web process has threads), ``title_workers`` of
them at a lower CPU priority than the web process, started by the first proof asked for and
stopped by :meth:`Proofs.close` (the application's shutdown). Each job opens the store by its URL,
so nothing big crosses the process boundary on the way in; the answer (title problem and report,
odds) comes back pickled.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import TYPE_CHECKING, Any, TypeVar

from cachetools import LRUCache

from podium.errors import StoreError
from podium.settings import Settings

if TYPE_CHECKING:
    from podium.forecast import Forecast
    from podium.web.shared import Shared
    from podium.web.site import TitleView
    from podium.web.whatif import Scenario, WhatIf

log = logging.getLogger("podium.web")

Question = tuple[str, str, str | None]
"""(season ref, classification id, session asked after; None: the latest session with results)."""

WORKER_NICENESS = 10
"""Workers run at a lower CPU priority than the web process: on a busy machine readers come first,
proofs take what is left (they are seconds, a reader waits for milliseconds)."""
RETRY_AFTER = 5
"""Seconds a busy answer asks the client to wait (a what-if takes seconds, not minutes)."""
STALE_AFTER = 900.0
"""Seconds after which a proof that never answered is asked again (its worker died: the pool
replaces the process but the job is lost)."""
DONE_KEPT = 128
"""Finished what-ifs kept for readers who ask again (bounded, oldest forgotten first)."""
PROVEN_KEPT = 1024
"""Proven title states kept in memory, least recently read forgotten first. Readers may ask for any
earlier moment of any season (``?after=``), so without a bound a crawler walking f1db's history would
hold every state of 77 seasons; a forgotten state is proven again when asked (or read back from Redis)."""

CLOSE_WAIT = 10.0
"""Seconds a shutdown waits for the pool to terminate before it kills the workers itself."""

T = TypeVar("T")
Outcome = tuple[str | None, Any]
"""What a job sends back: (None, value) or (error message, None). Exceptions are turned into text
in the worker: an exception that does not unpickle would stall the pool's result thread."""


@dataclass(frozen=True, slots=True)
class Proven:
    """A title question answered for one version of the season (its "as of")."""

    version: int
    title: TitleView
    forecast: Forecast | None


@dataclass(frozen=True, slots=True)
class TitleState:
    """What the site can say about a title question now, without waiting."""

    version: int
    """The season's version now."""
    proven: Proven | None
    """The latest proven answer: for ``version`` (current) or an earlier one (marked as of it)."""
    failure: str | None = None
    """Why the proof of ``version`` failed, when it did (it is not retried until the next change)."""

    @property
    def current(self) -> bool:
        return self.proven is not None and self.proven.version >= self.version

    @property
    def pending(self) -> bool:
        """A proof of this version is still to come (no failure recorded for it)."""
        return not self.current and self.failure is None


class Busy(Exception):
    """Every worker slot for readers' extra work is taken: ask again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int = RETRY_AFTER) -> None:
        super().__init__(message)
        self.retry_after = retry_after


# -- what runs in a worker process ----------------------------------------------------------------------
def _worker_started() -> None:
    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # not permitted here: the worker runs at the web process's priority
        log.warning("title worker could not lower its CPU priority")


def _guarded(job: Callable[[], T]) -> Outcome:
    try:
        return None, job()
    except Exception as exc:  # every failure goes back as text (see Outcome)
        log.exception("a proof failed in a worker")
        if isinstance(exc, StoreError):  # its words name the database: pages show this text
            return "StoreError: the database could not answer (the server's log says why)", None
        return f"{type(exc).__name__}: {exc}", None


def prove_title(settings: Settings, ref: str, classification: str, after: str | None) -> Outcome:
    """Worker job: the title picture and odds of one question, for the season as stored now."""
    from podium.store import open_store
    from podium.web.site import Site

    def job() -> Proven:
        store = open_store(settings.database_url, settings=settings)
        try:
            site = Site(settings, store)
            return site.prove(site.view(ref), classification, after)
        finally:
            store.close()

    return _guarded(job)


def prove_whatif(
    settings: Settings, ref: str, classification: str, after: str | None, scenario: Scenario
) -> Outcome:
    """Worker job: the title picture after the reader's chosen results."""
    from podium.store import open_store
    from podium.web.site import Site

    def job() -> WhatIf:
        store = open_store(settings.database_url, settings=settings)
        try:
            site = Site(settings, store)
            return site.compute_whatif(site.view(ref), classification, scenario, after)
        finally:
            store.close()

    return _guarded(job)


def _stop(pool: Pool) -> None:
    """Stop the workers without ever hanging the application's shutdown.

    ``Pool.terminate()`` can wait for ever: it first takes the lock of the pool's task queue, and a
    worker killed while holding it (out of memory, mid-read), or started after the pool handed out
    its stop signals, never gives it back (CPython's ``Pool._help_stuff_finish``). So it runs in a
    daemon thread; after ``CLOSE_WAIT`` seconds the workers are killed instead and the stuck
    terminate is left behind (its finaliser runs once, so nothing waits for it at exit).
    """
    stopper = threading.Thread(target=pool.terminate, name="podium-proofs-terminate", daemon=True)
    stopper.start()
    stopper.join(CLOSE_WAIT)
    if not stopper.is_alive():
        pool.join()
        return
    log.warning("the title workers did not stop in %.0f s; killing them", CLOSE_WAIT)
    for process in getattr(pool, "_pool", ()):  # the pool's own worker processes
        if process.is_alive():
            process.kill()
            process.join(CLOSE_WAIT)


# -- the web process's side -----------------------------------------------------------------------------
class Proofs:
    """The worker pool and what it has proven, for one site; thread-safe."""

    def __init__(self, settings: Settings, shared: Shared | None = None) -> None:
        self.settings = settings
        self.shared = shared
        """With Redis (several web workers): proven states are published there and read from there,
        and one worker of the site proves each version of a question."""
        self.workers = max(1, settings.title_workers)
        self.queue = max(1, settings.whatif_queue)
        self._lock = threading.Condition()
        self._pool: Pool | None = None
        self._finalizer: weakref.finalize[Any, Any] | None = None
        self._generation = 0
        self._proven: LRUCache[Question, Proven] = LRUCache(PROVEN_KEPT)
        self._running: dict[Question, tuple[int, float]] = {}
        """Proofs asked for: (version, when asked)."""
        self.stale_after = STALE_AFTER
        self._wanted: dict[Question, int] = {}
        self._failures: LRUCache[Question, tuple[int, str]] = LRUCache(PROVEN_KEPT)
        self._whatifs: OrderedDict[object, AsyncResult[Outcome]] = OrderedDict()

    # -- title states -------------------------------------------------------------------------------
    def state(self, question: Question, version: int, *, extra: bool = False) -> TitleState:
        """The proven state of ``question`` now; asks the workers for ``version`` when it is missing.

        ``extra``: a question only a reader asked for (an explicit earlier moment); it counts against
        the what-if queue and raises :class:`Busy` when that is full.
        """
        with self._lock:
            proven = self._proven.get(question)
            if self.shared is not None and (proven is None or proven.version < version):
                published: Proven | None = self.shared.get(self._shared_key("proven", question))
                if published is not None and (proven is None or published.version > proven.version):
                    self._proven[question] = proven = published
            if proven is None or proven.version < version:
                self._ask(question, version, extra=extra)
            failed = self._failures.get(question)
            failure = failed[1] if failed is not None and failed[0] >= version else None
            return TitleState(version, proven, failure)

    def record(self, question: Question, proven: Proven) -> None:
        """A proof made elsewhere (in this process: tests, warm-up scripts) counts like a worker's."""
        with self._lock:
            self._keep(question, proven)

    def wait(self, question: Question, version: int, timeout: float) -> TitleState:
        """Block until ``question`` is proven for ``version`` (or failed, or ``timeout`` passed).

        For tests, benchmarks and warm-up scripts; requests never wait for a title proof.
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                state = self.state(question, version)
                left = deadline - time.monotonic()
                if state.current or state.failure is not None or left <= 0:
                    return state
                self._lock.wait(min(left, 0.5))

    def _ask(self, question: Question, version: int, *, extra: bool) -> None:
        running = self._running.get(question)
        if running is not None and time.monotonic() - running[1] > self.stale_after:
            log.warning("the proof of %s did not answer in %.0f s; asking again", question, self.stale_after)
            running = None  # a worker killed mid-proof (out of memory) never answers
        if running is not None:
            if running[0] < version:  # asked again when the older proof ends
                self._wanted[question] = max(self._wanted.get(question, 0), version)
            return
        failed = self._failures.get(question)
        if failed is not None and failed[0] >= version:
            return
        if extra and self._busy() >= self.queue:
            raise Busy("the title at this moment is waiting for a worker; every slot is taken")
        if self.shared is not None and not self.shared.claim(
            self._shared_key("proving", question, str(version)), self.stale_after
        ):
            return  # another web worker of the site proves it and publishes the answer
        generation = self._generation
        self._running[question] = (version, time.monotonic())
        self._start().apply_async(
            prove_title,
            (self.settings, *question),
            callback=lambda outcome: self._proved(question, version, generation, outcome),
            error_callback=lambda exc: self._proved(question, version, generation, (repr(exc), None)),
        )

    def _proved(self, question: Question, version: int, generation: int, outcome: Outcome) -> None:
        error, proven = outcome
        with self._lock:
            if generation != self._generation:
                return  # the pool was closed meanwhile
            self._running.pop(question, None)
            wanted = self._wanted.pop(question, None)
            if error is not None:
                log.error("proving %s failed: %s", question, error)
                self._failures[question] = (version, error)
            else:
                self._keep(question, proven)
                if wanted is not None and wanted > proven.version:
                    self._ask(question, wanted, extra=False)
            self._lock.notify_all()

    def _keep(self, question: Question, proven: Proven) -> None:
        old = self._proven.get(question)
        if old is None or proven.version >= old.version:
            self._proven[question] = proven
            if self.shared is not None:
                self.shared.put(self._shared_key("proven", question), proven)
        self._failures.pop(question, None)
        self._lock.notify_all()

    def _shared_key(self, kind: str, question: Question, *more: str) -> str:
        assert self.shared is not None
        ref, classification, after = question
        return self.shared.key("title", kind, ref, classification, after or "-", *more)

    def _busy(self) -> int:
        """Readers' extra work waiting or running: what-ifs and explicit-moment proofs."""
        whatifs = sum(1 for job in self._whatifs.values() if not job.ready())
        moments = sum(1 for q in self._running if q[2] is not None)
        return whatifs + moments

    # -- what-ifs -----------------------------------------------------------------------------------
    def whatif(
        self, key: object, ref: str, classification: str, after: str | None, scenario: Scenario
    ) -> AsyncResult[Outcome]:
        """The job computing one what-if (shared by identical requests); :class:`Busy` when full."""
        with self._lock:
            job = self._whatifs.get(key)
            if job is not None:
                self._whatifs.move_to_end(key)
                return job
            if self._busy() >= self.queue:
                raise Busy(
                    f"{self.queue} what-ifs are already being worked out; ask again in {RETRY_AFTER} s"
                )
            job = self._start().apply_async(
                prove_whatif, (self.settings, ref, classification, after, scenario)
            )
            self._whatifs[key] = job
            while len(self._whatifs) > DONE_KEPT:
                oldest = next(k for k, j in self._whatifs.items() if j.ready() or k == key)
                if oldest == key:
                    break
                del self._whatifs[oldest]
            return job

    # -- the pool -----------------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._pool is not None

    def _start(self) -> Pool:
        if self._pool is None:
            pool = multiprocessing.get_context("spawn").Pool(self.workers, initializer=_worker_started)
            self._pool = pool
            # A site dropped without close() (a test client without its context) stops its workers too.
            self._finalizer = weakref.finalize(self, pool.terminate)
        return self._pool

    def close(self) -> None:
        """Stop the workers now (the application shuts down); proofs in flight are dropped.

        What was proven stays; a later request starts new workers.
        """
        with self._lock:
            pool, self._pool = self._pool, None
            finalizer, self._finalizer = self._finalizer, None
            self._generation += 1
            self._running.clear()
            self._wanted.clear()
            self._whatifs.clear()
            self._lock.notify_all()
        if finalizer is not None:
            finalizer.detach()
        if pool is not None:
            _stop(pool)
