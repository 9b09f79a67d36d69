"""When was each F1 title decided? podium's answer against f1db's ``*ChampionshipDecider`` flags.

After a round, the eventual champion has *clinched* when no ending of the season lets anyone
finish level with or ahead of them (every ending that podium finds is replayed through the
standings). Clinching is monotone in the rounds, so the deciding round is found by bisection.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from podium.importers.f1db import F1dbSeason, read_season
from podium.model import Season
from podium.rules import Ruleset, f1_preset
from podium.standings import compute_standings
from podium.title.analyst import Analyst
from podium.title.build import problem_from_season
from podium.title.engine import make_engine
from podium.title.replay import replay_table


def clinched_after(
    season: Season,
    ruleset: Ruleset,
    classification: str,
    champion: str,
    after_round: int,
    *,
    time_limit: float = 60.0,
) -> bool:
    """Whether ``champion`` had the title won after ``after_round`` (nobody can end level or ahead)."""
    problem, link = problem_from_season(
        season, ruleset, classification, after_round, field_as_next_round=True
    )
    if not problem.sessions:
        table = compute_standings(season, ruleset, classification, after_round)
        leaders = [r for r in table.rows if r.position == 1]
        return len(leaders) == 1 and leaders[0].competitor == champion
    engine = make_engine(problem, "cpsat")
    analyst = Analyst(problem, engine, verify=lambda c: replay_table(link, c))
    return analyst.beaten_or_tied(champion) is None


def deciding_round(season: Season, ruleset: Ruleset, classification: str) -> tuple[str, int] | None:
    """(champion id, first round after which they had clinched), or None without a sole champion."""
    final = compute_standings(season, ruleset, classification)
    leaders = [r for r in final.rows if r.position == 1]
    if len(leaders) != 1:
        return None
    champion = leaders[0].competitor
    rounds = sorted({season.event_of(r.session).round for r in season.results})
    lo, hi = 0, len(rounds) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if clinched_after(season, ruleset, classification, champion, rounds[mid]):
            hi = mid
        else:
            lo = mid + 1
    return champion, rounds[lo]


@dataclass(frozen=True, slots=True)
class TitleMismatch:
    season: int
    classification: str
    champion: str
    expected: int | None
    got: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "season": self.season,
            "classification": self.classification,
            "champion": self.champion,
            "expected_round": self.expected,
            "podium_round": self.got,
        }


@dataclass(frozen=True, slots=True)
class KnownDecider:
    season: int
    classification: str
    why: str
    source: str


@dataclass(slots=True)
class TitlesReport:
    seasons: int = 0
    titles: int = 0
    mismatches: list[TitleMismatch] = field(default_factory=list)
    known: list[tuple[KnownDecider, TitleMismatch]] = field(default_factory=list)
    decided: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "seasons": self.seasons,
            "titles": self.titles,
            "mismatches": [m.as_dict() for m in self.mismatches],
            "known_differences": [{**m.as_dict(), "why": k.why, "source": k.source} for k, m in self.known],
            "decided": self.decided,
        }


def known_deciders() -> list[KnownDecider]:
    text = (resources.files("podium.verification") / "known-f1db-deciders.toml").read_text(encoding="utf-8")
    return [
        KnownDecider(int(e["season"]), str(e["classification"]), str(e["why"]), str(e["source"]))
        for e in tomllib.loads(text).get("difference", [])
    ]


def check_season(data: F1dbSeason, report: TitlesReport, known: list[KnownDecider]) -> None:
    season = data.season
    ruleset = f1_preset(season.year)
    report.seasons += 1
    for classification in season.classifications:
        found = deciding_round(season, ruleset, classification.id)
        report.titles += 1
        expected = data.deciders.get(classification.id)
        champion, got = found if found else ("", None)
        report.decided.append(
            {
                "season": season.year,
                "classification": classification.id,
                "champion": champion,
                "round": got,
                "f1db_round": expected,
            }
        )
        if got != expected:
            mismatch = TitleMismatch(season.year, classification.id, champion, expected, got)
            hit = next(
                (k for k in known if k.season == season.year and k.classification == classification.id), None
            )
            if hit:
                report.known.append((hit, mismatch))
            else:
                report.mismatches.append(mismatch)


def verify_titles(
    root: Path, years: Iterable[int], progress: Callable[[int], None] | None = None
) -> TitlesReport:
    report = TitlesReport()
    known = known_deciders()
    for year in years:
        data = read_season(root, year)
        if data.scheduled_rounds:
            continue  # a season still running has no champion yet
        check_season(data, report, known)
        if progress is not None:
            progress(year)
    return report
