"""Plain, JSON-ready shapes of core values: the one mapping behind the CLI's ``--json`` and the web API.

Each shape is declared once, here, as a :class:`~typing.TypedDict` whose attribute docstrings say
what each field means, next to the function that writes it. The API's response models
(``web/api/schemas.py``) are derived from these declarations (a field added here is in the OpenAPI
schema, documented by its docstring, with no second edit) and check every answer against them.

Points travel as exact strings ("90", "9/2", "43/7", typed :data:`Exact`) so no client ever sees a
float.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, NotRequired, TypeAlias, TypedDict, overload

from podium.model import Adjustment, Classification, Event, Result, Season, Session
from podium.present.numbers import exact
from podium.present.results import ClassLine, class_lines
from podium.present.text import Text
from podium.rules import Ruleset
from podium.standings import StandingRow, Standings
from podium.title import Completion, Status, TitleProblem, TitleReport
from podium.title.margins import RivalMargin, WeekendMargins
from podium.title.paths import ContenderPath
from podium.title.problem import Moment

EXACT = "exact"
"""The mark of an :data:`Exact` field (the API documents and checks such text as an exact number)."""
Exact: TypeAlias = Annotated[str, EXACT]
"""An exact number as text: an integer ("90") or a fraction ("9/2", "-43/7"), never a float."""


# -- standings --------------------------------------------------------------------------------------------
class StandingsRowData(TypedDict):
    """One competitor's line of a table."""

    position: int | None
    """Place in the table (null: excluded, not ranked)."""
    position_text: str
    """The place as printed ("1", "-" when excluded)."""
    competitor: str
    """The competitor's name."""
    competitor_id: str
    points: Exact
    """Counted points."""
    total_points: Exact
    """Every point scored, dropped ones included."""
    wins: int
    dropped: list[str]
    """Results dropped by best-N counting, each as round, place and points ("R3 P12 (2)")."""
    dropped_points: Exact
    adjusted: Exact
    """Points added or deducted by penalties."""
    excluded: str | None
    """Why the competitor is excluded from the table, if so."""
    tie_break: str | None
    """The tie-break step that decided this place, if any."""


class StandingsData(TypedDict):
    """A classification's table after a round: exactly ``podium standings SEASON --class CLS --json``."""

    season: str
    after_round: int
    classification: str
    """The classification's id."""
    classification_name: str
    rows: list[StandingsRowData]


def standings_data(standings: Standings, *, season: str | None = None) -> StandingsData:
    """The standings table as the CLI and API print it (``season``: how the caller names it)."""
    rows: list[StandingsRowData] = [
        {
            "position": row.position,
            "position_text": row.position_text,
            "competitor": row.name,
            "competitor_id": row.competitor,
            "points": exact(row.points),
            "total_points": exact(row.total_points),
            "wins": row.wins,
            "dropped": [f"R{s.round} {s}" for s in row.dropped],
            "dropped_points": exact(row.dropped_points),
            "adjusted": exact(row.adjusted),
            "excluded": row.excluded.reason if row.excluded else None,
            "tie_break": row.decided_by.value if row.decided_by else None,
        }
        for row in standings.rows
    ]
    return {
        "season": season if season is not None else standings.season,
        "after_round": standings.after_round,
        "classification": standings.classification.id,
        "classification_name": standings.classification.name,
        "rows": rows,
    }


# -- title ------------------------------------------------------------------------------------------------
def car_label(problem: TitleProblem, car: str) -> str:
    """A car of a title question as readers know it: its competitor's name, with the car number
    when the competitor has several cars (a team): "Jeff Kingsley", "Wright Motorsports #16"."""
    owner = problem.owner(car)
    if owner is None:
        return "(unnamed car)"
    contestant = problem.contestant(owner)
    return contestant.name if len(contestant.cars) == 1 else f"{contestant.name} #{car.rsplit('#', 1)[-1]}"


class OutcomeData(TypedDict):
    """The results of one session in an ending, each car named as readers know it."""

    session: str
    """The session's name."""
    order: list[str]
    """Finishing order, first to last."""
    not_classified: list[str]
    fastest_lap: NotRequired[str]
    """Who sets the fastest lap (only when the rules pay for one)."""


