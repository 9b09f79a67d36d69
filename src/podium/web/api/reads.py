"""Public reads of the API: seasons, standings, the title picture, the calendar and the audit log.

The answers are those of the CLI's ``--json`` (:mod:`podium.present.data`), read through the site's
caches. Every season-scoped answer carries an ETag built from the season's version, which increases
on every write: a client sending ``If-None-Match`` gets ``304 Not Modified`` until something changes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from podium.errors import NotFoundError
from podium.model import Classification, Season
from podium.present.data import (
    ClassificationData,
    EventData,
    EventDetailData,
    StandingsData,
    classification_data,
    event_data,
    moment_data,
    season_data,
    standings_data,
    title_data,
)
from podium.standings import compute_standings
from podium.web.api.schemas import (
    ChangeOut,
    ClassificationInfo,
    ErrorEnvelope,
    EventDetail,
    EventSummary,
    LogPage,
    Model,
    SeasonDetail,
    SeasonSummary,
    StandingsOut,
    TitleOut,
    TitleWorking,
    list_of,
)
from podium.web.errors import envelope
from podium.web.proofs import TitleState
from podium.web.site import SeasonView, Site, SiteDep

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
    response_model=list_of(SeasonSummary),
    summary="Every stored season, by series and year",
)
def list_seasons(site: SiteDep) -> list[Model]:
    return [SeasonSummary.model_validate(info, from_attributes=True) for info in site.store.seasons()]


@router.get(
    "/seasons/{ref}",
    tags=["seasons"],
    response_model=SeasonDetail,
    summary="One season: its ruleset, calendar size, progress and classifications with their leaders",
)
def get_season(request: Request, response: Response, site: SiteDep, ref: Ref) -> Response | dict[str, Any]:
    view = season_view(site, ref)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    ruleset, ruleset_version, _ = site.store.ruleset_text(ref)
    log = site.store.log(ref)
    return {
        "ref": ref,
        **season_data(view.season),
        "ruleset": ruleset,
        "ruleset_version": ruleset_version,
        "version": view.version,
        "changes": len(log),
        "last_change_at": max((c.created_at for c in log), default=None),
        "classifications": _classifications(site, view),
    }


@router.get(
    "/seasons/{ref}/classifications",
    tags=["seasons"],
    response_model=list_of(ClassificationInfo),
    summary="The season's championship tables, with who leads each",
)
def list_classifications(
    request: Request, response: Response, site: SiteDep, ref: Ref
) -> Response | list[ClassificationData]:
    view = season_view(site, ref)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    return _classifications(site, view)


def _classifications(site: Site, view: SeasonView) -> list[ClassificationData]:
    return [classification_data(c, site.standings(view, c.id).leader) for c in view.season.classifications]


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
    site: SiteDep,
    ref: Ref,
    cls: ClassId,
    as_of: AsOf = None,
    after_round: Annotated[
        int | None, Query(ge=0, le=10_000, description="The table after this round (default: the latest).")
    ] = None,
) -> Response | StandingsData:
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
    site: SiteDep,
    ref: Ref,
    cls: ClassId,
    lang: Annotated[Literal["en", "fr"], Query(description="Language of the sentences.")] = "en",
    after: After = None,
) -> Response | dict[str, Any]:
    view = season_view(site, ref)
    classification = _classification(view.season, cls)
    asked = site.moment(view, after)
    state = site.title_state(view, cls, asked)
    if state.current and (cached := not_modified(request, response, site, view)) is not None:
        return cached
    if state.proven is None:
        return _not_proven_yet(site, view, cls, asked, state)
    data = title_data(state.proven.title.report, lang=lang, label=classification.name)
    if not state.current:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Retry-After"] = str(RETRY_PROOF)
    return {
        **data,
        "version": state.version,
        "as_of": {"version": state.proven.version, "moment": data["moment"]},
        "current": state.current,
        "state": "proven" if state.current else "failed" if state.failure else "being_worked_out",
    }


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
    response_model=list_of(EventSummary),
    summary="The calendar: events with their sessions, local start times, time zone and broadcast",
)
def list_events(request: Request, response: Response, site: SiteDep, ref: Ref) -> Response | list[EventData]:
    view = season_view(site, ref)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    return [event_data(view.season, event) for event in view.season.events]


@router.get(
    "/seasons/{ref}/events/{event_id}",
    tags=["events"],
    response_model=EventDetail,
    summary="One event: sessions, results overall and per class, penalties and corrections with reasons",
)
def get_event(
    request: Request,
    response: Response,
    site: SiteDep,
    ref: Ref,
    event_id: Annotated[
        str, Path(description="The event's id (sebring) or its round number (8).", examples=["sebring"])
    ],
    as_of: AsOf = None,
) -> Response | EventDetailData:
    view = season_view(site, ref, as_of)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    return event_data(view.season, view.season.find_event(event_id), view.ruleset)


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
    site: SiteDep,
    ref: Ref,
    limit: Annotated[int, Query(ge=1, le=500, description="Changes per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="Changes to skip.")] = 0,
) -> Response | dict[str, Any]:
    view = season_view(site, ref)
    if (cached := not_modified(request, response, site, view)) is not None:
        return cached
    log = site.store.log(ref)
    return {
        "season": ref,
        "total": len(log),
        "limit": limit,
        "offset": offset,
        "changes": [ChangeOut.model_validate(c, from_attributes=True) for c in log[offset : offset + limit]],
    }
