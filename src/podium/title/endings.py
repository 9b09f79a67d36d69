"""Plain endings built without a solver: the attack on a target, the target's own title run, the
pile-up behind it, and how many rivals can pass at once.

They are only ever used as witnesses after being checked (or, under the preconditions of
:mod:`podium.title.fast`, as the extreme ending that decides a question), never as a proof alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from podium.title.constraints import NONE, Bonus, BonusFixed, ConditionKind, Constraint, holds
from podium.title.problem import ANONYMOUS as ANONYMOUS_PREFIX
from podium.title.problem import Completion, Contestant, RemainingSession, SessionOutcome, TitleProblem


def greedy_attack(
    problem: TitleProblem, rival: str, target: str, constraint: Constraint = NONE
) -> Completion | None:
    """The plain attack on ``target``: ``rival`` wins everything it can, ``target`` does as badly as
    ``constraint`` allows (nothing at all without one); fixed results stay where they are.

    Most "not clinched yet" and "that condition is not enough" answers are this ending; trying it
    first spares a solver call. It is only ever used as a witness after checking it, never as a
    proof. Returns None for constraints it does not know how to meet.
    """
    r, t = problem.contestant(rival), problem.contestant(target)
    targets = _worst_allowed(problem, t, constraint)
    if targets is None:
        return None
    pinned: dict[str, dict[str, int | None]] = {}
    for f in constraint.fixed:
        pinned.setdefault(f.session, {})[f.car] = f.place
    for b in constraint.best:  # a team's best place: its first car there, the others not ranked
        cars = problem.contestant(b.who).cars_in(b.session)
        for i, car in enumerate(cars):
            pinned.setdefault(b.session, {})[car] = b.place if i == 0 else None
    others = [
        car
        for c in sorted(problem.contestants, key=lambda c: (-c.points, c.name))
        if c.id not in (rival, target)
        for car in c.cars
    ]
    outcomes = []
    for s, place in zip(problem.sessions, targets, strict=True):
        allowed = set(problem.cars_in(s))
        fixed_here = pinned.get(s.id, {})
        slots: dict[int, str] = {p: car for car, p in fixed_here.items() if p is not None}
        unranked = [car for car, p in fixed_here.items() if p is None]
        mine = [car for car in r.cars_in(s.id) if car in allowed and car not in fixed_here]
        theirs = [car for car in t.cars_in(s.id) if car in allowed and car not in fixed_here]
        fillers = [f"{ANONYMOUS_PREFIX}{i + 1}" for i in range(s.anonymous)]
        fillers += [c for c in others if c in allowed and c not in fixed_here]
        free = [p for p in range(1, s.field + 1) if p not in slots]
        for car in mine:  # the attacker takes the best free places (a car left without one: unranked)
            if free:
                slots[free.pop(0)] = car
            else:
                unranked.append(car)
        for car in theirs:  # the target goes as far back as allowed
            if place is None or not free:
                unranked.append(car)
                continue
            spot = max((p for p in free if p <= place), default=None)
            if spot is None:
                return None
            slots[spot] = car
            free.remove(spot)
        order: list[str] = []
        for p in range(1, s.field + 1):
            if p in slots:
                order.append(slots[p])
            elif fillers and (s.starters_score or any(q > p for q in slots)):
                order.append(fillers.pop(0))
            elif fillers and not s.starters_score:
                break
            else:
                break
        if any(p > len(order) for p in slots):
            return None
        if s.starters_score:
            room = max(0, s.field - len(order))
            order += fillers[:room]
            fillers = fillers[room:]
        unranked += [c for c in fillers if not c.startswith(ANONYMOUS_PREFIX)]
        if any(c.startswith(ANONYMOUS_PREFIX) for c in fillers) and s.starters_score:
            return None
        # Every bonus goes to the attacker, its pinned cars included (a car pinned to a place, or
        # to not being ranked, may still take the pole or a fastest lap without a place condition),
        # except the bonuses whose holder the constraint fixes.
        attacker = [car for car in r.cars_in(s.id) if car in allowed]
        pins = [b for b in constraint.bonuses if b.session == s.id]
        outcomes.append(with_bonuses(s, tuple(order), tuple(unranked), attacker, pins))
    completion = Completion(tuple(outcomes))
    return completion if holds(problem, constraint, completion) else None


def _worst_allowed(problem: TitleProblem, t: Contestant, constraint: Constraint) -> list[int | None] | None:
    """Per session, the worst place ``t`` may take under ``constraint`` (None: not ranked)."""
    sessions = problem.sessions
    places: list[int | None] = [None] * len(sessions)
    for cond in constraint.conditions:
        if cond.who != t.id:
            return None
        last = [s.field for s in sessions]
        if cond.kind is ConditionKind.UNIFORM:
            places = [min(int(cond.value), f) for f in last]
        elif cond.kind is ConditionKind.START:
            k = int(cond.value)
            places = [f if i < k else None for i, f in enumerate(last)]
        elif cond.kind is ConditionKind.ONE_AND_START:
            places = [min(int(cond.value), f) if i == len(last) - 1 else f for i, f in enumerate(last)]
        else:
            return None
    return places


def greedy_title(problem: TitleProblem, target: str) -> Completion:
    """``target``'s cars win everything; the other cars follow, the most dangerous last."""
    t = problem.contestant(target)
    others = [
        car
        for c in sorted(problem.contestants, key=lambda c: (c.points, c.name))
        if c.id != target
        for car in c.cars
    ]
    outcomes = []
    for s in problem.sessions:
        allowed = set(problem.cars_in(s))
        mine = [car for car in t.cars_in(s.id) if car in allowed]
        fillers = [f"{ANONYMOUS_PREFIX}{i + 1}" for i in range(s.anonymous)] + [
            c for c in others if c in allowed
        ]
        everyone = mine + fillers
        order = tuple(everyone[: s.field])
        unranked = tuple(c for c in everyone[s.field :] if not c.startswith(ANONYMOUS_PREFIX))
        outcomes.append(with_bonuses(s, order, unranked, mine))
    return Completion(tuple(outcomes))