def completion_data(problem: TitleProblem, completion: Completion | None) -> list[OutcomeData] | None:
    """A completion as ``[{"session", "order": [names…], "not_classified": [names…]}]``."""
    if completion is None:
        return None
    names = {s.id: s.name for s in problem.sessions}
    out: list[OutcomeData] = []
    for o in completion.outcomes:
        item: OutcomeData = {
            "session": names.get(o.session, o.session),
            "order": [car_label(problem, car) for car in o.order],
            "not_classified": [car_label(problem, car) for car in o.unranked],
        }
        if o.fastest_lap:
            item["fastest_lap"] = car_label(problem, o.fastest_lap)
        out.append(item)
    return out


class ConditionData(TypedDict):
    """A proven clinch condition, the strongest of its kind."""

    kind: str
    """start, uniform, one_and_start, points or ahead_of."""
    value: int | str
    """A place, a competitor id or points (exact text)."""
    text: str
    weaker: int | str | None
    """The next weaker statement, which is not enough."""
    counter_example: list[OutcomeData] | None
    """An ending where the weaker statement holds and the title is lost."""


class CompetitorData(TypedDict):
    """One competitor's title status, with its proof."""

    name: str
    id: str
    points: Exact
    status: str
    """clinched, alive or eliminated."""
    status_text: str
    best_position: int
    worst_position: int
    best_position_exact: bool
    """False when the best position is only bounded."""
    worst_position_exact: bool
    """False when the worst position is only bounded."""
    best_position_range: NotRequired[list[int]]
    """When not exact: [proven lower bound, best ending found]."""
    worst_position_range: NotRequired[list[int]]
    """When not exact: [worst ending found, proven upper bound]."""
    witness: list[OutcomeData] | None
    """For a competitor still alive: remaining results in which they take the title."""
    certificate: str | None
    """For an eliminated competitor: why, in numbers."""
    conditions: list[ConditionData]
    conditions_unsettled: list[str]
    """Condition kinds a deterministic work limit left unproven (never guessed)."""


class RemainingData(TypedDict):
    """A session still to run."""

    id: str
    """The session's id (what ?after= takes)."""
    session: str
    starters: int
    unnamed_starters: int
    points: list[Exact]
    """Points by position."""


class DecisionCellData(TypedDict):
    leader_place: int | None
    rival_place: int | None
    outcome: str
    """leader, rival or open."""


class DecisionData(TypedDict):
    """Who is champion after the next session, for each pair of places of the leader and the rival."""

    session: str
    leader: str
    rival: str
    best_car: bool
    """True for teams: a place is the team's best car's, its other cars anywhere behind."""
    cells: list[DecisionCellData]
    text: str


class GivenData(TypedDict):
    """A result assumed in another session."""

    session: str
    car: str
    place: int | None


class RivalLimitData(TypedDict):
    competitor: str
    id: str
    from_place: int | None
    """The rival must finish this place or lower; null: the rival must not be ranked."""
    places: NotRequired[list[int | None]]
    """When the harmless places are not one run: all of them (null: not ranked)."""
    example: list[OutcomeData] | None
    """An ending with the rival one place better, level with or ahead of the contender."""


class PathRowData(TypedDict):
    place: int | None
    """The contender's place in the session (null: not ranked)."""
    bonuses: list[str]
    """Bonuses the contender takes in this row (fastest_lap, pole, most_laps_led, led_a_lap); empty:
    whatever the bonuses, the rivals may take them all."""
    rivals: list[RivalLimitData]
    """What each rival must not do; others may do anything."""


class PathData(TypedDict):
    """One contender's places in a session that settle the title, against every rival at once."""

    competitor: str
    id: str
    session: str
    session_id: str
    given: list[GivenData]
    """Results assumed in other sessions."""
    rows: list[PathRowData]
    """Only the places that can settle the title."""
    text: str


class WeekendData(TypedDict):
    """Whether a contender can clinch in the sessions of the next round."""

    competitor: str
    id: str
    sessions: list[str]
    """The sessions of the next round."""
    can_clinch: bool
    witness: list[OutcomeData] | None
    """Results of those sessions after which the competitor is champion whatever happens later."""
    text: str


