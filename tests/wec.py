"""A WEC season as the real-series tests load it: one class's entry list (crews of two or three
drivers sharing a car), the rounds asked for, each with its one race, and the published class
classification of each imported as printed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from podium.importers.podium_csv import read_entry_list, read_results
from podium.importers.resolve import resolve_results
from podium.model import Classification, CompetitorKind, Event, Season, Series, Session, SessionKind

DATA = Path(__file__).parent / "data" / "wec-2024"
HYPERCAR = (
    Classification("hypercar-drivers", "Hypercar World Endurance Drivers' Championship"),
    Classification(
        "hypercar-manufacturers",
        "Hypercar World Endurance Manufacturers' Championship",
        CompetitorKind.TEAM,
        scoring="manufacturers",
    ),
    Classification("hypercar-teams", "FIA World Cup for Hypercar Teams", CompetitorKind.ENTRY),
)


def race(round_: int, ident: str, name: str, day: date, time_zone: str) -> Event:
    """Round ``round_``: one race, session ``r<round>-race``."""
    return Event(
        round=round_,
        id=ident,
        name=name,
        date=day,
        time_zone=time_zone,
        sessions=(Session(f"r{round_}-race", "Race", SessionKind.RACE),),
    )


def wec_season(
    entries: str,
    classifications: tuple[Classification, ...],
    events: tuple[Event, ...],
    sheets: dict[str, str],
) -> Season:
    """The 2024 season of one class: ``entries`` (a file in DATA), ``events`` in order, each with its
    sheet (event id → file in DATA)."""
    entry_list = read_entry_list(DATA / entries)
    season = Season(
        series=Series("wec", "FIA World Endurance Championship"),
        year=2024,
        ruleset="wec-2024",
        classifications=classifications,
        drivers=entry_list.drivers,
        teams=entry_list.teams,
        entries=entry_list.entries,
        events=events,
    )
    results = tuple(
        r
        for e in events
        for r in resolve_results(read_results(DATA / sheets[e.id]), season, e.sessions[0].id)
    )
    return replace(season, results=results)
