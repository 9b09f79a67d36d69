"""IndyCar races as the real-series tests load them: drivers entered by id (the sheets name
drivers, not car numbers), the official classification imported as printed. Drivers of a published
table carried in who did not race (an Indianapolis 500 entry, a driver out injured) are entered too,
so they stand on their carried points. An event with a qualifying session before its race (the
Indianapolis 500) takes its qualifying order too, which pays points of its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from podium.importers.podium_csv import read_results
from podium.importers.resolve import resolve_results
from podium.model import (
    Adjustment,
    Classification,
    CompetitorKind,
    Driver,
    Entry,
    Event,
    Result,
    Season,
    Series,
    Session,
    SessionKind,
)
from podium.model.values import slug
from podium.rules import load_preset
from published import carried_in, points_of, rows


def races(
    year: int,
    sheets: Sequence[tuple[Event, Path]],
    *,
    carried: Path | None = None,
    qualifying: dict[str, Path] | None = None,
) -> Season:
    """The events of ``year`` in order, each with the results of its sheet in its race; the drivers
    of the ``carried`` standings table are entered as well. ``qualifying`` gives, by event id, the
    qualifying order of an event that has a qualifying session before its race."""
    names: dict[str, str] = {}
    for _, sheet in sheets:
        names |= {r["entry"]: r["driver"] for r in rows(sheet)}
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
        events=tuple(event for event, _ in sheets),
    )
    results: tuple[Result, ...] = ()
    for event, sheet in sheets:
        if qualifying is not None and event.id in qualifying:
            (session,) = (s.id for s in event.sessions if s.kind is SessionKind.QUALIFYING)
            results += resolve_results(read_results(qualifying[event.id]), season, session)
        (race,) = (s.id for s in event.sessions if s.kind is SessionKind.RACE)
        results += resolve_results(read_results(sheet), season, race)
    return replace(season, results=results)


def one_race(
    year: int, event: Event, sheet: Path, *, carried: Path | None = None, qualifying: Path | None = None
) -> Season:
    """Round ``event`` of ``year`` alone (see ``races``); ``qualifying`` is its qualifying order."""
    return races(
        year, [(event, sheet)], carried=carried, qualifying={event.id: qualifying} if qualifying else None
    )


def event(
    round_: int,
    ident: str,
    name: str,
    day: date,
    zone: str,
    laps: int,
    *,
    run: int | None = None,
    qualifying: bool = False,
) -> Event:
    """Round ``round_`` as one race of ``laps`` laps (``run``: the laps run when a race was cut
    short), session ``<ident>-race``, after a qualifying session ``<ident>-qualifying`` when
    ``qualifying`` (its order pays points: the Indianapolis 500, the doubleheaders' group point)."""
    race = Session(
        f"{ident}-race",
        "Race",
        SessionKind.RACE,
        scheduled_laps=laps,
        laps_completed=laps if run is None else run,
    )
    heats = (Session(f"{ident}-qualifying", "Qualifying", SessionKind.QUALIFYING),) if qualifying else ()
    return Event(round=round_, id=ident, name=name, date=day, time_zone=zone, sessions=(*heats, race))


def sheet_column(path: Path, column: str) -> dict[str, Fraction]:
    """One column of an INDYCAR results sheet transcribed as ``car,driver,points,total,rank``: driver id →
    the race's points (``points``) or the championship total after it (``total``)."""
    return {slug(r["driver"]): Fraction(r[column]) for r in rows(path)}


def sheet_round(
    year: int, event: Event, folder: Path, stem: str
) -> tuple[dict[str, Fraction], dict[str, Fraction], dict[str, Fraction]]:
    """Round ``event`` from the totals printed before it (``standings-before-r{round}.csv``), its sheet
    ``{stem}.csv``: the totals podium computes after it, those computed for the race alone (nothing
    carried in), and the drivers' totals before it."""
    before_path = folder / f"standings-before-r{event.round}.csv"
    before = {slug(r["driver"]): Fraction(r["points"]) for r in rows(before_path)}
    ruleset = carried_in(
        f"indycar-{year}", before, f"totals before round {event.round} as INDYCAR printed them"
    )
    after = points_of(one_race(year, event, folder / f"{stem}.csv", carried=before_path), ruleset, "drivers")
    alone = points_of(
        one_race(year, event, folder / f"{stem}.csv"), load_preset(f"indycar-{year}"), "drivers"
    )
    return after, alone, before


def sheet_season(
    year: int,
    folder: Path,
    rounds: Sequence[tuple[Event, str]],
    *,
    adjustments: Callable[[int], tuple[Adjustment, ...]] = lambda _: (),
) -> tuple[list[dict[str, Fraction]], list[dict[str, Fraction]], int]:
    """A whole season from nothing on INDYCAR's results sheets: ``rounds`` are the events in order with
    the stem of each sheet (``{stem}.csv``, ``{stem}-official-points.csv`` and, for an event with a
    qualifying session, ``{stem}-qualifying.csv`` in ``folder``); ``adjustments(n)`` the penalties in
    force when round n's sheet was printed. Returns, by round, the lines where the sheet's total after
    the round differs from podium's (printed minus computed), the same for each race's own points, and
    the number of total lines the sheets print."""
    preset = load_preset(f"indycar-{year}")
    qualifying = {
        e.id: folder / f"{stem}-qualifying.csv"
        for e, stem in rounds
        if any(s.kind is SessionKind.QUALIFYING for s in e.sessions)
    }
    totals: list[dict[str, Fraction]] = []
    races_: list[dict[str, Fraction]] = []
    lines = 0
    for n in range(1, len(rounds) + 1):
        done = rounds[:n]
        event, stem = done[-1]
        built = races(year, [(e, folder / f"{s}.csv") for e, s in done], qualifying=qualifying)
        computed = points_of(replace(built, adjustments=adjustments(n)), preset, "drivers")
        printed = sheet_column(folder / f"{stem}-official-points.csv", "total")
        totals.append(
            {d: p - computed.get(d, Fraction(0)) for d, p in printed.items() if computed.get(d) != p}
        )
        lines += len(printed)
        alone = races(year, [(event, folder / f"{stem}.csv")], qualifying=qualifying)
        own = tuple(a for a in adjustments(n) if any(a.session == s.id for s in event.sessions))
        race = points_of(replace(alone, adjustments=own), preset, "drivers")
        pays = sheet_column(folder / f"{stem}-official-points.csv", "points")
        races_.append({d: p - race.get(d, Fraction(0)) for d, p in pays.items() if race.get(d) != p})
    return totals, races_, lines


def leaders(most: str | None, *others: str) -> dict[str, int]:
    """The points a race's unnamed lap leaders fall short of their sheet's: ``most`` (if any) the led-a-lap
    point and the most-laps-led bonus (3), each of ``others`` the led-a-lap point (1)."""
    return dict.fromkeys(others, 1) | ({most: 3} if most else {})


def short_after(short: dict[int, dict[str, int]], rnd: int) -> dict[str, int]:
    """Each driver's named shortfall summed over rounds 1 to ``rnd``."""
    total: dict[str, int] = {}
    for r, named in short.items():
        if r <= rnd:
            for d, p in named.items():
                total[d] = total.get(d, 0) + p
    return total
