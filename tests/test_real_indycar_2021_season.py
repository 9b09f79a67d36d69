"""IndyCar 2021 from nothing, round by round, against INDYCAR's own results sheets, which print under
each race every car's points and the championship total and rank after it (sources:
tests/data/indycar-2021/README.md). All 16 rounds: drivers by car number and every car's laps led from
drewbennison/thesingleseater (its places and starts agree with every sheet's), pole the start-1 car but
at the two Texas races (qualifying rained out, grids by entrant points) and the Indianapolis 500 (the
Fast Nine's 9 ... 1 instead). No race points are read off the sheets; they are only checked against.

Every line of every table after every round is reproduced exactly: 416 printed lines, Palou champion
with 549.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import event, sheet_column, sheet_season
from podium.model import Event
from published import rows

DATA = Path(__file__).parent / "data" / "indycar-2021"

NY, LA, CHI, DET = "America/New_York", "America/Los_Angeles", "America/Chicago", "America/Detroit"
IND = "America/Indiana/Indianapolis"

ROUNDS: list[tuple[Event, str]] = [
    (event(1, "barber", "Honda Indy Grand Prix of Alabama", date(2021, 4, 18), CHI, 90), "r01-barber"),
    (
        event(2, "st-petersburg", "Firestone Grand Prix of St. Petersburg", date(2021, 4, 25), NY, 100),
        "r02-st-petersburg",
    ),
    (event(3, "texas-1", "Genesys 300", date(2021, 5, 1), CHI, 212), "r03-texas-1"),
    (event(4, "texas-2", "XPEL 375", date(2021, 5, 2), CHI, 248), "r04-texas-2"),
    (event(5, "indianapolis-gp", "GMR Grand Prix", date(2021, 5, 15), IND, 85), "r05-indianapolis-gp"),
    (
        event(
            6,
            "indianapolis-500",
            "105th Running of the Indianapolis 500",
            date(2021, 5, 30),
            IND,
            200,
            qualifying=True,
        ),
        "r06-indianapolis-500",
    ),
    (
        event(7, "detroit-1", "Chevrolet Detroit Grand Prix Race 1", date(2021, 6, 12), DET, 70),
        "r07-detroit-1",
    ),
    (
        event(8, "detroit-2", "Chevrolet Detroit Grand Prix Race 2", date(2021, 6, 13), DET, 70),
        "r08-detroit-2",
    ),
    (event(9, "road-america", "REV Group Grand Prix", date(2021, 6, 20), CHI, 55), "r09-road-america"),
    (event(10, "mid-ohio", "Honda Indy 200 at Mid-Ohio", date(2021, 7, 4), NY, 80), "r10-mid-ohio"),
    (event(11, "nashville", "Big Machine Music City Grand Prix", date(2021, 8, 8), CHI, 80), "r11-nashville"),
    (
        event(12, "indianapolis-gp-2", "Big Machine Spiked Coolers Grand Prix", date(2021, 8, 14), IND, 85),
        "r12-indianapolis-gp-2",
    ),
    (event(13, "gateway", "Bommarito Automotive Group 500", date(2021, 8, 21), CHI, 260), "r13-gateway"),
    (event(14, "portland", "Grand Prix of Portland", date(2021, 9, 12), LA, 110), "r14-portland-sheet"),
    (
        event(15, "laguna-seca", "Firestone Grand Prix of Monterey", date(2021, 9, 19), LA, 95),
        "r15-laguna-seca",
    ),
    (
        event(16, "long-beach", "Acura Grand Prix of Long Beach", date(2021, 9, 26), LA, 85),
        "r16-long-beach-sheet",
    ),
]


def test_every_round_s_table_and_every_race_s_points_from_nothing() -> None:
    """After each of the 16 rounds every driver the sheet prints has the sheet's total (416 lines), and
    every car of every race its printed points: not one line differs."""
    totals, race, lines = sheet_season(2021, DATA, ROUNDS)
    assert lines == 416
    assert totals == [{}] * 16
    assert race == [{}] * 16


def test_the_final_table() -> None:
    """The finale's sheet: Palou 549, Newgarden 511, O'Ward 487, Dixon 481; 28 drivers."""
    final = sheet_column(DATA / "r16-long-beach-sheet-official-points.csv", "total")
    top = sorted(final, key=lambda d: -final[d])[:4]
    assert [(d, final[d]) for d in top] == [
        ("alex-palou", Fraction(549)),
        ("josef-newgarden", Fraction(511)),
        ("pato-o-ward", Fraction(487)),
        ("scott-dixon", Fraction(481)),
    ]


def _led(stem: str) -> dict[str, int]:
    return {r["entry"]: int(r["laps_led"]) for r in rows(DATA / f"{stem}.csv") if int(r["laps_led"])}


# The older round fixtures took their lap leaders from the AP box scores and race reports (named in their
# headers); thesingleseater's laps led agree with them but at Barber, where the AP's lap-leader line gives
# Palou 58 and O'Ward 23 and thesingleseater 56 and 25 (the same 90 laps; Palou leads most either way, so
# no point changes).
CROSS = {
    "r1-barber": "r01-barber",
    "r5-gmr-grand-prix": "r05-indianapolis-gp",
    "r12-big-machine-spiked-coolers-gp": "r12-indianapolis-gp-2",
    "r14-portland": "r14-portland-sheet",
    "r16-long-beach": "r16-long-beach-sheet",
}


def test_the_laps_led_agree_with_the_box_scores() -> None:
    differ: dict[str, dict[str, tuple[int, int]]] = {}
    for old, new in CROSS.items():
        press, sheet = _led(old), _led(new)
        assert set(press) == set(sheet)
        wrong = {d: (press[d], sheet[d]) for d in press if press[d] != sheet[d]}
        if wrong:
            differ[old] = wrong
    assert differ == {"r1-barber": {"alex-palou": (58, 56), "pato-o-ward": (23, 25)}}
