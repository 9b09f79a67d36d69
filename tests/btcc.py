"""A BTCC season as the real-series tests load it: the calendar of a season (round, event id, name,
race-day date), the cars of a roster (number, driver and, where a driver changed number, the rounds
of each) and one classification per race, ``r<round>-race<n>.csv``, imported as printed.

Three races a round, each its own session (``r01-race1`` … ``r10-race3``); the preset pays the pole
point with the first race of each round only (``sessions = ["race 1"]``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from podium.importers.podium_csv import read_entry_list, read_results
from podium.importers.resolve import resolve_results
from podium.model import Classification, CompetitorKind, Event, Season, Series, Session, SessionKind
from podium.model.values import slug
from podium.rules import load_preset
from podium.standings import Standings, compute_standings
from published import rows

RACES_A_ROUND = 3
DRIVERS = (Classification("drivers", "Drivers", CompetitorKind.DRIVER),)


def race_ids(last_round: int, first_round: int = 1) -> tuple[str, ...]:
    """The session ids of rounds ``first_round``..``last_round``, in calendar order."""
    rounds = range(first_round, last_round + 1)
    return tuple(f"r{rnd:02d}-race{n}" for rnd in rounds for n in range(1, RACES_A_ROUND + 1))


def btcc_season(
    year: int,
    data: Path,
    races: tuple[str, ...],
    *,
    roster: str = "entries-season.csv",
    classifications: tuple[Classification, ...] = DRIVERS,
) -> Season:
    """The ``btcc-<year>`` season of ``data``'s calendar with the classifications of ``races`` (ids as
    :func:`race_ids` names them, each read from ``<id>.csv``); the rounds without a race are
    scheduled with their three races still to run."""
    entries = read_entry_list(data / roster)
    events = tuple(
        Event(
            round=int(r["round"]),
            id=r["id"],
            name=r["name"],
            date=date.fromisoformat(r["date"]),
            time_zone="Europe/London",
            sessions=tuple(
                Session(race, f"Race {n}", SessionKind.RACE)
                for n, race in enumerate(race_ids(int(r["round"]), int(r["round"])), start=1)
            ),
        )
        for r in rows(data / "calendar.csv")
    )
    season = Season(
        series=Series("btcc", "Kwik Fit British Touring Car Championship"),
        year=year,
        ruleset=f"btcc-{year}",
        classifications=classifications,
        drivers=entries.drivers,
        teams=entries.teams,
        entries=entries.entries,
        events=events,
    )
    results = tuple(
        r for race in races for r in resolve_results(read_results(data / f"{race}.csv"), season, race)
    )
    return replace(season, results=results)


def races_until(after: str, last_round: int = 10) -> tuple[str, ...]:
    """The races up to the end of round ``rNN`` or up to the race ``rNN-raceN``."""
    season = race_ids(last_round)
    last = next(i for i, race in enumerate(season) if race in (after, f"{after}-race3"))
    return season[: last + 1]


def standings_after(year: int, data: Path, after: str, classification: str = "drivers") -> Standings:
    """The ``btcc-<year>`` standings after the round or race ``after`` (see :func:`races_until`)."""
    season = btcc_season(year, data, races_until(after))
    return compute_standings(season, load_preset(f"btcc-{year}"), classification)


def facts_not_reproduced(year: int, data: Path) -> dict[tuple[str, str], tuple[str, int, int]]:
    """Each line of ``data``'s ``published-facts.csv`` (after, driver, place, points, behind, of) held
    to the standings the races give: (after, driver) → (what, published, computed) for every printed
    figure they do not give."""
    facts = rows(data / "published-facts.csv")
    missed: dict[tuple[str, str], tuple[str, int, int]] = {}
    for after in dict.fromkeys(f["after"] for f in facts):
        standings = standings_after(year, data, after)
        for fact in (f for f in facts if f["after"] == after):
            row = standings.row(slug(fact["driver"]))
            computed = {"place": Fraction(row.position or 0), "points": row.points}
            if fact["of"]:
                computed["behind"] = standings.row(slug(fact["of"])).points - row.points
            for key in ("place", "points", "behind"):
                if fact[key] and Fraction(fact[key]) != computed[key]:
                    missed[(after, row.competitor)] = (key, int(fact[key]), int(computed[key]))
    return missed
