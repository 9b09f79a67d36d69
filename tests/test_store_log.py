"""The log is the truth: every write is one change; undo adds one; any past state can be read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from podium.errors import ConsistencyError, InputError, NotFoundError
from podium.importers.podium_csv import parse_results
from podium.importers.textfile import TextFile
from podium.model import AdjustmentKind, Classification, Status
from podium.standings import compute_standings
from podium.store import ChangeKind, Store
from storekit import db_url_fixture, migrated_template_fixture, small_season, store_fixture  # noqa: F401


def points(s: Store, ref: str, classification: str, **kwargs: object) -> dict[str, Fraction]:
    season, rules = s.season(ref, **kwargs)  # type: ignore[arg-type]
    return {r.competitor: r.points for r in compute_standings(season, rules, classification).rows}


def test_a_season_is_made_of_changes(store: Store) -> None:
    ref = small_season(store)
    kinds = [c.kind for c in reversed(store.log())]
    assert kinds == [
        ChangeKind.SERIES_CREATE,
        ChangeKind.SEASON_CREATE,
        ChangeKind.EVENTS_ADD,
        ChangeKind.ENTRIES_IMPORT,
        ChangeKind.RESULTS_IMPORT,
    ]
    assert [c.kind for c in store.log(ref)] == kinds[:0:-1]
    info = store.seasons()[0]
    assert (info.ref, info.ruleset, info.ruleset_version, info.rounds, info.sessions_with_results) == (
        "cup-2024",
        "imsa-2020",
        1,
        2,
        1,
    )
    season, rules = store.season(ref)
    assert rules.id == "imsa-2020"
    assert [c.id for c in season.classifications] == ["pro", "masters", "am"]
    assert points(store, ref, "pro") == {"ann-alpha": 35, "bob-bravo": 32, "cid-charlie": 30}
    assert points(store, ref, "masters") == {"bob-bravo": 35, "cid-charlie": 32}
    assert points(store, ref, "am") == {"dee-delta": 35, "eve-echo": 32}


def test_version_increases_on_every_write(store: Store) -> None:
    ref = small_season(store, results=False)
    versions = [store.version(ref)]
    store.import_results(ref, "r01-race", parse_results(TextFile("r01.csv", "position,number\n1,1\n2,2\n")))
    versions.append(store.version(ref))
    record = store.add_penalty(ref, "r01-race", "1", positions=1, reason="jump start")
    versions.append(store.version(ref))
    store.undo(record.id, reason="appeal upheld")
    versions.append(store.version(ref))
    assert versions == sorted(set(versions)) and len(versions) == 4


def test_undo_scoped_to_a_season_does_not_reach_another(store: Store) -> None:
    ref = small_season(store)
    record = store.add_penalty(ref, "r01-race", "1", points=-5, reason="contact")
    version = store.version(ref)
    with pytest.raises(NotFoundError):
        store.undo(record.id, reason="wrong page", season="another-2020")
    assert store.version(ref) == version and store.change(record.id).reverted_by is None
    undo = store.undo(record.id, reason="appeal upheld", season=ref)
    assert store.change(record.id).reverted_by == undo.id


def test_penalty_moves_everyone_behind_and_undo_restores_exactly(store: Store) -> None:
    ref = small_season(store)
    before, _ = store.season(ref)
    record = store.add_penalty(ref, "r01-race", "1", disqualify=True, reason="technical infringement")
    assert record.kind is ChangeKind.PENALTY_ADD
    assert record.summary == "penalty on #1 in r01-race: disqualified"
    after, _ = store.season(ref)
    assert after.original_results("r01-race") == before.original_results("r01-race")  # never overwritten
    effective = {r.entry: (r.position, r.status) for r in after.results_for("r01-race")}
    assert effective == {
        "1": (None, Status.DSQ),
        "2": (1, Status.CLASSIFIED),
        "3": (2, Status.CLASSIFIED),
        "4": (3, Status.CLASSIFIED),
        "5": (4, Status.CLASSIFIED),
    }
    assert points(store, ref, "pro") == {"bob-bravo": 35, "cid-charlie": 32, "ann-alpha": 0}
    undo = store.undo(record.id, reason="appeal upheld")
    assert undo.reverts == record.id
    restored, _ = store.season(ref)
    assert restored == before
    assert store.change(record.id).reverted_by == undo.id
    with pytest.raises(ConsistencyError, match=f"already undone \\(by #{undo.id}\\)"):
        store.undo(record.id, reason="again")
    redo = store.undo(undo.id, reason="appeal overturned")
    assert store.season(ref)[0] == after
    assert store.change(undo.id).reverted_by == redo.id
    assert store.change(record.id).reverted_by is None


@pytest.mark.parametrize(
    ("penalty", "expected"),
    [
        ({"positions": 2}, {"1": 3, "2": 1, "3": 2}),
        ({"seconds": 2}, {"1": 2, "2": 1, "3": 3}),
        ({"seconds": "4.5"}, {"1": 3, "2": 1, "3": 2}),
    ],
    ids=["two-places", "two-seconds", "four-and-a-half-seconds"],
)
def test_place_and_time_penalties(store: Store, penalty: dict[str, object], expected: dict[str, int]) -> None:
    ref = small_season(store)
    store.add_penalty(ref, "r01-race", "1", reason="penalty", **penalty)  # type: ignore[arg-type]
    season, _ = store.season(ref)
    got = {r.entry: r.position for r in season.results_for("r01-race") if r.entry in expected}
    assert got == expected


def test_points_penalty_hits_the_standings_not_the_order(store: Store) -> None:
    ref = small_season(store)
    store.add_penalty(ref, "r01-race", "2", points=-5, reason="avoidable contact")
    assert points(store, ref, "pro") == {"ann-alpha": 35, "bob-bravo": 27, "cid-charlie": 30}
    assert points(store, ref, "masters") == {"bob-bravo": 30, "cid-charlie": 32}
    season, rules = store.season(ref)
    table = compute_standings(season, rules, "pro")
    assert [r.competitor for r in table.rows] == ["ann-alpha", "cid-charlie", "bob-bravo"]
    assert table.row("bob-bravo").adjusted == -5
    store.add_penalty(ref, "r01-race", "3", points="-1/2", classification="Masters", reason="late to grid")
    assert points(store, ref, "masters")["cid-charlie"] == Fraction(63, 2)
    assert points(store, ref, "pro")["cid-charlie"] == 30


def test_correction_changes_fields_and_keeps_the_original(store: Store) -> None:
    ref = small_season(store)
    record = store.add_correction(
        ref, "r01-race", "5", {"status": "DNF", "laps": "12"}, reason="timing error"
    )
    assert record.kind is ChangeKind.CORRECTION_ADD
    season, _ = store.season(ref)
    fixed = next(r for r in season.results_for("r01-race") if r.entry == "5")
    assert (fixed.status, fixed.position, fixed.laps) == (Status.DNF, None, 12)
    assert next(r for r in season.original_results("r01-race") if r.entry == "5").position == 5
    (adjustment,) = season.adjustments
    assert adjustment.kind is AdjustmentKind.CORRECTION and adjustment.reason == "timing error"
    with pytest.raises(ConsistencyError, match="nothing to correct"):
        store.add_correction(ref, "r01-race", "5", {"status": "DNF"}, reason="again")


def test_correction_cannot_put_two_cars_in_one_place(store: Store) -> None:
    ref = small_season(store)
    with pytest.raises(ConsistencyError, match="position 2"):
        store.add_correction(ref, "r01-race", "4", {"position": "2"}, reason="timing error")


@pytest.mark.parametrize(
    ("car", "kwargs", "message"),
    [
        ("1", {}, "give exactly one of --points, --positions, --seconds or --dsq"),
        ("1", {"positions": 1, "seconds": 5}, "got positions, seconds"),
        ("1", {"points": -5, "reason": " "}, "a penalty needs a reason"),
        ("1", {"points": "five"}, "expected a number like -5, 2.5 or 1/2, got 'five'"),
        ("1", {"points": 0}, "a points penalty of 0 changes nothing"),
        ("1", {"seconds": -2}, "--seconds must be more than 0"),
        ("99", {"dsq": True}, "no car #99 in round 1 (cars entered: 1, 2, 3, 4, 5)"),
    ],
)
def test_penalty_input_errors(store: Store, car: str, kwargs: dict[str, object], message: str) -> None:
    ref = small_season(store)
    args = {"reason": "x", **kwargs}
    if args.pop("dsq", False):
        args["disqualify"] = True
    with pytest.raises(InputError) as exc:
        store.add_penalty(ref, "r01-race", car, **args)  # type: ignore[arg-type]
    assert message in str(exc.value)


def test_penalty_state_errors(store: Store) -> None:
    ref = small_season(store)
    with pytest.raises(NotFoundError, match="unknown session 'r09-race'"):
        store.add_penalty(ref, "r09-race", "1", disqualify=True, reason="x")
    with pytest.raises(ConsistencyError, match="session 'r02-race' has no results yet"):
        store.add_penalty(ref, "r02-race", "1", disqualify=True, reason="x")
    store.add_penalty(ref, "r01-race", "1", disqualify=True, reason="x")
    with pytest.raises(ConsistencyError, match="car #1 is already DSQ in r01-race"):
        store.add_penalty(ref, "r01-race", "1", disqualify=True, reason="x")
    with pytest.raises(ConsistencyError, match="only a classified car can take a positions penalty"):
        store.add_penalty(ref, "r01-race", "1", positions=1, reason="x")


def test_disqualifying_a_non_starter_is_refused(store: Store) -> None:
    ref = small_season(store, results=False)
    sheet = parse_results(TextFile("r01.csv", "position,number,status\n1,1,\n2,2,\n,3,DNS\n"))
    store.import_results(ref, "r01-race", sheet)
    with pytest.raises(ConsistencyError, match="a car that did not start cannot be disqualified"):
        store.add_penalty(ref, "r01-race", "3", disqualify=True, reason="x")


def test_results_of_a_session_are_superseded_only_on_request(store: Store) -> None:
    ref = small_season(store)
    sheet = parse_results(TextFile("fixed.csv", "position,number\n1,2\n2,1\n3,3\n4,4\n5,5\n"))
    with pytest.raises(ConsistencyError, match="already has results"):
        store.import_results(ref, "r01-race", sheet)
    record = store.import_results(ref, "r01-race", sheet, replace=True, reason="provisional → official")
    assert "replacing the previous results" in record.summary
    assert points(store, ref, "pro")["bob-bravo"] == 35
    store.undo(record.id, reason="the provisional ones were right")
    assert points(store, ref, "pro")["ann-alpha"] == 35


def test_as_of_reads_the_past(store: Store) -> None:
    ref = small_season(store, results=False)
    created = store.log(ref)[0].created_at
    store.import_results(
        ref, "r01-race", parse_results(TextFile("r01.csv", "position,number\n1,1\n2,2\n3,3\n"))
    )
    entered = store.log(ref)[0].created_at
    record = store.add_penalty(ref, "r01-race", "1", positions=2, reason="x")
    assert points(store, ref, "pro", as_of=created) == {}
    assert points(store, ref, "pro", as_of=entered) == {"ann-alpha": 35, "bob-bravo": 32, "cid-charlie": 30}
    assert points(store, ref, "pro") == {"ann-alpha": 30, "bob-bravo": 35, "cid-charlie": 32}
    undo = store.undo(record.id, reason="x")
    assert points(store, ref, "pro", as_of=record.created_at)["ann-alpha"] == 30
    assert points(store, ref, "pro", as_of=undo.created_at)["ann-alpha"] == 35
    with pytest.raises(NotFoundError):
        store.season(ref, as_of=created - timedelta(days=1))
    with pytest.raises(ConsistencyError, match="has no time zone"):
        store.season(ref, as_of=datetime(2024, 1, 1))


def test_recorded_times_never_go_back(store: Store) -> None:
    ref = small_season(store, results=False)
    with pytest.raises(ConsistencyError, match="the log's times never go back"):
        store.import_results(
            ref,
            "r01-race",
            parse_results(TextFile("r01.csv", "position,number\n1,1\n")),
            at=datetime(2000, 1, 1, tzinfo=UTC),
        )
    with pytest.raises(ConsistencyError, match="in the future"):
        store.import_results(
            ref,
            "r01-race",
            parse_results(TextFile("r01.csv", "position,number\n1,1\n")),
            at=datetime.now(UTC) + timedelta(days=1),
        )


def test_undo_is_refused_when_later_changes_depend_on_it(store: Store) -> None:
    ref = small_season(store)
    entries = next(c for c in store.log(ref) if c.kind is ChangeKind.ENTRIES_IMPORT)
    with pytest.raises(ConsistencyError, match="result for unknown entry"):
        store.undo(entries.id, reason="wrong list")
    season = next(c for c in store.log(ref) if c.kind is ChangeKind.SEASON_CREATE)
    with pytest.raises(ConsistencyError, match="cannot be undone"):
        store.undo(season.id, reason="x")
    with pytest.raises(NotFoundError):
        store.undo(10_000, reason="x")
    with pytest.raises(InputError, match="an undo needs a reason"):
        store.undo(entries.id, reason="")


def test_new_ruleset_version_keeps_the_past(store: Store, tmp_path: object) -> None:
    from pathlib import Path

    ref = small_season(store)
    folder = Path(str(tmp_path))
    name, version, text = store.ruleset_text(ref)
    assert (name, version) == ("imsa-2020", 1)
    doubled = folder / "imsa-2020.toml"
    doubled.write_text(text.replace("race = [35, 32, 30,", "race = [70, 32, 30,"), encoding="utf-8")
    before = store.log(ref)[0].created_at
    record = store.set_ruleset(ref, str(doubled), reason="bulletin 4: double points for a win")
    assert record.summary == "ruleset set to imsa-2020 v2"
    assert points(store, ref, "pro")["ann-alpha"] == 70
    assert points(store, ref, "pro", as_of=before)["ann-alpha"] == 35
    assert store.seasons()[0].ruleset_version == 2


def test_season_and_series_input_errors(store: Store) -> None:
    with pytest.raises(NotFoundError, match="unknown series 'nope'"):
        store.create_season("nope", 2024, ruleset="imsa-2020")
    store.create_series("cup", "Test Cup")
    with pytest.raises(ConsistencyError, match="already exists"):
        store.create_series("cup", "Again")
    with pytest.raises(InputError, match="lower-case letters"):
        store.create_series("Cup Series", "x")
    with pytest.raises(NotFoundError, match="unknown ruleset preset 'imsa-2002'"):
        store.create_season("cup", 2024, ruleset="imsa-2002")
    with pytest.raises(InputError, match="names scoring 'vip'"):
        store.create_season(
            "cup", 2024, ruleset="imsa-2020", classifications=[Classification("x", "X", scoring="vip")]
        )
    store.create_season("cup", 2024, ruleset="imsa-2020")
    with pytest.raises(ConsistencyError, match="season 'cup-2024' already exists"):
        store.create_season("cup", 2024, ruleset="imsa-2020")
    with pytest.raises(NotFoundError, match=r"unknown season 'cup-2025' \(known: cup-2024\)"):
        store.season("cup-2025")
    season, _ = store.season("cup-2024")
    assert [c.id for c in season.classifications] == ["drivers"]
