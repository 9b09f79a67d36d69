"""Where the forecast meets the exact title mathematics.

Two duties. First, the simulation must never drift from the standings: simulated endings are
decoded into :class:`~podium.title.problem.Completion` objects and scored again by
:func:`~podium.title.evaluate.final_table`, the referee both title engines answer to; every
position and every point must agree. Second, the statuses: a competitor the exact engine calls
ELIMINATED must have no simulated title and a CLINCHED one must have them all. A simulated title
is itself a proof that its holder is not eliminated (once its ending is replayed), and a simulated
title for someone else is a proof that nobody else clinched; only what sampling leaves open goes
to an engine (:class:`~podium.title.analyst.Analyst`, every answer replayed).
"""

from __future__ import annotations

from fractions import Fraction

from podium.errors import Message, SolverError, message_of
from podium.forecast.simulate import Plan, Row
from podium.title.analyst import Analyst
from podium.title.engine import make_engine
from podium.title.evaluate import champion_of, final_table
from podium.title.problem import (
    ANONYMOUS,
    Completion,
    Contestant,
    SessionOutcome,
    Status,
    TitleProblem,
    total_remaining,
)


def completion_of(plan: Plan, row: Row) -> Completion:
    """The simulated ending ``row`` as a completion the title code reads."""
    outcomes = []
    for sp, places, fl, pole in zip(plan.sessions, row.places, row.fastest_lap, row.pole, strict=True):
        ranked = sorted((int(p), i) for i, p in enumerate(places) if p > 0)
        order = tuple(sp.cars[i] for _, i in ranked)
        unranked = tuple(sp.cars[i] for i, p in enumerate(places) if p == 0 and i < sp.named)
        named_winner = sp.cars[ranked[0][1]] if ranked and ranked[0][1] < sp.named else None
        led: tuple[str, ...] = ()
        if sp.led and named_winner is not None:
            led = (named_winner,)
        if sp.led and pole >= 0 and places[pole] > 0 and sp.cars[pole] not in led:
            led = (*led, sp.cars[pole])
        outcomes.append(
            SessionOutcome(
                session=sp.session.id,
                order=order,
                unranked=unranked,
                fastest_lap=sp.cars[fl] if fl >= 0 else None,
                pole=sp.cars[pole] if pole >= 0 else None,
                led=led,
                most_laps_led=named_winner if sp.most_led else None,
            )
        )
    return Completion(tuple(outcomes))


def check_row(plan: Plan, row: Row) -> Completion:
    """Score a simulated ending with ``final_table``; raise :class:`SolverError` on any difference."""
    problem = plan.problem
    completion = completion_of(plan, row)
    table = {r.contestant: r for r in final_table(problem, completion)}
    for j, i in enumerate(plan.ranked):
        c = problem.contestants[int(i)]
        got = table[c.id]
        points = Fraction(int(row.points[int(i)]), plan.scale)
        if got.position != int(row.positions[j]) or got.points != points:
            raise SolverError(
                f"simulation drift in {problem.title}: {c.name} simulated P{int(row.positions[j])} with "
                f"{points} pts, final_table says P{got.position} with {got.points} pts"
            )
    return completion


def _points_out(problem: TitleProblem, c: Contestant) -> bool:
    """Cannot be champion on points alone: the best total is below a rival's points now.

    Sound with best-N drops too: counted points never fall as results are added, and adding
    results raises them by at most what those results are worth.
    """
    ceiling = c.points + total_remaining(problem, c)
    return any(o.points > ceiling for o in problem.contestants if o.id != c.id and not o.excluded)


def best_case(problem: TitleProblem, c: Contestant) -> Completion:
    """``c`` wins every remaining session and takes every bonus; the others score as little as they can."""
    others = sorted((o for o in problem.contestants if o.id != c.id), key=lambda o: (o.points, o.name))
    outcomes = []
    for s in problem.sessions:
        allowed = problem.cars_in(s)
        mine = [car for car in c.cars if car in allowed]
        field_cars = [car for car in allowed if car.startswith(ANONYMOUS)]
        rest = [car for o in others for car in o.cars if car in allowed]
        if s.starters_score:
            order = (mine + field_cars + rest)[: s.field]
            unranked = tuple(car for car in rest if car not in order)
        else:
            order = (mine + field_cars)[: s.field]
            unranked = tuple(rest)
        top = mine[0] if mine else None
        outcomes.append(
            SessionOutcome(
                s.id,
                tuple(order),
                unranked,
                fastest_lap=top if s.fastest_lap else None,
                pole=top if s.pole else None,
                led=tuple(mine) if s.led_a_lap else (),
                most_laps_led=top if s.most_laps_led else None,
            )
        )
    return Completion(tuple(outcomes))


def statuses(
    problem: TitleProblem,
    titles: dict[str, int],
    samples: int,
    *,
    engine: str = "auto",
) -> tuple[dict[str, Status | None], list[str]]:
    """Exact status per contestant, using the (already replayed) simulated titles as proofs.

    ``titles``: simulated titles per contestant id. Returns the statuses (None where the engine
    could not settle within its deterministic work limit) and notes on how each open case was settled.
    """
    out: dict[str, Status | None] = {}
    notes: list[str] = []
    analyst: Analyst | None = None

    def ask() -> Analyst:
        nonlocal analyst
        if analyst is None:
            analyst = Analyst(problem, make_engine(problem, engine))
        return analyst

    for c in problem.contestants:
        won = titles.get(c.id, 0)
        if c.excluded:
            out[c.id] = Status.ELIMINATED
        elif 0 < won < samples:
            out[c.id] = Status.ALIVE  # replayed endings show a title for them and one without
        elif won == samples:
            try:
                out[c.id] = Status.CLINCHED if ask().beaten_or_tied(c.id) is None else Status.ALIVE
            except SolverError as exc:
                out[c.id] = None
                notes.append(
                    Message("{name}: clinch not settled ({reason})", name=c.name, reason=message_of(exc))
                )
        elif _points_out(problem, c):
            out[c.id] = Status.ELIMINATED
        elif champion_of(final_table(problem, best_case(problem, c))) == c.id:
            out[c.id] = Status.ALIVE
        else:
            try:
                out[c.id] = Status.ALIVE if ask().champion_witness(c.id) is not None else Status.ELIMINATED
            except SolverError as exc:
                out[c.id] = None
                notes.append(
                    Message("{name}: status not settled ({reason})", name=c.name, reason=message_of(exc))
                )
    for c in problem.contestants:
        status = out[c.id]
        won = titles.get(c.id, 0)
        if status == Status.ELIMINATED and won:
            raise SolverError(f"{c.name} is eliminated but won {won} simulated titles (simulation bug)")
        if status == Status.CLINCHED and won != samples:
            raise SolverError(
                f"{c.name} has clinched but won only {won} of {samples} simulated titles (simulation bug)"
            )
    return out, notes
