"""IndyCar 2022, proven on a published table: the season is carried in from the standings published
after round 3 (Long Beach) and the official classification of round 4 (Barber, 1 May 2022) is imported
as printed. The standings podium computes after Barber must be the ones published after it (sources:
tests/data/indycar-2022/README.md).

Barber is a road course, so it checks the 2022 scoring outside the Indianapolis 500: 50-40-35… by
place, 1 for pole, 1 for a lap led, 2 more for most laps led. Places 21-26 were not found in any stored
source; those six drivers are not entered, and the test checks instead that what the published table
gives them is exactly what places 21-26 pay.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from fractions import Fraction
from pathlib import Path

from indycar import one_race
from podium.model import (
    Event,
    Season,
    Session,
    SessionKind,
)
from podium.rules import load_preset
from podium.standings import compute_standings
from published import carried_in, points_of, table

DATA = Path(__file__).parent / "data" / "indycar-2022"
SHEET = "r4-barber.csv"
BEFORE, AFTER = "standings-after-r3.csv", "standings-after-r4.csv"
SESSION = "barber-race"
UNPLACED = {
    "helio-castroneves",
    "kyle-kirkwood",
    "dalton-kellett",
    "jimmie-johnson",
    "callum-ilott",
    "tatiana-calderon",
}


def _season() -> Season:
    """Drivers are entered by id; those carried in who are not in the sheet (the six unplaced starters,
    and Ferrucci, Carpenter and Hildebrand, who did not race at Barber) stand on their points."""
    barber = Event(
        round=4,
        id="barber",
        name="Honda Indy Grand Prix of Alabama",
        date=date(2022, 5, 1),
        time_zone="America/Chicago",
        sessions=(Session(SESSION, "Race", SessionKind.RACE, scheduled_laps=90, laps_completed=90),),
    )
    return one_race(2022, barber, DATA / SHEET, carried=DATA / BEFORE)


def _computed() -> dict[str, Fraction]:
    ruleset = carried_in("indycar-2022", table(DATA / BEFORE), "standings after round 3 as published")
    return points_of(_season(), ruleset, "drivers")


def test_barber_from_the_published_standings_reproduces_the_published_table() -> None:
    published = table(DATA / AFTER)
    computed = _computed()
    assert len(published) == 29
    checked = {d: p for d, p in published.items() if d not in UNPLACED}
    assert len(checked) == 23
    assert {d: computed.get(d) for d in checked} == checked
    # Palou takes the lead: 103 + 40 (2nd) + 1 (led); VeeKay: 67 + 35 (3rd) + 1 pole + 1 led + 2 most led.
    assert (computed["alex-palou"], computed["rinus-veekay"]) == (Fraction(144), Fraction(106))
    # Newgarden: 118 + 16 (14th) + 1 (led two laps).
    assert computed["josef-newgarden"] == 135


def test_the_race_points_of_each_car_are_the_printed_ones() -> None:
    """The race on its own (nothing carried in): each car's points as INDYCAR's results print them."""
    printed = table(DATA / "r4-barber-race-points.csv")
    ruleset = load_preset("indycar-2022")
    race = {row.competitor: row.points for row in compute_standings(_season(), ruleset, "drivers").rows}
    assert len(printed) == 19
    assert {d: race[d] for d in printed} == printed


def test_the_six_unplaced_starters_gained_exactly_what_places_21_to_26_pay() -> None:
    """Their places were not found; the published table moves them by 9, 8, 7, 6, 5 and 5, which are the
    points of places 21 to 26 in the preset's table, one each (no lap led, no pole among them)."""
    before, after = table(DATA / BEFORE), table(DATA / AFTER)
    gained = Counter(after[d] - before[d] for d in UNPLACED)
    race_table = load_preset("indycar-2022").scoring("drivers").points[SessionKind.RACE]
    assert gained == Counter(race_table.points(place) for place in range(21, 27))
    assert gained == Counter({Fraction(9): 1, Fraction(8): 1, Fraction(7): 1, Fraction(6): 1, Fraction(5): 2})


def test_drivers_who_did_not_race_keep_their_points() -> None:
    before, after = table(DATA / BEFORE), table(DATA / AFTER)
    for driver in ("santino-ferrucci", "ed-carpenter", "j-r-hildebrand"):
        assert after[driver] == before[driver] == _computed()[driver]
