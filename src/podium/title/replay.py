"""Replay a completion through the real standings code: the final word on every witness.

A completion of a problem built from a season becomes real :class:`~podium.model.Result` rows for
the remaining sessions; the season with those rows (and without any result after the problem's
moment) is scored by :func:`podium.standings.compute_standings` exactly as the published tables are.
"""

from __future__ import annotations

from dataclasses import replace

from podium.model import Result, Status
from podium.rules import Scorers
from podium.standings import Standings, compute_standings, scoring_for
from podium.title.build import SeasonLink
from podium.title.evaluate import FinalRow
from podium.title.problem import ANONYMOUS, Completion


def replay(link: SeasonLink, completion: Completion) -> Standings:
    """Standings at the end of the season if the remaining sessions go as ``completion`` says."""
    season = link.season
    scoring = scoring_for(link.ruleset, link.classification)
    not_ranked = Status.DNS if scoring.scorers is Scorers.STARTERS else Status.DNF
    kept = tuple(r for r in season.results if r.session in link.past_sessions)
    adjustments = tuple(a for a in season.adjustments if a.session in link.past_sessions)
    new: list[Result] = []
    for outcome in completion.outcomes:
        cars = link.car_entries[outcome.session]
        foreign = iter(link.foreign.get(outcome.session, []))
        used: set[str] = set()
        for place, car in enumerate(outcome.order, start=1):
            entry = next(foreign, None) if car.startswith(ANONYMOUS) else cars.get(car)
            if entry is None or entry in used:
                continue
            used.add(entry)
            new.append(
                Result(
                    session=outcome.session,
                    entry=entry,
                    position=place,
                    status=Status.CLASSIFIED,
                    fastest_lap=outcome.fastest_lap == car,
                    pole=outcome.pole == car,
                    laps_led=(2 if outcome.most_laps_led == car else 1 if car in outcome.led else 0),
                )
            )
        for car in outcome.unranked:
            entry = cars.get(car)
            if entry is None or entry in used:
                continue
            used.add(entry)
            new.append(
                Result(
                    session=outcome.session,
                    entry=entry,
                    status=not_ranked,
                    fastest_lap=outcome.fastest_lap == car,
                    pole=outcome.pole == car,
                )
            )
    # Sessions still to run have not been cut short: forget any distance the source recorded.
    events = tuple(
        replace(
            e,
            sessions=tuple(
                x if x.id in link.past_sessions else replace(x, laps_completed=None) for x in e.sessions
            ),
        )
        for e in season.events
    )
    future = replace(
        season,
        results=kept + tuple(new),
        adjustments=adjustments,
        events=events,
        drivers=season.drivers + link.stand_in_drivers,
        entries=season.entries + link.stand_ins,
    )
    return compute_standings(future, link.ruleset, link.classification)


def replay_table(link: SeasonLink, completion: Completion) -> list[FinalRow]:
    """The replayed standings as final-table rows (excluded competitors left out)."""
    standings = replay(link, completion)
    return [
        FinalRow(r.competitor, r.position, r.points, ()) for r in standings.rows if r.position is not None
    ]
