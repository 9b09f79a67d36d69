"""BTCC 2023 from nothing: the 27 races of rounds 1-9 (Donington Park to Silverstone) imported as
classified, with the pole, fastest-lap and lap-leader marks of each race, scored by the shipped
``btcc-2023`` preset and held to the drivers' table Goodwood published after round 9; then the
finale's three races (the same classifications as tests/test_real_btcc_2023.py) on top, held to
what was published after it (sources: tests/data/btcc-2023/README.md).

18 of Goodwood's 23 readable lines are reproduced exactly. The other five are named, each with its
difference: Mikey Doble's line lacks the point of his Silverstone pole (his published season total,
63, has it), Jake Hill's is one point below his races, and the three lines Goodwood marks with an
asterisk it does not explain (Chilton, Gamble, Thompson) are 5, 5 and 30 points below theirs."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from btcc import btcc_season, race_ids
from podium.model.values import slug
from podium.rules import load_preset
from podium.standings import compute_standings
from published import points_of, rows, table

DATA = Path(__file__).parent / "data" / "btcc-2023"
FINALE = race_ids(10, 10)

PUBLISHED_LINE_BELOW_THE_RACES = {
    "mikey-doble": 1,  # his Silverstone pole, round 9 race 1 (Goodwood's own report): not in the line
    "jake-hill": 1,  # not explained by any source read: see the test on Knockhill's race 1
    "tom-chilton": 5,  # printed 90*: Goodwood's asterisk, not explained
    "george-gamble": 5,  # printed 60*: the same asterisk
    "bobby-thompson": 30,  # printed 48*: the same asterisk
}
"""Goodwood's round-9 lines that the 27 races do not give, and by how many points they fall short."""


def _points(races: tuple[str, ...]) -> dict[str, Fraction]:
    return points_of(btcc_season(2023, DATA, races), load_preset("btcc-2023"), "drivers")


def test_rounds_1_to_9_from_nothing_give_goodwoods_table_but_five_named_lines() -> None:
    published = table(DATA / "standings-after-r9.csv")
    points = _points(race_ids(9))
    assert len(published) == 23
    short = {d: points[d] - p for d, p in published.items() if points[d] != p}
    assert short == PUBLISHED_LINE_BELOW_THE_RACES
    assert len(published) - len(short) == 18
    # Everyone who scored is on Goodwood's readable lines, save the five below its 23rd line (the
    # 24th, Nicolas Hamilton, is cut off; the others have fewer points than Crees's 13).
    below = {d: p for d, p in points.items() if d not in published and p}
    assert below == {"nicolas-hamilton": 10, "nick-halstead": 10, "robert-huff": 5, "daryl-deleon": 2}
    assert all(p < published["michael-crees"] for p in below.values())


def test_doble_s_missing_point_is_his_silverstone_pole() -> None:
    """Goodwood: Doble "managed to fend off the rest of the field and secure the first pole position
    of his BTCC career" at Silverstone, then started race 1 from the back and finished 11th."""
    standings = compute_standings(btcc_season(2023, DATA, race_ids(9)), load_preset("btcc-2023"), "drivers")
    race1 = next(s for s in standings.row("mikey-doble").scores if s.session == "r09-race1")
    assert (race1.points, race1.bonus) == (Fraction(5), Fraction(1))


def test_the_pole_point_is_only_ever_marked_on_a_race_1() -> None:
    """Qualifying sets the race 1 grid only: the season file marks one pole a round, always on race 1
    (the preset pays it there and nowhere else)."""
    marked = [
        (race, r["driver"]) for race in race_ids(9) for r in rows(DATA / f"{race}.csv") if r["pole"] == "yes"
    ]
    assert [race for race, _ in marked] == [f"r{n:02d}-race1" for n in range(1, 10)]


def test_a_car_out_of_the_classification_keeps_its_fastest_lap_and_led_lap() -> None:
    """Josh Cook led Knockhill's race 1 and set its fastest lap before he went off into a tyre wall
    (Goodwood): out of the classification, he keeps both points, and Goodwood's 237 for him needs
    them (235 without)."""
    points = _points(race_ids(9))
    assert points["josh-cook"] == 237 == table(DATA / "standings-after-r9.csv")["josh-cook"]
    standings = compute_standings(btcc_season(2023, DATA, race_ids(9)), load_preset("btcc-2023"), "drivers")
    knockhill = next(s for s in standings.row("josh-cook").scores if s.session == "r07-race1")
    assert (knockhill.points, knockhill.bonus) == (Fraction(0), Fraction(2))


def test_the_whole_season_gives_the_published_final_order_and_doble_s_63() -> None:
    """After the finale: Sutton champion, Ingram, Hill, Turkington (Autocar, Goodwood) and Mikey
    Doble's 63 ("the 63 of last year", Goodwood): from nothing, Doble's 63 is his races' (the
    finale test, which carries Goodwood's round-9 line in, gets 62)."""
    published = rows(DATA / "published-after-r10.csv")
    points = _points(race_ids(9) + FINALE)
    order = sorted(points, key=lambda d: -points[d])
    placed = [slug(r["driver"]) for r in published if r["position"]]
    assert order[: len(placed)] == placed
    totals = {slug(r["driver"]): Fraction(r["points"]) for r in published if r["points"]}
    assert totals == {"mikey-doble": 63}
    assert points["mikey-doble"] == totals["mikey-doble"]
    # As podium computes them (no published table after the finale was found):
    assert [points[d] for d in placed] == [446, 400, 373, 312]


def test_hill_s_extra_point_could_be_knockhill_s_led_lap() -> None:
    """Hill won Knockhill's race 1 only when Ingram, first across the line, was excluded (Autosport);
    the season file marks Hill as having led it. If he never led it across the line (the reports have
    Sutton and Cook in front before the rain and Ingram after the stops), that mark is Goodwood's
    missing point. No source says so: the test only shows that it is the one point that would do."""
    standings = compute_standings(btcc_season(2023, DATA, race_ids(9)), load_preset("btcc-2023"), "drivers")
    knockhill = next(s for s in standings.row("jake-hill").scores if s.session == "r07-race1")
    assert (knockhill.points, knockhill.bonus) == (Fraction(20), Fraction(1))
    published = table(DATA / "standings-after-r9.csv")
    assert standings.row("jake-hill").points - knockhill.bonus == published["jake-hill"]
