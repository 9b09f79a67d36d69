"""Title battle and what-if pages: the exact title maths of a season, in the reader's language.

``/seasons/{ref}/title`` sums up every classification, ``/seasons/{ref}/title/{cls}`` shows one in
full (statuses, best/worst places, clinch conditions with their counter-examples, certificates,
the next session's decision table, the press paragraph and the title odds), and
``/seasons/{ref}/whatif/{cls}`` lets the reader choose the next results. Sentences come from
:class:`podium.present.text.Text`, the same words the CLI prints; these views only arrange them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from podium.errors import InputError
from podium.forecast import Forecast
from podium.model import Classification
from podium.present.data import OutcomeData, car_label, completion_data
from podium.present.decision import possible
from podium.present.numbers import points as fmt_points
from podium.present.numbers import probability
from podium.present.text import Text, short_names
from podium.title import Status, TitleProblem, TitleReport, Verdict
from podium.title.margins import WeekendMargins
from podium.title.paths import ContenderPath
from podium.title.problem import Moment
from podium.web.i18n import web_translations
from podium.web.proofs import Busy, TitleState
from podium.web.site import SeasonView, Site, current_site
from podium.web.templating import render
from podium.web.whatif import WhatIf, field_of, query_scenario, scenario_query

router = APIRouter()

SHOWN_OUT = 3
"""Eliminated competitors listed before the rest collapse into a ``<details>``."""


@dataclass(frozen=True, slots=True)
class ConditionView:
    text: str
    kind: str
    counter: list[OutcomeData] | None


@dataclass(frozen=True, slots=True)
class CompetitorView:
    """One line of the title table with everything said about that competitor."""

    rank: int
    id: str
    name: str
    points: str
    gap: str
    status: str
    status_word: str
    status_text: str
    best: int
    worst: int
    note: str
    certificate: str | None
    conditions: tuple[ConditionView, ...]
    witness: list[OutcomeData] | None
    odds: float | None


@dataclass(frozen=True, slots=True)
class DecisionView:
    """The next session's grid: rows are the leader's place, columns the rival's."""

    session: str
    leader: str
    rival: str
    text: str
    labels: list[str]
    rival_wins: bool
    """Whether some result of the session makes the rival champion (else the legend omits them)."""
    leader_short: str
    rival_short: str
    leader_mark: str
    rival_mark: str
    rows: list[tuple[str, list[tuple[str, str]]]]
    """(leader place label, [(css outcome, tooltip)…])."""
    best_car: bool = False
    """Teams: a place is the team's best car's, its other cars anywhere behind."""


@dataclass(slots=True)
class PathView:
    """One contender's path in the next session: the sentence and the grid (places × rivals)."""

    name: str
    session: str
    text: str
    rivals: list[str]
    """Short names of the rivals the grid has a column for."""
    rows: list[tuple[str, list[str]]]
    """(the contender's places, [what each rival must do, "" for anything]…)."""


@dataclass(frozen=True, slots=True)
class MarginView:
    """One contender's points margins over the next round: the sentences and a table of the
    margins against each rival ("+8": at least 8 points more; "−26": at most 26 fewer)."""

    name: str
    lines: list[str]
    rows: list[tuple[str, list[str]]]
    """(rival, [margin to be champion, margin to stay in the fight]); "" where none is needed."""


@dataclass(slots=True)
class TitlePicture:
    classification: Classification
    problem: TitleProblem
    report: TitleReport
    contenders: list[CompetitorView] = field(default_factory=list)
    out: list[CompetitorView] = field(default_factory=list)
    decision: DecisionView | None = None
    paths: list[PathView] = field(default_factory=list)
    margins: list[MarginView] = field(default_factory=list)
    press: str = ""
    assumptions: list[str] = field(default_factory=list)
    remaining: list[str] = field(default_factory=list)
    chart: dict[str, Any] | None = None

    @property
    def margins_alive(self) -> bool:
        """Whether any contender has a margin to stay in the fight (none before a last round)."""
        return any(cells[1] for m in self.margins for _, cells in m.rows)

    @property
    def out_shown(self) -> list[CompetitorView]:
        return self.out[:SHOWN_OUT]

    @property
    def out_folded(self) -> list[CompetitorView]:
        return self.out[SHOWN_OUT:]

    @property
    def champion(self) -> CompetitorView | None:
        return next((c for c in self.contenders if c.status == Status.CLINCHED.value), None)


