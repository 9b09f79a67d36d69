"""Who is asking: signed session cookies and CSRF tokens for the admin pages, bearer tokens for the API.

A session is a cookie signed with the ``secret_key`` setting (itsdangerous): the account name and the
session's CSRF token, nothing else. It is HttpOnly, SameSite=Lax, Secure when the request came over
https, and expires after :data:`SESSION_MAX_AGE`. The account is read from the store on every
request, so a disabled account or a changed role takes effect at once. Every form carries the
session's CSRF token and every POST checks it (missing or wrong: 403), the login form included: a
visitor gets an anonymous session holding only a CSRF token, replaced by a fresh one on sign-in.

Sign-in attempts are counted per account name and address (and per address alone), before the
password is checked: past the limit the login answers 429 with ``Retry-After`` until the oldest
attempt leaves the window, and every failure is answered slowly.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from cachetools import TTLCache
from fastapi import HTTPException
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from podium.store.accounts import Accounts, Role, User
from podium.web.shared import Shared
from podium.web.site import current_site as _site

SESSION_COOKIE = "podium_session"
SESSION_MAX_AGE = 12 * 3600
"""Seconds a sign-in lasts."""
CSRF_FIELD = "csrf"
_PROCESS_SECRET = secrets.token_urlsafe(32)
"""Used when the ``secret_key`` setting is empty: sessions then end when the process does."""
_STATE_LOCK = threading.Lock()


# -- sessions ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SessionData:
    """What the session cookie says: the account signed in (``None``: a visitor) and the CSRF token."""

    user: str | None
    csrf: str

    @classmethod
    def fresh(cls, user: str | None = None) -> SessionData:
        return cls(user, secrets.token_urlsafe(32))


def _serializer(request: Request) -> URLSafeTimedSerializer:
    secret = _site(request).settings.secret_key or _PROCESS_SECRET
    return URLSafeTimedSerializer(secret, salt="podium.admin.session")


def read_session(request: Request) -> SessionData | None:
    """The session of a valid, unexpired cookie, else ``None``."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer(request).loads(raw, max_age=SESSION_MAX_AGE)
    except BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
        return None
    user = data.get("user")
    return SessionData(user if isinstance(user, str) else None, data["csrf"])


def session_of(request: Request) -> SessionData:
    """The request's session, or a new visitor session (sent back by :func:`attach_session`)."""
    existing: SessionData | None = getattr(request.state, "podium_session", None)
    if existing is not None:
        return existing
    found = read_session(request)
    if found is None:
        found = SessionData.fresh()
        request.state.podium_new_session = True
    request.state.podium_session = found
    return found


def attach_session(request: Request, response: Response) -> Response:
    """Set the session cookie on ``response`` if this request started a session."""
    if getattr(request.state, "podium_new_session", False):
        write_session(request, response, session_of(request))
    return response


def write_session(request: Request, response: Response, session: SessionData) -> None:
    value = _serializer(request).dumps({"user": session.user, "csrf": session.csrf})
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=SESSION_MAX_AGE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_session(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )


def accounts(request: Request) -> Accounts:
    return Accounts(_site(request).store)


def current_user(request: Request) -> User | None:
    """The enabled account signed in on this request's session, else ``None``."""
    if hasattr(request.state, "podium_user"):
        cached: User | None = request.state.podium_user
        return cached
    session = read_session(request)
    user = None
    if session is not None and session.user is not None:
        try:
            found = accounts(request).user(session.user)
        except LookupError:
            found = None
        user = found if found is not None and not found.disabled else None
    request.state.podium_user = user
    return user


# -- checks --------------------------------------------------------------------------------------------
def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path of the admin itself (no open redirect)."""
    if target and target.startswith("/admin") and not target.startswith("//") and "\\" not in target:
        return target
    return "/admin"


def page_user(request: Request, needed: Role = Role.VIEWER) -> User | RedirectResponse:
    """For a page (GET): the account, or a redirect to the login; 403 when its role is too low."""
    user = current_user(request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/admin/login?next={quote(target, safe='/')}", status_code=303)
    if not user.can(needed):
        raise HTTPException(403, f"the {user.role.value} role may not do this (needs {needed.value})")
    return user


def check_csrf(request: Request, sent: str | None) -> SessionData:
    """Refuse (403) a POST whose CSRF token is missing or not the session's, or sent from elsewhere."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        parsed = urlsplit(origin)
        if parsed.netloc != request.url.netloc:
            raise HTTPException(403, "this form was sent from another site")
    session = read_session(request)
    if session is None or not sent or not hmac.compare_digest(session.csrf.encode(), sent.encode()):
        raise HTTPException(403, "the form's security token is missing or out of date; reload the page")
    return session


