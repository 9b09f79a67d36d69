"""Where a command's season comes from: a stored season, or an f1db tree (``--f1db PATH --season YEAR``).

One resolution for every command that reads a season (standings, title, forecast), so the same
options mean the same thing everywhere and the store is always closed after reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from podium.errors import InputError, Problem
from podium.importers.f1db import read_season
from podium.model import Season
from podium.rules import Ruleset, f1_preset

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
        raise InputError(Problem("give one moment: --at, --after-round or --after", field="--at"))
    from podium.cli.store_common import parse_instant

    session = session_ended_by(season, parse_instant(at, field="--at"))
    return (0, None) if session is None else (None, session)


@dataclass(frozen=True, slots=True)
class SeasonSource:
    """A season, its rules, and whether it comes from history.

    ``history``: f1db's entry lists know who later left or died; title questions then take the
    field known at the moment asked (``field_as_next_round``), not the final entry list.
    """

    season: Season
    ruleset: Ruleset
    history: bool
    label: str
    """How the command line named it: the stored reference, or the year."""


def f1db_season(path: Path, year: int) -> tuple[Season, Ruleset]:
    """Read ``year`` from the f1db tree at ``path`` and pick its preset."""
    if not path.exists():
        raise InputError(Problem(f"no f1db tree at {str(path)!r}", source=str(path), field="--f1db"))
    data = read_season(path, year)
    return data.season, f1_preset(year)


def load_season(
    stored: str | None,
    f1db: Path | None,
    year: int | None,
    *,
    database: str | None = None,
    as_of: datetime | None = None,
) -> SeasonSource:
    """The season named by a command's options: a stored SEASON, or --f1db PATH --season YEAR."""
    if stored is not None:
        if f1db is not None or year is not None:
            raise InputError(
                Problem("give a stored SEASON or --f1db PATH --season YEAR, not both", field="SEASON")
            )
        from podium.cli.store_common import store_for

        with store_for(database) as store:
            season, ruleset = store.season(stored, as_of=as_of)
        return SeasonSource(season, ruleset, history=False, label=stored)
    if f1db is None or year is None:
        raise InputError(
            Problem(
                "say which season: a stored SEASON (podium season list), or --f1db PATH --season YEAR",
                field="SEASON" if f1db is None else "--season",
            )
        )
    if as_of is not None:
        raise InputError(Problem("--as-of reads a stored season's history", field="--as-of"))
    season, ruleset = f1db_season(f1db, year)
    return SeasonSource(season, ruleset, history=True, label=str(year))
