"""Season snapshots refuse data that contradicts itself, saying exactly where."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from builders import SeasonBuilder, row
from podium.errors import ConsistencyError, NotFoundError
from podium.model import (
    Adjustment,
    AdjustmentKind,
    Car,
    Driver,
    Entry,
    Event,
    Result,
    RoundRange,
    Session,
    SessionKind,
    Status,
)


def _base() -> SeasonBuilder:
    b = SeasonBuilder()
    b.entry("a")
    b.entry("b")
    b.event("race")
    b.event("race")
    return b


def test_a_coherent_season_builds() -> None:
    b = _base()
    b.results("r1-race", "a", "b")
    season = b.build()
    assert [str(r) for r in season.results_for("r1-race")] == ["P1", "P2"]
    assert season.rounds_completed == 1
    assert "2 events" in repr(season)


def test_two_cars_in_one_position() -> None:
    b = _base()
    b.lines.append(Result("r1-race", "a", 1))
    b.lines.append(Result("r1-race", "b", 1))
    with pytest.raises(
        ConsistencyError, match=r"round 1 session 'r1-race': two cars in position 1: 'a' and 'b'"
    ):
        b.build()


def test_one_car_with_two_results() -> None:
    b = _base()
    b.lines.append(Result("r1-race", "a", 1))
    b.lines.append(Result("r1-race", "a", status=Status.DNF))
    with pytest.raises(ConsistencyError, match="entry 'a' has two results"):
        b.build()


def test_a_driver_starting_in_two_cars() -> None:
    b = _base()
    b.entry("a2", "a")  # a second car for driver a
    b.results("r1-race", "a", "a2", "b")
    with pytest.raises(ConsistencyError, match=r"driver 'a' is in two cars: a, a2"):
        b.build()


def test_a_driver_may_sit_in_a_second_car_that_did_not_start_or_was_shared() -> None:
    b = _base()
    b.entry("a2", "a")
    b.entry("shared", "b", "a")
    b.results("r1-race", "a", row("a2", "DNS"))
    b.results("r2-race", "shared", "a")
    season = b.build()
    assert len(season.results) == 4


def test_unknown_entry_session_and_driver() -> None:
    b = _base()
    b.lines.append(Result("r1-race", "ghost", 1))
    with pytest.raises(ConsistencyError, match=r"session 'r1-race': result for unknown entry 'ghost'"):
        b.build()
    b = _base()
    b.lines.append(Result("r9-race", "a", 1))
    with pytest.raises(ConsistencyError, match=r"entry 'a': result for unknown session 'r9-race'"):
        b.build()
    b = _base()
    b.lines.append(Result("r1-race", "a", 1, drivers=("nobody",)))
    with pytest.raises(ConsistencyError, match=r"unknown driver 'nobody'"):
        b.build()
    b = _base()
    b.entries["c"] = Entry("c", ("nobody",))
    with pytest.raises(ConsistencyError, match=r"entry 'c': unknown driver 'nobody'"):
        b.build()
    b = _base()
    b.entries["c"] = Entry("c", ("a",), team="no-team")
    with pytest.raises(ConsistencyError, match=r"entry 'c': unknown team 'no-team'"):
        b.build()


def test_an_entry_outside_its_rounds() -> None:
    b = _base()
    b.entry("late", rounds="2-8")
    b.results("r1-race", "a", "late")
    with pytest.raises(ConsistencyError, match=r"entry 'late' is not valid in round 1 \(rounds 2-8\)"):
        b.build()


def test_an_entry_valid_in_several_ranges() -> None:
    b = _base()
    b.entry("part", rounds="1,3-4")
    b.results("r1-race", "part")
    b.results("r2-race", "a")
    season = b.build()
    assert season.entry("part").valid_in(3) and not season.entry("part").valid_in(2)


def test_an_adjustment_for_an_unknown_session() -> None:
    b = _base()
    b.adjust(Adjustment("p1", "r7-race", "a", AdjustmentKind.DISQUALIFY, "illegal floor"))
    with pytest.raises(ConsistencyError, match=r"adjustment 'p1': adjustment for unknown session 'r7-race'"):
        b.build()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda b: b.drivers.__setitem__("a2", Driver("a", "Again")), "duplicate driver id"),
        (lambda b: b.events.append(b.events[0]), "duplicate round id"),
        (lambda b: [b.classification("drivers") for _ in range(2)], "duplicate classification"),
    ],
)
def test_duplicate_ids(mutate: Callable[[SeasonBuilder], object], message: str) -> None:
    b = _base()
    mutate(b)
    with pytest.raises(ConsistencyError, match=message):
        b.build()


def test_a_session_id_in_two_events() -> None:
    b = _base()
    b.events.append(
        Event(3, "e3", "Round 3", date(2024, 5, 1), sessions=(Session("r1-race", "Race", SessionKind.RACE),))
    )
    with pytest.raises(ConsistencyError, match="session id 'r1-race' used twice"):
        b.build()


def test_lookups_name_what_exists() -> None:
    season = _base().build()
    with pytest.raises(NotFoundError, match=r"unknown driver 'zz' \(known: a, b\)"):
        season.driver("zz")
    with pytest.raises(NotFoundError, match="unknown round 5"):
        season.event(5)
    with pytest.raises(NotFoundError, match="unknown classification"):
        season.classification("gold")


# -- values that refuse to be built --------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Result("s", "e"), "a classified result needs a position"),
        (lambda: Result("s", "e", 0), "a classified result needs a position of 1 or more, got 0"),
        (lambda: Result("s", "e", 3, status=Status.DNF), "status DNF cannot have position 3"),
        (lambda: Result("s", "e", 1, laps=-1), "laps cannot be negative"),
        (
            lambda: Result("s", "e", status=Status.DNQ, started_flag=True),
            "did not qualify cannot have started",
        ),
        (lambda: Result("s", "e", 1, drivers=("x",), fastest_lap_by="y"), "fastest lap by 'y'"),
        (lambda: Session("s", "Race", SessionKind.RACE, scheduled_laps=0), "scheduled laps must be positive"),
        (lambda: Event(-1, "e", "E", date(2024, 1, 1)), "round must be 0 or more"),
        (lambda: Event(1, "e", "E", date(2024, 1, 1), time_zone="Mars/Olympus"), "unknown time zone"),
        (lambda: Car("7", build_year=1066), "impossible build year 1066"),
        (lambda: Entry("e", ("x", "x")), "driver listed twice"),
        (lambda: Driver("", "Nobody"), "a driver needs an id"),
        (lambda: RoundRange(5, 2), "invalid round range 5-2"),
    ],
)
def test_values_validate(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ConsistencyError, match=message):
        build()


def test_round_ranges_read_text() -> None:
    assert RoundRange.parse("1-6") == RoundRange(1, 6)
    assert RoundRange.parse("7") == RoundRange(7, 7)
    assert RoundRange.parse(3) == RoundRange(3, 3)
    assert str(RoundRange.parse("1–6")) == "1-6"  # an en dash reads too
    assert 6 in RoundRange(1, 6) and 7 not in RoundRange(1, 6)
