"""``podium verify``: check podium against outside ground truth (f1db)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from podium.cli.app import app, console, new_app, print_json
from podium.errors import InputError, Problem
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
                Problem(f"invalid seasons {text!r}; write 1950-2026 or 1988", field="--seasons", value=text)
            ) from None
    missing = sorted(set(years) - set(available))
    if missing:
        raise InputError(Problem(f"seasons not in the f1db tree: {missing!r}", field="--seasons", value=text))
    return sorted(set(years))


@verify_app.command("f1db")
def verify_f1db_command(
    path: Annotated[Path, typer.Argument(help="Path of an f1db tree (folder holding seasons/).")],
    seasons: Annotated[str | None, typer.Option(help="Seasons to check, e.g. 1950-2026 or 1988.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Recompute every drivers' and constructors' standing after every round and compare with f1db.

    Points come from positions and podium's presets only; f1db's points are what we compare to.
    Known f1db slips are listed apart, each with its reason and source. Exit status 1 on any mismatch.

    Example:

        podium verify f1db ../shared/data/f1db --seasons 1950-2026
    """
    years = parse_years(seasons, f1db_years(path))
    if as_json:
        report = verify_f1db(path, years)
    else:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Recomputing standings", total=len(years))
            report = verify_f1db(
                path,
                years,
                progress=lambda year: progress.update(
                    task, advance=1, description=f"Recomputing standings ({year})"
                ),
            )
    data = report.as_dict()
    if as_json:
        print_json(data)
    else:
        console.print(
            f"Seasons: {len(years)}  rounds checked: {report.rounds_checked}  "
            f"standings compared: {report.standings_compared}"
        )
        console.print(f"Known f1db slips (listed with reasons): {len(report.known)}")
        if report.mismatches:
            console.print(f"[bold red]{len(report.mismatches)} mismatches[/]")
            for m in report.mismatches[:50]:
                console.print(
                    f"  {m.season} R{m.round} {m.classification} {m.competitor}: "
                    f"f1db {m.expected!r}, podium {m.got!r}"
                )
        else:
            console.print("[bold green]0 mismatches[/]")
    if report.mismatches:
        raise typer.Exit(1)


@verify_app.command("titles")
def verify_titles_command(
    path: Annotated[Path, typer.Argument(help="Path of an f1db tree (folder holding seasons/).")],
    seasons: Annotated[str | None, typer.Option(help="Seasons to check, e.g. 1950-2025.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
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

    years = parse_years(seasons, f1db_years(path))
    if as_json:
        report = verify_titles(path, years)
    else:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Deciding titles", total=len(years))
            report = verify_titles(
                path,
                years,
                progress=lambda year: progress.update(
                    task, advance=1, description=f"Deciding titles ({year})"
                ),
            )
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(f"Seasons: {report.seasons}  titles: {report.titles}")
        for known, m in report.known:
            console.print(
                f"  known difference {m.season} {m.classification}: podium round {m.got}, "
                f"f1db round {m.expected} — {known.why}"
            )
        if report.mismatches:
            console.print(f"[bold red]{len(report.mismatches)} mismatches[/]")
            for m in report.mismatches:
                console.print(
                    f"  {m.season} {m.classification} {m.champion}: f1db round {m.expected}, "
                    f"podium round {m.got}"
                )
        else:
            console.print("[bold green]0 mismatches[/]")
    if report.mismatches:
        raise typer.Exit(1)
