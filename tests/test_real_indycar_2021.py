"""IndyCar 2021, proven in part on a published table: the season opener (Barber, 18 April 2021) from
nothing, with the official classification as the AP box score prints it; the first ten lines of the
standings after it, as the same box score prints them, must come out exactly (sources:
tests/data/indycar-2021/README.md). It checks the 2021 table outside the Indianapolis 500 with its
bonuses: 1 for pole, 1 for a lap led, 2 more for most laps led.
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
from podium.rules import load_preset
from podium.standings import compute_standings
from published import table

DATA = Path(__file__).parent / "data" / "indycar-2021"
SHEET = "r1-barber.csv"
SESSION = "barber-race"


def _season() -> Season:
    barber = Event(
        round=1,
        id="barber",
        name="Honda Indy Grand Prix of Alabama",
        date=date(2021, 4, 18),
        time_zone="America/Chicago",
        sessions=(Session(SESSION, "Race", SessionKind.RACE, scheduled_laps=90, laps_completed=90),),
    )
    return one_race(2021, barber, DATA / SHEET)


def _computed() -> list[tuple[str, Fraction]]:
    rows_ = compute_standings(_season(), load_preset("indycar-2021"), "drivers").rows
    return [(row.competitor, row.points) for row in rows_]


def test_the_opener_reproduces_the_published_top_ten_in_order() -> None:
    published = list(table(DATA / "standings-after-r1-top10.csv").items())
    assert len(published) == 10
    assert _computed()[:10] == published


def test_every_starter_scores_by_his_printed_place() -> None:
    """24 starters; the last two retired without a printed lap count and score 23rd's 7 and 24th's 6."""
    computed = dict(_computed())
    assert len(computed) == 24
    assert (computed["josef-newgarden"], computed["ryan-hunter-reay"]) == (Fraction(7), Fraction(6))
    assert computed["felix-rosenqvist"] == 9 and computed["max-chilton"] == 10
