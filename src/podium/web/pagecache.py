"""Rendered public pages, cached by season version: a page costs one database read, not a render.

A season page (standings, title battle, events, feeds) is a pure function of the season's version,
the URL and the language, apart from "time until the next session", which the browser's script
keeps current anyway; entries also expire after a minute so the server-rendered countdown text is
never far off. Admin and API answers are never cached here (the API has its own ETags).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from podium.errors import PodiumError
from podium.web.site import Site

CACHEABLE_TYPES = ("text/html", "text/calendar", "application/atom+xml")
TTL_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class CachedPage:
    body: bytes
    headers: tuple[tuple[str, str], ...]
    born: float


class PageCache:
    """A bounded LRU of rendered pages keyed by (path, query, language, season version)."""

    def __init__(self, size: int = 512, ttl: float = TTL_SECONDS) -> None:
        self._pages: OrderedDict[tuple[str, str, str, str, int], CachedPage] = OrderedDict()
        self._size = size
        self._ttl = ttl
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, str, str, str, int]) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None or time.monotonic() - page.born > self._ttl:
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return page

    def put(self, key: tuple[str, str, str, str, int], page: CachedPage) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)


def season_of(path: str) -> str | None:
    """The season reference of a public season page (``/seasons/REF/...``), else None."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[1] == "seasons" and parts[2]:
        return parts[2]
    return None


def install(app: FastAPI, site: Site, cache: PageCache) -> None:
    """Register the caching middleware on ``app``."""

    @app.middleware("http")
    async def cached_pages(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        ref = season_of(request.url.path)
        if request.method != "GET" or ref is None:
            return await call_next(request)
        try:
            version = await run_in_threadpool(site.store.version, ref)
        except PodiumError:
            return await call_next(request)  # unknown season: the page says so
        lang: str = getattr(request.state, "lang", "en")
        key = (request.url.path, request.url.query, lang, ref, version)
        page = cache.get(key)
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
        cache.put(key, CachedPage(body, headers, time.monotonic()))
        return Response(body, status_code=200, headers=dict(headers))