class MomentData(TypedDict):
    """When the title question is asked: right after this session."""

    session: str
    session_name: str
    round: int
    event: str
    round_complete: bool
    """False when a points-paying session of the round is still to run."""


class TitleData(TypedDict):
    """The exact title picture: exactly ``podium title SEASON --classification CLS --json``."""

    title: str
    classification: str
    after_round: int
    moment: MomentData | None
    """The session the question is asked after (null: before any)."""
    remaining: list[RemainingData]
    assumptions: list[str]
    engine: str
    competitors: list[CompetitorData]
    decision_table: DecisionData | None
    paths: list[PathData]
    """Every alive contender's path in the next session."""
    weekend: list[WeekendData]
    """When the next round has several sessions: whether each contender can clinch this weekend,
    with the path in its last session given the best earlier results."""
    margins: list[MarginsData]
    """Points margins over the next round: how many more points than each rival each contender must
    score there to be champion, or to stay in the fight."""
    press: str


def title_data(report: TitleReport, *, lang: str = "en", label: str = "", event: str = "") -> TitleData:
    """The title report as the CLI's ``--json`` and the API return it (public shape).

    ``label`` names the classification in the press paragraph ("Platinum", not its id ``platinum``);
    ``event`` is where the next races are ("Sebring").
    """
    text = Text(lang)
    problem = report.problem
    competitors: list[CompetitorData] = []
    for v in report.verdicts:
        item: CompetitorData = {
            "name": v.contestant.name,
            "id": v.contestant.id,
            "points": exact(v.contestant.points),
            "status": str(v.status),
            "status_text": text.status(v),
            "best_position": v.best_position,
            "worst_position": v.worst_position,
            "best_position_exact": v.best_exact,
            "worst_position_exact": v.worst_exact,
            "witness": completion_data(problem, v.witness) if v.status == Status.ALIVE else None,
            "certificate": text.certificate(v.certificate) if v.certificate else None,
            "conditions": [
                {
                    "kind": c.kind.value,
                    "value": exact(c.value) if isinstance(c.value, Fraction) else c.value,
                    "text": text.condition(problem, v, c),
                    "weaker": exact(c.weaker) if isinstance(c.weaker, Fraction) else c.weaker,
                    "counter_example": completion_data(problem, c.counter_example),
                }
                for c in v.conditions
            ],
            "conditions_unsettled": [kind.value for kind in v.unsettled],
        }
        if v.best_range:
            item["best_position_range"] = list(v.best_range)
        if v.worst_range:
            item["worst_position_range"] = list(v.worst_range)
        competitors.append(item)
    decision: DecisionData | None = None
    if report.decision is not None:
        d = report.decision
        decision = {
            "session": next(s.name for s in problem.sessions if s.id == d.session),
            "leader": problem.contestant(d.leader).name,
            "rival": problem.contestant(d.rival).name,
            "best_car": d.best_car,
            "cells": [
                {"leader_place": lp, "rival_place": rp, "outcome": outcome}
                for (lp, rp), outcome in sorted(
                    d.cells.items(), key=lambda kv: (_key(kv[0][0]), _key(kv[0][1]))
                )
            ],
            "text": text.decision(problem, d),
        }
    return {
        "title": problem.title,
        "classification": problem.classification,
        "after_round": problem.after_round,
        "moment": moment_data(problem.moment),
        "remaining": [
            {
                "id": s.id,
                "session": s.name,
                "starters": s.field,
                "unnamed_starters": s.anonymous,
                "points": [exact(v) for v in s.table],
            }
            for s in problem.sessions
        ],
        "assumptions": text.assumptions(problem),
        "engine": report.engine,
        "competitors": competitors,
        "decision_table": decision,
        "paths": [path_data(problem, path, text) for path in report.paths],
        "weekend": [
            {
                "competitor": problem.contestant(chance.contender).name,
                "id": chance.contender,
                "sessions": [s.name for s in problem.sessions if s.id in chance.sessions],
                "can_clinch": chance.can_clinch,
                "witness": completion_data(problem, Completion(chance.witness)) if chance.witness else None,
                "text": text.weekend(problem, chance),
            }
            for chance in report.weekends
        ],
        "margins": [margins_data(problem, m, text) for m in report.margins],
        "press": text.press(report, event=event, classification=label),
    }


