"""Properties of standings and penalties that must hold for any season (Hypothesis)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from fractions import Fraction
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import SeasonBuilder, row, ruleset
from podium.model import Adjustment, AdjustmentKind, Result, Season, Status, apply_adjustments
from podium.rules import Ruleset
from podium.standings import Standings, compute_standings

RULESETS = [
    ruleset(
        """
[scoring.points]
race = [10, 6, 4, 3, 2, 1]
[scoring.bonus]
fastest_lap = 1
[scoring.counting]
best = 2
[classifications.teams]
cars_scoring = 1
"""
    ),
    ruleset(
        """
[scoring]
scorers = "starters"
min_distance = "1/2"
[scoring.points]
race = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]
[scoring.bonus]
pole = 1
led_a_lap = 1
most_laps_led = 2
[scoring.counting]
best = 3
[scoring.tiebreak]
chain = ["countback", "first_achieved", "last_result"]
countback_scope = "counted_results"
[classifications.teams]
cars_scoring = 2
"""
    ),
    ruleset(
        """
[scoring.points]
race = [9, 6, 4, 3, 2, 1]
[scoring.counting]
best = [{ rounds = "1-2", best = 1 }, { rounds = "3-5", best = 2 }]
[scoring.tiebreak]
chain = ["wins", "grid", "shared"]
countback_positions = "scoring"
"""
    ),
]

DRIVERS = [f"d{i}" for i in range(6)]


@st.composite
def seasons(draw: st.DrawFn) -> Season:
    """2-6 drivers in up to 3 teams, 1-5 races, with retirements, non-starters and bonuses."""
    n = draw(st.integers(2, 6))
    drivers = DRIVERS[:n]
    b = SeasonBuilder()
    for i, d in enumerate(drivers):
        b.entry(d, team=f"t{i % 3}")
    b.classification("drivers")
    b.classification("teams", competitor="team")
    for _ in range(draw(st.integers(1, 5))):
        finishing = draw(st.permutations(drivers))
        fates = draw(st.lists(st.sampled_from(["ok", "ok", "ok", "DNF", "DNS"]), min_size=n, max_size=n))
        fastest = draw(st.sampled_from(drivers))
        pole = draw(st.sampled_from(drivers))
        rows = []
        for d, fate in zip(finishing, fates, strict=True):
            led = draw(st.integers(0, 3))
            if fate == "ok":
                rows.append(
                    row(
                        d,
                        laps=20,
                        laps_led=led,
                        fastest_lap=d == fastest,
                        pole=d == pole,
                        grid=1 + drivers.index(d),
                    )
                )
            elif fate == "DNF":
                rows.append(
                    row(d, "DNF", laps=draw(st.integers(0, 19)), laps_led=led, fastest_lap=d == fastest)
                )
            else:
                rows.append(row(d, "DNS"))
        b.race(*rows)
    return b.build()


def summary(table: Standings) -> list[object]:
    return [
        (
            r.position,
            r.competitor,
            r.points,
            r.total_points,
            r.wins,
            r.decided_by,
            sorted((s.session, s.position or 0, s.total, s.counted) for s in r.scores),
        )
        for r in table.rows
    ]


@settings(max_examples=60, deadline=None)
@given(seasons(), st.sampled_from(RULESETS), st.randoms(use_true_random=False))
def test_standings_do_not_depend_on_input_order(season: Season, rules: Ruleset, rnd: random.Random) -> None:
    shuffled = replace(
        season,
        results=tuple(rnd.sample(season.results, len(season.results))),
        entries=tuple(rnd.sample(season.entries, len(season.entries))),
        drivers=tuple(rnd.sample(season.drivers, len(season.drivers))),
    )
    for classification in ("drivers", "teams"):
        a = compute_standings(season, rules, classification)
        b = compute_standings(shuffled, rules, classification)
        assert summary(a) == summary(b)


@settings(max_examples=60, deadline=None)
@given(seasons(), st.sampled_from(RULESETS))
def test_counted_plus_dropped_is_the_total(season: Season, rules: Ruleset) -> None:
    for classification in ("drivers", "teams"):
        for r in compute_standings(season, rules, classification).rows:
            counted = sum((s.total for s in r.scores if s.counted), Fraction(0))
            assert counted + r.dropped_points == r.total_points
            assert r.points == counted + r.adjusted


@settings(max_examples=60, deadline=None)
@given(seasons(), st.sampled_from(RULESETS))
def test_best_n_keeps_the_best_units(season: Season, rules: Ruleset) -> None:
    for classification in ("drivers", "teams"):
        scoring = rules.scoring(classification)
        for r in compute_standings(season, rules, classification).rows:
            for window in scoring.counting.windows:
                units: dict[int, tuple[Fraction, bool]] = {}
                for s in r.scores:
                    if window.covers(s.round):
                        value, _ = units.get(s.round, (Fraction(0), s.counted))
                        units[s.round] = (value + s.total, s.counted)
                kept = [v for v, counted in units.values() if counted]
                dropped = [v for v, counted in units.values() if not counted]
                assert window.best is not None
                assert len(kept) == min(window.best, len(units))
                assert not dropped or min(kept) >= max(dropped)


@st.composite
def penalties(draw: st.DrawFn) -> tuple[tuple[Result, ...], list[Adjustment]]:
    """A session with 2-8 classified cars and some retirements, then 1-6 DSQ, place or time penalties."""
    classified = draw(st.integers(2, 8))
    retired = draw(st.integers(0, 3))
    results: list[Result] = []
    for p in range(1, classified + 1):
        laps = 30 if p <= classified - 2 else 29  # the last two are a lap down
        results.append(Result("s", f"c{p}", p, laps=laps, time=timedelta(seconds=3000 + 4 * p)))
    results += [Result("s", f"r{i}", status=Status.DNF, laps=i) for i in range(retired)]
    current = tuple(results)
    adjustments: list[Adjustment] = []
    for i in range(draw(st.integers(1, 6))):
        still = [r.entry for r in current if r.classified]
        kind = draw(
            st.sampled_from([AdjustmentKind.DISQUALIFY, AdjustmentKind.POSITIONS, AdjustmentKind.TIME])
        )
        if kind is AdjustmentKind.DISQUALIFY or not still:
            target = draw(st.sampled_from([r.entry for r in current]))
            adj = Adjustment(f"a{i}", "s", target, AdjustmentKind.DISQUALIFY, "test")
        elif kind is AdjustmentKind.POSITIONS:
            target = draw(st.sampled_from(still))
            adj = Adjustment(f"a{i}", "s", target, kind, "test", positions=draw(st.integers(1, 10)))
        else:
            target = draw(st.sampled_from(still))
            adj = Adjustment(f"a{i}", "s", target, kind, "test", seconds=Fraction(draw(st.integers(1, 30))))
        adjustments.append(adj)
        current = apply_adjustments(current, [adj])
    return tuple(results), adjustments


@settings(max_examples=200, deadline=None)
@given(penalties())
def test_penalties_keep_positions_distinct(case: tuple[tuple[Result, ...], list[Adjustment]]) -> None:
    original, adjustments = case
    out = apply_adjustments(original, adjustments)
    assert sorted(r.entry for r in out) == sorted(r.entry for r in original)
    positions = [r.position for r in out if r.classified]
    assert len(positions) == len(set(positions))
    # Every place vacated by a disqualification is filled: the classification stays 1..n.
    assert sorted(p or 0 for p in positions) == list(range(1, len(positions) + 1))
    disqualified = {a.entry for a in adjustments if a.kind is AdjustmentKind.DISQUALIFY}
    assert {r.entry for r in out if r.status is Status.DSQ} == disqualified
    # Nobody classified is a lap down on someone behind them.
    by_place = sorted((r for r in out if r.classified), key=lambda r: r.position or 0)
    laps = [r.laps or 0 for r in by_place]
    assert all(a >= b for a, b in pairwise(laps)) or any(
        a.kind is AdjustmentKind.POSITIONS for a in adjustments
    )
