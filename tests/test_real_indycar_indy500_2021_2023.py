"""The Indianapolis 500 of 2021, 2022 and 2023 checked against INDYCAR's own results sheets (sources:
tests/data/indycar-2021/, indycar-2022/, indycar-2023/ README.md): each car's points for the event as the
sheet prints them ("Pts": race, lap-leader and qualifying points together).

The lap leaders of these races are not transcribed (no stored source names them all), so the check is of
the event's tables, not of every line: with no lap led entered, what the preset pays each car must fall
short of the printed points by exactly a lap-leader bonus, 0 (led no lap), 1 (led a lap) or 3 (led the
most laps), and exactly one car must be 3 short. A wrong race table (doubled or not) or wrong qualifying
points (the Fast Nine's 9…1 in 2021, the Top 12's 12…1 from 2022) would leave other differences. The
bonuses themselves are not inferred from the sheets: no total is computed from them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from indycar import one_race
from podium.model import Event, Season, Session, SessionKind
from podium.model.values import slug
from podium.rules import load_preset
from published import points_of, rows

DATA = Path(__file__).parent / "data"
DAYS = {2021: date(2021, 5, 30), 2022: date(2022, 5, 29), 2023: date(2023, 5, 28)}


def _season(year: int) -> Season:
    event = Event(
        round=6,
        id="indianapolis-500",
        name=f"{year} Indianapolis 500",
        date=DAYS[year],
        time_zone="America/Indiana/Indianapolis",
        sessions=(
            Session("indianapolis-500-qualifying", "Qualifying", SessionKind.QUALIFYING),
            Session(
                "indianapolis-500-race", "Race", SessionKind.RACE, scheduled_laps=200, laps_completed=200
            ),
        ),
    )
    folder = DATA / f"indycar-{year}"
    return one_race(
        year,
        event,
        folder / "r6-indianapolis-500.csv",
        qualifying=folder / "r6-indianapolis-500-qualifying.csv",
    )


def _printed(year: int) -> dict[str, Fraction]:
    path = DATA / f"indycar-{year}" / "r6-indianapolis-500-official-points.csv"
    return {slug(r["driver"]): Fraction(r["points"]) for r in rows(path)}


def _shortfall(year: int, preset: str) -> dict[str, Fraction]:
    """How far the preset's points (no lap led entered) fall short of the printed ones, car by car."""
    computed = points_of(_season(year), load_preset(preset), "drivers")
    printed = _printed(year)
    assert len(printed) == 33 and set(computed) == set(printed)
    return {d: printed[d] - computed[d] for d in printed}


def _short(year: int, preset: str) -> Counter[Fraction]:
    return Counter(_shortfall(year, preset).values())


MOST_LAPS_LED = {2021: "conor-daly", 2022: "scott-dixon"}
LAP_LEADERS = {2022: 9, 2023: 14}


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_every_car_is_short_of_its_printed_points_by_a_lap_leader_bonus_only(year: int) -> None:
    shortfall = _shortfall(year, f"indycar-{year}")
    assert set(shortfall.values()) <= {0, 1, 3}
    (most,) = (d for d, short in shortfall.items() if short == 3)
    if year in MOST_LAPS_LED:
        assert most == MOST_LAPS_LED[year]
    if year in LAP_LEADERS:
        assert sum(1 for short in shortfall.values() if short) == LAP_LEADERS[year]


def test_the_2022_500_paid_double_race_points() -> None:
    """With 2023's single race table the 2022 500 would pay the winner 50 instead of 100: most cars fall
    short by far more than a bonus; its own preset's doubled table leaves only the bonuses."""
    short = _short(2022, "indycar-2023")
    assert not set(short) <= {0, 1, 3}
    assert max(short) >= 50


def test_the_2023_500_paid_single_race_points() -> None:
    """2022's doubled race table would overpay every car of 2023 (the first 500 without double points)."""
    short = _short(2023, "indycar-2022")
    assert max(short) < 0


def test_2021_paid_the_fast_nine_and_2022_the_top_twelve() -> None:
    """The 2021 preset pays qualifying 9…1 to the first nine, 2022 12…1 to the first twelve: swapped,
    cars of the top twelve fall short or are overpaid by more than a bonus explains."""
    assert not set(_short(2021, "indycar-2022")) <= {0, 1, 3}
    assert not set(_short(2022, "indycar-2021")) <= {0, 1, 3}