def form_user(request: Request, sent_csrf: str | None, needed: Role) -> User:
    """For a form POST: the account (401 when nobody is signed in), a valid CSRF token, a role that may."""
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "sign in first")
    check_csrf(request, sent_csrf)
    if not user.can(needed):
        raise HTTPException(403, f"the {user.role.value} role may not do this (needs {needed.value})")
    return user


def bearer_user(request: Request, needed: Role) -> User:
    """For an API write: the account of the ``Authorization: Bearer`` token (401), if its role may (403)."""
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="podium"'}
    if scheme.lower() != "bearer" or not secret.strip():
        raise HTTPException(401, "this needs an API token: Authorization: Bearer TOKEN", headers=challenge)
    user = accounts(request).user_for_token(secret.strip())
    if user is None:
        raise HTTPException(401, "the API token is unknown or revoked", headers=challenge)
    if not user.can(needed):
        raise HTTPException(403, f"the {user.role.value} role may not do this (needs {needed.value})")
    return user


# -- sign-in throttling -----------------------------------------------------------------------------------
class LoginLimiter:
    """Counts sign-in attempts in a sliding window, per (name, address) and per address.

    An attempt is counted *before* its password is checked, atomically with the check against the
    limit, so simultaneous guesses cannot all slip under it: of 40 at once for one name, at most
    ``max_failures`` reach the password check. A successful sign-in takes its attempt back and clears
    the name's count. The counts live in this process (a bounded ``cachetools`` TTL cache: a flood of
    invented names cannot grow it without end), or in Redis when the site has one (``redis_url``),
    shared by every worker and host.
    """

    def __init__(
        self,
        *,
        max_failures: int = 5,
        max_per_address: int = 30,
        window: float = 15 * 60,
        failure_delay: float = 0.5,
        clock: Callable[[], float] = time.time,
        shared: Shared | None = None,
        max_keys: int = 100_000,
    ) -> None:
        self.max_failures = max_failures
        self.max_per_address = max_per_address
        self.window = window
        self.failure_delay = failure_delay
        self.clock = clock
        self.shared = shared
        self._attempts: TTLCache[tuple[str, ...], deque[tuple[float, str]]] = TTLCache(
            max_keys, window, timer=clock
        )
        self._lock = threading.Lock()

    def _keys(self, name: str, address: str) -> list[tuple[tuple[str, ...], int]]:
        return [
            (("user", name.strip().lower(), address), self.max_failures),
            (("ip", address), self.max_per_address),
        ]

    def _redis_key(self, key: tuple[str, ...]) -> str:
        assert self.shared is not None
        digest = hashlib.sha256("\x00".join(key).encode()).hexdigest()[:32]
        return self.shared.key("login", key[0], digest)

    def attempt(self, name: str, address: str) -> tuple[int | None, str]:
        """Count one attempt now: ``(None, token)`` when it may go on to the password check, else
        ``(seconds to wait, token)`` and nothing counted. The token names the attempt for
        :meth:`succeeded`."""
        now = self.clock()
        token = secrets.token_hex(8)
        keys = self._keys(name, address)
        if self.shared is not None:
            wait = self.shared.hit([(self._redis_key(k), n) for k, n in keys], now, self.window, token)
        else:
            wait = 0.0
            with self._lock:
                self._attempts.expire()
                recent = []
                for key, limit in keys:
                    times = self._attempts.get(key) or deque()
                    while times and times[0][0] <= now - self.window:
                        times.popleft()
                    recent.append(times)
                    if len(times) >= limit:
                        wait = max(wait, times[len(times) - limit][0] + self.window - now)
                if wait <= 0:
                    for (key, _), times in zip(keys, recent, strict=True):
                        times.append((now, token))
                        self._attempts[key] = times  # (re)starts the key's time to live
        return (max(1, int(wait + 0.999)) if wait > 0 else None), token

    def succeeded(self, name: str, address: str, token: str) -> None:
        """The attempt ``token`` signed in: forget the name's count and take the attempt back."""
        (user, _), (ip, _) = self._keys(name, address)
        if self.shared is not None:
            self.shared.drop(self._redis_key(user))
            self.shared.discard(self._redis_key(ip), token)
            return
        with self._lock:
            self._attempts.pop(user, None)
            times = self._attempts.get(ip)
            if times is not None:
                kept = deque(entry for entry in times if entry[1] != token)
                self._attempts[ip] = kept


def login_limiter(request: Request) -> LoginLimiter:
    """The application's limiter (created on first use; shared through Redis when the site has it)."""
    state: Any = request.app.state
    with _STATE_LOCK:
        limiter: LoginLimiter | None = getattr(state, "login_limiter", None)
        if limiter is None:
            limiter = LoginLimiter(shared=_site(request).shared)
            state.login_limiter = limiter
    return limiter


def client_address(request: Request) -> str:
    """The client's address: the connection's peer, or what a trusted proxy says it is (the
    ``forwarded_allow_ips`` setting; never an X-Forwarded-For of anyone else)."""
    return request.client.host if request.client else "unknown"
