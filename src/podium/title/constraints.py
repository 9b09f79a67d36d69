"""Statements about one competitor's own results, and checking them on a completion.

These are the vocabulary of clinch conditions ("P-th or better in every race") and the fixed
results of the next-session decision table. Both engines take them: the brute-force engine
filters completions with :func:`holds`, the CP-SAT engine turns them into constraints.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Literal, get_args

from podium.title.evaluate import session_points
from podium.title.problem import Completion, RemainingSession, SessionOutcome, TitleProblem


class ConditionKind(StrEnum):
    """The vocabulary of clinch conditions (issue: start, uniform, one_and_start, points, ahead_of)."""

    START = "start"
    """Starts at least ``value`` of the remaining sessions (starters score, so starting pays)."""
    UNIFORM = "uniform"
    """Finishes ``value``-th or better in every remaining session."""
    ONE_AND_START = "one_and_start"
    """Finishes ``value``-th or better in one session and starts all the others."""
    POINTS = "points"
    """Scores at least ``value`` points in the remaining sessions (the magic number)."""
    AHEAD_OF = "ahead_of"
    """Finishes ahead of competitor ``value`` in every remaining session."""


@dataclass(frozen=True, slots=True)
class Condition:
    """A statement about ``who``'s results in the remaining sessions."""

    who: str
    kind: ConditionKind
    value: int | Fraction | str


@dataclass(frozen=True, slots=True)
class Fixed:
    """A car's result in one session, fixed in advance (``place`` None: not ranked)."""

    session: str
    car: str
    place: int | None


Bonus = Literal["fastest_lap", "pole", "most_laps_led", "led_a_lap"]
"""The bonuses a session may pay (the :class:`~podium.title.problem.RemainingSession` fields)."""

BONUSES: tuple[Bonus, ...] = get_args(Bonus)


@dataclass(frozen=True, slots=True)
class BonusFixed:
    """Whether ``car`` takes ``bonus`` in one session, fixed in advance.

    Taking a bonus means being paid it: the fastest lap within the rules' place limit, a lap led
    and the most laps led by a ranked car (the outcomes the engines allow). Pinning a bonus the
    session does not pay to a car cannot be met."""

    session: str
    bonus: Bonus
    car: str
    takes: bool = True


@dataclass(frozen=True, slots=True)
class Margin:
    """How many more points ``who`` scores than ``rival`` over ``sessions`` (a weekend): at least
    ``at_least`` and at most ``at_most`` (None: no bound). Points are the sessions' own, before
    any drop: the margins journalists quote ("outscores Leclerc by 8 this weekend")."""

    who: str
    rival: str
    sessions: tuple[str, ...]
    at_least: Fraction | None = None
    at_most: Fraction | None = None

    def admits(self, margin: Fraction) -> bool:
        return (self.at_least is None or margin >= self.at_least) and (
            self.at_most is None or margin <= self.at_most
        )


@dataclass(frozen=True, slots=True)
class BestPlace:
    """The best place of ``who``'s cars in one session, fixed in advance (None: none of its cars
    ranked): a team's row of a decision table ("McLaren's best car 2nd"), its other cars behind."""

    session: str
    who: str
    place: int | None


@dataclass(frozen=True, slots=True)
class Constraint:
    """What a query assumes: conditions on some competitors' results, fixed results, fixed
    bonus holders and points margins between two competitors."""

    conditions: tuple[Condition, ...] = ()
    fixed: tuple[Fixed, ...] = ()
    bonuses: tuple[BonusFixed, ...] = ()
    margins: tuple[Margin, ...] = ()
    best: tuple[BestPlace, ...] = ()

    @property
    def empty(self) -> bool:
        return (
            not self.conditions and not self.fixed and not self.bonuses and not self.margins and not self.best
        )


NONE = Constraint()


def places_of(problem: TitleProblem, who: str, completion: Completion) -> tuple[int | None, ...]:
    """Best place of ``who``'s cars in each remaining session (None: not ranked or cannot start)."""
    contestant = problem.contestant(who)
    out: list[int | None] = []
    for s in problem.sessions:
        if s.id not in contestant.sessions:
            out.append(None)
            continue
        outcome = completion.outcome(s.id)
        places = [p for p in (outcome.place(car) for car in contestant.cars_in(s.id)) if p is not None]
        out.append(min(places) if places else None)
    return tuple(out)


def earned_by(problem: TitleProblem, who: str, completion: Completion) -> Fraction:
    """Points ``who`` scores in the remaining sessions (before any drop)."""
    contestant = problem.contestant(who)
    return sum((session_points(problem, s, contestant, completion)[0] for s in problem.sessions), Fraction(0))


