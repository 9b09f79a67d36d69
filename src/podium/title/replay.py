"""Replay a completion through the real standings code: the final word on every witness.

A completion of a problem built from a season becomes real :class:`~podium.model.Result` rows for
the remaining sessions; the season with those rows (and without any result after the problem's
moment) is scored by :func:`podium.standings.compute_standings` exactly as the published tables are.
"""

from __future__ import annotations

from dataclasses import replace

from podium.model import Result, Season, Status
from podium.rules import Scorers
from podium.standings import ClassificationScores, Standings, compute_standings
from podium.title.build import SeasonLink
from podium.title.evaluate import FinalRow
from podium.title.problem import ANONYMOUS, Completion


def past_of(link: SeasonLink) -> tuple[Season, ClassificationScores]:
    """The season at the problem's moment (with the stand-in entries replays race) and its scores,
    computed once per link: every replay adds only the remaining sessions to them."""
    cached = link.cache.get("past")
    if cached is None:
        season = link.season
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
        past = replace(
            season,
            results=tuple(r for r in season.results if r.session in link.past_sessions),
            adjustments=tuple(a for a in season.adjustments if a.session in link.past_sessions),
            events=events,
            drivers=season.drivers + link.stand_in_drivers,
            entries=season.entries + link.stand_ins,
        )
        cached = (past, ClassificationScores(past, link.ruleset, link.classification))
        link.cache["past"] = cached
    assert isinstance(cached, tuple)
    return cached


def replay(link: SeasonLink, completion: Completion, *, whole: bool = False) -> Standings:
    """Standings at the end of the season if the remaining sessions go as ``completion`` says.

    Only the remaining sessions are scored, on top of the past scored once per link
    (:meth:`ClassificationScores.with_sessions`); ``whole`` rescores the entire season instead
    (the two agree: a test checks it on real seasons)."""
    past, scores = past_of(link)
    scoring = scores.scoring
    not_ranked = Status.DNS if scoring.scorers is Scorers.STARTERS else Status.DNF
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
    future = replace(past, results=past.results + tuple(new))
    if whole:
        return compute_standings(future, link.ruleset, link.classification)
    return scores.with_sessions(future, {o.session for o in completion.outcomes}).after()


def replay_table(link: SeasonLink, completion: Completion) -> list[FinalRow]:
    """The replayed standings as final-table rows (excluded competitors left out)."""
    standings = replay(link, completion)
    return [
        FinalRow(r.competitor, r.position, r.points, ()) for r in standings.rows if r.position is not None
    ]
