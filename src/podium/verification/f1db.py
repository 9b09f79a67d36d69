"""Recompute every F1 standing from positions and presets, and compare with f1db.

A mismatch is a fact to fix, in podium or in its presets. The only way to set one aside is a
*known data error*: a line in ``known-f1db-errors.toml`` with a one-line reason and a citable
source, matched on season, round, classification and competitor. Nothing is silenced in code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from pathlib import Path

from podium.importers.f1db import F1dbSeason, ReportedRow, read_season
from podium.rules import f1_preset
from podium.standings import ClassificationScores, StandingRow


@dataclass(frozen=True, slots=True)
class Mismatch:
    season: int
    round: int
    classification: str
    competitor: str
    expected: str
    got: str

    def as_dict(self) -> dict[str, object]:
        return {
            "season": self.season,
            "round": self.round,
            "classification": self.classification,
            "competitor": self.competitor,
            "expected": self.expected,
            "got": self.got,
        }


@dataclass(frozen=True, slots=True)
class KnownDataError:
    season: int
    round: int | None
    classification: str
    competitor: str | None
    why: str
    source: str

    def matches(self, m: Mismatch) -> bool:
        return (
            m.season == self.season
            and (self.round is None or m.round == self.round)
            and m.classification == self.classification
            and (self.competitor is None or m.competitor == self.competitor)
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "season": self.season,
            "round": self.round,
            "classification": self.classification,
            "competitor": self.competitor,
            "why": self.why,
            "source": self.source,
        }


@dataclass(slots=True)
class VerifyReport:
    rounds_checked: int = 0
    standings_compared: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    known: list[tuple[KnownDataError, Mismatch]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        used: dict[int, KnownDataError] = {id(k): k for k, _ in self.known}
        rows = []
        for k in used.values():
            row = k.as_dict()
            row["mismatches"] = [m.as_dict() for kk, m in self.known if kk is k]
            rows.append(row)
        return {
            "rounds_checked": self.rounds_checked,
            "standings_compared": self.standings_compared,
            "mismatches": [m.as_dict() for m in self.mismatches],
            "known_data_errors": rows,
        }


def known_errors() -> list[KnownDataError]:
    text = (resources.files("podium.verification") / "known-f1db-errors.toml").read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    return [
        KnownDataError(
            season=int(e["season"]),
            round=e.get("round"),
            classification=str(e["classification"]),
            competitor=e.get("competitor"),
            why=str(e["why"]),
            source=str(e["source"]),
        )
        for e in doc.get("error", [])
    ]


def _two_decimals(value: Fraction) -> Fraction:
    """f1db writes points with two decimals; compare at that precision (1/7 → 0.14)."""
    return Fraction(round(value * 100), 100)


def _fmt(value: Fraction) -> str:
    return str(value) if value.denominator == 1 else f"{float(value):.2f}"


def compare_season(data: F1dbSeason, report: VerifyReport, known: list[KnownDataError]) -> None:
    """Compare every round of one season, both classifications, into ``report``."""
    season = data.season
    ruleset = f1_preset(season.year)
    for classification in season.classifications:
        scores = ClassificationScores(season, ruleset, classification)
        rounds = sorted(r for (r, c) in data.reported_standings if c == classification.id)
        for round_number in rounds:
            reported = data.reported_standings[(round_number, classification.id)]
            table = scores.after(round_number)
            report.standings_compared += 1
            for m in _compare_table(season.year, round_number, classification.id, reported, table.rows):
                hit = next((k for k in known if k.matches(m)), None)
                if hit is not None:
                    report.known.append((hit, m))
                else:
                    report.mismatches.append(m)
    report.rounds_checked += len({r for (r, _) in data.reported_standings})


def _compare_table(
    year: int,
    round_number: int,
    classification: str,
    reported: Iterable[ReportedRow],
    rows: tuple[StandingRow, ...],
) -> list[Mismatch]:
    """Differences between f1db's table and ours; excluded lines (EX, DSQ) are matched to excluded lines."""
    out = []
    ours = {(r.competitor, r.excluded is not None): r for r in rows}
    seen = set()
    for rep in reported:
        key = (rep.competitor, not rep.position.isdigit())
        seen.add(key)
        mine = ours.get(key)
        expected = f"{rep.position} {_fmt(rep.points)}"
        if mine is None:
            out.append(Mismatch(year, round_number, classification, rep.competitor, expected, "absent"))
            continue
        got = f"{mine.position_text} {_fmt(mine.points)}"
        if _two_decimals(mine.points) != rep.points or mine.position_text != rep.position:
            out.append(Mismatch(year, round_number, classification, rep.competitor, expected, got))
    for key, mine in ours.items():
        if key not in seen and mine.points != 0:
            out.append(
                Mismatch(
                    year,
                    round_number,
                    classification,
                    mine.competitor,
                    "absent",
                    f"{mine.position_text} {_fmt(mine.points)}",
                )
            )
    return out


def verify_f1db(
    root: Path, years: Iterable[int], progress: Callable[[int], None] | None = None
) -> VerifyReport:
    """Recompute and compare every round of ``years``; ``progress`` is called after each season."""
    report = VerifyReport()
    known = known_errors()
    for year in years:
        compare_season(read_season(root, year), report, known)
        if progress is not None:
            progress(year)
    return report
