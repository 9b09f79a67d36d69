"""Live overlays and the live API: what ``podium live follow`` publishes, for broadcast software and machines.

Pages (browser sources for OBS, vMix, CasparCG; 1920×1080, transparent, no external asset, no
inline script): ``/live/SESSION/CLASS/tower`` (standings as it stands, places gained and lost),
``…/banner`` (champion as it stands), ``…/needs`` (what each contender needs), ``…/all``. They may be
framed by the sources of the ``live_frame_ancestors`` setting (per page); every other page of the
site, the admin included, stays un-embeddable.

API: ``/live/SESSION/CLASS.json`` (snapshot), ``/live/SESSION/CLASS/events`` (Server-Sent Events:
one ``state`` event per published state), ``/live/SESSION.json`` (every class). Once the store holds
official results for the session, these serve the official results instead: the live view gives
way to them.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from podium.errors import PodiumError
from podium.live.hub import LiveHub, safe_name
from podium.live.state import official_states
from podium.web.site import Site, current_site
from podium.web.templating import render

router = APIRouter()

PAGES = ("tower", "banner", "needs", "all")
OFFICIAL_CHECK_SECONDS = 5.0
PING_SECONDS = 15.0


def hub_of(request: Request) -> LiveHub:
    """The app's live hub (set by whoever follows in this process, else over the live folder)."""
    state = request.app.state
    hub = getattr(state, "live_hub", None)
    if hub is None:
        site: Site = state.site
        hub = LiveHub(Path(site.settings.live_dir))
        state.live_hub = hub
    assert isinstance(hub, LiveHub)
    return hub


def frame_ancestors(setting: str, page: str) -> str:
    """The CSP frame-ancestors sources of an overlay page from the setting (one list, or per page)."""
    if "=" not in setting:
        return setting.strip() or "'none'"
    chosen = "'none'"
    for part in setting.split(";"):
        name, _, sources = part.partition("=")
        if name.strip() in (page, "*") and sources.strip():
            chosen = sources.strip()
            if name.strip() == page:
                break
    return chosen


def _overlay_headers(site: Site, page: str) -> dict[str, str]:
    return framing_headers(frame_ancestors(site.settings.live_frame_ancestors, page))


def framing_headers(ancestors: str) -> dict[str, str]:
    """Headers of a page meant to be framed by ``ancestors`` (overlays here, widgets in looks.py)."""
    headers = {
        "Content-Security-Policy": (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            f"connect-src 'self'; frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'"
        ),
        "Cache-Control": "no-store",
    }
    # CSP frame-ancestors governs framing where present; X-Frame-Options only says the same for
    # browsers without CSP. ALLOWALL is no standard value: browsers ignore it, so CSP decides.
    if ancestors == "'none'":
        headers["X-Frame-Options"] = "DENY"
    elif ancestors == "'self'":
        headers["X-Frame-Options"] = "SAMEORIGIN"
    else:
        headers["X-Frame-Options"] = "ALLOWALL"
    return headers


class _Official:
    """Whether the store holds official results for a session (asked at most every few seconds)."""

    def __init__(self) -> None:
        self.checked: dict[tuple[str, str], tuple[float, dict[str, dict[str, Any]] | None]] = {}

    def get(self, site: Site, ref: str, session: str) -> dict[str, dict[str, Any]] | None:
        key = (ref, session)
        seen = self.checked.get(key)
        now = time.monotonic()
        if seen is not None and now - seen[0] < OFFICIAL_CHECK_SECONDS:
            return seen[1]
        found = None
        try:
            season, ruleset = site.store.season(ref)
            if season.has_results(session):
                found = official_states(season, ruleset, session, [c.id for c in season.classifications])
        except PodiumError:
            found = None
        self.checked[key] = (now, found)
        return found


def _official(request: Request) -> _Official:
    checker = getattr(request.app.state, "live_official", None)
    if checker is None:
        checker = _Official()
        request.app.state.live_official = checker
    assert isinstance(checker, _Official)
    return checker


