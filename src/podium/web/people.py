"""Driver and team pages: where one driver or team stands in every class, and every result behind it.

``/seasons/REF/drivers/DRIVER`` and ``/seasons/REF/teams/TEAM``; the standings and results pages
link their names here.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from podium.model import Classification, CompetitorKind, Event, Result, Season, Session
from podium.standings import StandingRow, Standings
from podium.web.site import SeasonView, Site
from podium.web.templating import render

router = APIRouter()


@dataclass(frozen=True, slots=True)
class ClassLine:
    """One class a driver or team is ranked in, with the leader to measure against."""

    classification: Classification
    row: StandingRow
    table: Standings


@dataclass(frozen=True, slots=True)
class SessionLine:
    """One result of one car in one session."""

    event: Event
    session: Session
    result: Result
    car: str


def class_lines(site: Site, view: SeasonView, kind: CompetitorKind, competitor: str) -> list[ClassLine]:
    """Every class of ``kind`` where ``competitor`` has a line, in class order."""
    out = []
    for c in view.season.classifications:
        if c.competitor is not kind:
            continue
        table = site.standings(view, c.id)
        row = table.get(competitor)
        if row is not None:
            out.append(ClassLine(c, row, table))
    return out


def session_lines(season: Season, entries: set[str], driver: str | None = None) -> list[SessionLine]:
    """Results of the cars ``entries`` (only those ``driver`` drove, when given), in calendar order."""
    out = []
    for event, session in season.sessions():
        if not season.has_results(session.id):
            continue
        for r in season.results_for(session.id):
            if r.entry not in entries or (driver is not None and driver not in season.drivers_of(r)):
                continue
            entry = season.entry(r.entry)
            out.append(SessionLine(event, session, r, entry.label))
    return out


def _season(request: Request, ref: str) -> tuple[Site, SeasonView, Season]:
    site: Site = request.app.state.site
    view = site.view(ref)
    return site, view, view.season


def _context(request: Request, view: SeasonView) -> dict[str, object]:
    return {"ref": view.ref, "season": view.season, "classifications": view.season.classifications}


@router.get("/seasons/{ref}/drivers/{driver_id}", include_in_schema=False)
def driver_page(request: Request, ref: str, driver_id: str) -> Response:
    site, view, season = _season(request, ref)
    driver = season.driver(driver_id)
    entries = [e for e in season.entries if driver.id in e.drivers]
    teams = [season.team(t) for t in dict.fromkeys(e.team for e in entries if e.team)]
    context = {
        **_context(request, view),
        "driver": driver,
        "teams": teams,
        "cars": sorted({e.label for e in entries}),
        "classes": class_lines(site, view, CompetitorKind.DRIVER, driver.id),
        "results": session_lines(season, {e.id for e in entries}, driver.id),
    }
    return render(request.app.state.templates, request, "driver.html", context)


@router.get("/seasons/{ref}/teams/{team_id}", include_in_schema=False)
def team_page(request: Request, ref: str, team_id: str) -> Response:
    site, view, season = _season(request, ref)
    team = season.team(team_id)
    entries = [e for e in season.entries if e.team == team.id]
    drivers = [season.driver(d) for d in dict.fromkeys(d for e in entries for d in e.drivers)]
    driver_classes = {d.id: class_lines(site, view, CompetitorKind.DRIVER, d.id) for d in drivers}
    context = {
        **_context(request, view),
        "team": team,
        "entries": entries,
        "drivers": drivers,
        "driver_classes": driver_classes,
        "classes": class_lines(site, view, CompetitorKind.TEAM, team.id),
        "results": session_lines(season, {e.id for e in entries}),
    }
    return render(request.app.state.templates, request, "team.html", context)
