"""IndyCar 2022, rounds proven on INDYCAR's own results sheets (sources: tests/data/indycar-2022/README.md),
each from the totals the previous sheet printed, every starter's total after it and every car's points:

- round 4, the Honda Indy Grand Prix of Alabama (Barber, 1 May 2022), all 26 starters: the six places
  (21-26) no stored web page gives are on the sheet, which completes tests/test_real_indycar_2022.py's
  proof on third-party tables;
- round 10, the Honda Indy Toronto (17 July 2022), all 25: the AP names the six lap leaders' number and
  the first three, Dixon led 40 laps (crash.net), VeeKay and O'Ward the others (racescene.com); their
  counts are not printed, but only whether they led scores, and nobody else can reach Dixon's 40;
- round 16, the Grand Prix of Portland (4 September 2022), all 25, with every lap leader from the AP box
  score (McLaughlin 104 of 110 laps from pole).

The 500 of 2022 is tests/test_real_indycar_indy500_2021_2023.py.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import event, sheet_column, sheet_round
from podium.model.values import slug
from published import rows

DATA = Path(__file__).parent / "data" / "indycar-2022"
STEM = "r16-portland"
BARBER = event(4, "barber", "Honda Indy Grand Prix of Alabama", date(2022, 5, 1), "America/Chicago", 90)
TORONTO = event(10, "toronto", "Honda Indy Toronto", date(2022, 7, 17), "America/Toronto", 85)
PORTLAND = event(16, "portland", "Grand Prix of Portland", date(2022, 9, 4), "America/Los_Angeles", 110)


def test_portland_from_the_printed_totals_reproduces_every_total_after_it() -> None:
    after, _, before = sheet_round(2022, PORTLAND, DATA, STEM)
    published = sheet_column(DATA / f"{STEM}-official-points.csv", "total")
    assert len(published) == len(before) == 25
    assert after == published
    # Power keeps the lead: 523 after (AP: "Points: Power 523, Newgarden 503, Dixon 503").
    assert (after["will-power"], after["josef-newgarden"], after["scott-dixon"]) == (
        Fraction(523),
        Fraction(503),
        Fraction(503),
    )


def test_portland_pays_every_car_its_printed_points() -> None:
    _, alone, _ = sheet_round(2022, PORTLAND, DATA, STEM)
    assert alone == sheet_column(DATA / f"{STEM}-official-points.csv", "points")
    # McLaughlin 50 + pole + led + most led = 54; Power 40 + led = 41; Lundgaard 21st (9) + led = 10.
    assert (alone["scott-mclaughlin"], alone["will-power"], alone["christian-lundgaard"]) == (
        Fraction(54),
        Fraction(41),
        Fraction(10),
    )


def test_the_before_table_is_the_earlier_sheets_totals() -> None:
    _, _, before = sheet_round(2022, PORTLAND, DATA, STEM)
    total = sheet_column(DATA / f"{STEM}-official-points.csv", "total")
    race = sheet_column(DATA / f"{STEM}-official-points.csv", "points")
    assert {d: total[d] - race[d] for d in total} == before
    assert before["will-power"] == Fraction(482)


def test_barber_from_the_printed_totals_reproduces_every_total_after_it() -> None:
    stem = "r4-barber-full"
    after, alone, before = sheet_round(2022, BARBER, DATA, stem)
    published = sheet_column(DATA / f"{stem}-official-points.csv", "total")
    assert len(published) == len(before) == 26
    assert after == published
    assert alone == sheet_column(DATA / f"{stem}-official-points.csv", "points")
    # The six not found on the web: 21st-26th, paid 9, 8, 7, 6, 5, 5 (no lap led).
    six = ("helio-castroneves", "kyle-kirkwood", "dalton-kellett", "jimmie-johnson", "callum-ilott")
    assert [alone[d] for d in (*six, "tatiana-calderon")] == [9, 8, 7, 6, 5, 5]


def test_barber_sheet_agrees_with_the_published_third_party_tables() -> None:
    """The sheet's totals after Barber are the motoresapleno.com.ar table's on every line it shares."""
    stem = "r4-barber-full"
    sheet = sheet_column(DATA / f"{stem}-official-points.csv", "total")
    published = {slug(r["driver"]): Fraction(r["points"]) for r in rows(DATA / "standings-after-r4.csv")}
    shared = set(sheet) & set(published)
    assert len(shared) == 26
    assert {d: sheet[d] for d in shared} == {d: published[d] for d in shared}


def test_toronto_from_the_printed_totals_reproduces_every_total_after_it() -> None:
    stem = "r10-toronto"
    after, alone, before = sheet_round(2022, TORONTO, DATA, stem)
    published = sheet_column(DATA / f"{stem}-official-points.csv", "total")
    assert len(published) == len(before) == 25
    assert after == published
    assert alone == sheet_column(DATA / f"{stem}-official-points.csv", "points")
    # Dixon 50 + led + most laps led (40); Herta 40 + pole + led; VeeKay 13th (17) + 1, O'Ward 11th (19) + 1.
    leaders = ("scott-dixon", "colton-herta", "rinus-veekay", "pato-o-ward")
    assert [alone[d] for d in leaders] == [53, 42, 18, 20]
