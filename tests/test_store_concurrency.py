"""Two processes writing to one season at once: nothing is lost (PostgreSQL row lock, SQLite
BEGIN IMMEDIATE with a busy timeout: writers wait, they do not fail)."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest

from podium.importers.podium_csv import parse_results
from podium.importers.textfile import TextFile
from podium.store import ChangeKind, Store, open_store
from storekit import db_url_fixture, migrated_template_fixture, small_season, store_fixture  # noqa: F401

PENALTIES_EACH = 6


def writer(url: str, session: str, cars: list[str], barrier: object, out: object) -> None:
    """Enter one session's results, then penalties, as fast as possible (run in its own process)."""
    store = open_store(url)
    try:
        barrier.wait()  # type: ignore[attr-defined]
        sheet = parse_results(
            TextFile(
                f"{session}.csv",
                "position,number\n" + "".join(f"{i},{car}\n" for i, car in enumerate(cars, start=1)),
            )
        )
        store.import_results("cup-2024", session, sheet, author=session)
        for i in range(PENALTIES_EACH):
            store.add_penalty(
                "cup-2024", session, cars[-1], points=-1, reason=f"{session} #{i}", author=session
            )
        out.put("ok")  # type: ignore[attr-defined]
    except BaseException as exc:  # report, do not hang the parent
        out.put(f"{type(exc).__name__}: {exc}")  # type: ignore[attr-defined]
    finally:
        store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="fork-free spawn is slow there")
def test_two_processes_writing_one_season_lose_nothing(store: Store, db_url: str, tmp_path: Path) -> None:
    ref = small_season(store, results=False)
    version = store.version(ref)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    out = context.Queue()
    jobs = [
        context.Process(target=writer, args=(db_url, "r01-race", ["1", "2", "3", "4", "5"], barrier, out)),
        context.Process(target=writer, args=(db_url, "r02-race", ["5", "4", "3", "2", "1"], barrier, out)),
    ]
    for job in jobs:
        job.start()
    answers = [out.get(timeout=180) for _ in jobs]
    for job in jobs:
        job.join(timeout=60)
    assert answers == ["ok", "ok"]
    season, _ = store.season(ref)
    assert season.has_results("r01-race") and season.has_results("r02-race")
    assert len(season.adjustments) == 2 * PENALTIES_EACH
    writes = [c for c in store.log(ref) if c.kind in (ChangeKind.RESULTS_IMPORT, ChangeKind.PENALTY_ADD)]
    assert len(writes) == 2 * (1 + PENALTIES_EACH)
    assert store.version(ref) == version + 2 * (1 + PENALTIES_EACH)
    # The log's times never go back, whoever wrote last.
    times = [c.created_at for c in sorted(store.log(ref), key=lambda c: c.id)]
    assert times == sorted(times)
