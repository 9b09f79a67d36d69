"""brute force (the oracle) and CP-SAT agree on random small championships, and every ending
either engine shows replays as claimed.

10,000 championships in all (eight strata of 1,250, so pytest-xdist can spread them): random
points tables, ties, best-N drops, starter points or classified-only scoring, double points,
absent competitors, 2–6 competitors and 1–3 remaining sessions.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from podium.title import Constraint, Status, TitleReport, analyse, champion_of, final_table, parse_scenario
from podium.title.brute import size
from podium.title.constraints import Condition, holds
from podium.title.evaluate import position_of
from podium.title.problem import TitleProblem
from title_strategies import small_championships

BRUTE_SIZE = 800
STRATA = 8
EXAMPLES_PER_STRATUM = 1250


def summary(report: TitleReport) -> dict[str, Any]:
    return {
        v.contestant.id: (
            str(v.status),
            v.best_position,
            v.worst_position,
            tuple((c.kind.value, str(c.value), str(c.weaker)) for c in v.conditions),
        )
        for v in report.verdicts
    }


def check_witnesses(problem: TitleProblem, report: TitleReport) -> None:
    """Every ending in a report says what the report claims, when scored by the standings code."""
    for v in report.verdicts:
        if v.status == Status.ALIVE:
            assert v.witness is not None
            assert champion_of(final_table(problem, v.witness)) == v.contestant.id
        for c in v.conditions:
            if c.counter_example is None:
                continue
            weaker = Constraint((Condition(v.contestant.id, c.kind, c.weaker),))  # type: ignore[arg-type]
            assert holds(problem, weaker, c.counter_example)
            table = final_table(problem, c.counter_example)
            mine = position_of(table, v.contestant.id)
            assert any(r.position <= mine and r.contestant != v.contestant.id for r in table)


def compare(text: str, *, decision: bool = False, inside_hypothesis: bool = True) -> None:
    problem = parse_scenario(text)
    if inside_hypothesis:
        assume(size(problem, BRUTE_SIZE) <= BRUTE_SIZE)
    oracle = analyse(problem, engine="brute", decision=decision)
    solver = analyse(problem, engine="cpsat", decision=decision)
    assert summary(solver) == summary(oracle), text
    if decision:
        a = oracle.decision.cells if oracle.decision else None
        b = solver.decision.cells if solver.decision else None
        assert a == b, text
    check_witnesses(problem, oracle)
    check_witnesses(problem, solver)


@pytest.mark.slow
@pytest.mark.parametrize("stratum", range(STRATA))
def test_brute_and_cpsat_agree(stratum: int) -> None:
    @settings(
        max_examples=EXAMPLES_PER_STRATUM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(small_championships(max_competitors=6, max_sessions=3, salt=stratum))
    def run(text: str) -> None:
        compare(text)

    run()


@pytest.mark.slow
def test_decision_tables_agree() -> None:
    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(small_championships(max_competitors=4, max_sessions=2, salt=99))
    def run(text: str) -> None:
        compare(text, decision=True)

    run()


def test_a_known_tricky_case() -> None:
    """Best-1 drops where the rival can only draw level (found by the cross-check)."""
    compare(
        'title = "t"\n[rules]\npoints = [1]\nscoring = "starters"\ntiebreak = "shared"\nbest = 1\n'
        '[[competitors]]\nname = "C0"\nresults = [1, 1]\n[[competitors]]\nname = "C1"\nresults = [2]\n'
        '[[remaining]]\nname = "R1"\nstarters = 1\nmultiplier = 1\n',
        inside_hypothesis=False,
    )
