"""The worst final position by a count model, turned back into real sessions by edge colouring.

``target`` finishes lowest when it scores nothing and as many rivals as possible pass it. Which
session a place is taken in does not matter between sessions that are alike (same table, field,
bonuses and cars), so the model counts, per group of alike sessions, how often each rival car
takes each paying place: place ``p`` is taken at most once per session, a car takes at most one
place per session. Those counts are exactly what real sessions can produce: a bipartite
multigraph (cars × places) of maximum degree ``n`` splits into ``n`` matchings (Kőnig's edge
colouring theorem), one per session. The fastest lap (one car per session, within the top
places it requires) is counted the same way and handed out after the colouring.

Two solves bound the answer: *passing* needs strictly more points (an ending is rebuilt from it
and scored exactly: a lower bound), or at least level points where countback could still favour
the rival (an upper bound, since nobody level on points passes without it). They usually meet;
where they do not, the caller falls back to the general model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from podium.rules import TieBreakStep
from podium.title.fast import Scorer
from podium.title.problem import (
    ANONYMOUS,
    Completion,
    Contestant,
    RemainingSession,
    SessionOutcome,
    TitleProblem,
    total_remaining,
)

COUNT_WORK = 1.0
"""Deterministic work one count-model solve may take (the models have a few hundred variables)."""

SELECT_WORK = 0.5
"""Deterministic work for the harder question where countback decides who is level (which rivals
pass is then a choice the solver makes); what it leaves open is reported as a range."""


@dataclass(frozen=True, slots=True)
class WorstBounds:
    """``lower``: the place of ``target`` in ``completion`` (an ending rebuilt from the counts);
    ``upper``: no ending does worse."""

    lower: int
    upper: int
    completion: Completion | None


def applies(problem: TitleProblem, scorer: Scorer) -> bool:
    """Where the count model is exact up to its two bounds (see the module docstring)."""
    if not scorer.extremes or problem.drops:
        return False
    if problem.cars_scoring is not None and any(
        len(c.cars) > problem.cars_scoring for c in problem.contestants
    ):
        return False
    return all(not (s.led_a_lap or s.most_laps_led) for s in problem.sessions)


def _groups(problem: TitleProblem, cars: list[str]) -> list[list[RemainingSession]]:
    out: dict[tuple[object, ...], list[RemainingSession]] = defaultdict(list)
    for s in problem.sessions:
        present = set(problem.cars_in(s))
        key = (
            s.table,
            s.field,
            s.fastest_lap,
            s.fastest_lap_max_position,
            s.pole,
            s.countback,
            s.starters_score,
            s.anonymous,
            tuple(car in present for car in cars),
        )
        out[key].append(s)
    return list(out.values())


def worst_bounds(
    problem: TitleProblem, scorer: Scorer, target: Contestant, known: int = 0
) -> WorstBounds | None:
    """Bounds on ``target``'s worst final position (None when the model cannot be built).

    Rivals who field the same cars in the same sessions are interchangeable but for their points:
    if some ``k`` of them can all pass, the ``k`` who need least can (give them the same places).
    So the question is only "can the ``k`` neediest-least pass?", asked for growing ``k`` from
    ``known + 1`` (``known`` rivals are already shown to finish ahead by another ending). A
    question the work limit leaves open stops the search: the bounds found so far are reported.
    """
    threats = [
        c
        for c in problem.contestants
        if c.id != target.id
        and not c.excluded
        and scorer.base[c.id] + _most(problem, scorer, c) >= scorer.base[target.id]
    ]
    if not threats:  # nobody can reach what target already has
        return WorstBounds(1, 1, None)
    if len({tuple(len(c.cars_in(s.id)) for s in problem.sessions) for c in threats}) != 1:
        return None
    threats.sort(key=lambda c: (-scorer.base[c.id], c.id))
    best: _Counts | None = None
    upper: int | None = None
    passed = known
    for k in range(known + 1, len(threats) + 1):
        status, counts = _solve(problem, scorer, target, threats[:k], level=False)
        if status == "feasible":
            best, passed = counts, k
            continue
        if status == "infeasible" and not scorer.steps:
            upper = k - 1  # without countback, level on points is not ahead
        break
    if upper is None:
        upper = len(threats)
        for k in range(passed + 1, len(threats) + 1):
            status, _ = _solve(problem, scorer, target, threats[:k], level=True)
            if status == "infeasible":
                upper = k - 1
            if status != "feasible":
                break
    if upper > passed and scorer.steps:
        # Level on points: countback decides, so the rivals are no longer interchangeable.
        for k in range(passed + 1, upper + 1):
            status, counts = _solve(problem, scorer, target, threats, level=True, select=k)
            if status == "infeasible":
                upper = k - 1
                break
            if status != "feasible":
                break
            best = counts
            passed = k
    completion = _rebuild(problem, target, best) if best is not None else None
    return WorstBounds(1 + passed, 1 + upper, completion)


def _padded(counts: tuple[int, ...], width: int) -> list[int]:
    return (list(counts) + [0] * width)[:width]


def _most(problem: TitleProblem, scorer: Scorer, c: Contestant) -> int:
    return scorer.int(total_remaining(problem, c))


@dataclass
class _Counts:
    chosen: list[Contestant]
    places: dict[tuple[int, str, int], int]
    """(group, car, place) -> sessions of the group in which the car takes the place."""
    fastest: dict[tuple[int, str], int]
    poles: dict[tuple[int, str], int]
    groups: list[list[RemainingSession]]


def _solve(
    problem: TitleProblem,
    scorer: Scorer,
    target: Contestant,
    chosen: list[Contestant],
    *,
    level: bool,
    select: int | None = None,
) -> tuple[str, _Counts | None]:
    """Whether every one of ``chosen`` can end with more points than ``target`` (``level``: at
    least as many) while ``target`` scores nothing: ``feasible``, ``infeasible`` or ``unknown``.

    ``select``: instead, whether ``select`` of ``chosen`` can finish ahead of ``target`` on the
    modelled chain (more points, or as many and a better countback: every place is modelled)."""
    exact_ties = select is not None and bool(scorer.steps)
    m = cp_model.CpModel()
    cars = [car for c in chosen for car in c.cars]
    owner = {car: c.id for c in chosen for car in c.cars}
    others = len([car for c in problem.contestants if c.id != target.id for car in c.cars])
    groups = _groups(problem, cars)
    y: dict[tuple[int, str, int], Any] = {}
    fl: dict[tuple[int, str], Any] = {}
    pole: dict[tuple[int, str], Any] = {}
    gain: dict[str, list[Any]] = defaultdict(list)
    for g, sessions in enumerate(groups):
        s = sessions[0]
        scaled = scorer.sessions[problem.sessions.index(s)]
        n = len(sessions)
        present = set(problem.cars_in(s))
        room = min(s.field, others + s.anonymous)
        if exact_ties:
            paying = list(range(1, room + 1))
        else:
            paying = [p for p in range(1, min(len(s.table), room) + 1) if s.table[p - 1] > 0 or p == 1]
        here = [car for car in cars if car in present]
        for car in here:
            for p in paying:
                v = m.new_int_var(0, n, f"y{g}:{car}:{p}")
                y[(g, car, p)] = v
                if p <= len(scaled.table) and scaled.table[p - 1]:
                    gain[owner[car]].append(scaled.table[p - 1] * v)
            m.add(sum(y[(g, car, p)] for p in paying) <= n)
            if s.fastest_lap:
                f = m.new_int_var(0, n, f"fl{g}:{car}")
                limit = s.fastest_lap_max_position
                if limit is not None:
                    m.add(f <= sum(y[(g, car, p)] for p in paying if p <= limit))
                fl[(g, car)] = f
                gain[owner[car]].append(scaled.fastest_lap * f)
            if s.pole:
                q = m.new_int_var(0, n, f"pole{g}:{car}")
                pole[(g, car)] = q
                gain[owner[car]].append(scaled.pole * q)
        for p in paying:
            m.add(sum(y[(g, car, p)] for car in here) <= n)
        if s.fastest_lap and here:
            m.add(sum(fl[(g, car)] for car in here) <= n)
        if s.pole and here:
            m.add(sum(pole[(g, car)] for car in here) <= n)
    floor = scorer.base[target.id]
    if select is None:
        for c in chosen:
            m.add(scorer.base[c.id] + sum(gain[c.id]) >= floor + (0 if level else 1))
    else:
        width = scorer.pad if TieBreakStep.COUNTBACK in scorer.steps else 1
        mine = _padded(target.countback, scorer.pad)[:width]
        picks = []
        for c in chosen:
            total = scorer.base[c.id] + sum(gain[c.id])
            strict = m.new_bool_var(f"strict:{c.id}")
            m.add(total >= floor + 1).only_enforce_if(strict)
            options = [strict]
            if exact_ties:
                tie = m.new_bool_var(f"tie:{c.id}")
                m.add(total >= floor).only_enforce_if(tie)
                past = _padded(c.countback, scorer.pad)
                firsts: list[Any] = []
                equal: list[Any] = []
                for j in range(width):
                    count = m.new_constant(past[j]) + sum(
                        y[(g, car, j + 1)]
                        for g, sessions in enumerate(groups)
                        if sessions[0].countback
                        for car in c.cars
                        if (g, car, j + 1) in y
                    )
                    first = m.new_bool_var(f"cb:{c.id}:{j}")
                    m.add(count >= mine[j] + 1).only_enforce_if(first)
                    for e in equal:
                        m.add_implication(first, e)
                    firsts.append(first)
                    e = m.new_bool_var(f"eq:{c.id}:{j}")
                    m.add(count == mine[j]).only_enforce_if(e)
                    equal.append(e)
                win = m.new_bool_var(f"win:{c.id}")
                m.add_bool_or(firsts).only_enforce_if(win) if firsts else m.add(win == 0)
                m.add_implication(tie, win)
                options.append(tie)
            pick = m.new_bool_var(f"pick:{c.id}")
            m.add_bool_or(options).only_enforce_if(pick)
            picks.append(pick)
        m.add(sum(picks) >= select)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 7
    solver.parameters.max_deterministic_time = COUNT_WORK if select is None else SELECT_WORK
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE:
        return "infeasible", None
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "unknown", None
    return "feasible", _Counts(
        chosen,
        {k: solver.value(v) for k, v in y.items()},
        {k: solver.value(v) for k, v in fl.items()},
        {k: solver.value(v) for k, v in pole.items()},
        groups,
    )


def _colour(edges: list[tuple[str, int]], n: int) -> list[int] | None:
    """Colours 0..n-1 for the edges of a bipartite multigraph of maximum degree ≤ n, no two edges
    of a colour sharing an end (alternating-path recolouring, as in the proof of Kőnig's theorem)."""
    at: dict[object, dict[int, int]] = defaultdict(dict)  # vertex -> colour -> edge index
    colour = [-1] * len(edges)
    for e, (u, p) in enumerate(edges):
        a_vertex: object = ("car", u)
        b_vertex: object = ("place", p)
        a = next((k for k in range(n) if k not in at[a_vertex]), None)
        b = next((k for k in range(n) if k not in at[b_vertex]), None)
        if a is None or b is None:
            return None
        if a not in at[b_vertex]:
            b = a
        else:
            # Flip the path from b_vertex alternating colours a, b; then a is free at b_vertex.
            path = []
            v = b_vertex
            want = a
            while want in at[v]:
                edge = at[v][want]
                path.append(edge)
                x, y = ("car", edges[edge][0]), ("place", edges[edge][1])
                v = y if v == x else x
                want = b if want == a else a
            for edge in path:
                x, y = ("car", edges[edge][0]), ("place", edges[edge][1])
                old = colour[edge]
                del at[x][old]
                del at[y][old]
            for edge in path:
                x, y = ("car", edges[edge][0]), ("place", edges[edge][1])
                new = b if colour[edge] == a else a
                colour[edge] = new
                at[x][new] = edge
                at[y][new] = edge
            b = a
        colour[e] = b
        at[a_vertex][b] = e
        at[b_vertex][b] = e
    return colour


def _rebuild(problem: TitleProblem, target: Contestant, counts: _Counts) -> Completion | None:
    """A real ending with the counts (None when the colouring or the filling fails)."""
    threat_cars = {car for c in counts.chosen for car in c.cars}
    outcomes: dict[str, SessionOutcome] = {}
    for g, sessions in enumerate(counts.groups):
        n = len(sessions)
        edges = [(car, p) for (gg, car, p), k in sorted(counts.places.items()) if gg == g for _ in range(k)]
        colours = _colour(edges, n)
        if colours is None:
            return None
        slots: list[dict[int, str]] = [{} for _ in range(n)]
        for (car, p), k in zip(edges, colours, strict=True):
            slots[k][p] = car
        fastest = _hand_out(
            sessions[0], slots, {car: v for (gg, car), v in counts.fastest.items() if gg == g}
        )
        poles: list[str | None] = [None] * n
        k = 0
        for (gg, car), v in sorted(counts.poles.items()):
            if gg != g:
                continue
            for _ in range(v):
                poles[k] = car
                k += 1
        for i, s in enumerate(sessions):
            outcome = _session(problem, s, target, threat_cars, slots[i], fastest[i], poles[i])
            if outcome is None:
                return None
            outcomes[s.id] = outcome
    return Completion(tuple(outcomes[s.id] for s in problem.sessions))


def _hand_out(s: RemainingSession, slots: list[dict[int, str]], wanted: dict[str, int]) -> list[str | None]:
    """Fastest laps per session to cars placed within the limit there, as many as wanted (a
    bipartite matching by augmenting paths; what cannot be placed is simply not given)."""
    n = len(slots)
    owner: list[str | None] = [None] * n
    limit = s.fastest_lap_max_position

    def eligible(car: str, i: int) -> bool:
        return any(c == car and (limit is None or p <= limit) for p, c in slots[i].items()) or (limit is None)

    def augment(car: str, seen: set[int]) -> bool:
        for i in range(n):
            if i in seen or not eligible(car, i):
                continue
            seen.add(i)
            if owner[i] is None or augment(owner[i], seen):  # type: ignore[arg-type]
                owner[i] = car
                return True
        return False

    for car, count in sorted(wanted.items()):
        for _ in range(count):
            augment(car, set())
    return owner


def _session(
    problem: TitleProblem,
    s: RemainingSession,
    target: Contestant,
    threat_cars: set[str],
    slots: dict[int, str],
    fastest: str | None,
    pole: str | None,
) -> SessionOutcome | None:
    present = problem.cars_in(s)
    mine = set(target.cars_in(s.id))
    fillers = [car for car in present if car.startswith(ANONYMOUS)]
    fillers += [
        car for car in present if not car.startswith(ANONYMOUS) and car not in mine and car not in threat_cars
    ]
    fillers += [car for car in present if car in threat_cars and car not in slots.values()]
    last = max(slots, default=0)
    order: list[str] = []
    for p in range(1, last + 1):
        if p in slots:
            order.append(slots[p])
        elif fillers:
            order.append(fillers.pop(0))
        else:
            return None
    if s.starters_score:
        anonymous = [car for car in fillers if car.startswith(ANONYMOUS)]
        order += anonymous
        fillers = [car for car in fillers if not car.startswith(ANONYMOUS)]
        if len(order) > s.field:
            return None
    unranked = tuple(car for car in present if car not in order and not car.startswith(ANONYMOUS))
    return SessionOutcome(
        s.id,
        tuple(order),
        unranked,
        fastest_lap=fastest if s.fastest_lap else None,
        pole=pole if s.pole else None,
    )
