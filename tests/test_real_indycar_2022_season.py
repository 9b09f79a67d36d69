"""IndyCar 2022 from nothing, round by round, against INDYCAR's own results sheets, which print under
each race every car's points and the championship total and rank after it (sources:
tests/data/indycar-2022/README.md). Drivers by car number, each name checked by the sheets' chain of
totals; pole the start-1 car but at the Indianapolis 500 (the Top 12's 12 ... 1 from its grid, and the
doubled race table). No race points are read off the sheets; they are only checked against.

INDYCAR docked Alexander Rossi 20 points after his win at the IMS road course in July (round 13): the
sheets of round 13 on print it, and it is entered as an adjustment.

Every lap leader is known for six races (St. Petersburg, Barber, Mid-Ohio, Toronto, Nashville, Portland);
in nine more race reports name the driver who led the most laps, with his count, and often other leaders.
The drivers whose points fall short of their sheet's, because no stored source names them leaders, are
named with the exact points (``SHORT``): one point for each driver who led a lap, three for the one who
led the most where no source names him (two races: the GMR Grand Prix and Gateway). Nothing else differs:
every other car of every race scores exactly what its sheet prints, and every total of every table after
every round is the printed one less the named points of the rounds so far.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import event, leaders, races, sheet_column, sheet_season, short_after
from podium.model import Adjustment, AdjustmentKind, Event
from podium.rules import load_preset
from published import points_of, rows

DATA = Path(__file__).parent / "data" / "indycar-2022"

NY, LA, CHI, DET = "America/New_York", "America/Los_Angeles", "America/Chicago", "America/Detroit"
IND, TOR = "America/Indiana/Indianapolis", "America/Toronto"

ROUNDS: list[tuple[Event, str]] = [
    (
        event(1, "st-petersburg", "Firestone Grand Prix of St. Petersburg", date(2022, 2, 27), NY, 100),
        "r01-st-petersburg",
    ),
    (event(2, "texas", "XPEL 375", date(2022, 3, 20), CHI, 248), "r02-texas"),
    (event(3, "long-beach", "Acura Grand Prix of Long Beach", date(2022, 4, 10), LA, 85), "r03-long-beach"),
    (event(4, "barber", "Honda Indy Grand Prix of Alabama", date(2022, 5, 1), CHI, 90), "r04-barber"),
    (
        event(5, "indianapolis-gp", "GMR Grand Prix", date(2022, 5, 14), IND, 85, run=75),
        "r05-indianapolis-gp",
    ),
    (
        event(
            6,
            "indianapolis-500",
            "106th Running of the Indianapolis 500",
            date(2022, 5, 29),
            IND,
            200,
            qualifying=True,
        ),
        "r06-indianapolis-500",
    ),
    (event(7, "detroit", "Chevrolet Detroit Grand Prix", date(2022, 6, 5), DET, 70), "r07-detroit"),
    (
        event(8, "road-america", "Sonsio Grand Prix at Road America", date(2022, 6, 12), CHI, 55),
        "r08-road-america",
    ),
    (event(9, "mid-ohio", "Honda Indy 200 at Mid-Ohio", date(2022, 7, 3), NY, 80), "r09-mid-ohio"),
    (event(10, "toronto", "Honda Indy Toronto", date(2022, 7, 17), TOR, 85), "r10-toronto-sheet"),
    (event(11, "iowa-1", "Hy-VeeDeals.com 250", date(2022, 7, 23), CHI, 250), "r11-iowa-1"),
    (event(12, "iowa-2", "Hy-Vee Salute To Farmers 300", date(2022, 7, 24), CHI, 300), "r12-iowa-2"),
    (
        event(13, "indianapolis-gp-2", "Gallagher Grand Prix", date(2022, 7, 30), IND, 85),
        "r13-indianapolis-gp-2",
    ),
    (event(14, "nashville", "Big Machine Music City Grand Prix", date(2022, 8, 7), CHI, 80), "r14-nashville"),
    (event(15, "gateway", "Bommarito Automotive Group 500", date(2022, 8, 20), CHI, 260), "r15-gateway"),
    (event(16, "portland", "Grand Prix of Portland", date(2022, 9, 4), LA, 110), "r16-portland-sheet"),
    (
        event(17, "laguna-seca", "Firestone Grand Prix of Monterey", date(2022, 9, 11), LA, 95),
        "r17-laguna-seca",
    ),
]
QUALIFYING = {"indianapolis-500": DATA / "r06-indianapolis-500-qualifying.csv"}

ROSSI = (
    Adjustment(
        "rossi-20",
        "indianapolis-gp-2-race",
        "alexander-rossi",
        AdjustmentKind.POINTS,
        "INDYCAR, 3 August 2022: the drink bottle used as ballast to reach minimum weight (motorsport.com)",
        points=Fraction(-20),
    ),
)


def penalties(rnd: int) -> tuple[Adjustment, ...]:
    return ROSSI if rnd >= 13 else ()


# The lap leaders no source read names, race by race: leaders(the one who led the most laps, if no source
# names him, then the others). Rounds 1, 4, 9, 10, 14 and 16 are absent (every leader entered); the laps
# entered are in each fixture's header.
SHORT: dict[int, dict[str, int]] = {
    2: leaders(
        None,
        "callum-ilott",
        "david-malukas",
        "ed-carpenter",
        "helio-castroneves",
        "jr-hildebrand",
        "kyle-kirkwood",
        "marcus-ericsson",
        "takuma-sato",
        "will-power",
    ),
    3: leaders(None, "devlin-defrancesco", "will-power"),
    5: leaders(
        "colton-herta",
        "felix-rosenqvist",
        "marcus-ericsson",
        "pato-o-ward",
        "scott-mclaughlin",
        "tatiana-calderon",
    ),
    6: leaders(
        None,
        "alex-palou",
        "conor-daly",
        "jimmie-johnson",
        "marco-andretti",
        "marcus-ericsson",
        "pato-o-ward",
        "rinus-veekay",
        "tony-kanaan",
    ),
    7: leaders(None, "alex-palou", "scott-dixon"),
    8: leaders(
        None, "christian-lundgaard", "felix-rosenqvist", "marcus-ericsson", "romain-grosjean", "takuma-sato"
    ),
    11: leaders(None, "jimmie-johnson"),
    12: leaders(None, "david-malukas", "takuma-sato"),
    13: leaders(None, "colton-herta", "felix-rosenqvist", "scott-mclaughlin", "will-power"),
    15: leaders(
        "will-power",
        "david-malukas",
        "felix-rosenqvist",
        "graham-rahal",
        "josef-newgarden",
        "marcus-ericsson",
        "pato-o-ward",
        "romain-grosjean",
        "scott-mclaughlin",
        "takuma-sato",
    ),
    17: leaders(None, "callum-ilott", "felix-rosenqvist", "josef-newgarden"),
}


def official(rnd: int) -> dict[str, Fraction]:
    return sheet_column(DATA / f"{ROUNDS[rnd - 1][1]}-official-points.csv", "total")


def test_every_round_s_table_from_nothing() -> None:
    """After every round, every driver the sheet prints has the sheet's total less the named points of the
    rounds so far (450 printed lines, 174 exactly); each race on its own, every car its printed points but
    for the named lap leaders (St. Petersburg, Barber, Mid-Ohio, Toronto, Nashville, Portland: every car)."""
    totals, race, lines = sheet_season(2022, DATA, ROUNDS, adjustments=penalties)
    assert lines == 450
    for rnd, wrong in enumerate(totals, 1):
        printed = official(rnd)
        assert wrong == {d: p for d, p in short_after(SHORT, rnd).items() if d in printed}, rnd
    assert lines - sum(len(wrong) for wrong in totals) == 174
    for rnd, wrong in enumerate(race, 1):
        assert wrong == SHORT.get(rnd, {}), rnd
    assert [r for r in range(1, 18) if r not in SHORT] == [1, 4, 9, 10, 14, 16]


# The number of different leaders the sources print: the GMR Grand Prix "10 lead changes among six drivers"
# (INDYCAR's release, speedwaymedia.com), the 500 "nine drivers" (IMS's notes), Mid-Ohio three (McLaughlin,
# O'Ward and "the only other driver", Herta; Galion Inquirer), Toronto "7 among 6 drivers" and Portland "9
# among 5 drivers" (the AP box scores).
LEADERS_REPORTED = {5: 6, 6: 9, 9: 3, 10: 6, 16: 5}


def test_the_named_lines_are_lap_leaders() -> None:
    """Every named line is a lap-led point or the most-laps-led bonus with it, and no driver named led a lap
    in the entered laps; where a source counts the leaders, the entered and the named make that number."""
    for rnd, named in SHORT.items():
        _, stem = ROUNDS[rnd - 1]
        entered = {r["entry"] for r in rows(DATA / f"{stem}.csv") if int(r["laps_led"]) > 0}
        assert not entered & set(named), rnd
        assert sorted(named.values()).count(3) <= 1 and set(named.values()) <= {1, 3}, rnd
    assert [r for r, named in SHORT.items() if 3 in named.values()] == [5, 15]
    for rnd, count in LEADERS_REPORTED.items():
        _, stem = ROUNDS[rnd - 1]
        entered = {r["entry"] for r in rows(DATA / f"{stem}.csv") if int(r["laps_led"]) > 0}
        assert len(entered) + len(SHORT.get(rnd, {})) == count, rnd


def test_the_penalty() -> None:
    """Rossi's win at the IMS road course: 50 + led a lap + most laps led - 20 = 33, as the sheet prints."""
    stem = ROUNDS[12][1]
    assert sheet_column(DATA / f"{stem}-official-points.csv", "points")["alexander-rossi"] == 33
    built = races(2022, [(e, DATA / f"{s}.csv") for e, s in ROUNDS[12:13]])
    alone = points_of(replace(built, adjustments=ROSSI), load_preset("indycar-2022"), "drivers")
    assert alone["alexander-rossi"] == 33


def test_the_final_table() -> None:
    """The final table, each driver's total as the last sheet he appears on prints it (Power 560, Newgarden
    544, Dixon 521, McLaughlin and Palou 510 ...; 35 drivers), from nothing: exactly, less the named points.
    Power is champion and the top three stand in the printed order even without them."""
    last: dict[str, Fraction] = {}
    for rnd in range(1, len(ROUNDS) + 1):
        last |= official(rnd)
    built = races(2022, [(e, DATA / f"{stem}.csv") for e, stem in ROUNDS], qualifying=QUALIFYING)
    final = points_of(replace(built, adjustments=ROSSI), load_preset("indycar-2022"), "drivers")
    assert set(final) == set(last) and len(last) == 35
    assert {d: p - final[d] for d, p in last.items() if final[d] != p} == short_after(SHORT, len(ROUNDS))
    top = sorted(last, key=lambda d: -last[d])[:5]
    assert [(d, int(last[d])) for d in top] == [
        ("will-power", 560),
        ("josef-newgarden", 544),
        ("scott-dixon", 521),
        ("scott-mclaughlin", 510),
        ("alex-palou", 510),
    ]
    assert sorted(final, key=lambda d: -final[d])[:3] == top[:3]
