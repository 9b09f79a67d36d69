"""From one session's results to score lines: who earned what, in one classification.

This is where the rules meet the results: the field of the classification, positions in it, who
may score, the points table with its multipliers and partial-distance bands, shared drives, best
cars of a team, nominated drivers and bonuses. Everything stays a :class:`Fraction`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from podium.errors import ConsistencyError, NotFoundError
from podium.model import (
    Classification,
    CompetitorKind,
    Entry,
    Event,
    Result,
    Season,
    Session,
    SessionKind,
    Status,
)
from podium.rules import (
    Bonuses,
    BonusKind,
    DriverCars,
    IneligiblePlaces,
    PointsTable,
    PositionBasis,
    Scorers,
    Scoring,
    SharedDrive,
)


@dataclass(frozen=True, slots=True)
class Score:
    """One competitor's line for one session: position in the class, points, bonus, counted or dropped."""

    round: int
    event: str
    session: str
    kind: SessionKind
    position: int | None
    """Position within the classification's field (what countback reads); ``None`` if unranked."""
    status: Status
    points: Fraction
    bonus: Fraction = Fraction(0)
    counted: bool = True
    """False when best-N counting dropped this result."""
    shared: bool = False
    """The car was shared with another driver in this session."""
    entry: str = ""
    grid: int | None = None

    @property
    def total(self) -> Fraction:
        return self.points + self.bonus

    def __str__(self) -> str:
        place = f"P{self.position}" if self.position is not None else self.status.value
        return f"{place} ({self.total})" if self.total else place


@dataclass(frozen=True, slots=True)
class _Ranked:
    result: Result
    position: int | None
    """Scoring position (basis applied); None when the car is not ranked for points."""


def in_field(season: Season, classification: Classification, event: Event, result: Result) -> bool:
    """Whether a result's car belongs to the classification at this event."""
    entry = season.entry(result.entry)
    if classification.competitor is CompetitorKind.TEAM and entry.team is None:
        return False
    return bool(season.eligibility(classification, entry, event.date))


def distance_factor(
    scoring: Scoring, event: Event, session: Session, run: Fraction | None = None
) -> tuple[Fraction, PointsTable | None, bool]:
    """Multiplier, replacement table and whether bonuses are paid, for a race cut short.

    Per-event rules first (a resumed race pays full points whatever its distance), then the first
    distance band of the session's kind whose threshold the race did not reach. ``run`` is the
    share of the distance run; by default the session's own laps say it (the title maths asks
    "what if the next race stops at half distance?" by giving it).
    """
    rule = scoring.rule_for(event)
    multiplier = rule.multiplier if rule else Fraction(1)
    if rule and rule.points_factor is not None and run is None:
        # What happened (a resumed race paid full points); a question with ``run`` asks the bands.
        return multiplier * rule.points_factor, None, True
    if run is None and session.scheduled_laps and session.laps_completed is not None:
        run = Fraction(session.laps_completed, session.scheduled_laps)
    if run is not None:
        for band in scoring.distance:
            if run < band.below and any(s.matches(event, session) for s in band.sessions):
                factor = band.factor if band.factor is not None else Fraction(1)
                return multiplier * factor, band.table, band.bonuses
    return multiplier, None, True


def rank_field(results: Sequence[Result], scoring: Scoring, *, compact: bool = False) -> list[_Ranked]:
    """Scoring positions for the cars of one classification in one session.

    ``compact`` ranks the field 1, 2, 3… whatever the overall positions (cars were removed).
    With ``scorers = "starters"``, when the sheet printed the places of cars that are not
    classified (``official_position``), the printed order is authoritative for every car that has
    a place; otherwise podium orders them itself (most laps first, then entry id).
    """
    if scoring.scorers is Scorers.STARTERS and any(
        not r.classified and r.official_position is not None for r in results
    ):
        return _rank_as_printed(results, scoring, compact=compact)
    classified = sorted((r for r in results if r.classified), key=lambda r: r.position or 0)
    ranked: list[_Ranked] = []
    basis_overall = scoring.position_basis is PositionBasis.OVERALL and not compact
    for i, r in enumerate(classified, start=1):
        ranked.append(_Ranked(r, r.position if basis_overall else i))
    rest = [r for r in results if not r.classified]
    if scoring.scorers is Scorers.STARTERS:
        return _then_starters(ranked, rest)
    ranked.extend(_Ranked(r, None) for r in rest)
    return ranked


