"""The season: an immutable snapshot of everything that decides a championship.

Everything else in the core reads a :class:`Season`; edges (importers, the store) build one. The
constructor checks the data is coherent (every result names a known entry and session, no two cars
share a position, no driver sits in two cars at once) and raises :class:`ConsistencyError` saying
exactly where it is not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TypeVar

from podium.errors import ConsistencyError, NotFoundError
from podium.model.calendar import Event, Series, Session
from podium.model.competitors import Driver, Team
from podium.model.eligibility import ANYONE, Eligibility, EntryFacts, Verdict
from podium.model.entries import Entry
from podium.model.results import Adjustment, Result, apply_adjustments

K = TypeVar("K")
V = TypeVar("V")


class CompetitorKind(StrEnum):
    """Who a classification ranks."""

    DRIVER = "driver"
    TEAM = "team"
    ENTRY = "entry"
    """The car itself (team championships scored by car number)."""


@dataclass(frozen=True, slots=True)
class Classification:
    """A championship table: Platinum, Platinum Masters, Gold, drivers, constructors…

    Membership is decided by :attr:`eligibility` on the event date, not by hand.
    """

    id: str
    name: str
    competitor: CompetitorKind = CompetitorKind.DRIVER
    eligibility: Eligibility = ANYONE
    scoring: str = ""
    """Name of the scoring block of the ruleset that applies; empty means the default block."""

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Season:
    """One season of one series, as known at one moment (results entered so far)."""

    series: Series
    year: int
    ruleset: str
    """Id of the ruleset that scores it (a preset name or a file the store keeps)."""
    classifications: tuple[Classification, ...]
    drivers: tuple[Driver, ...]
    teams: tuple[Team, ...]
    entries: tuple[Entry, ...]
    events: tuple[Event, ...]
    results: tuple[Result, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    name: str = ""
    _index: _SeasonIndex = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _SeasonIndex.build(self))

    def __repr__(self) -> str:
        return (
            f"<Season {self.series.name} {self.year}: {len(self.events)} events, "
            f"{len(self.entries)} entries, {len(self.results)} results>"
        )

    @property
    def title(self) -> str:
        return self.name or f"{self.series.name} {self.year}"

    # -- lookups ---------------------------------------------------------------------------------
    def driver(self, driver_id: str) -> Driver:
        try:
            return self._index.drivers[driver_id]
        except KeyError:
            raise NotFoundError("driver", driver_id, choices=self._index.drivers) from None

    def team(self, team_id: str) -> Team:
        try:
            return self._index.teams[team_id]
        except KeyError:
            raise NotFoundError("team", team_id, choices=self._index.teams) from None

    def entry(self, entry_id: str) -> Entry:
        try:
            return self._index.entries[entry_id]
        except KeyError:
            raise NotFoundError("entry", entry_id, choices=self._index.entries) from None

    def classification(self, classification_id: str) -> Classification:
        for c in self.classifications:
            if c.id == classification_id:
                return c
        raise NotFoundError("classification", classification_id, choices=[c.id for c in self.classifications])

    def event(self, round_number: int) -> Event:
        for e in self.events:
            if e.round == round_number:
                return e
        raise NotFoundError("round", round_number, choices=[str(e.round) for e in self.events])

    def find_event(self, key: str) -> Event:
        """The event a reader names: its id (``sebring``) or its round number (``8``)."""
        for e in self.events:
            if key in (e.id, str(e.round)):
                return e
        raise NotFoundError("event", key, choices=[e.id for e in self.events])

    def event_of(self, session_id: str) -> Event:
        try:
            return self._index.event_of_session[session_id]
        except KeyError:
            raise NotFoundError("session", session_id, choices=self._index.event_of_session) from None

    def session(self, session_id: str) -> Session:
        return self.event_of(session_id).session(session_id)

    def sessions(self) -> Iterator[tuple[Event, Session]]:
        """Every session of the season in calendar order."""
        for event in self.events:
            for session in event.sessions:
                yield event, session

    def competitor_name(self, kind: CompetitorKind, competitor_id: str) -> str:
        if kind is CompetitorKind.DRIVER:
            return self.driver(competitor_id).name
        if kind is CompetitorKind.TEAM:
            return self.team(competitor_id).name
        return self.entry(competitor_id).label

    # -- results ---------------------------------------------------------------------------------
    def original_results(self, session_id: str) -> tuple[Result, ...]:
        """Results as entered, before any penalty or correction."""
        return self._index.results_by_session.get(session_id, ())

    def results_for(self, session_id: str) -> tuple[Result, ...]:
        """Effective results of a session: originals with every adjustment applied."""
        cached = self._index.effective.get(session_id)
        if cached is None:
            adjustments = self._index.adjustments_by_session.get(session_id, ())
            originals = self.original_results(session_id)
            cached = apply_adjustments(originals, adjustments) if adjustments else originals
            self._index.effective[session_id] = cached
        return cached

    def adjustments_for(self, session_id: str) -> tuple[Adjustment, ...]:
        return self._index.adjustments_by_session.get(session_id, ())

    def has_results(self, session_id: str) -> bool:
        return session_id in self._index.results_by_session

    @property
    def rounds_completed(self) -> int:
        """Highest round with any result (0 before the first race)."""
        done = [self.event_of(s).round for s in self._index.results_by_session]
        return max(done, default=0)

    # -- moments of the season -------------------------------------------------------------------
    def session_order(self) -> tuple[str, ...]:
        """Every session id in calendar order: the time line "after session S" is measured on."""
        return tuple(s.id for _, s in self.sessions())

    def session_index(self, session_id: str) -> int:
        """Position of a session on the season's time line (0 for the first session)."""
        self.event_of(session_id)  # a clear NotFoundError for an unknown id
        return self.session_order().index(session_id)

    @property
    def last_session_with_results(self) -> str | None:
        """The latest session (calendar order) that has results: "now" for a stored season.

        Between two races of one round this is the first race, not the round: the seed's question
        (two races on one Friday at Sebring) is asked exactly there.
        """
        done = self._index.results_by_session
        return next((sid for sid in reversed(self.session_order()) if sid in done), None)

    def last_session_of_round(self, round_number: int) -> str | None:
        """The last session of ``round_number`` (None when the round has no session)."""
        sessions = self.event(round_number).sessions
        return sessions[-1].id if sessions else None

    def until(self, session_id: str | None) -> Season:
        """The season as it stood right after ``session_id``: later results and penalties unknown.

        ``None`` is the moment before the first session. Penalties follow their session: a
        penalty on a later session is not known yet, one on an earlier session is.
        """
        if session_id is None:
            past: set[str] = set()
        else:
            order = self.session_order()
            past = set(order[: self.session_index(session_id) + 1])
        if all(r.session in past for r in self.results) and all(a.session in past for a in self.adjustments):
            return self
        return replace(
            self,
            results=tuple(r for r in self.results if r.session in past),
            adjustments=tuple(a for a in self.adjustments if a.session in past),
        )

    def drivers_of(self, result: Result) -> tuple[str, ...]:
        return result.drivers or self.entry(result.entry).drivers

    # -- membership ------------------------------------------------------------------------------
    def eligibility(
        self, classification: Classification, entry: Entry, on: date, driver_id: str | None = None
    ) -> Verdict:
        """Whether ``entry`` (or one of its drivers) belongs to ``classification`` on ``on``.

        The organiser's requested classes narrow membership; the rule then must hold, for the named
        driver or, when none is named and the rule reads drivers, for every driver of the entry.
        """
        if entry.classes and classification.id not in entry.classes:
            return Verdict(False, f"entry {entry.id!r} is not entered in {classification.name}")
        rule = classification.eligibility
        if rule is ANYONE or rule.text in ("", "True"):
            return Verdict(True)
        car = entry.car
        team = self._index.teams.get(entry.team) if entry.team else None
        driver_ids: tuple[str | None, ...] = (driver_id,) if driver_id else (entry.drivers or (None,))
        if not rule.uses_driver:
            driver_ids = (None,)
        for d in driver_ids:
            facts = EntryFacts(
                on=on, driver=self._index.drivers.get(d) if d else None, car=car, team=team, entry_id=entry.id
            )
            verdict = rule.check(facts)
            if not verdict:
                return Verdict(False, f"{classification.name}: {verdict.reason}")
        return Verdict(True)


