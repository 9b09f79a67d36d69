"""Public season pages: season home, standings (chart, head-to-head, ``?as_of=``), events, one event.

Pages are rendered on the server from the cached season of the store's current version, so a phone
gets a readable page without running any script; scripts only add the viewer's local times, a live
countdown and the Plotly chart (fed from a JSON block, since the CSP forbids inline scripts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

from fastapi import APIRouter, HTTPException
from starlette.requests import Request
from starlette.responses import Response

from podium.errors import NotFoundError
from podium.model import Adjustment, AdjustmentKind, Classification, Event, Result, Season, Session
from podium.model.values import check_instant
from podium.present.numbers import points as points_text
from podium.present.results import class_lines
from podium.rules import Ruleset
from podium.standings import Score, StandingRow, Standings
from podium.web.i18n import web_translations
from podium.web.site import SeasonView, current_site
from podium.web.templating import render
from podium.web.title_pages import proven_only, title_now

router = APIRouter()

LATEST_TOP = 3
"""How many cars of each class the season home shows from the latest session."""
CHART_VISIBLE = 8
"""Competitors drawn at first in the progression chart; the others are one legend click away."""


# -- shaping the season for templates ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SessionTime:
    """A session with its start at the venue and as a UTC ISO instant for the viewer's clock."""

    session: Session
    local: datetime | None
    utc_iso: str | None
    has_results: bool


@dataclass(frozen=True, slots=True)
class ResultLine:
    """One car's line in one class of one session; ``original`` only when an adjustment changed it."""

    class_position: int | None
    result: Result
    original: Result | None
    car: str
    drivers: str
    team: str
    points: Fraction | None
    gap_time: timedelta | None = None
    """Behind the class winner on time (same laps, both timed)."""
    gap_laps: int | None = None
    """Laps behind the class winner (classified cars on fewer laps)."""


@dataclass(frozen=True, slots=True)
class AdjustmentLine:
    """A penalty or correction as people read it: what, why, and the result before and after."""

    adjustment: Adjustment
    session: Session
    car: str
    drivers: str
    words: str
    before: str
    after: str


def session_times(event: Event, season: Season) -> list[SessionTime]:
    out = []
    for s in event.sessions:
        local = event.start_instant(s)
        iso = local.astimezone(UTC).isoformat().replace("+00:00", "Z") if local else None
        out.append(SessionTime(s, local, iso, season.has_results(s.id)))
    return out


def countdown_text(start: datetime, now: datetime, gettext: Callable[[str], str]) -> str:
    """The countdown as the server writes it (the script then keeps it ticking)."""
    left = int((start - now).total_seconds())
    if left <= 0:
        return gettext("Started; results pending")
    days, rest = divmod(left, 86400)
    return gettext("Starts in %(days)s d %(hours)02d h %(minutes)02d min") % {
        "days": days,
        "hours": rest // 3600,
        "minutes": rest % 3600 // 60,
    }


def next_start(times: list[SessionTime], now: datetime) -> SessionTime | None:
    """The session to count down to: the next one to start, else the first race still without results."""
    waiting = [t for t in times if not t.has_results and t.local is not None]
    return next((t for t in waiting if t.local and t.local > now), None) or next(
        (t for t in waiting if t.session.scores), None
    )


def next_event(season: Season) -> Event | None:
    """The first event with a points-paying session still without results (the one to watch)."""
    return next(
        (e for e in season.events if any(s.scores and not season.has_results(s.id) for s in e.sessions)),
        None,
    )


def latest_session(season: Season) -> tuple[Event, Session] | None:
    done = [(e, s) for e, s in season.sessions() if season.has_results(s.id)]
    return done[-1] if done else None


def _car(season: Season, entry_id: str) -> str:
    return season.entry(entry_id).label


def _drivers(season: Season, result: Result) -> str:
    return " / ".join(season.driver(d).name for d in season.drivers_of(result))