class RivalMarginData(TypedDict):
    """How many points a contender must take from one rival over the next round."""

    rival: str
    rival_id: str
    at_least: Exact
    """How many more points than the rival the competitor must score over the round (negative: how
    many fewer at most), tie-break included."""
    tie_lost: bool
    """One step less could leave them level on points with the tie-break lost."""
    exact: bool
    """False when the work limit cut the tie-break question: the threshold is then the safe one."""
    example: list[OutcomeData] | None
    """An ending proving the threshold cannot be lower, replayed by the referee."""


class MarginsData(TypedDict):
    """One contender's points margins over the next round, against every rival."""

    competitor: str
    id: str
    sessions: list[str]
    """The sessions of the next round."""
    clinch: list[RivalMarginData]
    """Met together, they make the competitor champion."""
    can_clinch: bool | None
    """Whether one round's results meet every clinch margin (null: the work limit cut the question)."""
    witness: list[OutcomeData] | None
    alive: list[RivalMarginData]
    """Each is needed to keep a chance after the round."""
    text: list[str]


def margins_data(problem: TitleProblem, margins: WeekendMargins, text: Text) -> MarginsData:
    """One contender's points margins over the next round: ``at_least`` is how many more points
    than the rival the contender must score there (negative: how many fewer at most), tie-break
    included (``tie_lost``: one point less could leave them level, and the tie-break lost);
    ``clinch`` together make the contender champion, each ``alive`` margin is needed to keep a
    chance. Each ``example`` is an ending that proves the threshold cannot be lower."""

    def rows(found: tuple[RivalMargin, ...]) -> list[RivalMarginData]:
        return [
            {
                "rival": problem.contestant(m.rival).name,
                "rival_id": m.rival,
                "at_least": exact(m.at_least),
                "tie_lost": m.tie_lost,
                "exact": m.exact,
                "example": completion_data(problem, m.example),
            }
            for m in found
        ]

    return {
        "competitor": problem.contestant(margins.contender).name,
        "id": margins.contender,
        "sessions": [s.name for s in problem.sessions if s.id in margins.sessions],
        "clinch": rows(margins.clinch),
        "can_clinch": margins.achievable,
        "witness": completion_data(problem, margins.witness),
        "alive": rows(margins.alive),
        "text": text.margins(problem, margins),
    }


def path_data(problem: TitleProblem, path: ContenderPath, text: Text) -> PathData:
    """One contender's path: the places in a session that settle the title, each with what every
    rival must not do (``from_place``: that place or lower, None: not ranked; ``places``: the
    rival's harmless places when they are not one run), and an ending proving each limit tight."""
    names = {s.id: s.name for s in problem.sessions}
    rows: list[PathRowData] = []
    for row in path.rows:
        rivals: list[RivalLimitData] = []
        for limit in row.limits:
            rival: RivalLimitData = {
                "competitor": problem.contestant(limit.rival).name,
                "id": limit.rival,
                "from_place": limit.from_place,
                "example": completion_data(problem, limit.example),
            }
            if limit.listed:
                rival["places"] = list(limit.listed)
            rivals.append(rival)
        rows.append({"place": row.place, "bonuses": list(row.bonuses), "rivals": rivals})
    return {
        "competitor": problem.contestant(path.contender).name,
        "id": path.contender,
        "session": names[path.session],
        "session_id": path.session,
        "given": [
            {"session": names[f.session], "car": car_label(problem, f.car), "place": f.place}
            for f in path.given
        ],
        "rows": rows,
        "text": text.path(problem, path),
    }


def moment_data(moment: Moment | None) -> MomentData | None:
    """When the question is asked: after which session (None: before any, or a scenario file)."""
    if moment is None:
        return None
    return {
        "session": moment.session,
        "session_name": moment.session_name,
        "round": moment.round,
        "event": moment.event_name,
        "round_complete": moment.round_complete,
    }


