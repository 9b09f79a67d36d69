"""Every contender's path: which of their places in one session settle the title, and what each
rival must not do for it.

The questions journalists ask before a decider are of this shape: "Räikkönen is champion if he
wins, Hamilton is 6th or lower and Alonso 3rd or lower"; "Massa needs to win with Hamilton 6th
or lower"; "if Pérez wins the sprint, 8th in the Grand Prix is enough". :func:`contender_paths`
answers them for every contender still alive, against every rival at once, exactly.

Why a per-rival answer is the whole answer: a single-car contender ``c`` is champion when no rival
ends level with or ahead of them, and whether rival ``r`` does depends only on ``c``'s and ``r``'s
own results (points, bonuses, countback and drops are each competitor's own). So with ``c``'s place
``P`` in the session fixed, each rival's dangerous places can be found on its own, with every
other result free (the worst case: the sessions before and after are free too, unless ``given``
fixes some results). ``c`` at ``P`` then settles the title exactly when every rival stays out of
its dangerous places. Each limit is the weakest on that rival: one place better and an ending
(``RivalLimit.example``, replayed by the referee) has that rival level or ahead.

Bonus points: a plain row holds whatever the session's bonuses (the rivals may take them all, the
contender none). Beside it, the rows "with the fastest lap" (or any set of the bonuses the
contender can take at that place) pin those bonuses to the contender
(:class:`~podium.title.constraints.BonusFixed`) and are listed only where they ask less of the
rivals: the same per-rival argument holds, a bonus being one competitor's own result.

Each check is a :meth:`~podium.title.analyst.Analyst.sufficient` question restricted to one
rival: the extreme ending answers it when the fast preconditions hold, the engine otherwise; the
brute-force oracle (``shortcuts=False``) answers the same questions by enumeration and the tests
hold the two to the same paths.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from podium.title.constraints import BONUSES, Bonus, BonusFixed, Constraint, Fixed, can_take
from podium.title.endings import with_bonuses
from podium.title.engine import make_engine
from podium.title.evaluate import champion_of, final_table
from podium.title.order import standing_order
from podium.title.problem import (
    ANONYMOUS,
    Completion,
    Contestant,
    RemainingSession,
    SessionOutcome,
    TitleProblem,
    advance,
)

if TYPE_CHECKING:  # the analyst asks the questions; it imports this module to put paths in reports
    from podium.title.analyst import Analyst

Place = int | None
"""A place in the session; None: not ranked (did not start or, where retiring scores nothing, not
classified)."""


@dataclass(frozen=True, slots=True)
class RivalLimit:
    """What one rival must not do: finish better than ``from_place`` (``from_place`` None: the
    rival must not be ranked at all).

    ``example`` is an ending (meeting the row's place and ``given``) where the rival one place
    better than the limit ends level with or ahead of the contender: it proves the limit cannot be
    relaxed. ``listed`` is set, instead of a plain bound, in the rare rules where the rival's
    harmless places are not all the places below one (points that rise down a table)."""

    rival: str
    from_place: int | None
    example: Completion | None = None
    listed: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class PathRow:
    """The contender at ``place`` settles the title when every rival keeps to its limit (rivals
    not named in ``limits`` may do anything).

    ``bonuses`` empty: whatever the bonuses of the session (the rivals may take them all, the
    contender none: the worst case). Otherwise the contender takes those bonuses ("a win with the
    fastest lap"): such a row is listed only where it asks less of the rivals than the row
    without them (and than every row with fewer of them), or where that row cannot settle it."""

    place: Place
    limits: tuple[RivalLimit, ...]
    bonuses: tuple[Bonus, ...] = ()


@dataclass(frozen=True, slots=True)
class ContenderPath:
    """One contender's places in ``session`` that can settle the title, and the rivals' limits."""

    contender: str
    session: str
    given: tuple[Fixed, ...]
    rows: tuple[PathRow, ...]
    """Only the places that can settle the title, best first (the not-ranked row last); a place's
    rows with bonuses follow its row without (:attr:`PathRow.bonuses`)."""

    @property
    def can_settle(self) -> bool:
        return bool(self.rows)

    @property
    def plain(self) -> tuple[PathRow, ...]:
        """The rows that take no bonus for the contender."""
        return tuple(r for r in self.rows if not r.bonuses)

    @property
    def certain(self) -> bool:
        """Champion whatever happens: every place settles the title, whatever the rivals do."""
        plain = self.plain
        return bool(plain) and plain[-1].place is None and not any(r.limits for r in plain)


def possible_places(problem: TitleProblem, session: RemainingSession, places: Sequence[Place]) -> bool:
    """Whether distinct named cars can take ``places`` in ``session`` at once.

    The same outcomes as the engines allow (:func:`podium.title.brute.session_outcomes`): ranked
    places are 1, 2, … without gaps, at most ``session.field`` of them, filled by the contestants'
    cars and the unnamed starters (who always start and are ranked where every starter is)."""
    ranked = [p for p in places if p is not None]
    if len(set(ranked)) < len(ranked):
        return False
    named = len([car for c in problem.contestants for car in c.cars_in(session.id)])
    fewest_unnamed = session.anonymous if session.starters_score else 0
    need = max([*ranked, len(ranked) + fewest_unnamed, 0])
    most = min(session.field, named - (len(places) - len(ranked)) + session.anonymous)
    return need <= most


def row_possible(
    problem: TitleProblem, s: RemainingSession, car: str, place: Place, limits: Sequence[RivalLimit]
) -> bool:
    """Whether ``car`` can take ``place`` in ``s`` with every rival within its limit (a row whose
    limits cannot all be met says nothing and is left out).

    The places ahead of ``car`` must be filled without gaps (Hall's condition: the first ``t``
    places need ``t`` cars allowed there), by unnamed starters, cars without a limit, and limited
    rivals from their bound on; where every starter is ranked, the unnamed starters must all find
    a place within the field."""
    if place is None:
        return True
    limited = {x.rival: x for x in limits}
    free = s.anonymous
    bounds: list[int] = []
    for c in problem.contestants:
        for x in c.cars_in(s.id):
            if x == car:
                continue
            limit = limited.get(c.id)
            if limit is None:
                free += 1
                continue
            ranked = [p for p in limit.listed if p is not None] if limit.listed else [limit.from_place or 0]
            if ranked and min(ranked) > 0:  # a rival that must not be ranked fills no place
                bounds.append(min(ranked))
    for t in range(1, place):
        if t > free + sum(1 for b in bounds if b <= t):
            return False
    behind = max(0, s.anonymous - (place - 1)) if s.starters_score else 0
    return place + behind <= s.field


def contender_paths(
    analyst: Analyst,
    session: str | None = None,
    *,
    given: Sequence[Fixed] = (),
    contenders: Sequence[str] | None = None,
    exhaustive: bool = False,
) -> tuple[ContenderPath, ...]:
    """The path of each of ``contenders`` (default: everyone not excluded) who fields one car in
    ``session`` (the next one by default), assuming the ``given`` results of other sessions; in
    standings order. A contender with no row cannot settle the title in that session; one whose
    every row has no limit is champion whatever happens (:attr:`ContenderPath.certain`).

    Where points never rise down a table (:func:`podium.title.fast.extremes_apply`) a worse place
    never helps, so rivals' limits are found by bisection and rows stop at the first place that
    cannot settle the title; ``exhaustive`` asks every place instead (the tests' oracle)."""
    problem = analyst.problem
    if not problem.sessions:
        return ()
    target = problem.sessions[0] if session is None else _session(problem, session)
    fixed = tuple(given)
    for f in fixed:
        if f.session == target.id:
            raise ValueError(f"a given result is in {target.name}, the session the path is about")
    wanted = (
        [problem.contestant(c) for c in contenders]
        if contenders is not None
        else [c for c in problem.contestants if not c.excluded]
    )
    paths = []
    for c in wanted:
        if len(c.cars_in(target.id)) != 1:
            continue
        paths.append(_path(analyst, c, target, fixed, monotone=analyst.scorer.extremes and not exhaustive))
    order = {c.id: i for i, c in enumerate(standing_order(problem))}
    return tuple(sorted(paths, key=lambda p: order[p.contender]))


def _session(problem: TitleProblem, session: str) -> RemainingSession:
    for s in problem.sessions:
        if session in (s.id, s.name):
            return s
    names = ", ".join(s.id for s in problem.sessions)
    raise ValueError(f"no remaining session {session!r} (remaining: {names})")


def _path(
    analyst: Analyst, c: Contestant, s: RemainingSession, given: tuple[Fixed, ...], *, monotone: bool
) -> ContenderPath:
    problem = analyst.problem
    car = c.cars_in(s.id)[0]
    rivals = [r for r in analyst.rivals(c.id) if not any(f.car in r.cars for f in given if f.session == s.id)]
    rows: list[PathRow] = []
    stopped = False
    for place in [*range(1, s.field + 1), None]:
        if (stopped and place is not None) or not possible_places(problem, s, [place]):
            continue
        found = _place_rows(analyst, c, car, rivals, s, place, given, monotone)
        rows += found
        if not found and monotone:
            # A worse place never helps the contender (points do not rise down the table): once a
            # place cannot settle the title even with every bonus, no worse place can; not being
            # ranked is still asked (in a class where every starter scores it is a different question).
            stopped = True
    return ContenderPath(c.id, s.id, given, tuple(rows))


def _place_rows(
    analyst: Analyst,
    c: Contestant,
    car: str,
    rivals: Sequence[Contestant],
    s: RemainingSession,
    place: Place,
    given: tuple[Fixed, ...],
    monotone: bool,
) -> list[PathRow]:
    """The rows of the contender at ``place``: without bonuses, then with each set of the bonuses
    it can take there (smallest sets first) that asks less than every smaller set's row."""
    problem = analyst.problem
    takable = [b for b in BONUSES if can_take(s, b, place)]
    settled: dict[tuple[Bonus, ...], tuple[RivalLimit, ...] | None] = {}
    rows: list[PathRow] = []
    for k in range(len(takable) + 1):
        for chosen in itertools.combinations(takable, k):
            smaller = [settled[sub] for n in range(k) for sub in itertools.combinations(chosen, n)]
            if monotone and any(limits is not None and not limits for limits in smaller):
                settled[chosen] = ()  # a smaller set already asks nothing of the rivals
                continue
            pins = tuple(BonusFixed(s.id, b, car) for b in chosen)
            limits: list[RivalLimit] = []
            settles = True
            for r in rivals:
                limit, ok = _limit(analyst, c, car, r, s, place, given, monotone, pins)
                if not ok:
                    settles = False
                    break
                if limit is not None:
                    limits.append(limit)
            if not settles or not row_possible(problem, s, car, place, limits):
                settled[chosen] = None
                continue
            settled[chosen] = tuple(limits)
            needs = _needs(tuple(limits))
            if all(other is None or _needs(other) != needs for other in smaller):
                rows.append(PathRow(place, tuple(limits), chosen))
    return rows


def _limit(
    analyst: Analyst,
    c: Contestant,
    car: str,
    r: Contestant,
    s: RemainingSession,
    place: Place,
    given: tuple[Fixed, ...],
    monotone: bool,
    bonuses: tuple[BonusFixed, ...] = (),
) -> tuple[RivalLimit | None, bool]:
    """Rival ``r``'s limit when ``c`` takes ``place`` in ``s`` (and the ``bonuses``): (None, True)
    when ``r`` may do anything, (limit, True) when some of its places are harmless, (None, False)
    when none is."""
    problem = analyst.problem
    rcars = r.cars_in(s.id)
    base = (*given, Fixed(s.id, car, place))

    def danger(rp: Place) -> Completion | None:
        """An ending with ``r`` at ``rp`` level with or ahead of ``c`` (None: ``r`` harmless)."""
        if not rcars:
            ok, counter = analyst.sufficient(c.id, Constraint(fixed=base, bonuses=bonuses), only=(r.id,))
            return None if ok else counter
        pins = tuple(Fixed(s.id, x, rp if i == 0 else None) for i, x in enumerate(rcars))
        if not possible_places(problem, s, [place, *[p.place for p in pins]]):
            return None
        ok, counter = analyst.sufficient(
            c.id, Constraint(fixed=(*base, *pins), bonuses=bonuses), only=(r.id,)
        )
        return None if ok else counter

    if not rcars:  # the rival does not race in this session: either it is harmless or it is not
        return (None, True) if danger(None) is None else (None, False)
    if danger(None) is not None:
        return None, False
    rival_places = [p for p in range(1, s.field + 1) if p != place]
    if monotone:
        # Harmless places form the tail: find the best harmless one by bisection.
        if not rival_places or danger(rival_places[0]) is None:
            return None, True
        lo, hi = 0, len(rival_places)  # rival_places[lo] dangerous; hi: first harmless (or none)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if danger(rival_places[mid]) is None:
                hi = mid
            else:
                lo = mid
        example = danger(rival_places[hi - 1])
        bound = rival_places[hi] if hi < len(rival_places) else None
        return RivalLimit(r.id, bound, example), True
    dangerous = {p: danger(p) for p in rival_places}
    bad = [p for p, w in dangerous.items() if w is not None]
    if not bad:
        return None, True
    harmless = [p for p in rival_places if dangerous[p] is None]
    worst_bad = max(bad)
    example = dangerous[worst_bad]
    if all(p > worst_bad for p in harmless):
        bound = next(iter(harmless), None)
        return RivalLimit(r.id, bound, example), True
    return RivalLimit(r.id, None, example, listed=(*harmless, None)), True


def row_groups(path: ContenderPath) -> list[tuple[tuple[Place, ...], tuple[RivalLimit, ...]]]:
    """Consecutive rows that ask the same of the rivals, grouped ("2nd–3rd with Hamilton 6th or
    lower"); the not-ranked row joins the last group when it asks the same."""
    groups: list[tuple[tuple[Place, ...], tuple[RivalLimit, ...]]] = []
    for row in path.rows:
        key = _needs(row.limits)
        if groups:
            places, limits = groups[-1]
            last = places[-1]
            adjacent = last is not None and (row.place is None or row.place == last + 1)
            if adjacent and _needs(limits) == key:
                groups[-1] = ((*places, row.place), limits)
                continue
        groups.append(((row.place,), row.limits))
    return groups


def _needs(limits: tuple[RivalLimit, ...]) -> tuple[tuple[str, int | None, tuple[Place, ...]], ...]:
    return tuple((x.rival, x.from_place, x.listed) for x in limits)


@dataclass(frozen=True, slots=True)
class WeekendChance:
    """Can a contender be champion by the end of the next round (when it has several sessions)?

    ``witness`` is the round's best case for the contender (a win in every session with every
    bonus, no rival ranked) when it makes them champion whatever happens later, None when even
    that does not. ``path`` details the round's last session given the best earlier sessions
    (bonus points there counted for the rivals, the worst case)."""

    contender: str
    sessions: tuple[str, ...]
    rivals: tuple[str, ...]
    """Everyone who could still catch the contender: not ranked in the best case."""
    witness: tuple[SessionOutcome, ...] | None
    path: ContenderPath | None

    @property
    def can_clinch(self) -> bool:
        return self.witness is not None


def best_weekend(analyst: Analyst, contender: str) -> WeekendChance | None:
    """Whether ``contender`` can clinch the title this weekend (the next round, when it has more
    than one session), exactly under the fast preconditions (points never rise down a table, so
    the best case decides): None where the question does not apply (a one-session round, other
    rules, a contender without one car in each session, rivals who cannot all stay out)."""
    problem = analyst.problem
    if not problem.sessions or not (analyst.shortcuts and analyst.scorer.extremes):
        return None
    weekend = [s for s in problem.sessions if s.round == problem.sessions[0].round]
    me = problem.contestant(contender)
    if len(weekend) < 2 or any(len(me.cars_in(s.id)) != 1 for s in weekend):
        return None
    rivals = analyst.rivals(contender)
    rival_cars = {car for r in rivals for car in r.cars}
    outcomes: list[SessionOutcome] = []
    given: list[Fixed] = []
    for s in weekend:
        mine = me.cars_in(s.id)[0]
        out = [car for car in problem.cars_in(s) if car in rival_cars]
        unnamed = [car for car in problem.cars_in(s) if car.startswith(ANONYMOUS)]
        others = [car for car in problem.cars_in(s) if car not in (mine, *out, *unnamed)]
        order = (mine, *unnamed) if s.starters_score else (mine,)
        if not possible_places(problem, s, [1, *[None] * len(out)]) or len(order) > s.field:
            return None
        outcomes.append(with_bonuses(s, order, (*out, *others), [mine]))
        if s is not weekend[-1]:
            given += [Fixed(s.id, mine, 1), *[Fixed(s.id, car, None) for car in out]]
    after = problem
    for outcome in outcomes:
        after = advance(after, outcome)
    if after.sessions:
        clinched = type(analyst)(after, make_engine(after)).sufficient(contender, Constraint())[0]
    else:  # the weekend ends the season: its final table says
        clinched = champion_of(final_table(after, Completion(()))) == contender
    found = contender_paths(analyst, weekend[-1].id, given=given, contenders=[contender])
    return WeekendChance(
        contender,
        tuple(s.id for s in weekend),
        tuple(r.id for r in rivals),
        tuple(outcomes) if clinched else None,
        found[0] if found else None,
    )
