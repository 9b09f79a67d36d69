"""Plain, JSON-ready shapes of core values: the one mapping behind the CLI's ``--json`` and the web API.

The API's response models (``web/api/schemas.py``) describe these shapes and check every answer
against them; nothing else writes them.

Points travel as exact strings ("90", "9/2", "43/7") so no client ever sees a float.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from podium.model import Adjustment, Classification, Event, Result, Season, Session
from podium.present.numbers import exact
from podium.present.results import ClassLine, class_lines
from podium.present.text import Text
from podium.rules import Ruleset
from podium.standings import Score, StandingRow, Standings
from podium.title import Completion, Status, TitleProblem, TitleReport
from podium.title.margins import RivalMargin, WeekendMargins
from podium.title.paths import ContenderPath
from podium.title.problem import Moment


def score_data(score: Score) -> dict[str, Any]:
    return {
        "round": score.round,
        "session": score.session,
        "kind": score.kind.value,
        "position": score.position,
        "status": score.status.value,
        "points": exact(score.points),
        "bonus": exact(score.bonus),
        "counted": score.counted,
        "shared": score.shared,
    }


def standings_data(
    standings: Standings, *, season: object = None, with_results: bool = False
) -> dict[str, Any]:
    """The standings table as the CLI and API print it."""
    rows = []
    for row in standings.rows:
        item: dict[str, Any] = {
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
        if with_results:
            item["results"] = [score_data(s) for s in row.scores]
        rows.append(item)
    return {
        "season": season if season is not None else standings.season,
        "after_round": standings.after_round,
        "classification": standings.classification.id,
        "classification_name": standings.classification.name,
        "rows": rows,
    }


def car_label(problem: TitleProblem, car: str) -> str:
    """A car of a title question as readers know it: its competitor's name, with the car number
    when the competitor has several cars (a team): "Jeff Kingsley", "Wright Motorsports #16"."""
    owner = problem.owner(car)
    if owner is None:
        return "(unnamed car)"
    contestant = problem.contestant(owner)
    return contestant.name if len(contestant.cars) == 1 else f"{contestant.name} #{car.rsplit('#', 1)[-1]}"


def completion_data(problem: TitleProblem, completion: Completion | None) -> list[dict[str, Any]] | None:
    """A completion as ``[{"session", "order": [names…], "not_classified": [names…]}]``."""
    if completion is None:
        return None
    names = {s.id: s.name for s in problem.sessions}
    return [
        {
            "session": names.get(o.session, o.session),
            "order": [car_label(problem, car) for car in o.order],
            "not_classified": [car_label(problem, car) for car in o.unranked],
            **({"fastest_lap": car_label(problem, o.fastest_lap)} if o.fastest_lap else {}),
        }
        for o in completion.outcomes
    ]


def title_data(report: TitleReport, *, lang: str = "en", label: str = "", event: str = "") -> dict[str, Any]:
    """The title report as the CLI's ``--json`` and the API return it (public shape).

    ``label`` names the classification in the press paragraph ("Platinum", not its id ``platinum``);
    ``event`` is where the next races are ("Sebring").
    """
    text = Text(lang)
    problem = report.problem
    competitors = []
    for v in report.verdicts:
        competitors.append(
            {
                "name": v.contestant.name,
                "id": v.contestant.id,
                "points": exact(v.contestant.points),
                "status": str(v.status),
                "status_text": text.status(v),
                "best_position": v.best_position,
                "worst_position": v.worst_position,
                "best_position_exact": v.best_exact,
                "worst_position_exact": v.worst_exact,
                **({"best_position_range": list(v.best_range)} if v.best_range else {}),
                **({"worst_position_range": list(v.worst_range)} if v.worst_range else {}),
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
        )
    decision = None
    if report.decision is not None:
        d = report.decision
        decision = {
            "session": next(s.name for s in problem.sessions if s.id == d.session),
            "leader": problem.contestant(d.leader).name,
            "rival": problem.contestant(d.rival).name,
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


def margins_data(problem: TitleProblem, margins: WeekendMargins, text: Text) -> dict[str, Any]:
    """One contender's points margins over the next round: ``at_least`` is how many more points
    than the rival the contender must score there (negative: how many fewer at most), tie-break
    included (``tie_lost``: one point less could leave them level, and the tie-break lost);
    ``clinch`` together make the contender champion, each ``alive`` margin is needed to keep a
    chance. Each ``example`` is an ending that proves the threshold cannot be lower."""

    def rows(found: tuple[RivalMargin, ...]) -> list[dict[str, Any]]:
        return [
            {
                "rival": problem.contestant(m.rival).name,
                "rival_id": m.rival,
                "at_least": exact(m.at_least),
                "tie_lost": m.tie_lost,
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


def path_data(problem: TitleProblem, path: ContenderPath, text: Text) -> dict[str, Any]:
    """One contender's path: the places in a session that settle the title, each with what every
    rival must not do (``from_place``: that place or lower, None: not ranked; ``places``: the
    rival's harmless places when they are not one run), and an ending proving each limit tight."""
    names = {s.id: s.name for s in problem.sessions}
    return {
        "competitor": problem.contestant(path.contender).name,
        "id": path.contender,
        "session": names[path.session],
        "session_id": path.session,
        "given": [
            {"session": names[f.session], "car": car_label(problem, f.car), "place": f.place}
            for f in path.given
        ],
        "rows": [
            {
                "place": row.place,
                "bonuses": list(row.bonuses),
                "rivals": [
                    {
                        "competitor": problem.contestant(limit.rival).name,
                        "id": limit.rival,
                        "from_place": limit.from_place,
                        **({"places": list(limit.listed)} if limit.listed else {}),
                        "example": completion_data(problem, limit.example),
                    }
                    for limit in row.limits
                ],
            }
            for row in path.rows
        ],
        "text": text.path(problem, path),
    }


def moment_data(moment: Moment | None) -> dict[str, Any] | None:
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
def season_data(season: Season) -> dict[str, Any]:
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


def classification_data(classification: Classification, leader: StandingRow | None) -> dict[str, Any]:
    """A classification with who leads it (``None`` before the first result)."""
    return {
        "id": classification.id,
        "name": classification.name,
        "competitor": classification.competitor.value,
        "eligibility": classification.eligibility.text.strip() or "True",
        "leader": leader.name if leader else None,
        "leader_points": exact(leader.points) if leader else None,
    }


def event_data(season: Season, event: Event, ruleset: Ruleset | None = None) -> dict[str, Any]:
    """An event and its sessions; with ``ruleset``, each session's results overall and per class."""
    sessions = (
        [session_data(season, event, s) for s in event.sessions]
        if ruleset is None
        else [session_detail_data(season, ruleset, event, s) for s in event.sessions]
    )
    return {
        "round": event.round,
        "id": event.id,
        "name": event.name,
        "date": event.date,
        "venue": event.venue,
        "country": event.country,
        "time_zone": event.time_zone,
        "sessions": sessions,
    }


def session_data(season: Season, event: Event, session: Session) -> dict[str, Any]:
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


def session_detail_data(season: Season, ruleset: Ruleset, event: Event, session: Session) -> dict[str, Any]:
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


def class_data(
    season: Season, classification: Classification, lines: list[ClassLine]
) -> list[dict[str, Any]]:
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


def result_data(season: Season, result: Result) -> dict[str, Any]:
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


def adjustment_data(adjustment: Adjustment) -> dict[str, Any]:
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
