"""IndyCar 2023, round 10 (Honda Indy Toronto, 16 July 2023) proven on INDYCAR's own results sheets
(sources: tests/data/indycar-2023/README.md): from the totals the Mid-Ohio sheet printed (round 9), all 27
starters' totals after Toronto and every car's points for the race, the classification with every lap leader
as the AP box score prints it (r10-toronto.csv, the same places, starts and laps as the sheet). The 2023
scoring outside the Indianapolis 500 is checked line by line; the 500 is
tests/test_real_indycar_indy500_2021_2023.py.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import event, sheet_column, sheet_round

DATA = Path(__file__).parent / "data" / "indycar-2023"
STEM = "r10-toronto"
TORONTO = event(10, "toronto", "Honda Indy Toronto", date(2023, 7, 16), "America/Toronto", 85)
OFFICIAL = DATA / f"{STEM}-official-points.csv"


def test_toronto_from_the_printed_totals_reproduces_every_total_after_it() -> None:
    after, _, before = sheet_round(2023, TORONTO, DATA, STEM)
    published = sheet_column(OFFICIAL, "total")
    assert (len(published), len(before)) == (27, 26)
    assert after == published
    # Palou 417 to Dixon's 300, as the AP and NBC printed them; Blomqvist, 25th on debut, 5.
    assert (after["alex-palou"], after["scott-dixon"], after["tom-blomqvist"]) == (
        Fraction(417),
        Fraction(300),
        Fraction(5),
    )


def test_toronto_pays_every_car_its_printed_points() -> None:
    _, alone, _ = sheet_round(2023, TORONTO, DATA, STEM)
    assert alone == sheet_column(OFFICIAL, "points")
    # Lundgaard 50 + pole + led + most laps led (54 of 85); Ericsson 11th (19) + 1 for lap 35.
    assert (alone["christian-lundgaard"], alone["marcus-ericsson"]) == (Fraction(54), Fraction(20))


def test_the_before_table_is_the_earlier_sheets_totals() -> None:
    _, _, before = sheet_round(2023, TORONTO, DATA, STEM)
    total, race = sheet_column(OFFICIAL, "total"), sheet_column(OFFICIAL, "points")
    assert {d: total[d] - race[d] for d in total} == {d: before.get(d, Fraction(0)) for d in total}
    assert before["alex-palou"] == Fraction(377)