def with_bonuses(
    s: RemainingSession,
    order: tuple[str, ...],
    unranked: tuple[str, ...],
    mine: Sequence[str],
    pins: Sequence[BonusFixed] = (),
) -> SessionOutcome:
    """A session's result with every bonus the rules allow handed to ``mine`` (the favoured
    competitor's cars): the pole to its first car, the fastest lap to its best-placed car (any
    car when the bonus has no place condition), a lap led and the most laps led to its ranked cars.

    ``pins`` fix some holders (:class:`~podium.title.constraints.BonusFixed`): a car pinned to a
    bonus keeps it, a car pinned not to take one is passed over, and ``mine`` gets only the rest.
    The result may break a pin that cannot be met (the caller checks it)."""
    given = {(b.bonus, b.car): b.takes for b in pins}

    def allowed(bonus: Bonus) -> list[str]:
        return [car for car in mine if given.get((bonus, car), True)]

    def pinned(bonus: Bonus) -> str | None:
        return next((b.car for b in pins if b.bonus == bonus and b.takes), None)

    fastest: str | None = None
    if s.fastest_lap:
        fastest = pinned("fastest_lap")
        if fastest is None:
            cars = allowed("fastest_lap")
            ranked = [car for car in order if car in cars]
            limit = s.fastest_lap_max_position
            if ranked and (limit is None or order.index(ranked[0]) < limit):
                fastest = ranked[0]
            elif limit is None and cars:
                fastest = cars[0]
    pole: str | None = None
    if s.pole:
        pole = pinned("pole") or next(iter(allowed("pole")), None)
    most: str | None = None
    if s.most_laps_led:
        most = pinned("most_laps_led") or next(
            (car for car in order if car in allowed("most_laps_led")), None
        )
    led: tuple[str, ...] = ()
    if s.led_a_lap:
        chosen = set(allowed("led_a_lap")) | {b.car for b in pins if b.bonus == "led_a_lap" and b.takes}
        if most is not None:
            chosen.add(most)
        led = tuple(car for car in order if car in chosen)
    return SessionOutcome(s.id, order, unranked, fastest_lap=fastest, pole=pole, led=led, most_laps_led=most)