def _then_starters(ranked: list[_Ranked], rest: Sequence[Result]) -> list[_Ranked]:
    """Every starter is ranked: the starters not yet ranked follow, most laps first. Equal laps fall
    back on the entry id so the ranking never depends on the order results were entered in. Cars
    that did not start, and disqualified or excluded cars without a place, stay unranked."""
    starters = sorted(
        (r for r in rest if r.started and r.status is not Status.DSQ and r.status is not Status.EX),
        key=lambda r: (-(r.laps or 0), r.entry),
    )
    base = max((x.position or 0 for x in ranked), default=0)
    ranked.extend(_Ranked(r, base + i) for i, r in enumerate(starters, start=1))
    ranked.extend(_Ranked(r, None) for r in rest if r not in starters)
    return ranked


def _rank_as_printed(results: Sequence[Result], scoring: Scoring, *, compact: bool) -> list[_Ranked]:
    """The organiser's order: every car with a printed place keeps it (overall basis), or its rank
    among the field's placed cars (class basis, or cars removed); starters the sheet left without a
    place (a retirement printed "DNF") follow as podium orders them. A disqualified car keeps its
    printed place and scores no table points."""
    placed = sorted((r for r in results if r.placed is not None), key=lambda r: r.placed or 0)
    basis_overall = scoring.position_basis is PositionBasis.OVERALL and not compact
    ranked = [_Ranked(r, r.placed if basis_overall else i) for i, r in enumerate(placed, start=1)]
    return _then_starters(ranked, [r for r in results if r.placed is None])


def _may_score(scoring: Scoring, r: _Ranked, winner_laps: int | None) -> bool:
    result = r.result
    if r.position is None or result.status in (Status.DSQ, Status.EX):
        return False
    if scoring.scorers is Scorers.CLASSIFIED and not result.classified:
        return False
    if scoring.scorers is Scorers.FINISHERS and not result.finished:
        return False
    if scoring.min_distance and winner_laps and result.laps is not None:
        return result.laps >= scoring.min_distance * winner_laps
    return True


def scorers_of(
    kind: CompetitorKind, entry: Entry, drivers: tuple[str, ...] = (), *, scoring: Scoring
) -> tuple[str, ...]:
    """Who scores for a car of ``entry`` in a classification of ``kind``: the drivers who drove it
    (``drivers``, else the entry's), its team's group under ``scoring.team_groups`` or its team
    (nobody when it has none), or the entry itself."""
    if kind is CompetitorKind.DRIVER:
        return drivers or entry.drivers
    if kind is CompetitorKind.TEAM:
        return (scoring.group_of(entry.team),) if entry.team else ()
    return (entry.id,)


def result_scorers(
    season: Season, classification: Classification, result: Result, *, scoring: Scoring
) -> tuple[str, ...]:
    """Who scores for one result in ``classification`` (:func:`scorers_of` for its car and drivers)."""
    return scorers_of(classification.competitor, season.entry(result.entry), result.drivers, scoring=scoring)


def score_session(
    season: Season, classification: Classification, scoring: Scoring, event: Event, session: Session
) -> dict[str, list[Score]]:
    """Score lines of one session, by competitor id (a driver may have two lines: two cars)."""
    results = [r for r in season.results_for(session.id) if in_field(season, classification, event, r)]
    if not results:
        return {}
    barred: set[str] = set()
    removed = False
    for rule in scoring.ineligible_in(event.round):
        hit = [r for r in results if set(season.drivers_of(r)) & set(rule.drivers)]
        if rule.places is IneligiblePlaces.REMOVED:
            results = [r for r in results if r not in hit]
            removed = removed or bool(hit)
        else:
            barred.update(r.entry for r in hit)
    rules = scoring.session_rules(event, session)
    factor, band_table, bonuses_paid = distance_factor(scoring, event, session)
    table = band_table or rules.table
    ranked = rank_field(results, scoring, compact=removed)
    winner_laps = next(
        (x.result.laps for x in ranked if x.position is not None and x.result.classified), None
    )
    car_points: dict[str, Fraction] = {}
    for x in ranked:
        earned = Fraction(0)
        if (
            table is not None
            and x.position is not None
            and x.result.entry not in barred
            and _may_score(scoring, x, winner_laps)
        ):
            earned = table.points(x.position) * factor
        car_points[x.result.entry] = earned
    if classification.competitor is not CompetitorKind.DRIVER:
        car_points = _team_filters(season, scoring, ranked, car_points)
    bonus_for = (
        _bonuses(scoring, rules.bonuses, ranked, rules.bonus_factor)
        if rules.bonuses.any and bonuses_paid
        else {}
    )
    lines: dict[str, list[Score]] = defaultdict(list)
    for x in ranked:
        result = x.result
        who = result_scorers(season, classification, result, scoring=scoring)
        drivers = result.drivers or season.entry(result.entry).drivers
        shared = len(drivers) > 1
        points = car_points[result.entry]
        if shared and scoring.shared_drive is SharedDrive.NONE:
            points = Fraction(0)
        elif (
            shared
            and classification.competitor is CompetitorKind.DRIVER
            and scoring.shared_drive is SharedDrive.SPLIT
        ):
            points = points / len(who)
        awards = [] if result.entry in barred else bonus_for.get(result.entry, [])
        for competitor in who:
            if classification.competitor is CompetitorKind.DRIVER:
                bonus = sum(
                    (amount for driver, amount in awards if driver in (None, competitor)), Fraction(0)
                )
            else:
                bonus = sum((amount for _, amount in awards), Fraction(0))
            lines[competitor].append(
                Score(
                    round=event.round,
                    event=event.id,
                    session=session.id,
                    kind=session.kind,
                    position=x.position,
                    status=result.status,
                    points=points,
                    bonus=bonus,
                    shared=shared,
                    entry=result.entry,
                    grid=result.grid,
                )
            )
    if scoring.driver_cars is DriverCars.BEST and classification.competitor is CompetitorKind.DRIVER:
        for competitor, scores in lines.items():
            if len(scores) > 1:
                best = max(range(len(scores)), key=lambda i: (scores[i].total, -i))
                lines[competitor] = [
                    s if i == best else replace(s, points=Fraction(0), bonus=Fraction(0))
                    for i, s in enumerate(scores)
                ]
    return dict(lines)


