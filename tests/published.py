"""Published tables as the real-series tests read them: the transcribed CSV fixtures under
tests/data/<series>-<year>/ (comment lines start with '#') and a shipped preset with a published
table carried in as round-0 adjustments."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from fractions import Fraction
from importlib import resources
from pathlib import Path

from podium.model import Season
from podium.model.values import slug
from podium.rules import Ruleset, parse_ruleset_text
from podium.standings import compute_standings


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def table(path: Path, column: str = "driver") -> dict[str, Fraction]:
    """A published standings table: competitor id (the slug of ``column``) → points."""
    return {slug(r[column]): Fraction(r["points"]) for r in rows(path)}


def tables_by_round(path: Path, column: str = "driver") -> dict[int, dict[str, Fraction]]:
    """Published lines of several tables in one file (an ``after_round`` column): round → id → points."""
    out: dict[int, dict[str, Fraction]] = {}
    for r in rows(path):
        out.setdefault(int(r["after_round"]), {})[slug(r[column])] = Fraction(r["points"])
    return out


def differences(
    published: Mapping[int, Mapping[str, Fraction]], computed_after: Callable[[int], Mapping[str, Fraction]]
) -> dict[tuple[int, str], Fraction]:
    """(round, id) → computed minus published, for every published line the computation misses."""
    out: dict[tuple[int, str], Fraction] = {}
    for after_round, lines in published.items():
        computed = computed_after(after_round)
        out |= {(after_round, d): computed[d] - p for d, p in lines.items() if computed[d] != p}
    return out


def crews(path: Path) -> list[tuple[tuple[str, ...], Fraction | None]]:
    """A published table printed one line per crew (endurance racing): the drivers' ids of each line,
    in order, with the line's points, or ``None`` where the line is named without them."""
    return [
        (tuple(slug(d) for d in r["drivers"].split(";")), Fraction(r["points"]) if r["points"] else None)
        for r in rows(path)
    ]


def points_of(
    season: Season, ruleset: Ruleset, classification: str, after_round: int | None = None
) -> dict[str, Fraction]:
    """Competitor id → points in one classification after every loaded session (or after the
    round ``after_round``)."""
    standings = compute_standings(season, ruleset, classification, after_round)
    return {row.competitor: row.points for row in standings.rows}


def carried_in_text(preset: str, carried: dict[str, Fraction], reason: str, section: str = "scoring") -> str:
    """The preset's TOML with each carried-in total appended as a round-0 adjustment of ``section``
    ("scoring", or a variant such as "classifications.teams")."""
    text = (resources.files("podium.rules") / "presets" / f"{preset}.toml").read_text(encoding="utf-8")
    return text + "".join(
        f'\n[[{section}.adjustments]]\ncompetitor = "{d}"\npoints = {p}\nround = 0\nreason = "{reason}"\n'
        for d, p in carried.items()
    )


def carried_in(preset: str, carried: dict[str, Fraction], reason: str, section: str = "scoring") -> Ruleset:
    return parse_ruleset_text(
        carried_in_text(preset, carried, reason, section),
        source=f"{preset} + carried-in standings",
        default_id=preset,
    )


def carried_in_classes_text(
    preset: str, carried: Mapping[str, Mapping[str, Fraction | int]], reason: str
) -> str:
    """The preset's TOML with each classification's published table carried in as round-0
    adjustments of that classification only (``[[classifications.<id>.adjustments]]``), so a
    riders' table never leaks into the teams' or the constructors' one."""
    text = (resources.files("podium.rules") / "presets" / f"{preset}.toml").read_text(encoding="utf-8")
    return text + "".join(
        f'\n[[classifications.{classification}.adjustments]]\ncompetitor = "{who}"\npoints = {points}\n'
        f'round = 0\nreason = "{reason}"\n'
        for classification, table in carried.items()
        for who, points in table.items()
    )


def carried_in_classes(
    preset: str, carried: Mapping[str, Mapping[str, Fraction | int]], reason: str
) -> Ruleset:
    return parse_ruleset_text(
        carried_in_classes_text(preset, carried, reason),
        source=f"{preset} + carried-in standings",
        default_id=preset,
    )