def picture(
    classification: Classification,
    report: TitleReport,
    lang: str,
    forecast: Forecast | None = None,
) -> TitlePicture:
    """Everything a title page shows about one classification, as words and plain values."""
    text = Text(lang)
    problem = report.problem
    odds = {c.id: c.title for c in forecast.contestants} if forecast is not None else {}
    shown = TitlePicture(classification, problem, report)
    leader_points = max(
        (v.contestant.points for v in report.verdicts if not v.contestant.excluded), default=Fraction(0)
    )
    for rank, v in enumerate(report.verdicts, start=1):
        view = _competitor(problem, v, rank, text, leader_points, odds.get(v.contestant.id))
        (shown.out if v.status == Status.ELIMINATED else shown.contenders).append(view)
    if report.verdicts:
        shown.press = text.press(report, classification=classification.name)
    shown.assumptions = text.assumptions(problem)
    shown.remaining = [s.name for s in problem.sessions]
    if report.decision is not None:
        shown.decision = _decision(problem, report, text)
    shown.paths = [_path(problem, path, text) for path in report.paths]
    shown.margins = [_margins(problem, m, text) for m in report.margins]
    if forecast is not None:
        shown.chart = chart_data(forecast, lang)
    return shown


def _competitor(
    problem: TitleProblem,
    v: Verdict,
    rank: int,
    text: Text,
    leader_points: Fraction,
    odds: float | None,
) -> CompetitorView:
    gap = leader_points - v.contestant.points
    return CompetitorView(
        rank=rank,
        id=v.contestant.id,
        name=v.contestant.name,
        points=fmt_points(v.contestant.points, text.lang),
        gap="" if not gap else "−" + fmt_points(gap, text.lang),
        status=str(v.status),
        status_word=text.status_word(v.status),
        status_text=text.status(v),
        best=v.best_position,
        worst=v.worst_position,
        note=v.note,
        certificate=text.certificate(v.certificate) if v.certificate else None,
        conditions=tuple(
            ConditionView(
                text.condition(problem, v, c), c.kind.value, completion_data(problem, c.counter_example)
            )
            for c in v.conditions
        ),
        witness=completion_data(problem, v.witness) if v.status == Status.ALIVE else None,
        odds=odds,
    )


def _margins(problem: TitleProblem, margins: WeekendMargins, text: Text) -> MarginView:
    def signed(value: Fraction) -> str:
        return ("+" if value > 0 else "−" if value < 0 else "") + fmt_points(abs(value), text.lang)

    clinch = {m.rival: signed(m.at_least) for m in margins.clinch} if margins.achievable else {}
    alive = {m.rival: signed(m.at_least) for m in margins.alive}
    rivals = list(dict.fromkeys([*clinch, *alive]))
    short = short_names(problem, tuple(problem.contestant(r) for r in rivals))
    return MarginView(
        problem.contestant(margins.contender).name,
        text.margins(problem, margins),
        [(short[r], [clinch.get(r, ""), alive.get(r, "")]) for r in rivals],
    )


def _decision(problem: TitleProblem, report: TitleReport, text: Text) -> DecisionView:
    d = report.decision
    assert d is not None
    leader = problem.contestant(d.leader).name
    rival = problem.contestant(d.rival).name
    dns = web_translations(text.lang).gettext("DNS")

    def label(place: int | None) -> str:
        return dns if place is None else text.ordinal(place)

    def head(place: int | None) -> str:
        return dns if place is None else str(place)

    session = next(s for s in problem.sessions if s.id == d.session)
    rows = []
    for lp in d.places:
        cells = []
        for rp in d.places:
            if (lp is not None and lp == rp) or not possible(problem, session, lp, rp, d):
                cells.append(("same", ""))  # cannot happen (a team's best cars need room)
                continue
            outcome = d.cells.get((lp, rp), "open")
            who = {"leader": leader, "rival": rival}.get(outcome)
            tip = f"{leader} {label(lp)}, {rival} {label(rp)}" + (f" → {who}" if who else "")
            cells.append((outcome, tip))
        rows.append((head(lp), cells))
    return DecisionView(
        session=next(s.name for s in problem.sessions if s.id == d.session),
        leader=leader,
        rival=rival,
        text=text.decision(problem, d),
        labels=[head(p) for p in d.places],
        rival_wins="rival" in d.cells.values(),
        best_car=d.best_car,
        rows=rows,
        leader_short=_short(leader),
        rival_short=_short(rival),
        leader_mark=_short(leader)[:1].upper(),
        rival_mark=_short(rival)[:1].upper()
        if _short(rival)[:1].upper() != _short(leader)[:1].upper()
        else "2",
    )


def _path(problem: TitleProblem, path: ContenderPath, text: Text) -> PathView:
    grid = text.path_grid(problem, path)
    rivals = list(dict.fromkeys(r for _, needs in grid for r in needs))
    return PathView(
        name=problem.contestant(path.contender).name,
        session=next(s.name for s in problem.sessions if s.id == path.session),
        text=text.path(problem, path),
        rivals=[_short(problem.contestant(r).name) for r in rivals],
        rows=[(own, [needs.get(r, "") for r in rivals]) for own, needs in grid],
    )


