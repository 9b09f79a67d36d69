"""IMSA WeatherTech SportsCar Championship 2024, GTD class, proven on published tables: the whole
season from the first session, nothing carried in. IMSA's classification of every GTD qualifying
session and race (ten rounds; Detroit had no GTD) is imported as printed, scored by the shipped
`imsa-2024` preset (qualifying 35, 32, 30 … 1; race 350, 320, 300 … 10; every driver of a car scores
its points), and the drivers' table after each round must be the one published, on every line that
could be read (sources: tests/data/imsa-2024/README.md).

The stored sheets are the results as first published; three decisions taken afterwards (Sebring
qualifying: #57's times disallowed and #023 sent to the back; Watkins Glen: #120 off the podium) are
applied as podium penalties. Without them the published table is not reproduced, and the test says
exactly where.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest

from podium.importers.podium_csv import read_results
from podium.importers.resolve import resolve_results
from podium.model import (
    Adjustment,
    AdjustmentKind,
    Car,
    Classification,
    CompetitorKind,
    Driver,
    Entry,
    Event,
    RoundRange,
    Season,
    Series,
    Session,
    SessionKind,
)
from podium.model.values import slug
from podium.rules import load_preset, parse_ruleset_text
from podium.standings import compute_standings
from published import rows

DATA = Path(__file__).parent / "data" / "imsa-2024"
# round: (event id, name, date of the race, time zone); Detroit (round 5) had no GTD race.
ROUNDS = {
    1: ("daytona", "Rolex 24 At Daytona", date(2024, 1, 27), "America/New_York"),
    2: ("sebring", "Mobil 1 Twelve Hours of Sebring", date(2024, 3, 16), "America/New_York"),
    3: ("long-beach", "Acura Grand Prix of Long Beach", date(2024, 4, 20), "America/Los_Angeles"),
    4: ("laguna-seca", "Motul Course de Monterey", date(2024, 5, 12), "America/Los_Angeles"),
    6: ("watkins-glen", "Sahlen's Six Hours of The Glen", date(2024, 6, 23), "America/New_York"),
    7: ("mosport", "Chevrolet Grand Prix", date(2024, 7, 14), "America/Toronto"),
    8: ("road-america", "IMSA SportsCar Weekend", date(2024, 8, 4), "America/Chicago"),
    9: ("vir", "Michelin GT Challenge at VIR", date(2024, 8, 25), "America/New_York"),
    10: ("indianapolis", "Battle on the Bricks", date(2024, 9, 22), "America/Indiana/Indianapolis"),
    11: ("road-atlanta", "Motul Petit Le Mans", date(2024, 10, 12), "America/New_York"),
}
KINDS = {"qualifying": SessionKind.QUALIFYING, "race": SessionKind.RACE}


def _sheet(round_number: int, kind: str) -> Path:
    return DATA / f"r{round_number:02d}-{ROUNDS[round_number][0]}-{kind}.csv"


def _session(round_number: int, kind: str) -> str:
    return f"r{round_number:02d}-{kind}"


def _names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split(";")]


def _season(*, decisions: bool = True) -> Season:
    """One entry per car and round, with every driver either sheet of the round lists."""
    names: dict[str, str] = {}
    crews: dict[tuple[int, str], list[str]] = {}
    for rnd in ROUNDS:
        for kind in KINDS:
            for r in rows(_sheet(rnd, kind)):
                crew = crews.setdefault((rnd, r["number"]), [])
                for name in _names(r["drivers"]):
                    names[slug(name)] = name
                    if slug(name) not in crew:
                        crew.append(slug(name))
    events = tuple(
        Event(
            round=rnd,
            id=ident,
            name=name,
            date=day,
            time_zone=zone,
            sessions=tuple(Session(_session(rnd, k), k.title(), kind) for k, kind in KINDS.items()),
        )
        for rnd, (ident, name, day, zone) in ROUNDS.items()
    )
    season = Season(
        series=Series("imsa", "IMSA WeatherTech SportsCar Championship"),
        year=2024,
        ruleset="imsa-2024",
        classifications=(Classification("gtd", "GTD", CompetitorKind.DRIVER),),
        drivers=tuple(Driver(ident, name) for ident, name in sorted(names.items())),
        teams=(),
        entries=tuple(
            Entry(f"r{rnd:02d}-{number}", tuple(crew), car=Car(number), rounds=(RoundRange(rnd, rnd),))
            for (rnd, number), crew in sorted(crews.items())
        ),
        events=events,
    )
    results = tuple(
        r
        for rnd in ROUNDS
        for kind in KINDS
        for r in resolve_results(read_results(_sheet(rnd, kind)), season, _session(rnd, kind))
    )
    adjustments = tuple(
        Adjustment(
            id=f"decision-{i}",
            session=_session(int(d["round"]), d["session"]),
            entry=f"r{int(d['round']):02d}-{d['number']}",
            kind=AdjustmentKind.POSITIONS,
            positions=int(d["places"]),
            reason=d["decision"],
        )
        for i, d in enumerate(rows(DATA / "decisions.csv"), start=1)
    )
    return replace(season, results=results, adjustments=adjustments if decisions else ())


def _published() -> dict[int, dict[str, Fraction]]:
    out: dict[int, dict[str, Fraction]] = {}
    for r in rows(DATA / "standings-published.csv"):
        out.setdefault(int(r["after_round"]), {})[slug(r["driver"])] = Fraction(r["points"])
    return out


def _computed(season: Season, after_round: int) -> dict[str, Fraction]:
    table = compute_standings(season, load_preset("imsa-2024"), "gtd", after_round)
    return {row.competitor: row.points for row in table.rows}


@pytest.fixture(scope="module")
def season() -> Season:
    return _season()


def test_every_published_line_is_reproduced_from_the_first_session(season: Season) -> None:
    published = _published()
    assert sorted(published) == [2, 3, 4, 6, 7, 8]
    assert sum(len(lines) for lines in published.values()) == 28
    for after_round, lines in published.items():
        computed = _computed(season, after_round)
        assert {d: computed[d] for d in lines} == lines, f"after round {after_round}"


def test_the_lead_published_before_the_finale(season: Season) -> None:
    """Before Petit Le Mans only the gap was printed: Ellis and Ward 222 ahead of Foley and Gallagher."""
    (gap,) = rows(DATA / "gaps-published.csv")
    computed = _computed(season, int(gap["after_round"]))
    assert computed[slug(gap["ahead"])] - computed[slug(gap["behind"])] == Fraction(gap["gap"])


def test_the_published_leaders_lead(season: Season) -> None:
    for after_round, lines in _published().items():
        table = compute_standings(season, load_preset("imsa-2024"), "gtd", after_round)
        leader = max(lines.values())
        assert {r.competitor for r in table.rows if r.position == 1} == {
            d for d, p in lines.items() if p == leader
        }, f"after round {after_round}"


def test_qualifying_pays_its_own_table(season: Season) -> None:
    """Scored without the qualifying table, every checked crew loses its qualifying points: the
    Sebring winners' 725 after round 2 would be 700 (two race wins), 14 and 11 short."""
    text = (resources.files("podium.rules") / "presets" / "imsa-2024.toml").read_text(encoding="utf-8")
    qualifying = "qualifying = [35, 32, 30, 28, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15"
    assert text.count(qualifying) == 1
    races_only = parse_ruleset_text(
        text.replace(qualifying, "qualifying = [] # [35, 32, 30"),
        source="imsa-2024 without qualifying points",
        default_id="imsa-2024",
    )
    table = compute_standings(season, races_only, "gtd", 2)
    assert table.row("philip-ellis").points == 700
    published = _published()[2]
    assert all(table.row(d).points < p for d, p in published.items())
    scores = compute_standings(season, load_preset("imsa-2024"), "gtd", 2).row("philip-ellis").scores
    in_qualifying = {s.round: (s.position, s.points) for s in scores if s.kind is SessionKind.QUALIFYING}
    assert in_qualifying == {1: (17, Fraction(14)), 2: (20, Fraction(11))}


