"""Where a season comes from: a stored season, an f1db tree, or a scenario file.

One set of loaders for every edge that reads a season: the command line (``cli/sources.py`` adds
its options, ``--as-of`` and the moment) and the Python API (:mod:`podium.notebook`). Each loader
names what was wrong with one :class:`~podium.errors.InputError` (``option``: the name the caller
gave the value, ``--f1db`` on the command line, ``path`` in Python), and a store is always closed
after reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from podium.errors import InputError, Message, NotFoundError, Problem
from podium.model import Season
from podium.rules import Ruleset
from podium.title import TitleProblem, parse_scenario

if TYPE_CHECKING:
    from podium.store import Store


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
    """How the caller named it: the stored reference, or the year."""


def f1db_season(path: Path, year: int, *, option: str = "--f1db") -> SeasonSource:
    """``year`` from the f1db tree at ``path`` (given as ``option``), scored with its F1 preset."""
    from podium.importers.f1db import read_season
    from podium.rules import f1_preset

    if not path.exists():
        said = Message("no f1db tree at {path!r}", path=str(path))
        raise InputError(Problem(said, source=str(path), field=option))
    return SeasonSource(read_season(path, year).season, f1_preset(year), history=True, label=str(year))


def stored_season(
    database: str | None, ref: str | None, *, as_of: datetime | None = None, option: str = "--season"
) -> SeasonSource:
    """A season of the database (``None``: the settings' database; ``ref`` may be left out when it
    holds only one), as recorded at ``as_of`` if given; the store is closed after reading."""
    from podium.store import open_store

    store = open_store(database)
    try:
        chosen = pick_season(store, ref, option=option)
        season, ruleset = store.season(chosen, as_of=as_of)
    finally:
        store.close()
    return SeasonSource(season, ruleset, history=False, label=chosen)


def pick_season(store: Store, season: str | None, *, option: str = "--season") -> str:
    """``season``, or the only season of the database (else an error naming them, and ``option``)."""
    if season:
        return season
    refs = [s.ref for s in store.seasons()]
    if len(refs) == 1:
        return refs[0]
    if not refs:
        raise NotFoundError("season", "(none given)", choices=[])
    raise InputError(
        Problem(
            Message(
                "the database holds {count} seasons; say which with {option} ({refs})",
                count=len(refs),
                option=option,
                refs=", ".join(refs),
            ),
            field=option,
        )
    )


def read_scenario(path: Path) -> TitleProblem:
    """A scenario file (docs/scenarios.md); errors name the file, the line, the key and the value."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        said = Message("cannot read scenario: {reason}", reason=str(exc))
        raise InputError(Problem(said, source=str(path))) from None
    return parse_scenario(text, source=str(path))
