"""An IndyCar race as the real-series tests load it: drivers entered by id (the sheets name
drivers, not car numbers), one race of one event, the official classification imported as printed.
Drivers of a published table carried in who did not race (an Indianapolis 500 entry, a driver out
injured) are entered too, so they stand on their carried points. An Indianapolis 500 adds its
qualifying order, which pays points of its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from podium.importers.podium_csv import read_results
from podium.importers.resolve import resolve_results
from podium.model import Classification, CompetitorKind, Driver, Entry, Event, Season, Series, SessionKind
from podium.model.values import slug
from published import rows


def one_race(
    year: int, event: Event, sheet: Path, *, carried: Path | None = None, qualifying: Path | None = None
) -> Season:
    """Round ``event`` of ``year`` with the results of ``sheet`` in its race; the drivers of the
    ``carried`` standings table are entered as well. With ``qualifying`` (an event with a qualifying
    session before its race), that sheet is the qualifying order."""
    names = {r["entry"]: r["driver"] for r in rows(sheet)}
    if carried is not None:
        names |= {slug(r["driver"]): r["driver"] for r in rows(carried) if slug(r["driver"]) not in names}
    season = Season(
        series=Series("indycar", "NTT IndyCar Series"),
        year=year,
        ruleset=f"indycar-{year}",
        classifications=(Classification("drivers", "Drivers", CompetitorKind.DRIVER),),
        drivers=tuple(Driver(ident, name) for ident, name in sorted(names.items())),
        teams=(),
        entries=tuple(Entry(ident, (ident,)) for ident in sorted(names)),
        events=(event,),
    )
    (race,) = (s.id for s in event.sessions if s.kind is SessionKind.RACE)
    results = resolve_results(read_results(sheet), season, race)
    if qualifying is not None:
        (session,) = (s.id for s in event.sessions if s.kind is SessionKind.QUALIFYING)
        results = resolve_results(read_results(qualifying), season, session) + results
    return replace(season, results=results)
