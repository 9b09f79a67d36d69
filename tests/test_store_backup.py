"""Export and import of a whole season: the log survives, and the round trip is exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podium.errors import ConsistencyError, InputError
from podium.store import Store, open_store
from podium.store.backup import dumps
from storekit import (  # noqa: F401
    db_url_fixture,
    fresh_url,
    migrated_template_fixture,
    small_season,
    store_fixture,
)


def busy_season(store: Store) -> str:
    """The small season with a penalty, a correction, an undo and a redo in its log."""
    ref = small_season(store)
    store.add_penalty(ref, "r01-race", "1", seconds=5, reason="track limits")
    store.add_correction(ref, "r01-race", "5", {"status": "DNF", "laps": "12"}, reason="timing error")
    dsq = store.add_penalty(ref, "r01-race", "2", disqualify=True, reason="ride height")
    undo = store.undo(dsq.id, reason="appeal upheld")
    store.undo(undo.id, reason="appeal of the appeal")
    return ref


def test_round_trip_is_exact(store: Store, db_url: str, tmp_path: Path) -> None:
    ref = busy_season(store)
    document = store.export_season(ref)
    text = dumps(document)
    backend = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    for other_url in fresh_url(backend, tmp_path, name="restored"):
        other = open_store(other_url, migrate=True)
        try:
            assert other.import_season(json.loads(text), source="backup.json") == ref
            assert dumps(other.export_season(ref)) == text
            assert other.season(ref) == store.season(ref)
            for record in store.log(ref):
                assert other.season(ref, as_of=record.created_at) == store.season(
                    ref, as_of=record.created_at
                )
            restored_log = [(r.kind, r.author, r.reason, r.created_at, r.summary) for r in other.log(ref)]
            assert restored_log == [
                (r.kind, r.author, r.reason, r.created_at, r.summary) for r in store.log(ref)
            ]
        finally:
            other.close()


def test_restore_under_another_name_and_replace(store: Store) -> None:
    ref = busy_season(store)
    document = store.export_season(ref)
    assert store.import_season(document, ref="cup-2024-copy") == "cup-2024-copy"
    assert store.season("cup-2024-copy")[0].results == store.season(ref)[0].results
    with pytest.raises(ConsistencyError, match="already exists; use --replace"):
        store.import_season(document)
    store.add_penalty(ref, "r01-race", "3", points=-3, reason="late to the grid")
    assert store.import_season(document, replace=True) == ref
    assert len(store.season(ref)[0].adjustments) == 3  # the later penalty is gone with the old copy
    assert {s.ref for s in store.seasons()} == {ref, "cup-2024-copy"}


def test_a_broken_document_lists_every_problem_and_writes_nothing(store: Store) -> None:
    ref = busy_season(store)
    document = json.loads(dumps(store.export_season(ref)))
    document["format_version"] = 7
    document["rulesets"][0]["text"] += "\n# edited"
    document["changes"][2]["created_at"] = "2000-01-01T00:00:00+00:00"
    document["changes"][3]["payload"]["results"][0]["status"] = "WON"
    document["changes"][-1]["reverts"] = 99
    before = store.seasons()
    with pytest.raises(InputError) as exc:
        store.import_season(document, ref="broken", source="broken.json")
    fields = [p.field for p in exc.value.problems]
    assert fields == [
        "format_version",
        "rulesets[0].text",
        "changes[2].created_at",
        "changes[3].payload",
        "changes[8].reverts",
    ]
    assert all(p.source == "broken.json" for p in exc.value.problems)
    assert store.seasons() == before


def test_not_a_document() -> None:
    from podium.store.backup import check_document

    with pytest.raises(InputError, match="expected a JSON object"):
        check_document([1, 2], "x.json")
