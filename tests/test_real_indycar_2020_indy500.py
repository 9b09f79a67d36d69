"""IndyCar 2020, the Indianapolis 500 (round 7, 23 August 2020), proven on INDYCAR's own results sheet:
every one of the 33 cars' points for the event and every starter's championship total after it, from
the totals the sheets printed before it (sources: tests/data/indycar-2020/README.md).

It checks the rules that set the 500 apart in 2020: race points doubled (100, 80, 70 ... 10), the
bonuses for laps led not doubled, no pole point, and the Fast Nine paid 9 down to 1 for qualifying.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import event, one_race
from podium.model import (
    Season,
)
from podium.model.values import slug
from podium.rules import load_preset
from published import carried_in, points_of, rows, table

DATA = Path(__file__).parent / "data" / "indycar-2020"
SHEET, QUALIFYING = "r7-indianapolis-500.csv", "r7-indianapolis-500-qualifying.csv"
RACE = "indianapolis-500-race"
BEFORE, OFFICIAL = "standings-after-r6.csv", "r7-indianapolis-500-official-points.csv"


def _season() -> Season:
    indy = event(
        7,
        "indianapolis-500",
        "104th Running of the Indianapolis 500",
        date(2020, 8, 23),
        "America/Indiana/Indianapolis",
        200,
        qualifying=True,
    )
    return one_race(2020, indy, DATA / SHEET, carried=DATA / BEFORE, qualifying=DATA / QUALIFYING)


def _official(column: str) -> dict[str, Fraction]:
    return {slug(r["driver"]): Fraction(r[column]) for r in rows(DATA / OFFICIAL)}


def test_every_car_scores_what_the_official_sheet_prints() -> None:
    """The event on its own: all 33 lines exactly."""
    computed = points_of(_season(), load_preset("indycar-2020"), "drivers")
    printed = _official("points")
    assert len(printed) == 33
    assert {d: computed[d] for d in printed} == printed
    # Sato: 100 (won) + 1 led + 7 (3rd in the Fast Nine); Dixon: 80 + 1 led + 2 most led (111) + 8;
    # Marco Andretti, on pole: 13th's 34 + 9 and no pole point; Rossi, 27th: 10 + 1 led + 1 (9th).
    assert (computed["takuma-sato"], computed["scott-dixon"]) == (Fraction(108), Fraction(91))
    assert (computed["marco-andretti"], computed["alexander-rossi"]) == (Fraction(43), Fraction(12))


def test_the_500_from_the_official_totals_reproduces_the_table_after_it() -> None:
    """All 33 starters' totals after round 7 exactly; the five who had not raced before start from 0."""
    before = table(DATA / BEFORE)
    assert len(before) == 28
    ruleset = carried_in("indycar-2020", before, "totals before the 500 as INDYCAR printed them")
    computed = points_of(_season(), ruleset, "drivers")
    assert {d: computed[d] for d in _official("total")} == _official("total")
    assert computed["scott-dixon"] == 244 + 91
    ranked = [slug(r["driver"]) for r in sorted(rows(DATA / OFFICIAL), key=lambda r: int(r["rank"]))]
    assert ranked == sorted(ranked, key=lambda d: -computed[d])


def test_the_qualifying_order_is_what_pays_the_fast_nine() -> None:
    """Without the qualifying session the nine Fast Nine drivers fall short by exactly 9, 8 ... 1 (in
    their qualifying order) and nobody else moves: no pole point stands in for them."""
    season = _season()
    race_only = replace(season, results=tuple(r for r in season.results if r.session == RACE))
    computed = points_of(race_only, load_preset("indycar-2020"), "drivers")
    short = {d: p - computed[d] for d, p in _official("points").items() if computed[d] != p}
    fast_nine = [r["entry"] for r in rows(DATA / QUALIFYING)]
    assert short == {d: Fraction(9 - i) for i, d in enumerate(fast_nine)}
