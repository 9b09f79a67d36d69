"""A season run from the command line, as an organiser would: every store command, and what it prints."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from podium.cli import app
from storekit import SMALL_CALENDAR, SMALL_CLASSES, SMALL_ENTRIES, SMALL_RESULTS_R1

runner = CliRunner()

ALKAMEL_R2 = (
    "\ufeffPOSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;FL_TIME;CLASS;DRIVER1_FIRSTNAME;DRIVER1_SECONDNAME;PIC;\n"
    "1;2;Classified;21;45:10.100;;1'58.056;Masters;Bob;Bravo;1;\n"
    "2;1;Classified;21;45:11.200;1.100;1'58.300;Pro;Ann;Alpha;1;\n"
    "3;3;Classified;21;45:19.900;9.800;1'59.000;Masters;Cid;Charlie;2;\n"
    "4;5;Classified;20;45:31.000;1 Lap;2'01.000;Am;Eve;Echo;1;\n"
    "5;4;Retired;7;;;2'02.000;Am;Dee;Delta;2;\n"
)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_season_from_the_command_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cup.db'}"
    files = {
        "classes.toml": SMALL_CLASSES,
        "calendar.csv": SMALL_CALENDAR,
        "entries.csv": SMALL_ENTRIES,
        "r01.csv": SMALL_RESULTS_R1,
        "r02.csv": ALKAMEL_R2,
    }
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    database = ["--database", db]

    assert "created podium's tables" in run("init", *database)
    assert "is up to date" in run("db", "upgrade", *database)
    assert "schema revision 0003, podium needs 0003 — up to date" in run("db", "status", *database)
    assert "change #1 series 'cup' created: Test Cup" in run("series", "create", "cup", "Test Cup", *database)
    out = run(
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
    assert "season reference: cup-2024" in out
    assert "calendar: R1 Sebring, R2 Daytona" in run(
        "events", "import", str(tmp_path / "calendar.csv"), *database
    )
    out = run(
        "event",
        "add",
        "--round",
        "3",
        "--name",
        "Road Atlanta",
        "--tz",
        "America/New_York",
        "--session",
        "Race; start=2024-05-18 10:00; duration=45min; broadcast=imsa.tv",
        *database,
    )
    assert "r03-race: Race (race), Sat 2024-05-18 10:00 America/New_York" in out
    assert "5 entries, 5 drivers" in run("entries", "import", str(tmp_path / "entries.csv"), *database)
    out = run("results", "import", str(tmp_path / "r01.csv"), "--session", "r01-race", *database)
    assert "Pro: 1. Ann Alpha (35), 2. Bob Bravo (32), 3. Cid Charlie (30)" in out
    assert "Masters: 1. Bob Bravo (35), 2. Cid Charlie (32)" in out
    out = run("results", "import", str(tmp_path / "r02.csv"), "--session", "r02-race", *database)
    assert "Am: 1. Eve Echo (35), 2. Dee Delta (32)" in out

    shown = run("season", "show", *database)
    assert "class masters Masters: car.build_year >= 2017 and driver.age >= 45" in shown
    assert "r02-race" in shown and "imsa.tv" in shown

    table = json.loads(
        runner.invoke(app, ["standings", "cup-2024", "--class", "pro", "--json", *database]).stdout
    )
    assert [(r["competitor"], r["points"]) for r in table["rows"]] == [
        ("Ann Alpha", "67"),
        ("Bob Bravo", "67"),
        ("Cid Charlie", "60"),
    ]
    assert table["season"] == "cup-2024" and table["classification"] == "pro"

    out = run(
        "penalty",
        "add",
        "--session",
        "r02-race",
        "--entry",
        "2",
        "--seconds",
        "2",
        "--reason",
        "track limits",
        *database,
    )
    assert "penalty on #2 in r02-race: 2-second penalty" in out
    assert "Pro: Ann Alpha P2 → P1 (32 → 35 pts); Bob Bravo P1 → P2 (35 → 32 pts)" in out
    assert (
        "Pro standings: the leader is now Ann Alpha (was Bob Bravo)" not in out
    )  # countback leader already Ann
    penalty_id = json.loads(runner.invoke(app, ["log", "--json", "-n", "1", *database]).stdout)[0]["id"]

    out = run(
        "penalty",
        "add",
        "--session",
        "r01-race",
        "--entry",
        "1",
        "--points",
        "-10",
        "--reason",
        "contact",
        *database,
    )
    assert "Pro standings: the leader is now Bob Bravo (was Ann Alpha)" in out

    table = run("standings", "cup-2024", "--class", "pro", *database)
    assert "Bob Bravo" in table.split("Ann Alpha")[0]

    log = run("log", "--season", "cup-2024", *database)
    assert "track limits" in log and "contact" in log

    out = run("undo", str(penalty_id), "--reason", "appeal upheld", *database)
    assert f"undo #{penalty_id}" in out
    assert "Bob Bravo P2 → P1" in out
    assert f"undone by #{penalty_id + 2}" in run("log", *database)

    out = run(
        "correction",
        "add",
        "--session",
        "r02-race",
        "--entry",
        "4",
        "--set",
        "laps=8",
        "--reason",
        "lap count",
        *database,
    )
    assert "correction on #4 in r02-race: laps=8" in out
    assert "(no class position or points changed)" in out

    backup = tmp_path / "cup-2024.json"
    assert "wrote cup-2024" in run("export", "cup-2024", "-o", str(backup), *database)
    other = ["--database", f"sqlite:///{tmp_path / 'restored.db'}"]
    run("init", *other)
    assert "restored cup-2024" in run("import-season", str(backup), *other)
    assert run("standings", "cup-2024", "--class", "masters", *other) == run(
        "standings", "cup-2024", "--class", "masters", *database
    )
    listed = json.loads(runner.invoke(app, ["season", "list", "--json", *other]).stdout)
    assert listed[0]["ref"] == "cup-2024" and listed[0]["rounds"] == 3


def test_as_of_from_the_command_line(tmp_path: Path) -> None:
    from podium.importers.podium_csv import parse_results
    from podium.importers.textfile import TextFile
    from podium.store import open_store
    from storekit import small_season

    url = f"sqlite:///{tmp_path / 'cup.db'}"
    store = open_store(url, migrate=True)
    ref = small_season(store, results=False)
    store.import_results(ref, "r01-race", parse_results(TextFile("r01.csv", "position,number\n1,1\n2,2\n")))
    when = store.log(ref)[0].created_at
    store.add_penalty(ref, "r01-race", "1", disqualify=True, reason="late scrutineering")
    store.close()
    now = run("standings", ref, "--class", "pro", "--json", "--database", url)
    then = run("standings", ref, "--class", "pro", "--json", "--as-of", when.isoformat(), "--database", url)
    assert json.loads(now)["rows"][0]["competitor"] == "Bob Bravo"
    assert json.loads(then)["rows"][0]["competitor"] == "Ann Alpha"
    local = when.astimezone().replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    assert json.loads(
        run("standings", ref, "--class", "pro", "--json", "--as-of", local, "--database", url)
    ) == json.loads(then)
    # title and forecast read the same season through the same options: as it was recorded then
    title_now = json.loads(run("title", ref, "-c", "pro", "--json", "--no-conditions", "--database", url))
    title_then = json.loads(
        run("title", ref, "-c", "pro", "--json", "--no-conditions", "--as-of", local, "--database", url)
    )
    assert title_now["competitors"][0]["name"] == "Bob Bravo"
    assert title_then["competitors"][0]["name"] == "Ann Alpha"
    odds = ["forecast", ref, "-c", "pro", "--json", "--samples", "200", "--database", url]
    points_then = {c["name"]: c["points"] for c in json.loads(run(*odds, "--as-of", local))["contestants"]}
    points_now = {c["name"]: c["points"] for c in json.loads(run(*odds))["contestants"]}
    assert points_then != points_now and points_then["Ann Alpha"] == title_then["competitors"][0]["points"]


def test_the_f1db_path_of_standings_still_works(f1db_root: Path) -> None:
    out = run("standings", "--f1db", str(f1db_root), "--season", "1988", "--after-round", "2")
    assert "Alain Prost" in out


def test_import_f1db_and_ergast(tmp_path: Path, f1db_root: Path) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 'history.db'}"]
    run("init", *db)
    assert "stored f1-1988: 16 rounds" in run("import", "f1db", str(f1db_root), "--year", "1988", *db)
    ergast = Path(__file__).resolve().parent / "data" / "ergast-1988-rounds-1-2.json"
    assert "stored ergast-1988: 2 rounds" in run("import", "ergast", str(ergast), "--as", "ergast-1988", *db)
    assert "Alain Prost" in run("standings", "ergast-1988", *db)
