"""Reading an RMonitor feed: what the timing system has said so far, and a TCP client that keeps at it.

:class:`FeedState` folds records into the running order (pure, no I/O). :func:`read_feed` is the
asyncio client: it reads lines from ``tcp://host:port``, hands each to a callback with the moment it
arrived, and when the connection drops (or goes silent longer than ``idle``) it reconnects with
exponential back-off. Garbled lines are counted and logged by :class:`FeedState`; nothing in a line
can stop the feed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from podium.errors import InputError, Problem
from podium.live.rmonitor import (
    ClassInfo,
    Competitor,
    Flag,
    Garbled,
    Heartbeat,
    Init,
    Passing,
    PracticePosition,
    RacePosition,
    Run,
    parse_line,
)

log = logging.getLogger("podium.live")


@dataclass(slots=True)
class FeedState:
    """Everything the feed has said since the last ``$I`` (reset)."""

    competitors: dict[str, Competitor] = field(default_factory=dict)
    classes: dict[int, str] = field(default_factory=dict)
    run: Run | None = None
    flag: Flag = Flag.NONE
    laps_to_go: int | None = None
    race: dict[str, tuple[int, int]] = field(default_factory=dict)
    """registration → (position, sequence of the line that said it)."""
    practice: dict[str, tuple[int, int]] = field(default_factory=dict)
    laps: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    garbled: int = 0
    passings: int = 0
    last_garbled: list[str] = field(default_factory=list)
    _order: tuple[str, ...] = ()

    def feed(self, line: str) -> bool:
        """Read one line; True when the running order (car numbers) changed."""
        self.lines += 1
        record = parse_line(line)
        match record:
            case None:
                return False
            case Garbled():
                self.garbled += 1
                self.last_garbled = [*self.last_garbled[-9:], f"{record.reason}: {record.line[:80]!r}"]
                log.warning("garbled feed line %d: %s", self.lines, record.reason)
                return False
            case Competitor():
                self.competitors[record.registration] = record
            case ClassInfo():
                self.classes[record.number] = record.description
            case Run():
                self.run = record
            case Heartbeat():
                self.flag = record.flag
                self.laps_to_go = record.laps_to_go
                return False
            case RacePosition():
                self.race[record.registration] = (record.position, self.lines)
                if record.laps is not None:
                    self.laps[record.registration] = record.laps
            case PracticePosition():
                self.practice[record.registration] = (record.position, self.lines)
            case Passing():
                self.passings += 1
                return False
            case Init():
                self.competitors.clear()
                self.classes.clear()
                self.race.clear()
                self.practice.clear()
                self.laps.clear()
                self.run = None
                self.flag = Flag.NONE
            case _:
                return False
        return self._refresh()

    def number(self, registration: str) -> str:
        """The car number of a registration (the registration itself when no ``$A`` named it)."""
        competitor = self.competitors.get(registration)
        return (
            competitor.number.strip()
            if competitor is not None and competitor.number.strip()
            else registration
        )

    def _refresh(self) -> bool:
        positions = self.race or self.practice
        # Two cars can claim one place for a moment (one's line came, the other's not yet): the
        # newer claim is ahead, the older one slots in behind it.
        ranked = sorted(positions.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
        order = tuple(self.number(reg) for reg, _ in ranked)
        changed = order != self._order
        self._order = order
        return changed

    @property
    def order(self) -> tuple[str, ...]:
        """Car numbers, leader first (race positions; practice positions when no race has any)."""
        return self._order

    @property
    def kind(self) -> str:
        return "race" if self.race else "practice" if self.practice else "none"


@dataclass(frozen=True, slots=True)
class Address:
    host: str
    port: int

    @classmethod
    def parse(cls, url: str) -> Address:
        """``tcp://host:port`` (or ``host:port``)."""
        parts = urlsplit(url if "://" in url else f"tcp://{url}")
        if parts.scheme != "tcp" or not parts.hostname or parts.port is None:
            raise InputError(Problem(f"expected tcp://HOST:PORT, got {url!r}", field="--feed", value=url))
        return cls(parts.hostname, parts.port)


@dataclass(slots=True)
class FeedStats:
    connections: int = 0
    drops: int = 0
    lines: int = 0


async def read_feed(
    url: str,
    on_line: Callable[[str, int], None],
    *,
    stop: asyncio.Event,
    backoff: tuple[float, float] = (0.1, 5.0),
    idle: float = 30.0,
    stats: FeedStats | None = None,
) -> FeedStats:
    """Read ``url`` until ``stop`` is set, calling ``on_line(text, arrival_ns)`` for each line.

    A refused or dropped connection, or ``idle`` seconds without a line (RMonitor sends a heartbeat
    every second), is logged and followed by a reconnection after a delay that doubles from
    ``backoff[0]`` to ``backoff[1]`` and starts again once a connection delivers a line.
    """
    address = Address.parse(url)
    stats = stats or FeedStats()
    delay = backoff[0]
    while not stop.is_set():
        writer = None
        try:
            reader, writer = await asyncio.open_connection(address.host, address.port, limit=1 << 16)
            stats.connections += 1
            log.info("connected to %s", url)
            while not stop.is_set():
                raw = await _next_line(reader, stop, idle)
                if raw is None:
                    break
                if not raw:
                    raise ConnectionResetError("the feed closed the connection")
                stats.lines += 1
                delay = backoff[0]
                on_line(raw.decode("utf-8", errors="replace"), time.perf_counter_ns())
        except (OSError, ValueError, asyncio.IncompleteReadError, TimeoutError) as exc:
            stats.drops += 1
            log.warning("feed %s: %s; reconnecting in %.1f s", url, exc or type(exc).__name__, delay)
        finally:
            if writer is not None:
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()
        if stop.is_set():
            break
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(delay * 2, backoff[1])
    return stats


async def _next_line(reader: asyncio.StreamReader, stop: asyncio.Event, idle: float) -> bytes | None:
    """The next line, b"" at end of stream, None when ``stop`` was set; TimeoutError when silent."""
    read = asyncio.ensure_future(reader.readline())
    stopped = asyncio.ensure_future(stop.wait())
    try:
        done, _ = await asyncio.wait({read, stopped}, timeout=idle, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if read in done:
        return read.result()
    read.cancel()
    if stop.is_set():
        return None
    raise TimeoutError(f"no line for {idle:g} s")
