"""MotoGP 2025 from nothing, the whole season: the 44 Tissot Sprints and Grands Prix of the 22 rounds
(rounds 1-8 as MotoGP's results API gives them, rounds 9-22 transcribed from the press), scored by the
shipped `motogp-2025` preset with nothing carried in. Marc Marquez is champion with 545, Alex Marquez
second with 467, Bezzecchi third with 353, and every figure found for rounds 9-22 comes out as
printed: the final table's nineteen lines, every line of the riders' tables after rounds 12 and 13,
the teams' table after round 12, 75 totals and gaps printed in prose, and what was printed of the
final constructors' and teams' tables and of the concession ranks they give (no whole final
constructors' or teams' table was found; sources and the places that had to be deduced:
tests/data/motogp-2025/README.md)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from functools import cache
from pathlib import Path

from motogp import motogp_season
from podium.model import Season
from podium.rules import load_preset
from podium.standings import compute_standings
from published import rows, table

DATA = Path(__file__).parent / "data" / "motogp-2025"
SHEETS = ("season-results-r1-r8.csv", "season-results-r9-r22.csv")


@cache
def _season() -> Season:
    return motogp_season(2025, DATA, "season-calendar.csv", SHEETS)


def _after(season: Season, classification: str, last_round: int) -> dict[str, Fraction]:
    standings = compute_standings(season, load_preset("motogp-2025"), classification, last_round)
    return {row.competitor: row.points for row in standings.rows}


def _after_sprint(classification: str, last_round: int) -> dict[str, Fraction]:
    """After round ``last_round``'s Tissot Sprint: the season without that round's Grand Prix."""
    season = _season()
    race = f"r{last_round:02d}-race"
    return _after(
        replace(season, results=tuple(r for r in season.results if r.session != race)),
        classification,
        last_round,
    )


def _riders(points: dict[str, Fraction]) -> dict[str, Fraction]:
    """Riders' points as the press prints them: Augusto Fernandez's two entries (Pramac replacement and
    Yamaha wild card) on one line."""
    merged = dict(points)
    merged["augusto-fernandez"] = merged.get("augusto-fernandez", Fraction(0)) + merged.pop(
        "augusto-fernandez-wild-card", Fraction(0)
    )
    return merged


def test_twenty_two_rounds_forty_four_races() -> None:
    season = _season()
    assert len(season.events) == 22
    assert season.events[-1].id == "val"
    assert len({r.session for r in season.results}) == 44


DEDUCED = {"pedro-acosta", "brad-binder", "raul-fernandez", "alex-rins", "johann-zarco", "jack-miller"}
"""Riders with a place in rounds 9-22 not found printed but deduced from the published totals (the
fixtures' README): their final lines are consistent with the sheets, not independent checks of them."""


def test_final_riders_table() -> None:
    """gpkingdom.it's final table, its nineteen lines that survive, each total and the order; thirteen
    of them owe nothing to a deduced place."""
    published = table(DATA / "standings-final.csv", column="entry")
    computed = _after(_season(), "riders", 22)
    assert {e: computed[e] for e in published} == published
    order = sorted(computed, key=lambda e: -computed[e])
    assert order[:19] == list(published)
    assert computed["marc-marquez"] - computed["alex-marquez"] == 78
    assert len(set(published) - DEDUCED) == 13


def test_every_riders_line_after_rounds_12_and_13() -> None:
    """sisal.it's two complete tables, 27 lines each (Pol Espargaro's 8 and Nakagami's 10 included)."""
    for last_round in (12, 13):
        published = table(DATA / f"standings-after-r{last_round}.csv", column="entry")
        computed = _riders(_after(_season(), "riders", last_round))
        assert {e: computed.get(e, Fraction(0)) for e in published} == published, last_round
        assert len(published) == 27


def test_teams_after_round_12() -> None:
    """The first teams' table of 2025 found: eleven lines, every one as printed (the wild cards' points
    go to no team)."""
    published = table(DATA / "teams-after-r12.csv", column="team")
    assert _after(_season(), "teams", 12) == published


def _points_after(classification: str, last_round: int, after: str) -> dict[str, Fraction]:
    """After round ``last_round``'s Grand Prix (``after`` is ``round``) or its Tissot Sprint."""
    if after == "sprint":
        return _after_sprint(classification, last_round)
    return _after(_season(), classification, last_round)


def _figures_not_as_printed(lines: list[dict[str, str]]) -> list[dict[str, str]]:
    """The lines of a figures file (a total, or a gap: ``competitor`` minus ``minus``) the sheets do
    not give."""
    missed = []
    for line in lines:
        points = _points_after(line["classification"], int(line["round"]), line["after"])
        figure = points[line["competitor"]] - (points[line["minus"]] if line["minus"] else 0)
        if figure != Fraction(line["points"]):
            missed.append(line)
    return missed


def test_figures_printed_in_prose() -> None:
    lines = rows(DATA / "published-figures-r9-r22.csv")
    assert _figures_not_as_printed(lines) == []
    assert len(lines) == 75


def test_rounds_1_to_8_unchanged() -> None:
    """The whole season's first eight rounds are the rounds-1-8 season's: same table after round 8."""
    alone = motogp_season(2025, DATA, "season-calendar-r1-r8.csv", "season-results-r1-r8.csv")
    assert _after(_season(), "riders", 8) == _after(alone, "riders", 8)


FACTORY_TEAMS = (
    "ducati-lenovo-team",
    "aprilia-racing",
    "red-bull-ktm-factory-racing",
    "monster-energy-yamaha-motogp-team",
    "honda-hrc-castrol",
)
"""The five manufacturers' own teams; every other team is an independent one."""

SEASON_MAXIMUM = 22 * (12 + 25)
"""The most a manufacturer could score in 2025: a Sprint win and a Grand Prix win in each round."""


def test_final_constructors_and_teams_as_printed() -> None:
    """No whole final constructors' or teams' table was found. What was printed comes out exactly:
    Ducati 708 after round 20 (Motorsport.com), 768 at the end and Aprilia second with 418, 350
    behind (jpnn.com, sumberberita1.com), Ducati Lenovo Team 835 (jpnn.com); Honda fourth
    (autox.com), Yamaha last (amcn.com.au), BK8 Gresini the best independent team
    (buletinfinansial.com). Every team point is a rider's point (the wild cards' aside)."""
    lines = rows(DATA / "published-figures-end.csv")
    assert _figures_not_as_printed(lines) == []
    assert len(lines) == 5
    constructors = _after(_season(), "constructors", 22)
    assert constructors == {
        "ducati": 768,
        "aprilia": 418,
        "ktm": 372,
        "honda": 285,
        "yamaha": 247,
    }
    assert sorted(constructors, key=lambda m: -constructors[m]) == [
        "ducati",
        "aprilia",
        "ktm",
        "honda",
        "yamaha",
    ]
    teams = _after(_season(), "teams", 22)
    assert max(teams, key=lambda t: teams[t]) == "ducati-lenovo-team"
    independent = {t: p for t, p in teams.items() if t not in FACTORY_TEAMS}
    assert max(independent, key=lambda t: independent[t]) == "bk8-gresini-racing-motogp"
    riders = _after(_season(), "riders", 22)
    wild = sum(p for e, p in riders.items() if e.endswith("-wild-card"))
    assert sum(riders.values()) - sum(teams.values()) == wild


def _rank(share: Fraction) -> str:
    return (
        "A"
        if share >= Fraction(85, 100)
        else "B"
        if share >= Fraction(60, 100)
        else "C"
        if share >= Fraction(35, 100)
        else "D"
    )


def test_the_concession_figures_printed_at_the_end() -> None:
    """MotoGP's concession ranks are the constructors' points as a share of the 814 possible. Printed:
    Honda 19 and Yamaha 64 points short of 35% with two rounds left, Honda 9 short after the
    Valencia Sprint (its seventh place on Sunday, 9 points, was exactly enough), Ducati 94%, Aprilia
    51%, KTM 46% at the end, and Honda's move from rank D to C the season's only change. The final
    constructors' points give every figure: Honda's 285 is the least that makes 35% (284.9)."""
    lines = rows(DATA / "concessions-end.csv")
    threshold = -(-SEASON_MAXIMUM * 35 // 100)  # 35% of 814, rounded up: 285
    for line in lines:
        points = _points_after("constructors", int(line["round"]), line["after"])[line["constructor"]]
        share = points / SEASON_MAXIMUM
        computed = {
            "short": str(threshold - points),
            "percent": str(round(100 * share)),
            "rank": _rank(share),
        }
        assert computed[line["figure"]] == line["value"], line
    assert len(lines) == 11
    assert threshold == 285 == _after(_season(), "constructors", 22)["honda"]