def test_without_the_decisions_the_sheets_contradict_the_published_table() -> None:
    """The sheets as first published give #57 the Sebring pole and #120 2nd at Watkins Glen: Ellis
    and Ward would have 24 points too many from round 2 on, Foley and Gallagher 2 (then 12) too few,
    Thompson 2 (then 22): the three decisions are what the published table counts."""
    raw = _season(decisions=False)
    wrong = {
        (after_round, driver): computed[driver] - points
        for after_round, lines in _published().items()
        for computed in [_computed(raw, after_round)]
        for driver, points in lines.items()
        if computed[driver] != points
    }
    checked = ("philip-ellis", "robby-foley", "parker-thompson")
    by_driver = {(r, d): v for (r, d), v in wrong.items() if d in checked}
    assert by_driver == {
        (2, "philip-ellis"): 24,
        (3, "philip-ellis"): 24,
        (3, "robby-foley"): -2,
        (3, "parker-thompson"): -2,
        (4, "philip-ellis"): 24,
        (4, "robby-foley"): -2,
        (6, "philip-ellis"): 24,
        (6, "robby-foley"): -12,
        (7, "philip-ellis"): 24,
        (7, "robby-foley"): -12,
        (8, "philip-ellis"): 24,
        (8, "robby-foley"): -12,
        (8, "parker-thompson"): -22,
    }
    # The Cetilar crew, 2nd after Sebring, lose the pole they inherited: 3 points.
    assert wrong[(2, "roberto-lacorte")] == -3
