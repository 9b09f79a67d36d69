"""Plain, JSON-ready shapes of core values: one source for the CLI's ``--json`` and the web API.

Points travel as exact strings ("90", "9/2", "43/7") so no client ever sees a float.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from podium.present.numbers import exact
from podium.present.text import Text
from podium.standings import Score, Standings
from podium.title import Completion, Status, TitleProblem, TitleReport
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


def _car_label(problem: TitleProblem, car: str) -> str:
    owner = problem.owner(car)
    if owner is None:
        return "(unnamed car)"
    name = problem.contestant(owner).name
    return name if len(problem.contestant(owner).cars) == 1 else f"{name} {car.rsplit('#', 1)[-1]}"


def completion_data(problem: TitleProblem, completion: Completion | None) -> list[dict[str, Any]] | None:
    """A completion as ``[{"session", "order": [names…], "not_classified": [names…]}]``."""
    if completion is None:
        return None
    names = {s.id: s.name for s in problem.sessions}
    return [
        {
            "session": names.get(o.session, o.session),
            "order": [_car_label(problem, car) for car in o.order],
            "not_classified": [_car_label(problem, car) for car in o.unranked],
            **({"fastest_lap": _car_label(problem, o.fastest_lap)} if o.fastest_lap else {}),
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
        "press": text.press(report, event=event, classification=label),
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
            {"session": names[f.session], "car": _car_label(problem, f.car), "place": f.place}
            for f in path.given
        ],
        "rows": [
            {
                "place": row.place,
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
