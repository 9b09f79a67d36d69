"""Bounded input at the store's doors: penalties, corrections, undo, restore, the CLI and the API.

A restored document passes the validators of fresh input; a number no column can hold, a negative
time or "+1+1" as a boolean is one InputError naming the field, and nothing is written.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from podium.cli import app
from podium.errors import InputError, NotFoundError
from podium.store import Store
from podium.store.backup import dumps
from storekit import (  # noqa: F401
    db_url_fixture,
    migrated_template_fixture,
    small_season,
    store_fixture,
)

HUGE = "1e3000000"


def test_penalty_amounts_are_bounded(store: Store) -> None:
    ref = small_season(store)
    changes = len(store.log(ref))
    start = time.perf_counter()
    with pytest.raises(InputError, match="exponents") as caught:
        store.add_penalty(ref, "r01-race", "1", points=HUGE, reason="x")
    assert time.perf_counter() - start < 1
    assert caught.value.field == "--points"
    for kwargs, field in (
        ({"points": 10**30}, "--points"),
        ({"points": "５"}, "--points"),
        ({"seconds": "99999999999"}, "--seconds"),
        ({"positions": 10**30}, "--positions"),
    ):
        with pytest.raises(InputError) as caught:
            store.add_penalty(ref, "r01-race", "1", reason="x", **kwargs)
        assert caught.value.field == field
    with pytest.raises(NotFoundError):
        store.undo(10**30, reason="x")  # beyond the change table's integer column
    assert len(store.log(ref)) == changes  # nothing written


@pytest.mark.parametrize(
    "changes",
    [
        {"laps": "99999999999999999999"},
        {"laps": "２０"},
        {"position": 10**30},
        {"pole": "+1+1"},
        {"fastest_lap": "2"},
        {"laps_led": ""},
        {"status": "WON"},
    ],
)
def test_corrections_are_bounded(store: Store, changes: dict[str, object]) -> None:
    ref = small_season(store)
    with pytest.raises(InputError) as caught:
        store.add_correction(ref, "r01-race", "1", changes, reason="x")
    assert caught.value.field == "--set"


def test_a_lone_surrogate_is_refused_before_any_write(store: Store) -> None:
    ref = small_season(store)
    changes = len(store.log(ref))
    with pytest.raises(InputError, match="lone surrogate") as caught:
        store.add_penalty(ref, "r01-race", "1", points=-1, reason="bad \ud800 reason")
    assert caught.value.field == "reason"
    with pytest.raises(NotFoundError):
        store.season("cup-\udc80")
    assert len(store.log(ref)) == changes


# -- restore ---------------------------------------------------------------------------------------
def _change(document: dict[str, Any], kind: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in document["changes"] if c["kind"] == kind)
    return found


def _first_result(d: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = _change(d, "results.import")["payload"]["results"][0]
    return result


def _first_session(d: dict[str, Any]) -> dict[str, Any]:
    session: dict[str, Any] = _change(d, "events.add")["payload"]["events"][0]["sessions"][0]
    return session


TAMPER: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("negative race time", lambda d: _first_result(d).update(time_us=-5_000_000), "race time"),
    ("huge race time", lambda d: _first_result(d).update(time_us=10**30), "race time"),
    ("negative duration", lambda d: _first_session(d).update(duration_s=-60), "whole number"),
    ("+1+1 as a boolean", lambda d: _first_result(d).update(fastest_lap="+1+1"), "yes or no"),
    ("huge position", lambda d: _first_result(d).update(position=10**30), "whole number"),
    ("huge laps", lambda d: _first_result(d).update(laps=2**63), "whole number"),
    ("string position", lambda d: _first_result(d).update(position="１"), "whole number"),
    (
        "huge penalty",
        lambda d: _change(d, "penalty.add")["payload"]["adjustment"].update(seconds="9" * 5000),
        "characters",
    ),
    (
        "long time zone",
        lambda d: _change(d, "events.add")["payload"]["events"][0].update(time_zone="A" * 300),
        "time zone",
    ),
    ("ruleset version", lambda d: d["rulesets"][0].update(version="abc"), "version"),
    ("huge year", lambda d: d["season"].update(year=10**30), "year"),
    ("lone surrogate", lambda d: _change(d, "penalty.add").update(reason="x\ud800"), "lone surrogate"),
]


@pytest.mark.parametrize(("case", "tamper", "fragment"), TAMPER, ids=[t[0] for t in TAMPER])
def test_restore_passes_the_validators_of_fresh_input(
    store: Store, case: str, tamper: Callable[[dict[str, Any]], None], fragment: str
) -> None:
    ref = small_season(store)
    store.add_penalty(ref, "r01-race", "1", seconds=5, reason="track limits")
    document = json.loads(dumps(store.export_season(ref)))
    tamper(document)
    before = store.seasons()
    with pytest.raises(InputError) as caught:
        store.import_season(document, ref="restored", source="backup.json")
    assert any(fragment in p.message for p in caught.value.problems), caught.value
    assert all(p.source == "backup.json" for p in caught.value.problems)
    assert store.seasons() == before


def test_cli_restore_of_a_huge_number_exits_2(tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text('{"format": "podium-season", "format_version": ' + "9" * 5000 + "}", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["import-season", str(backup), "--database", f"sqlite:///{tmp_path / 'x.db'}"]
    )
    assert result.exit_code == 2
    assert "cannot read this JSON" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("when", ["0001-01-01 00:00", "9999-12-31T23:59:59-23:00"])
def test_cli_as_of_out_of_range_exits_2(store: Store, db_url: str, when: str) -> None:
    ref = small_season(store)
    result = CliRunner().invoke(app, ["standings", ref, "--as-of", when, "--database", db_url])
    assert result.exit_code == 2, result.output
    assert "from 1894 to 2200" in result.output
