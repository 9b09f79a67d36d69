"""A MotoGP round as the real-series tests load it: riders entered by id, each for the team a
transcribed roster names (official team names, slugged as `podium entries import` slugs them), the
manufacturers of the preset's constructors' groups added as teams of the season, and the official
classifications of the round's Tissot Sprint and Grand Prix imported as printed.

One season ranks the same entries three ways: riders, teams and constructors (the preset's
`[classifications.constructors.team_groups]` turns a bike's team into its manufacturer)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from podium.importers.podium_csv import parse_results, read_results
from podium.importers.resolve import resolve_results
from podium.importers.textfile import TextFile
from podium.model import (
    Classification,
    CompetitorKind,
    Driver,
    Entry,
    Event,
    Season,
    Series,
    Session,
    SessionKind,
    Team,
)
from podium.model.values import slug
from podium.rules import load_preset
from published import rows

CLASSIFICATIONS = (
    Classification("riders", "Riders", CompetitorKind.DRIVER),
    Classification("teams", "Teams", CompetitorKind.TEAM),
    Classification("constructors", "Constructors", CompetitorKind.TEAM),
)
MAKERS = {"ktm": "KTM"}
"""Manufacturer names that are not the id title-cased."""


def motogp_round(year: int, data: Path, roster: str, event: Event, sheets: dict[str, str]) -> Season:
    """The round ``event`` of ``year``: ``roster`` (entry, driver, team and, for a wild card,
    classes such as ``riders;constructors``) and one results sheet per session id."""
    season = _skeleton(year, rows(data / roster), (event,))
    results = tuple(
        result
        for session, sheet in sheets.items()
        for result in resolve_results(read_results(data / sheet), season, session)
    )
    return replace(season, results=results)


SESSION_COLUMNS = ("position", "entry", "status", "driver")


def motogp_season(
    year: int,
    data: Path,
    calendar: str,
    classifications: str | tuple[str, ...],
    roster: str | None = None,
) -> Season:
    """A whole season from two sheets: ``calendar`` (one line per round: round, event, name, date,
    time_zone, sprint yes/no) and ``classifications`` (every classification of the season, one line per rider:
    round, session ``sprint`` or ``race``, position, entry, status, driver and, where teams are
    checked, team and classes), or several such sheets read one after the other. Each rider's entry is
    the one the results name; ``roster`` (entry, driver,
    team, classes), when given, enters each rider for a team for the whole season. Each session's
    lines are imported as one results sheet of their own."""
    sheet_names = (classifications,) if isinstance(classifications, str) else classifications
    lines = [r for name in sheet_names for r in rows(data / name)]
    rounds = rows(data / calendar)
    events = tuple(
        Event(
            round=int(r["round"]),
            id=slug(r["event"]),
            name=r["name"],
            date=date.fromisoformat(r["date"]),
            time_zone=r["time_zone"],
            sessions=tuple(
                Session(f"r{int(r['round']):02d}-{kind}", title, SessionKind(kind))
                for kind, title in (("sprint", "Tissot Sprint"), ("race", "Grand Prix"))
                if kind == "race" or r["sprint"] == "yes"
            ),
        )
        for r in rounds
    )
    riders = rows(data / roster) if roster else list({r["entry"]: r for r in lines}.values())
    season = _skeleton(year, riders, events)
    sheets: dict[str, list[dict[str, str]]] = {}
    for r in lines:
        sheets.setdefault(f"r{int(r['round']):02d}-{r['session']}", []).append(r)
    results = tuple(
        result
        for session, sheet in sheets.items()
        for result in resolve_results(
            parse_results(
                TextFile(
                    f"{'+'.join(sheet_names)} ({session})",
                    "\n".join(
                        [",".join(SESSION_COLUMNS), *(",".join(r[c] for c in SESSION_COLUMNS) for r in sheet)]
                    ),
                )
            ),
            season,
            session,
        )
    )
    return replace(season, results=results)


def _skeleton(year: int, riders: list[dict[str, str]], events: tuple[Event, ...]) -> Season:
    """The season's riders, their entries and teams (the preset's manufacturers among them)."""
    teams = {slug(r["team"]): r["team"] for r in riders if r.get("team")}
    groups = load_preset(f"motogp-{year}").scoring("constructors").team_groups
    makers = {g: MAKERS.get(g, g.title()) for g in groups}
    return Season(
        series=Series("motogp", "FIM MotoGP World Championship"),
        year=year,
        ruleset=f"motogp-{year}",
        classifications=CLASSIFICATIONS,
        drivers=tuple(Driver(r["entry"], r["driver"]) for r in riders),
        teams=tuple(Team(i, n) for i, n in sorted({**teams, **makers}.items())),
        entries=tuple(
            Entry(
                r["entry"],
                (r["entry"],),
                team=slug(r["team"]) if r.get("team") else None,
                classes=tuple(c for c in (r.get("classes") or "").split(";") if c),
            )
            for r in riders
        ),
        events=events,
    )


def by_round(path: Path, column: str) -> dict[str, list[Fraction]]:
    """A published table with one column per round (`r1`, `r2`…, `-` for nothing scored): competitor
    id → points of each round, checked against the table's own total."""
    out: dict[str, list[Fraction]] = {}
    for r in rows(path):
        rounds = sorted((k for k in r if k.startswith("r") and k[1:].isdigit()), key=lambda k: int(k[1:]))
        values = [Fraction(0) if r[k] in ("-", "") else Fraction(r[k]) for k in rounds]
        assert sum(values) == Fraction(r["points"]), f"{r[column]}: the rounds do not add up to the total"
        out[slug(r[column])] = values
    return out
