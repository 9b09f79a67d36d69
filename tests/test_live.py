"""Live "as it stands": the RMonitor protocol, the running order, a real TCP feed on loopback (garbled
lines, a dropped connection, two followers of two classes), restarts, and official results taking over."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from livekit import LoopThread, f1_2021, loop_thread_fixture, sebring_fixture, sebring_url_fixture, wait_for  # noqa: F401
from podium.importers.podium_csv import read_results
from podium.live.feed import FeedState
from podium.live.follow import Follower
from podium.live.hub import LiveHub
from podium.live.needs import needs_of
from podium.live.replay import ReplayServer, Script, script
from podium.live.rmonitor import (
    ClassInfo,
    Competitor,
    Flag,
    Garbled,
    Heartbeat,
    Passing,
    PracticePosition,
    RacePosition,
    Record,
    Run,
    encode,
    parse_line,
)
from podium.live.state import as_it_stands, build_context
from podium.model import Season
from podium.rules import Ruleset
from podium.store import open_store
from podium.title import analyse, parse_scenario
from webkit import make_app

SESSION = "r08-race-2"


# -- the protocol ------------------------------------------------------------------------------------
def test_every_record_podium_reads_parses() -> None:
    assert parse_line('$A,"1234BE","12X",52474,"John","Johnson","USA",5\r\n') == Competitor(
        "1234BE", "12X", "John", "Johnson", "USA", 5, 52474
    )
    assert parse_line('$COMP,"1234BE","12X",5,"John","Johnson","USA","CAMEL"') == Competitor(
        "1234BE", "12X", "John", "Johnson", "USA", 5, None, "CAMEL"
    )
    assert parse_line('$B,5,"Friday free practice"') == Run(5, "Friday free practice")
    assert parse_line('$C,5,"Formula 3000"') == ClassInfo(5, "Formula 3000")
    assert parse_line('$F,14,"00:12:45","13:34:23","00:09:47","Green "') == Heartbeat(
        14, "00:12:45", "13:34:23", "00:09:47", Flag.GREEN
    )
    assert parse_line('$G,3,"1234BE",14,"01:12:47.872"') == RacePosition(3, "1234BE", 14, "01:12:47.872")
    assert parse_line('$G,3,"1234BE",,"00:00:00.000"') == RacePosition(3, "1234BE", None, "00:00:00.000")
    assert parse_line('$H,2,"1234BE",3,"00:02:17.872"') == PracticePosition(2, "1234BE", 3, "00:02:17.872")
    assert parse_line('$J,"1234BE","00:02:03.826","01:42:17.672"') == Passing(
        "1234BE", "00:02:03.826", "01:42:17.672"
    )
    assert parse_line("\r\n") is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('$ZZZ,5,"Friday free practice"', "unknown record"),
        ('$G,3,"1234BE",14', "has 4 fields, expected 5"),
        ('$G,three,"1234BE",14,"01:12:47.872"', "position is not a whole number"),
        ('$G,0,"1234BE",14,"01:12:47.872"', "position 0 below 1"),
        ('$G,1,"",14,"01:12:47.872"', "no registration number"),
        ('$F,14,"00:12:45","13:34:23","00:09:47","Purple"', "unknown flag"),
        ("\x00\x17\xff garbage", "unknown record"),
        ('$G,1,"53,14,"0:00', "fields"),
    ],
)
def test_garbled_lines_say_why_and_never_raise(line: str, reason: str) -> None:
    found = parse_line(line)
    assert isinstance(found, Garbled)
    assert reason in found.reason


def test_what_podium_writes_it_reads_back() -> None:
    records: list[Record] = [
        Competitor("53", "53", "Riley", "Dickinson", "USA", 1),
        Run(1, 'Race 2 "the decider"'),
        ClassInfo(1, "Platinum"),
        Heartbeat(3, "00:05:00.000", "14:50:00", "00:40:00.000", Flag.YELLOW),
        RacePosition(1, "53", 17, "00:40:01.250"),
        Passing("53", "00:02:01.000", "00:40:01.250"),
    ]
    for record in records:
        back = parse_line(encode(record))
        if isinstance(record, Run):  # double quotes cannot travel inside a field
            assert back == Run(1, "Race 2 'the decider'")
        else:
            assert back == record


def test_running_order_newest_claim_first_and_reset() -> None:
    feed = FeedState()
    for line in ('$A,"R1","16",1,"Jeff","Kingsley","USA",1', '$G,1,"R1",3,"0"', '$G,2,"53",3,"0"'):
        feed.feed(line)
    assert feed.order == ("16", "53")
    # 53 passes 16: its line comes first, both claim P1 for a moment; the newer claim is ahead.
    assert feed.feed('$G,1,"53",4,"0"')
    assert feed.order == ("53", "16")
    assert feed.feed('$G,2,"R1",4,"0"') is False  # same order: nothing to publish
    assert feed.feed('$I,"12:00:00.000","13 Nov 20"')
    assert len(feed.order) == 0
    feed.feed('$H,1,"7",2,"00:02:00.000"')
    assert list(feed.order) == ["7"] and feed.kind == "practice"


# -- the maths as it stands --------------------------------------------------------------------------
def _order(season: Season, session: str) -> list[str]:
    results = sorted((r for r in season.results_for(session) if r.classified), key=lambda r: r.position or 0)
    return [season.entry(r.entry).car.number for r in results]  # type: ignore[union-attr]


def test_the_f1_2021_finale_as_it_stands(f1db_season: Callable[[int], Any]) -> None:
    season, ruleset = f1_2021(f1db_season)
    live = build_context(season, ruleset, "r22-race", ["drivers"], history=True)
    cars = [e.car.number for e in season.entries if e.car and e.valid_in(22)]
    rest = [n for n in cars if n not in ("44", "33")]
    hamilton_ahead = as_it_stands(live, ["44", "33", *rest]).data["classes"][0]
    verstappen_ahead = as_it_stands(live, ["33", "44", *rest]).data["classes"][0]
    assert hamilton_ahead["title"]["champion"]["name"] == "Lewis Hamilton"
    assert verstappen_ahead["title"]["champion"]["name"] == "Max Verstappen"
    assert verstappen_ahead["standings"][0]["competitor"] == "Max Verstappen"
    # 395.5 in the record, with the fastest lap point that no running order carries
    assert verstappen_ahead["standings"][0]["points"] == "789/2"
    assert verstappen_ahead["standings"][0]["points_text"] == "394.5"
    report = analyse(live.classes[0].problem, conditions=False, positions=False, decision=False)
    needs = {n.name: n.text for n in needs_of(report, final=True)}
    assert needs["Max Verstappen"].startswith("Max Verstappen needs: a win, whatever the others do;")
    assert "2nd–11th with Hamilton behind" in needs["Max Verstappen"]


def test_needs_are_every_contenders_path() -> None:
    """Every alive contender gets a need, from its path against every rival (not only the leader
    and the closest rival), in English and French."""
    problem = parse_scenario(THREE_WAY)
    report = analyse(problem, engine="brute", conditions=False, positions=False, decision=False)
    needs = {n.name: n.text for n in needs_of(report, final=True)}
    assert set(needs) == {"Ann Leader", "Bea Rival", "Cy Third"}
    # 12 + 10 = 22 beats Rival's best (15 + 6) but not Leader's unless Leader scores nothing
    assert needs["Cy Third"] == "Cy Third needs: a win with Leader not classified."
    assert needs["Bea Rival"].startswith("Bea Rival needs: a win with Leader ")
    french = {n.name: n.text for n in needs_of(report, final=True, lang="fr")}
    assert french["Cy Third"] == ("Il faut à Cy Third\u00a0: une victoire avec Leader non classé.")


THREE_WAY = """
title = "Three-way finale"
[rules]
points = [10, 6, 4, 3]
scoring = "classified"
tiebreak = "countback"
[[competitors]]
name = "Ann Leader"
points = "20"
[[competitors]]
name = "Bea Rival"
points = "15"
[[competitors]]
name = "Cy Third"
points = "12"
[[remaining]]
name = "Final"
starters = 4
"""


def test_replay_script_ends_in_the_final_order_by_passes_on_track(sebring: tuple[Season, Ruleset]) -> None:
    season, _ = sebring
    plan = script(season, "r08-race-1")
    classified = _order(season, "r08-race-1")
    assert list(plan.laps[-1][: len(classified)]) == classified  # then the retired car (Luck, #24)
    assert plan.laps[-1][len(classified) :] == ("24",)
    for before, after in zip(plan.laps, plan.laps[1:], strict=False):
        assert sorted(before) == sorted(after)
    assert plan == script(season, "r08-race-1")  # the same replay every time
    finish = ["16", "53", "99"]
    planned = script(season, SESSION, finish=finish)
    assert list(planned.laps[-1])[:3] == finish


# -- a real feed on loopback -------------------------------------------------------------------------
def _follow(
    loop_thread: LoopThread,
    season: Season,
    ruleset: Ruleset,
    hub: LiveHub,
    port: int,
    classes: list[str] | None = None,
) -> tuple[Follower, asyncio.Event]:
    live = build_context(season, ruleset, SESSION, classes, ref="gt3-usa-2020")
    follower = Follower(live, hub)

    async def start() -> asyncio.Event:
        stop = asyncio.Event()
        asyncio.get_running_loop().create_task(follower.run(f"tcp://127.0.0.1:{port}", stop, idle=5.0))
        return stop

    return follower, loop_thread.run(start())


def _server(
    loop_thread: LoopThread, plan: Script, *, run: bool = True, speed: float = 2000.0
) -> ReplayServer:
    async def start() -> ReplayServer:
        server = ReplayServer(plan, speed=speed, run=run)
        await server.start()
        return server

    return loop_thread.run(start())


def test_garbled_lines_on_the_wire_are_counted_and_the_feed_goes_on(
    loop_thread: LoopThread, sebring: tuple[Season, Ruleset], tmp_path: Path
) -> None:
    season, ruleset = sebring
    plan = script(season, SESSION, finish=["53", "16", "99", "11"], laps=4)
    server = _server(loop_thread, plan, run=False)
    follower, stop = _follow(loop_thread, season, ruleset, LiveHub(tmp_path), server.port, ["platinum"])
    wait_for(lambda: server._writers != set(), what="the follower to connect")
    junk = [
        "\x00\x01\x02\xfe binary noise\r\n",
        "$G,1\r\n",
        '$ZZZ,"unknown record"\r\n',
        '$G,x,"53",1,"00:01:00.000"\r\n',
        "no dollar at all\r\n",
        '$F,1,"00:00:00","12:00:00","00:00:00","Plaid "\r\n',
    ]
    for lap in range(len(plan.laps)):
        loop_thread.call(server.send_lap, lap)
        for line in junk:
            loop_thread.call(server.send, line)
    final = plan.laps[-1]
    wait_for(lambda: follower.order == final, what="the final order")
    wait_for(lambda: follower.feed.garbled == len(junk) * len(plan.laps), what="every garbled line counted")
    assert follower.stats.drops == 0 and follower.errors == 0
    assert follower.current is not None
    running = follower.current["classes"][0]["running"]
    assert [r["number"] for r in running[:2]] == ["53", "16"]
    loop_thread.call(stop.set)
    loop_thread.run(server.close())


def test_a_connection_dropped_mid_race_reconnects_and_catches_up(
    loop_thread: LoopThread, sebring: tuple[Season, Ruleset], tmp_path: Path
) -> None:
    season, ruleset = sebring
    plan = script(season, SESSION, finish=["16", "53", "99"], laps=6)
    server = _server(loop_thread, plan, run=False)
    follower, stop = _follow(loop_thread, season, ruleset, LiveHub(tmp_path), server.port, ["platinum"])
    wait_for(lambda: server._writers != set(), what="the follower to connect")
    for lap in range(3):
        loop_thread.call(server.send_lap, lap)
    wait_for(lambda: follower.order == plan.laps[2], what="lap 2")
    loop_thread.call(server.drop_clients)  # the line goes down mid-race
    wait_for(lambda: follower.stats.drops >= 1, what="the drop to be seen")
    wait_for(lambda: follower.stats.connections >= 2, what="a reconnection")
    for lap in range(3, len(plan.laps)):
        loop_thread.call(server.send_lap, lap)
    wait_for(lambda: follower.order == plan.laps[-1], what="the final order after the drop")
    assert follower.current is not None
    assert follower.current["classes"][0]["title"]["champion"]["name"] == "Jeff Kingsley"
    loop_thread.call(stop.set)
    loop_thread.run(server.close())


def test_two_followers_of_two_classes_at_once_and_a_restart(
    loop_thread: LoopThread, sebring: tuple[Season, Ruleset], tmp_path: Path
) -> None:
    season, ruleset = sebring
    plan = script(season, SESSION, laps=5)
    server = _server(loop_thread, plan, run=False)
    hub = LiveHub(tmp_path)
    platinum, stop_p = _follow(loop_thread, season, ruleset, hub, server.port, ["platinum"])
    gold, stop_g = _follow(loop_thread, season, ruleset, hub, server.port, ["gold"])
    wait_for(lambda: len(server._writers) == 2, what="both followers to connect")
    for lap in range(len(plan.laps)):
        loop_thread.call(server.send_lap, lap)
    wait_for(lambda: platinum.order == gold.order == plan.laps[-1], what="both at the final order")
    gold_field = {season.entry(e).car.number for e in gold.live.cls("gold").car_of_entry}  # type: ignore[union-attr]
    final_gold = [n for n in plan.laps[-1] if n in gold_field]

    def published(cls: str) -> list[str]:
        state = hub.get(SESSION, cls)
        return [r["number"] for r in state["class"]["running"]] if state else []

    # the feed's order is known before its state is published: wait for the published one
    wait_for(lambda: published("gold") == final_gold, what="the final order published")
    p_state = hub.get(SESSION, "platinum")
    g_state = hub.get(SESSION, "gold")
    assert p_state is not None and g_state is not None
    gold_numbers = [r["number"] for r in g_state["class"]["running"]]
    assert len(gold_field) == 5 and set(gold_numbers) == gold_field
    assert gold_numbers == [n for n in plan.laps[-1] if n in gold_field]
    assert {r["number"] for r in p_state["class"]["running"]}.isdisjoint(gold_numbers)
    assert p_state["class"]["name"] == "Platinum" and g_state["class"]["name"] == "Gold"
    loop_thread.call(stop_p.set)
    loop_thread.call(stop_g.set)
    loop_thread.run(server.close())
    hub.flush()
    # podium restarts: the last known order comes back from the live folder, not from the feed
    again = Follower(build_context(season, ruleset, SESSION, ["gold"]), LiveHub(tmp_path))
    assert again.restore()
    assert again.order == plan.laps[-1] and again.seq == gold.seq
    assert again.current is not None and again.current["restored"] is True


def test_live_state_is_never_a_result_and_gives_way_to_official_results(
    sebring_url: str, sebring: tuple[Season, Ruleset], tmp_path: Path
) -> None:
    season, ruleset = sebring
    copy = tmp_path / "official.db"  # this test imports results: its own copy of the store
    shutil.copyfile(sebring_url.removeprefix("sqlite:///"), copy)
    sebring_url = f"sqlite:///{copy}"
    store = open_store(sebring_url)
    try:
        version = store.version("gt3-usa-2020")
    finally:
        store.close()
    hub = LiveHub(tmp_path / "live")
    live = build_context(season, ruleset, SESSION, ref="gt3-usa-2020")
    follower = Follower(live, hub)
    order = tuple(script(season, SESSION, finish=["53", "16"]).laps[-1])
    follower.order = order
    follower.publish(None)
    hub.flush()
    app = make_app(sebring_url, live_dir=str(tmp_path / "live"))
    with TestClient(app) as client:
        live_state = client.get(f"/live/{SESSION}/platinum.json").json()
        assert live_state["official"] is False and live_state["order"] == list(order)
        store = open_store(sebring_url)
        try:
            assert store.version("gt3-usa-2020") == version  # following wrote nothing to the store
            assert not store.season("gt3-usa-2020")[0].has_results(SESSION)
            rows = "\n".join(f"{i},{e.id},CLASSIFIED,18" for i, e in enumerate(_entries(season), start=1))
            path = tmp_path / "official.csv"
            path.write_text("position,entry,status,laps\n" + rows + "\n", encoding="utf-8")
            store.import_results("gt3-usa-2020", SESSION, read_results(path), author="t", reason="official")
        finally:
            store.close()
        app.state.live_official.checked.clear()
        official = client.get(f"/live/{SESSION}/platinum.json").json()
        assert official["official"] is True
        assert official["class"]["title"]["proof"] == "official results"
        everything = client.get(f"/live/{SESSION}.json").json()
        assert set(everything["classes"]) == {"platinum", "platinum-masters", "gold"}
    app.state.site.store.close()


def _entries(season: Season) -> list[Any]:
    return [e for e in season.entries if e.car and e.valid_in(8)]


def test_overlay_pages_may_be_framed_as_configured_and_the_admin_never(
    sebring_url: str, tmp_path: Path
) -> None:
    app = make_app(
        sebring_url,
        live_dir=str(tmp_path),
        live_frame_ancestors="tower=https://studio.example;banner='self';*='none'",
    )
    with TestClient(app) as client:
        tower = client.get(f"/live/{SESSION}/platinum/tower")
        assert tower.status_code == 200
        csp = tower.headers["content-security-policy"]
        assert "frame-ancestors https://studio.example;" in csp
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert '<script src="/static/live.js"' in tower.text and "<script>" not in tower.text
        banner = client.get(f"/live/{SESSION}/platinum/banner")
        assert "frame-ancestors 'self'" in banner.headers["content-security-policy"]
        assert banner.headers["x-frame-options"] == "SAMEORIGIN"
        needs = client.get(f"/live/{SESSION}/platinum/needs")
        assert "frame-ancestors 'none'" in needs.headers["content-security-policy"]
        admin = client.get("/admin", follow_redirects=False)
        assert "frame-ancestors 'none'" in admin.headers["content-security-policy"]
        assert admin.headers["x-frame-options"] == "DENY"
        missing = client.get(f"/live/{SESSION}/platinum.json")
        assert missing.status_code == 404 and "error" in missing.json()
        assert client.get("/live/..%2Fetc/platinum.json").status_code == 404
        assert client.get(f"/live/{SESSION}/platinum/nonsense").status_code == 404
    app.state.site.store.close()


def test_json_lines_of_a_state_are_plain_json(sebring: tuple[Season, Ruleset]) -> None:
    season, ruleset = sebring
    live = build_context(season, ruleset, SESSION, ["gold"])
    state = as_it_stands(live, _order(season, "r08-race-1"), seq=3).data
    assert json.loads(json.dumps(state)) == state
    assert state["classes"][0]["title"]["final_session"] is True


def test_podium_live_follow_prints_json_lines_until_the_flag(
    loop_thread: LoopThread, sebring_url: str, sebring: tuple[Season, Ruleset], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from podium.cli import app

    season, _ = sebring
    plan = script(season, SESSION, finish=["53", "99", "16"], laps=3)
    server = _server(loop_thread, plan, speed=400.0)
    args = ["live", "follow", "--session", SESSION, "--feed", f"tcp://127.0.0.1:{server.port}"]
    args += ["--season", "gt3-usa-2020", "--db", sebring_url, "--class", "platinum", "--json"]
    args += ["--until-finish", "--no-proofs", "--live-dir", str(tmp_path)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    states = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert states and states[-1]["order"] == list(plan.laps[-1])
    assert [r["number"] for r in states[-1]["classes"][0]["running"][:2]] == ["53", "99"]
    assert (tmp_path / f"{SESSION}--platinum.json").is_file()
    loop_thread.run(server.close())
    from rich.console import Console

    from podium.cli.live import render

    terminal = Console(width=160, record=True)
    terminal.print(render(states[-1]))  # what a terminal shows
    text = terminal.export_text()
    assert "Platinum standings as it stands" in text and "Champion as it stands: " in text


class _HeldPool:
    """An executor whose jobs finish when the test says: to watch proofs coalesce."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Any, tuple[Any, ...], Any]] = []

    def submit(self, fn: Any, *args: Any) -> Any:
        from concurrent.futures import Future

        future: Future[Any] = Future()
        self.jobs.append((fn, args, future))
        return future

    def finish(self, index: int, value: Any) -> None:
        self.jobs[index][2].set_result(value)