def _key(place: int | None) -> int:
    return 10_000 if place is None else place


# -- seasons, calendars and session results ----------------------------------------------------------
class SeasonData(TypedDict):
    """What a season says about itself (the store adds its ruleset, version and log)."""

    series: str
    series_name: str
    year: int
    name: str
    title: str
    rounds: int
    """Events in the calendar."""
    rounds_completed: int
    """Highest round with results (0 before the first race)."""
    sessions_with_results: int


def season_data(season: Season) -> SeasonData:
    """What a season says about itself (the store adds its ruleset, version and log)."""
    return {
        "series": season.series.id,
        "series_name": season.series.name,
        "year": season.year,
        "name": season.name,
        "title": season.title,
        "rounds": len(season.events),
        "rounds_completed": season.rounds_completed,
        "sessions_with_results": sum(1 for _, s in season.sessions() if season.has_results(s.id)),
    }


class ClassificationData(TypedDict):
    """A championship table of the season, with who leads it."""

    id: str
    name: str
    competitor: str
    """Who the table ranks: driver, team or entry."""
    eligibility: str
    """The rule deciding membership at each event date."""
    leader: str | None
    """Who leads the table now (none before the first result)."""
    leader_points: Exact | None


def classification_data(classification: Classification, leader: StandingRow | None) -> ClassificationData:
    """A classification with who leads it (``None`` before the first result)."""
    return {
        "id": classification.id,
        "name": classification.name,
        "competitor": classification.competitor.value,
        "eligibility": classification.eligibility.text.strip() or "True",
        "leader": leader.name if leader else None,
        "leader_points": exact(leader.points) if leader else None,
    }


class SessionData(TypedDict):
    """A session of the calendar: local and absolute start, planned length, broadcast."""

    id: str
    name: str
    kind: str
    start_local: datetime | None
    """Scheduled start, wall-clock time at the venue (no offset)."""
    start: datetime | None
    """The same instant with the venue's UTC offset."""
    time_zone: str
    scheduled_duration: timedelta | None
    """ISO 8601 duration."""
    scheduled_laps: int | None
    broadcast: str | None
    has_results: bool


class ResultData(TypedDict):
    """A car's result as it stands, adjustments applied (overall order)."""

    entry: str
    car: str | None
    drivers: list[str]
    position: int | None
    status: str
    laps: int | None
    time: str | None
    """Total time in seconds, exact decimal text."""
    laps_led: int
    fastest_lap: bool
    pole: bool
    grid: int | None


class ClassLineData(TypedDict):
    """One line of a classification's result of a session: position in the class and points earned."""

    position: int | None
    competitor: str
    competitor_id: str
    entry: str
    status: str
    points: Exact
    bonus: Exact
    shared: bool


class AdjustmentData(TypedDict):
    """A penalty or correction with its reason."""

    id: str
    entry: str
    kind: str
    """points, positions, time, dsq or correction."""
    reason: str
    points: Exact | None
    positions: int | None
    seconds: Exact | None
    changes: dict[str, Any]
    """For a correction: each field corrected and its new value."""
    classification: str | None
    author: str | None
    at: datetime | None


class SessionDetailData(SessionData):
    """A session with its results overall, per class, and the adjustments behind them."""

    laps_completed: int | None
    results: list[ResultData]
    classes: dict[str, list[ClassLineData]]
    """Classification id → lines: ranked cars by class position, then the others by overall position
    (a shared car: one line per driver)."""
    adjustments: list[AdjustmentData]


class EventFields(TypedDict):
    """What every event says about itself."""

    round: int
    id: str
    name: str
    date: date
    venue: str | None
    country: str | None
    time_zone: str


class EventData(EventFields):
    """An event of the calendar with its sessions."""

    sessions: list[SessionData]


class EventDetailData(EventFields):
    """An event with each session's results overall and per class, penalties and corrections."""

    sessions: list[SessionDetailData]


