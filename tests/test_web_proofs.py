"""Proofs run in worker processes, never in a web request (issue 11: reads fell from 191 to 15 req/s
while a steward's penalty was proved in the web process).

The site answers at once with the last proven title state, marked with what it was proven for, and
a "being worked out" state while the workers prove the new one; what-ifs queue to the same workers
with a bounded queue (503 + Retry-After when full); the workers end with the application.

In this process the title engine is replaced by one that fails the test: whatever these pages show
was proven by a worker process (spawned, so it runs the real engine).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient

import podium.web.proofs
import podium.web.site
import podium.web.whatif
from podium.settings import load_settings
from podium.store.demo import load_sebring_demo
from podium.web.proofs import Proofs, Proven
from webkit import DEMO_REF, make_app

TITLE = f"/api/v1/seasons/{DEMO_REF}/title/platinum"
WHATIF = f"/api/v1/seasons/{DEMO_REF}/whatif/platinum"
DICKINSON = "riley-dickinson"
KINGSLEY = "jeff-kingsley"
FAST = 1.0
"""Seconds a read may take while a proof runs (generous: a shared 2-core machine; it is ~20 ms)."""


@pytest.fixture(scope="module", name="after_race_1_template")
def after_race_1_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("proofs") / "sebring.db"
    load_sebring_demo(f"sqlite:///{path}", after_race_1=True)
    return path


@pytest.fixture(name="db")
def db_fixture(after_race_1_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "sebring.db"
    shutil.copyfile(after_race_1_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(autouse=True)
def no_proofs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError("a title analysis ran in the web process")

    monkeypatch.setattr(podium.web.site, "analyse", refuse)
    monkeypatch.setattr(podium.web.whatif, "analyse", refuse)


@pytest.fixture(name="reader")
def reader_fixture(db: str) -> Iterator[TestClient]:
    app = make_app(db)
    with TestClient(app) as client:
        yield client
    app.state.site.close()


def timed_get(client: TestClient, url: str, **params: str) -> tuple[Any, float]:
    start = time.monotonic()
    response = client.get(url, params=params)
    return response, time.monotonic() - start


def wait_for_current(client: TestClient, url: str, seconds: float = 240.0) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        response, took = timed_get(client, url)
        assert took < FAST, f"a read took {took:.2f} s while a proof ran"
        assert response.status_code in (200, 202), response.text
        data: dict[str, Any] = response.json()
        if data["current"]:
            return data
        assert time.monotonic() < deadline, "the workers did not prove the title in time"
        time.sleep(0.2)


def test_reads_answer_at_once_then_the_proven_state_appears(reader: TestClient) -> None:
    store = reader.app.state.site.store  # type: ignore[attr-defined]
    version = store.version(DEMO_REF)
    first, took = timed_get(reader, TITLE)
    assert took < FAST
    assert first.status_code == 202
    assert first.headers["retry-after"] == "2"
    assert first.json() == {
        "state": "being_worked_out",
        "current": False,
        "version": version,
        "moment": first.json()["moment"],
        "retry_after": 2,
    }
    assert first.json()["moment"]["session"] == "r08-race-1"
    page, took = timed_get(reader, f"/seasons/{DEMO_REF}/title/platinum")
    assert took < FAST and page.status_code == 200
    assert "Being worked out" in page.text and 'http-equiv="refresh"' in page.text
    assert page.headers["cache-control"] == "no-store"

    proven = wait_for_current(reader, TITLE)
    assert proven["state"] == "proven"
    assert proven["as_of"] == {"version": version, "moment": proven["moment"]}
    statuses = {c["id"]: c["status"] for c in proven["competitors"]}
    assert statuses[KINGSLEY] == statuses[DICKINSON] == "alive"
    assert "Proven for version" in reader.get(f"/seasons/{DEMO_REF}/title/platinum").text

    # A steward's penalty: the previous proven state is served at once, marked as of its version.
    store.add_penalty(DEMO_REF, "r07-race-2", "16", points=-5, reason="contact", author="steward")
    stale, took = timed_get(reader, TITLE)
    assert took < FAST
    assert stale.status_code == 200
    data = stale.json()
    assert (data["current"], data["state"], data["version"]) == (False, "being_worked_out", version + 1)
    assert data["as_of"]["version"] == version
    assert stale.headers["cache-control"] == "no-store" and "etag" not in stale.headers
    page, took = timed_get(reader, f"/seasons/{DEMO_REF}/title/platinum")
    assert took < FAST
    assert "Shown meanwhile: the title as proven after Race 1, round 8 — Sebring" in page.text
    home, took = timed_get(reader, f"/seasons/{DEMO_REF}")
    assert took < FAST
    assert "the latest is being worked out" in home.text

    fresh = wait_for_current(reader, TITLE)
    assert fresh["as_of"]["version"] == version + 1
    assert reader.get(TITLE, headers={"If-None-Match": f'W/"{DEMO_REF}.{version + 1}"'}).status_code == 304


def test_a_full_queue_answers_503_and_a_finished_whatif_is_kept(db: str) -> None:
    app = make_app(db, whatif_queue=1, whatif_wait=0)
    with TestClient(app) as client:
        first = client.post(WHATIF, json={"sessions": [{"order": [DICKINSON]}]})
        assert first.status_code == 503  # not finished at once: ask again later
        assert first.json()["error"]["details"] == {"retry_after": 5}
        assert first.headers["retry-after"] == "5"
        other = client.post(WHATIF, json={"sessions": [{"order": [KINGSLEY]}]})
        assert other.status_code == 503
        assert other.json()["error"]["code"] == "busy"
        assert "1 what-ifs are already being worked out" in other.json()["error"]["message"]
        page = client.get(f"/seasons/{DEMO_REF}/whatif/platinum", params={"s1": KINGSLEY})
        assert page.status_code == 503 and page.headers["retry-after"] == "5"
        assert "Every worker is busy" in page.text
        bad = client.post(WHATIF, json={"sessions": [{"order": ["ghost"]}]})
        assert bad.status_code == 422  # checked in the request, no worker needed
        deadline = time.monotonic() + 240
        while (again := client.post(WHATIF, json={"sessions": [{"order": [DICKINSON]}]})).status_code == 503:
            assert time.monotonic() < deadline, "the queued what-if never finished"
            time.sleep(0.5)
        assert again.status_code == 200
        assert again.json()["final"]["champion"]["id"] == KINGSLEY  # second with Dickinson winning
    app.state.site.close()


def test_the_workers_end_with_the_application(db: str) -> None:
    before = set(multiprocessing.active_children())
    app = make_app(db, title_workers=2)
    with TestClient(app) as client:
        assert client.get(TITLE).status_code == 202
        started = set(multiprocessing.active_children()) - before
        assert len(started) == 2
        # Readers come first: the workers lower their CPU priority as they start.
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        deadline = time.monotonic() + 60
        while any(os.getpriority(os.PRIO_PROCESS, p.pid or 0) <= mine for p in started):
            assert time.monotonic() < deadline, "the workers kept the web process's priority"
            time.sleep(0.05)
    assert set(multiprocessing.active_children()) - before == set()
    assert not app.state.site.proofs.started
    app.state.site.close()


def test_an_explicit_moment_is_extra_work_and_bounded(db: str) -> None:
    app = make_app(db, whatif_queue=1)
    with TestClient(app) as client:
        assert client.get(TITLE, params={"after": "r07-race-2"}).status_code == 202
        busy = client.get(TITLE, params={"after": "r07-race-1"})
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
        assert client.get(f"/seasons/{DEMO_REF}/title/platinum?after=r06-race-1").status_code == 503
        assert client.get(TITLE).status_code == 202  # the default moment is the site's own work
    app.state.site.close()


def test_workers_are_spawned_never_forked(db: str) -> None:
    proofs = Proofs(load_settings(env={}, database_url=db))
    try:
        assert proofs._start()._ctx.get_start_method() == "spawn"  # type: ignore[attr-defined]
    finally:
        proofs.close()


def test_proven_states_in_memory_are_bounded(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Readers may ask for any moment of any season: the states kept are bounded, the least recently
    read forgotten first (a forgotten one is proven again when asked)."""
    monkeypatch.setattr(podium.web.proofs, "PROVEN_KEPT", 3)
    proofs = Proofs(load_settings(env={}, database_url=db))
    try:
        questions = [(DEMO_REF, "platinum", f"r0{i}-race-1") for i in range(1, 6)]
        for q in questions[:3]:
            proofs.record(q, Proven(1, cast(Any, None), None))
        assert proofs.state(questions[0], 1).current  # read: now the most recent
        for q in questions[3:]:
            proofs.record(q, Proven(1, cast(Any, None), None))
        assert len(proofs._proven) == 3
        assert questions[1] not in proofs._proven and questions[2] not in proofs._proven
        assert all(proofs.state(q, 1).current for q in (questions[0], *questions[3:]))
    finally:
        proofs.close()


