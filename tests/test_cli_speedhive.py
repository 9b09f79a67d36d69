"""`podium results import` reads a MyLaps Speedhive export as it is, found by its header."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from podium.cli import app
from storekit import SMALL_CALENDAR, SMALL_CLASSES, SMALL_ENTRIES

runner = CliRunner()

# The Speedhive layout (see tests/test_importers_speedhive.py for the real export it follows).
SPEEDHIVE_R1 = (
    "\ufeffPos,Start Number,Competitor,Class,Total Time,Diff,Laps,Best Lap,Best Lap No.,Best Speed\r\n"
    "1,2,Bob Bravo,Pro,45:10.100,0.000,21,1:58.056,5,90.100 mi/h\r\n"
    "2,1,Ann Alpha,Pro,45:11.200,1.100,21,1:58.300,7,90.000 mi/h\r\n"
    "3,3,Cid Charlie,Pro,45:19.900,9.800,21,1:59.000,4,89.500 mi/h\r\n"
    "4,5,Eve Echo,Am,45:31.000,1 lap,20,2:01.000,3,88.000 mi/h\r\n"
    "DNF,4,Dee Delta,Am,15:02.000,0.000,7,2:02.000,2,87.000 mi/h\r\n"
)


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_speedhive_export_imports_as_it_is(tmp_path: Path) -> None:
    database = ["--database", f"sqlite:///{tmp_path / 'cup.db'}"]
    files = {"classes.toml": SMALL_CLASSES, "calendar.csv": SMALL_CALENDAR, "entries.csv": SMALL_ENTRIES}
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "speedhive.csv").write_bytes(SPEEDHIVE_R1.encode("utf-8"))
    _run("init", *database)
    _run("series", "create", "cup", "Test Cup", *database)
    _run(
        "season",
        "create",
        "cup",
        "2024",
        "--ruleset",
        "imsa-2020",
        "--classes",
        str(tmp_path / "classes.toml"),
        *database,
    )
    _run("events", "import", str(tmp_path / "calendar.csv"), *database)
    _run("entries", "import", str(tmp_path / "entries.csv"), *database)
    out = _run("results", "import", str(tmp_path / "speedhive.csv"), "--session", "r01-race", *database)
    assert "Pro: 1. Bob Bravo (35), 2. Ann Alpha (32), 3. Cid Charlie (30)" in out
    assert "Am: 1. Eve Echo (35), 2. Dee Delta (32)" in out  # the retirement is placed by laps


def test_a_broken_speedhive_export_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "speedhive.csv"
    bad.write_bytes(
        SPEEDHIVE_R1.replace(
            "4,5,Eve Echo,Am,45:31.000,1 lap,20", "4,5,Eve Echo,Am,45:31.000,2 laps,20"
        ).encode()
    )
    result = runner.invoke(
        app,
        [
            "results",
            "import",
            str(bad),
            "--session",
            "r01-race",
            "--format",
            "speedhive",
            "--database",
            f"sqlite:///{tmp_path / 'x.db'}",
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert "speedhive.csv" in text and "line 5" in text and "Diff" in text