def judge(
    kind: ConditionKind,
    value: int | Fraction | str,
    places: tuple[int | None, ...],
    earned: Fraction,
    theirs: tuple[int | None, ...] = (),
) -> bool:
    """Whether results (``places`` per session, ``earned`` points) satisfy a condition.

    ``theirs`` are the places of the competitor named by an ``ahead_of`` condition.
    """
    match kind:
        case ConditionKind.START:
            return sum(1 for p in places if p is not None) >= int(value)
        case ConditionKind.UNIFORM:
            return all(p is not None and p <= int(value) for p in places)
        case ConditionKind.ONE_AND_START:
            return all(p is not None for p in places) and any(
                p is not None and p <= int(value) for p in places
            )
        case ConditionKind.POINTS:
            return earned >= Fraction(value)
        case ConditionKind.AHEAD_OF:
            return all(
                mine is not None and (other is None or mine < other)
                for mine, other in zip(places, theirs, strict=True)
            )
    raise AssertionError(kind)


def condition_holds(problem: TitleProblem, condition: Condition, completion: Completion) -> bool:
    places = places_of(problem, condition.who, completion)
    earned = (
        earned_by(problem, condition.who, completion)
        if condition.kind is ConditionKind.POINTS
        else Fraction(0)
    )
    theirs = (
        places_of(problem, str(condition.value), completion)
        if condition.kind is ConditionKind.AHEAD_OF
        else ()
    )
    return judge(condition.kind, condition.value, places, earned, theirs)


def pays(session: RemainingSession, bonus: Bonus) -> bool:
    """Whether ``session`` pays ``bonus`` at all."""
    return bool(getattr(session, bonus))


def can_take(session: RemainingSession, bonus: Bonus, place: int | None) -> bool:
    """Whether a car at ``place`` (None: not ranked) can be paid ``bonus`` in ``session``."""
    if not pays(session, bonus):
        return False
    if bonus == "pole":
        return True
    if bonus == "fastest_lap":
        limit = session.fastest_lap_max_position
        return limit is None or (place is not None and place <= limit)
    return place is not None


def takes(session: RemainingSession, outcome: SessionOutcome, bonus: Bonus, car: str) -> bool:
    """Whether ``car`` is paid ``bonus`` in ``outcome`` (see :class:`BonusFixed`): a car that does
    not start the session (neither ranked nor listed unranked) takes nothing."""
    if car not in outcome.order and car not in outcome.unranked:
        return False
    if not can_take(session, bonus, outcome.place(car)):
        return False
    if bonus == "led_a_lap":
        return car in outcome.led
    holder: str | None = getattr(outcome, bonus)
    return holder == car


def bonuses_hold(problem: TitleProblem, bonuses: tuple[BonusFixed, ...], completion: Completion) -> bool:
    """Whether every fixed bonus holder of ``bonuses`` is as fixed in ``completion``."""
    if not bonuses:
        return True
    sessions = {s.id: s for s in problem.sessions}
    return all(
        takes(sessions[b.session], completion.outcome(b.session), b.bonus, b.car) == b.takes for b in bonuses
    )


def margin_of(problem: TitleProblem, margin: Margin, completion: Completion) -> Fraction:
    """Points ``margin.who`` scores over ``margin.sessions`` minus those of ``margin.rival``."""
    total = Fraction(0)
    for s in problem.sessions:
        if s.id in margin.sessions:
            total += session_points(problem, s, problem.contestant(margin.who), completion)[0]
            total -= session_points(problem, s, problem.contestant(margin.rival), completion)[0]
    return total


def best_places_hold(problem: TitleProblem, best: tuple[BestPlace, ...], completion: Completion) -> bool:
    """Whether each :class:`BestPlace` is the best place of its competitor's cars in ``completion``."""
    for b in best:
        outcome = completion.outcome(b.session)
        places = [
            p for car in problem.contestant(b.who).cars_in(b.session) if (p := outcome.place(car)) is not None
        ]
        if (min(places) if places else None) != b.place:
            return False
    return True


def margins_hold(problem: TitleProblem, margins: tuple[Margin, ...], completion: Completion) -> bool:
    return all(m.admits(margin_of(problem, m, completion)) for m in margins)


def holds(problem: TitleProblem, constraint: Constraint, completion: Completion) -> bool:
    """Whether a completion satisfies every condition, fixed result, fixed bonus holder and
    margin of ``constraint``."""
    for f in constraint.fixed:
        if completion.outcome(f.session).place(f.car) != f.place:
            return False
    if not bonuses_hold(problem, constraint.bonuses, completion):
        return False
    if not margins_hold(problem, constraint.margins, completion):
        return False
    if not best_places_hold(problem, constraint.best, completion):
        return False
    return all(condition_holds(problem, c, completion) for c in constraint.conditions)
