"""Model values ↔ plain JSON data: the payloads of the change log and the season document.

Exact by construction: points and seconds travel as fraction strings ("-5", "5/2"), times as whole
microseconds, dates as ISO text; no float ever enters a payload. ``decode_x(encode_x(v)) == v`` for
every value (tested with Hypothesis).

Decoding is strict: a restored document is outside input, so every number, time and yes/no goes
through :mod:`podium.model.values` with the bounds of fresh input (a negative race time, "+1+1" as
a boolean or a number of a million digits is a :class:`ValueError`, never a value in the store).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from podium.model import (
    Adjustment,
    AdjustmentKind,
    Car,
    Classification,
    CompetitorKind,
    Driver,
    Eligibility,
    Entry,
    Event,
    Result,
    RoundRange,
    Session,
    SessionKind,
    Status,
    Team,
)
from podium.model.results import check_change_value
from podium.model.values import (
    MAX_DURATION,
    MAX_LAPS,
    MAX_POINTS,
    MAX_POSITION,
    MAX_ROUND,
    check_time_zone,
    exact_number,
    micros_duration,
    truth,
    whole_number,
)

JSON = dict[str, Any]


def _opt_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _read_date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value is not None else None


def micros(value: timedelta) -> int:
    """A timedelta as whole microseconds (exact; timedelta has no finer unit)."""
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


def from_micros(value: int | None) -> timedelta | None:
    return micros_duration(value, what="a race time") if value is not None else None


def _whole(value: object, low: int, high: int) -> int | None:
    return whole_number(value, low=low, high=high) if value is not None else None


def _flag(value: object) -> bool | None:
    return truth(value) if value is not None else None


def _fraction(value: Fraction | None) -> str | None:
    return str(value) if value is not None else None


def _read_fraction(value: object, *, low: int = -MAX_POINTS, high: int = MAX_POINTS) -> Fraction | None:
    return exact_number(value, low=low, high=high) if value is not None else None


# -- competitors -----------------------------------------------------------------------------------
def encode_driver(d: Driver) -> JSON:
    return {"id": d.id, "name": d.name, "birth_date": _opt_date(d.birth_date), "nationality": d.nationality}


def decode_driver(j: Mapping[str, Any]) -> Driver:
    return Driver(
        id=str(j["id"]),
        name=str(j["name"]),
        birth_date=_read_date(j.get("birth_date")),
        nationality=j.get("nationality"),
    )


def encode_team(t: Team) -> JSON:
    return {"id": t.id, "name": t.name, "nationality": t.nationality}


def decode_team(j: Mapping[str, Any]) -> Team:
    return Team(id=str(j["id"]), name=str(j["name"]), nationality=j.get("nationality"))


def encode_entry(e: Entry) -> JSON:
    car = None
    if e.car is not None:
        car = {"number": e.car.number, "model": e.car.model, "build_year": e.car.build_year}
    return {
        "id": e.id,
        "drivers": list(e.drivers),
        "team": e.team,
        "car": car,
        "rounds": [str(r) for r in e.rounds],
        "classes": list(e.classes),
    }


def decode_entry(j: Mapping[str, Any]) -> Entry:
    car_j = j.get("car")
    car = None
    if car_j is not None:
        car = Car(
            number=str(car_j["number"]),
            model=car_j.get("model"),
            build_year=_whole(car_j.get("build_year"), 1880, 2200),
        )
    return Entry(
        id=str(j["id"]),
        drivers=tuple(str(d) for d in j.get("drivers", ())),
        team=j.get("team"),
        car=car,
        rounds=tuple(RoundRange.parse(r) for r in j.get("rounds", ())),
        classes=tuple(str(c) for c in j.get("classes", ())),
    )


def encode_classification(c: Classification) -> JSON:
    return {
        "id": c.id,
        "name": c.name,
        "competitor": c.competitor.value,
        "eligibility": c.eligibility.text,
        "scoring": c.scoring,
    }


def decode_classification(j: Mapping[str, Any]) -> Classification:
    return Classification(
        id=str(j["id"]),
        name=str(j["name"]),
        competitor=CompetitorKind(j.get("competitor", "driver")),
        eligibility=Eligibility(str(j.get("eligibility", "True"))),
        scoring=str(j.get("scoring", "")),
    )


# -- calendar --------------------------------------------------------------------------------------
def encode_session(s: Session) -> JSON:
    duration = None
    if s.scheduled_duration is not None:
        duration = micros(s.scheduled_duration) // 1_000_000
    return {
        "id": s.id,
        "name": s.name,
        "kind": s.kind.value,
        "scheduled_start": s.scheduled_start.isoformat() if s.scheduled_start else None,
        "scheduled_laps": s.scheduled_laps,
        "duration_s": duration,
        "laps_completed": s.laps_completed,
        "broadcast": s.broadcast,
    }


def decode_session(j: Mapping[str, Any]) -> Session:
    start = j.get("scheduled_start")
    duration = j.get("duration_s")
    return Session(
        id=str(j["id"]),
        name=str(j["name"]),
        kind=SessionKind(j["kind"]),
        scheduled_start=datetime.fromisoformat(start) if start else None,
        scheduled_laps=_whole(j.get("scheduled_laps"), 1, MAX_LAPS),
        scheduled_duration=(
            timedelta(seconds=whole_number(duration, high=int(MAX_DURATION.total_seconds())))
            if duration is not None
            else None
        ),
        laps_completed=_whole(j.get("laps_completed"), 0, MAX_LAPS),
        broadcast=j.get("broadcast"),
    )


def encode_event(e: Event) -> JSON:
    return {
        "round": e.round,
        "id": e.id,
        "name": e.name,
        "date": e.date.isoformat(),
        "venue": e.venue,
        "country": e.country,
        "time_zone": e.time_zone,
        "sessions": [encode_session(s) for s in e.sessions],
    }


def decode_event(j: Mapping[str, Any]) -> Event:
    return Event(
        round=whole_number(j["round"], high=MAX_ROUND),
        id=str(j["id"]),
        name=str(j["name"]),
        date=date.fromisoformat(str(j["date"])),
        venue=j.get("venue"),
        country=j.get("country"),
        time_zone=check_time_zone(j.get("time_zone", "UTC")),
        sessions=tuple(decode_session(s) for s in j.get("sessions", ())),
    )


# -- results and adjustments -------------------------------------------------------------------------
def encode_result(r: Result) -> JSON:
    """A result without its session (the change that carries it names the session)."""
    out: JSON = {
        "entry": r.entry,
        "position": r.position,
        "status": r.status.value,
        "drivers": list(r.drivers),
        "laps": r.laps,
        "time_us": micros(r.time) if r.time is not None else None,
        "laps_led": r.laps_led,
        "fastest_lap": r.fastest_lap,
        "fastest_lap_by": r.fastest_lap_by,
        "pole": r.pole,
        "grid": r.grid,
        "started": r.started_flag,
    }
    if r.official_position is not None:  # only when given: older logs stay byte-identical
        out["official_position"] = r.official_position
    return out


def decode_result(session_id: str, j: Mapping[str, Any]) -> Result:
    return Result(
        session=session_id,
        entry=str(j["entry"]),
        position=_whole(j.get("position"), 1, MAX_POSITION),
        status=Status(j.get("status", "CLASSIFIED")),
        drivers=tuple(str(d) for d in j.get("drivers", ())),
        laps=_whole(j.get("laps"), 0, MAX_LAPS),
        time=from_micros(j.get("time_us")),
        laps_led=whole_number(j.get("laps_led", 0), high=MAX_LAPS),
        fastest_lap=truth(j.get("fastest_lap", False)),
        fastest_lap_by=j.get("fastest_lap_by"),
        pole=truth(j.get("pole", False)),
        grid=_whole(j.get("grid"), 1, MAX_POSITION),
        started_flag=_flag(j.get("started")),
        official_position=_whole(j.get("official_position"), 1, MAX_POSITION),
    )


def _encode_change_value(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Status):
        return value.value
    return value


def encode_adjustment(a: Adjustment) -> JSON:
    """An adjustment without its id, author and time (the change that carries it has them)."""
    return {
        "session": a.session,
        "entry": a.entry,
        "kind": a.kind.value,
        "reason": a.reason,
        "points": _fraction(a.points),
        "positions": a.positions,
        "seconds": _fraction(a.seconds),
        "changes": [[name, _encode_change_value(value)] for name, value in a.changes],
        "classification": a.classification,
    }


def decode_change_value(name: str, value: object) -> object:
    """A corrected field's stored value, checked like a correction typed today."""
    return check_change_value(name, value)


def decode_adjustment(
    j: Mapping[str, Any], *, adjustment_id: str, author: str | None = None, at: datetime | None = None
) -> Adjustment:
    changes: Sequence[Sequence[Any]] = j.get("changes") or ()
    return Adjustment(
        id=adjustment_id,
        session=str(j["session"]),
        entry=str(j["entry"]),
        kind=AdjustmentKind(j["kind"]),
        reason=str(j["reason"]),
        points=_read_fraction(j.get("points")),
        positions=_whole(j.get("positions"), 1, MAX_POSITION),
        seconds=_read_fraction(j.get("seconds"), low=0, high=int(MAX_DURATION.total_seconds())),
        changes=tuple((str(n), decode_change_value(str(n), v)) for n, v in changes),
        classification=j.get("classification"),
        author=author,
        at=at,
    )
