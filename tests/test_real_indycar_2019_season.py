"""IndyCar 2019 from nothing, round by round, against INDYCAR's own results sheets, which print under
each race every car's points and the championship total and rank after it (sources:
tests/data/indycar-2019/README.md). All 17 rounds: drivers by car number and every car's laps led from
drewbennison/thesingleseater (its places and starts agree with every sheet's), pole the start-1 car but
at Pocono (qualifying rained out, grid by entrant points, no pole point) and the Indianapolis 500 (the
Fast Nine's 9 ... 1 instead); at the Detroit doubleheader the second on the grid, fastest of the other
qualifying group, scores 1 too; the 500 and the finale at Laguna Seca pay double race points. No race
points are read off the sheets; they are only checked against.

Every line of every table after every round is reproduced exactly: 399 printed lines, Newgarden champion
with 641.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import event, sheet_column, sheet_season
from podium.model import Event
from podium.model.values import slug
from published import rows

DATA = Path(__file__).parent / "data" / "indycar-2019"

NY, LA, CHI, DET = "America/New_York", "America/Los_Angeles", "America/Chicago", "America/Detroit"
IND, TOR = "America/Indiana/Indianapolis", "America/Toronto"

ROUNDS: list[tuple[Event, str]] = [
    (
        event(1, "st-petersburg", "Firestone Grand Prix of St. Petersburg", date(2019, 3, 10), NY, 110),
        "r01-st-petersburg",
    ),
    (event(2, "cota", "INDYCAR Classic", date(2019, 3, 24), CHI, 60), "r02-cota"),
    (event(3, "barber", "Honda Indy Grand Prix of Alabama", date(2019, 4, 7), CHI, 90), "r03-barber"),
    (event(4, "long-beach", "Acura Grand Prix of Long Beach", date(2019, 4, 14), LA, 85), "r04-long-beach"),
    (event(5, "indianapolis-gp", "INDYCAR Grand Prix", date(2019, 5, 11), IND, 85), "r05-indianapolis-gp"),
    (
        event(
            6,
            "indianapolis-500",
            "103rd Running of the Indianapolis 500",
            date(2019, 5, 26),
            IND,
            200,
            qualifying=True,
        ),
        "r06-indianapolis-500",
    ),
    (
        event(
            7,
            "detroit-1",
            "Chevrolet Detroit Grand Prix Race 1",
            date(2019, 6, 1),
            DET,
            70,
            run=43,
            qualifying=True,
        ),
        "r07-detroit-1",
    ),
    (
        event(
            8, "detroit-2", "Chevrolet Detroit Grand Prix Race 2", date(2019, 6, 2), DET, 70, qualifying=True
        ),
        "r08-detroit-2",
    ),
    (event(9, "texas", "DXC Technology 600", date(2019, 6, 8), CHI, 248), "r09-texas"),
    (
        event(10, "road-america", "REV Group Grand Prix at Road America", date(2019, 6, 23), CHI, 55),
        "r10-road-america",
    ),
    (event(11, "toronto", "Honda Indy Toronto", date(2019, 7, 14), TOR, 85), "r11-toronto"),
    (event(12, "iowa", "Iowa 300", date(2019, 7, 21), CHI, 300), "r12-iowa-sheet"),
    (event(13, "mid-ohio", "Honda Indy 200 at Mid-Ohio", date(2019, 7, 28), NY, 90), "r13-mid-ohio"),
    (event(14, "pocono", "ABC Supply 500", date(2019, 8, 18), NY, 200, run=128), "r14-pocono"),
    (
        event(15, "gateway", "Bommarito Automotive Group 500", date(2019, 8, 24), CHI, 248),
        "r15-gateway-sheet",
    ),
    (event(16, "portland", "Grand Prix of Portland", date(2019, 9, 1), LA, 105), "r16-portland-sheet"),
    (
        event(17, "laguna-seca", "Firestone Grand Prix of Monterey", date(2019, 9, 22), LA, 90),
        "r17-laguna-seca-sheet",
    ),
]


def test_every_round_s_table_and_every_race_s_points_from_nothing() -> None:
    """After each of the 17 rounds every driver the sheet prints has the sheet's total (399 lines), and
    every car of every race its printed points: not one line differs."""
    totals, race, lines = sheet_season(2019, DATA, ROUNDS)
    assert lines == 399
    assert totals == [{}] * 17
    assert race == [{}] * 17


def _last_totals(upto: int) -> dict[str, Fraction]:
    """Each driver's total on the last sheet through round ``upto`` that prints him."""
    last: dict[str, Fraction] = {}
    for _, stem in ROUNDS[:upto]:
        last |= sheet_column(DATA / f"{stem}-official-points.csv", "total")
    return last