def _short(name: str) -> str:
    """A family name for tight spaces ("Kingsley")."""
    return name.rsplit(maxsplit=1)[-1] if name.strip() else name


def chart_data(forecast: Forecast, lang: str = "en") -> dict[str, Any] | None:
    """Title odds of everyone with a chance (or a status that says so), for the Plotly bar chart."""
    rows = [c for c in forecast.contestants if c.title > 0 or c.status in (Status.ALIVE, Status.CLINCHED)]
    if not rows:
        return None
    return {
        "names": [c.name for c in rows],
        "odds": [c.title for c in rows],
        "labels": [probability(c.title, possible=c.status == Status.ALIVE, lang=lang) for c in rows],
        "alive": [c.status == Status.ALIVE for c in rows],
        "samples": forecast.samples,
        "seed": forecast.seed,
        "model": forecast.model,
    }


def _season_context(site: Site, ref: str, after: str | None) -> tuple[Any, str | None, dict[str, Any]]:
    """The season, the checked moment (``?after=``; 404 naming the valid sessions) and the
    context every title page shares (``moment_query`` keeps an explicit moment in the links)."""
    view = site.view(ref)
    season = view.season
    asked = site.moment(view, after)
    context = {
        "ref": ref,
        "season": season,
        "classifications": season.classifications,
        "moment_query": "" if asked is None else "?" + urlencode({"after": asked}),
        "after": asked,
    }
    return view, asked, context


AfterParam = Annotated[
    str | None,
    Query(description="Session id the question is asked after (default: the latest with results)."),
]


@dataclass(frozen=True, slots=True)
class TitleNow:
    """One classification's title as the site can show it without waiting for a proof."""

    classification: Classification
    now: TitleProblem
    """The question as the season stands now (its moment, the sessions left): cheap, never stale."""
    state: TitleState
    picture: TitlePicture | None
    """The last proven picture: of this version (current) or of an earlier one, else None."""

    @property
    def as_of(self) -> Moment | None:
        return self.picture.problem.moment if self.picture is not None else None


def title_now(
    site: Site, view: SeasonView, classification: Classification, after: str | None, lang: str
) -> TitleNow:
    """The proven title of one classification, the workers asked for a newer one when needed."""
    state = site.title_state(view, classification.id, after)
    now, _ = site.problem(view, classification.id, after)
    shown = None
    if state.proven is not None:
        shown = picture(classification, state.proven.title.report, lang, state.proven.forecast)
    return TitleNow(classification, now, state, shown)


def proven_only(response: Response, titles: list[TitleNow]) -> Response:
    """A page showing anything not yet proven must not be kept by caches (it changes by itself)."""
    if any(not t.state.current for t in titles):
        response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/seasons/{ref}/title", include_in_schema=False)
def title_all(request: Request, ref: str, after: AfterParam = None) -> Response:
    """Every classification's title fight at a glance, each linking to its full page."""
    site = current_site(request)
    lang: str = request.state.lang
    view, asked, context = _season_context(site, ref, after)
    titles = [title_now(site, view, c, asked, lang) for c in view.season.classifications]
    context["titles"] = titles
    context["refresh"] = any(t.state.pending for t in titles)
    return proven_only(render(request.app.state.templates, request, "title.html", context), titles)


@router.get("/seasons/{ref}/title/{cls}", include_in_schema=False)
def title_class(request: Request, ref: str, cls: str, after: AfterParam = None) -> Response:
    """One classification's full title picture (the last proven one, marked when not current)."""
    site = current_site(request)
    lang: str = request.state.lang
    view, asked, context = _season_context(site, ref, after)
    classification = view.season.classification(cls)
    title = title_now(site, view, classification, asked, lang)
    context.update(t=title, p=title.picture, refresh=title.state.pending)
    return proven_only(render(request.app.state.templates, request, "title_class.html", context), [title])


