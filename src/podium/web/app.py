"""The application factory: ``create_app(settings)`` wires the store, pages, API, feeds and admin.

Tests and ``podium serve`` build the app the same way; nothing is global, so two apps on two
databases can live in one process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import TypedDict
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from podium import __version__
from podium.errors import PodiumError
from podium.settings import Settings, load_settings
from podium.store import Store, open_store
from podium.web.api import create_api
from podium.web.brand import brand_from_settings
from podium.web.errors import podium_message, podium_status
from podium.web.i18n import LANG_COOKIE, choose_language
from podium.web.limits import BodyLimit
from podium.web.limits import install as install_limits
from podium.web.pagecache import PageCache
from podium.web.pagecache import install as install_page_cache
from podium.web.proofs import Busy
from podium.web.shared import open_shared
from podium.web.site import Site
from podium.web.templating import STATIC_DIR, make_templates, render

PLOTLY_JS = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-eval'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    ),
}
"""Plotly needs 'unsafe-eval' for its number formatting; no inline scripts are allowed."""


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """The whole site over the store of ``settings`` (or the given ``store``)."""
    settings = settings or load_settings()
    store = store or open_store(settings.database_url, settings=settings)
    site = Site(settings, store, open_shared(settings))
    templates = make_templates()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        site.proofs.close()  # the worker processes end with the application

    app = FastAPI(
        title="podium",
        version=__version__,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.site = site
    app.state.templates = templates
    app.state.brand = brand_from_settings(settings)  # a bad colour or logo stops the start, named

    # Added first, so it runs inside the language middleware below (it needs request.state.lang).
    app.state.page_cache = PageCache(shared=site.shared)
    install_page_cache(app, site, app.state.page_cache)

    def error_page(request: Request, status: int, message: str) -> Response:
        return render(templates, request, "error.html", {"status": status, "message": message}, status)

    install_limits(app, error_page)  # also inside the language middleware: its pages are translated

    @app.middleware("http")
    async def language_and_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        request.state.lang = choose_language(request)
        response = await call_next(request)
        asked = request.query_params.get("lang")
        if asked is not None and asked == request.state.lang and request.cookies.get(LANG_COOKIE) != asked:
            response.set_cookie(LANG_COOKIE, asked, max_age=365 * 86400, samesite="lax")
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        response.headers.setdefault("Vary", "Accept-Language, Cookie")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def page_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return render(
            templates, request, "error.html", {"status": exc.status_code, "message": message}, exc.status_code
        )

    @app.exception_handler(Busy)
    async def busy_page(request: Request, exc: Busy) -> Response:
        response = render(templates, request, "error.html", {"status": 503, "message": str(exc)}, 503)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(PodiumError)
    async def podium_page_error(request: Request, exc: PodiumError) -> Response:
        return error_page(request, podium_status(exc), podium_message(request, exc))

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(
            PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": "public, max-age=604800"}
        )

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.mount("/api/v1", create_api(site), name="api")
    _include_routers(app)
    # Outermost last: the proxy's word on the client first (when trusted), then the Host check, then
    # the body limit, all before any route, cache or page sees the request.
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings))
    proxies = [p.strip() for p in settings.forwarded_allow_ips.split(",") if p.strip()]
    if proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)
    return app


class ServerOptions(TypedDict):
    proxy_headers: bool
    server_header: bool


SERVER_OPTIONS = ServerOptions(proxy_headers=False, server_header=False)
"""How uvicorn must run podium: its own X-Forwarded-For handling stays off (uvicorn believes it from
127.0.0.1 by default); the app believes a proxy only when ``forwarded_allow_ips`` names it."""


def serve_app() -> FastAPI:
    """The application of one ``podium serve --workers N`` worker: settings from the environment and
    the TOML file (the command passes its options through ``PODIUM_*`` variables), title pages warm."""
    application = create_app()
    application.state.site.start_warming()
    return application


def allowed_hosts(settings: Settings) -> list[str]:
    """The ``allowed_hosts`` setting plus the host of ``base_url``."""
    hosts = [h.strip() for h in settings.allowed_hosts.split(",") if h.strip()]
    base = urlsplit(settings.base_url).hostname
    if base and base not in hosts:
        hosts.append(base)
    return hosts


def _include_routers(app: FastAPI) -> None:
    """Page, feed and admin routers (each module owns its routes)."""
    from podium.web import admin, feeds, live, looks, pages, people, season_pages, title_pages

    for module in (pages, season_pages, title_pages, people, feeds, live, looks, admin):
        app.include_router(module.router)