async def current(request: Request, session: str, class_id: str) -> dict[str, Any] | None:
    """The state to show: the official results once imported, else the latest live state."""
    hub = hub_of(request)
    state = await run_in_threadpool(hub.get, session, class_id)
    if state is None:
        return None
    ref = state.get("season_ref")
    if isinstance(ref, str) and ref and not state.get("official"):
        official = await run_in_threadpool(_official(request).get, current_site(request), ref, session)
        if official and class_id in official:
            return official[class_id]
    return state


def _missing(session: str, class_id: str) -> JSONResponse:
    return JSONResponse(
        {
            "error": {
                "code": "not_found",
                "message": f"no live state for {session}/{class_id}: is podium live follow running?",
                "details": {"session": session, "class": class_id},
            }
        },
        status_code=404,
    )


@router.get("/live/{session}.json", include_in_schema=False)
async def session_snapshot(request: Request, session: str) -> Response:
    if not safe_name(session):
        return _missing(session, "*")
    hub = hub_of(request)
    classes = {}
    for class_id in await run_in_threadpool(hub.classes, session):
        state = await current(request, session, class_id)
        if state is not None:
            classes[class_id] = state
    if not classes:
        return _missing(session, "*")
    return JSONResponse({"session": session, "classes": classes}, headers={"Cache-Control": "no-store"})


@router.get("/live/{session}/{class_id}.json", include_in_schema=False)
async def snapshot(request: Request, session: str, class_id: str) -> Response:
    if not (safe_name(session) and safe_name(class_id)):
        return _missing(session, class_id)
    state = await current(request, session, class_id)
    if state is None:
        return _missing(session, class_id)
    return JSONResponse(state, headers={"Cache-Control": "no-store"})


def _event(state: dict[str, Any]) -> str:
    return f"event: state\ndata: {json.dumps(state, ensure_ascii=False, separators=(',', ':'))}\n\n"


@router.get("/live/{session}/{class_id}/events", include_in_schema=False)
async def events(request: Request, session: str, class_id: str) -> Response:
    """Server-Sent Events: the current state at once, then every new one."""
    if not (safe_name(session) and safe_name(class_id)):
        return _missing(session, class_id)
    hub = hub_of(request)

    async def stream() -> AsyncIterator[str]:
        queue = hub.subscribe(session, class_id)
        try:
            yield "retry: 1000\n\n"
            last = await current(request, session, class_id)
            stamp = hub.file_stamp(session, class_id)
            if last is not None:
                yield _event(last)
            quiet = time.monotonic()
            while not await request.is_disconnected():
                try:
                    state = await asyncio.wait_for(queue.get(), 1.0)
                    stamp = hub.file_stamp(session, class_id)  # this one is on disk too
                except TimeoutError:
                    state = None
                    fresh = hub.file_stamp(session, class_id)
                    if fresh != stamp:  # published by another process (podium live follow)
                        stamp = fresh
                        state = await current(request, session, class_id)
                    elif last is not None and not last.get("official"):
                        checked = await current(request, session, class_id)
                        if checked is not None and checked.get("official"):
                            state = checked
                if state is not None:
                    if state.get("official") is not True and last is not None and last.get("official"):
                        continue  # once official, the live feed no longer shows
                    last = state
                    quiet = time.monotonic()
                    yield _event(state)
                elif time.monotonic() - quiet > PING_SECONDS:
                    quiet = time.monotonic()
                    yield ": ping\n\n"
        finally:
            hub.unsubscribe(session, class_id, queue)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.get("/live/{session}/{class_id}/{page}", include_in_schema=False)
async def overlay(request: Request, session: str, class_id: str, page: str) -> Response:
    """An overlay page: an empty frame that live.js fills from the event stream."""
    if page not in PAGES or not (safe_name(session) and safe_name(class_id)):
        return Response("not found", status_code=404, media_type="text/plain")
    site = current_site(request)
    rows = request.query_params.get("rows", "10")
    context = {
        "session": session,
        "class_id": class_id,
        "page": page,
        "rows": rows if rows.isdigit() else "10",
        "events": f"/live/{session}/{class_id}/events",
        "snapshot": f"/live/{session}/{class_id}.json",
    }
    response = render(request.app.state.templates, request, "live_overlay.html", context)
    response.headers.update(_overlay_headers(site, page))
    return response
