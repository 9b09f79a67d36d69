"""IMSA WeatherTech SportsCar Championship 2024, GTD class, proven on published tables: the whole
season from the first session, nothing carried in. IMSA's classification of every GTD qualifying
session and race (ten rounds; Detroit had no GTD) is imported as printed, scored by the shipped
`imsa-2024` preset (qualifying 35, 32, 30 … 1; race 350, 320, 300 … 10; every driver of a car scores
its points), and the drivers' table after each round must be the one published, on every line that
could be read (sources: tests/data/imsa-2024/README.md).

The stored sheets are the results as first published; four decisions taken afterwards (Sebring
qualifying: #57's times disallowed and #023 sent to the back; Watkins Glen: #120 off the podium;
Petit Le Mans: #32 to the back after technical inspection) are applied as place penalties. Without
them the published table is not reproduced, and the test says exactly where.
"""

from __future__ import annotations

from fractions import Fraction
from importlib import resources

import pytest

from imsa import DATA, driver_class, imsa_season
from podium.model import Season, SessionKind
from podium.model.values import slug
from podium.rules import load_preset, parse_ruleset_text
from podium.standings import compute_standings
from published import differences, points_of, rows, tables_by_round

GTD_ROUNDS = (1, 2, 3, 4, 6, 7, 8, 9, 10, 11)  # Detroit (round 5) had no GTD race


def _season(*, decisions: bool = True) -> Season:
    """One entry per car and round, with every driver either sheet of the round lists."""
    return imsa_season(
        DATA, GTD_ROUNDS, driver_class("gtd", "GTD"), DATA / "decisions.csv" if decisions else None
    )


def _published() -> dict[int, dict[str, Fraction]]:
    return tables_by_round(DATA / "standings-published.csv")


def _computed(season: Season, after_round: int) -> dict[str, Fraction]:
    return points_of(season, load_preset("imsa-2024"), "gtd", after_round)


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


def test_the_leads_published_before_and_after_the_finale(season: Season) -> None:
    """Only the gap was printed before Petit Le Mans (222) and at the end (230): Ellis and Ward ahead
    of Foley and Gallagher."""
    gaps = rows(DATA / "gaps-published.csv")
    assert [int(g["after_round"]) for g in gaps] == [10, 11]
    for gap in gaps:
        computed = _computed(season, int(gap["after_round"]))
        assert computed[slug(gap["ahead"])] - computed[slug(gap["behind"])] == Fraction(gap["gap"])


def test_petit_le_mans_classifies_the_champions_eighth(season: Season) -> None:
    """#32, 4th on the sheet, was sent to the back after the race: #57 is 8th, as published (it is
    9th on the sheet)."""
    scores = compute_standings(season, load_preset("imsa-2024"), "gtd").row("philip-ellis").scores
    assert [(s.position, s.points) for s in scores if s.round == 11 and s.kind is SessionKind.RACE] == [
        (8, Fraction(230))
    ]


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
    wrong = differences(_published(), lambda after_round: _computed(raw, after_round))
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
