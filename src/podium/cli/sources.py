"""Where a command's season comes from: a stored season, an f1db tree (``--f1db PATH --season YEAR``)
or, for the title commands, a scenario file.

One resolution for every command that reads a season (standings, title, forecast, season show,
live), so the same options mean the same thing everywhere (``--database``, ``--as-of``). The
loaders themselves (a stored season, an f1db tree, a scenario file) are :mod:`podium.sources`,
shared with the Python API. Commands that write resolve the season inside their own transaction
(:func:`podium.sources.pick_season`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer

from podium.cli.app import LANG_KEY
from podium.errors import InputError, Message, Problem
from podium.model import Season
from podium.model.values import exact_number
from podium.present.i18n import LANGUAGES
from podium.sources import SeasonSource, f1db_season, read_scenario, stored_season
from podium.title import Completion, TitleProblem
from podium.title.build import problem_from_season
from podium.title.evaluate import FinalRow
from podium.title.replay import replay_table

StoredSeasonArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[SEASON]",
        help="A stored season, e.g. gt3-usa-2020 (podium season list).",
        show_default=False,
    ),
]
F1dbOption = Annotated[
    Path | None, typer.Option(help="Path of an f1db tree (folder holding seasons/), with --season.")
]
YearOption = Annotated[int | None, typer.Option("--season", help="F1 season year, with --f1db.")]
ScenarioOption = Annotated[Path | None, typer.Option(help="A scenario file (docs/scenarios.md).")]
AfterRoundOption = Annotated[
    int | None,
    typer.Option(
        "--after-round", "-r", help="After this round, its last session (default: the latest results)."
    ),
]
AfterOption = Annotated[
    str | None,
    typer.Option(
        "--after",
        "--after-session",
        help="After this session id (r08-race-1; f1db: r17-sprint, r17-race): the sporting moment. "
        "Default: after the latest session with results.",
    ),
]
ClassificationOption = Annotated[
    str, typer.Option("--classification", "-c", help="drivers, constructors, or a class id.")
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="A stored season as it was recorded then (the log time, with the penalties known "
        "then), not the race time (that is --after or --at): 2026-12-06 10:15 (your local time) "
        "or with an offset.",
    ),
]


def _remember_language(ctx: typer.Context, value: str) -> str:
    """Check ``--lang`` and keep it where the error handler finds it (an error is said in the
    language the command was asked to speak)."""
    if value not in LANGUAGES:
        raise InputError(
            Problem(
                Message(
                    "expected one of {choices}, got {value!r}", choices=", ".join(LANGUAGES), value=value
                ),
                field="--lang",
                value=value,
            )
        )
    ctx.meta[LANG_KEY] = value
    return value


LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        help="Language of the words, numbers and dates: en or fr (246,5 points, ven. 13 nov. 2020, "
        "errors in French too).",
        callback=_remember_language,
        metavar="en|fr",
    ),
]
"""``--lang en|fr``: every command that prints words or numbers takes it (default English)."""

AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="The sporting moment at a date: after the last session that had ended by then "
        "(its start plus scheduled duration, in the venue's time zone), e.g. "
        '"2020-11-13 12:00-05:00". Not the log time: that is --as-of.',
        show_default=False,
    ),
]


def session_ended_by(season: Season, instant: datetime) -> str | None:
    """The last session, in calendar order, that had ended by ``instant`` (its scheduled start
    plus its scheduled duration, in the venue's zone); None before the first one ended. Sessions
    without a start time follow the one before them."""
    last: str | None = None
    for event, session in season.sessions():
        start = event.start_instant(session)
        if start is not None and start + (session.scheduled_duration or timedelta(0)) > instant:
            break
        last = session.id
    return last


def moment_at(
    season: Season, at: str | None, after_round: int | None, after: str | None
) -> tuple[int | None, str | None]:
    """``(after_round, after)`` with ``--at DATE`` turned into the session it means (round 0:
    before the first session ended)."""
    if at is None:
        return after_round, after
    if after_round is not None or after is not None:
        raise InputError(Problem(Message("give one moment: --at, --after-round or --after"), field="--at"))
    from podium.cli.store_common import parse_instant

    session = session_ended_by(season, parse_instant(at, field="--at"))
    return (0, None) if session is None else (None, session)


def load_season(
    stored: str | None,
    f1db: Path | None,
    year: int | None,
    *,
    database: str | None = None,
    as_of: datetime | str | None = None,
) -> SeasonSource:
    """The season named by a command's options: a stored SEASON, or --f1db PATH --season YEAR.

    ``as_of`` (an instant, or the text of ``--as-of``) reads a stored season as it was recorded then.
    """
    if isinstance(as_of, str):
        from podium.cli.store_common import parse_instant

        as_of = parse_instant(as_of)
    if stored is not None:
        if f1db is not None or year is not None:
            raise InputError(
                Problem(
                    Message("give a stored SEASON or --f1db PATH --season YEAR, not both"), field="SEASON"
                )
            )
        return stored_season(database, stored, as_of=as_of)
    if f1db is None or year is None:
        raise InputError(
            Problem(
                Message(
                    "say which season: a stored SEASON (podium season list), or --f1db PATH --season YEAR"
                ),
                field="SEASON" if f1db is None else "--season",
            )
        )
    if as_of is not None:
        raise InputError(Problem(Message("--as-of reads a stored season's history"), field="--as-of"))
    return f1db_season(f1db, year)


@dataclass(frozen=True, slots=True)
class TitleQuestion:
    """A title question from a command's options: the problem, and the season it comes from (if any)."""

    problem: TitleProblem
    source: SeasonSource | None
    """``None`` for a scenario file."""
    verify: Callable[[Completion], list[FinalRow]] | None = None
    """Replays an ending through the season's standings (seasons only)."""


def title_question(
    stored: str | None,
    scenario: Path | None,
    f1db: Path | None,
    year: int | None,
    classification: str,
    after_round: int | None = None,
    after: str | None = None,
    database: str | None = None,
    as_of: str | None = None,
    at: str | None = None,
    shortened: str | None = None,
) -> TitleQuestion:
    """The title question of ``podium title`` and ``podium forecast``: exactly one of a stored SEASON,
    --scenario FILE or --f1db PATH --season YEAR, asked after a round or a session."""
    if sum(x is not None for x in (stored, scenario, f1db)) != 1:
        raise InputError(
            Problem(
                Message("give exactly one source: SEASON, --scenario FILE, or --f1db PATH --season YEAR"),
                field="SEASON",
            )
        )
    if scenario is not None:
        if as_of is not None:
            raise InputError(Problem(Message("--as-of reads a stored season's history"), field="--as-of"))
        if after_round is not None or after is not None or at is not None:
            raise InputError(
                Problem(
                    Message("a scenario file is already a moment: --after applies to seasons"),
                    field="--after",
                )
            )
        if shortened is not None:
            raise InputError(
                Problem(
                    Message("--shortened reads a season's distance bands; a scenario has none"),
                    field="--shortened",
                )
            )
        return TitleQuestion(read_scenario(scenario), None)
    share = shortened_share(shortened)
    if after_round is not None and after is not None:
        raise InputError(Problem(Message("give --after-round or --after, not both"), field="--after"))
    source = load_season(stored, f1db, year, database=database, as_of=as_of)
    after_round, after = moment_at(source.season, at, after_round, after)
    problem, link = problem_from_season(
        source.season,
        source.ruleset,
        classification,
        after_round,
        after_session=after,
        field_as_next_round=source.history,
        shortened=share,
    )
    if share is not None:  # the season's own rules score what happened, not the shortened race
        return TitleQuestion(problem, source, None)
    return TitleQuestion(problem, source, lambda completion: replay_table(link, completion))


def shortened_share(text: str | None) -> Fraction | None:
    """``--shortened``: a share of the distance, "1/2", "0.6" or "60%", above 0 and below 1."""
    if text is None:
        return None
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        share = exact_number(raw.removesuffix("%").strip(), low=0, high=100)
    except ValueError:
        share = Fraction(-1)
    share = share / 100 if percent else share
    if not 0 < share < 1:
        raise InputError(
            Problem(
                Message(
                    "expected a share of the distance above 0 and below 1 ({examples}), got {text!r}",
                    examples="1/2, 0.6, 60%",
                    text=text,
                ),
                field="--shortened",
            )
        )
    return share
