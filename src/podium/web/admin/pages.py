"""Admin pages (GET): the dashboard, one season's desk (forms, standings, recent changes), the log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from podium.errors import NotFoundError
from podium.importers.result_formats import RESULT_FORMATS
from podium.store import ChangeKind, ChangeRecord
from podium.store.accounts import Role
from podium.web.admin.common import admin_render
from podium.web.admin.forms import PENALTY_KINDS
from podium.web.auth import accounts, page_user
from podium.web.site import current_site

router = APIRouter(prefix="/admin")

NOT_UNDOABLE = (ChangeKind.SERIES_CREATE, ChangeKind.SEASON_CREATE)
RECENT = 8


def undoable(record: ChangeRecord) -> bool:
    return record.kind not in NOT_UNDOABLE and record.reverted_by is None


@router.get("")
def dashboard(request: Request) -> Response:
    user = page_user(request, Role.VIEWER)
    if isinstance(user, RedirectResponse):
        return user
    store = current_site(request).store
    context = {"seasons": store.seasons(), "changes": store.log(limit=RECENT), "undoable": undoable}
    return admin_render(request, "admin_index.html", context, user)


def season_context(
    request: Request,
    ref: str,
    *,
    classification: str | None = None,
    done: int | None = None,
    errors: list[Mapping[str, object]] | None = None,
    form: str | None = None,
    values: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    """Everything the season desk shows; ``errors``, ``form`` and ``values`` re-show a refused form."""
    site = current_site(request)
    view = site.view(ref)
    season = view.season
    sessions = [
        {
            "round": event.round,
            "event": event.name,
            "id": session.id,
            "name": session.name,
            "results": len(season.results_for(session.id)),
        }
        for event, session in season.sessions()
    ]
    latest = season.last_session_with_results
    order = season.session_order()
    after = order[order.index(latest) + 1 :] if latest is not None else order
    coming = next((s for s in after if not season.has_results(s)), latest)
    classes = season.classifications
    chosen = next((c for c in classes if c.id == classification), classes[0] if classes else None)
    standings = site.standings(view, chosen.id) if chosen is not None else None
    changes = site.store.log(ref, limit=RECENT)
    recorded = None
    if done is not None:
        try:
            recorded = site.store.change(done)
        except NotFoundError:
            recorded = None
        if recorded is not None and recorded.season != ref:
            recorded = None
    return {
        "ref": ref,
        "season": season,
        "classifications": classes,
        "chosen": chosen,
        "standings": standings,
        "sessions": sessions,
        "latest_session": latest,
        "next_session": coming,
        "changes": changes,
        "undoable": undoable,
        "recorded": recorded,
        "errors": errors or [],
        "form": form,
        "values": values or {},
        "formats": RESULT_FORMATS,
        "penalty_kinds": PENALTY_KINDS,
    }


@router.get("/seasons/{ref}")
def season_desk(request: Request, ref: str, cls: str | None = None, done: int | None = None) -> Response:
    user = page_user(request, Role.VIEWER)
    if isinstance(user, RedirectResponse):
        return user
    return admin_render(
        request, "admin_season.html", season_context(request, ref, classification=cls, done=done), user
    )


@router.get("/seasons/{ref}/log")
def season_log(request: Request, ref: str) -> Response:
    user = page_user(request, Role.VIEWER)
    if isinstance(user, RedirectResponse):
        return user
    site = current_site(request)
    view = site.view(ref)  # 404 for an unknown season
    context = {
        "ref": ref,
        "season": view.season,
        "classifications": view.season.classifications,
        "changes": site.store.log(ref),
        "undoable": undoable,
    }
    return admin_render(request, "admin_log.html", context, user)


@router.get("/users")
def users_page(request: Request) -> Response:
    user = page_user(request, Role.ADMIN)
    if isinstance(user, RedirectResponse):
        return user
    book = accounts(request)
    return admin_render(request, "admin_users.html", {"users": book.users(), "tokens": book.tokens()}, user)
