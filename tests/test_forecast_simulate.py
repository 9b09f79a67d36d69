"""The Monte Carlo: exact against enumeration under the model, scored exactly like ``final_table``,
reproducible, and held to the exact title maths (eliminated → 0, clinched → 1)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from podium.errors import SolverError
from podium.forecast import forecast
from podium.forecast.exact import check_row, completion_of
from podium.forecast.models import Performance, fit
from podium.forecast.simulate import Simulator, compile_problem
from podium.title import Status, analyse, champion_of, final_table, parse_scenario
from podium.title.brute import size
from podium.title.problem import Completion, Contestant, RemainingSession, SessionOutcome, TitleProblem
from title_strategies import small_championships

TINY = """
title = "three drivers, two races"
[rules]
points = [10, 6, 4]
scoring = "classified"
tiebreak = "countback"
[[competitors]]
name = "A"
points = "12"
countback = [1, 0, 1]
[[competitors]]
name = "B"
points = "10"
countback = [1, 0, 0, 1]
[[competitors]]
name = "C"
points = "4"
countback = [0, 0, 1]
[[remaining]]
name = "R1"
starters = 3
[[remaining]]
name = "R2"
starters = 3
"""


def tiny_problem() -> TitleProblem:
    """The scenario with a fastest-lap point paid to the first two places (exercises the bonus)."""
    problem = parse_scenario(TINY)
    sessions = tuple(
        replace(s, fastest_lap=Fraction(1), fastest_lap_max_position=2) for s in problem.sessions
    )
    return replace(problem, sessions=sessions)


def fixed_model(problem: TitleProblem, strength: list[float], retire: list[float]) -> Performance:
    ids = tuple(c.id for c in problem.contestants)
    return Performance(
        "plackett-luce", "test", ids, np.array(strength), None, np.array(retire), None, 0.1,
        np.array([0.5, 0.3, 0.2]),
    )  # fmt: skip


def session_law(
    session: RemainingSession, cars: list[str], w: dict[str, float], r: dict[str, float], q: list[float]
) -> list[tuple[float, SessionOutcome]]:
    """Every outcome of one session with its probability under the model (by enumeration)."""
    out = []
    for mask in itertools.product([False, True], repeat=len(cars)):
        ranked = [c for c, out_ in zip(cars, mask, strict=True) if not out_]
        p_mask = float(np.prod([r[c] if out_ else 1 - r[c] for c, out_ in zip(cars, mask, strict=True)]))
        for order in itertools.permutations(ranked):
            p_order = 1.0
            left = list(order)
            for c in order:
                p_order *= w[c] / sum(w[x] for x in left)
                left.remove(c)
            unranked = tuple(c for c in cars if c not in order)
            if not order:
                out.append((p_mask * p_order, SessionOutcome(session.id, (), unranked)))
                continue
            weights = q[: len(order)]
            for k, car in enumerate(order):
                p_fl = weights[k] / sum(weights)
                paid = car if k + 1 <= (session.fastest_lap_max_position or len(order)) else None
                outcome = SessionOutcome(session.id, order, unranked, fastest_lap=paid)
                out.append((p_mask * p_order * p_fl, outcome))
    return out


def exact_law(
    problem: TitleProblem, perf: Performance
) -> tuple[dict[str | None, float], dict[str, list[float]]]:
    w = dict(zip(perf.ids, perf.strength, strict=True))
    r = dict(zip(perf.ids, perf.retire, strict=True))
    q = [float(x) for x in perf.fastest_lap]
    laws = [session_law(s, problem.cars_in(s), w, r, q) for s in problem.sessions]
    titles: dict[str | None, float] = {}
    positions = {c.id: [0.0] * len(problem.contestants) for c in problem.contestants}
    for combo in itertools.product(*laws):
        p = float(np.prod([x for x, _ in combo]))
        table = final_table(problem, Completion(tuple(o for _, o in combo)))
        champ = champion_of(table)
        titles[champ] = titles.get(champ, 0.0) + p
        for row in table:
            positions[row.contestant][row.position - 1] += p
    return titles, positions


def test_tiny_case_matches_exact_enumeration_of_all_outcomes_under_the_model() -> None:
    problem = tiny_problem()
    perf = fixed_model(problem, [1.0, 2.5, 0.6], [0.1, 0.3, 0.2])
    titles, positions = exact_law(problem, perf)
    assert sum(titles.values()) == pytest.approx(1.0)
    samples = 200_000
    tally = Simulator(compile_problem(problem), perf).run(samples, seed=7)
    ids = [c.id for c in problem.contestants]
    for j, cid in enumerate(ids):
        p = titles.get(cid, 0.0)
        se = max(np.sqrt(p * (1 - p) / samples), 1 / samples)
        assert abs(tally.titles[j] / samples - p) < 5 * se, (cid, tally.titles[j] / samples, p)
        for k in range(len(ids)):
            pk = positions[cid][k]
            se_k = max(np.sqrt(pk * (1 - pk) / samples), 1 / samples)
            assert abs(tally.positions[j, k] / samples - pk) < 5 * se_k
    shared = titles.get(None, 0.0)
    assert abs(tally.shared / samples - shared) < 5 * max(
        np.sqrt(shared * (1 - shared) / samples), 1 / samples
    )


def test_the_enumeration_check_can_fail() -> None:
    """A model with other strengths gives numbers the same test would reject (the test has teeth)."""
    problem = tiny_problem()
    titles, _ = exact_law(problem, fixed_model(problem, [1.0, 2.5, 0.6], [0.1, 0.3, 0.2]))
    other = Simulator(compile_problem(problem), fixed_model(problem, [1.0, 1.0, 1.0], [0.1, 0.3, 0.2]))
    tally = other.run(50_000, seed=7)
    b = [c.id for c in problem.contestants].index("b")
    assert abs(tally.titles[b] / 50_000 - titles["b"]) > 0.02


def test_probabilities_sum_to_one_with_shared_titles_counted_apart() -> None:
    result = forecast(tiny_problem(), samples=5_000, seed=3)
    total = sum(c.titles for c in result.contestants) + round(result.shared * result.samples)
    assert total == result.samples
    for c in result.contestants:
        assert sum(c.positions) == pytest.approx(1.0)


def test_same_seed_same_numbers_whatever_the_threads() -> None:
    problem = tiny_problem()
    a = forecast(problem, samples=10_000, seed=11, workers=1, exact=False)
    b = forecast(problem, samples=10_000, seed=11, workers=2, exact=False)
    c = forecast(problem, samples=10_000, seed=12, workers=1, exact=False)
    assert a.as_dict() == b.as_dict()
    assert [x.titles for x in a.contestants] != [x.titles for x in c.contestants]


def test_every_simulated_ending_checked_agrees_with_final_table() -> None:
    problem = tiny_problem()
    plan = compile_problem(problem)
    tally = Simulator(plan, fit(problem)).run(3_000, seed=5, checks=300)
    assert len(tally.checks) == 300
    for row in tally.checks:
        check_row(plan, row)


def test_a_drifting_simulation_is_caught() -> None:
    problem = tiny_problem()
    plan = compile_problem(problem)
    tally = Simulator(plan, fit(problem)).run(100, seed=5, checks=1)
    row = tally.checks[0]
    row.points = row.points + 1  # what a scoring bug would look like
    with pytest.raises(SolverError, match="simulation drift"):
        check_row(plan, row)


def test_eliminated_get_zero_and_a_champion_who_clinched_gets_one() -> None:
    problem = parse_scenario(TINY.replace('points = "12"', 'points = "40"'))
    result = forecast(problem, samples=2_000)
    report = analyse(problem, conditions=False, decision=False, positions=False)
    for v in report.verdicts:
        got = result.contestant(v.contestant.id)
        assert got.status == v.status
        if v.status == Status.CLINCHED:
            assert got.title == 1.0
        if v.status == Status.ELIMINATED:
            assert got.title == 0.0
    assert result.contestant("A").status == Status.CLINCHED


def bonus_problem() -> TitleProblem:
    """Every bonus at once (IndyCar style), a team with two cars and unnamed field cars."""
    sessions = tuple(
        RemainingSession(
            id=f"s{i}", name=f"Race {i}", round=i, table=tuple(Fraction(x) for x in (50, 40, 35, 32, 30)),
            field=6, anonymous=1, starters_score=i == 1, fastest_lap=Fraction(2), pole=Fraction(1),
            led_a_lap=Fraction(1), most_laps_led=Fraction(2), unit=f"r{i}",
        )
        for i in (1, 2)
    )  # fmt: skip
    contestants = (
        Contestant(
            "t",
            "Team",
            Fraction(120),
            countback=(1, 1),
            cars=("t#1", "t#2"),
            sessions=frozenset({"s1", "s2"}),
        ),
        Contestant("x", "X", Fraction(100), countback=(1,), cars=("x",), sessions=frozenset({"s1", "s2"})),
        Contestant("y", "Y", Fraction(95), countback=(0, 1), cars=("y",), sessions=frozenset({"s2"})),
        Contestant("z", "Z", Fraction(3, 2), cars=("z",), sessions=frozenset({"s1", "s2"})),
    )
    return TitleProblem("bonuses", "drivers", contestants, sessions, cars_scoring=1, countback_width=0)


def test_bonuses_team_cars_and_field_cars_are_scored_like_final_table() -> None:
    problem = bonus_problem()
    plan = compile_problem(problem)
    tally = Simulator(plan, fit(problem)).run(4_000, seed=2, checks=400)
    for row in [*tally.checks, *tally.witnesses.values()]:
        completion = check_row(plan, row)
        for outcome in completion.outcomes:
            assert outcome.most_laps_led is None or outcome.most_laps_led in outcome.led


@settings(
    max_examples=25, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(small_championships(max_competitors=4, max_sessions=2, salt=99))
def test_random_championships_match_the_exact_statuses(text: str) -> None:
    """Drops, starters or classified scoring, double points, absentees: 0 and 1 where the maths says."""
    problem = parse_scenario(text)
    if size(problem, 3000) > 3000:
        return
    result = forecast(problem, samples=1_000, seed=1, checks=50)
    report = analyse(problem, engine="brute", conditions=False, decision=False, positions=False)
    for v in report.verdicts:
        got = result.contestant(v.contestant.id)
        assert got.status == v.status
        if v.status == Status.ELIMINATED:
            assert got.titles == 0
        if v.status == Status.CLINCHED:
            assert got.titles == result.samples


def test_completion_of_a_row_is_a_legal_ending() -> None:
    problem = tiny_problem()
    plan = compile_problem(problem)
    tally = Simulator(plan, fit(problem)).run(50, seed=1, checks=20)
    for row in tally.checks:
        completion = completion_of(plan, row)
        for s, outcome in zip(problem.sessions, completion.outcomes, strict=True):
            assert set(outcome.order) | set(outcome.unranked) == set(problem.cars_in(s))
            assert len(outcome.order) <= s.field
