"""``podium demo``: the Sebring 2020 title fight, computed and checked against the press."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.rule import Rule
from rich.table import Table
from rich.text import Text as RichText

import podium
from podium.cli.app import app, console, print_json
from podium.cli.sources import read_scenario
from podium.cli.title import check_choice
from podium.cli.title_view import render_press, render_report
from podium.errors import InputError, Problem
from podium.present.data import title_data
from podium.present.text import Text
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
            "demo data not found (looked for examples/sebring-2020.toml); "
            "run from the podium checkout or set PODIUM_EXAMPLES",
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


def claim_verdict(claim: dict[str, Any], check: ClaimCheck, problem: TitleProblem, lang: str) -> str:
    text = Text(lang)
    name = claim["who"]
    if not check.holds:
        return (
            "False: meeting it does not guarantee the title."
            if lang == "en"
            else "Faux : le respecter ne garantit pas le titre."
        )
    if check.tight:
        return (
            "True, and exactly as strong as possible."
            if lang == "en"
            else "Vrai, et on ne peut pas faire mieux."
        )
    stronger = ""
    if check.strongest is not None:
        verdict = next(
            v
            for v in analyse(problem, conditions=False, decision=False, positions=False).verdicts
            if v.contestant.name == name
        )
        stronger = " " + text.condition(problem, verdict, check.strongest)
    return (
        "True, but it can be tightened:" if lang == "en" else "Vrai, mais on peut être plus précis :"
    ) + stronger


@app.command("demo")
def demo_command(
    after_race_1: Annotated[
        bool,
        typer.Option("--after-race-1", help="Replay the state after race 15 (Dickinson won, Kingsley 2nd)."),
    ] = False,
    lang: Annotated[str, typer.Option(help="Language: en or fr.")] = "en",
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
    check_choice(lang, ("en", "fr"), "--lang")
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
    console.print(Rule(manifest["title"]))
    console.print(
        f"{manifest['venue']} — "
        + "; ".join(manifest["schedule"])
        + f" ({manifest['time_zone']}), live on {manifest['broadcast']}"
    )
    if after_race_1:
        console.print(
            RichText(
                ("After race 15 — known: " if lang == "en" else "Après la course 15 — connu : ")
                + manifest["race_15"]["known"][lang]
                + (". Other places ASSUMED." if lang == "en" else ". Autres places SUPPOSÉES."),
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
            title="The article's claims, checked"
            if lang == "en"
            else "Les affirmations de l'article, vérifiées",
            title_justify="left",
            header_style="bold",
            show_lines=True,
        )
        table.add_column("Article (Pole-Position, 12 Nov 2020)")
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
        console.print(
            f"The Sebring 2020 season is stored in [bold]{stored}[/] (races 1–14"
            + (" and race 15" if after_race_1 else "")
            + ", with its audit log)."
        )
        console.print(
            f"Web app: [bold]podium serve --database {stored}[/] "
            "(or [bold]make serve[/]), then open [bold]http://127.0.0.1:8000[/]"
        )
