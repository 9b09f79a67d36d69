"""IndyCar 2023 from nothing, round by round, against INDYCAR's own results sheets, which print under
each race every car's points and the championship total and rank after it (sources:
tests/data/indycar-2023/README.md). Drivers by car number, each name checked by the sheets' chain of
totals; pole the start-1 car but at the Indianapolis 500 (the Top 12's 12 ... 1 from its grid). No race
points are read off the sheets; they are only checked against.

Every lap leader is known for one race only (Toronto, the AP box score); in fifteen more race reports
name the driver who led the most laps, with his count, and often other leaders (the 500's first eight).
The drivers whose points fall short of their sheet's, because no stored source names them leaders, are
named with the exact points (``SHORT``): one point for each driver who led a lap, three for the one who
led the most where no source names him (one race: the IMS road course in August). Nothing else differs:
every other car of every race scores exactly what its sheet prints, and every total of every table after
every round is the printed one less the named points of the rounds so far.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import event, leaders, races, sheet_column, sheet_season, short_after
from podium.model import Event
from podium.rules import load_preset
from published import points_of, rows

DATA = Path(__file__).parent / "data" / "indycar-2023"

NY, LA, CHI, DET = "America/New_York", "America/Los_Angeles", "America/Chicago", "America/Detroit"
IND, TOR = "America/Indiana/Indianapolis", "America/Toronto"

ROUNDS: list[tuple[Event, str]] = [
    (
        event(1, "st-petersburg", "Firestone Grand Prix of St. Petersburg", date(2023, 3, 5), NY, 100),
        "r01-st-petersburg",
    ),
    (event(2, "texas", "PPG 375", date(2023, 4, 2), CHI, 250), "r02-texas"),
    (event(3, "long-beach", "Acura Grand Prix of Long Beach", date(2023, 4, 16), LA, 85), "r03-long-beach"),
    (event(4, "barber", "Children's of Alabama Indy Grand Prix", date(2023, 4, 30), CHI, 90), "r04-barber"),
    (event(5, "indianapolis-gp", "GMR Grand Prix", date(2023, 5, 13), IND, 85), "r05-indianapolis-gp"),
    (
        event(
            6,
            "indianapolis-500",
            "107th Running of the Indianapolis 500",
            date(2023, 5, 28),
            IND,
            200,
            qualifying=True,
        ),
        "r06-indianapolis-500",
    ),
    (event(7, "detroit", "Chevrolet Detroit Grand Prix", date(2023, 6, 4), DET, 100), "r07-detroit"),
    (
        event(8, "road-america", "Sonsio Grand Prix at Road America", date(2023, 6, 18), CHI, 55),
        "r08-road-america",
    ),
    (event(9, "mid-ohio", "Honda Indy 200 at Mid-Ohio", date(2023, 7, 2), NY, 80), "r09-mid-ohio"),
    (event(10, "toronto", "Honda Indy Toronto", date(2023, 7, 16), TOR, 85), "r10-toronto-sheet"),
    (event(11, "iowa-1", "Hy-Vee Homefront 250", date(2023, 7, 22), CHI, 250), "r11-iowa-1"),
    (event(12, "iowa-2", "Hy-Vee One Step 250", date(2023, 7, 23), CHI, 250), "r12-iowa-2"),
    (event(13, "nashville", "Big Machine Music City Grand Prix", date(2023, 8, 6), CHI, 80), "r13-nashville"),
    (
        event(14, "indianapolis-gp-2", "Gallagher Grand Prix", date(2023, 8, 12), IND, 85),
        "r14-indianapolis-gp-2",
    ),
    (event(15, "gateway", "Bommarito Automotive Group 500", date(2023, 8, 27), CHI, 260), "r15-gateway"),
    (event(16, "portland", "BITNILE.COM Grand Prix of Portland", date(2023, 9, 3), LA, 110), "r16-portland"),
    (
        event(17, "laguna-seca", "Firestone Grand Prix of Monterey", date(2023, 9, 10), LA, 95),
        "r17-laguna-seca",
    ),
]
QUALIFYING = {"indianapolis-500": DATA / "r06-indianapolis-500-qualifying.csv"}

# The lap leaders no source read names, race by race: leaders(the one who led the most laps, if no source
# names him, then the others). Toronto (round 10) is absent: the AP's lap-leader line gives every leader
# (Lundgaard 54, McLaughlin 28, Dixon 2, Ericsson 1). The laps entered are in each fixture's header.
SHORT: dict[int, dict[str, int]] = {
    1: leaders(None, "david-malukas", "marcus-ericsson", "pato-o-ward", "scott-dixon"),
    2: leaders(
        None,
        "alex-palou",
        "colton-herta",
        "felix-rosenqvist",
        "romain-grosjean",
        "scott-dixon",
        "sting-ray-robb",
    ),
    3: leaders(None, "agustin-canapino", "alex-palou"),
    4: leaders(None, "josef-newgarden", "will-power"),
    5: leaders(None, "felix-rosenqvist", "graham-rahal", "marcus-ericsson", "scott-dixon"),
    6: leaders(
        None,
        "alexander-rossi",
        "callum-ilott",
        "colton-herta",
        "helio-castroneves",
        "takuma-sato",
        "will-power",
    ),
    7: leaders(
        None,
        "alexander-rossi",
        "josef-newgarden",
        "kyle-kirkwood",
        "marcus-ericsson",
        "pato-o-ward",
        "will-power",
    ),
    8: leaders(None, "marcus-armstrong", "will-power"),
    9: leaders(None, "graham-rahal", "scott-dixon", "will-power"),
    11: leaders(None, "alex-palou", "takuma-sato", "will-power"),
    12: leaders(None, "felix-rosenqvist", "marcus-ericsson", "scott-dixon", "scott-mclaughlin"),
    13: leaders(None, "alex-palou", "marcus-ericsson", "romain-grosjean", "scott-mclaughlin", "will-power"),
    14: leaders("graham-rahal", "christian-lundgaard", "devlin-defrancesco", "scott-dixon"),
    15: leaders(None, "alexander-rossi", "colton-herta", "pato-o-ward", "scott-mclaughlin", "will-power"),
    16: leaders(None, "david-malukas", "felix-rosenqvist", "graham-rahal", "scott-dixon"),
    17: leaders(None, "colton-herta", "pato-o-ward", "romain-grosjean", "scott-dixon"),
}


def official(rnd: int) -> dict[str, Fraction]:
    return sheet_column(DATA / f"{ROUNDS[rnd - 1][1]}-official-points.csv", "total")


def test_every_round_s_table_from_nothing() -> None:
    """After every round, every driver the sheet prints has the sheet's total less the named points of the
    rounds so far (469 printed lines, 193 exactly); each race on its own, every car its printed points but
    for the named lap leaders (Toronto: every car)."""
    totals, race, lines = sheet_season(2023, DATA, ROUNDS)
    assert lines == 469
    for rnd, wrong in enumerate(totals, 1):
        printed = official(rnd)
        assert wrong == {d: p for d, p in short_after(SHORT, rnd).items() if d in printed}, rnd
    assert lines - sum(len(wrong) for wrong in totals) == 193
    for rnd, wrong in enumerate(race, 1):
        assert wrong == SHORT.get(rnd, {}), rnd
    assert [r for r in range(1, 18) if r not in SHORT] == [10]


# The number of different leaders the sources print: Long Beach four (Kirkwood, Newgarden, "two others",
# lacar.com), the GMR Grand Prix "eight drivers" (readthereporter.com), the 500 "Fourteen different drivers
# led at least one lap" (INDYCAR's notes, WISH-TV).
LEADERS_REPORTED = {3: 4, 5: 8, 6: 14}


def test_the_named_lines_are_lap_leaders() -> None:
    """Every named line is a lap-led point or the most-laps-led bonus with it, and no driver named led a lap
    in the entered laps: in every race at most one driver is three short, every other one short; none is
    three short where a source names the leader of most laps. Where a source counts the leaders, the
    entered and the named make that number."""
    for rnd, named in SHORT.items():
        _, stem = ROUNDS[rnd - 1]
        entered = {r["entry"] for r in rows(DATA / f"{stem}.csv") if int(r["laps_led"]) > 0}
        assert not entered & set(named), rnd
        assert sorted(named.values()).count(3) <= (0 if entered else 1), rnd
        assert set(named.values()) <= {1, 3}, rnd
    assert [r for r, named in SHORT.items() if 3 in named.values()] == [14]
    for rnd, count in LEADERS_REPORTED.items():
        _, stem = ROUNDS[rnd - 1]
        entered = {r["entry"] for r in rows(DATA / f"{stem}.csv") if int(r["laps_led"]) > 0}
        assert len(entered) + len(SHORT.get(rnd, {})) == count, rnd


def test_the_final_table() -> None:
    """The final table, each driver's total as the last sheet he appears on prints it (Palou 656, Dixon
    578, McLaughlin 488, O'Ward 484, Newgarden 479 ...; 37 drivers), from nothing: exactly, less the named
    points. Palou is champion and the top five stand in the printed order even without them."""
    last: dict[str, Fraction] = {}
    for rnd in range(1, len(ROUNDS) + 1):
        last |= official(rnd)
    built = races(2023, [(e, DATA / f"{stem}.csv") for e, stem in ROUNDS], qualifying=QUALIFYING)
    final = points_of(built, load_preset("indycar-2023"), "drivers")
    assert set(final) == set(last) and len(last) == 37
    assert {d: p - final[d] for d, p in last.items() if final[d] != p} == short_after(SHORT, len(ROUNDS))
    top = sorted(last, key=lambda d: -last[d])[:5]
    assert [(d, int(last[d])) for d in top] == [
        ("alex-palou", 656),
        ("scott-dixon", 578),
        ("scott-mclaughlin", 488),
        ("pato-o-ward", 484),
        ("josef-newgarden", 479),
    ]
    assert sorted(final, key=lambda d: -final[d])[:5] == top
