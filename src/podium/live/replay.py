"""A stored session replayed as an RMonitor feed on a loopback port: demos, docs and tests without a
timing system.

The script of a replay (:func:`script`) is a list of laps; each lap is the running order after it.
It starts from the grid (the results' grid positions, else the order of the session before) and
ends exactly in the final order (the stored results; for a session not run yet, the order given
with ``finish``, else the session before's). In between, cars change places a few at a time,
adjacent swaps only, as on track, drawn from a seeded random generator so that a replay is the same
every time. No data source podium reads has a lap chart, so every replay is of this plausible kind;
the docs say so.

:class:`ReplayServer` speaks the protocol: a header (``$I``, ``$E``, ``$B``, ``$C``, ``$COMP``) to each
client that connects, then per lap a ``$J`` passing and a ``$G`` position for each car in the order
it crosses the line, and a ``$F`` heartbeat. A client that connects late gets the header and the
current positions, then the rest live, as from a real timing system.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from podium.errors import ConsistencyError
from podium.live.rmonitor import (
    ClassInfo,
    Competitor,
    Flag,
    Heartbeat,
    Init,
    Passing,
    RacePosition,
    Record,
    Run,
    Setting,
    clock,
    encode,
)
from podium.model import Season, Status

ENCODING = "utf-8"
"""Text on the wire: UTF-8 (names like "Pérez"); an ASCII-only timing system is a subset of it."""


@dataclass(frozen=True, slots=True)
class Script:
    """What a replay sends: the cars, and the running order after every lap."""

    title: str
    competitors: tuple[Competitor, ...]
    classes: tuple[ClassInfo, ...]
    laps: tuple[tuple[str, ...], ...]
    """laps[0] is the grid; laps[-1] the final order (car numbers)."""
    lap_seconds: float


def _order_of(season: Season, session_id: str) -> list[str]:
    results = season.results_for(session_id)
    classified = sorted((r for r in results if r.classified), key=lambda r: r.position or 0)
    rest = sorted(
        (r for r in results if not r.classified and r.status is not Status.DNS),
        key=lambda r: (-(r.laps or 0), r.entry),
    )
    out = []
    for r in [*classified, *rest]:
        car = season.entry(r.entry).car
        if car is not None:
            out.append(car.number)
    return out


def script(
    season: Season,
    session_id: str,
    *,
    laps: int | None = None,
    finish: Sequence[str] | None = None,
    seed: int = 2020,
) -> Script:
    """The replay of ``session_id``: from the grid to the final order in ``laps`` laps."""
    event = season.event_of(session_id)
    session = event.session(session_id)
    index = season.session_index(session_id)
    previous = [s for s in season.session_order()[:index] if season.has_results(s)]
    entries = [e for e in season.entries if e.car is not None and e.valid_in(event.round)]
    numbers = [e.car.number for e in entries if e.car is not None]
    if finish:
        final = [n for n in finish if n in numbers]
    elif season.has_results(session_id):
        final = _order_of(season, session_id)
    elif previous:
        final = _order_of(season, previous[-1])
    else:
        final = numbers
    final = list(dict.fromkeys(final))
    if len(final) < 2:
        raise ConsistencyError("a replay needs at least two cars", where=session_id)
    results = {r.entry: r for r in season.results_for(session_id)}
    by_number = {e.car.number: e for e in entries if e.car is not None}
    grid_known = [(results[by_number[n].id].grid, n) for n in final if by_number[n].id in results]
    rng = random.Random(f"{seed}:{session_id}")
    if grid_known and all(g is not None for g, _ in grid_known):
        grid = [n for _, n in sorted(grid_known, key=lambda gn: (gn[0] or 0, gn[1]))]
        grid += [n for n in final if n not in grid]
    elif previous and previous[-1] != session_id and not finish and not season.has_results(session_id):
        grid = list(final)
        rng.shuffle(grid)
    elif previous:
        before = _order_of(season, previous[-1])
        grid = [n for n in before if n in final] + [n for n in final if n not in before]
    else:
        grid = list(final)
        rng.shuffle(grid)
    stored_laps = max((r.laps or 0 for r in results.values()), default=0)
    count = laps or stored_laps or session.scheduled_laps or max(12, len(final))
    orders = _laps(grid, final, count, rng)
    duration = session.scheduled_duration.total_seconds() if session.scheduled_duration else 0.0
    seconds = duration or count * 100.0
    classes = _classes(season, entries, event.date)
    class_of = {n: c for c, cars in classes.items() for n in cars}
    class_numbers = {name: i for i, name in enumerate(sorted(classes), start=1)}
    competitors = []
    for entry in entries:
        assert entry.car is not None
        if entry.car.number not in final:
            continue
        driver = season.driver(entry.drivers[0]) if entry.drivers else None
        first, _, last = (driver.name if driver else entry.id).partition(" ")
        cls = class_of.get(entry.car.number)
        competitors.append(
            Competitor(
                entry.car.number,
                entry.car.number,
                first,
                last or first,
                driver.nationality or "" if driver else "",
                class_numbers.get(cls) if cls else None,
            )
        )
    return Script(
        title=f"R{event.round} {event.name} — {session.name}",
        competitors=tuple(competitors),
        classes=tuple(ClassInfo(i, name) for name, i in class_numbers.items()),
        laps=tuple(tuple(o) for o in orders),
        lap_seconds=max(1.0, seconds / count),
    )


def _classes(season: Season, entries: Sequence[object], on: object) -> dict[str, list[str]]:
    """Class name → car numbers (the first classification each car's entry belongs to)."""
    out: dict[str, list[str]] = {}
    for entry in season.entries:
        if entry not in entries or entry.car is None:
            continue
        for c in season.classifications:
            if season.eligibility(c, entry, on):  # type: ignore[arg-type]
                out.setdefault(c.name, []).append(entry.car.number)
                break
    return out


def _laps(grid: list[str], final: list[str], count: int, rng: random.Random) -> list[list[str]]:
    """Orders after each lap: a few adjacent passes a lap, a little noise early, the final order last."""
    target = {n: i for i, n in enumerate(final)}
    order = list(grid)
    out = [list(order)]
    for lap in range(1, count + 1):
        left = count - lap
        noise = lap < count * 0.6
        for i in range(len(order) - 1):
            a, b = order[i], order[i + 1]
            wrong = target[a] > target[b]
            # Enough passes late in the race to end in the final order on the last lap.
            urgency = 1.0 if left < len(order) else 0.35
            if (wrong and rng.random() < urgency) or (noise and not wrong and rng.random() < 0.04):
                order[i], order[i + 1] = b, a
        if lap == count:
            order = list(final)
        out.append(list(order))
    return out


def lap_records(s: Script, lap: int, elapsed: float) -> list[Record]:
    """The records of one lap: for each car crossing the line in order, its passing and position."""
    records: list[Record] = []
    order = s.laps[lap]
    for position, number in enumerate(order, start=1):
        total = elapsed + position * 0.7
        records.append(Passing(number, clock(s.lap_seconds + position * 0.01), clock(total)))
        records.append(RacePosition(position, number, lap, clock(total)))
    left = len(s.laps) - 1 - lap
    flag = Flag.FINISH if left == 0 else Flag.GREEN
    records.append(Heartbeat(left, clock(left * s.lap_seconds), "12:00:00", clock(elapsed), flag))
    return records


def header(s: Script) -> list[Record]:
    records: list[Record] = [
        Init("12:00:00.000", "13 Nov 20"),
        Setting("TRACKNAME", s.title),
        Run(1, s.title),
    ]
    records.extend(s.classes)
    records.extend(s.competitors)
    return records


class ReplayServer:
    """Serves a :class:`Script` on a loopback port at ``speed`` times real time."""

    def __init__(
        self, s: Script, *, speed: float = 1.0, host: str = "127.0.0.1", port: int = 0, run: bool = True
    ) -> None:
        """``run=False``: send the header to clients, and only what :meth:`send` is given after."""
        self.script = s
        self.speed = speed
        self.host = host
        self.port = port
        self.lap = -1
        self.finished = asyncio.Event()
        self.connected = asyncio.Event()
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.base_events.Server | None = None
        self._task: asyncio.Task[None] | None = None
        self.lines_sent = 0
        self.run = run

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._client, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        if self.run:
            self._task = asyncio.create_task(self._clock())
        return self.port

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.drop_clients()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def drop_clients(self) -> None:
        """Close every client connection (a dropped line, as tests need)."""
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        lines = [encode(r) for r in header(self.script)]
        if self.lap >= 0:
            lines.extend(
                encode(RacePosition(p, n, self.lap, clock(0)))
                for p, n in enumerate(self.script.laps[self.lap], start=1)
            )
        writer.write("".join(lines).encode(ENCODING, errors="replace"))
        self._writers.add(writer)
        self.connected.set()
        try:
            with contextlib.suppress(OSError):
                await reader.read()  # the feed is one-way; wait for the client to go
        finally:
            self._writers.discard(writer)
            writer.close()

    def send_lap(self, lap: int, elapsed: float = 0.0) -> None:
        """Send one lap of the script now (tests and demos drive the race themselves)."""
        self.lap = lap
        self.send("".join(encode(r) for r in lap_records(self.script, lap, elapsed)))

    def send(self, text: str) -> None:
        data = text.encode(ENCODING, errors="replace")
        for writer in list(self._writers):
            if writer.is_closing():
                self._writers.discard(writer)
                continue
            writer.write(data)
        self.lines_sent += text.count("\n")

    async def _clock(self) -> None:
        await self.connected.wait()
        elapsed = 0.0
        pause = self.script.lap_seconds / self.speed
        for lap in range(len(self.script.laps)):
            self.lap = lap
            records = lap_records(self.script, lap, elapsed)
            per_car = pause / max(1, len(records))
            for record in records:
                self.send(encode(record))
                if per_car >= 0.0005:
                    await asyncio.sleep(per_car)
            await self._drain()
            elapsed += self.script.lap_seconds
        self.finished.set()
        while True:  # the timing system keeps its heartbeat after the flag
            self.send(encode(Heartbeat(0, clock(0), "12:00:00", clock(elapsed), Flag.FINISH)))
            await asyncio.sleep(1.0)

    async def _drain(self) -> None:
        for writer in list(self._writers):
            try:
                await writer.drain()
            except OSError:
                self._writers.discard(writer)