def class_results(
    season: Season, ruleset: Ruleset, classification: Classification, event: Event, session: Session
) -> list[ResultLine]:
    """A session's effective results inside one class (:func:`podium.present.results.class_lines`)."""
    out = []
    for line in class_lines(season, ruleset, classification, event, session):
        entry = season.entry(line.result.entry)
        out.append(
            ResultLine(
                class_position=line.position,
                result=line.result,
                original=line.original,
                car=_car(season, entry.id),
                drivers=_drivers(season, line.result),
                team=season.team(entry.team).name if entry.team else "",
                points=line.points,
            )
        )
    return with_gaps(out)


def with_gaps(lines: list[ResultLine]) -> list[ResultLine]:
    """Each classified car's gap to the first line (the class winner): laps down, else time."""
    if not lines or not lines[0].result.classified:
        return lines
    first = lines[0].result
    out = [lines[0]]
    for line in lines[1:]:
        r = line.result
        if not r.classified:
            out.append(line)
        elif first.laps is not None and r.laps is not None and r.laps < first.laps:
            out.append(replace(line, gap_laps=first.laps - r.laps))
        elif first.time is not None and r.time is not None and r.time >= first.time:
            out.append(replace(line, gap_time=r.time - first.time))
        else:
            out.append(line)
    return out


def adjustment_words(adjustment: Adjustment, gettext: Callable[[str], str], lang: str = "en") -> str:
    """What an adjustment does, in the viewer's language (``Adjustment.describe`` is English)."""
    match adjustment.kind:
        case AdjustmentKind.POINTS:
            amount = adjustment.points or Fraction(0)
            sign = "+" if amount > 0 else ""
            return gettext("%(points)s points") % {"points": sign + points_text(amount, lang)}
        case AdjustmentKind.POSITIONS:
            return gettext("%(n)s-place penalty") % {"n": adjustment.positions}
        case AdjustmentKind.TIME:
            seconds = points_text(adjustment.seconds or Fraction(0), lang)
            return gettext("%(n)s-second penalty") % {"n": seconds}
        case AdjustmentKind.DISQUALIFY:
            return gettext("disqualified")
    changes = ", ".join(f"{k} = {v}" for k, v in adjustment.changes)
    return gettext("corrected: %(changes)s") % {"changes": changes}


def _result_words(result: Result | None, other: Result | None, gettext: Callable[[str], str]) -> str:
    """``P3``, or ``P3 (20 laps)`` when the other side differs only in laps."""
    if result is None:
        return ""
    if other is not None and str(other) == str(result) and other.laps != result.laps:
        laps = gettext("%(n)s laps") % {"n": result.laps}
        return f"{result} ({laps})" if result.laps is not None else str(result)
    return str(result)


def adjustment_lines(
    season: Season, event: Event, gettext: Callable[[str], str], lang: str = "en"
) -> list[AdjustmentLine]:
    out = []
    for s in event.sessions:
        originals = {r.entry: r for r in season.original_results(s.id)}
        effective = {r.entry: r for r in season.results_for(s.id)}
        for a in season.adjustments_for(s.id):
            original = originals.get(a.entry)
            out.append(
                AdjustmentLine(
                    adjustment=a,
                    session=s,
                    car=_car(season, a.entry),
                    drivers=_drivers(season, original) if original else "",
                    words=adjustment_words(a, gettext, lang),
                    before=_result_words(original, effective.get(a.entry), gettext),
                    after=_result_words(effective.get(a.entry), original, gettext),
                )
            )
    return out


# -- standings --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TableLine:
    row: StandingRow
    change: int | None
    """Places gained since the previous round (negative: lost); ``None`` when new or first round."""


def table_lines(table: Standings, previous: Standings | None) -> list[TableLine]:
    out = []
    for row in table.rows:
        before = previous.get(row.competitor) if previous else None
        change = None
        if before is not None and before.position is not None and row.position is not None:
            change = before.position - row.position
        out.append(TableLine(row, change))
    return out


