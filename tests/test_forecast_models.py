"""Performance models: Plackett–Luce fitting, shrinkage to the field, retirement rates, fallbacks."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from podium.errors import InputError
from podium.forecast import History, PastSession, Prior, fit, forecast
from podium.forecast.models import fit_plackett_luce, fit_retirement
from podium.title import parse_scenario

SCENARIO = Path(__file__).resolve().parents[1] / "examples" / "sebring-2020-platinum.toml"
STDLIB_OR_NUMPY = {
    "numpy",
    "__future__",
    "collections",
    "dataclasses",
    "fractions",
    "math",
    "os",
    "concurrent",
}
FORECAST = Path(__file__).resolve().parents[1] / "src" / "podium" / "forecast"


def simulated_history(strength: list[float], sessions: int, seed: int = 0) -> History:
    rng = np.random.default_rng(seed)
    ids = [f"c{i}" for i in range(len(strength))]
    out = []
    for r in range(1, sessions + 1):
        order = np.argsort(rng.exponential(size=len(ids)) / np.array(strength))
        out.append(PastSession(r, f"s{r}", tuple(ids[i] for i in order)))
    return History("drivers", sessions, tuple(out))


def test_plackett_luce_recovers_the_order_of_strengths() -> None:
    truth = [4.0, 2.0, 1.0, 0.5]
    history = simulated_history(truth, 400)
    strength, shape, rate = fit_plackett_luce(history, ["c0", "c1", "c2", "c3"], Prior())
    assert list(np.argsort(-strength)) == [0, 1, 2, 3]
    ratios = strength / strength[2]
    assert ratios == pytest.approx([4.0, 2.0, 1.0, 0.5], rel=0.25)
    assert np.all(shape / rate == strength)


def test_the_map_is_a_fixed_point_of_the_mm_update() -> None:
    history = simulated_history([3.0, 1.0, 1.0, 0.3], 12, seed=4)
    ids = ["c0", "c1", "c2", "c3"]
    once, _, _ = fit_plackett_luce(history, ids, Prior())
    again, _, _ = fit_plackett_luce(history, ids, Prior(), iterations=5000)
    assert once == pytest.approx(again, rel=1e-6)


def test_the_prior_shrinks_to_the_field() -> None:
    history = simulated_history([5.0, 1.0, 0.2], 3, seed=1)
    ids = ["c0", "c1", "c2"]
    weak, _, _ = fit_plackett_luce(history, ids, Prior(strength=0.5))
    strong, _, _ = fit_plackett_luce(history, ids, Prior(strength=50.0))
    assert np.ptp(np.log(strong)) < np.ptp(np.log(weak))
    _, shape, rate = fit_plackett_luce(history, ["c0", "new"], Prior())
    assert shape[1] / rate[1] == pytest.approx(1.0)  # never raced: an average car
    with pytest.raises(InputError, match="must be positive"):
        fit_plackett_luce(history, ids, Prior(strength=0.0))


def test_retirement_rates_shrink_to_the_field_rate() -> None:
    sessions = tuple(
        PastSession(r, f"s{r}", ("a", "b"), ("c",) if r % 2 else ("c", "d")) for r in range(1, 11)
    )
    history = History("drivers", 10, sessions)
    rate, weight, field = fit_retirement(history, ["a", "c", "new"], Prior(retire_weight=8.0))
    assert field == pytest.approx(15 / 35)
    assert rate[1] > field > rate[0]
    assert rate[2] == pytest.approx(field)
    assert weight[2] == pytest.approx(8.0)


def test_scenarios_fall_back_to_the_standings_and_say_so() -> None:
    problem = parse_scenario(SCENARIO.read_text(encoding="utf-8"))
    perf = fit(problem)
    assert perf.fitted_from == "standings"
    assert perf.strength[0] > perf.strength[-1]
    result = forecast(problem, samples=2_000)
    assert any("no results to fit from" in n for n in result.notes)
    assert fit(problem, "uniform").fitted_from == "nothing"
    with pytest.raises(InputError, match="unknown model"):
        forecast(problem, model="elo", samples=10)
    with pytest.raises(InputError, match="at least 1"):
        forecast(problem, samples=0)


def test_the_forecast_package_imports_only_the_core_and_numpy() -> None:
    allowed_podium = {"errors", "model", "rules", "standings", "title", "forecast"}
    for path in FORECAST.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "podium":
                    assert parts[1] in allowed_podium, f"{path.name} imports {name}"
                else:
                    assert parts[0] in STDLIB_OR_NUMPY, f"{path.name} imports {name}"


def test_the_docstring_example_runs() -> None:
    import doctest
    import importlib

    module = importlib.import_module("podium.forecast.forecast")  # the module, not the function
    result = doctest.testmod(module)
    assert result.attempted >= 2 and result.failed == 0
