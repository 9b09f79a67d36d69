"""What is refused before a request's body is read: bodies over ``max_body_bytes`` and anonymous writes.

A body is read only by a route, after the whole body has arrived; so an anonymous client could make
the server hold a 200 MB upload in memory just to answer 401. Here, first, a declared
``Content-Length`` over the limit is answered 413 at once, and a body sent without one (chunked)
is cut off with 413 as soon as it passes the limit. Then a write without credentials is answered
401 before any of its body is read: an API write (a route of ``api/writes.py``) needs a valid
``Authorization: Bearer`` token, an admin form (any POST under ``/admin``
but signing in and out) a signed-in session. The routes still check roles and CSRF tokens.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from podium.web.auth import accounts, current_user
from podium.web.errors import envelope

API = "/api/v1/"
PUBLIC_POSTS = ("/admin/login", "/admin/logout")


class BodyLimit:
    """ASGI middleware: bodies of at most ``limit`` bytes (413 otherwise, before or while reading).

    Past the limit the route is told the client left, and whatever it answers is replaced by 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(scope, send, self.limit)
            return
        seen = 0
        started = False
        over = False

        async def counted() -> Message:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # the route sees the client gone; its answer is replaced below
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if over and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not over or started:
                raise
        if over and not started:
            await _too_large(scope, send, self.limit)


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    message = f"the request body is larger than {limit} bytes"
    response: Response
    if scope["path"].startswith(API):
        response = envelope(413, message)
    else:
        response = Response(message, status_code=413, media_type="text/plain; charset=utf-8")
    response.headers["Connection"] = "close"
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


def install(app: FastAPI, page_error: Callable[[Request, int, str], Response]) -> None:
    """Register the credential check on ``app`` (the body limit is added by the app factory)."""

    @app.middleware("http")
    async def credentials_first(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        path = request.url.path
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return await call_next(request)
        if is_api_write(request.method, path):
            if not await run_in_threadpool(_token_is_known, request):
                refused = envelope(401, "this needs a valid API token: Authorization: Bearer TOKEN")
                refused.headers["WWW-Authenticate"] = 'Bearer realm="podium"'
                return refused
        elif (
            path.startswith("/admin/")
            and path not in PUBLIC_POSTS
            and await run_in_threadpool(current_user, request) is None
        ):
            return page_error(request, 401, "sign in first")
        return await call_next(request)


def is_api_write(method: str, path: str) -> bool:
    """Whether ``method path`` is one of the API's write routes (those of ``api/writes.py``)."""
    from podium.web.api.writes import router as writes

    if not path.startswith(API):
        return False
    inner = "/" + path.removeprefix(API)
    return any(
        isinstance(route, APIRoute) and method in (route.methods or ()) and route.path_regex.match(inner)
        for route in writes.routes
    )


def _token_is_known(request: Request) -> bool:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return False
    return accounts(request).user_for_token(secret.strip()) is not None
