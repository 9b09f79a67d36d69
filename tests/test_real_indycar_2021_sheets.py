"""IndyCar 2021, rounds proven on INDYCAR's own results sheets, which print under each race every car's
points and the championship total and rank after it (sources: tests/data/indycar-2021/README.md). Each
round starts from the totals the earlier sheets printed and must give every starter's printed total after
it, and every car's printed points for the race:

- round 1, the opener at Barber (18 April 2021), from nothing: all 24 lines of the table after it (the AP
  box score printed ten; tests/test_real_indycar_2021.py);
- round 5, GMR Grand Prix (IMS road course, 15 May 2021): 25 lines;
- round 12, Big Machine Spiked Coolers Grand Prix (IMS road course, 14 August 2021): 28 lines;
- round 14, Grand Prix of Portland (12 September 2021): 27 lines;
- round 16, Acura Grand Prix of Long Beach (26 September 2021, the finale): 28 lines, the final table of
  every driver who raced there, Alex Palou champion with 549.

All four are road or street courses, so they check the 2021 scoring outside the Indianapolis 500:
50-40-35… by place, 1 for pole, 1 for a lap led, 2 more for most laps led. Every lap leader is known from
the AP box scores and race reports named in the fixtures, not read off the sheets; the 500 is
tests/test_real_indycar_indy500_2021_2023.py.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from indycar import event, one_race, sheet_column, sheet_round
from podium.model import Event
from podium.rules import load_preset
from published import points_of

DATA = Path(__file__).parent / "data" / "indycar-2021"
INDY = "America/Indiana/Indianapolis"

ROUNDS = {
    "r5-gmr-grand-prix": event(5, "gmr-grand-prix", "GMR Grand Prix", date(2021, 5, 15), INDY, 85),
    "r12-big-machine-spiked-coolers-gp": event(
        12,
        "big-machine-spiked-coolers-gp",
        "Big Machine Spiked Coolers Grand Prix",
        date(2021, 8, 14),
        INDY,
        85,
    ),
    "r14-portland": event(
        14, "portland", "Grand Prix of Portland", date(2021, 9, 12), "America/Los_Angeles", 110
    ),
    "r16-long-beach": event(
        16, "long-beach", "Acura Grand Prix of Long Beach", date(2021, 9, 26), "America/Los_Angeles", 85
    ),
}
LINES = {
    "r5-gmr-grand-prix": 25,
    "r12-big-machine-spiked-coolers-gp": 28,
    "r14-portland": 27,
    "r16-long-beach": 28,
}


def _round(stem: str) -> tuple[dict[str, Fraction], dict[str, Fraction], dict[str, Fraction]]:
    event: Event = ROUNDS[stem]
    return sheet_round(2021, event, DATA, stem)


def _official(stem: str, column: str) -> dict[str, Fraction]:
    return sheet_column(DATA / f"{stem}-official-points.csv", column)


@pytest.mark.parametrize("stem", list(ROUNDS))
def test_the_sheets_chain_before_and_after(stem: str) -> None:
    """The before-table is the earlier sheets' own totals: each starter's total after the race minus his
    points in it is his total before (0 for a driver starting his season), on every line."""
    _, _, before = _round(stem)
    total, race = _official(stem, "total"), _official(stem, "points")
    assert len(total) == LINES[stem]
    assert {d: total[d] - race[d] for d in total} == {d: before.get(d, Fraction(0)) for d in total}


@pytest.mark.parametrize("stem", list(ROUNDS))
def test_the_round_reproduces_every_official_total_after_it(stem: str) -> None:
    after, _, _ = _round(stem)
    assert after == _official(stem, "total")


@pytest.mark.parametrize("stem", list(ROUNDS))
def test_the_round_pays_every_car_its_printed_points(stem: str) -> None:
    _, alone, _ = _round(stem)
    assert alone == _official(stem, "points")


def test_the_bonuses_on_the_printed_lines() -> None:
    gmr = _round("r5-gmr-grand-prix")[1]
    # Grosjean 40 (2nd) + pole + led + most laps led (44 of 85); VeeKay won, 33 laps led (51).
    assert (gmr["romain-grosjean"], gmr["rinus-veekay"], gmr["juan-pablo-montoya"]) == (
        Fraction(44),
        Fraction(51),
        Fraction(9),
    )
    bmsc = _round("r12-big-machine-spiked-coolers-gp")[1]
    # Power 50 + 1 + 2 (56 laps led); O'Ward 30 (5th) + pole + led; Lundgaard 12th (18) + 1 (2 laps led).
    assert (bmsc["will-power"], bmsc["pato-o-ward"], bmsc["christian-lundgaard"]) == (
        Fraction(53),
        Fraction(32),
        Fraction(19),
    )
    portland = _round("r14-portland")[1]
    # Palou won from pole with 29 laps led (52); Rahal 10th (20) + led + most laps led (36 of 110) = 23.
    assert (portland["alex-palou"], portland["graham-rahal"]) == (Fraction(52), Fraction(23))


def test_the_finale_gives_the_final_table() -> None:
    """Long Beach from the totals after Monterey: Palou champion, Newgarden second (pole, 18 laps led)."""
    after, alone, _ = _round("r16-long-beach")
    ranked = sorted(after, key=lambda d: -after[d])
    assert ranked[:4] == ["alex-palou", "josef-newgarden", "pato-o-ward", "scott-dixon"]
    assert (after["alex-palou"], after["josef-newgarden"]) == (Fraction(549), Fraction(511))
    # Herta won from 14th with the most laps led (43): 53; Newgarden 40 + pole + led = 42.
    assert (alone["colton-herta"], alone["josef-newgarden"]) == (Fraction(53), Fraction(42))


def test_the_opener_reproduces_the_whole_official_table_after_it() -> None:
    """Barber from nothing, the classification as the AP printed it (r1-barber.csv, the same places and
    starts as the sheet): each of the 24 totals after it is the race's own points."""
    barber = event(1, "barber", "Honda Indy Grand Prix of Alabama", date(2021, 4, 18), "America/Chicago", 90)
    computed = points_of(
        one_race(2021, barber, DATA / "r1-barber.csv"), load_preset("indycar-2021"), "drivers"
    )
    total = _official("r1-barber", "total")
    assert len(total) == 24
    assert computed == total == _official("r1-barber", "points")
