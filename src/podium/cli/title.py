"""``podium title``: who has clinched, who can still win, who is out, and what each needs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from podium.cli.app import app, console, print_json
from podium.cli.sources import load_season
from podium.cli.store_common import DatabaseOption
from podium.cli.title_view import render_press, render_report
from podium.errors import InputError, Problem
from podium.present.data import title_data
from podium.title import Fixed, TitleProblem, TitleReport, analyse, parse_scenario
from podium.title.build import problem_from_season
from podium.title.replay import replay_table

ENGINES = ("auto", "brute", "cpsat")


def read_scenario(path: Path) -> TitleProblem:
    """Read a scenario file (errors name the file, the key and the value)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(f"cannot read scenario: {exc}", source=str(path))) from None
    return parse_scenario(text, source=str(path))


def check_choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise InputError(
            Problem(f"expected one of {', '.join(allowed)}, got {value!r}", field=option, value=value)
        )
    return value


@app.command("title")
def title_command(
    season_ref: Annotated[
        str | None, typer.Argument(metavar="[SEASON]", help="A stored season (see `podium season list`).")
    ] = None,
    scenario: Annotated[Path | None, typer.Option(help="A scenario file (docs/scenarios.md).")] = None,
    f1db: Annotated[Path | None, typer.Option(help="Path of an f1db tree, with --season.")] = None,
    year: Annotated[int | None, typer.Option("--season", help="F1 season year, with --f1db.")] = None,
    after_round: Annotated[
        int | None,
        typer.Option("--after-round", "-r", help="State after this round (after its last session)."),
    ] = None,
    after_session: Annotated[
        str | None,
        typer.Option(
            "--after",
            "--after-session",
            help="State after this session id (r08-race-1; f1db: r17-sprint, r17-race). "
            "Default: after the latest session with results.",
        ),
    ] = None,
    classification: Annotated[
        str, typer.Option("--classification", "-c", help="drivers, constructors, or a class id.")
    ] = "drivers",
    lang: Annotated[str, typer.Option(help="Language of the words: en or fr.")] = "en",
    engine: Annotated[str, typer.Option(help="auto (exhaustive when small), brute or cpsat.")] = "auto",
    conditions: Annotated[bool, typer.Option(help="Work out clinch conditions (slower).")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the API's shape).")] = False,
    database: DatabaseOption = None,
    paths_in: Annotated[
        str | None,
        typer.Option(
            "--paths-in",
            help="The session every contender's path is about (default: the next one); the sessions "
            "before it stay open, e.g. the Grand Prix with the sprint still to run.",
        ),
    ] = None,
    given: Annotated[
        list[str] | None,
        typer.Option(
            "--given",
            help="A result assumed in another session, SESSION:COMPETITOR=PLACE "
            "(PLACE a number, or out for not ranked); repeat it for several.",
        ),
    ] = None,
) -> None:
    """Exact title mathematics for one classification.

    For every competitor: CLINCHED, ALIVE (with an ending that makes them champion) or OUT (with
    the reason); best and worst final position; for contenders, the strongest clinch conditions
    ("11th or better in both races", "only needs to start both", the magic number…), each proven
    and shown to be the strongest of its kind; and the results of the next session that settle the
    title at once. Every ending podium shows is replayed through the standings.

    Examples:

        podium title --scenario examples/sebring-2020-gold.toml --lang fr

        podium title --f1db ../shared/data/f1db --season 2008 --after-round 17

        podium title --f1db ../shared/data/f1db --season 2023 --after r17-sprint

        podium title gt3-usa-2020 -c platinum --after r08-race-1
    """
    check_choice(lang, ("en", "fr"), "--lang")
    check_choice(engine, ENGINES, "--engine")
    sources = sum(x is not None for x in (season_ref, scenario, f1db))
    if sources != 1:
        raise InputError(
            Problem(
                "give exactly one source: SEASON, --scenario FILE, or --f1db PATH --season YEAR",
                field="SEASON",
            )
        )
    verify = None
    label = ""
    if scenario is not None:
        if after_round is not None or after_session is not None:
            raise InputError(
                Problem("a scenario file is already a moment: --after applies to seasons", field="--after")
            )
        problem = read_scenario(scenario)
    else:
        source = load_season(season_ref, f1db, year, database=database)
        season, ruleset, field_as_next_round = source.season, source.ruleset, source.history
        if after_round is not None and after_session is not None:
            raise InputError(Problem("give --after-round or --after, not both", field="--after"))
        problem, link = problem_from_season(
            season,
            ruleset,
            classification,
            after_round,
            after_session=after_session,
            field_as_next_round=field_as_next_round,
        )
        label = season.classification(problem.classification).name

        def verify(completion):  # type: ignore[no-untyped-def]
            return replay_table(link, completion)

    assumed = [given_result(problem, text) for text in given or ()]
    try:
        report = analyse(
            problem,
            engine=engine,
            verify=verify,
            conditions=conditions,
            paths_session=paths_in,
            given=assumed,
        )
    except ValueError as exc:  # an unknown --paths-in session, or a --given result in that session
        raise InputError(Problem(str(exc), field="--paths-in")) from exc
    show(report, lang=lang, as_json=as_json, label=label)


def given_result(problem: TitleProblem, text: str) -> Fixed:
    """``r17-sprint:Pérez=1`` → Pérez's car at 1st in the sprint (``=out``: not ranked)."""
    where, _, rest = text.partition(":")
    who, _, place = rest.rpartition("=")
    session = next((s for s in problem.sessions if where in (s.id, s.name)), None)
    if session is None or not who or not place:
        names = ", ".join(s.id for s in problem.sessions) or "none"
        raise InputError(
            Problem(
                f"expected SESSION:COMPETITOR=PLACE with a remaining session ({names}), got {text!r}",
                field="--given",
            )
        )
    wanted = who.strip().casefold()
    found = [
        c
        for c in problem.contestants
        if wanted in (c.id.casefold(), c.name.casefold()) or c.name.casefold().split()[-1:] == [wanted]
    ]
    if len(found) != 1:
        why = "no competitor" if not found else "more than one competitor"
        raise InputError(Problem(f"{why} named {who!r} in {problem.title}", field="--given"))
    contestant = found[0]
    cars = contestant.cars_in(session.id)
    if len(cars) != 1:
        raise InputError(Problem(f"{contestant.name} has no single car in {session.name}", field="--given"))
    if place.strip().lower() in ("out", "dns", "nc"):
        return Fixed(session.id, cars[0], None)
    if not place.strip().isdigit() or not 1 <= int(place) <= session.field:
        raise InputError(Problem(f"place must be 1-{session.field} or out, got {place!r}", field="--given"))
    return Fixed(session.id, cars[0], int(place))


def show(report: TitleReport, *, lang: str, as_json: bool, event: str = "", label: str = "") -> None:
    if as_json:
        print_json(title_data(report, lang=lang, label=label, event=event))
        return
    console.print(render_report(report, lang=lang))
    console.print(render_press(report, lang=lang, event=event, label=label))
