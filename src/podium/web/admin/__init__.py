"""The admin: sign-in, roles, entering results, penalties, corrections, the audit log and undo.

Every route checks who is asking (:mod:`podium.web.auth`): pages redirect visitors to the login,
forms refuse a POST without a session (401), without the session's CSRF token (403) or from a role
that may not write (403). Writes go through the store, one logged change each, authored by the
account signed in.
"""

from __future__ import annotations

from fastapi import APIRouter

from podium.web.admin import actions, login, pages

router = APIRouter(include_in_schema=False)
for _module in (login, pages, actions):
    router.include_router(_module.router)

__all__ = ["router"]
