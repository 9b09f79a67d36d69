"""``--lang fr`` on every command that prints: French words, numbers and dates, no English label left.

The commands run on a copy of the demo season as an organiser runs them (standings, the calendar,
a results file, a penalty and its undo, the log, a forecast, accounts, the database); their output,
with the season's own names taken out (drivers, teams, events, venues, eligibility rules written in
podium's rule language, the log's authors, reasons and file names), must hold none of the English
words the web's French check looks for (tests/test_web_french.py). The same commands without
``--lang`` still speak English, so the check can see what it looks for.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from podium.cli import app
from podium.cli.app import console
from podium.sources import read_scenario
from podium.store import open_store
from storekit import demo_template_fixture  # noqa: F401
from test_web_french import ENGLISH, OFFSET

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REF = "gt3-usa-2020"
SCENARIO = EXAMPLES / "sebring-2020-gold.toml"
runner = CliRunner()
WORD = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH)) + r")\b")


@pytest.fixture(autouse=True)
def wide_terminal() -> Iterator[None]:
    """Tables as wide as their text, so that no name is cut over two lines (Rich keeps the width
    its console found at import; a worker process may have had none)."""
    before = console.width
    console.width = 250
    yield
    console.width = before


@pytest.fixture(name="db")
def db_fixture(demo_template: tuple[Path, object], tmp_path: Path) -> Iterator[str]:
    target = tmp_path / "demo.db"
    shutil.copyfile(demo_template[0], target)
    yield f"sqlite:///{target}"


def podium(*args: str, code: int = 0, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"}, input=stdin)
    assert result.exit_code == code, result.output
    return result.output


def season_names(db: str) -> list[str]:
    """What the data names, which no catalogue translates (longest first, removed whole)."""
    store = open_store(db)
    try:
        season, _ = store.season(REF)
        log = store.log(REF)
    finally:
        store.close()
    names: set[str | None] = {season.title, season.series.name}
    names |= {d.name for d in season.drivers} | {t.name for t in season.teams}
    names |= {e.car.model for e in season.entries if e.car}
    names |= {c.eligibility.text for c in season.classifications}
    for event in season.events:
        names |= {event.name, event.venue}
    names |= {r.author for r in log} | {r.reason for r in log}
    scenario = read_scenario(SCENARIO)  # a hand-written title and its competitors
    names |= {scenario.title} | {c.name for c in scenario.contestants}
    return sorted((n for n in names if n), key=len, reverse=True)


def english_left(text: str, names: list[str]) -> set[str]:
    for name in names:
        text = text.replace(name, " ")
    text = re.sub(r"\S+\.(csv|CSV|db|toml)\b", " ", text)  # file names and database URLs
    return {m.group(0) for m in WORD.finditer(text)} | set(OFFSET.findall(text))


def organiser_session(db: str, *lang: str) -> dict[str, str]:
    """The commands of an organiser's day, each one's output (``lang``: ``--lang fr`` or nothing)."""
    out = {}
    base = ["--database", db, *lang]
    out["standings"] = podium("standings", REF, "--class", "platinum", *base)
    out["standings after"] = podium("standings", REF, "--class", "gold", "--after", "r07-race-1", *base)
    out["season show"] = podium("season", "show", REF, *base)
    out["season list"] = podium("season", "list", *base)
    out["series list"] = podium("series", "list", *base)
    results = str(EXAMPLES / "sebring-2020" / "results" / "r08-race-1-alkamel.csv")
    out["results import"] = podium(
        "results", "import", results, "--session", "r08-race-1", "--format", "alkamel", *base
    )
    out["penalty"] = podium(
        "penalty", "add", "--session", "r08-race-1", "--entry", "16", "--positions", "3", "-m", "x", *base
    )
    change = re.search(r"#\s?(\d+)|n°\s(\d+)", out["penalty"])
    assert change is not None, out["penalty"]
    out["undo"] = podium("undo", change.group(1) or change.group(2), "--reason", "x", *base)
    out["log"] = podium("log", "--season", REF, "-n", "12", *base)
    out["forecast"] = podium("forecast", "--scenario", str(SCENARIO), "--samples", "400", *lang)
    out["title"] = podium("title", "--scenario", str(SCENARIO), *lang)
    out["user add"] = podium(
        "user", "add", "ana", "--role", "admin", "--password-stdin", *base, stdin="a long passphrase\n"
    )
    out["user list"] = podium("user", "list", *base)
    out["token create"] = podium("token", "create", "laptop", "--user", "ana", *base)
    out["token list"] = podium("token", "list", *base)
    out["db status"] = podium("db", "status", *base)
    return out


def test_every_command_that_prints_has_the_lang_option() -> None:
    """One shared ``--lang``: every command of ``podium --help`` takes it (they all print words)."""
    import typer.main

    missing: list[str] = []

    def walk(command: Any, path: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, [*path, name])
        elif not any("--lang" in getattr(p, "opts", ()) for p in command.params):
            missing.append(" ".join(path))

    walk(typer.main.get_command(app), [])
    assert missing == []
    assert "en|fr" in podium("standings", "--help")


def test_the_organiser_day_in_french_has_no_english_label(db: str) -> None:
    names = season_names(db)
    french = organiser_session(db, "--lang", "fr")
    leaks = {command: found for command, text in french.items() if (found := english_left(text, names))}
    assert leaks == {}
    standings = french["standings"]
    assert "Platine, à l’issue de la manche 7" in standings and "Victoires" in standings
    assert "Concurrent" in standings and "Competitor" not in standings
    assert "ven. 13 nov. 08:00 (UTC−5)" in french["season show"]
    assert "modification n°\u00a0" in french["penalty"] and "pénalité de 3 places" in french["penalty"]
    assert "Chances de titre" not in french["forecast"] and "chances de titre" in french["forecast"]
    assert "400 fins de saison simulées" in french["forecast"]


def test_english_stays_the_default(db: str) -> None:
    """Without --lang nothing changes: the same commands speak English, which the check sees."""
    names = season_names(db)
    english = organiser_session(db)
    assert "Platinum, after round 7" in english["standings"]
    assert "Fri 13 Nov 08:00 EST" in english["season show"]
    assert "3-place penalty" in english["penalty"]
    assert {"Standings", "the", "of"} & english_left(" ".join(english.values()), names)


def test_numbers_follow_the_language(db: str) -> None:
    """Points with a decimal comma in French (a half-points race), the same number in English."""
    store = open_store(db)
    try:
        store.add_penalty(REF, "r07-race-2", "16", points="-2.5", reason="x")
    finally:
        store.close()
    english = podium("standings", REF, "--class", "platinum", "--database", db)
    french = podium("standings", REF, "--class", "platinum", "--database", db, "--lang", "fr")
    decimal = re.search(r"\b\d+\.5\b", english)
    assert decimal is not None
    assert decimal.group(0).replace(".", ",") in french


def test_an_error_is_said_in_the_command_language(db: str) -> None:
    output = podium("standings", REF, "--after", "r99-race", "--database", db, "--lang", "fr", code=2)
    assert (
        output.startswith("erreur\u00a0: ") and "séance introuvable\u00a0: «\u00a0r99-race\u00a0»" in output
    )
    assert "Traceback" not in output
    assert podium("standings", REF, "--after", "r99-race", "--database", db, code=2).startswith("error: ")
    bad = podium("standings", REF, "--lang", "de", "--database", db, code=2)
    assert "--lang" in bad and "en, fr" in bad


def test_an_error_in_the_clis_own_words_is_said_in_french(db: str) -> None:
    """A problem the CLI itself raises (its words are in cli.po, not the core's catalogue)."""
    output = re.sub(
        r"[ \n]+", " ", podium("title", "--f1db", "f1db", "--database", db, "--lang", "fr", code=2)
    )
    assert "dites quelle saison\u00a0: une SAISON enregistrée" in output
    assert "say which season" not in output
