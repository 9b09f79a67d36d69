"""``podium verify``: check podium against outside ground truth (f1db)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from podium.cli.app import app, console, new_app, print_json
from podium.cli.sources import LangOption
from podium.cli.words import Words
from podium.errors import InputError, Message, Problem
from podium.importers.f1db import f1db_years
from podium.verification.f1db import verify_f1db

verify_app = new_app("Check podium against ground truth: every F1 standing and title decider (f1db).")
app.add_typer(verify_app, name="verify")


def parse_years(text: str | None, available: list[int]) -> list[int]:
    """``"1950-2026"``, ``"1988"`` or ``"1950-1960,1988"`` → years present in the tree."""
    if not text:
        return available
    years: list[int] = []
    for part in text.split(","):
        try:
            if "-" in part:
                a, b = part.split("-", 1)
                years.extend(range(int(a), int(b) + 1))
            else:
                years.append(int(part))
        except ValueError:
            raise InputError(
                Problem(
                    Message(
                        "invalid seasons {text!r}; write {span} or {year}",
                        text=text,
                        span="1950-2026",
                        year="1988",
                    ),
                    field="--seasons",
                    value=text,
                )
            ) from None
    missing = sorted(set(years) - set(available))
    if missing:
        said = Message("seasons not in the f1db tree: {years}", years=repr(missing))
        raise InputError(Problem(said, field="--seasons", value=text))
    return sorted(set(years))


def _mismatches(count: int, say: Words) -> None:
    if count:
        console.print(
            "[bold red]" + say(Message.plural("{count} mismatch", "{count} mismatches", count=count)) + "[/]"
        )
    else:
        console.print("[bold green]" + say(Message("0 mismatches")) + "[/]")


@verify_app.command("f1db")
def verify_f1db_command(
    path: Annotated[Path, typer.Argument(help="Path of an f1db tree (folder holding seasons/).")],
    seasons: Annotated[str | None, typer.Option(help="Seasons to check, e.g. 1950-2026 or 1988.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    lang: LangOption = "en",
) -> None:
    """Recompute every drivers' and constructors' standing after every round and compare with f1db.

    Points come from positions and podium's presets only; f1db's points are what we compare to.
    Known f1db slips are listed apart, each with its reason and source. Exit status 1 on any mismatch.

    Example:

        podium verify f1db ../shared/data/f1db --seasons 1950-2026
    """
    say = Words(lang)
    years = parse_years(seasons, f1db_years(path))
    if as_json:
        report = verify_f1db(path, years)
    else:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(say(Message("Recomputing standings")), total=len(years))
            report = verify_f1db(
                path,
                years,
                progress=lambda year: progress.update(
                    task, advance=1, description=say(Message("Recomputing standings ({year:d})", year=year))
                ),
            )
    data = report.as_dict()
    if as_json:
        print_json(data)
    else:
        summary = Message(
            "Seasons: {seasons}  rounds checked: {rounds}  standings compared: {standings}",
            seasons=len(years),
            rounds=report.rounds_checked,
            standings=report.standings_compared,
        )
        console.print(say(summary))
        console.print(
            say(Message("Known f1db slips (listed with reasons): {count}", count=len(report.known)))
        )
        _mismatches(len(report.mismatches), say)
        for m in report.mismatches[:50]:
            console.print(
                f"  {m.season} R{m.round} {m.classification} {m.competitor}: "
                f"f1db {m.expected!r}, podium {m.got!r}"
            )
    if report.mismatches:
        raise typer.Exit(1)


@verify_app.command("titles")
def verify_titles_command(
    path: Annotated[Path, typer.Argument(help="Path of an f1db tree (folder holding seasons/).")],
    seasons: Annotated[str | None, typer.Option(help="Seasons to check, e.g. 1950-2025.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    lang: LangOption = "en",
) -> None:
    """Find the round after which each F1 title was decided and compare with f1db's flags.

    A title is decided when no ending of the season lets anyone finish level with or ahead of the
    champion (rules, drops and tie-breaks included; the field of each remaining round is the entry
    list of the next one, as known at the time). Seasons still running are skipped.
    Exit status 1 on any mismatch not explained in known-f1db-deciders.toml.

    Example:

        podium verify titles ../shared/data/f1db --seasons 1950-2025
    """
    from podium.verification.titles import verify_titles

    say = Words(lang)
    years = parse_years(seasons, f1db_years(path))
    if as_json:
        report = verify_titles(path, years)
    else:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(say(Message("Deciding titles")), total=len(years))
            report = verify_titles(
                path,
                years,
                progress=lambda year: progress.update(
                    task, advance=1, description=say(Message("Deciding titles ({year:d})", year=year))
                ),
            )
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(
            say(Message("Seasons: {seasons}  titles: {titles}", seasons=report.seasons, titles=report.titles))
        )
        for known, m in report.known:
            difference = Message(
                "known difference {season:d} {classification}: podium round {got}, f1db round {expected} "
                "— {why}",
                season=m.season,
                classification=m.classification,
                got=m.got,
                expected=m.expected,
                why=known.why,
            )
            console.print("  " + say(difference))
        _mismatches(len(report.mismatches), say)
        for m in report.mismatches:
            mismatch = Message(
                "{season:d} {classification} {champion}: f1db round {expected}, podium round {got}",
                season=m.season,
                classification=m.classification,
                champion=m.champion,
                expected=m.expected,
                got=m.got,
            )
            console.print("  " + say(mismatch))
    if report.mismatches:
        raise typer.Exit(1)
