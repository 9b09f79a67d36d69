"""``podium live``: a timing feed in, the championship as it stands out (and a replay to try it with)."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Group
from rich.live import Live
from rich.panel import Panel
from rich.table import Table

from podium.cli.app import app as root
from podium.cli.app import console, err_console, new_app
from podium.cli.sources import LangOption
from podium.cli.store_common import DatabaseOption, settings, store_for
from podium.cli.words import Words
from podium.errors import InputError, Message, Problem
from podium.live.feed import Address
from podium.live.follow import Follower, json_line, worker_pool
from podium.live.hub import LiveHub
from podium.live.replay import ReplayServer, script
from podium.live.state import LiveContext, build_context, official_states
from podium.model import Season
from podium.rules import Ruleset
from podium.sources import f1db_season, stored_season

live_app = new_app("Live: follow an RMonitor timing feed, or replay a stored session as one.")
root.add_typer(live_app, name="live")

F1dbOption = Annotated[Path | None, typer.Option(help="Path of an f1db tree (then --season is the year).")]
SeasonArg = Annotated[
    str | None,
    typer.Option("--season", "-s", help="Stored season (optional when only one), or the year with --f1db."),
]


def _season(database: str | None, f1db: Path | None, season: str | None) -> tuple[Season, Ruleset, str]:
    if f1db is not None:
        if season is None or not season.isdigit():
            raise InputError(Problem(Message("--f1db needs --season YEAR"), field="--season", value=season))
        source = f1db_season(f1db, int(season))
        return source.season, source.ruleset, f"f1-{season}"
    source = stored_season(database, season)
    return source.season, source.ruleset, source.label


@live_app.command("replay")
def replay_command(
    session: Annotated[str, typer.Argument(help="Session id, e.g. r08-race-2 (f1db: r22-race).")],
    season: SeasonArg = None,
    f1db: F1dbOption = None,
    speed: Annotated[float, typer.Option(help="Times real time (60: a 45-minute race in 45 s).")] = 1.0,
    port: Annotated[int, typer.Option(help="Loopback port (0: any free port, printed).")] = 0,
    laps: Annotated[int | None, typer.Option(help="Laps to replay (default: the stored laps).")] = None,
    finish: Annotated[
        str | None, typer.Option(help="Final order as car numbers, comma-separated (a session not run yet).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the plausible passes.")] = 2020,
    keep: Annotated[bool, typer.Option(help="Keep the heartbeat going after the flag.")] = False,
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Send a stored session as an RMonitor feed on a loopback port.

    The order goes from the grid to the final order with plausible passes (no source podium reads
    has a lap chart); a session not run yet ends in --finish, else in the session before's order.

    Example:

        podium live replay r08-race-2 --season gt3-usa-2020 --speed 30 --finish 16,53,99,11
    """
    say = Words(lang)
    s, _, _ = _season(database, f1db, season)
    order = [n.strip() for n in finish.split(",") if n.strip()] if finish else None
    plan = script(s, session, laps=laps, finish=order, seed=seed)

    async def main() -> None:
        server = ReplayServer(plan, speed=speed, port=port)
        chosen = await server.start()
        started = Message(
            "RMonitor feed of {title} ({cars} cars, {laps} laps) on {address} ; waiting for a client "
            "(Ctrl+C stops it)",
            title=plan.title,
            cars=len(plan.competitors),
            laps=len(plan.laps) - 1,
            address=f"tcp://127.0.0.1:{chosen}",
        )
        sys.stdout.write(say(started) + "\n")
        sys.stdout.flush()
        try:
            await server.finished.wait()
            if keep:
                await asyncio.Event().wait()
            await asyncio.sleep(1.0)
        finally:
            await server.close()
        console.print(say(Message("replay finished: {count} lines sent", count=server.lines_sent)))

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())