def test_proofs_run_off_the_loop_one_at_a_time_and_only_for_the_latest_order(
    sebring: tuple[Season, Ruleset], tmp_path: Path
) -> None:
    from podium.live.follow import prove_statuses

    season, ruleset = sebring
    # Race 1 of Sebring replayed: race 2 remains, so the statuses after each order need a proof.
    live = build_context(season, ruleset, "r08-race-1", ["gold"], history=True)
    pool = _HeldPool()
    follower = Follower(live, LiveHub(tmp_path), pool=pool)  # type: ignore[arg-type]
    orders = script(season, "r08-race-1", laps=4).laps
    for order in orders[:3]:
        follower.order = tuple(order)
        follower.seq += 1
        follower.publish(None)
    statuses = [fn for fn, _, _ in pool.jobs if fn is prove_statuses]
    assert len(statuses) == 1  # one proof runs; the two orders after it wait as one
    assert follower.current is not None
    assert follower.current["classes"][0]["title"]["proof"] == "pending"
    first = next(i for i, (fn, _, _) in enumerate(pool.jobs) if fn is prove_statuses)
    pool.finish(first, [{"id": "x", "name": "X", "status": "alive"}])
    # the answer was for order 1, not the current order 3: not shown; the latest order is proven next
    assert follower.current["classes"][0]["title"]["proof"] == "pending"
    proofs = [i for i, (fn, _, _) in enumerate(pool.jobs) if fn is prove_statuses]
    assert len(proofs) == 2
    problem = pool.jobs[proofs[1]][1][0]
    truth = prove_statuses(problem)  # the real engine on the problem the follower asked about
    pool.finish(proofs[1], truth)
    title = follower.current["classes"][0]["title"]
    assert title["proof"] == "proven" and title["statuses"] == truth
    assert follower.seq == 3


def test_needs_short_forms_and_french_overlay(sebring_url: str, tmp_path: Path) -> None:
    """The overlay's need line is per language and without the name; the overlay page's own words
    come from the catalogue (French with ?lang=fr)."""
    problem = parse_scenario(THREE_WAY)
    report = analyse(problem, engine="brute", conditions=False, positions=False, decision=False)
    cy = next(n for n in needs_of(report, final=True) if n.name == "Cy Third")
    assert cy.short == {"en": "a win with Leader not classified", "fr": "une victoire avec Leader non classé"}
    app = make_app(sebring_url, live_dir=str(tmp_path))
    with TestClient(app) as client:
        french = client.get("/live/r08-race-2/platinum/all?lang=fr").text
        english = client.get("/live/r08-race-2/platinum/all?lang=en").text
    app.state.site.close()
    assert "Classement en l’état" in french and "En attente du chronométrage" in french
    assert 'data-l-champion-now="Champion en l’état"' in french
    assert "Standings as it stands" in english and 'data-l-champion-now="Champion as it stands"' in english
