"""Statements about one competitor's own results, and checking them on a completion.

These are the vocabulary of clinch conditions ("P-th or better in every race") and the fixed
results of the next-session decision table. Both engines take them: the brute-force engine
filters completions with :func:`holds`, the CP-SAT engine turns them into constraints.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from podium.title.evaluate import session_points
from podium.title.problem import Completion, TitleProblem


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


@dataclass(frozen=True, slots=True)
class Constraint:
    """What a query assumes: conditions on some competitors' results and fixed results."""

    conditions: tuple[Condition, ...] = ()
    fixed: tuple[Fixed, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.conditions and not self.fixed


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


def holds(problem: TitleProblem, constraint: Constraint, completion: Completion) -> bool:
    """Whether a completion satisfies every condition and fixed result of ``constraint``."""
    for f in constraint.fixed:
        if completion.outcome(f.session).place(f.car) != f.place:
            return False
    return all(condition_holds(problem, c, completion) for c in constraint.conditions)
