"""IndyCar 2020, proven on published tables: INDYCAR's own results sheets, which print under each race
every car's points and the championship totals after it (sources: tests/data/indycar-2020/README.md).

- The season opener (Genesys 300, Texas, 6 June 2020) from nothing, with the classification as the AP
  box score prints it: all 24 lines of the table after it but one, named: Takuma Sato, printed 24th as a
  non-starter, is paid 3.
- Round 3 (Road America race 1, 11 July 2020) from the totals the round-2 sheet printed: all 23 of its
  starters' totals after it, with the 2020 doubleheaders' point for the fastest of the second
  qualifying group (Jack Harvey, second on the grid).
- Round 4 (Road America race 2) after round 3, both from the round-2 totals: all 23 totals after it.
- Round 13 (Harvest GP Race 2, 3 October 2020) from the totals the Race 1 sheet printed: all 25 totals
  after it; Power led every lap from pole, so Herta's extra point is the second group's again.
- Round 14 (St. Petersburg, the finale) from the totals before it: the final 2020 table of its 24
  starters, Dixon champion with 537, 20 lines exactly and four named (lap-led points no source attributes).

Both check the 2020 table 50-40-35... and the bonuses outside the Indianapolis 500 (1 for pole, 1 for a
lap led, 2 more for most laps led); the 500 is tests/test_real_indycar_2020_indy500.py.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import event, one_race, races
from podium.model import (
    Season,
)
from podium.model.values import slug
from podium.rules import load_preset
from published import carried_in, points_of, rows, table

DATA = Path(__file__).parent / "data" / "indycar-2020"
SHEET = "r1-texas.csv"
OFFICIAL = "r1-texas-official-points.csv"
SESSION = "texas-race"


def _season(sheet: Path = DATA / SHEET) -> Season:
    texas = event(1, "texas", "Genesys 300", date(2020, 6, 6), "America/Chicago", 200)
    return one_race(2020, texas, sheet)


def _computed(season: Season | None = None) -> dict[str, Fraction]:
    return points_of(season or _season(), load_preset("indycar-2020"), "drivers")


def _official(column: str) -> dict[str, Fraction]:
    return {slug(r["driver"]): Fraction(r[column]) for r in rows(DATA / OFFICIAL)}


def test_the_opener_reproduces_the_official_table_after_it() -> None:
    """Nothing is carried in, so the sheet's totals are its race points; 23 of the 24 lines exactly."""
    published = _official("total")
    assert published == _official("points") == table(DATA / OFFICIAL)
    assert len(published) == 24
    computed = _computed()
    wrong = {d: (computed.get(d), p) for d, p in published.items() if computed.get(d) != p}
    assert wrong == {"takuma-sato": (Fraction(6), Fraction(3))}
    # Dixon 50 + 1 led + 2 most led; Newgarden 35 + 1 pole + 1 led; Veach 32 + 1 led (laps 35-36).
    assert (computed["scott-dixon"], computed["josef-newgarden"], computed["zach-veach"]) == (
        Fraction(53),
        Fraction(37),
        Fraction(33),
    )


def test_the_printed_ranks_follow_the_computed_points() -> None:
    computed = _computed()
    ranked = [slug(r["driver"]) for r in sorted(rows(DATA / OFFICIAL), key=lambda r: int(r["rank"]))]
    assert ranked[:23] == sorted(ranked[:23], key=lambda d: -computed[d])
    assert ranked[23] == "takuma-sato"


def test_sato_did_not_start_and_is_paid_3(tmp_path: Path) -> None:
    """The AP prints Sato 24th, 0 laps, "Did Not Start"; INDYCAR's sheet pays him 3, half of the 6
    that 24th place pays. Entered as printed (a non-starter in 24th) he scores that place's 6, as
    Ferrucci was paid in full at Toronto 2025; without the printed place a non-starter scores
    nothing: neither is the printed 3, so the line is named."""
    assert _computed()["takuma-sato"] == 6
    assert _official("points")["takuma-sato"] == 3
    text = (DATA / SHEET).read_text(encoding="utf-8")
    assert "24,takuma-sato,DNS,0," in text
    unplaced = tmp_path / "r1-sato-unplaced.csv"
    unplaced.write_text(text.replace("24,takuma-sato,DNS,0,", ",takuma-sato,DNS,0,"), encoding="utf-8")
    assert _computed(_season(unplaced))["takuma-sato"] == 0


