"""``podium forecast`` and ``podium backtest f1db`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from podium.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def test_scenario_forecast_json() -> None:
    args = ["forecast", "--scenario", str(EXAMPLES / "sebring-2020-gold.toml"), "--samples", "3000", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["fitted_from"] == "standings" and data["samples"] == 3000
    total = sum(c["titles"] for c in data["contestants"]) + round(data["shared"] * data["samples"])
    assert total == 3000
    for c in data["contestants"]:
        if c["status"] == "eliminated":
            assert c["title"] == 0
    assert runner.invoke(app, args).stdout == result.stdout  # same seed, same numbers


def test_scenario_forecast_table() -> None:
    args = ["forecast", "--scenario", str(EXAMPLES / "sebring-2020-platinum.toml"), "--samples", "2000"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Kingsley" in text and "title odds" in text and "out" in text
    assert "no results to fit from" in text  # the fallback says so


def test_errors_exit_2_without_traceback() -> None:
    for args, message in (
        (["forecast"], "exactly one source"),
        (["forecast", "--scenario", str(EXAMPLES / "sebring-2020-gold.toml"), "--model", "elo"], "--model"),
        (["forecast", "--scenario", str(EXAMPLES / "sebring-2020-gold.toml"), "--samples", "0"], "--samples"),
        (["backtest", "f1db", "/nowhere"], "no f1db tree"),
        (
            ["forecast", "--scenario", str(EXAMPLES / "sebring-2020-gold.toml"), "--as-of", "2020-11-13"],
            "history",
        ),
        (
            ["title", "--scenario", str(EXAMPLES / "sebring-2020-gold.toml"), "--as-of", "2020-11-13"],
            "history",
        ),
        (["title", "--f1db", "/nowhere", "--season", "2008", "--as-of", "2020-11-13"], "history"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output


def test_help_teaches_with_examples() -> None:
    for args in (["forecast", "--help"], ["backtest", "f1db", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        assert "Example" in result.stdout and "podium " in result.stdout


def test_f1db_forecast_and_backtest(f1db_root: Path, tmp_path: Path) -> None:
    args = ["forecast", "--f1db", str(f1db_root), "--season", "2021", "--after-round", "15"]
    result = runner.invoke(app, [*args, "--samples", "2000", "--json", "--no-exact"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["after_round"] == 15 and data["fitted_from"] == "results"
    assert {c["name"] for c in data["contestants"][:2]} == {"Max Verstappen", "Lewis Hamilton"}
    png = tmp_path / "reliability.png"
    bt = ["backtest", "f1db", str(f1db_root), "--seasons", "1984", "--samples", "300", "--workers", "1"]
    result = runner.invoke(app, [*bt, "--json", "--plot", str(png)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["seasons"] == [1984]
    assert [s["model"] for s in report["all_rounds"]] == ["plackett-luce", "standings", "uniform", "leader"]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_table_reads_one_competitor_a_line_in_80_columns() -> None:
    """Regression: wider percentages once squeezed names into two lines on an 80-column terminal."""
    from rich.console import Console

    from podium.cli.forecast import render_forecast
    from podium.forecast import forecast
    from podium.title import parse_scenario

    problem = parse_scenario((EXAMPLES / "sebring-2020-platinum.toml").read_text("utf-8"))
    console = Console(width=80, record=True, color_system=None)
    console.print(render_forecast(forecast(problem, samples=500, seed=1), width=80))
    lines = console.export_text().splitlines()
    assert any(line.strip().startswith("Jeff Kingsley ") for line in lines)
    assert any(line.strip().startswith("Riley Dickinson ") for line in lines)
    assert all(len(line) <= 80 for line in lines)