@dataclass(slots=True)
class _SeasonIndex:
    """Lookup tables built once per season (mutable cache of an immutable value)."""

    drivers: dict[str, Driver]
    teams: dict[str, Team]
    entries: dict[str, Entry]
    event_of_session: dict[str, Event]
    results_by_session: dict[str, tuple[Result, ...]]
    adjustments_by_session: dict[str, tuple[Adjustment, ...]]
    effective: dict[str, tuple[Result, ...]]

    @classmethod
    def build(cls, season: Season) -> _SeasonIndex:
        drivers = _unique({d.id: d for d in season.drivers}, [d.id for d in season.drivers], "driver")
        teams = _unique({t.id: t for t in season.teams}, [t.id for t in season.teams], "team")
        entries = _unique({e.id: e for e in season.entries}, [e.id for e in season.entries], "entry")
        _unique(
            {c.id: c for c in season.classifications},
            [c.id for c in season.classifications],
            "classification",
        )
        _unique({e.round: e for e in season.events}, [e.round for e in season.events], "round")
        for entry in season.entries:
            for d in entry.drivers:
                if d not in drivers:
                    raise ConsistencyError(f"unknown driver {d!r}", where=f"entry {entry.id!r}")
            if entry.team is not None and entry.team not in teams:
                raise ConsistencyError(f"unknown team {entry.team!r}", where=f"entry {entry.id!r}")
        event_of_session: dict[str, Event] = {}
        for event in season.events:
            for s in event.sessions:
                if s.id in event_of_session:
                    raise ConsistencyError(f"session id {s.id!r} used twice", where=f"round {event.round}")
                event_of_session[s.id] = event
        grouped: dict[str, list[Result]] = defaultdict(list)
        for r in season.results:
            if r.session not in event_of_session:
                raise ConsistencyError(
                    f"result for unknown session {r.session!r}", where=f"entry {r.entry!r}"
                )
            if r.entry not in entries:
                raise ConsistencyError(
                    f"result for unknown entry {r.entry!r}", where=f"session {r.session!r}"
                )
            for d in r.drivers:
                if d not in drivers:
                    raise ConsistencyError(
                        f"unknown driver {d!r}", where=f"session {r.session!r}, entry {r.entry!r}"
                    )
            grouped[r.session].append(r)
        for session_id, results in grouped.items():
            _check_session(session_id, results, entries, event_of_session[session_id])
        adjustments: dict[str, list[Adjustment]] = defaultdict(list)
        for a in season.adjustments:
            if a.session not in event_of_session:
                raise ConsistencyError(
                    f"adjustment for unknown session {a.session!r}", where=f"adjustment {a.id!r}"
                )
            adjustments[a.session].append(a)
        return cls(
            drivers=drivers,
            teams=teams,
            entries=entries,
            event_of_session=event_of_session,
            results_by_session={k: tuple(v) for k, v in grouped.items()},
            adjustments_by_session={k: tuple(v) for k, v in adjustments.items()},
            effective={},
        )