@router.get("/seasons/{ref}/whatif/{cls}", include_in_schema=False)
def whatif_page(request: Request, ref: str, cls: str, after: AfterParam = None) -> Response:
    """The what-if editor, with the result of the scenario in the URL rendered on the server."""
    site = current_site(request)
    lang: str = request.state.lang
    view, asked, context = _season_context(site, ref, after)
    classification = view.season.classification(cls)
    problem, _ = site.problem(view, cls, asked)
    error: InputError | None = None
    result: WhatIf | None = None
    params = {k: v for k, v in request.query_params.items() if k not in ("lang", "after")}
    busy: Busy | None = None
    try:
        scenario = query_scenario(params)
        if scenario.sessions:
            result = site.whatif(view, cls, scenario, asked)
    except InputError as exc:
        error = exc
    except Busy as exc:
        busy = exc
    context.update(
        busy=busy,
        refresh=busy is not None,
        refresh_seconds=busy.retry_after if busy is not None else 0,
        classification=classification,
        problem=problem,
        words=js_words(lang),
        editor=editor(problem, result, lang),
        result=None if result is None else result_view(result, classification, lang),
        error=error,
        query=_with_moment(asked, "" if result is None else scenario_query(problem, result.outcomes)),
    )
    status = 422 if error is not None else 503 if busy is not None else 200
    response = render(request.app.state.templates, request, "whatif.html", context, status)
    if busy is not None:
        response.headers["Retry-After"] = str(busy.retry_after)
        response.headers["Cache-Control"] = "no-store"
    return response


def _with_moment(after: str | None, query: str) -> str:
    """A what-if query string that keeps an explicit moment (``after=…&s1=…``)."""
    if after is None:
        return query
    return urlencode({"after": after}) + ("&" + query if query else "")


def js_words(lang: str) -> dict[str, Any]:
    """The what-if script's words in the page's language (it renders the API's answer)."""
    words = web_translations(lang)
    text = Text(lang)
    return {
        "result": words.gettext("Result"),
        "champion": words.gettext("%(name)s is champion."),
        "shared": words.gettext("First place is shared: nobody is champion alone."),
        "remaining": words.gettext("Still to run: %(sessions)s."),
        "competitor": words.gettext("Competitor"),
        "points": words.gettext("Points"),
        "gained": words.gettext("Gained"),
        "status": words.gettext("Status"),
        "dns": words.gettext("DNS"),
        "computing": words.gettext("Computing… the exact maths can take a few seconds."),
        "busy": words.gettext("Every worker is busy with other what-ifs; asking again in %(seconds)s s…"),
        "failed": words.gettext("The computation failed:"),
        "done": words.gettext("Done."),
        "more_one": words.ngettext(
            "%(num)d more competitor out of contention", "%(num)d more competitors out of contention", 1
        ),
        "more_many": words.ngettext(
            "%(num)d more competitor out of contention", "%(num)d more competitors out of contention", 2
        ),
        "statuses": {s.value: text.status_word(s) for s in Status},
    }


def editor(problem: TitleProblem, result: WhatIf | None, lang: str = "en") -> list[dict[str, Any]]:
    """Each remaining session's field in the order to show: the applied result, else the standings."""
    applied = {o.session: o for o in result.outcomes} if result is not None else {}
    points = {c.id: fmt_points(c.points, lang) for c in problem.contestants}
    sessions = []
    for i, session in enumerate(problem.sessions, start=1):
        cars = field_of(problem, session)
        outcome = applied.get(session.id)
        if outcome is not None:
            order = [*outcome.order, *outcome.unranked]
            dns = set(outcome.unranked)
        else:
            order, dns = cars, set()
        sessions.append(
            {
                "number": i,
                "id": session.id,
                "name": session.name,
                "applied": outcome is not None,
                "starters_score": session.starters_score,
                "cars": [
                    {
                        "car": car,
                        "name": car_label(problem, car),
                        "points": points.get(problem.owner(car) or "", ""),
                        "dns": car in dns,
                    }
                    for car in order
                ],
            }
        )
    return sessions


def result_view(result: WhatIf, classification: Classification, lang: str) -> dict[str, Any]:
    """What the result panel shows (the JS renders the same from the API's JSON)."""
    shown = picture(classification, result.report, lang)
    current = {c.id: c.points for c in result.problem.contestants}
    names = {c.id: c.name for c in result.problem.contestants}
    statuses = {c.id: c for c in [*shown.contenders, *shown.out]}
    rows = []
    for row in result.standings:
        status = statuses.get(row.contestant)
        gained = row.points - current.get(row.contestant, 0)
        rows.append(
            {
                "position": row.position,
                "name": names.get(row.contestant, row.contestant),
                "points": fmt_points(row.points, lang),
                "gained": ("+" + fmt_points(gained, lang)) if gained else "",
                "status": status.status if status else "",
                "status_word": status.status_word if status else "",
                "quiet": not gained and (status is None or status.status == Status.ELIMINATED.value),
            }
        )
    champion = result.champion
    return {
        "complete": result.complete,
        "champion": None if champion is None else names.get(champion, champion),
        "rows": [r for r in rows if not r["quiet"]],
        "folded": [r for r in rows if r["quiet"]],
        "picture": shown,
        "remaining": [s.name for s in result.after.sessions],
    }