@live_app.command("follow")
def follow_command(
    session: Annotated[str, typer.Option("--session", help="Session being run, e.g. r08-race-2.")],
    feed: Annotated[str, typer.Option("--feed", help="RMonitor feed, tcp://HOST:PORT.")],
    season: SeasonArg = None,
    f1db: F1dbOption = None,
    classes: Annotated[
        list[str] | None, typer.Option("--class", "-c", help="Classes to follow (default: every one).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per new state.")] = False,
    live_dir: Annotated[
        Path | None, typer.Option(help="Where live states are kept (default: $PODIUM_LIVE_DIR).")
    ] = None,
    proofs: Annotated[bool, typer.Option(help="Prove needs and statuses in a worker process.")] = True,
    until_finish: Annotated[
        bool, typer.Option(help="Stop at the chequered flag (once the order is final).")
    ] = False,
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """The championship as it stands at every change of order of a live session.

    Prints the provisional class classification, the live standings of every class and the title
    state: the champion as it stands and what each contender needs. Live states are published
    for the overlays (podium serve: /live/SESSION/CLASS/tower) and kept in --live-dir; they are
    never written as results, and give way to the official results once imported.

    Example:

        podium live follow --session r08-race-2 --feed tcp://127.0.0.1:50000 --season gt3-usa-2020
    """
    say = Words(lang)
    Address.parse(feed)
    s, ruleset, ref = _season(database, f1db, season)
    live = build_context(
        s, ruleset, session, classes, ref=ref if f1db is None else "", history=f1db is not None
    )
    config = settings(database)
    hub = LiveHub(live_dir or Path(config.live_dir))
    official_check = None
    if f1db is None:

        def official_check() -> dict[str, dict[str, Any]] | None:
            with store_for(database) as store:
                fresh, rules = store.season(ref)
            if not fresh.has_results(session):
                return None
            return official_states(fresh, rules, session, [c.classification.id for c in live.classes])

    if live.official:
        states = official_states(s, ruleset, session, [c.classification.id for c in live.classes])
        for class_id, state in states.items():
            hub.publish(session, class_id, state)
        err_console.print(
            say(Message("{session} has official results: the live view gives way to them", session=session))
        )
        if as_json:
            sys.stdout.write(
                json_line({"session": session, "official": True, "classes": list(states.values())}) + "\n"
            )
        return
    view = _View(live, as_json=as_json, lang=lang)
    pool = worker_pool() if proofs else None
    follower = Follower(live, hub, pool=pool, on_state=view.show, official_check=official_check)

    async def main() -> None:
        stop = asyncio.Event()
        if until_finish:
            follower.finish = stop
        if follower.restore():
            restored = Message(
                "restored the last known order of {session} (order #{seq})", session=session, seq=follower.seq
            )
            err_console.print(say(restored))
        with view:
            await follower.run(feed, stop)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    finally:
        hub.flush()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    lat = follower.latency
    summary = Message(
        "{lines} lines ({garbled} garbled), {orders} orders, {drops} drops; line to state p50 {p50:.1f} ms, "
        "p95 {p95:.1f} ms",
        lines=follower.feed.lines,
        garbled=follower.feed.garbled,
        orders=follower.seq,
        drops=follower.stats.drops,
        p50=lat.p(0.5),
        p95=lat.p(0.95),
    )
    err_console.print(say(summary))


class _View:
    """Rich live display on a terminal; JSON lines (or one line per change) otherwise."""

    def __init__(self, live: LiveContext, *, as_json: bool, lang: str = "en") -> None:
        self.live = live
        self.as_json = as_json
        self.lang = lang
        self.rich = console.is_terminal and not as_json
        self._display: Live | None = None

    def __enter__(self) -> _View:
        if self.rich:
            self._display = Live(console=console, refresh_per_second=8)
            self._display.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._display is not None:
            self._display.__exit__(None, None, None)

    def show(self, data: dict[str, Any]) -> None:
        if self.as_json:
            sys.stdout.write(json_line(data) + "\n")
            sys.stdout.flush()
            return
        if self._display is not None:
            self._display.update(render(data, self.lang))
            return
        say = Words(self.lang)
        parts = []
        for cls in data.get("classes", []):
            title = cls.get("title") or {}
            champion = (title.get("champion") or {}).get("name")
            leader = (title.get("leader") or {}).get("name")
            if champion:
                said = Message(
                    "{classification}: champion as it stands {name}",
                    classification=cls["name"],
                    name=champion,
                )
            else:
                said = Message(
                    "{classification}: leader as it stands {name}",
                    classification=cls["name"],
                    name=leader or "—",
                )
            parts.append(say(said))
        console.print(f"#{data.get('seq', '')} " + say("; ").join(parts))


def render(data: dict[str, Any], lang: str = "en") -> Group:
    """The state as Rich tables: per class, the running order, the standings and the title."""
    say = Words(lang)
    blocks: list[Any] = []
    for cls in data.get("classes", []):
        name = say.name(cls["name"])
        running = Table(title=f"{name} — {say.name(data.get('session_name', ''))}", expand=False)
        for column in (Message("Pos"), Message("No."), Message("Driver"), Message("+/-")):
            running.add_column(say(column), justify="right" if column != "Driver" else "left")
        for r in cls.get("running", [])[:12]:
            running.add_row(str(r["place"]), r["number"], r["name"], _delta(r["gained"]))
        table = Table(
            title=say(Message("{classification} standings as it stands", classification=cls["name"]))
        )
        for column in (Message("Pos"), Message("Driver"), Message("Pts"), Message("+/-")):
            table.add_column(say(column), justify="right" if column != "Driver" else "left")
        for r in cls.get("standings", [])[:10]:
            table.add_row(
                str(r["position"]), r["competitor"], say.points(Fraction(r["points"])), _delta(r["gained"])
            )
        title = cls.get("title") or {}
        champion = (title.get("champion") or {}).get("name")
        if champion:
            lines = ["[bold]" + say(Message("Champion as it stands: {name}", name=champion)) + "[/]"]
        else:
            leader = Message(
                "Leader as it stands: {name} ({proof})",
                name=(title.get("leader") or {}).get("name", "—"),
                proof=say(str(title.get("proof"))),
            )
            lines = [say(leader)]
        lines.extend(_need(c, lang) for c in title.get("contenders", []))
        grid = Table.grid(padding=(0, 2))
        grid.add_row(running, table)
        blocks.append(Panel(Group(grid, *lines), title=name))
    return Group(*blocks)


def _need(contender: dict[str, Any], lang: str) -> str:
    """A contender's need in ``lang``: the English sentence, or the name and the need said without
    it (each language's ``needs_short``)."""
    short = (contender.get("needs_short") or {}).get(lang)
    if lang == "en" or not short:
        return str(contender["needs"])
    return Words(lang)(Message("{name}: {need}", name=contender["name"], need=short))


def _delta(n: int) -> str:
    return f"▲{n}" if n > 0 else f"▼{-n}" if n < 0 else "="
