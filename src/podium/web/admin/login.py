"""Signing in and out: ``/admin/login`` (throttled, CSRF-checked) and ``/admin/logout``."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from podium.web.admin.common import admin_render
from podium.web.auth import (
    CSRF_FIELD,
    SessionData,
    accounts,
    check_csrf,
    clear_session,
    client_address,
    current_user,
    login_limiter,
    safe_next,
    write_session,
)

router = APIRouter(prefix="/admin")


@router.get("/login")
def login_page(request: Request, next: str = "/admin") -> Response:
    user = current_user(request)
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return admin_render(request, "login.html", {"next": safe_next(next), "name": "", "error": None}, None)


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
    next: Annotated[str, Form()] = "/admin",
) -> Response:
    check_csrf(request, csrf)
    limiter = login_limiter(request)
    address = client_address(request)
    context = {"next": safe_next(next), "name": name}
    wait, attempt = limiter.attempt(name, address)  # counted before the password is checked
    if wait is not None:
        time.sleep(limiter.failure_delay)
        return admin_render(
            request,
            "login.html",
            {**context, "error": "throttled", "wait_minutes": (wait + 59) // 60},
            None,
            429,
            {"Retry-After": str(wait)},
        )
    user = accounts(request).authenticate(name.strip(), password) if name.strip() and password else None
    if user is None:
        time.sleep(limiter.failure_delay)
        return admin_render(request, "login.html", {**context, "error": "wrong"}, None, 401)
    limiter.succeeded(name, address, attempt)
    response = RedirectResponse(safe_next(next), status_code=303)
    write_session(request, response, SessionData.fresh(user.name))  # a new CSRF token too
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Response:
    check_csrf(request, csrf)
    response = RedirectResponse("/admin/login", status_code=303)
    clear_session(request, response)
    return response
