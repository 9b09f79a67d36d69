"""Rendered public pages, cached by season version: a page costs one database read, not a render.

A season page (standings, title battle, events, feeds) is a pure function of the season's version,
the URL and the language, apart from "time until the next session", which the browser's script
keeps current anyway; entries also expire after a minute so the server-rendered countdown text is
never far off. Admin and API answers are never cached here (the API has its own ETags).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from cachetools import TTLCache
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from podium.errors import PodiumError
from podium.web.shared import Shared
from podium.web.site import Site

CACHEABLE_TYPES = ("text/html", "text/calendar", "application/atom+xml")
TTL_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class CachedPage:
    body: bytes
    headers: tuple[tuple[str, str], ...]


PageKey = tuple[str, str, str, str, int]
"""(path, query, language, season ref, season version): nothing from the request's headers but the
negotiated language, which is one of podium's own."""


class PageCache:
    """Rendered pages keyed by :data:`PageKey`, kept ``ttl`` seconds: a bounded LRU of this process
    (``cachetools.TTLCache``), or the site's Redis when it has one (shared by every worker)."""

    def __init__(self, size: int = 512, ttl: float = TTL_SECONDS, shared: Shared | None = None) -> None:
        self._pages: TTLCache[PageKey, CachedPage] = TTLCache(size, ttl)
        self._ttl = ttl
        self.shared = shared
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def _redis_key(self, key: PageKey) -> str:
        assert self.shared is not None
        path, query, lang, ref, version = key
        digest = hashlib.sha256(f"{path}\x00{query}\x00{lang}".encode()).hexdigest()[:32]
        return self.shared.key("page", ref, str(version), digest)

    def get(self, key: PageKey) -> CachedPage | None:
        if self.shared is not None:
            page: CachedPage | None = self.shared.get(self._redis_key(key))
        else:
            with self._lock:
                page = self._pages.get(key)
        with self._lock:
            if page is None:
                self.misses += 1
            else:
                self.hits += 1
        return page

    def put(self, key: PageKey, page: CachedPage) -> None:
        if self.shared is not None:
            self.shared.put(self._redis_key(key), page, self._ttl)
            return
        with self._lock:
            self._pages[key] = page

    def invalidate(self, ref: str) -> None:
        """Forget every page of season ``ref`` (after a write; in every worker when shared)."""
        if self.shared is not None:
            self.shared.delete_matching(f"page:{_glob_escape(ref)}:*")
            return
        with self._lock:
            for key in [k for k in self._pages if k[3] == ref]:
                self._pages.pop(key, None)


def _glob_escape(text: str) -> str:
    return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)


def season_of(path: str) -> str | None:
    """The season reference of a public season page (``/seasons/REF/...``), else None."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[1] == "seasons" and parts[2]:
        return parts[2]
    return None


def written_season(path: str) -> str | None:
    """The season a write goes to (``/admin/seasons/REF/...``, ``/api/v1/seasons/REF/...``), else None."""
    for prefix in ("/admin", "/api/v1"):
        if path.startswith(prefix + "/"):
            return season_of(path.removeprefix(prefix))
    return None


def install(app: FastAPI, site: Site, cache: PageCache) -> None:
    """Register the caching middleware on ``app``."""

    @app.middleware("http")
    async def cached_pages(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method not in ("GET", "HEAD"):
            response = await call_next(request)
            written = written_season(request.url.path)
            if written is not None and response.status_code < 400:
                await run_in_threadpool(cache.invalidate, written)  # every worker's copy, with Redis
            return response
        ref = season_of(request.url.path)
        if request.method != "GET" or ref is None:
            return await call_next(request)
        try:
            version = await run_in_threadpool(site.store.version, ref)
        except PodiumError:
            return await call_next(request)  # unknown season: the page says so
        lang: str = getattr(request.state, "lang", "en")
        key = (request.url.path, request.url.query, lang, ref, version)
        page = await run_in_threadpool(cache.get, key) if cache.shared else cache.get(key)
        if page is not None:
            return Response(page.body, status_code=200, headers=dict(page.headers))
        response = await call_next(request)
        kind = response.headers.get("content-type", "")
        if (
            response.status_code != 200
            or not kind.startswith(CACHEABLE_TYPES)
            or "no-store" in response.headers.get("cache-control", "")
        ):
            return response  # "no-store": a title still being proved changes without a new version
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        headers = tuple((k, v) for k, v in response.headers.items() if k.lower() not in ("content-length",))
        await run_in_threadpool(cache.put, key, CachedPage(body, headers))
        return Response(body, status_code=200, headers=dict(headers))