RA1, RA1_OFFICIAL, AFTER_R2 = (
    "r3-road-america-1.csv",
    "r3-road-america-1-official-points.csv",
    "standings-after-r2.csv",
)
RA1_QUALIFYING = "r3-road-america-1-qualifying.csv"


def _road_america(*, qualifying: bool = True) -> Season:
    race = event(
        3,
        "road-america-1",
        "REV Group Grand Prix Race 1",
        date(2020, 7, 11),
        "America/Chicago",
        55,
        qualifying=True,
    )
    return one_race(
        2020,
        race,
        DATA / RA1,
        carried=DATA / AFTER_R2,
        qualifying=DATA / RA1_QUALIFYING if qualifying else None,
    )


def test_road_america_1_from_the_official_totals_reproduces_the_table_after_it() -> None:
    """Round 3 from the totals INDYCAR's GMR Grand Prix sheet printed: all 23 starters' totals after it."""
    before = table(DATA / AFTER_R2)
    assert len(before) == 23
    ruleset = carried_in("indycar-2020", before, "totals after round 2 as INDYCAR printed them")
    computed = points_of(_road_america(), ruleset, "drivers")
    published = {slug(r["driver"]): Fraction(r["total"]) for r in rows(DATA / RA1_OFFICIAL)}
    assert computed == published
    # Newgarden, 14th from pole with 25 laps led: 64 + 16 + 1 + 1 + 2; Dixon 104 + 50 + 1 (16 laps led).
    assert (computed["josef-newgarden"], computed["scott-dixon"]) == (Fraction(84), Fraction(155))


def test_the_second_qualifying_group_s_fastest_scores_a_point_at_road_america() -> None:
    """Jack Harvey retired 23rd (7 points) and led no lap in the AP's complete lap-leader line (5 lead
    changes among 5 drivers), yet INDYCAR's sheet pays him 8: he was the fastest of the other
    qualifying group, second on the grid, which the 2020 doubleheader format paid a point. Without the
    qualifying order he would be one short, and nobody else would move."""
    printed = {slug(r["driver"]): Fraction(r["points"]) for r in rows(DATA / RA1_OFFICIAL)}
    ruleset = load_preset("indycar-2020")
    race = points_of(_road_america(), ruleset, "drivers")
    assert race == printed and race["jack-harvey"] == 8
    without = points_of(_road_america(qualifying=False), ruleset, "drivers")
    assert {d: printed[d] - p for d, p in without.items() if p != printed[d]} == {"jack-harvey": Fraction(1)}


RA2, RA2_QUALIFYING, RA2_OFFICIAL = (
    "r4-road-america-2.csv",
    "r4-road-america-2-qualifying.csv",
    "r4-road-america-2-official-points.csv",
)


def test_road_america_1_and_2_in_a_row_from_the_totals_after_round_2() -> None:
    """Rounds 3 and 4 in a row from the round-2 sheet's totals: after each, all 23 starters' totals are
    the ones INDYCAR's sheet prints, both races paying the second qualifying group's fastest a point
    (Harvey in race 1; Herta, fifth, in race 2)."""
    ra1 = event(
        3,
        "road-america-1",
        "REV Group Grand Prix Race 1",
        date(2020, 7, 11),
        "America/Chicago",
        55,
        qualifying=True,
    )
    ra2 = event(
        4,
        "road-america-2",
        "REV Group Grand Prix Race 2",
        date(2020, 7, 12),
        "America/Chicago",
        55,
        qualifying=True,
    )
    season = races(
        2020,
        [(ra1, DATA / RA1), (ra2, DATA / RA2)],
        carried=DATA / AFTER_R2,
        qualifying={"road-america-1": DATA / RA1_QUALIFYING, "road-america-2": DATA / RA2_QUALIFYING},
    )
    ruleset = carried_in(
        "indycar-2020", table(DATA / AFTER_R2), "totals after round 2 as INDYCAR printed them"
    )
    computed = points_of(season, ruleset, "drivers")
    published = {slug(r["driver"]): Fraction(r["total"]) for r in rows(DATA / RA2_OFFICIAL)}
    assert len(published) == 23 and computed == published
    # Rosenqvist won (50 + 1 led); O'Ward 40 + pole + led + most led (43 laps); Herta 30 + 1 (group).
    no_qualifying = points_of(
        races(2020, [(ra1, DATA / RA1), (ra2, DATA / RA2)], carried=DATA / AFTER_R2), ruleset, "drivers"
    )
    short = {d: p - no_qualifying[d] for d, p in published.items() if no_qualifying[d] != p}
    assert short == {"jack-harvey": Fraction(1), "colton-herta": Fraction(1)}


