"""Penalties and corrections laid over results: the stewards' order, the original kept."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

import pytest

from builders import SeasonBuilder, row
from podium.errors import ConsistencyError
from podium.model import Adjustment, AdjustmentKind, Result, Status, apply_adjustments

S = "r1-race"


def _results() -> tuple[Result, ...]:
    # a, b, c on the lead lap (60 laps), d a lap down, e retired.
    def line(entry: str, position: int | None, laps: int, seconds: float | None) -> Result:
        status = Status.CLASSIFIED if position else Status.DNF
        time = timedelta(seconds=seconds) if seconds is not None else None
        return Result(S, entry, position, status, laps=laps, time=time)

    return (
        line("a", 1, 60, 3600.0),
        line("b", 2, 60, 3603.0),
        line("c", 3, 60, 3610.0),
        line("d", 4, 59, 3601.0),
        line("e", None, 30, None),
    )


def adj(kind: AdjustmentKind, entry: str, **amount: object) -> Adjustment:
    return Adjustment(f"{kind.value}-{entry}", S, entry, kind, "stewards' decision", **amount)  # type: ignore[arg-type]


def placed(results: tuple[Result, ...]) -> list[str]:
    return [f"{r.entry}{r}" for r in sorted(results, key=lambda r: (r.position or 99, r.entry))]


def test_disqualification_moves_the_cars_behind_up() -> None:
    out = apply_adjustments(_results(), [adj(AdjustmentKind.DISQUALIFY, "b")])
    assert placed(out) == ["aP1", "cP2", "dP3", "bDSQ", "eDNF"]


def test_disqualifying_a_retired_car_moves_nobody() -> None:
    out = apply_adjustments(_results(), [adj(AdjustmentKind.DISQUALIFY, "e")])
    assert placed(out) == ["aP1", "bP2", "cP3", "dP4", "eDSQ"]


def test_disqualification_moves_retired_cars_with_printed_places_up() -> None:
    """IndyCar prints every starter's place: a retired car behind the disqualified one moves up too
    (St. Petersburg 2024: Ericsson, out in 25th, is 23rd once Newgarden and McLaughlin are out)."""
    printed = (*_results()[:4], Result(S, "e", None, Status.DNF, laps=30, official_position=5))
    out = apply_adjustments(printed, [adj(AdjustmentKind.DISQUALIFY, "b")])
    assert {r.entry: r.placed for r in out} == {"a": 1, "b": None, "c": 2, "d": 3, "e": 4}
    behind = apply_adjustments(
        printed, [adj(AdjustmentKind.DISQUALIFY, "a"), adj(AdjustmentKind.DISQUALIFY, "e")]
    )
    assert {r.entry: r.placed for r in behind} == {"a": None, "b": 1, "c": 2, "d": 3, "e": None}


def test_place_penalty() -> None:
    out = apply_adjustments(_results(), [adj(AdjustmentKind.POSITIONS, "a", positions=2)])
    assert placed(out) == ["bP1", "cP2", "aP3", "dP4", "eDNF"]


def test_place_penalty_past_the_last_classified_car() -> None:
    out = apply_adjustments(_results(), [adj(AdjustmentKind.POSITIONS, "b", positions=10)])
    assert placed(out) == ["aP1", "cP2", "dP3", "bP4", "eDNF"]


def test_time_penalty_reorders_cars_on_the_same_lap() -> None:
    five = apply_adjustments(_results(), [adj(AdjustmentKind.TIME, "a", seconds=Fraction(5))])
    assert placed(five) == ["bP1", "aP2", "cP3", "dP4", "eDNF"]
    # Twenty seconds put a behind c, but never behind d, who is a lap down with less time.
    twenty = apply_adjustments(_results(), [adj(AdjustmentKind.TIME, "a", seconds=Fraction(20))])
    assert placed(twenty) == ["bP1", "cP2", "aP3", "dP4", "eDNF"]
    assert next(r for r in twenty if r.entry == "a").time == timedelta(seconds=3620)


def test_time_penalty_needs_times() -> None:
    results = (Result(S, "a", 1, laps=10), Result(S, "b", 2, laps=10, time=timedelta(seconds=9)))
    with pytest.raises(ConsistencyError, match="missing for a"):
        apply_adjustments(results, [adj(AdjustmentKind.TIME, "b", seconds=Fraction(5))])


def test_positions_and_time_only_for_classified_cars() -> None:
    with pytest.raises(ConsistencyError, match="entry 'e' is DNF; only a classified car"):
        apply_adjustments(_results(), [adj(AdjustmentKind.POSITIONS, "e", positions=1)])


def test_corrections() -> None:
    out = apply_adjustments(
        _results(),
        [adj(AdjustmentKind.CORRECTION, "d", changes=(("status", "DNF"),))],
    )
    d = next(r for r in out if r.entry == "d")
    assert (d.status, d.position) == (Status.DNF, None)
    out = apply_adjustments(
        _results(), [adj(AdjustmentKind.CORRECTION, "c", changes=(("fastest_lap", True), ("laps_led", 4)))]
    )
    c = next(r for r in out if r.entry == "c")
    assert (c.position, c.fastest_lap, c.laps_led) == (3, True, 4)


def test_points_penalties_leave_the_order_alone() -> None:
    out = apply_adjustments(_results(), [adj(AdjustmentKind.POINTS, "a", points=Fraction(-5))])
    assert out == _results()


def test_adjustments_apply_in_order() -> None:
    out = apply_adjustments(
        _results(),
        [adj(AdjustmentKind.DISQUALIFY, "a"), adj(AdjustmentKind.POSITIONS, "b", positions=1)],
    )
    assert placed(out) == ["cP1", "bP2", "dP3", "aDSQ", "eDNF"]


def test_an_adjustment_for_a_car_without_a_result() -> None:
    with pytest.raises(ConsistencyError, match="no result for entry 'zz' to adjust"):
        apply_adjustments(_results(), [adj(AdjustmentKind.DISQUALIFY, "zz")])


@pytest.mark.parametrize(
    ("kind", "amount", "message"),
    [
        (AdjustmentKind.POINTS, {}, "needs its amount"),
        (AdjustmentKind.POSITIONS, {"positions": 0}, "needs its amount"),
        (AdjustmentKind.TIME, {"seconds": Fraction(0)}, "needs its amount"),
        (AdjustmentKind.CORRECTION, {}, "needs its amount"),
        (AdjustmentKind.CORRECTION, {"changes": (("team", "x"),)}, "cannot correct field 'team'"),
    ],
)
def test_adjustments_validate(kind: AdjustmentKind, amount: dict[str, object], message: str) -> None:
    with pytest.raises(ConsistencyError, match=message):
        adj(kind, "a", **amount)
    with pytest.raises(ConsistencyError, match="needs a reason"):
        Adjustment("x", S, "a", AdjustmentKind.DISQUALIFY, "  ")


def test_season_keeps_the_original_and_scores_the_effective_results() -> None:
    b = SeasonBuilder()
    b.race(row("a", laps=10), row("b", laps=10), row("c", laps=10))
    b.adjust(Adjustment("x1", S, "a", AdjustmentKind.DISQUALIFY, "underweight"))
    season = b.build()
    assert [str(r) for r in season.original_results("r1-race")] == ["P1", "P2", "P3"]
    assert placed(season.results_for("r1-race")) == ["bP1", "cP2", "aDSQ"]
    assert [a.describe() for a in season.adjustments_for("r1-race")] == ["disqualified"]
