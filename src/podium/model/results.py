"""Results of sessions, and the adjustments (penalties, corrections) laid over them.

A result stores what the source classified: an overall position or a status. Positions inside a
classification are derived (rank among that class's cars), never stored. Adjustments never
overwrite a result: :func:`apply_adjustments` derives the effective classification from the
original results plus the adjustments, so the original stays as the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from podium.errors import ConsistencyError, Message, message_of
from podium.model.values import MAX_LAPS, MAX_POSITION, check_duration, truth, whole_number


class Status(StrEnum):
    """How a car ended a session."""

    CLASSIFIED = "CLASSIFIED"
    """Classified with a position (may have stopped before the end but covered enough distance)."""
    DNF = "DNF"
    """Started, did not finish, not classified."""
    DNS = "DNS"
    """Entered and qualified but did not start."""
    DSQ = "DSQ"
    """Disqualified from the session."""
    NC = "NC"
    """Running at the end but not classified (too little distance)."""
    EX = "EX"
    """Excluded (from the event or the championship)."""
    DNQ = "DNQ"
    """Did not qualify (f1db's DNPQ, did not pre-qualify, reads as DNQ)."""

    @property
    def started(self) -> bool:
        """Whether a car with this status took the start (DSQ and EX count as started)."""
        return self not in (Status.DNS, Status.DNQ)


@dataclass(frozen=True, slots=True)
class Result:
    """One car's result in one session. ``str(result)`` is ``"P3"`` or the status code."""

    session: str
    entry: str
    position: int | None = None
    """Overall classified position; set exactly when ``status`` is CLASSIFIED."""
    status: Status = Status.CLASSIFIED
    drivers: tuple[str, ...] = ()
    """Who drove this car in this session; empty means the entry's drivers."""
    laps: int | None = None
    time: timedelta | None = None
    """Total time of a classified car (time penalties re-order by it)."""
    laps_led: int = 0
    fastest_lap: bool = False
    """Set the session's fastest lap (several cars when the timing could not split them)."""
    fastest_lap_by: str | None = None
    """Which of the car's drivers set it, when the car was shared."""
    pole: bool = False
    grid: int | None = None
    started_flag: bool | None = None
    """Explicit start flag; ``None`` derives it from the status."""
    official_position: int | None = None
    """The place the organiser's classification printed for a car that is *not* classified (a
    retirement's 22nd, a disqualified car's 27th). Authoritative where it is given: series that rank
    every starter (``scorers = "starters"``) read it instead of ordering retirements by laps. A
    classified car's place is ``position``; repeating it here is allowed, differing is an error."""

    def __post_init__(self) -> None:
        where = Message("session {session!r}, entry {entry!r}", session=self.session, entry=self.entry)
        if self.status is Status.CLASSIFIED:
            if self.position is None or self.position < 1:
                raise ConsistencyError(
                    Message(
                        "a classified result needs a position of 1 or more, got {got!r}", got=self.position
                    ),
                    where=where,
                )
        elif self.position is not None:
            raise ConsistencyError(
                Message(
                    "status {status} cannot have position {got!r}",
                    status=self.status.value,
                    got=self.position,
                ),
                where=where,
            )
        if self.official_position is not None:
            if self.official_position < 1:
                raise ConsistencyError(
                    Message("an official position is 1 or more, got {got!r}", got=self.official_position),
                    where=where,
                )
            if self.status is Status.CLASSIFIED and self.official_position != self.position:
                raise ConsistencyError(
                    Message(
                        "official position {official} differs from classified position {position}",
                        official=self.official_position,
                        position=self.position,
                    ),
                    where=where,
                )
        for name, value, low, high in (
            (Message("position"), self.position, 1, MAX_POSITION),
            (Message("official position"), self.official_position, 1, MAX_POSITION),
            (Message("grid"), self.grid, 1, MAX_POSITION),
            (Message("laps"), self.laps, 0, MAX_LAPS),
            (Message("laps led"), self.laps_led, 0, MAX_LAPS),
        ):
            if value is not None and not (isinstance(value, int) and low <= value <= high):
                if isinstance(value, int) and value < 0:
                    said = Message("{name} cannot be negative, got {got!r}", name=name, got=value)
                    raise ConsistencyError(said, where=where)
                said = Message(
                    "{name} is from {low} to {high}, got {got!r}", name=name, low=low, high=high, got=value
                )
                raise ConsistencyError(said, where=where)
        if self.time is not None:
            try:
                check_duration(self.time, what=Message("a race time"))
            except ValueError as exc:
                raise ConsistencyError(message_of(exc), where=where) from None
        if self.fastest_lap_by is not None and self.drivers and self.fastest_lap_by not in self.drivers:
            raise ConsistencyError(
                Message("fastest lap by {driver!r} who did not drive this car", driver=self.fastest_lap_by),
                where=where,
            )
        if self.status is Status.DNQ and self.started_flag:
            raise ConsistencyError(Message("a car that did not qualify cannot have started"), where=where)

    @property
    def classified(self) -> bool:
        return self.status is Status.CLASSIFIED

    @property
    def placed(self) -> int | None:
        """The place in the printed classification: the classified position, else the official one."""
        return self.position if self.classified else self.official_position

    @property
    def started(self) -> bool:
        return self.status.started if self.started_flag is None else self.started_flag

    @property
    def finished(self) -> bool:
        """Classified and not marked as having stopped; podium treats classified as finished."""
        return self.classified

    def __str__(self) -> str:
        return f"P{self.position}" if self.classified else self.status.value


class AdjustmentKind(StrEnum):
    """What an adjustment does to a result."""

    POINTS = "points"
    """Add (usually deduct) championship points; the classification order is untouched."""
    POSITIONS = "positions"
    """Drop the car N places in the session's classification; the cars passed move up."""
    TIME = "time"
    """Add seconds to the car's total time and re-order cars on the same lap count."""
    DISQUALIFY = "dsq"
    """Disqualify the car from the session; every car behind moves up one place."""
    CORRECTION = "correction"
    """Replace fields of the result (position, status, laps, fastest lap…) as the steward decided."""


CORRECTABLE_FIELDS = ("position", "status", "laps", "laps_led", "fastest_lap", "pole", "grid", "drivers")


def check_change_value(name: str, raw: object) -> object:
    """One corrected field's value as the log stores it, bounded like fresh input (a form's text,
    an API's JSON value, or a restored document's stored value).

    :raises ValueError: for a value the field cannot take. Drivers are checked by the caller.
    """
    if name in ("position", "laps", "laps_led", "grid"):
        if raw is None or (isinstance(raw, str) and raw.strip() in ("", "none", "None")):
            if name == "laps_led":
                raise ValueError(Message("laps_led is a whole number, got {raw!r}", raw=raw))
            return None
        low = 1 if name in ("position", "grid") else 0
        return whole_number(raw, low=low, high=MAX_LAPS if "laps" in name else MAX_POSITION)
    if name == "status":
        if not isinstance(raw, str) or raw.strip().upper() not in Status.__members__:
            raise ValueError(
                Message("expected a status ({known}), got {raw!r}", known=", ".join(Status), raw=raw)
            )
        return Status(raw.strip().upper()).value
    if name in ("fastest_lap", "pole"):
        return truth(raw)
    if name == "drivers":
        if not isinstance(raw, list | tuple) or not all(isinstance(d, str) for d in raw):
            raise ValueError(Message("expected a list of driver ids, got {raw!r}", raw=raw))
        return tuple(raw)
    raise ValueError(Message("cannot correct {name!r}", name=name))


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A penalty or correction on one result, with its reason; it never replaces the original."""

    id: str
    session: str
    entry: str
    kind: AdjustmentKind
    reason: str
    points: Fraction | None = None
    positions: int | None = None
    seconds: Fraction | None = None
    changes: tuple[tuple[str, object], ...] = ()
    """For corrections: (field, new value) pairs."""
    classification: str | None = None
    """Points penalties may hit one classification only (a team penalty); ``None`` hits all."""
    author: str | None = None
    at: datetime | None = None

    def __post_init__(self) -> None:
        where = Message("adjustment {id!r}", id=self.id)
        if not self.reason.strip():
            raise ConsistencyError(Message("every penalty or correction needs a reason"), where=where)
        needs = {
            AdjustmentKind.POINTS: self.points is not None,
            AdjustmentKind.POSITIONS: self.positions is not None and self.positions > 0,
            AdjustmentKind.TIME: self.seconds is not None and self.seconds > 0,
            AdjustmentKind.DISQUALIFY: True,
            AdjustmentKind.CORRECTION: bool(self.changes),
        }
        if not needs[self.kind]:
            raise ConsistencyError(
                Message("a {kind} adjustment needs its amount", kind=self.kind.value), where=where
            )
        for name, _ in self.changes:
            if name not in CORRECTABLE_FIELDS:
                raise ConsistencyError(
                    Message(
                        "cannot correct field {name!r} (allowed: {known})",
                        name=name,
                        known=", ".join(CORRECTABLE_FIELDS),
                    ),
                    where=where,
                )

    def describe(self) -> str:
        """Short English summary used in logs and feeds."""
        match self.kind:
            case AdjustmentKind.POINTS:
                return f"{self.points:+} points"
            case AdjustmentKind.POSITIONS:
                return f"{self.positions}-place penalty"
            case AdjustmentKind.TIME:
                return f"{self.seconds}-second penalty"
            case AdjustmentKind.DISQUALIFY:
                return "disqualified"
            case _:
                return "corrected: " + ", ".join(f"{k}={v}" for k, v in self.changes)


def apply_adjustments(results: Sequence[Result], adjustments: Iterable[Adjustment]) -> tuple[Result, ...]:
    """The effective results of one session: originals with every adjustment applied in order.

    Positions follow the steward's logic: a disqualified car leaves the order and the cars behind
    move up (retired cars with a printed place behind it too); a place penalty moves the car down
    and the cars it drops behind move up; a time penalty re-orders cars on the same lap count. Gaps
    the source left (a vacated place) stay.

    :raises ConsistencyError: when an adjustment names a car that has no result in the session,
        or a time penalty meets a car without a total time.
    """
    by_entry = {r.entry: r for r in results}
    current = list(results)
    for adj in adjustments:
        if adj.entry not in by_entry:
            raise ConsistencyError(
                Message("no result for entry {entry!r} to adjust", entry=adj.entry),
                where=Message("session {id!r}", id=adj.session),
            )
        if adj.kind is AdjustmentKind.POINTS:
            continue
        current = _apply_one(current, adj)
        by_entry = {r.entry: r for r in current}
    return tuple(current)


def _apply_one(results: list[Result], adj: Adjustment) -> list[Result]:
    classified = sorted((r for r in results if r.classified), key=lambda r: r.position or 0)
    others = [r for r in results if not r.classified]
    slots = [r.position or 0 for r in classified]
    target = next(r for r in results if r.entry == adj.entry)
    if adj.kind is AdjustmentKind.CORRECTION:
        fields = dict(adj.changes)
        if "status" in fields:
            fields["status"] = Status(str(fields["status"]))
        if fields.get("status", target.status) is not Status.CLASSIFIED:
            if "position" in fields and fields["position"] is not None:
                fields["official_position"] = fields["position"]
            fields["position"] = None
        else:
            fields["official_position"] = None
        if "drivers" in fields:
            value = fields["drivers"]
            fields["drivers"] = tuple(value) if isinstance(value, list | tuple) else (str(value),)
        corrected = replace(target, **fields)  # type: ignore[arg-type]
        return [corrected if r.entry == adj.entry else r for r in results]
    if adj.kind is AdjustmentKind.DISQUALIFY:
        placed = classified
        if target.classified:
            # Cars ahead keep their place; every car behind moves up one.
            cut = classified.index(target)
            placed = [
                *classified[:cut],
                *(
                    replace(r, position=(r.position or 1) - 1, official_position=None)
                    for r in classified[cut + 1 :]
                ),
            ]
        # A car out of the race that keeps a printed place (IndyCar prints every starter's) moves up too
        # when the disqualified car stood ahead of it.
        vacated = target.position if target.classified else target.official_position
        moved = [
            replace(r, official_position=r.official_position - 1)
            if vacated is not None and r.official_position is not None and r.official_position > vacated
            else r
            for r in others
            if r.entry != adj.entry
        ]
        dsq = replace(target, status=Status.DSQ, position=None, official_position=None)
        return [*placed, dsq, *moved]
    if not target.classified:
        raise ConsistencyError(
            Message(
                "entry {entry!r} is {status}; only a classified car can take a {kind} penalty",
                entry=adj.entry,
                status=target.status.value,
                kind=adj.kind.value,
            ),
            where=Message("session {id!r}", id=adj.session),
        )
    if adj.kind is AdjustmentKind.POSITIONS:
        order = [r for r in classified if r.entry != adj.entry]
        index = min(classified.index(target) + (adj.positions or 0), len(order))
        order.insert(index, target)
    else:
        order = _reorder_by_time(classified, adj)
    placed = [replace(r, position=p, official_position=None) for r, p in zip(order, slots, strict=True)]
    return placed + others


def _reorder_by_time(classified: list[Result], adj: Adjustment) -> list[Result]:
    missing = [r.entry for r in classified if r.time is None or r.laps is None]
    if missing:
        raise ConsistencyError(
            Message(
                "time penalty needs total times and laps of every classified car; missing for {entries}",
                entries=", ".join(missing),
            ),
            where=Message("session {id!r}", id=adj.session),
        )
    extra = timedelta(microseconds=round((adj.seconds or 0) * 1_000_000))
    timed = [
        replace(r, time=(r.time or timedelta()) + extra) if r.entry == adj.entry else r for r in classified
    ]
    # Laps decide first, then time; the original order breaks exact ties.
    rank = {r.entry: i for i, r in enumerate(timed)}
    return sorted(timed, key=lambda r: (-(r.laps or 0), r.time or timedelta(), rank[r.entry]))
