"""Public reads of the API: seasons, standings, the title picture, the calendar and the audit log.

The answers are those of the CLI's ``--json`` (:mod:`podium.present.data`), read through the site's
caches. Every season-scoped answer carries an ETag built from the season's version, which increases
on every write: a client sending ``If-None-Match`` gets ``304 Not Modified`` until something changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from podium.errors import NotFoundError
from podium.model import Adjustment, Classification, Event, Result, Season, Session
from podium.present.data import moment_data, standings_data, title_data
from podium.present.numbers import exact
from podium.rules import Ruleset
from podium.standings import compute_standings, score_session, scoring_for
from podium.store import SeasonInfo
from podium.web.api.schemas import (
    ClassificationInfo,
    ErrorEnvelope,
    EventDetail,
    EventSummary,
    LogPage,
    SeasonDetail,
    SeasonSummary,
    StandingsOut,
    TitleOut,
    TitleWorking,
)
from podium.web.errors import envelope
from podium.web.proofs import TitleState
from podium.web.site import SeasonView, Site

CACHE_CONTROL = "public, no-cache"
"""Caches may keep an answer but must revalidate it (cheap: the ETag is the season's version)."""

router = APIRouter(
    responses={
        404: {"model": ErrorEnvelope, "description": "Unknown season, classification or event."},
        422: {"model": ErrorEnvelope, "description": "A parameter is malformed."},
    }
)

Ref = Annotated[str, Path(description="Season reference `<series>-<year>`.", examples=["gt3-usa-2020"])]
ClassId = Annotated[str, Path(description="Classification id.", examples=["platinum"])]
AsOf = Annotated[
    datetime | None,
    Query(
        description="The season as it stood at this instant: ISO 8601 with a UTC offset "
        "(2020-11-13T09:00:00-05:00 or …Z). A time without an offset is refused.",
        examples=["2020-11-13T09:00:00-05:00"],
    ),
]

After = Annotated[
    str | None,
    Query(
        description="Session id the title question is asked after (default: the latest session with "
        "results). An unknown id, or one after the latest results, answers 404 listing the valid ids.",
        examples=["r08-race-1"],
        max_length=200,
    ),
]


# -- plumbing -------------------------------------------------------------------------------------------
def site_of(request: Request) -> Site:
    return cast(Site, request.app.state.site)


def season_view(site: Site, ref: str, as_of: datetime | None = None) -> SeasonView:
    """The season now (cached) or at ``as_of`` (checked to be aware and representable in UTC)."""
    if any(ord(ch) < 32 for ch in ref):
        raise NotFoundError("season", ref)  # no database is asked about control characters
    if as_of is None:
        return site.view(ref)
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise HTTPException(
            422,
            f"as_of {as_of.isoformat()} has no UTC offset: write it as 2020-11-13T09:00:00-05:00 "
            "or 2020-11-13T14:00:00Z",
        )
    try:
        instant = as_of.astimezone(UTC)
    except OverflowError:
        raise HTTPException(422, f"as_of {as_of.isoformat()} is out of range") from None
    return site.view(ref, as_of=instant)


def not_modified(request: Request, response: Response, site: Site, view: SeasonView) -> Response | None:
    """Set ETag and Cache-Control; the 304 answer when the client already has this version."""
    version = view.version if view.version >= 0 else site.store.version(view.ref)
    etag = f'W/"{view.ref}.{version}"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    asked = {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}
    if etag in asked or "*" in asked:
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return None


def _classification(season: Season, cls: str) -> Classification:
    return season.classification(cls)  # raises NotFoundError naming the known ones


# -- seasons --------------------------------------------------------------------------------------------
@router.get(
    "/seasons",
    tags=["seasons"],
    response_model=list[SeasonSummary],
    summary="Every stored season, by series and year",
)
def list_seasons(request: Request) -> list[dict[str, Any]]:
    return [_summary(info) for info in site_of(request).store.seasons()]


def _summary(info: SeasonInfo) -> dict[str, Any]:
    return {
        "ref": info.ref,
        "series": info.series,
        "series_name": info.series_name,
        "year": info.year,
        "name": info.name,
        "ruleset": info.ruleset,
        "ruleset_version": info.ruleset_version,
        "version": info.version,
        "changes": info.changes,
        "last_change_at": info.last_change_at,
        "rounds": info.rounds,
        "sessions_with_results": info.sessions_with_results,
    }


@router.get(
    "/seasons/{ref}",
    tags=["seasons"],
    response_model=SeasonDetail,
    summary="One season: its ruleset, calendar size, progress and classifications with their leaders",
)
def get_season(request: Request, response: Response, ref: Ref) -> Response | dict[str, Any]:
    site = site_of(request)
    view = season_view(site, ref)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    season = view.season
    ruleset, ruleset_version, _ = site.store.ruleset_text(ref)
    log = site.store.log(ref)
    return {
        "ref": ref,
        "series": season.series.id,
        "series_name": season.series.name,
        "year": season.year,
        "name": season.name,
        "title": season.title,
        "ruleset": ruleset,
        "ruleset_version": ruleset_version,
        "version": view.version,
        "changes": len(log),
        "last_change_at": max((c.created_at for c in log), default=None),
        "rounds": len(season.events),
        "rounds_completed": season.rounds_completed,
        "sessions_with_results": sum(1 for _, s in season.sessions() if season.has_results(s.id)),
        "classifications": _classifications(site, view),
    }


@router.get(
    "/seasons/{ref}/classifications",
    tags=["seasons"],
    response_model=list[ClassificationInfo],
    summary="The season's championship tables, with who leads each",
)
def list_classifications(request: Request, response: Response, ref: Ref) -> Response | list[dict[str, Any]]:
    site = site_of(request)
    view = season_view(site, ref)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    return _classifications(site, view)


def _classifications(site: Site, view: SeasonView) -> list[dict[str, Any]]:
    out = []
    for c in view.season.classifications:
        leader = site.standings(view, c.id).leader
        out.append(
            {
                "id": c.id,
                "name": c.name,
                "competitor": c.competitor.value,
                "eligibility": c.eligibility.text.strip() or "True",
                "leader": leader.name if leader else None,
                "leader_points": exact(leader.points) if leader else None,
            }
        )
    return out


# -- standings and title --------------------------------------------------------------------------------
@router.get(
    "/seasons/{ref}/standings/{cls}",
    tags=["standings"],
    response_model=StandingsOut,
    summary="A classification's table now, after a round, or as it stood at an instant",
    description="The same JSON as `podium standings SEASON --class CLS --json`. Points are exact strings.",
)
def get_standings(
    request: Request,
    response: Response,
    ref: Ref,
    cls: ClassId,
    as_of: AsOf = None,
    after_round: Annotated[
        int | None, Query(ge=0, le=10_000, description="The table after this round (default: the latest).")
    ] = None,
) -> Response | dict[str, Any]:
    site = site_of(request)
    view = season_view(site, ref, as_of)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    if after_round is None:
        table = site.standings(view, cls)
    else:
        table = compute_standings(view.season, view.ruleset, cls, after_round)
    return standings_data(table, season=ref)


@router.get(
    "/seasons/{ref}/title/{cls}",
    tags=["title"],
    response_model=TitleOut,
    response_model_exclude_unset=True,  # a witness names a fastest lap only when the rules pay for one
    summary="The exact title picture: who can still win, how, and what clinches it",
    description="The JSON of `podium title SEASON --classification CLS --json`, plus what it is proven "
    "for. Proofs run in worker processes, never in the request: the answer is the last *proven* "
    "state (`as_of`: the season version and moment it was proven for; `current`: whether that is "
    "the season as it stands). After a change the previous proven state is served with "
    '`current: false`, `state: "being_worked_out"` and `Retry-After` until the new one is ready; '
    "before the first proof of a question the answer is 202 with the moment being worked out. "
    "`after` asks the question after an earlier session.",
    responses={
        202: {"model": TitleWorking, "description": "Not proven yet: the workers are on it."},
        503: {"model": ErrorEnvelope, "description": "Busy: too many readers' extra proofs at once."},
    },
)
def get_title(
    request: Request,
    response: Response,
    ref: Ref,
    cls: ClassId,
    lang: Annotated[Literal["en", "fr"], Query(description="Language of the sentences.")] = "en",
    after: After = None,
) -> Response | dict[str, Any]:
    site = site_of(request)
    view = season_view(site, ref)
    classification = _classification(view.season, cls)
    asked = site.moment(view, after)
    state = site.title_state(view, cls, asked)
    if state.current and (cached := not_modified(request, response, site, view)) is not None:
        return cached
    if state.proven is None:
        return _not_proven_yet(site, view, cls, asked, state)
    data = title_data(state.proven.title.report, lang=lang, label=classification.name)
    data["version"] = state.version
    data["as_of"] = {"version": state.proven.version, "moment": data["moment"]}
    data["current"] = state.current
    data["state"] = "proven" if state.current else "failed" if state.failure else "being_worked_out"
    if not state.current:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Retry-After"] = str(RETRY_PROOF)
    return data


RETRY_PROOF = 2
"""Seconds a client is asked to wait before asking again for a title being proved."""


def _not_proven_yet(site: Site, view: SeasonView, cls: str, after: str | None, state: TitleState) -> Response:
    """202 before the first proof of this question (the workers are on it), 500 if it failed."""
    problem, _ = site.problem(view, cls, after)
    if state.failure is not None:
        return envelope(500, f"the title could not be proven: {state.failure}")
    body = {
        "state": "being_worked_out",
        "current": False,
        "version": state.version,
        "moment": moment_data(problem.moment),
        "retry_after": RETRY_PROOF,
    }
    return JSONResponse(
        body, status_code=202, headers={"Retry-After": str(RETRY_PROOF), "Cache-Control": "no-store"}
    )


# -- events ---------------------------------------------------------------------------------------------
@router.get(
    "/seasons/{ref}/events",
    tags=["events"],
    response_model=list[EventSummary],
    summary="The calendar: events with their sessions, local start times, time zone and broadcast",
)
def list_events(request: Request, response: Response, ref: Ref) -> Response | list[dict[str, Any]]:
    site = site_of(request)
    view = season_view(site, ref)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    season = view.season
    return [
        {**_event(event), "sessions": [_session(season, event, s) for s in event.sessions]}
        for event in season.events
    ]


@router.get(
    "/seasons/{ref}/events/{event_id}",
    tags=["events"],
    response_model=EventDetail,
    summary="One event: sessions, results overall and per class, penalties and corrections with reasons",
)
def get_event(
    request: Request,
    response: Response,
    ref: Ref,
    event_id: Annotated[
        str, Path(description="The event's id (sebring) or its round number (8).", examples=["sebring"])
    ],
    as_of: AsOf = None,
) -> Response | dict[str, Any]:
    site = site_of(request)
    view = season_view(site, ref, as_of)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    season = view.season
    event = _find_event(season, event_id)
    return {
        **_event(event),
        "sessions": [_session_detail(season, view.ruleset, event, s) for s in event.sessions],
    }


def _find_event(season: Season, event_id: str) -> Event:
    for event in season.events:
        if event_id in (event.id, str(event.round)):
            return event
    raise NotFoundError("event", event_id, choices=[e.id for e in season.events])


def _event(event: Event) -> dict[str, Any]:
    return {
        "round": event.round,
        "id": event.id,
        "name": event.name,
        "date": event.date,
        "venue": event.venue,
        "country": event.country,
        "time_zone": event.time_zone,
    }


def _session(season: Season, event: Event, session: Session) -> dict[str, Any]:
    return {
        "id": session.id,
        "name": session.name,
        "kind": session.kind.value,
        "start_local": session.scheduled_start,
        "start": event.start_instant(session),
        "time_zone": event.time_zone,
        "scheduled_duration": session.scheduled_duration,
        "scheduled_laps": session.scheduled_laps,
        "broadcast": session.broadcast,
        "has_results": season.has_results(session.id),
    }


def _session_detail(season: Season, ruleset: Ruleset, event: Event, session: Session) -> dict[str, Any]:
    results = sorted(
        season.results_for(session.id), key=lambda r: (r.position is None, r.position or 0, r.entry)
    )
    return {
        **_session(season, event, session),
        "laps_completed": session.laps_completed,
        "results": [_result(season, r) for r in results],
        "classes": _class_results(season, ruleset, event, session) if results else {},
        "adjustments": [_adjustment(a) for a in season.adjustments_for(session.id)],
    }


def _result(season: Season, r: Result) -> dict[str, Any]:
    car = season.entry(r.entry).car
    return {
        "entry": r.entry,
        "car": str(car) if car else None,
        "drivers": [season.driver(d).name for d in season.drivers_of(r)],
        "position": r.position,
        "status": r.status.value,
        "laps": r.laps,
        "time": _seconds(r.time),
        "laps_led": r.laps_led,
        "fastest_lap": r.fastest_lap,
        "pole": r.pole,
        "grid": r.grid,
    }


def _class_results(
    season: Season, ruleset: Ruleset, event: Event, session: Session
) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for c in season.classifications:
        lines = score_session(season, c, scoring_for(ruleset, c), event, session)
        rows = [
            {
                "position": s.position,
                "competitor": season.competitor_name(c.competitor, who),
                "competitor_id": who,
                "entry": s.entry,
                "status": s.status.value,
                "points": exact(s.points),
                "bonus": exact(s.bonus),
                "shared": s.shared,
            }
            for who, scores in lines.items()
            for s in scores
        ]
        rows.sort(key=lambda x: (x["position"] is None, x["position"] or 0, x["competitor"]))
        out[c.id] = rows
    return out


def _adjustment(a: Adjustment) -> dict[str, Any]:
    return {
        "id": a.id,
        "entry": a.entry,
        "kind": a.kind.value,
        "reason": a.reason,
        "points": exact(a.points) if a.points is not None else None,
        "positions": a.positions,
        "seconds": exact(a.seconds) if a.seconds is not None else None,
        "changes": {name: _plain(value) for name, value in a.changes},
        "classification": a.classification,
        "author": a.author,
        "at": a.at,
    }


def _plain(value: object) -> object:
    if isinstance(value, Fraction):
        return exact(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _seconds(value: timedelta | None) -> str | None:
    """A duration as exact decimal seconds ("2633.99"): no float rounding on the way."""
    if value is None:
        return None
    micro = Decimal(value // timedelta(microseconds=1)) / Decimal(1_000_000)
    return format(micro.normalize(), "f")


# -- log ------------------------------------------------------------------------------------------------
@router.get(
    "/seasons/{ref}/log",
    tags=["log"],
    response_model=LogPage,
    summary="The season's audit log, newest first: who changed what, when and why",
)
def get_log(
    request: Request,
    response: Response,
    ref: Ref,
    limit: Annotated[int, Query(ge=1, le=500, description="Changes per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="Changes to skip.")] = 0,
) -> Response | dict[str, Any]:
    site = site_of(request)
    view = season_view(site, ref)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    log = site.store.log(ref)
    return {
        "season": ref,
        "total": len(log),
        "limit": limit,
        "offset": offset,
        "changes": [
            {
                "id": c.id,
                "kind": c.kind.value,
                "summary": c.summary,
                "author": c.author,
                "reason": c.reason,
                "created_at": c.created_at,
                "reverts": c.reverts,
                "reverted_by": c.reverted_by,
            }
            for c in log[offset : offset + limit]
        ],
    }
