"""Points margins over a weekend: "Verstappen is champion at Suzuka if he outscores Leclerc by 8
points and Pérez by 6"; "Norris must outscore Verstappen by 2 over the sprint and the Grand Prix
to stay in the fight".

Where every result counts (no drops), a contender ``c`` is champion after the weekend's sessions
``S`` exactly when no rival can still draw level or pass, and the worst that can happen later is
that ``c`` scores nothing more while rival ``r`` scores the most it can (``A_r``). So, with ``P``
today's points and ``g`` the points scored over ``S``::

    c ends ahead of r for sure     when  g_c - g_r > P_r - P_c + A_r = m_r
    r can still finish ahead       when  g_c - g_r < m_r
    at g_c - g_r = m_r             r can at best draw level: the tie-break decides

Both directions need only that ``c`` may score nothing after ``S`` and ``r`` may score its most
while doing so (one ending, whatever the weekend was), which holds whenever no result is dropped.
The level case is a question about the weekend's places (countback reads them): the engine
answers it with the margin pinned (:class:`~podium.title.constraints.Margin`), so the threshold
printed is exact, including the tie-break: "by 8" when a level finish goes to the contender, "by 9"
when it does not. Each rival is its own question (a rival's threat depends only on its own results
and the contender's), so the margins against every rival together are the whole answer. A team
is a contender like a driver: its points over the weekend are its cars' points (constructors).

The same argument the other way gives what a chaser needs to stay in the fight against one rival:
``c`` can still finish ahead of ``r`` after ``S`` only if ``g_c - g_r >= P_r - P_c - A_c`` (the
chaser scores its most later, the rival nothing); equality leaves at best a level finish, again
settled by the engine. Staying in the fight needs every such margin (a necessary condition; being
able to beat all rivals at once is the status's own question).

The tests hold every threshold to the brute-force oracle by enumerating whole weekends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import ceil, lcm
from typing import TYPE_CHECKING

from podium.errors import SolverError
from podium.title.constraints import Constraint, Margin, margins_hold
from podium.title.evaluate import position_of
from podium.title.problem import Completion, Contestant, RemainingSession, TitleProblem, total_remaining

if TYPE_CHECKING:  # the analyst asks the questions; it imports this module to put margins in reports
    from podium.title.analyst import Analyst


@dataclass(frozen=True, slots=True)
class RivalMargin:
    """The contender must outscore ``rival`` by at least ``at_least`` points over the weekend
    (zero or less: may be outscored by up to ``-at_least``)."""

    rival: str
    at_least: Fraction
    tie_lost: bool
    """True when, one step below ``at_least``, the two can finish level on points and the
    tie-break can go the rival's way: the threshold then counts the tie-break."""
    exact: bool = True
    """False when the engine's deterministic work limit cut the tie-break question: the threshold
    is then the safe one (a clinch margin one step above a level finish; a margin to stay in the
    fight at the level finish, needed but perhaps not enough)."""
    example: Completion | None = None
    """An ending the engine found and the referee replayed: for a clinch margin with ``tie_lost``,
    one step below the threshold with the rival level or ahead; for a margin to stay in the fight
    without ``tie_lost``, at the threshold with the contender ahead of the rival."""


@dataclass(frozen=True, slots=True)
class WeekendMargins:
    """What ``contender`` needs, in points against each rival, over the weekend ``sessions``."""

    contender: str
    sessions: tuple[str, ...]
    clinch: tuple[RivalMargin, ...]
    """Met together, these make the contender champion after the weekend; each one is needed."""
    achievable: bool | None
    """Whether one weekend meets every clinch margin at once (``witness`` shows one); None when the
    engine's work limit cut that question."""
    witness: Completion | None
    alive: tuple[RivalMargin, ...]
    """Each is needed for the contender to keep a chance after the weekend."""
    step: Fraction
    """The smallest difference points can make (1 where every value is whole)."""


def weekend_sessions(problem: TitleProblem) -> list[RemainingSession]:
    """The sessions of the next round (the weekend a margin is about)."""
    if not problem.sessions:
        return []
    return [s for s in problem.sessions if s.round == problem.sessions[0].round]