def pass_capacity(problem: TitleProblem, target: Contestant, threats: Sequence[Contestant]) -> int:
    """Most rivals that can pass ``target`` at once: ``k`` rivals need at least the sum of their k
    smallest gaps, and the remaining sessions hand at most their k best places (and bonuses) to them."""
    gaps = sorted(max(Fraction(0), target.points - t.points) for t in threats)
    cars = max((len(t.cars) for t in threats), default=1)
    if problem.cars_scoring is not None:
        cars = min(cars, problem.cars_scoring)
    best = 0
    for k in range(1, len(gaps) + 1):
        supply = sum(
            (
                sum(sorted(s.table[: s.field], reverse=True)[: k * cars], Fraction(0))
                + s.fastest_lap
                + s.pole
                + s.most_laps_led
                + s.led_a_lap * min(s.field, k * cars)
                for s in problem.sessions
            ),
            Fraction(0),
        )
        if sum(gaps[:k], Fraction(0)) <= supply:
            best = k
        else:
            break
    return best


def greedy_pileup(problem: TitleProblem, target: str) -> Completion:
    """``target`` scores nothing and as many rivals as possible pass: the rivals closest to passing
    are served first, each with the fewest points that get them past (one place per session)."""
    t = problem.contestant(target)
    sessions = problem.sessions
    unit = Fraction(1, problem.scale)
    rivals = sorted(
        (c for c in problem.contestants if c.id != target and not c.excluded),
        key=lambda c: (t.points - c.points, c.name),
    )
    taken: dict[tuple[str, int], str] = {}
    used: set[tuple[str, str]] = set()
    for c in rivals:
        need = t.points - c.points + unit
        if need <= 0:
            continue
        offers = []
        for s in sessions:
            free = [p for p in range(1, s.field + 1) if (s.id, p) not in taken]
            scoring = c.cars_in(s.id)[: problem.cars_scoring or None]
            for n, car in enumerate(scoring):
                if n < len(free) and (s.id, car) not in used:
                    offers.append((s.points(free[n]), s, car, n))
        offers.sort(key=lambda o: -o[0])
        chosen: list[tuple[RemainingSession, str, int]] = []
        total = Fraction(0)
        for _value, session, car, _n in offers:
            if total >= need:
                break
            free = [
                p
                for p in range(1, session.field + 1)
                if (session.id, p) not in taken and all(q != p for x, _, q in chosen if x is session)
            ]
            if not free:
                continue
            remaining = need - total
            fitting = [p for p in free if session.points(p) >= remaining]
            place = fitting[-1] if fitting else free[0]
            chosen.append((session, car, place))
            total += session.points(place)
        if total < need:
            continue
        for session, car, place in chosen:
            taken[(session.id, place)] = car
            used.add((session.id, car))
    outcomes = []
    for s in sessions:
        cars = [car for c in problem.contestants if c.id != target for car in c.cars_in(s.id)]
        placed = {taken[(s.id, p)] for p in range(1, s.field + 1) if (s.id, p) in taken}
        rest = [car for car in cars if car not in placed]
        rest.sort(
            key=lambda car: problem.contestant(problem.owner(car) or "").points if problem.owner(car) else 0
        )
        rest = [f"{ANONYMOUS_PREFIX}{i + 1}" for i in range(s.anonymous)] + rest
        last = max((p for (sid, p) in taken if sid == s.id), default=0)
        order: list[str] = []
        for p in range(1, s.field + 1):
            if (s.id, p) in taken:
                order.append(taken[(s.id, p)])
            elif rest and (p <= last or s.starters_score):
                order.append(rest.pop(0))
            elif p > last:
                break
        if s.starters_score:
            order.extend(rest[: max(0, s.field - len(order))])
            rest = rest[max(0, s.field - len(order)) :]
        unranked = list(t.cars_in(s.id)) + [car for car in rest if not car.startswith(ANONYMOUS_PREFIX)]
        outcomes.append(SessionOutcome(s.id, tuple(order), tuple(unranked)))
    return Completion(tuple(outcomes))