def chart_data(season: Season, steps: list[Standings], final: Standings) -> dict[str, Any]:
    """Points after every round, per competitor (floats: the chart only draws them)."""
    labels = [f"R{s.after_round} {season.event(s.after_round).name}" for s in steps]
    series = []
    for index, row in enumerate(final.rows):
        values: list[float | None] = []
        for step in steps:
            found = step.get(row.competitor)
            values.append(float(found.points) if found else None)
        series.append({"name": row.name, "points": values, "visible": index < CHART_VISIBLE})
    return {"rounds": labels, "short": [f"R{s.after_round}" for s in steps], "series": series}


@dataclass(frozen=True, slots=True)
class DuelLine:
    event: Event
    session: Session
    a: Score | None
    b: Score | None
    ahead: str | None
    """``"a"``, ``"b"`` or ``None`` (neither ranked, or both missing)."""


@dataclass(frozen=True, slots=True)
class Duel:
    a: StandingRow
    b: StandingRow
    lines: list[DuelLine]

    @property
    def a_ahead(self) -> int:
        return sum(1 for x in self.lines if x.ahead == "a")

    @property
    def b_ahead(self) -> int:
        return sum(1 for x in self.lines if x.ahead == "b")


def _ahead(a: Score | None, b: Score | None) -> str | None:
    pa = a.position if a else None
    pb = b.position if b else None
    if pa is not None and (pb is None or pa < pb):
        return "a"
    if pb is not None and (pa is None or pb < pa):
        return "b"
    return None


def duel(season: Season, a: StandingRow, b: StandingRow) -> Duel:
    """Session by session: both competitors' results and who finished ahead in the class."""
    first_a = {s.session: s for s in reversed(a.scores)}
    first_b = {s.session: s for s in reversed(b.scores)}
    lines = [
        DuelLine(event, session, first_a.get(session.id), first_b.get(session.id), None)
        for event, session in season.sessions()
        if session.id in first_a or session.id in first_b
    ]
    lines = [DuelLine(x.event, x.session, x.a, x.b, _ahead(x.a, x.b)) for x in lines]
    return Duel(a, b, lines)


def _h2h_pair(request: Request, table: Standings) -> tuple[str, str] | None:
    """``?h2h=a,b`` (a link) or ``?h2h=a&h2h=b`` (the form's two selects)."""
    asked = [p for value in request.query_params.getlist("h2h") for p in value.split(",") if p.strip()]
    if not asked:
        ranked = [r.competitor for r in table.rows]
        return (ranked[0], ranked[1]) if len(ranked) >= 2 else None
    if len(asked) != 2:
        raise HTTPException(400, "h2h needs two competitors: ?h2h=a,b")
    for who in asked:
        if table.get(who.strip()) is None:
            raise NotFoundError("competitor", who, choices=[r.competitor for r in table.rows])
    return asked[0].strip(), asked[1].strip()