def test_a_pool_that_cannot_terminate_never_hangs_the_shutdown(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pool.terminate() waits for its task queue's lock, which a worker killed mid-read never gives
    back: the shutdown kills the workers itself after CLOSE_WAIT instead of hanging for ever."""
    monkeypatch.setattr(podium.web.proofs, "CLOSE_WAIT", 0.5)
    proofs = Proofs(load_settings(env={}, database_url=db))
    pool = proofs._start()
    workers = list(pool._pool)  # type: ignore[attr-defined]
    stuck = pool._inqueue._rlock  # type: ignore[attr-defined]
    stuck.acquire()  # as a worker killed while reading the queue would have left it
    started = time.monotonic()
    proofs.close()
    assert time.monotonic() - started < 30
    assert workers and not any(w.is_alive() for w in workers)


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used (Linux /proc), to know when a worker is busy with its job."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_proof_lost_with_its_worker_is_asked_again(db: str) -> None:
    """A worker killed mid-proof loses its job; the proof is asked again of its replacement. The kill
    lands on a busy worker by CPU time, and on a fast machine the proof may finish first: then the
    scenario did not happen and is tried again with a new site (never counted as a pass)."""
    for _ in range(5):
        app = make_app(db)
        proofs: Proofs = app.state.site.proofs
        with TestClient(app) as client:
            assert client.get(TITLE).status_code == 202
            (worker,) = multiprocessing.active_children()
            deadline = time.monotonic() + 120
            polls = 0
            while cpu_seconds(worker.pid or 0) < 1.5:  # importing the engine: the job has been taken
                assert time.monotonic() < deadline, "the worker never started the proof"
                polls += 1
                if polls % 5 == 0 and client.get(TITLE).status_code == 200:
                    break  # proven already, with less CPU than the threshold: nothing to lose
                time.sleep(0.05)
            os.kill(worker.pid or 0, signal.SIGKILL)  # out of memory, say: the job is lost with it
            proofs.stale_after = 0.0
            again = client.get(TITLE).status_code
            if again == 200:  # the proof was done before the kill: nothing was lost
                app.state.site.close()
                continue
            assert again == 202  # asked again, to the replacement worker
            proofs.stale_after = 3600.0
            assert wait_for_current(client, TITLE)["state"] == "proven"
        app.state.site.close()
        return
    pytest.skip("this machine proved the title before each of 5 kills could land: no proof was lost")
