"""What every page and API call reads through: the store plus caches keyed by season version.

The store's season version increases on every write, so a cache keyed by ``(ref, version, …)`` is
never stale: after a penalty the next request sees a new version and recomputes what is cheap
(standings, the title *problem*). Title analyses and what-ifs take seconds (they prove things): the
requests read them through :class:`podium.web.proofs.Proofs`, which serves the last proven state
and has worker processes prove the new one (:meth:`Site.title_state`, :meth:`Site.whatif`). The
in-process computations (:meth:`Site.prove`, :meth:`Site.title`, :meth:`Site.compute_whatif`) are
what those workers run.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Generic, TypeVar, cast

from cachetools import LRUCache
from fastapi import Depends, Request

from podium.errors import NotFoundError
from podium.model import Season
from podium.rules import Ruleset
from podium.settings import Settings
from podium.standings import Standings, compute_standings, progression
from podium.store import Store
from podium.title import TitleReport, analyse
from podium.title.build import SeasonLink, problem_from_season
from podium.title.problem import TitleProblem
from podium.title.replay import replay_table
from podium.web.proofs import Busy, Proofs, Proven, TitleState
from podium.web.shared import Shared

if TYPE_CHECKING:
    from podium.forecast import Forecast
    from podium.web.whatif import Scenario, WhatIf

FORECAST_SAMPLES = 20_000
"""Simulated endings behind the title page's odds: ±0.35 points of percentage at 50 %, a fraction of a
second for the Sebring classes; cached per season version like everything else."""
FORECAST_SEED = 2020
"""Fixed so that a page shows the same odds on every reload of the same season version."""

log = logging.getLogger("podium.web")

K = TypeVar("K")
V = TypeVar("V")


class OnceCache(Generic[K, V]):
    """A bounded LRU cache (``cachetools.LRUCache``) where each key is computed once even under
    concurrent requests."""

    def __init__(self, size: int = 256) -> None:
        self._values: LRUCache[K, V] = LRUCache(size)
        self._locks: dict[K, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        with self._guard:
            if key in self._values:
                return self._values[key]  # reading moves it to the recent end
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                if key in self._values:
                    return self._values[key]
            value = compute()
            with self._guard:
                self._values[key] = value
                self._locks.pop(key, None)
            return value

    def clear(self) -> None:
        with self._guard:
            self._values.clear()


@dataclass(frozen=True, slots=True)
class SeasonView:
    """A season as one version of the store has it, with its ruleset."""

    ref: str
    version: int
    season: Season
    ruleset: Ruleset


@dataclass(frozen=True, slots=True)
class TitleView:
    """The exact title picture of one classification of one season version."""

    problem: TitleProblem
    report: TitleReport


class Site:
    """The store and the caches of what is derived from it; one per application."""

    def __init__(self, settings: Settings, store: Store, shared: Shared | None = None) -> None:
        self.settings = settings
        self.store = store
        self.shared = shared
        """The site's Redis (``redis_url``), shared with its other workers; None: this process only."""
        self._seasons: OnceCache[tuple[str, int], SeasonView] = OnceCache(64)
        self._standings: OnceCache[tuple[str, int, str], Standings] = OnceCache(256)
        self._progressions: OnceCache[tuple[str, int, str], list[Standings]] = OnceCache(64)
        self._titles: OnceCache[tuple[str, int, str, str | None], TitleView] = OnceCache(64)
        self._problems: OnceCache[tuple[str, int, str, str | None], tuple[TitleProblem, SeasonLink]] = (
            OnceCache(64)
        )
        self._forecasts: OnceCache[tuple[str, int, str, str | None], Forecast | None] = OnceCache(64)
        self._whatifs: OnceCache[tuple[str, int, str, str | None, object], WhatIf] = OnceCache(128)
        self.proofs = Proofs(settings, shared=shared)

    def view(self, ref: str, *, as_of: datetime | None = None) -> SeasonView:
        """The season ``ref`` now (cached by version) or as it stood at ``as_of`` (not cached)."""
        if as_of is not None:
            season, ruleset = self.store.season(ref, as_of=as_of)
            return SeasonView(ref, -1, season, ruleset)
        version = self.store.version(ref)

        def load() -> SeasonView:
            season, ruleset = self.store.season(ref)
            return SeasonView(ref, version, season, ruleset)

        return self._seasons.get((ref, version), load)

    def standings(self, view: SeasonView, classification: str) -> Standings:
        """Standings of one classification after the last round with results."""
        if view.version < 0:
            return compute_standings(view.season, view.ruleset, classification)
        return self._standings.get(
            (view.ref, view.version, classification),
            lambda: compute_standings(view.season, view.ruleset, classification),
        )

    def progression(self, view: SeasonView, classification: str) -> list[Standings]:
        """Standings after every round (charts, changes since last round)."""
        if view.version < 0:
            return progression(view.season, view.ruleset, classification)
        return self._progressions.get(
            (view.ref, view.version, classification),
            lambda: progression(view.season, view.ruleset, classification),
        )

    def moments(self, view: SeasonView) -> tuple[str, ...]:
        """Session ids a title question may be asked after: every session up to the latest one
        with results, in calendar order (a moment in the future has no results to stand on)."""
        order = view.season.session_order()
        last = view.season.last_session_with_results
        return () if last is None else order[: order.index(last) + 1]

    def moment(self, view: SeasonView, after: str | None) -> str | None:
        """``after`` checked (None: the default moment, the latest session with results).

        :raises NotFoundError: naming the sessions one may ask after.
        """
        if after is None:
            return None
        if after not in self.moments(view):
            raise NotFoundError("session with results", after, choices=self.moments(view))
        return after

    def title(self, view: SeasonView, classification: str, after: str | None = None) -> TitleView:
        """The exact title picture (statuses, witnesses, conditions, decision table), replay-checked,
        after session ``after`` (default: the latest session with results)."""

        def compute() -> TitleView:
            problem, link = self.problem(view, classification, after)
            last_round = len({s.round for s in problem.sessions}) == 1
            report = analyse(
                problem,
                verify=lambda completion: replay_table(link, completion),
                # a team's grid by best car costs seconds of solving: shown before a last round only
                decision="teams" if last_round else True,
            )
            return TitleView(problem, report)

        if view.version < 0:
            return compute()
        return self._titles.get((view.ref, view.version, classification, after), compute)

    def problem(
        self, view: SeasonView, classification: str, after: str | None = None
    ) -> tuple[TitleProblem, SeasonLink]:
        """The title problem and its link back to the season (what-if applies results to both)."""

        def compute() -> tuple[TitleProblem, SeasonLink]:
            return problem_from_season(view.season, view.ruleset, classification, after_session=after)

        if view.version < 0:
            return compute()
        return self._problems.get((view.ref, view.version, classification, after), compute)

    def forecast(self, view: SeasonView, classification: str, after: str | None = None) -> Forecast | None:
        """Title odds (fixed seed, modest samples) for the title page; None when no session remains.

        Eliminated = 0 and clinched = 1 are enforced by :func:`podium.forecast.forecast` itself.
        """
        from podium.forecast import forecast, history_from_season

        def compute() -> Forecast | None:
            problem, _ = self.problem(view, classification, after)
            if not problem.sessions:
                return None
            past = view.season.until(problem.moment.session if problem.moment is not None else None)
            history = history_from_season(past, view.ruleset, classification)
            return forecast(
                problem,
                samples=FORECAST_SAMPLES,
                seed=FORECAST_SEED,
                history=history,
            )

        if view.version < 0:
            return compute()
        return self._forecasts.get((view.ref, view.version, classification, after), compute)

    # -- proofs, served without proving in the request ----------------------------------------------
    def title_state(self, view: SeasonView, classification: str, after: str | None = None) -> TitleState:
        """The last proven title picture of this question and whether it is current; never waits.

        When the season changed since, the workers are asked for the new one. ``after`` (an
        explicit moment, validated by :meth:`moment`) is a reader's extra work: :class:`Busy` when
        the workers' queue is full.
        """
        return self.proofs.state((view.ref, classification, after), view.version, extra=after is not None)

    def prove(self, view: SeasonView, classification: str, after: str | None = None) -> Proven:
        """Prove one title question here and now (workers run this; tests and scripts may too)."""
        proven = Proven(
            view.version, self.title(view, classification, after), self.forecast(view, classification, after)
        )
        if view.version >= 0:
            self.proofs.record((view.ref, classification, after), proven)
        return proven

    def whatif(
        self, view: SeasonView, classification: str, scenario: Scenario, after: str | None = None
    ) -> WhatIf:
        """The title picture after the reader's chosen results, computed by a worker.

        The scenario is checked here first (an InputError costs no worker). The request then waits
        at most ``whatif_wait`` seconds; :class:`Busy` (503) when the queue is full or the wait
        ends, and the finished result is kept for whoever asks again.
        """
        from podium.web.whatif import resolve

        problem, _ = self.problem(view, classification, after)
        resolve(problem, scenario)
        key = (view.ref, view.version, classification, after, scenario.key)
        job = self.proofs.whatif(key, view.ref, classification, after, scenario)
        try:
            error, result = job.get(timeout=self.settings.whatif_wait)
        except multiprocessing.TimeoutError:
            raise Busy("this what-if is still being worked out; ask again, its result is kept") from None
        if error is not None:
            raise RuntimeError(f"the what-if failed in a worker: {error}")
        return cast("WhatIf", result)

    def compute_whatif(
        self, view: SeasonView, classification: str, scenario: Scenario, after: str | None = None
    ) -> WhatIf:
        """The title picture after the reader's chosen results, computed here (workers run this)."""
        from podium.web.whatif import compute as compute_whatif

        def compute() -> WhatIf:
            problem, link = self.problem(view, classification, after)
            current = self.title(view, classification, after).report if not scenario.sessions else None
            return compute_whatif(problem, link, scenario, current=current)

        if view.version < 0:
            return compute()
        return self._whatifs.get((view.ref, view.version, classification, after, scenario.key), compute)

    # -- warming ------------------------------------------------------------------------------------
    def warm(self, ref: str) -> None:
        """Ask the workers for the current title picture and odds of every class of ``ref``."""
        view = self.view(ref)
        for c in view.season.classifications:
            self.title_state(view, c.id)

    def start_warming(self, interval: float = 2.0, refresh: float = 60.0) -> threading.Event:
        """Keep every season's title pages ready: a daemon thread polls season versions and, after
        any change (a penalty, new results, also written by another process), asks the workers
        for the new proofs before a reader does. Set the returned event to stop it. ``podium
        serve`` starts it."""
        stop = threading.Event()
        thread = threading.Thread(
            target=self._warm_loop, args=(stop, interval, refresh), name="podium-warm", daemon=True
        )
        thread.start()
        return stop

    def _warm_loop(self, stop: threading.Event, interval: float, refresh: float) -> None:
        warmed: dict[str, int] = {}
        refs: list[str] = []
        listed = float("-inf")
        while not stop.is_set():
            try:
                if time.monotonic() - listed > refresh:
                    refs = [info.ref for info in self.store.seasons()]
                    listed = time.monotonic()
                for ref in refs:
                    if stop.is_set():
                        return
                    version = self.store.version(ref)
                    if warmed.get(ref) != version:
                        self.warm(ref)
                        warmed[ref] = version
            except Exception:  # a season that cannot be analysed must not stop the others
                log.exception("warming the title caches failed")
            stop.wait(interval)

    def close(self) -> None:
        """Release what the site holds: the worker processes, then the store's connections."""
        self.proofs.close()
        self.store.close()
        if self.shared is not None:
            self.shared.close()

    def clear(self) -> None:
        """Forget everything derived (tests; the version keys make this unnecessary otherwise)."""
        for cache in (
            self._seasons,
            self._standings,
            self._progressions,
            self._titles,
            self._problems,
            self._forecasts,
            self._whatifs,
        ):
            cache.clear()


def current_site(request: Request) -> Site:
    """The site the app serves: the one way a route reaches it (as a dependency: ``site: SiteDep``)."""
    return cast(Site, request.app.state.site)


SiteDep = Annotated[Site, Depends(current_site)]
"""A route parameter receiving the app's :class:`Site`."""
