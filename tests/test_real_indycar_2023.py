"""IndyCar 2023, proven in part on published figures: the official Toronto classification (round 10)
is imported as printed, with its pole and every lap leader, and podium must give each car the points
published for it and the five championship lines published before and after the race (sources:
tests/data/indycar-2023/README.md).

No complete standings table before and after a 2023 round was found (crash.net's full tables lie
beyond what the search corpus keeps of its pages), so the proof is the race's own points, line by line,
and the top five carried across it. The 2023 scoring is the 2024 one; what changed from 2022 (no double
points at the Indianapolis 500) cannot show at Toronto.
"""

from __future__ import annotations

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
from podium.model.values import slug
from podium.rules import Ruleset, load_preset
from published import carried_in, points_of, rows, table

DATA = Path(__file__).parent / "data" / "indycar-2023"
SESSION = "toronto-race"


def _season() -> Season:
    toronto = Event(
        round=10,
        id="toronto",
        name="Honda Indy Toronto",
        date=date(2023, 7, 16),
        time_zone="America/Toronto",
        sessions=(Session(SESSION, "Race", SessionKind.RACE, scheduled_laps=85, laps_completed=85),),
    )
    return one_race(2023, toronto, DATA / "r10-toronto.csv")


def _points(ruleset: Ruleset) -> dict[str, Fraction]:
    return points_of(_season(), ruleset, "drivers")


def test_every_readable_line_of_the_race_points_is_reproduced() -> None:
    """Nothing carried in: after this one race each driver's total is what Toronto paid him."""
    published = table(DATA / "r10-toronto-race-points.csv")
    computed = _points(load_preset("indycar-2023"))
    assert len(published) == 19
    assert {d: computed[d] for d in published} == published
    # Lundgaard: 50 + pole + led + most laps led (54 of 85); Ericsson: 11th (19) + one lap led (lap 35).
    assert (computed["christian-lundgaard"], computed["marcus-ericsson"]) == (Fraction(54), Fraction(20))
    # Places 20-27 are not in the readable text; they pay 10, 9, 8, 7, 6 and then 5.
    unread = [r["entry"] for r in rows(DATA / "r10-toronto.csv") if r["entry"] not in published]
    assert [computed[d] for d in unread] == [10, 9, 8, 7, 6, 5, 5, 5]


def test_the_top_five_carried_across_toronto() -> None:
    five = rows(DATA / "standings-top5.csv")
    before = {slug(r["driver"]): Fraction(r["before"]) for r in five}
    after = {slug(r["driver"]): Fraction(r["after"]) for r in five}
    computed = _points(carried_in("indycar-2023", before, "standings before round 10 as published"))
    assert {d: computed[d] for d in after} == after
    # Palou's lead as NBC and autoracing1.com printed it: 117 points, 417 to 300.
    assert computed["alex-palou"] - computed["scott-dixon"] == 117