HGP2, HGP2_QUALIFYING = "r13-harvest-gp-2.csv", "r13-harvest-gp-2-qualifying.csv"
HGP2_OFFICIAL, AFTER_R12 = "r13-harvest-gp-2-official-points.csv", "standings-after-r12.csv"


def _harvest_gp_2(*, qualifying: bool = True) -> Season:
    race = event(
        13,
        "harvest-gp-2",
        "INDYCAR Harvest GP Race 2",
        date(2020, 10, 3),
        "America/Indiana/Indianapolis",
        75,
        qualifying=True,
    )
    return one_race(
        2020,
        race,
        DATA / HGP2,
        carried=DATA / AFTER_R12,
        qualifying=DATA / HGP2_QUALIFYING if qualifying else None,
    )


def test_harvest_gp_2_from_the_official_totals_reproduces_the_table_after_it() -> None:
    """Round 13 from the totals INDYCAR's Race 1 sheet printed: all 25 starters' totals after it. Power led
    all 75 laps from pole (50 + 1 + 1 + 2), so Colton Herta's one point above second place can only be
    the second qualifying group's: without the qualifying order he alone is one short."""
    before = table(DATA / AFTER_R12)
    assert len(before) == 25
    ruleset = carried_in("indycar-2020", before, "totals after round 12 as INDYCAR printed them")
    published = {slug(r["driver"]): Fraction(r["total"]) for r in rows(DATA / HGP2_OFFICIAL)}
    assert points_of(_harvest_gp_2(), ruleset, "drivers") == published
    without = points_of(_harvest_gp_2(qualifying=False), ruleset, "drivers")
    assert {d: p - without[d] for d, p in published.items() if without[d] != p} == {
        "colton-herta": Fraction(1)
    }
    race = points_of(_harvest_gp_2(), load_preset("indycar-2020"), "drivers")
    assert (race["will-power"], race["colton-herta"]) == (Fraction(54), Fraction(41))


ST_PETE, ST_PETE_OFFICIAL, AFTER_R13 = (
    "r14-st-petersburg.csv",
    "r14-st-petersburg-official-points.csv",
    "standings-after-r13.csv",
)
# INDYCAR paid these four a lap-led point at St. Petersburg; no source read attributes the 14 laps that
# Rossi (61), Newgarden (21) and Power (4) did not lead, so they are entered with none.
ST_PETE_UNATTRIBUTED = {"colton-herta", "alex-palou", "graham-rahal", "james-hinchcliffe"}


def test_the_finale_from_the_official_totals_reproduces_the_final_table() -> None:
    """Round 14 (St. Petersburg, 25 October 2020) from the totals INDYCAR's sheets printed before it: the
    final table of its 24 starters, 20 lines exactly and four named one lap-led point short. Dixon is
    champion, 537 to Newgarden's 521 (50 + 1 led, 21 laps), as NBC Sports published them."""
    before = table(DATA / AFTER_R13)
    assert len(before) == 23
    finale = event(
        14,
        "st-petersburg",
        "Firestone Grand Prix of St. Petersburg",
        date(2020, 10, 25),
        "America/New_York",
        100,
    )
    ruleset = carried_in("indycar-2020", before, "totals after round 13 as INDYCAR printed them")
    computed = points_of(one_race(2020, finale, DATA / ST_PETE, carried=DATA / AFTER_R13), ruleset, "drivers")
    published = {slug(r["driver"]): Fraction(r["total"]) for r in rows(DATA / ST_PETE_OFFICIAL)}
    assert len(published) == 24
    short = {d: p - computed[d] for d, p in published.items() if computed[d] != p}
    assert short == dict.fromkeys(ST_PETE_UNATTRIBUTED, Fraction(1))
    assert (computed["scott-dixon"], computed["josef-newgarden"]) == (Fraction(537), Fraction(521))
    nbc = table(DATA / "final-nbc-top10.csv")
    assert {d: published[d] for d in nbc} == nbc
    assert {d: computed[d] for d in nbc if d not in ST_PETE_UNATTRIBUTED} == {
        d: p for d, p in nbc.items() if d not in ST_PETE_UNATTRIBUTED
    }
