"""``podium title`` and ``podium demo`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from podium.cli import app
from podium.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def test_scenario_json_has_the_public_shape() -> None:
    result = runner.invoke(app, ["title", "--scenario", str(EXAMPLES / "sebring-2020-gold.toml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"classification", "competitors", "decision_table"}
    swearingin = data["competitors"][0]
    assert swearingin["name"] == "Curt Swearingin" and swearingin["status"] == "alive"
    assert set(swearingin) >= {
        "name",
        "status",
        "best_position",
        "worst_position",
        "witness",
        "certificate",
        "conditions",
    }
    start = next(c for c in swearingin["conditions"] if c["kind"] == "start")
    assert start["value"] == 2 and "only needs to start both races" in start["text"]
    assert all("Curt Swearingin" in session["order"] for session in swearingin["witness"])
    out = next(c for c in data["competitors"] if c["status"] == "eliminated")
    assert out["certificate"] and out["witness"] is None


def test_scenario_in_french() -> None:
    result = runner.invoke(
        app, ["title", "--scenario", str(EXAMPLES / "sebring-2020-masters.toml"), "--lang", "fr"]
    )
    assert result.exit_code == 0, result.output
    assert "n’a besoin que de prendre le départ des deux courses" in " ".join(result.stdout.split())


def test_bad_scenario_exits_2_naming_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'title = "x"\n[rules]\npoints = [10, 5.5]\n[[competitors]]\nname = "A"\npoints = "1"\n'
        '[[remaining]]\nname = "R"\nstarters = 2\n'
    )
    result = runner.invoke(app, ["title", "--scenario", str(bad)])
    assert result.exit_code == 2
    assert "rules.points[1]" in result.output and "5.5" in result.output
    assert "Traceback" not in result.output


def test_exactly_one_source() -> None:
    result = runner.invoke(app, ["title"])
    assert result.exit_code == 2
    assert "exactly one source" in result.output


def test_f1db_title(f1db_root: Path) -> None:
    result = runner.invoke(
        app,
        [
            "title",
            "--f1db",
            str(f1db_root),
            "--season",
            "2008",
            "--after-round",
            "17",
            "--json",
            "--no-conditions",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    statuses = {c["name"]: c["status"] for c in data["competitors"]}
    assert statuses["Lewis Hamilton"] == "alive" and statuses["Felipe Massa"] == "alive"
    assert statuses["Robert Kubica"] == "eliminated"


def test_demo_checks_the_article(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = runner.invoke(app, ["demo", "--json", "--database", url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["database"] == url
    with open_store(url) as store:  # the web app's data: the season as it stood before Sebring
        assert [s.ref for s in store.seasons()] == ["gt3-usa-2020"]
    claims = {c["who"]: c for c in data["claims"]}
    assert claims["Jeff Kingsley"]["holds"] and not claims["Jeff Kingsley"]["tight"]
    assert claims["Jeff Kingsley"]["strongest"] == "11"
    assert claims["Alan Metni"]["tight"] and claims["Curt Swearingin"]["tight"]


def test_demo_after_race_one_text() -> None:
    result = runner.invoke(app, ["demo", "--after-race-1", "--database", "none"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Jeff Kingsley only needs to start the last race to be champion." in text


def test_paths_options_refuse_what_they_cannot_answer() -> None:
    """--shortened needs a season's distance bands and a share in (0, 1); --given names a remaining
    session, a competitor and a place; --paths-in a remaining session. Each refusal exits 2."""
    platinum = str(EXAMPLES / "sebring-2020-platinum.toml")
    cases = [
        (["--scenario", platinum, "--shortened", "1/2"], "--shortened"),
        (["--scenario", platinum, "--given", "nowhere:Kingsley=1"], "--given"),
        (["--scenario", platinum, "--given", "Race 15 (Sebring, 08:00):Nobody=1"], "--given"),
        (["--scenario", platinum, "--paths-in", "Race 99"], "--paths-in"),
    ]
    for args, field in cases:
        result = runner.invoke(app, ["title", *args, "--no-conditions"])
        assert result.exit_code == 2, (args, result.output)
        assert field in result.output and "Traceback" not in result.output
