"""``podium demo``: the Sebring 2020 title fight, computed and checked against the press."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from babel.dates import format_date, format_datetime
from rich.rule import Rule
from rich.table import Table
from rich.text import Text as RichText

import podium
from podium.cli.app import app, console, print_json
from podium.cli.sources import LangOption
from podium.cli.title_view import render_press, render_report
from podium.errors import InputError, Message, Problem
from podium.present.data import title_data
from podium.present.text import Text
from podium.sources import read_scenario
from podium.title import Condition, ConditionKind, SessionOutcome, TitleProblem, TitleReport, analyse
from podium.title.claims import ClaimCheck, check_claim
from podium.title.problem import advance

DEMO_DATABASE = "sqlite:///podium-demo.db"


def load_demo_store(url: str, *, after_race_1: bool) -> str:
    """Load the Sebring season into ``url`` (recreated) and return the URL, for the web app."""
    from podium.store.demo import load_sebring_demo

    with console.status("Loading the Sebring 2020 season into the database…"):
        load_sebring_demo(url, after_race_1=after_race_1)
    return url


def examples_dir() -> Path:
    """Where the demo data lives: $PODIUM_EXAMPLES, the source checkout, or ./examples."""
    candidates = [Path(os.environ["PODIUM_EXAMPLES"])] if "PODIUM_EXAMPLES" in os.environ else []
    candidates += [Path(podium.__file__).resolve().parents[2] / "examples", Path.cwd() / "examples"]
    for path in candidates:
        if (path / "sebring-2020.toml").exists():
            return path
    raise InputError(
        Problem(
            Message(
                "demo data not found (looked for examples/sebring-2020.toml); run from the podium "
                "checkout or "
                "set PODIUM_EXAMPLES"
            ),
            field="PODIUM_EXAMPLES",
        )
    )


@dataclass(frozen=True, slots=True)
class ClassView:
    id: str
    name: str
    problem: TitleProblem
    report: TitleReport


def outcome_from_names(problem: TitleProblem, names: list[str]) -> SessionOutcome:
    """A session result given as competitor names in finishing order (others: not classified)."""
    session = problem.sessions[0]
    order = tuple(problem.find(name).cars[0] for name in names)
    rest = tuple(car for car in problem.cars_in(session) if car not in order and problem.owner(car))
    return SessionOutcome(session.id, order, rest)


def load(
    after_race_1: bool, lang: str
) -> tuple[dict[str, Any], list[ClassView], list[tuple[dict[str, Any], ClaimCheck]]]:
    folder = examples_dir()
    manifest_path = folder / "sebring-2020.toml"
    manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    classes = []
    problems: dict[str, TitleProblem] = {}
    for item in manifest["class"]:
        problem = read_scenario(folder / item["scenario"])
        problems[item["id"]] = problem
        if after_race_1:
            order = manifest["race_15"][item["id"]]
            problem = advance(problem, outcome_from_names(problem, order))
        report = analyse(problem)
        classes.append(ClassView(item["id"], item["name"][lang], problem, report))
    claims = []
    for claim in manifest.get("claim", []):
        problem = problems[claim["class"]]
        who = problem.find(claim["who"]).id
        condition = Condition(who, ConditionKind(claim["kind"]), int(claim["value"]))
        claims.append((claim, check_claim(problem, condition)))
    return manifest, classes, claims


SCHEDULE = re.compile(
    r"^(?P<when>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}) (?P<session>.+) "
    r"\(race (?P<n>\d+) of (?P<of>\d+)\), (?P<minutes>\d+) min$"
)
"""One line of the manifest's schedule: "2020-11-13T08:00 Race 1 (race 15 of 16), 45 min"."""


def schedule_line(item: str, lang: str) -> str:
    """A schedule line in the reader's language: "ven. 13 nov. 2020, 08:00 : Course 1 (course 15 sur
    16), 45 min"; a line of another shape as it is."""
    match = SCHEDULE.match(item)
    if match is None:
        return item
    words = Text(lang)
    return words.t(
        "{when}: {session} (race {n} of {total}), {minutes} min",
        when=format_datetime(datetime.fromisoformat(match["when"]), "EEE d MMM y, HH:mm", locale=lang),
        session=words.name(match["session"]),
        n=match["n"],
        total=match["of"],
        minutes=match["minutes"],
    )


