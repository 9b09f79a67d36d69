"""Team contenders (constructors) held to enumeration: "one car ahead of both Ferraris" and points
margins over a weekend, on small hand-built problems of two-car teams that brute force can list
in full. The real case (Abu Dhabi 2024) is in tests/test_title_margins.py and below."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.present.text import Text
from podium.rules import TieBreak, TieBreakStep, f1_preset
from podium.title import Condition, ConditionKind, Constraint, analyse, make_engine
from podium.title.analyst import Analyst
from podium.title.brute import completions, size
from podium.title.build import problem_from_season
from podium.title.constraints import holds
from podium.title.decision import pair_possible
from podium.title.evaluate import champion_of, final_table
from podium.title.margins import weekend_margins
from podium.title.problem import Completion, Contestant, RemainingSession, TitleProblem
from test_title_margins import check_by_enumeration

TABLE = tuple(Fraction(v) for v in (10, 6, 4, 3))


@st.composite
def team_problems(draw: st.DrawFn) -> TitleProblem:
    """Two teams of two cars over one or two sessions (the second a later round; a second car may
    miss the first), or a third team with one car over one session; countback or shared ties."""
    teams = draw(st.integers(2, 3))
    n_sessions = 1 if teams == 3 else draw(st.integers(1, 2))  # small enough to list every ending
    sessions = tuple(
        RemainingSession(f"s{i}", f"Race {i}", round=100 + i, table=TABLE, field=5, starters_score=False)
        for i in range(1, n_sessions + 1)
    )
    contestants = []
    for t in range(teams):
        cars = (f"t{t}a", f"t{t}b") if t < 2 else (f"t{t}a",)
        contestants.append(
            Contestant(
                f"team-{t}",
                f"Team {t}",
                Fraction(draw(st.integers(0, 30))),
                countback=tuple(draw(st.lists(st.integers(0, 2), min_size=2, max_size=2))),
                cars=cars,
                sessions=frozenset(s.id for s in sessions),
                # a team's second car may miss the first session (the cars are then not alike)
                car_sessions={cars[1]: frozenset({sessions[-1].id})}
                if len(cars) == 2 and len(sessions) == 2 and draw(st.booleans())
                else {},
            )
        )
    steps = draw(st.sampled_from([(TieBreakStep.COUNTBACK, TieBreakStep.SHARED), (TieBreakStep.SHARED,)]))
    return TitleProblem("teams", "constructors", tuple(contestants), sessions, tiebreak=TieBreak(steps))


def _ahead_by_enumeration(problem: TitleProblem, who: str, rival: str) -> bool:
    constraint = Constraint((Condition(who, ConditionKind.AHEAD_OF, rival),))
    met = [c for c in completions(problem) if holds(problem, constraint, c)]
    return bool(met) and all(champion_of(final_table(problem, c)) == who for c in met)


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(team_problems())
def test_team_conditions_and_margins_agree_with_enumeration(problem: TitleProblem) -> None:
    assert size(problem, 50_000) <= 50_000
    fast = Analyst(problem, make_engine(problem, "cpsat"))
    brute = Analyst(problem, make_engine(problem, "brute"), shortcuts=False)
    solver = Analyst(problem, make_engine(problem, "cpsat"), shortcuts=False)  # CP-SAT's own model
    for c in problem.contestants:
        for r in problem.contestants:
            if r.id == c.id:
                continue
            constraint = Constraint((Condition(c.id, ConditionKind.AHEAD_OF, r.id),))
            truth = _ahead_by_enumeration(problem, c.id, r.id)
            if any(holds(problem, constraint, e) for e in completions(problem)):
                answers = [a.sufficient(c.id, constraint)[0] for a in (fast, brute, solver)]
                assert answers == [truth] * 3, (problem, c.id, r.id)
        m = weekend_margins(fast, c.id)
        if m is not None:
            check_by_enumeration(problem, m, repr(problem))


def test_one_car_ahead_of_both_ferraris(f1db_season: Callable[[int], Any]) -> None:
    """Before Abu Dhabi 2024 (McLaren 21 points ahead of Ferrari): McLaren is champion with one car
    ahead of both Ferraris, in English and in French."""
    season = f1db_season(2024).season
    problem, _ = problem_from_season(season, f1_preset(2024), "constructors", 23, field_as_next_round=True)
    report = analyse(problem, positions=False, decision=False, paths=False)
    mclaren = next(v for v in report.verdicts if v.contestant.name.startswith("McLaren"))
    ahead = next(c for c in mclaren.conditions if c.kind is ConditionKind.AHEAD_OF)
    assert problem.contestant(str(ahead.value)).name == "Ferrari"
    assert Text("en").condition(problem, mclaren, ahead) == (
        "McLaren-Mercedes is champion with one car ahead of both Ferrari cars in the last race."
    )
    assert Text("fr").condition(problem, mclaren, ahead) == (
        "McLaren-Mercedes est champion avec une voiture devant les deux Ferrari lors de la dernière course."
    )


def _settled_by_enumeration(
    problem: TitleProblem, table: Any
) -> tuple[dict[tuple[Any, Any], str], set[tuple[Any, Any]]]:
    """Every pair of best places that settles the title, and every pair that can happen, by listing
    every ending."""
    session = problem.sessions[0]
    found: dict[tuple[Any, Any], list[str | None]] = {}

    def best(who: str, c: Completion) -> int | None:
        outcome = c.outcome(session.id)
        places = [
            p for car in problem.contestant(who).cars_in(session.id) if (p := outcome.place(car)) is not None
        ]
        return min(places) if places else None

    for c in completions(problem):
        cell = (best(table.leader, c), best(table.rival, c))
        found.setdefault(cell, []).append(champion_of(final_table(problem, c)))
    out = {}
    for cell, champions in found.items():
        if all(x == table.leader for x in champions):
            out[cell] = "leader"
        elif all(x == table.rival for x in champions):
            out[cell] = "rival"
    return out, set(found)


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(team_problems())
def test_team_decision_table_agrees_with_enumeration(problem: TitleProblem) -> None:
    for analyst in (
        Analyst(problem, make_engine(problem, "cpsat")),
        Analyst(problem, make_engine(problem, "brute"), shortcuts=False),
    ):
        table = analyst.decision_table(teams=True)
        if table is None:
            continue
        assert table.best_car
        truth, seen = _settled_by_enumeration(problem, table)
        assert {k: v for k, v in table.cells.items() if v != "open"} == truth, problem
        pairs = {(lp, rp) for lp in table.places for rp in table.places}
        assert {pair for pair in pairs if pair_possible(problem, table, *pair)} == seen, problem


def test_mclaren_best_car_grid_before_abu_dhabi_2024(f1db_season: Callable[[int], Any]) -> None:
    season = f1db_season(2024).season
    problem, _ = problem_from_season(season, f1_preset(2024), "constructors", 23, field_as_next_round=True)
    report = analyse(problem, conditions=False, positions=False, paths=False, decision="teams")
    assert report.decision is not None and report.decision.best_car
    said = Text("en").decision(problem, report.decision)
    assert said.endswith(
        "with its best car: a win whatever Ferrari's best car does; 2nd ahead of Ferrari's best car; "
        "3rd with Ferrari's best car 2nd or lower; 4th–6th with Ferrari's best car 3rd or lower; "
        "7th–9th with Ferrari's best car 4th or lower; 10th or lower with Ferrari's best car 5th or lower."
    ), said
    assert analyse(problem, conditions=False, positions=False, paths=False).decision is None  # asked for
