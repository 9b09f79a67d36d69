"""One error envelope for the API, one error page for people.

Every 4xx/5xx of ``/api/v1`` is ``{"error": {"code", "message", "details"}}``; pages get an HTML page
saying what went wrong in the viewer's language. podium's own errors map to statuses here, in one
place: not found → 404, bad input → 422, inconsistency with stored data → 409.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from podium.errors import AuthError, ConsistencyError, InputError, NotFoundError, PodiumError, StoreError
from podium.web.proofs import Busy

log = logging.getLogger("podium.web")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_input",
    429: "too_many_requests",
    500: "server_error",
    503: "busy",
}


STORE_FAILED = "the database could not answer; the error was logged, try again later"
"""What a visitor is told when the store fails: its own message names the database (URL, host)."""


def podium_status(exc: PodiumError) -> int:
    if isinstance(exc, StoreError):
        return 503
    if isinstance(exc, AuthError):
        return 401
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, ConsistencyError):
        return 409
    return 400


def podium_message(request: Request, exc: PodiumError) -> str:
    """The words a client sees for ``exc``; a store failure is logged and shown without its details."""
    if isinstance(exc, StoreError):
        log.error("the store failed on %s %s: %s", request.method, request.url.path, exc)
        return STORE_FAILED
    return str(exc)


def podium_details(exc: PodiumError) -> Any:
    """What a client can act on: which thing was not found, or every problem of a bad input."""
    if isinstance(exc, NotFoundError):
        found: dict[str, Any] = {"what": exc.what, "name": str(exc.name)}
        if exc.choices:
            found["known"] = list(exc.choices)
        return found
    return exc.details or None


def envelope(status: int, message: str, details: Any = None, code: str | None = None) -> JSONResponse:
    body = {"error": {"code": code or CODES.get(status, "error"), "message": message, "details": details}}
    return JSONResponse(body, status_code=status)


def install_api_errors(api: FastAPI) -> None:
    """Every error of the API sub-application answers with the envelope."""

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        details = exc.detail if not isinstance(exc.detail, str) else None
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        response = envelope(exc.status_code, message, details)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @api.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        return envelope(422, "the request does not match the API's schema", details)

    @api.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Response:
        response = envelope(503, str(exc), {"retry_after": exc.retry_after})
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(PodiumError)
    async def podium_error(request: Request, exc: PodiumError) -> Response:
        if isinstance(exc, StoreError):
            return envelope(503, podium_message(request, exc), code="store_unavailable")
        return envelope(podium_status(exc), str(exc), podium_details(exc))

    @api.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return envelope(500, "podium failed to answer this request; the error was logged")
