"""``podium title``: who has clinched, who can still win, who is out, and what each needs."""

from __future__ import annotations

from typing import Annotated

import typer

from podium.cli import sources
from podium.cli.app import app, console, print_json
from podium.cli.store_common import DatabaseOption
from podium.cli.title_view import render_press, render_report
from podium.errors import InputError, Message, Problem, message_of
from podium.present.data import title_data
from podium.title import Fixed, TitleProblem, TitleReport, analyse

ENGINES = ("auto", "brute", "cpsat")


def check_choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise InputError(
            Problem(
                Message("expected one of {choices}, got {value!r}", choices=", ".join(allowed), value=value),
                field=option,
                value=value,
            )
        )
    return value


@app.command("title")
def title_command(
    season_ref: sources.StoredSeasonArgument = None,
    scenario: sources.ScenarioOption = None,
    f1db: sources.F1dbOption = None,
    year: sources.YearOption = None,
    after_round: sources.AfterRoundOption = None,
    after_session: sources.AfterOption = None,
    at: sources.AtOption = None,
    classification: sources.ClassificationOption = "drivers",
    lang: sources.LangOption = "en",
    engine: Annotated[str, typer.Option(help="auto (exhaustive when small), brute or cpsat.")] = "auto",
    conditions: Annotated[bool, typer.Option(help="Work out clinch conditions (slower).")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the API's shape).")] = False,
    database: DatabaseOption = None,
    shortened: Annotated[
        str | None,
        typer.Option(
            "--shortened",
            help="The next session stops at this share of its distance (1/2, 0.6, 60%): it pays the "
            "reduced points of the rules' distance bands. Who is champion then?",
        ),
    ] = None,
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
    as_of: sources.AsOfOption = None,
    team_grid: Annotated[
        bool,
        typer.Option(
            "--team-grid",
            help="For a teams' classification, also work out the next session's decision table by each "
            "team's best car (one solver question per cell: seconds, not milliseconds).",
        ),
    ] = False,
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

        podium title gt3-usa-2020 -c platinum --at "2020-11-13 12:00-05:00"

        podium title --f1db ../shared/data/f1db --season 2024 --after-round 23 -c constructors --team-grid
    """
    check_choice(engine, ENGINES, "--engine")
    question = sources.title_question(
        season_ref,
        scenario,
        f1db,
        year,
        classification,
        after_round,
        after_session,
        database,
        as_of,
        shortened=shortened,
        at=at,
    )
    problem = question.problem
    source = question.source
    label = source.season.classification(problem.classification).name if source else ""
    assumed = [given_result(problem, text) for text in given or ()]
    try:
        report = analyse(
            problem,
            engine=engine,
            verify=question.verify,
            conditions=conditions,
            decision="teams" if team_grid else True,
            paths_session=paths_in,
            given=assumed,
        )
    except ValueError as exc:  # an unknown --paths-in session, or a --given result in that session
        raise InputError(Problem(message_of(exc), field="--paths-in")) from exc
    show(report, lang=lang, as_json=as_json, label=label)


def given_result(problem: TitleProblem, text: str) -> Fixed:
    """``r17-sprint:Pérez=1`` → Pérez's car at 1st in the sprint (``=out``: not ranked)."""
    where, _, rest = text.partition(":")
    who, _, place = rest.rpartition("=")
    session = next((s for s in problem.sessions if where in (s.id, s.name)), None)
    if session is None or not who or not place:
        names = ", ".join(s.id for s in problem.sessions) or Message("none")
        raise InputError(
            Problem(
                Message(
                    "expected {syntax} with a remaining session ({names}), got {text!r}",
                    syntax="SESSION:COMPETITOR=PLACE",
                    names=names,
                    text=text,
                ),
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
        if found:
            said = Message("more than one competitor named {who!r} in {title}", who=who, title=problem.title)
        else:
            said = Message("no competitor named {who!r} in {title}", who=who, title=problem.title)
        raise InputError(Problem(said, field="--given"))
    contestant = found[0]
    cars = contestant.cars_in(session.id)
    if len(cars) != 1:
        said = Message("{name} has no single car in {session}", name=contestant.name, session=session.name)
        raise InputError(Problem(said, field="--given"))
    if place.strip().lower() in ("out", "dns", "nc"):
        return Fixed(session.id, cars[0], None)
    if not place.strip().isdigit() or not 1 <= int(place) <= session.field:
        said = Message("place must be 1-{last} or out, got {place!r}", last=session.field, place=place)
        raise InputError(Problem(said, field="--given"))
    return Fixed(session.id, cars[0], int(place))


def show(report: TitleReport, *, lang: str, as_json: bool, event: str = "", label: str = "") -> None:
    if as_json:
        print_json(title_data(report, lang=lang, label=label, event=event))
        return
    console.print(render_report(report, lang=lang))
    console.print(render_press(report, lang=lang, event=event, label=label))
