"""The API sub-application: its own OpenAPI document (``/api/v1/openapi.json``) and error envelope."""

from __future__ import annotations

from fastapi import FastAPI

from podium import __version__
from podium.web.api.explorer import install_explorer
from podium.web.errors import install_api_errors
from podium.web.site import Site


def create_api(site: Site) -> FastAPI:
    """The ``/api/v1`` application over ``site``."""
    api = FastAPI(
        title="podium API",
        version=__version__,
        description="Standings, exact title mathematics, what-if and the season's log. "
        "Reads are public; writes need a bearer token created by an admin. "
        'Every error answers {"error": {"code", "message", "details"}}.',
        openapi_url="/openapi.json",
        docs_url=None,  # FastAPI's page loads a CDN and runs an inline script: the CSP blocks both
        redoc_url=None,
    )
    api.state.site = site
    install_api_errors(api)
    install_explorer(api)

    @api.get("/health", tags=["meta"], summary="Is the service up, and which database does it use")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    from podium.web.api import reads, whatif, writes

    for module in (reads, whatif, writes):
        api.include_router(module.router)
    return api
