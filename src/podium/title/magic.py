"""The magic number by a dynamic programme over integer-scaled totals.

"``target`` is champion if it scores at least M points in the remaining sessions" holds when, for
every total ``e ≥ M`` the target can score, no rival can end level or ahead while the target
scores exactly ``e``. Rival by rival this is a pair question, and with points that never rise
down a table it splits by session: for each place (pair of places, for a team) the target's cars
take, the rival's cars take the best places left (and every bonus the target does not take). A
dynamic programme over the sessions then gives, for every total ``e`` the target can score, the
most the rival can score alongside. Rivals with the same cars in the same sessions share one
programme (every driver of a grid shares the one of the leader's rivals).

The answers are exact where the points settle them; a total at which the rival can only *draw
level* depends on the tie-break, and is left to the solver (:class:`MagicTable.level`). Teams
score with several cars: a total is a sum over distinct places (2021 Mercedes: 3rd + 9th = 17).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from podium.title.problem import Contestant, RemainingSession, TitleProblem


@dataclass(frozen=True, slots=True)
class _Car:
    place: int | None
    fastest_lap: bool = False
    pole: bool = False
    led: bool = False
    most: bool = False


def _earned(s: RemainingSession, cars: tuple[_Car, ...], scoring: int | None, scale: int) -> int:
    values = []
    for car in cars:
        v = s.points(car.place)
        if car.fastest_lap:
            v += s.fastest_lap
        if car.pole:
            v += s.pole
        if car.led:
            v += s.led_a_lap
        if car.most:
            v += s.most_laps_led
        values.append(v)
    values.sort(reverse=True)
    if scoring is not None:
        values = values[:scoring]
    total = sum(values, Fraction(0)) * scale
    assert total.denominator == 1
    return int(total)


def _bonus_options(s: RemainingSession, places: tuple[int | None, ...]) -> Iterator[tuple[_Car, ...]]:
    """Every way the target's cars (at ``places``) can take bonuses; the rest go to the rival."""
    n = len(places)
    fl_choices: list[int | None] = [None]
    if s.fastest_lap:
        limit = s.fastest_lap_max_position
        fl_choices += [i for i, p in enumerate(places) if limit is None or (p is not None and p <= limit)]
    pole_choices: list[int | None] = [None, *range(n)] if s.pole else [None]
    ranked = [i for i, p in enumerate(places) if p is not None]
    led_choices: list[tuple[int, ...]] = [()]
    if s.led_a_lap:
        led_choices = [combo for k in range(len(ranked) + 1) for combo in itertools.combinations(ranked, k)]
    most_choices: list[int | None] = [None, *ranked] if s.most_laps_led else [None]
    for fl in fl_choices:
        for pole in pole_choices:
            for led in led_choices:
                for most in most_choices:
                    if most is not None and s.led_a_lap and most not in led:
                        continue
                    yield tuple(
                        _Car(p, fl == i, pole == i, i in led, most == i) for i, p in enumerate(places)
                    )


def _feasible(problem: TitleProblem, s: RemainingSession, used: list[int], explicit: int) -> bool:
    """Whether the other cars can fill a session where the named cars take ``used`` places."""
    total = len(problem.cars_in(s))
    pool = total - explicit
    ranked = len(used)
    k = max(used, default=0)
    if s.starters_score:
        k = max(k, ranked + s.anonymous)
    return k <= s.field and k - ranked <= pool and (not used or max(used) <= total)


