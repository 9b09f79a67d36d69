"""IndyCar 2021, rounds proven on INDYCAR's own results sheets, which print under each race every car's
points and the championship total and rank after it (sources: tests/data/indycar-2021/README.md).

- Round 5 (GMR Grand Prix, IMS road course, 15 May 2021) from the totals the earlier sheets printed: all
  25 starters' totals after it, and every car's points in the race.
- Round 12 (Big Machine Spiked Coolers Grand Prix, IMS road course, 14 August 2021) likewise: all 28.

Both are road courses, so they check the 2021 scoring outside the Indianapolis 500: 50-40-35… by place,
1 for pole, 1 for a lap led, 2 more for most laps led; every lap leader is known (the AP box score's
lap-leader line for round 5, theapex.racing's laps-led column for round 12), not read off the sheets.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import one_race
from podium.model import Event, Season, Session, SessionKind
from podium.model.values import slug
from podium.rules import load_preset
from published import carried_in, points_of, rows, table

DATA = Path(__file__).parent / "data" / "indycar-2021"


def _event(round_: int, ident: str, name: str, day: date, laps: int) -> Event:
    return Event(
        round=round_,
        id=ident,
        name=name,
        date=day,
        time_zone="America/Indiana/Indianapolis",
        sessions=(
            Session(f"{ident}-race", "Race", SessionKind.RACE, scheduled_laps=laps, laps_completed=laps),
        ),
    )


GMR = _event(5, "gmr-grand-prix", "GMR Grand Prix", date(2021, 5, 15), 85)
BMSC = _event(
    12, "big-machine-spiked-coolers-gp", "Big Machine Spiked Coolers Grand Prix", date(2021, 8, 14), 85
)


def _season(event: Event, stem: str) -> Season:
    return one_race(2021, event, DATA / f"{stem}.csv", carried=DATA / f"standings-before-r{event.round}.csv")


def _official(stem: str, column: str) -> dict[str, Fraction]:
    return {slug(r["driver"]): Fraction(r[column]) for r in rows(DATA / f"{stem}-official-points.csv")}


def _after(event: Event, stem: str) -> dict[str, Fraction]:
    before = table(DATA / f"standings-before-r{event.round}.csv")
    ruleset = carried_in("indycar-2021", before, f"totals before round {event.round} as INDYCAR printed them")
    return points_of(_season(event, stem), ruleset, "drivers")


def _race(event: Event, stem: str) -> dict[str, Fraction]:
    return points_of(one_race(2021, event, DATA / f"{stem}.csv"), load_preset("indycar-2021"), "drivers")


def test_the_sheets_chain_before_and_after() -> None:
    """The before-tables are the sheets' own totals: each starter's total after the race minus his
    points in it is his total before (0 for a driver starting his season), on every line."""
    for event, stem in ((GMR, "r5-gmr-grand-prix"), (BMSC, "r12-big-machine-spiked-coolers-gp")):
        before = table(DATA / f"standings-before-r{event.round}.csv")
        total, race = _official(stem, "total"), _official(stem, "points")
        assert {d: total[d] - race[d] for d in total} == {d: before.get(d, Fraction(0)) for d in total}


def test_gmr_grand_prix_reproduces_the_official_totals_after_it() -> None:
    published = _official("r5-gmr-grand-prix", "total")
    assert len(published) == 25 and len(table(DATA / "standings-before-r5.csv")) == 23
    computed = _after(GMR, "r5-gmr-grand-prix")
    assert computed == published
    # Grosjean: 40 (2nd) + pole + led + most laps led (44 of 85) = 44 on the day, 37 before; Dixon 176.
    assert (computed["romain-grosjean"], computed["scott-dixon"]) == (Fraction(81), Fraction(176))


def test_gmr_grand_prix_pays_every_car_its_printed_points() -> None:
    printed = _official("r5-gmr-grand-prix", "points")
    race = _race(GMR, "r5-gmr-grand-prix")
    assert race == printed
    # VeeKay won, 33 laps led to Grosjean's 44 (51); Palou third with a lap led (36); Montoya 21st (9).
    assert (race["rinus-veekay"], race["alex-palou"], race["juan-pablo-montoya"]) == (51, 36, 9)


def test_big_machine_spiked_coolers_gp_reproduces_the_official_totals_after_it() -> None:
    stem = "r12-big-machine-spiked-coolers-gp"
    published = _official(stem, "total")
    assert len(published) == 28 and len(table(DATA / "standings-before-r12.csv")) == 26
    computed = _after(BMSC, stem)
    assert computed == published
    # Palou, 27th after his engine failed, keeps the lead: 410 + 5; Power 225 + 53.
    assert (computed["alex-palou"], computed["will-power"]) == (Fraction(415), Fraction(278))


def test_big_machine_spiked_coolers_gp_pays_every_car_its_printed_points() -> None:
    stem = "r12-big-machine-spiked-coolers-gp"
    race = _race(BMSC, stem)
    assert race == _official(stem, "points")
    # Power 50 + 1 + 2 (56 laps led); O'Ward 30 (5th) + pole + led; Lundgaard 19 from 12th with 2 laps led.
    assert (race["will-power"], race["pato-o-ward"], race["christian-lundgaard"]) == (53, 32, 19)
