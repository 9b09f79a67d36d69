"""When and where: series, events and their sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from podium.errors import ConsistencyError
from podium.model.values import MAX_LAPS, MAX_ROUND, check_duration, check_time_zone


class SessionKind(StrEnum):
    """What a session is for; its *name* ("Race 2", "Sprint Shootout") is separate."""

    RACE = "race"
    """A points-paying race (the Grand Prix, "Race 1")."""
    SPRINT = "sprint"
    """A shorter points-paying race with its own table (F1 2021+)."""
    QUALIFYING = "qualifying"
    """Sets the grid; may pay a pole bonus."""
    PRACTICE = "practice"
    """Never scores."""
    SEGMENT = "segment"
    """A race's classification at a fixed moment (the class order at six hours of a 24-hour race);
    pays only where a ruleset gives segments a table (IMSA's Michelin Endurance Cup)."""


@dataclass(frozen=True, slots=True)
class Series:
    """A championship brand run year after year (Porsche GT3 Cup Challenge USA, Formula One)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Session:
    """One session of an event. ``id`` is unique within the season (``"r08-race1"``)."""

    id: str
    name: str
    kind: SessionKind
    scheduled_start: datetime | None = None
    """Local wall-clock start at the venue, naive; the event's time zone gives its instant."""
    scheduled_laps: int | None = None
    scheduled_duration: timedelta | None = None
    laps_completed: int | None = None
    """Laps the leader actually completed; with ``scheduled_laps`` it decides partial points."""
    broadcast: str | None = None
    """Where to watch ("imsa.tv")."""

    def __post_init__(self) -> None:
        if self.scheduled_laps is not None and self.scheduled_laps <= 0:
            raise ConsistencyError(
                f"scheduled laps must be positive, got {self.scheduled_laps!r}", where=f"session {self.id!r}"
            )
        if self.laps_completed is not None and self.laps_completed < 0:
            raise ConsistencyError(
                f"laps completed cannot be negative, got {self.laps_completed!r}",
                where=f"session {self.id!r}",
            )
        for name, laps in (("scheduled laps", self.scheduled_laps), ("laps completed", self.laps_completed)):
            if laps is not None and laps > MAX_LAPS:
                raise ConsistencyError(
                    f"{name} are at most {MAX_LAPS}, got {laps!r}", where=f"session {self.id!r}"
                )
        if self.scheduled_duration is not None:
            try:
                check_duration(self.scheduled_duration, what="a session's duration")
            except ValueError as exc:
                raise ConsistencyError(str(exc), where=f"session {self.id!r}") from None

    @property
    def scores(self) -> bool:
        """Whether results of this kind of session can pay points at all."""
        return self.kind in (SessionKind.RACE, SessionKind.SPRINT)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Event:
    """A race meeting: one round of the season, at one venue, in one time zone."""

    round: int
    """Round number, from 1; sessions of one round share the counting unit for dropped scores."""
    id: str
    """Slug of the event, stable across seasons ("sebring", "indianapolis")."""
    name: str
    date: date
    """Date of the main race; eligibility (ages) is evaluated on it."""
    venue: str | None = None
    country: str | None = None
    time_zone: str = "UTC"
    sessions: tuple[Session, ...] = field(default=())

    def __post_init__(self) -> None:
        where = f"round {self.round} {self.name!r}"
        if self.round < 0:
            raise ConsistencyError(f"round must be 0 or more, got {self.round!r}", where=where)
        if self.round > MAX_ROUND:
            raise ConsistencyError(f"round must be at most {MAX_ROUND}, got {self.round!r}", where=where)
        try:
            check_time_zone(self.time_zone)
        except ValueError as exc:
            raise ConsistencyError(str(exc), where=where) from None
        ids = [s.id for s in self.sessions]
        if len(set(ids)) != len(ids):
            raise ConsistencyError(f"duplicate session ids {sorted(ids)!r}", where=where)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def start_instant(self, session: Session) -> datetime | None:
        """The session start as an aware datetime in the venue's zone."""
        if session.scheduled_start is None:
            return None
        return session.scheduled_start.replace(tzinfo=self.zone)

    def session(self, session_id: str) -> Session:
        for s in self.sessions:
            if s.id == session_id:
                return s
        raise ConsistencyError(f"unknown session {session_id!r}", where=f"round {self.round}")

    def __str__(self) -> str:
        return f"R{self.round} {self.name}"