def _team_filters(
    season: Season, scoring: Scoring, ranked: Iterable[_Ranked], car_points: dict[str, Fraction]
) -> dict[str, Fraction]:
    """Nominated drivers and best-K-cars rules of team classifications (the best cars of each
    team, or of each group of teams under ``team_groups``)."""
    points = dict(car_points)
    by_team: dict[str, list[str]] = defaultdict(list)
    for x in ranked:
        entry = season.entry(x.result.entry)
        if entry.team is None:
            continue
        nominated = scoring.nominated.get(entry.team)
        if nominated is not None and not set(x.result.drivers or entry.drivers) & set(nominated):
            points[entry.id] = Fraction(0)
            continue
        group = scoring.group_of(entry.team)
        if group != entry.team:
            try:
                season.team(group)
            except NotFoundError:
                raise ConsistencyError(
                    f"team_groups puts team {entry.team!r} in {group!r}, which is not a team of the season",
                    where=f"ruleset scoring {scoring.name!r}",
                ) from None
        by_team[group].append(entry.id)
    if scoring.cars_scoring is not None:
        for cars in by_team.values():
            best_first = sorted(cars, key=lambda e: -points[e])
            for e in best_first[scoring.cars_scoring :]:
                points[e] = Fraction(0)
    return points


def _bonuses(
    scoring: Scoring, bonuses: Bonuses, ranked: Sequence[_Ranked], factor: Fraction
) -> dict[str, list[tuple[str | None, Fraction]]]:
    """Bonus points by car: (driver who earned it, or None for every driver of the car, amount).

    ``bonuses`` are the ones this session pays; a disqualified car keeps only those the scoring's
    ``disqualified_keeps`` names (the most laps led are still counted among every car)."""
    out: dict[str, list[tuple[str | None, Fraction]]] = defaultdict(list)

    def keeps(x: _Ranked, kind: BonusKind) -> bool:
        return x.result.status is not Status.DSQ or kind in scoring.disqualified_keeps

    fl = bonuses.fastest_lap
    if fl.points:
        holders = [x for x in ranked if x.result.fastest_lap]
        for x in holders:
            if fl.max_position is not None and (
                not x.result.classified or (x.position or 0) > fl.max_position
            ):
                continue
            if not keeps(x, BonusKind.FASTEST_LAP):
                continue
            amount = fl.points / len(holders) if fl.split else fl.points
            out[x.result.entry].append((x.result.fastest_lap_by, amount * factor))
    for x in ranked:
        if bonuses.pole and x.result.pole and keeps(x, BonusKind.POLE):
            out[x.result.entry].append((None, bonuses.pole * factor))
        if bonuses.led_a_lap and x.result.laps_led > 0 and keeps(x, BonusKind.LED_A_LAP):
            out[x.result.entry].append((None, bonuses.led_a_lap * factor))
    most = max((x.result.laps_led for x in ranked), default=0)
    if bonuses.most_laps_led and most > 0:
        for x in ranked:
            if x.result.laps_led == most and keeps(x, BonusKind.MOST_LAPS_LED):
                out[x.result.entry].append((None, bonuses.most_laps_led * factor))
    return out
