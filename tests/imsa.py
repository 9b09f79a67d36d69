"""An IMSA class season as the real-series tests load it: IMSA's classification of each qualifying
session and race of one class, imported as printed (one entry per car and round, with every driver
either sheet of the round lists), and the decisions taken after a session applied as place penalties."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from podium.importers.podium_csv import read_results
from podium.importers.resolve import resolve_results
from podium.model import (
    Adjustment,
    AdjustmentKind,
    Car,
    Classification,
    CompetitorKind,
    Driver,
    Entry,
    Event,
    RoundRange,
    Season,
    Series,
    Session,
    SessionKind,
)
from podium.model.values import slug
from published import rows

DATA = Path(__file__).parent / "data" / "imsa-2024"
# round: (event id, name, date of the race, time zone)
ROUNDS = {
    1: ("daytona", "Rolex 24 At Daytona", date(2024, 1, 27), "America/New_York"),
    2: ("sebring", "Mobil 1 Twelve Hours of Sebring", date(2024, 3, 16), "America/New_York"),
    3: ("long-beach", "Acura Grand Prix of Long Beach", date(2024, 4, 20), "America/Los_Angeles"),
    4: ("laguna-seca", "Motul Course de Monterey", date(2024, 5, 12), "America/Los_Angeles"),
    5: ("detroit", "Chevrolet Detroit Sports Car Classic", date(2024, 6, 1), "America/Detroit"),
    6: ("watkins-glen", "Sahlen's Six Hours of The Glen", date(2024, 6, 23), "America/New_York"),
    7: ("mosport", "Chevrolet Grand Prix", date(2024, 7, 14), "America/Toronto"),
    8: ("road-america", "IMSA SportsCar Weekend", date(2024, 8, 4), "America/Chicago"),
    9: ("vir", "Michelin GT Challenge at VIR", date(2024, 8, 25), "America/New_York"),
    10: ("indianapolis", "Battle on the Bricks", date(2024, 9, 22), "America/Indiana/Indianapolis"),
    11: ("road-atlanta", "Motul Petit Le Mans", date(2024, 10, 12), "America/New_York"),
}
KINDS = {"qualifying": SessionKind.QUALIFYING, "race": SessionKind.RACE}


def sheet(data: Path, round_number: int, kind: str) -> Path:
    return data / f"r{round_number:02d}-{ROUNDS[round_number][0]}-{kind}.csv"


def session_id(round_number: int, kind: str) -> str:
    return f"r{round_number:02d}-{kind}"


def _names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split(";")]


def imsa_season(
    data: Path, rounds: tuple[int, ...], classification: Classification, decisions: Path | None
) -> Season:
    """The class's season over ``rounds`` (the rounds it raced), read from the sheets in ``data``;
    ``decisions`` (a CSV of round, session, number, places, decision) moves cars down afterwards."""
    names: dict[str, str] = {}
    crews: dict[tuple[int, str], list[str]] = {}
    for rnd in rounds:
        for kind in KINDS:
            for r in rows(sheet(data, rnd, kind)):
                crew = crews.setdefault((rnd, r["number"]), [])
                for name in _names(r["drivers"]):
                    names[slug(name)] = name
                    if slug(name) not in crew:
                        crew.append(slug(name))
    events = tuple(
        Event(
            round=rnd,
            id=ROUNDS[rnd][0],
            name=ROUNDS[rnd][1],
            date=ROUNDS[rnd][2],
            time_zone=ROUNDS[rnd][3],
            sessions=tuple(Session(session_id(rnd, k), k.title(), kind) for k, kind in KINDS.items()),
        )
        for rnd in rounds
    )
    season = Season(
        series=Series("imsa", "IMSA WeatherTech SportsCar Championship"),
        year=2024,
        ruleset="imsa-2024",
        classifications=(classification,),
        drivers=tuple(Driver(ident, name) for ident, name in sorted(names.items())),
        teams=(),
        entries=tuple(
            Entry(f"r{rnd:02d}-{number}", tuple(crew), car=Car(number), rounds=(RoundRange(rnd, rnd),))
            for (rnd, number), crew in sorted(crews.items())
        ),
        events=events,
    )
    results = tuple(
        r
        for rnd in rounds
        for kind in KINDS
        for r in resolve_results(read_results(sheet(data, rnd, kind)), season, session_id(rnd, kind))
    )
    adjustments = tuple(
        Adjustment(
            id=f"decision-{i}",
            session=session_id(int(d["round"]), d["session"]),
            entry=f"r{int(d['round']):02d}-{d['number']}",
            kind=AdjustmentKind.POSITIONS,
            positions=int(d["places"]),
            reason=d["decision"],
        )
        for i, d in enumerate(rows(decisions) if decisions else [], start=1)
    )
    return replace(season, results=results, adjustments=adjustments)


def driver_class(ident: str, name: str) -> Classification:
    return Classification(ident, name, CompetitorKind.DRIVER)
