"""Rendering an admin page: the account, the CSRF token and the session cookie, never cached."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from podium.store.accounts import Role, User
from podium.web.auth import attach_session, session_of
from podium.web.templating import render


def admin_render(
    request: Request,
    name: str,
    context: dict[str, Any],
    user: User | None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """Render an admin template with ``user``, ``can_write`` and the session's ``csrf`` token."""
    session = session_of(request)
    full = {
        "user": user,
        "csrf": session.csrf,
        "can_write": user is not None and user.can(Role.STEWARD),
        **context,
    }
    response = render(request.app.state.templates, request, name, full, status_code)
    response.headers["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return attach_session(request, response)
