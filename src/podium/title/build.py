"""Title problems from seasons: the standings after a round, and the sessions still to run.

Assumptions, stated in the problem's ``notes`` so readers see them: remaining races run their full
distance (no partial points), nobody shares a car, and the field is the season's entry list — every
competitor who is entered (for F1 history: everyone who has raced this season) may start every
remaining session, one car per driver, and a team as many cars as it has run in one race.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from podium.errors import ConsistencyError
from podium.model import Classification, CompetitorKind, Driver, Entry, Event, Season, Session
from podium.rules import CountbackPositions, DropUnit, Ruleset, Scorers, Scoring, TieBreakStep
from podium.standings import (
    ClassificationScores,
    Score,
    countback_vector,
    distance_factor,
    scorers_of,
    scoring_for,
)
from podium.title.problem import Contestant, Moment, PastUnit, RemainingSession, TitleProblem


@dataclass(frozen=True, slots=True)
class SeasonLink:
    """How a problem's cars map back to the season's entries (for replaying completions)."""

    season: Season
    ruleset: Ruleset
    classification: Classification
    after_round: int
    past_sessions: frozenset[str]
    """Sessions whose results count (everything up to the moment of the question)."""
    car_entries: dict[str, dict[str, str]]
    """session id → car id → entry id."""
    foreign: dict[str, list[str]]
    """session id → entries of cars outside the classification that take places (overall basis)."""
    stand_ins: tuple[Entry, ...] = ()
    """Team classifications: copies of the teams' entries with drivers of their own, so that one
    driver entered by two teams over a season never drives two cars of a replayed race."""
    stand_in_drivers: tuple[Driver, ...] = ()
    cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """What replays share: the past, scored once (:mod:`podium.title.replay`)."""


def ruleset_as_of(ruleset: Ruleset, after_round: int) -> Ruleset:
    """The ruleset as known after ``after_round``: later decisions (penalties, exclusions) unknown yet."""

    def trim(scoring: Scoring) -> Scoring:
        return replace(
            scoring,
            adjustments=tuple(a for a in scoring.adjustments if a.round <= after_round),
            exclusions=tuple(e for e in scoring.exclusions if e.shown_from <= after_round),
        )

    variants = MappingProxyType({name: trim(v) for name, v in ruleset.variants.items()})
    return replace(ruleset, default=trim(ruleset.default), variants=variants)


def remaining_sessions(
    season: Season, ruleset: Ruleset, classification: Classification, after_session: str | None
) -> list[tuple[Event, Session]]:
    """Points-paying sessions after ``after_session`` (calendar order) that count for the
    classification; ``None`` means before the first session. The rest of a round whose first race
    has run is still to run: that is the whole point of asking after a session."""
    scoring = scoring_for(ruleset, classification)
    start = season.session_index(after_session) + 1 if after_session is not None else 0
    out = []
    for index, (event, session) in enumerate(season.sessions()):
        if index < start:
            continue
        rules = scoring.session_rules(event, session)
        if not rules.counts or rules.table is None:
            continue
        out.append((event, session))
    return out


def _unit(scoring_drop: DropUnit, round_number: int, session_id: str) -> str:
    return f"r{round_number}" if scoring_drop is DropUnit.EVENT else session_id


def cutoff_session(
    season: Season, after_round: int | None = None, after_session: str | None = None
) -> str | None:
    """The last session a title question counts: ``after_session`` itself, the last session of
    ``after_round``, or (neither given) the latest session with results. None: before any session.
    """
    if after_session is not None and after_round is not None:
        raise ConsistencyError("give a round or a session to count up to, not both", where=season.title)
    if after_session is not None:
        season.event_of(after_session)  # NotFoundError naming the known sessions
        return after_session
    if after_round is not None:
        if after_round <= 0:
            return None
        return season.last_session_of_round(after_round)
    return season.last_session_with_results


def problem_from_season(
    season: Season,
    ruleset: Ruleset,
    classification: str | Classification,
    after_round: int | None = None,
    *,
    after_session: str | None = None,
    field_as_next_round: bool = False,
    shortened: Fraction | None = None,
) -> tuple[TitleProblem, SeasonLink]:
    """The title problem of ``classification`` after a session of the season.

    ``shortened``: the next points-paying session stops at this share of its distance (1/2: half
    way), and pays what the rules' distance bands say (F1 2022: 25–50 % pays 13-10-8-…, no fastest
    lap) — "if the race is stopped before 75 %, who is champion?".

    The moment is ``after_session``, or the last session of ``after_round``, or by default the
    latest session with results: between the two races of a double-header the second race is
    still to run, and a sprint weekend can decide a title on the Saturday.

    ``field_as_next_round``: the field of every remaining round is the entry list of the next
    round (what was known at that moment), not each round's own entry list. History needs
    this: f1db's entry lists know that a driver died or left, which nobody knew at the time.
    """
    if isinstance(classification, str):
        classification = season.classification(classification)
    cut = cutoff_session(season, after_round, after_session)
    last = season.event_of(cut).round if cut is not None else 0
    past_season = season.until(cut)
    ruleset = ruleset_as_of(ruleset, last)
    scores = ClassificationScores(past_season, ruleset, classification)
    table = scores.after(last)
    scoring = scores.scoring
    drop = scoring.counting.drop_unit
    sessions = remaining_sessions(season, ruleset, classification, cut)

    # Who fields which cars: entries eligible for the classification at each remaining event.
    kind = classification.competitor
    per_competitor_cars: dict[str, int] = defaultdict(int)
    for competitor, lines in scores.lines.items():
        by_session: dict[str, set[str]] = defaultdict(set)
        for s in lines:
            if s.round <= last:
                by_session[s.session].add(s.entry)
        per_competitor_cars[competitor] = max((len(v) for v in by_session.values()), default=1)

    car_entries: dict[str, dict[str, str]] = {}
    foreign: dict[str, list[str]] = {}
    may_start: dict[str, set[str]] = defaultdict(set)
    remaining: list[RemainingSession] = []
    max_field = 0
    recency = _recency(scores, last)
    next_round = sessions[0][0].round if sessions else None
    for event, session in sessions:
        mapping, others = _cars(
            season,
            scores,
            classification,
            event,
            recency,
            per_competitor_cars,
            field_round=next_round if field_as_next_round else None,
        )
        if scoring.position_basis.value != "overall":
            others = []
        car_entries[session.id] = mapping
        foreign[session.id] = others
        for car in mapping:
            may_start[_owner(car)].add(session.id)
            per_competitor_cars.setdefault(_owner(car), 1)
        field_size = len(mapping) + len(others)
        max_field = max(max_field, field_size)
        remaining.append(
            RemainingSession(
                id=session.id,
                name=f"R{event.round} {event.name} — {session.name}",
                round=event.round,
                field=field_size,
                anonymous=len(others),
                starters_score=scoring.scorers is Scorers.STARTERS,
                countback=session.kind in scoring.tiebreak.countback_sessions,
                unit=_unit(drop, event.round, session.id),
                shortened=shortened if not remaining else None,
                **_points_available(scoring, event, session, shortened if not remaining else None),
            )
        )

    width = max_field
    places_paid = max(
        (len(t) for k, t in scoring.points.items() if k in scoring.tiebreak.countback_sessions), default=0
    )
    countback_width = places_paid if scoring.tiebreak.countback_positions is CountbackPositions.SCORING else 0
    contestants = []
    for row in table.rows:
        past = [s for s in row.scores if s.round <= last]
        width = max(width, max((s.position or 0 for s in past), default=0))
    seen = {row.competitor for row in table.rows}
    for competitor in sorted(set(may_start) - seen):
        cars = _car_ids(kind, competitor, per_competitor_cars.get(competitor, 1))
        cars, car_sessions = _available(competitor, cars, car_entries)
        contestants.append(
            Contestant(
                id=competitor,
                name=season.competitor_name(kind, competitor),
                points=Fraction(0),
                countback=(0,) * (countback_width or width)
                if _uses_countback(scoring.tiebreak.chain)
                else (),
                cars=cars,
                sessions=frozenset(may_start[competitor]),
                car_sessions=car_sessions,
            )
        )
    for row in table.rows:
        if row.excluded is not None and row.excluded.rounds is not None:
            continue  # the excluded part of a split line; the competitor has its own active line
        past = [s for s in row.scores if s.round <= last]
        cb_width = countback_width or width
        cb = (
            countback_vector(past, scoring.tiebreak, cb_width, scores.carried_places(row.competitor, last))
            if _uses_countback(scoring.tiebreak.chain)
            else ()
        )
        units = _units(past, drop)
        cars = _car_ids(kind, row.competitor, per_competitor_cars.get(row.competitor, 1))
        cars, car_sessions = _available(row.competitor, cars, car_entries)
        contestants.append(
            Contestant(
                id=row.competitor,
                name=row.name,
                points=row.points,
                units=units,
                adjusted=row.adjusted,
                countback=cb,
                cars=cars,
                sessions=frozenset(may_start.get(row.competitor, set())),
                excluded=row.excluded is not None,
                car_sessions=car_sessions,
            )
        )
    notes = (
        "remaining races are assumed to run their full distance (full points)"
        if shortened is None
        else "the other remaining races run their full distance (full points)",
        "every entered competitor may start every remaining session; nobody shares a car",
    )
    problem = TitleProblem(
        title=f"{season.title} — {classification.name}",
        classification=classification.id,
        contestants=tuple(contestants),
        sessions=tuple(remaining),
        counting=scoring.counting,
        tiebreak=scoring.tiebreak,
        cars_scoring=scoring.cars_scoring if kind is CompetitorKind.TEAM else None,
        countback_width=countback_width,
        after_round=last,
        moment=_moment(season, cut),
        order=tuple(row.competitor for row in table.rows),
        notes=notes,
    )
    # Replays race stand-in copies of the entries: valid in every round (the field rule above already
    # decided who races), and for teams with drivers of their own (one driver entered by two teams
    # over a season must not drive two cars of one replayed race).
    stand_ins: dict[str, Entry] = {}
    stand_in_drivers: dict[str, Driver] = {}
    for mapping in car_entries.values():
        for car, entry_id in list(mapping.items()):
            original = season.entry(entry_id)
            copy_id = f"stand-in:{car}:{entry_id}"
            if copy_id not in stand_ins:
                drivers = list(original.drivers)
                if kind is CompetitorKind.TEAM:
                    drivers = []
                    for d in original.drivers:
                        real = season.driver(d)
                        twin = Driver(f"stand-in:{car}:{d}", real.name, real.birth_date, real.nationality)
                        stand_in_drivers[twin.id] = twin
                        drivers.append(twin.id)
                stand_ins[copy_id] = replace(original, id=copy_id, drivers=tuple(drivers), rounds=())
            mapping[car] = copy_id
    link = SeasonLink(
        season,
        ruleset,
        classification,
        last,
        frozenset(season.session_order()[: season.session_index(cut) + 1])
        if cut is not None
        else frozenset(),
        car_entries,
        foreign,
        tuple(stand_ins.values()),
        tuple(stand_in_drivers.values()),
    )
    return problem, link


def _points_available(
    scoring: Scoring, event: Event, session: Session, run: Fraction | None = None
) -> dict[str, Any]:
    """The table and bonuses a remaining session pays, by exactly the rules that score it
    (:meth:`Scoring.session_rules`: per-event tables and bonuses, bonuses of one race of a round,
    multipliers applied to bonuses only where the rules say so); ``run``: the session stops at
    that share of its distance (the rules' distance bands, as :func:`distance_factor` scores it)."""
    rules = scoring.session_rules(event, session)
    assert rules.table is not None
    b, k = rules.bonuses, rules.bonus_factor
    if run is not None:
        factor, band_table, bonuses_paid = distance_factor(scoring, event, session, run)
        table = band_table or rules.table
        k = k if bonuses_paid else Fraction(0)
        return {
            "table": tuple(v * factor for v in table.values),
            "fastest_lap": b.fastest_lap.points * k,
            "fastest_lap_max_position": b.fastest_lap.max_position,
            "pole": b.pole * k,
            "led_a_lap": b.led_a_lap * k,
            "most_laps_led": b.most_laps_led * k,
        }
    return {
        "table": tuple(v * rules.multiplier for v in rules.table.values),
        "fastest_lap": b.fastest_lap.points * k,
        "fastest_lap_max_position": b.fastest_lap.max_position,
        "pole": b.pole * k,
        "led_a_lap": b.led_a_lap * k,
        "most_laps_led": b.most_laps_led * k,
    }


def _moment(season: Season, cut: str | None) -> Moment | None:
    """The moment of a question as facts (words are made by :mod:`podium.present`)."""
    if cut is None:
        return None
    event = season.event_of(cut)
    session = event.session(cut)
    scoring = [s.id for s in event.sessions if s.scores]
    return Moment(
        session=cut,
        session_name=session.name,
        round=event.round,
        event_name=event.name,
        scoring_sessions_in_round=len(scoring),
        round_complete=all(season.session_index(s) <= season.session_index(cut) for s in scoring),
    )


def _available(
    competitor: str, cars: tuple[str, ...], car_entries: dict[str, dict[str, str]]
) -> tuple[tuple[str, ...], dict[str, frozenset[str]]]:
    """The competitor's cars and, when they differ from car to car, the sessions each may start."""
    per_car = {car: frozenset(s for s, mapping in car_entries.items() if car in mapping) for car in cars}
    everywhere = frozenset().union(*per_car.values()) if per_car else frozenset()
    if all(v == everywhere for v in per_car.values()):
        return cars, {}
    return cars, per_car


def _uses_countback(chain: tuple[TieBreakStep, ...]) -> bool:
    return TieBreakStep.COUNTBACK in chain or TieBreakStep.WINS in chain


def _units(scores: list[Score], drop: DropUnit) -> tuple[PastUnit, ...]:
    values: dict[str, tuple[int, Fraction]] = {}
    for s in scores:
        key = _unit(drop, s.round, s.session)
        r, v = values.get(key, (s.round, Fraction(0)))
        values[key] = (r, v + s.total)
    return tuple(PastUnit(round=r, key=k, value=v) for k, (r, v) in values.items())


def _car_ids(kind: CompetitorKind, competitor: str, cars: int) -> tuple[str, ...]:
    if kind is CompetitorKind.TEAM and cars > 1:
        return tuple(f"{competitor}#{i}" for i in range(1, cars + 1))
    return (competitor,)


def _owner(car: str) -> str:
    return car.split("#", 1)[0] if "#" in car else car


def _recency(scores: ClassificationScores, last: int) -> dict[tuple[str, str], int]:
    """(competitor, entry) → last round that entry raced for the competitor."""
    out: dict[tuple[str, str], int] = {}
    for competitor, lines in scores.lines.items():
        for s in lines:
            if s.round <= last:
                key = (competitor, s.entry)
                out[key] = max(out.get(key, 0), s.round)
    return out


def _cars(
    season: Season,
    scores: ClassificationScores,
    classification: Classification,
    event: Event,
    recency: dict[tuple[str, str], int],
    per_competitor_cars: dict[str, int],
    *,
    field_round: int | None = None,
) -> tuple[dict[str, str], list[str]]:
    """car id → entry id for the classification's cars in a remaining session, and the other cars."""
    kind = classification.competitor
    candidates: dict[str, list[Entry]] = defaultdict(list)
    outsiders: list[str] = []
    for entry in season.entries:
        if not entry.valid_in(field_round if field_round is not None else event.round):
            continue
        if not season.eligibility(classification, entry, event.date):
            outsiders.append(entry.id)
            continue
        for competitor in scorers_of(kind, entry, scoring=scores.scoring):
            candidates[competitor].append(entry)
    mapping: dict[str, str] = {}
    for competitor, entries in candidates.items():
        ranked = sorted(entries, key=lambda e: (-recency.get((competitor, e.id), -1), e.id))
        wanted = per_competitor_cars.get(competitor, 1) if kind is CompetitorKind.TEAM else 1
        chosen: list[Entry] = []
        drivers: set[str] = set()
        for entry in ranked:
            if len(chosen) == wanted:
                break
            if drivers.isdisjoint(entry.drivers):  # one driver cannot drive two cars at once
                chosen.append(entry)
                drivers.update(entry.drivers)
        for i, entry in enumerate(chosen, start=1):
            mapping[f"{competitor}#{i}" if wanted > 1 else competitor] = entry.id
    return mapping, outsiders
