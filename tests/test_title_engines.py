"""brute force (the oracle) and CP-SAT agree on random small championships, and every ending
either engine shows replays as claimed.

10,000 distinct championships in all: eight strata of 1,250 (so pytest-xdist can spread them)
that are disjoint by construction (a stratum fixes scoring, tie-break and whether bonus points are
paid, and the test reads them back from each problem), and within a stratum every championship is
new (its canonical form was not seen before). Random points tables per session and per session
kind (sprint and race weekends), bonus points (fastest lap with or without a top-N condition,
pole, led a lap, most laps led), carried-in points as exact decimals and fractions with countback,
ties, best-N drops, starter points or classified-only scoring, double points, absent competitors,
2–5 competitors and 1–3 remaining sessions (at most 200 endings each, so the oracle is quick).

For every competitor the two engines are asked directly (``make_engine``): the status (a title
witness exists; someone can finish level or ahead), the best and worst final position; every
CP-SAT ending is replayed through the standings code (``final_table``/``champion_of``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from podium.title import (
    Completion,
    Constraint,
    Status,
    TitleReport,
    analyse,
    champion_of,
    final_table,
    make_engine,
    parse_scenario,
)
from podium.title.brute import size
from podium.title.constraints import Condition, holds
from podium.title.evaluate import position_of
from podium.title.problem import TitleProblem
from title_strategies import STRATA, canonical, small_championships, stratum_of

BRUTE_SIZE = 200
"""Most endings a drawn championship may have (the oracle scans them all); bigger ones are redrawn."""
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


def engine_answers(problem: TitleProblem, engine: str) -> dict[str, tuple[str, int, int]]:
    """Status, best and worst position of every competitor, asked of one engine directly; every
    ending it shows is replayed and must be what it claims."""
    asked = make_engine(problem, engine)
    answers = {}
    for c in problem.contestants:
        witness = asked.witness_champion(c.id)
        if witness is not None:
            assert champion_of(final_table(problem, witness)) == c.id
        status = Status.ELIMINATED
        if witness is not None:
            challenge = asked.witness_challenger(c.id)
            status = Status.ALIVE if challenge is not None else Status.CLINCHED
            if challenge is not None:
                assert someone_level_or_ahead(problem, challenge, c.id)
        (best, best_end), (worst, worst_end) = asked.position_bounds(c.id)
        assert position_of(final_table(problem, best_end), c.id) == best
        assert position_of(final_table(problem, worst_end), c.id) == worst
        answers[c.id] = (str(status), best, worst)
    return answers


def someone_level_or_ahead(problem: TitleProblem, completion: Completion, target: str) -> bool:
    table = final_table(problem, completion)
    mine = position_of(table, target)
    return any(r.position <= mine and r.contestant != target for r in table)


def cross_check(problem: TitleProblem, text: str) -> None:
    oracle = engine_answers(problem, "brute")
    solver = engine_answers(problem, "cpsat")
    assert solver == oracle, text


@pytest.mark.slow
@pytest.mark.parametrize("stratum", range(STRATA))
def test_brute_and_cpsat_agree(stratum: int) -> None:
    seen: set[str] = set()

    @settings(
        max_examples=EXAMPLES_PER_STRATUM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(small_championships(max_competitors=5, max_sessions=3, salt=stratum))
    def run(text: str) -> None:
        problem = parse_scenario(text)
        assert stratum_of(problem) == stratum  # strata are disjoint: no championship is in two
        assume(size(problem, BRUTE_SIZE) <= BRUTE_SIZE)
        key = canonical(problem)
        assume(key not in seen)  # a championship already checked is redrawn, never counted twice
        seen.add(key)
        cross_check(problem, text)

    run()
    # Every example run was a new championship of this stratum: 8 × 1,250 = 10,000 distinct.
    assert len(seen) == EXAMPLES_PER_STRATUM
    dump = os.environ.get("PODIUM_CROSSCHECK_KEYS")  # a directory: count them all by hand
    if dump:
        Path(dump, f"stratum-{stratum}.txt").write_text("\n".join(sorted(seen)) + "\n", "utf-8")


def test_strata_draw_disjoint_championships() -> None:
    """Two strata never draw the same championship, and one stratum's draws are not all alike."""
    drawn: dict[int, set[str]] = {}
    for stratum in (0, 1, 6, 7):
        keys: set[str] = set()

        @settings(max_examples=40, deadline=None, derandomize=True, database=None)
        @given(small_championships(max_competitors=5, max_sessions=3, salt=stratum))
        def collect(text: str) -> None:
            problem = parse_scenario(text)
            assert stratum_of(problem) == stratum  # noqa: B023 (run at once, inside the loop)
            keys.add(canonical(problem))  # noqa: B023

        collect()
        drawn[stratum] = keys
        assert len(keys) >= 30
    for a, mine in drawn.items():
        for b, theirs in drawn.items():
            if a < b:
                assert not mine & theirs


def test_weekends_and_bonuses_are_drawn() -> None:
    """The bonus strata draw sprint/race weekends and each kind of bonus."""
    seen: dict[str, int] = dict.fromkeys(
        ("weekend", "fastest_lap", "top", "pole", "led", "most", "fraction"), 0
    )

    @settings(max_examples=100, deadline=None, derandomize=True, database=None)
    @given(small_championships(max_competitors=4, max_sessions=3, salt=5))
    def collect(text: str) -> None:
        problem = parse_scenario(text)
        seen["weekend"] += len({s.table for s in problem.sessions}) > 1
        seen["fastest_lap"] += any(s.fastest_lap for s in problem.sessions)
        seen["top"] += any(s.fastest_lap_max_position for s in problem.sessions)
        seen["pole"] += any(s.pole for s in problem.sessions)
        seen["led"] += any(s.led_a_lap for s in problem.sessions)
        seen["most"] += any(s.most_laps_led for s in problem.sessions)
        seen["fraction"] += any(c.points.denominator > 1 for c in problem.contestants)

    collect()
    assert all(count >= 5 for count in seen.values()), seen


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
