"""Published tables as the real-series tests read them: the transcribed CSV fixtures under
tests/data/<series>-<year>/ (comment lines start with '#') and a shipped preset with a published
table carried in as round-0 adjustments."""

from __future__ import annotations

import csv
from fractions import Fraction
from importlib import resources
from pathlib import Path

from podium.model.values import slug
from podium.rules import Ruleset, parse_ruleset_text


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def table(path: Path) -> dict[str, Fraction]:
    """A published standings table: driver id → points."""
    return {slug(r["driver"]): Fraction(r["points"]) for r in rows(path)}


def crews(path: Path) -> list[tuple[tuple[str, ...], Fraction | None]]:
    """A published table printed one line per crew (endurance racing): the drivers' ids of each line,
    in order, with the line's points, or ``None`` where the line is named without them."""
    return [
        (tuple(slug(d) for d in r["drivers"].split(";")), Fraction(r["points"]) if r["points"] else None)
        for r in rows(path)
    ]


def carried_in_text(preset: str, carried: dict[str, Fraction], reason: str) -> str:
    """The preset's TOML with each carried-in total appended as a round-0 adjustment."""
    text = (resources.files("podium.rules") / "presets" / f"{preset}.toml").read_text(encoding="utf-8")
    return text + "".join(
        f'\n[[scoring.adjustments]]\ncompetitor = "{d}"\npoints = {p}\nround = 0\nreason = "{reason}"\n'
        for d, p in carried.items()
    )


def carried_in(preset: str, carried: dict[str, Fraction], reason: str) -> Ruleset:
    return parse_ruleset_text(
        carried_in_text(preset, carried, reason), source=f"{preset} + carried-in standings", default_id=preset
    )
