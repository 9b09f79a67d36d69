"""State the website's workers share: through Redis when ``redis_url`` is set, else in this process.

One process (``podium serve`` without Redis) keeps its page cache, login throttle and proven title
states in memory, as bounded ``cachetools`` caches. Several workers or hosts behind a proxy set
``redis_url``: each of those three then lives in Redis, so a page rendered by one worker is served
by the others, a write through any worker is seen by all (the cache keys carry the season's
version, and the write also deletes the season's pages), failed sign-ins are counted once for the
whole site, and a title proven by one worker's pool is shown by every worker.

Every key starts with ``podium:`` and a digest of the database URL, so two sites sharing one Redis
never see each other's state. Nothing in a key comes from a request's headers; paths and query
strings are hashed.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from podium.errors import StoreError
from podium.settings import Settings

if TYPE_CHECKING:
    import redis

log = logging.getLogger("podium.web")

SOCKET_TIMEOUT = 2.0
"""Seconds a Redis call may take before it is an error (a stuck Redis must not hang every page)."""

_HIT = """
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local limit = tonumber(ARGV[3 + i])
  local n = redis.call('ZCARD', key)
  if n >= limit then
    local oldest = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return tostring(wait) end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('EXPIRE', key, math.ceil(window) + 1)
end
return '0'
"""
"""Count one attempt under every key, atomically, unless one of them is at its limit: then answer the
seconds until the oldest attempt that matters leaves the window (and count nothing)."""


class Shared:
    """A Redis connection with the site's key prefix and the few operations the site needs."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        self._hit = client.register_script(_HIT)
        from redis import RedisError

        self._errors: tuple[type[Exception], ...] = (RedisError,)

    def key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    # -- values (pickled: only podium's own processes write them) ------------------------------------
    # A cache that fails is a miss: pages are rendered (and titles proven) here instead, and logged.
    def get(self, key: str) -> Any:
        try:
            raw = self.client.get(key)
        except self._errors:
            log.exception("Redis failed; answering without the shared cache")
            return None
        if not isinstance(raw, bytes):
            return None
        return pickle.loads(raw)  # only this site's processes write under its prefix

    def put(self, key: str, value: Any, ttl: float | None = None) -> None:
        try:
            self.client.set(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), px=_ms(ttl))
        except self._errors:
            log.exception("Redis failed; the value is not shared")

    def claim(self, key: str, ttl: float) -> bool:
        """True for the one caller that sets ``key`` first (it then expires after ``ttl`` s)."""
        try:
            return bool(self.client.set(key, b"1", nx=True, px=_ms(ttl)))
        except self._errors:
            log.exception("Redis failed; proving here")
            return True

    def delete_matching(self, pattern: str) -> int:
        """Delete every key of this site matching ``pattern`` (a glob after the prefix)."""
        keys = list(self.client.scan_iter(match=self.prefix + pattern, count=500))
        return int(self.client.delete(*keys)) if keys else 0

    # -- sliding-window counters ---------------------------------------------------------------------
    def hit(self, limits: list[tuple[str, int]], now: float, window: float, token: str) -> float:
        """See :data:`_HIT`: 0 when the attempt was counted, else the seconds to wait."""
        keys = [key for key, _ in limits]
        try:
            answer = self._hit(
                keys=keys, args=[repr(now), repr(window), token, *(n for _, n in limits)], client=self.client
            )
        except self._errors:  # the throttle fails closed: no password is checked uncounted
            log.exception("Redis failed while counting a sign-in attempt")
            raise StoreError("the sign-in counter is unavailable; try again later") from None
        return float(answer)

    def discard(self, key: str, token: str) -> None:
        self.client.zrem(key, token)

    def drop(self, key: str) -> None:
        self.client.delete(key)

    def close(self) -> None:
        self.client.close()


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else max(1, int(seconds * 1000))


def site_prefix(settings: Settings) -> str:
    """``podium:`` and a digest of the database URL: one namespace per site."""
    digest = hashlib.sha256(settings.database_url.encode()).hexdigest()[:16]
    return f"podium:{digest}:"


def open_shared(settings: Settings) -> Shared | None:
    """The site's Redis when ``redis_url`` is set (checked with a PING), else ``None``."""
    if not settings.redis_url.strip():
        return None
    import redis as redis_module

    client = redis_module.Redis.from_url(
        settings.redis_url.strip(), socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT
    )
    try:
        client.ping()
    except redis_module.RedisError as exc:
        where = urlsplit(settings.redis_url.strip())
        raise StoreError(
            f"cannot reach the Redis of the redis_url setting at {where.hostname}:{where.port or 6379}: "
            f"{type(exc).__name__}"
        ) from None
    return Shared(client, site_prefix(settings))
