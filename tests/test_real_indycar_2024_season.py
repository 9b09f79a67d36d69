"""IndyCar 2024 from nothing, round by round, against INDYCAR's own results sheets, which print under
each race every car's points and the championship total and rank after it (sources:
tests/data/indycar-2024/README.md).

The St. Petersburg penalty of 24 April 2024 is entered as INDYCAR decided it: Newgarden and McLaughlin
disqualified (Newgarden keeps his pole point), Power docked 10 points. The Long Beach sheet was printed
three days before it, so its totals are checked without the penalty; every later sheet with it.

Where a race's lap leaders are not all found, the drivers whose lines depend on the missing laps are
named with the exact points they fall short (``SHORT``); every other line of every table is checked
exactly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import races
from podium.model import Adjustment, AdjustmentKind, Event, Season, Session, SessionKind
from podium.model.values import slug
from podium.rules import load_preset
from published import points_of, rows

DATA = Path(__file__).parent / "data" / "indycar-2024"


def _event(rnd: int, ident: str, name: str, day: date, zone: str, laps: int, *, quali: bool = False) -> Event:
    sessions = (Session(f"{ident}-qualifying", "Qualifying", SessionKind.QUALIFYING),) if quali else ()
    race = Session(f"{ident}-race", "Race", SessionKind.RACE, scheduled_laps=laps, laps_completed=laps)
    return Event(round=rnd, id=ident, name=name, date=day, time_zone=zone, sessions=(*sessions, race))


ROUNDS: list[tuple[Event, str]] = [
    (
        _event(
            1,
            "st-petersburg",
            "Firestone Grand Prix of St. Petersburg",
            date(2024, 3, 10),
            "America/New_York",
            100,
        ),
        "r01-st-petersburg",
    ),
    (
        _event(
            2, "long-beach", "Acura Grand Prix of Long Beach", date(2024, 4, 21), "America/Los_Angeles", 85
        ),
        "r02-long-beach",
    ),
    (
        _event(
            3, "barber", "Children's of Alabama Indy Grand Prix", date(2024, 4, 28), "America/Chicago", 90
        ),
        "r03-barber",
    ),
]
QUALIFYING: dict[str, Path] = {}

PENALTY = "INDYCAR, 24 April 2024: push-to-pass used on restarts at St. Petersburg"
ST_PETE = (
    Adjustment("stp-2", "st-petersburg-race", "josef-newgarden", AdjustmentKind.DISQUALIFY, PENALTY),
    Adjustment("stp-3", "st-petersburg-race", "scott-mclaughlin", AdjustmentKind.DISQUALIFY, PENALTY),
    Adjustment(
        "stp-12", "st-petersburg-race", "will-power", AdjustmentKind.POINTS, PENALTY, points=Fraction(-10)
    ),
)

# Points each named driver's computed line falls short of the sheet's after each round, because a lap he
# led is not attributed by any source read (see the fixtures' headers). Carried from round to round.
SHORT: dict[int, dict[str, int]] = {
    1: {"colton-herta": 1},  # St. Petersburg: not named a leader by any source read
}


def season(upto: int, *, penalty: bool = True) -> Season:
    done = ROUNDS[:upto]
    built = races(2024, [(e, DATA / f"{stem}.csv") for e, stem in done], qualifying=QUALIFYING)
    return replace(built, adjustments=ST_PETE if penalty else ())


def official(rnd: int, column: str) -> dict[str, Fraction]:
    return {
        slug(r["driver"]): Fraction(r[column])
        for r in rows(DATA / f"{ROUNDS[rnd - 1][1]}-official-points.csv")
    }


def short_after(rnd: int) -> dict[str, int]:
    total: dict[str, int] = {}
    for r, named in SHORT.items():
        if r <= rnd:
            for d, p in named.items():
                total[d] = total.get(d, 0) + p
    return total


def test_every_round_s_table_from_nothing() -> None:
    """After every round, every driver the sheet prints has the sheet's total, but for the named lines."""
    preset = load_preset("indycar-2024")
    checked = 0
    for rnd in range(1, len(ROUNDS) + 1):
        computed = points_of(season(rnd, penalty=rnd != 2), preset, "drivers")
        printed = official(rnd, "total")
        short = short_after(rnd)
        wrong = {d: p - computed.get(d, Fraction(0)) for d, p in printed.items() if computed.get(d) != p}
        assert wrong == {d: s for d, s in short.items() if d in printed}, rnd
        checked += len(printed)
    assert checked == 27 + 27 + 27


def test_every_race_s_points_as_the_sheet_prints_them() -> None:
    """Each race on its own: every car's points as its sheet prints them, but for the named lines."""
    preset = load_preset("indycar-2024")
    for rnd, (event, stem) in enumerate(ROUNDS, 1):
        alone = races(2024, [(event, DATA / f"{stem}.csv")], qualifying=QUALIFYING)
        if rnd == 1:
            alone = replace(alone, adjustments=ST_PETE)
        race = points_of(alone, preset, "drivers")
        printed = official(rnd, "points")
        wrong = {d: p - race.get(d, Fraction(0)) for d, p in printed.items() if race.get(d) != p}
        assert wrong == SHORT.get(rnd, {}), rnd


def test_the_penalty_decides_round_one() -> None:
    """Without the penalty Newgarden wins with 54 (50 + pole + led + most led); with it he keeps the pole
    point only, O'Ward wins with 50, and Power, second, has 40 - 10."""
    preset = load_preset("indycar-2024")
    before = points_of(season(1, penalty=False), preset, "drivers")
    after = points_of(season(1), preset, "drivers")
    assert (before["josef-newgarden"], before["pato-o-ward"], before["scott-mclaughlin"]) == (54, 40, 35)
    assert (after["josef-newgarden"], after["pato-o-ward"], after["scott-mclaughlin"]) == (1, 50, 0)
    assert after["will-power"] == 30