def weekend_margins(analyst: Analyst, contender: str) -> WeekendMargins | None:
    """Points margins for ``contender`` over the next round, exact; None where they do not apply:
    results are dropped (a margin then depends on which results count), the season ends with the
    weekend but the contender has no rival left, or the contender cannot score in it."""
    problem = analyst.problem
    weekend = weekend_sessions(problem)
    if not weekend or problem.drops:
        return None
    me = problem.contestant(contender)
    if me.excluded or not any(s.id in me.sessions for s in weekend):
        return None
    later = [s for s in problem.sessions if s not in weekend]
    ids = tuple(s.id for s in weekend)
    step = _step(weekend)
    my_best = total_remaining(problem, me, weekend)
    my_later = total_remaining(problem, me, later)
    clinch: list[RivalMargin] = []
    alive: list[RivalMargin] = []
    for rival in analyst.rivals(contender):
        their_best = total_remaining(problem, rival, weekend)
        floor = -their_best  # the least the contender can outscore this rival by
        level = rival.points - me.points + total_remaining(problem, rival, later)
        if level >= floor:
            clinch.append(_clinch_margin(analyst, me, rival, ids, level, step))
        behind = rival.points - me.points - my_later
        if later and behind > floor:  # after the last weekend, being champion is the only question
            alive.append(_alive_margin(analyst, me, rival, ids, behind, step))
    witness = None
    achievable: bool | None = False
    if clinch and all(m.at_least <= my_best for m in clinch):
        pinned = Constraint(
            margins=tuple(Margin(contender, m.rival, ids, at_least=m.at_least) for m in clinch)
        )
        try:
            witness = analyst.engine.possible(pinned)
        except SolverError:  # cut by the deterministic work limit: said, never guessed
            achievable = None
        else:
            if witness is not None and not margins_hold(problem, pinned.margins, witness):
                raise SolverError(f"{analyst.engine.name}: weekend witness for {contender!r} misses a margin")
            achievable = witness is not None
    return WeekendMargins(contender, ids, tuple(clinch), achievable, witness, tuple(alive), step)


def _step(weekend: Sequence[RemainingSession]) -> Fraction:
    """The granularity of a weekend's margins: every value its sessions pay is a multiple of it."""
    values = [v for s in weekend for v in (*s.table, s.fastest_lap, s.pole, s.led_a_lap, s.most_laps_led)]
    return Fraction(1, lcm(*(v.denominator for v in values))) if values else Fraction(1)


def _above(value: Fraction, step: Fraction, *, strictly: bool) -> Fraction:
    """The least multiple of ``step`` at or above ``value`` (strictly above with ``strictly``)."""
    multiple = ceil(value / step) * step
    return multiple + step if strictly and multiple == value else multiple


def _clinch_margin(
    analyst: Analyst,
    me: Contestant,
    rival: Contestant,
    sessions: tuple[str, ...],
    level: Fraction,
    step: Fraction,
) -> RivalMargin:
    """``level``: the margin that leaves the rival able to draw level at best. Is a level finish
    the contender's whatever the weekend's places? The engine looks for a weekend with exactly
    that margin and an ending where the rival is level or ahead."""
    pinned = Constraint(margins=(Margin(me.id, rival.id, sessions, at_least=level, at_most=level),))
    try:
        counter = analyst.engine.witness_level_or_ahead(rival.id, me.id, pinned)
    except SolverError:  # the safe threshold, marked
        return RivalMargin(rival.id, _above(level, step, strictly=True), tie_lost=True, exact=False)
    if counter is None:
        return RivalMargin(rival.id, _above(level, step, strictly=False), tie_lost=False)
    _replay(analyst, counter, pinned, rival.id, me.id, strictly=False)
    return RivalMargin(rival.id, _above(level, step, strictly=True), tie_lost=True, example=counter)


def _alive_margin(
    analyst: Analyst,
    me: Contestant,
    rival: Contestant,
    sessions: tuple[str, ...],
    behind: Fraction,
    step: Fraction,
) -> RivalMargin:
    """``behind``: the margin at which the contender can at best draw level with the rival. Can
    the contender win that level finish? The engine looks for an ending where they finish ahead."""
    pinned = Constraint(margins=(Margin(me.id, rival.id, sessions, at_least=behind, at_most=behind),))
    try:
        ahead = analyst.engine.witness_ahead(me.id, rival.id, pinned)
    except SolverError:  # the level finish: needed for sure, perhaps not enough
        return RivalMargin(rival.id, _above(behind, step, strictly=False), tie_lost=False, exact=False)
    if ahead is None:
        return RivalMargin(rival.id, _above(behind, step, strictly=True), tie_lost=True)
    _replay(analyst, ahead, pinned, me.id, rival.id, strictly=True)
    return RivalMargin(rival.id, behind, tie_lost=False, example=ahead)


def _replay(
    analyst: Analyst, ending: Completion, pinned: Constraint, first: str, second: str, *, strictly: bool
) -> None:
    """The referee replays an engine's ending: margin as pinned, ``first`` ahead of (or level
    with) ``second``."""
    if not margins_hold(analyst.problem, pinned.margins, ending):
        raise SolverError(f"{analyst.engine.name}: margin ending misses its margin")
    table = analyst.verify(ending)
    a, b = position_of(table, first), position_of(table, second)
    if a > b or (strictly and a == b):
        raise SolverError(f"{analyst.engine.name}: margin ending for {first!r} does not replay")


MARGIN_WORK = 1.0
"""Deterministic work (CP-SAT) allowed for each tie-break question of a margin."""


def margins_of(analyst: Analyst, contenders: Sequence[str]) -> tuple[WeekendMargins, ...]:
    with analyst.engine.capped(MARGIN_WORK):
        return tuple(m for c in contenders if (m := weekend_margins(analyst, c)) is not None)