def claim_verdict(claim: dict[str, Any], check: ClaimCheck, problem: TitleProblem, lang: str) -> str:
    text = Text(lang)
    name = claim["who"]
    if not check.holds:
        return text.t("False: meeting it does not guarantee the title.")
    if check.tight:
        return text.t("True, and exactly as strong as possible.")
    stronger = ""
    if check.strongest is not None:
        verdict = next(
            v
            for v in analyse(problem, conditions=False, decision=False, positions=False).verdicts
            if v.contestant.name == name
        )
        stronger = " " + text.condition(problem, verdict, check.strongest)
    return text.t("True, but it can be tightened:") + stronger


@app.command("demo")
def demo_command(
    after_race_1: Annotated[
        bool,
        typer.Option("--after-race-1", help="Replay the state after race 15 (Dickinson won, Kingsley 2nd)."),
    ] = False,
    lang: LangOption = "en",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    database: Annotated[
        str,
        typer.Option(
            "--database",
            "--db",
            help="Where to load the Sebring season for the web app (recreated each time); 'none' to skip.",
        ),
    ] = DEMO_DATABASE,
) -> None:
    """The Sebring 2020 finale of the Porsche GT3 Cup Challenge USA, computed exactly.

    Three classes (Platinum, Platinum Masters, Gold) before the last two races: who can still win,
    what each leader needs, the results of race 1 that settle it, and the seed article's claims
    checked ("Kingsley must finish 8th or better in both races" is true, but 11th is enough).
    Field sizes and the unnamed part of each field are assumptions, shown as such.

    Example:

        podium demo --lang fr --after-race-1
    """
    manifest, classes, claims = load(after_race_1, lang)
    stored = None if database == "none" else load_demo_store(database, after_race_1=after_race_1)
    if as_json:
        print_json(
            {
                "title": manifest["title"],
                "after_race_1": after_race_1,
                "database": stored,
                "known_race_15": manifest["race_15"]["known"][lang] if after_race_1 else None,
                "classes": [
                    {"id": c.id, "name": c.name, "report": title_data(c.report, lang=lang)} for c in classes
                ],
                "claims": [
                    {
                        "quote": claim["quote"],
                        "who": claim["who"],
                        "kind": claim["kind"],
                        "value": claim["value"],
                        "holds": check.holds,
                        "tight": check.tight,
                        "strongest": str(check.strongest.value) if check.strongest else None,
                    }
                    for claim, check in claims
                ],
            }
        )
        return
    words = Text(lang)
    console.print(Rule(manifest["title"]))
    console.print(
        words.t(
            "{venue} — {schedule} ({zone}), live on {broadcast}",
            venue=manifest["venue"],
            schedule=words.t("; ").join(schedule_line(item, lang) for item in manifest["schedule"]),
            zone=manifest["time_zone"],
            broadcast=manifest["broadcast"],
        )
    )
    if after_race_1:
        console.print(
            RichText(
                words.t(
                    "After race 15 — known: {known}. Other places ASSUMED.",
                    known=manifest["race_15"]["known"][lang],
                ),
                style="bold",
            )
        )
    for view in classes:
        console.print()
        console.print(render_report(view.report, lang=lang, title=view.name))
        console.print(render_press(view.report, lang=lang, event=manifest["event"], label=view.name))
    if not after_race_1:
        console.print()
        table = Table(
            title=words.t("The article's claims, checked"),
            title_justify="left",
            header_style="bold",
            show_lines=True,
        )
        table.add_column(
            words.t(
                "Article (Pole-Position, {date})",
                date=format_date(date(2020, 11, 12), "d MMM y", locale=lang),
            )
        )
        table.add_column("podium")
        for claim, check in claims:
            problem = next(c.problem for c in classes if c.id == claim["class"])
            style = "green" if check.holds else "red"
            table.add_row(
                f"« {claim['quote']} »", RichText(claim_verdict(claim, check, problem, lang), style=style)
            )
        console.print(table)
    console.print()
    if stored is not None:
        races = words.t("races 1–15") if after_race_1 else words.t("races 1–14")
        console.print(
            words.t(
                "The Sebring 2020 season is stored in [bold]{url}[/] ({races}, with its audit log).",
                url=stored,
                races=races,
            )
        )
        console.print(
            words.t(
                "Web app: [bold]podium serve --database {url}[/] (or [bold]make serve[/]), "
                "then open [bold]http://127.0.0.1:8000[/]",
                url=stored,
            )
        )
        console.print(
            words.t(
                "Other commands read it with [bold]--database {url}[/] or "
                "[bold]export PODIUM_DATABASE_URL={url}[/]; after make demo, "
                "[bold]. .venv/bin/activate[/] puts podium on your PATH.",
                url=stored,
            )
        )