def _unique(mapping: dict[K, V], keys: list[K], what: str) -> dict[K, V]:
    if len(mapping) != len(keys):
        seen: set[K] = set()
        dupes = sorted({str(k) for k in keys if k in seen or seen.add(k)})  # type: ignore[func-returns-value]
        raise ConsistencyError(f"duplicate {what} id(s): {', '.join(dupes)}")
    return mapping


def _check_session(session_id: str, results: list[Result], entries: dict[str, Entry], event: Event) -> None:
    """One car per position, one result per car, no driver starting in two cars at once."""
    where = f"round {event.round} session {session_id!r}"
    seen_entries: set[str] = set()
    by_position: dict[int, str] = {}
    driver_cars: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        if r.entry in seen_entries:
            raise ConsistencyError(f"entry {r.entry!r} has two results", where=where)
        seen_entries.add(r.entry)
        entry = entries[r.entry]
        if not entry.valid_in(event.round):
            raise ConsistencyError(
                f"entry {r.entry!r} is not valid in round {event.round} "
                f"(rounds {', '.join(map(str, entry.rounds))})",
                where=where,
            )
        if r.position is not None:
            if r.position in by_position:
                raise ConsistencyError(
                    f"two cars in position {r.position}: {by_position[r.position]!r} and {r.entry!r}",
                    where=where,
                )
            by_position[r.position] = r.entry
        if r.started:
            for d in r.drivers or entry.drivers:
                driver_cars[d].append(r)
    for d, cars in driver_cars.items():
        # A driver may appear in two cars only by taking one over (a shared drive).
        solo = [r for r in cars if len(r.drivers or entries[r.entry].drivers) == 1]
        if len(cars) > 1 and len(solo) > 1:
            raise ConsistencyError(
                f"driver {d!r} is in two cars: {', '.join(r.entry for r in cars)}", where=where
            )