def test_the_sheets_are_the_ap_table_after_portland() -> None:
    """The AP's points leaders after round 16 (a table published by someone other than the sheets): its
    20 lines are the sheets' totals, which podium reproduces."""
    ap = {slug(r["driver"]): Fraction(r["points"]) for r in rows(DATA / "standings-after-r16-ap-top20.csv")}
    assert len(ap) == 20
    last = _last_totals(16)
    assert {d: last[d] for d in ap} == ap


def test_the_final_table() -> None:
    """The finale's sheet: Newgarden 641 champion, Pagenaud 616, Rossi 608, Dixon 578."""
    final = sheet_column(DATA / "r17-laguna-seca-sheet-official-points.csv", "total")
    top = sorted(final, key=lambda d: -final[d])[:4]
    assert [(d, final[d]) for d in top] == [
        ("josef-newgarden", Fraction(641)),
        ("simon-pagenaud", Fraction(616)),
        ("alexander-rossi", Fraction(608)),
        ("scott-dixon", Fraction(578)),
    ]


def _led(stem: str) -> dict[str, int]:
    return {r["entry"]: int(r["laps_led"]) for r in rows(DATA / f"{stem}.csv") if int(r["laps_led"])}


# The older round fixtures took their lap leaders from race reports and box scores (named in their
# headers); thesingleseater's laps led agree with them but at St. Petersburg, where the older fixture enters
# Power with 12 and Rossi with 1 (counts no report printed, only that both led) and thesingleseater gives 17
# and 2 (the same leaders, Newgarden most with 60 in both: no point changes).
CROSS = {
    "r1-st-petersburg": "r01-st-petersburg",
    "r7-detroit-1": "r07-detroit-1",
    "r12-iowa": "r12-iowa-sheet",
    "r15-gateway": "r15-gateway-sheet",
    "r16-portland": "r16-portland-sheet",
    "r17-laguna-seca": "r17-laguna-seca-sheet",
}


# Laguna Seca: the older fixture leaves the 7 laps Herta did not lead unattributed (no source read named
# them); thesingleseater gives them to Power (6) and Pagenaud (1), exactly the two lap-led points the
# finale's sheet pays beyond Herta's (tests/test_real_indycar_2019.py names them one point short each).
UNATTRIBUTED = {"r17-laguna-seca": {"will-power": 6, "simon-pagenaud": 1}}


def test_the_laps_led_agree_with_the_older_fixtures() -> None:
    differ: dict[str, dict[str, tuple[int, int]]] = {}
    for old, new in CROSS.items():
        press, sheet = _led(old), _led(new)
        assert {d: n for d, n in sheet.items() if d not in press} == UNATTRIBUTED.get(old, {}), old
        wrong = {d: (press[d], sheet.get(d, 0)) for d in press if press[d] != sheet.get(d, 0)}
        if wrong:
            differ[old] = wrong
    assert differ == {"r1-st-petersburg": {"will-power": (12, 17), "alexander-rossi": (1, 2)}}


def test_the_group_qualifying_files_agree_with_the_older_one() -> None:
    """Detroit race 1: the sheet's first two on the grid are the pole sitter and the other group's fastest
    the older fixture took from INDYCAR's release."""
    assert [r["entry"] for r in rows(DATA / "r7-detroit-1-qualifying.csv")][:2] == [
        r["entry"] for r in rows(DATA / "r07-detroit-1-qualifying.csv")
    ]


def test_the_500_s_leaders_are_the_ten_indycar_counted() -> None:
    """INDYCAR counted "29 lead changes among 10 drivers" at the 2019 Indianapolis 500: thesingleseater
    names ten leaders, their laps make the 200, and Pagenaud led most (116)."""
    led = _led("r06-indianapolis-500")
    assert len(led) == 10 and sum(led.values()) == 200
    assert max(led, key=lambda d: led[d]) == "simon-pagenaud" and led["simon-pagenaud"] == 116
