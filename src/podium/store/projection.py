"""From the change log to tables and back to a :class:`~podium.model.Season`.

:func:`project` turns one change's payload into the rows of the projection tables (a pure function:
replaying the log rebuilds the tables). :func:`derive` reads them back as the season stood at any
moment: it decides which changes count (recorded by then, and not undone by an undo recorded by
then), then takes for every entity the row of the latest counting change that wrote it, for every
session the results of the latest counting import, and every counting adjustment in log order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, select

from podium.model import (
    Adjustment,
    Car,
    Classification,
    CompetitorKind,
    Driver,
    Eligibility,
    Entry,
    Event,
    Result,
    RoundRange,
    Season,
    Series,
    Session,
    SessionKind,
    Status,
    Team,
)
from podium.store import schema as t
from podium.store.codec import decode_adjustment, from_micros
from podium.store.records import ChangeKind

Rows = dict[Table, list[dict[str, Any]]]


# -- log → rows ------------------------------------------------------------------------------------
def project(
    kind: ChangeKind, payload: Mapping[str, Any], *, season_id: int, change_id: int, ruleset_id: int | None
) -> Rows:
    """The projection rows of one change (``ruleset_id``: the stored ruleset a payload names)."""
    rows: Rows = defaultdict(list)
    base = {"season_id": season_id, "change_id": change_id}
    if kind in (ChangeKind.SEASON_CREATE, ChangeKind.SEASON_RULESET):
        assert ruleset_id is not None
        rows[t.season_ruleset].append({**base, "ruleset_id": ruleset_id})
    if kind is ChangeKind.SEASON_CREATE:
        for i, c in enumerate(payload["classifications"]):
            rows[t.classification].append(
                {
                    **base,
                    "id": c["id"],
                    "ord": i,
                    "name": c["name"],
                    "competitor": c.get("competitor", "driver"),
                    "eligibility": c.get("eligibility", "True"),
                    "scoring": c.get("scoring", ""),
                }
            )
    elif kind is ChangeKind.ENTRIES_IMPORT:
        for d in payload.get("drivers", []):
            rows[t.driver].append(
                {
                    **base,
                    "id": d["id"],
                    "name": d["name"],
                    "birth_date": _date(d.get("birth_date")),
                    "nationality": d.get("nationality"),
                }
            )
        for team in payload.get("teams", []):
            rows[t.team].append(
                {**base, "id": team["id"], "name": team["name"], "nationality": team.get("nationality")}
            )
        for e in payload.get("entries", []):
            car = e.get("car") or {}
            rows[t.entry].append(
                {
                    **base,
                    "id": e["id"],
                    "team_id": e.get("team"),
                    "car_number": car.get("number"),
                    "car_model": car.get("model"),
                    "car_build_year": car.get("build_year"),
                    "rounds": ",".join(e.get("rounds", [])),
                    "classes": ",".join(e.get("classes", [])),
                }
            )
            for i, driver_id in enumerate(e.get("drivers", [])):
                rows[t.entry_driver].append({**base, "entry_id": e["id"], "ord": i, "driver_id": driver_id})
    elif kind is ChangeKind.EVENTS_ADD:
        for ev in payload["events"]:
            rows[t.event].append(
                {
                    **base,
                    "round": ev["round"],
                    "id": ev["id"],
                    "name": ev["name"],
                    "date": _date(ev["date"]),
                    "venue": ev.get("venue"),
                    "country": ev.get("country"),
                    "time_zone": ev.get("time_zone", "UTC"),
                }
            )
            for i, s in enumerate(ev.get("sessions", [])):
                start = s.get("scheduled_start")
                rows[t.session].append(
                    {
                        **base,
                        "round": ev["round"],
                        "ord": i,
                        "id": s["id"],
                        "name": s["name"],
                        "kind": s["kind"],
                        "scheduled_start": datetime.fromisoformat(start) if start else None,
                        "scheduled_laps": s.get("scheduled_laps"),
                        "duration_s": s.get("duration_s"),
                        "laps_completed": s.get("laps_completed"),
                        "broadcast": s.get("broadcast"),
                    }
                )
    elif kind is ChangeKind.RESULTS_IMPORT:
        session_id = payload["session"]
        for i, r in enumerate(payload["results"]):
            rows[t.result].append(
                {
                    **base,
                    "session_id": session_id,
                    "ord": i,
                    "entry_id": r["entry"],
                    "position": r.get("position"),
                    "status": r.get("status", "CLASSIFIED"),
                    "drivers": ",".join(r.get("drivers", [])),
                    "laps": r.get("laps"),
                    "time_us": r.get("time_us"),
                    "laps_led": r.get("laps_led", 0),
                    "fastest_lap": bool(r.get("fastest_lap", False)),
                    "fastest_lap_by": r.get("fastest_lap_by"),
                    "pole": bool(r.get("pole", False)),
                    "grid": r.get("grid"),
                    "started": r.get("started"),
                    "official_position": r.get("official_position"),
                }
            )
    elif kind in (ChangeKind.PENALTY_ADD, ChangeKind.CORRECTION_ADD):
        a = payload["adjustment"]
        rows[t.adjustment].append(
            {
                **base,
                "session_id": a["session"],
                "entry_id": a["entry"],
                "kind": a["kind"],
                "reason": a["reason"],
                "points": a.get("points"),
                "positions": a.get("positions"),
                "seconds": a.get("seconds"),
                "changes": a.get("changes") or None,
                "classification": a.get("classification"),
            }
        )
    return rows


def _date(text: object) -> date | None:
    return date.fromisoformat(str(text)) if text is not None else None


def insert_rows(conn: Connection, rows: Rows) -> int:
    """Insert projection rows table by table (in dependency order); returns how many."""
    count = 0
    for table in t.PROJECTIONS:
        batch = rows.get(table)
        if batch:
            conn.execute(table.insert(), batch)
            count += len(batch)
    return count


# -- which changes count -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LogLine:
    """The parts of a change that decide whether it counts at a moment."""

    id: int
    kind: ChangeKind
    created_at: datetime
    reverts: int | None
    author: str


def counting_changes(log: Sequence[LogLine], as_of: datetime | None) -> tuple[set[int], dict[int, int]]:
    """Changes in force at ``as_of`` (all when ``None``), and for each undone change the undo that hid it.

    An undo can itself be undone (a redo): walking the log from its end, an undo that is still in
    force hides its target; one that was hidden hides nothing.
    """
    visible = [c for c in log if as_of is None or c.created_at <= as_of]
    hidden_by: dict[int, int] = {}
    for c in sorted(visible, key=lambda c: c.id, reverse=True):
        if c.id in hidden_by:
            continue
        if c.reverts is not None:
            hidden_by[c.reverts] = c.id
    return {c.id for c in visible if c.id not in hidden_by}, hidden_by


def read_log(conn: Connection, season_id: int) -> list[LogLine]:
    rows = conn.execute(
        select(t.change.c.id, t.change.c.kind, t.change.c.created_at, t.change.c.reverts, t.change.c.author)
        .where(t.change.c.season_id == season_id)
        .order_by(t.change.c.id)
    )
    return [LogLine(r.id, ChangeKind(r.kind), r.created_at, r.reverts, r.author) for r in rows]


# -- rows → season ---------------------------------------------------------------------------------
def _latest(rows: Iterable[Any], active: set[int], key: str | tuple[str, ...]) -> dict[Any, Any]:
    """For each key, the row written by the latest counting change."""
    best: dict[Any, Any] = {}
    keys = (key,) if isinstance(key, str) else key
    for row in rows:
        if row.change_id not in active:
            continue
        k = tuple(getattr(row, name) for name in keys) if len(keys) > 1 else getattr(row, keys[0])
        current = best.get(k)
        if current is None or row.change_id > current.change_id:
            best[k] = row
    return best


def _season_rows(conn: Connection, table: Table, season_id: int) -> list[Any]:
    return list(conn.execute(select(table).where(table.c.season_id == season_id)))


@dataclass(frozen=True, slots=True)
class Derived:
    """A season as derived from the log, with what it was derived from."""

    season: Season
    ruleset_id: int
    active: frozenset[int]
    result_change: Mapping[str, int]
    """Session id → the change whose results are in force."""


def derive(
    conn: Connection,
    *,
    season_id: int,
    series: Series,
    year: int,
    name: str,
    log: Sequence[LogLine],
    as_of: datetime | None,
) -> Derived | None:
    """The season as it stood at ``as_of`` (now when ``None``); ``None`` before it was created."""
    active, _ = counting_changes(log, as_of)
    if not active:
        return None
    authors = {c.id: (c.author, c.created_at) for c in log}

    rulesets = _latest(_season_rows(conn, t.season_ruleset, season_id), active, "season_id")
    if not rulesets:
        return None
    ruleset_id = next(iter(rulesets.values())).ruleset_id
    ruleset_name = conn.execute(select(t.ruleset.c.name).where(t.ruleset.c.id == ruleset_id)).scalar_one()

    classifications = sorted(
        _latest(_season_rows(conn, t.classification, season_id), active, "id").values(),
        key=lambda r: (r.ord, r.id),
    )
    drivers = _latest(_season_rows(conn, t.driver, season_id), active, "id")
    teams = _latest(_season_rows(conn, t.team, season_id), active, "id")
    entries = _latest(_season_rows(conn, t.entry, season_id), active, "id")
    entry_drivers: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    for row in _season_rows(conn, t.entry_driver, season_id):
        entry_drivers[(row.change_id, row.entry_id)].append((row.ord, row.driver_id))
    events = _latest(_season_rows(conn, t.event, season_id), active, "round")
    sessions: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for row in _season_rows(conn, t.session, season_id):
        sessions[(row.change_id, row.round)].append(row)

    result_rows = [r for r in _season_rows(conn, t.result, season_id) if r.change_id in active]
    result_change: dict[str, int] = {}
    for r in result_rows:
        result_change[r.session_id] = max(result_change.get(r.session_id, 0), r.change_id)
    results = sorted(
        (r for r in result_rows if result_change[r.session_id] == r.change_id),
        key=lambda r: (r.change_id, r.ord),
    )
    adjustment_rows = sorted(
        (r for r in _season_rows(conn, t.adjustment, season_id) if r.change_id in active),
        key=lambda r: r.change_id,
    )

    season = Season(
        series=series,
        year=year,
        ruleset=ruleset_name,
        classifications=tuple(
            Classification(
                id=c.id,
                name=c.name,
                competitor=CompetitorKind(c.competitor),
                eligibility=_eligibility(c.eligibility),
                scoring=c.scoring,
            )
            for c in classifications
        ),
        drivers=tuple(
            Driver(d.id, d.name, d.birth_date, d.nationality)
            for d in sorted(drivers.values(), key=lambda d: d.id)
        ),
        teams=tuple(Team(x.id, x.name, x.nationality) for x in sorted(teams.values(), key=lambda x: x.id)),
        entries=tuple(
            _entry(e, entry_drivers[(e.change_id, e.id)])
            for e in sorted(entries.values(), key=lambda e: e.id)
        ),
        events=tuple(
            _event(ev, sessions[(ev.change_id, ev.round)])
            for ev in sorted(events.values(), key=lambda e: e.round)
        ),
        results=tuple(_result(r) for r in results),
        adjustments=tuple(_adjustment(a, authors[a.change_id]) for a in adjustment_rows),
        name=name,
    )
    return Derived(season, ruleset_id, frozenset(active), result_change)


_ELIGIBILITY_CACHE: dict[str, Eligibility] = {}


def _eligibility(text: str) -> Eligibility:
    rule = _ELIGIBILITY_CACHE.get(text)
    if rule is None:
        rule = _ELIGIBILITY_CACHE[text] = Eligibility(text)
    return rule


def _entry(row: Any, drivers: list[tuple[int, str]]) -> Entry:
    car = None
    if row.car_number is not None:
        car = Car(number=row.car_number, model=row.car_model, build_year=row.car_build_year)
    return Entry(
        id=row.id,
        drivers=tuple(d for _, d in sorted(drivers)),
        team=row.team_id,
        car=car,
        rounds=tuple(RoundRange.parse(r) for r in row.rounds.split(",") if r),
        classes=tuple(c for c in row.classes.split(",") if c),
    )


def _event(row: Any, sessions: list[Any]) -> Event:
    return Event(
        round=row.round,
        id=row.id,
        name=row.name,
        date=row.date,
        venue=row.venue,
        country=row.country,
        time_zone=row.time_zone,
        sessions=tuple(
            Session(
                id=s.id,
                name=s.name,
                kind=SessionKind(s.kind),
                scheduled_start=s.scheduled_start,
                scheduled_laps=s.scheduled_laps,
                scheduled_duration=from_micros(s.duration_s * 1_000_000)
                if s.duration_s is not None
                else None,
                laps_completed=s.laps_completed,
                broadcast=s.broadcast,
            )
            for s in sorted(sessions, key=lambda s: s.ord)
        ),
    )


def _result(row: Any) -> Result:
    return Result(
        session=row.session_id,
        entry=row.entry_id,
        position=row.position,
        status=Status(row.status),
        drivers=tuple(d for d in row.drivers.split(",") if d),
        laps=row.laps,
        time=from_micros(row.time_us),
        laps_led=row.laps_led,
        fastest_lap=bool(row.fastest_lap),
        fastest_lap_by=row.fastest_lap_by,
        pole=bool(row.pole),
        grid=row.grid,
        started_flag=row.started,
        official_position=row.official_position,
    )


def _adjustment(row: Any, origin: tuple[str, datetime]) -> Adjustment:
    author, at = origin
    return decode_adjustment(
        {
            "session": row.session_id,
            "entry": row.entry_id,
            "kind": row.kind,
            "reason": row.reason,
            "points": row.points,
            "positions": row.positions,
            "seconds": row.seconds,
            "changes": row.changes,
            "classification": row.classification,
        },
        adjustment_id=f"c{row.change_id}",
        author=author,
        at=at,
    )