def session_options(
    problem: TitleProblem, s: RemainingSession, target: Contestant, rival: Contestant | None
) -> dict[int, tuple[int, tuple[int | None, ...]]]:
    """For each scaled total the target can score in ``s``: the most the rival can score alongside,
    and the target's places that allow it. (``rival`` None: the target's totals only.)"""
    scale = problem.scale
    mine = target.cars_in(s.id)
    theirs = rival.cars_in(s.id) if rival is not None else ()
    field = s.field
    out: dict[int, tuple[int, tuple[int | None, ...]]] = {}
    choices: list[int | None] = [*range(1, field + 1), None]
    for places in itertools.product(choices, repeat=len(mine)):
        taken = [p for p in places if p is not None]
        if len(set(taken)) != len(taken):
            continue
        if len(mine) > 1 and list(places) != sorted(places, key=lambda p: field + 1 if p is None else p):
            continue  # a team's cars are interchangeable: one order of their places is enough
        free = [p for p in range(1, field + 1) if p not in taken]
        rival_places: tuple[int | None, ...] = ()
        for n in range(len(theirs), -1, -1):  # the rival ranks as many cars as the field allows
            attempt = tuple(free[:n]) + (None,) * (len(theirs) - n)
            if len(free) >= n and _feasible(problem, s, [*taken, *free[:n]], len(mine) + len(theirs)):
                rival_places = attempt
                break
        else:
            if not _feasible(problem, s, taken, len(mine) + len(theirs)):
                continue
            rival_places = (None,) * len(theirs)
        if not _feasible(
            problem, s, [*taken, *(p for p in rival_places if p is not None)], len(mine) + len(theirs)
        ):
            continue
        for cars in _bonus_options(s, places):
            gain = _earned(s, cars, problem.cars_scoring, scale)
            rival_gain = 0
            if theirs:
                rival_gain = _earned(s, _rival_bonuses(s, cars, rival_places), problem.cars_scoring, scale)
            best = out.get(gain)
            if best is None or rival_gain > best[0]:
                out[gain] = (rival_gain, places)
    return out


def _rival_bonuses(
    s: RemainingSession, mine: tuple[_Car, ...], places: tuple[int | None, ...]
) -> tuple[_Car, ...]:
    """The rival's cars at ``places`` with every bonus the target did not take."""
    if not places:
        return ()
    fl_taken = any(c.fastest_lap for c in mine)
    pole_taken = any(c.pole for c in mine)
    most_taken = any(c.most for c in mine)
    limit = s.fastest_lap_max_position
    fl_car = next(
        (
            i
            for i, p in enumerate(places)
            if s.fastest_lap and not fl_taken and (limit is None or (p is not None and p <= limit))
        ),
        None,
    )
    most_car = next(
        (i for i, p in enumerate(places) if s.most_laps_led and not most_taken and p is not None), None
    )
    return tuple(
        _Car(
            p,
            fastest_lap=fl_car == i,
            pole=bool(s.pole) and not pole_taken and i == 0,
            led=bool(s.led_a_lap) and p is not None,
            most=most_car == i,
        )
        for i, p in enumerate(places)
    )


@dataclass(frozen=True, slots=True)
class MagicTable:
    """For every total ``e`` the target can score (scaled): the most one kind of rival scores."""

    rival_most: dict[int, int]


def magic_table(problem: TitleProblem, target: Contestant, rival: Contestant | None) -> MagicTable:
    """The dynamic programme over the sessions (see the module docstring)."""
    reach: dict[int, int] = {0: 0}
    for s in problem.sessions:
        mine = bool(target.cars_in(s.id))
        theirs = rival is not None and bool(rival.cars_in(s.id))
        if not mine and not theirs:
            continue
        if not mine:
            assert rival is not None
            solo = session_options(problem, s, rival, None)
            most = max(solo)
            reach = {e: r + most for e, r in reach.items()}
            continue
        options = session_options(problem, s, target, rival if theirs else None)
        nxt: dict[int, int] = {}
        for e, r in reach.items():
            for gain, (rival_gain, _) in options.items():
                total = e + gain
                value = r + rival_gain
                if nxt.get(total, -1) < value:
                    nxt[total] = value
        reach = nxt
    return MagicTable(reach)


def signature(problem: TitleProblem, c: Contestant) -> tuple[object, ...]:
    """What a rival's programme depends on: how many cars it fields in each session."""
    return tuple(len(c.cars_in(s.id)) for s in problem.sessions)


def target_totals(problem: TitleProblem, target: Contestant) -> list[Fraction]:
    """Every total ``target`` can add in the remaining sessions (a team's cars on distinct places)."""
    return sorted(Fraction(e, problem.scale) for e in magic_table(problem, target, None).rival_most)