@overload
def event_data(season: Season, event: Event, ruleset: None = None) -> EventData: ...
@overload
def event_data(season: Season, event: Event, ruleset: Ruleset) -> EventDetailData: ...
def event_data(season: Season, event: Event, ruleset: Ruleset | None = None) -> EventData | EventDetailData:
    """An event and its sessions; with ``ruleset``, each session's results overall and per class."""
    head: EventFields = {
        "round": event.round,
        "id": event.id,
        "name": event.name,
        "date": event.date,
        "venue": event.venue,
        "country": event.country,
        "time_zone": event.time_zone,
    }
    if ruleset is None:
        return {**head, "sessions": [session_data(season, event, s) for s in event.sessions]}
    return {**head, "sessions": [session_detail_data(season, ruleset, event, s) for s in event.sessions]}


def session_data(season: Season, event: Event, session: Session) -> SessionData:
    """A session of the calendar: local and absolute start, planned length, broadcast."""
    return {
        "id": session.id,
        "name": session.name,
        "kind": session.kind.value,
        "start_local": session.scheduled_start,
        "start": event.start_instant(session),
        "time_zone": event.time_zone,
        "scheduled_duration": session.scheduled_duration,
        "scheduled_laps": session.scheduled_laps,
        "broadcast": session.broadcast,
        "has_results": season.has_results(session.id),
    }


def session_detail_data(
    season: Season, ruleset: Ruleset, event: Event, session: Session
) -> SessionDetailData:
    """A session with its results overall, per class (:func:`~podium.present.results.class_lines`)
    and the adjustments behind them."""
    results = sorted(
        season.results_for(session.id), key=lambda r: (r.position is None, r.position or 0, r.entry)
    )
    return {
        **session_data(season, event, session),
        "laps_completed": session.laps_completed,
        "results": [result_data(season, r) for r in results],
        "classes": {
            c.id: class_data(season, c, class_lines(season, ruleset, c, event, session))
            for c in season.classifications
        }
        if results
        else {},
        "adjustments": [adjustment_data(a) for a in season.adjustments_for(session.id)],
    }


def class_data(season: Season, classification: Classification, lines: list[ClassLine]) -> list[ClassLineData]:
    """A session's lines in one class: one per competitor a car scores for, in class order."""
    return [
        {
            "position": score.position,
            "competitor": season.competitor_name(classification.competitor, who),
            "competitor_id": who,
            "entry": score.entry,
            "status": score.status.value,
            "points": exact(score.points),
            "bonus": exact(score.bonus),
            "shared": score.shared,
        }
        for line in lines
        for who, score in line.scores
    ]


def result_data(season: Season, result: Result) -> ResultData:
    """A car's effective result in a session (overall order)."""
    car = season.entry(result.entry).car
    return {
        "entry": result.entry,
        "car": str(car) if car else None,
        "drivers": [season.driver(d).name for d in season.drivers_of(result)],
        "position": result.position,
        "status": result.status.value,
        "laps": result.laps,
        "time": _seconds(result.time),
        "laps_led": result.laps_led,
        "fastest_lap": result.fastest_lap,
        "pole": result.pole,
        "grid": result.grid,
    }


def adjustment_data(adjustment: Adjustment) -> AdjustmentData:
    """A penalty or correction with its reason; points and seconds exact."""
    a = adjustment
    return {
        "id": a.id,
        "entry": a.entry,
        "kind": a.kind.value,
        "reason": a.reason,
        "points": _exact_or_none(a.points),
        "positions": a.positions,
        "seconds": _exact_or_none(a.seconds),
        "changes": {name: _plain(value) for name, value in a.changes},
        "classification": a.classification,
        "author": a.author,
        "at": a.at,
    }


def _exact_or_none(value: Fraction | None) -> str | None:
    return exact(value) if value is not None else None


def _plain(value: object) -> object:
    if isinstance(value, Fraction):
        return exact(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _seconds(value: timedelta | None) -> str | None:
    """A duration as exact decimal seconds ("2633.99"): no float rounding on the way."""
    if value is None:
        return None
    micro = Decimal(value // timedelta(microseconds=1)) / Decimal(1_000_000)
    return format(micro.normalize(), "f")
