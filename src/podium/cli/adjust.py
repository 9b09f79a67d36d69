"""``podium penalty``, ``podium correction``, ``podium undo`` and ``podium log``: the audit trail."""

from __future__ import annotations

from typing import Annotated

import typer

from podium.cli.app import app, console, new_app, print_json
from podium.cli.session_view import moves_text
from podium.cli.sources import LangOption
from podium.cli.store_common import (
    AuthorOption,
    DatabaseOption,
    SeasonOption,
    log_table,
    print_change,
    store_for,
)
from podium.cli.words import Words
from podium.errors import InputError, Message, Problem
from podium.model import Season
from podium.rules import Ruleset
from podium.sources import pick_season
from podium.store import ChangeRecord, record_data

penalty_app = new_app("Penalties: points, places, seconds or disqualification, laid over a result.")
correction_app = new_app("Corrections: fix fields of one result without overwriting it.")
app.add_typer(penalty_app, name="penalty")
app.add_typer(correction_app, name="correction")

SessionOption = Annotated[str, typer.Option("--session", help="Session id, e.g. r08-race-1.")]
EntryOption = Annotated[str, typer.Option("--entry", "--car", help="Car number (7) or entry id.")]
RequiredReason = Annotated[str, typer.Option("--reason", "-m", help="Why (required; recorded in the log).")]


def _show_effect(
    before: Season, after: Season, rules: Ruleset, record: ChangeRecord, session: str, lang: str
) -> None:
    """Print the change and what it moved: class positions in the session, and any new leader."""
    print_change(record, lang)
    lines = moves_text(before, after, rules, session, lang)
    for line in lines:
        console.print(line)
    if not lines:
        console.print("  " + Words(lang)(Message("(no class position or points changed)")))


@penalty_app.command("add")
def penalty_add(
    session: SessionOption,
    entry: EntryOption,
    reason: RequiredReason,
    points: Annotated[
        str | None, typer.Option("--points", help="Points to add (negative: a deduction), e.g. -5.")
    ] = None,
    positions: Annotated[
        int | None, typer.Option("--positions", help="Places to drop in the classification.")
    ] = None,
    seconds: Annotated[
        str | None, typer.Option("--seconds", help="Seconds added to the car's total time.")
    ] = None,
    dsq: Annotated[bool, typer.Option("--dsq", help="Disqualify the car from the session.")] = False,
    classification: Annotated[
        str | None, typer.Option("--class", help="Points penalty in one classification only.")
    ] = None,
    season: SeasonOption = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    lang: LangOption = "en",
) -> None:
    """Penalise one car in one session. The result as entered stays; everyone behind moves up.

    Give exactly one of --points, --positions, --seconds, --dsq. Undo it with podium undo.

    Example:

        podium penalty add --session r08-race-1 --entry 16 --seconds 5 --reason "track limits, turn 17"
        podium penalty add --session r08-race-2 --entry 99 --dsq --reason "ride height too low"
        podium penalty add --session r07-race-1 --entry 53 --points -5 --reason "avoidable contact"
    """
    with store_for(database, author) as store:
        ref = pick_season(store, season)
        before, _ = store.season(ref)
        record = store.add_penalty(
            ref,
            session,
            entry,
            reason=reason,
            points=points,
            positions=positions,
            seconds=seconds,
            disqualify=dsq,
            classification=classification,
        )
        after, rules = store.season(ref)
        _show_effect(before, after, rules, record, session, lang)


def _parse_sets(values: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    problems = []
    for text in values:
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            problems.append(
                Problem(Message("write FIELD=VALUE, got {line!r}", line=text), field="--set", value=text)
            )
            continue
        out[name.strip().lower()] = value.strip()
    if problems:
        raise InputError(problems)
    return out


@correction_app.command("add")
def correction_add(
    session: SessionOption,
    entry: EntryOption,
    reason: RequiredReason,
    set_: Annotated[
        list[str],
        typer.Option(
            "--set",
            help="FIELD=VALUE (repeatable): position, status, laps, laps_led, fastest_lap, pole, grid, "
            "drivers.",
        ),
    ],
    season: SeasonOption = None,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    lang: LangOption = "en",
) -> None:
    """Correct fields of one result (the timing sheet was wrong); the original stays in the log.

    To re-order several cars, import the corrected classification with
    `podium results import FILE --session S --replace` instead.

    Example:

        podium correction add --session r03-race-2 --entry 21 --set status=DNF --set laps=14 \\
            --reason "timing error"
    """
    with store_for(database, author) as store:
        ref = pick_season(store, season)
        before, _ = store.season(ref)
        record = store.add_correction(ref, session, entry, _parse_sets(set_), reason=reason)
        after, rules = store.season(ref)
        _show_effect(before, after, rules, record, session, lang)


@app.command("undo")
def undo_command(
    change_id: Annotated[int, typer.Argument(metavar="CHANGE_ID", help="Number of the change (podium log).")],
    reason: RequiredReason,
    database: DatabaseOption = None,
    author: AuthorOption = None,
    lang: LangOption = "en",
) -> None:
    """Undo a change by recording an undo: the change stays in the log, its effect goes.

    Undoing an undo brings the change back.

    Example:

        podium undo 42 --reason "appeal upheld"
    """
    with store_for(database, author) as store:
        target = store.change(change_id)
        before = store.season(target.season)[0] if target.season else None
        record = store.undo(change_id, reason=reason)
        session = target.payload.get("adjustment", {}).get("session") or target.payload.get("session")
        if before is not None and target.season and isinstance(session, str):
            after, rules = store.season(target.season)
            _show_effect(before, after, rules, record, session, lang)
        else:
            print_change(record, lang)


@app.command("log")
def log_command(
    season: Annotated[str | None, typer.Option("--season", "-s", help="Only this season.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Only the latest N changes.")] = None,
    database: DatabaseOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    lang: LangOption = "en",
) -> None:
    """The audit trail: every change, newest first, with who, when and why; undone ones struck through.

    Example:

        podium log --season gt3-usa-2020 -n 20
    """
    with store_for(database) as store:
        records = store.log(season, limit=limit)
    if as_json:
        print_json([record_data(r) for r in records])
        return
    title = Message("Log of {season}", season=season) if season else Message("Log")
    console.print(log_table(records, title=Words(lang)(title), lang=lang))
