"""Public pages: the list of seasons (this module); season pages live in ``podium.web.season_pages``."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from podium.web.site import current_site
from podium.web.templating import render

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(request: Request) -> Response:
    site = current_site(request)
    seasons = site.store.seasons()
    return render(request.app.state.templates, request, "index.html", {"seasons": seasons})
