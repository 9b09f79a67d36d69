"""The integer scorer and the extreme-ending shortcuts, checked against the brute-force oracle.

- ``Scorer.table`` (integer-scaled) equals ``final_table`` (``Fraction``) on random endings;
- an analysis that uses the shortcuts (and asks the oracle only what they leave open) says exactly
  what the oracle alone says, on random small championships, and every ending it shows replays.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from podium.cli import app
from podium.title import parse_scenario
from podium.title.analyst import Analyst
from podium.title.brute import BruteEngine, completions, size
from podium.title.evaluate import final_table
from podium.title.fast import Scorer, dominance, extremes_apply
from test_title_engines import check_witnesses, summary
from title_strategies import small_championships

QUICK = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@QUICK
@given(small_championships(max_competitors=5, max_sessions=2), st.integers(0, 10_000))
def test_integer_table_equals_the_fraction_table(text: str, pick: int) -> None:
    problem = parse_scenario(text)
    scorer = Scorer(problem)
    endings = list(itertools.islice(completions(problem), 400))
    assume(endings)
    for completion in (endings[pick % len(endings)], endings[-1 - pick % len(endings)], endings[0]):
        assert scorer.table(completion) == final_table(problem, completion)
    for c in problem.contestants:
        if not c.excluded:
            best = dominance(problem, c.id)
            assert scorer.table(best) == final_table(problem, best)


@QUICK
@given(small_championships(max_competitors=5, max_sessions=3))
def test_shortcuts_agree_with_the_oracle(text: str) -> None:
    problem = parse_scenario(text)
    assume(size(problem, 800) <= 800)
    oracle = Analyst(problem, BruteEngine(problem), shortcuts=False).report(decision=True)
    fast = Analyst(problem, BruteEngine(problem), shortcuts=True).report(decision=True)
    assert summary(fast) == summary(oracle), text
    a = oracle.decision.cells if oracle.decision else None
    b = fast.decision.cells if fast.decision else None
    assert a == b, text
    check_witnesses(problem, fast)


def test_shortcuts_stand_down_outside_their_preconditions() -> None:
    """A points table that rises down the field: winning is not the best a car can do."""
    text = (
        'title = "odd"\n[rules]\npoints = [5, 1]\nscoring = "classified"\ntiebreak = "shared"\n'
        '[[competitors]]\nname = "A"\npoints = "3"\n[[competitors]]\nname = "B"\npoints = "0"\n'
        '[[remaining]]\nname = "R1"\nstarters = 2\n'
    )
    # Scenario files refuse such a table; rules written as data for other series may not.
    plain = parse_scenario(text)
    problem = replace(
        plain, sessions=tuple(replace(s, table=(Fraction(1), Fraction(5))) for s in plain.sessions)
    )
    assert extremes_apply(plain) and not extremes_apply(problem)
    oracle = Analyst(problem, BruteEngine(problem), shortcuts=False).report()
    fast = Analyst(problem, BruteEngine(problem), shortcuts=True).report()
    assert summary(fast) == summary(oracle)


def test_the_same_command_twice_gives_byte_identical_json() -> None:
    scenario = Path(__file__).resolve().parents[1] / "examples" / "sebring-2020-gold.toml"
    runs = [CliRunner().invoke(app, ["title", "--scenario", str(scenario), "--json"]) for _ in range(2)]
    assert all(r.exit_code == 0 for r in runs), runs[0].output
    assert runs[0].stdout == runs[1].stdout
    assert '"best_position_exact"' in runs[0].stdout and '"conditions_unsettled"' in runs[0].stdout