# -- routes -----------------------------------------------------------------------------------------
def _as_of(text: str | None) -> datetime | None:
    """An ISO instant; a time without zone is read as UTC."""
    if not text:
        return None
    try:
        when = check_instant(datetime.fromisoformat(text))
    except ValueError:
        raise HTTPException(
            400, f"as_of {text!r} is not an ISO date or time (2020-11-13T09:00-05:00)"
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _base(request: Request, view: SeasonView) -> dict[str, Any]:
    return {"ref": view.ref, "season": view.season, "classifications": view.season.classifications}


def _page(request: Request, name: str, context: dict[str, Any]) -> Response:
    return render(request.app.state.templates, request, name, context)


def _gettext(request: Request) -> Callable[[str], str]:
    return web_translations(getattr(request.state, "lang", "en")).gettext


@router.get("/seasons/{ref}", include_in_schema=False)
def season_home(request: Request, ref: str) -> Response:
    site = current_site(request)
    view = site.view(ref)
    season = view.season
    coming = next_event(season)
    latest = latest_session(season)
    leaders = []
    for c in season.classifications:
        table = site.standings(view, c.id)
        leaders.append((c, table.leader, table.after_round))
    moment = site.problem(view, season.classifications[0].id)[0].moment if season.classifications else None
    lang: str = getattr(request.state, "lang", "en")
    titles = [title_now(site, view, c, None, lang) for c in season.classifications]
    latest_classes: list[tuple[Classification, list[ResultLine]]] = []
    if latest is not None:
        for c in season.classifications:
            lines = class_results(season, view.ruleset, c, *latest)
            if lines:
                latest_classes.append((c, lines[:LATEST_TOP]))
    times = session_times(coming, season) if coming else []
    countdown = next_start(times, datetime.now(UTC))
    page = _page(
        request,
        "season.html",
        {
            **_base(request, view),
            "leaders": leaders,
            "moment": moment,
            "titles": titles,
            "coming": coming,
            "times": times,
            "countdown": countdown,
            "countdown_text": (
                countdown_text(countdown.local, datetime.now(UTC), _gettext(request))
                if countdown and countdown.local
                else ""
            ),
            "broadcasts": sorted({t.session.broadcast for t in times if t.session.broadcast}),
            "latest": latest,
            "latest_classes": latest_classes,
        },
    )
    return proven_only(page, titles)


@router.get("/seasons/{ref}/standings/{cls}", include_in_schema=False)
def standings_page(request: Request, ref: str, cls: str, as_of: str | None = None) -> Response:
    site = current_site(request)
    when = _as_of(as_of)
    view = site.view(ref, as_of=when)
    classification = view.season.classification(cls)
    table = site.standings(view, classification.id)
    steps = site.progression(view, classification.id)
    previous = steps[-2] if len(steps) >= 2 else None
    pair = _h2h_pair(request, table)
    return _page(
        request,
        "standings.html",
        {
            **_base(request, view),
            "classification": classification,
            "table": table,
            "lines": table_lines(table, previous),
            "previous": previous,
            "drops": any(line.dropped for line in table.rows),
            "chart": chart_data(view.season, steps, table),
            "as_of": when,
            "pair": pair,
            "duel": duel(view.season, table.row(pair[0]), table.row(pair[1])) if pair else None,
        },
    )


@router.get("/seasons/{ref}/events", include_in_schema=False)
def events_page(request: Request, ref: str) -> Response:
    view = current_site(request).view(ref)
    season = view.season
    coming = next_event(season)
    rows = []
    for event in season.events:
        done = [s for s in event.sessions if s.scores and season.has_results(s.id)]
        scoring = [s for s in event.sessions if s.scores]
        rows.append((event, session_times(event, season), len(done), len(scoring)))
    return _page(request, "events.html", {**_base(request, view), "rows": rows, "coming": coming})


def _event_results(
    season: Season, ruleset: Ruleset, event: Event
) -> Iterator[tuple[Session, list[tuple[Classification, list[ResultLine]]]]]:
    for s in event.sessions:
        if not season.has_results(s.id):
            continue
        classes = [(c, class_results(season, ruleset, c, event, s)) for c in season.classifications]
        yield s, [(c, lines) for c, lines in classes if lines]


@router.get("/seasons/{ref}/events/{event_id}", include_in_schema=False)
def event_page(request: Request, ref: str, event_id: str) -> Response:
    view = current_site(request).view(ref)
    season = view.season
    event = season.find_event(event_id)
    return _page(
        request,
        "event.html",
        {
            **_base(request, view),
            "event": event,
            "times": session_times(event, season),
            "results": list(_event_results(season, view.ruleset, event)),
            "adjustments": adjustment_lines(season, event, _gettext(request), request.state.lang),
        },
    )
