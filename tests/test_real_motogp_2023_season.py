"""MotoGP 2023 from nothing: all 20 rounds (19 Tissot Sprints, Phillip Island's cancelled, and 20
Grands Prix) imported from MotoGP's own classifications and scored by the shipped `motogp-2023`
preset, with nothing carried in. Every riders' table published during the season that was found
must come out of the classifications as printed, round by round: after rounds 1, 2, 3, 4, 8, 9, 10
and 13, the Grand Prix points alone at the end of the season and the final figures found
(sources: tests/data/motogp-2023/README.md).

One printed figure does not follow: Alex Marquez is printed with 94 points after round 10, where
his places give 92, though the same season gives every one of the 29 lines printed after round 9
and the other 28 after round 10. The test names that line."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path

from motogp import motogp_season
from podium.model import Season
from podium.rules import Ruleset, load_preset, parse_ruleset_text
from podium.standings import compute_standings
from published import carried_in_text, points_of, rows, table

DATA = Path(__file__).parent / "data" / "motogp-2023"
PUBLISHED = {
    1: "standings-after-r1.csv",
    2: "standings-after-r2.csv",
    3: "standings-after-r3.csv",
    4: "standings-after-r4.csv",
    8: "standings-after-r8.csv",
    9: "standings-after-r9.csv",
    10: "standings-after-r10.csv",
    13: "standings-after-r13.csv",
    20: "standings-final.csv",
}


@cache
def _season() -> Season:
    return motogp_season(2023, DATA, "season-calendar.csv", "season-results.csv")


def _after(last_round: int, rules: Ruleset) -> dict[str, Fraction]:
    """Riders' points after ``last_round``, the later rounds' results left out."""
    standings = compute_standings(_season(), rules, "riders", after_round=last_round)
    return {row.competitor: row.points for row in standings.rows}


def test_the_season_has_twenty_rounds_and_thirty_nine_races() -> None:
    season = _season()
    assert len(season.events) == 20
    assert sum(len(e.sessions) for e in season.events) == 39
    # Phillip Island: the Grand Prix brought forward to Saturday, no Sprint.
    assert [s.id for e in season.events if e.round == 16 for s in e.sessions] == ["r16-race"]
    assert len({r.session for r in season.results}) == 39


def test_every_published_table_of_the_season_from_nothing() -> None:
    """Each table printed after a round, every line printed, from the rounds up to it alone."""
    rules = load_preset("motogp-2023")
    checked = 0
    wrong: dict[tuple[int, str], tuple[Fraction, Fraction]] = {}
    unranked: dict[tuple[int, str], Fraction] = {}
    for last_round, sheet in PUBLISHED.items():
        published = table(DATA / sheet)
        computed = _after(last_round, rules)
        for rider, points in published.items():
            checked += 1
            if rider not in computed:
                unranked[(last_round, rider)] = points
            elif computed[rider] != points:
                wrong[(last_round, rider)] = (computed[rider], points)
    assert checked == 17 + 22 + 22 + 24 + 29 + 29 + 29 + 10 + 2
    # The one line of 184 that differs, named in tests/test_real_motogp_2023.py too: 75 after round
    # 9 (printed, and computed here), 6 for 4th in the Sprint and 11 for 5th in the Grand Prix.
    assert wrong == {(10, "alex-marquez"): (Fraction(92), Fraction(94))}
    # Pol Espargaro, hurt in practice at Portimao, is printed with 0 after rounds 2 and 8 though he
    # had raced in no session yet: podium ranks only riders with a result, so he has no line there.
    assert unranked == {(2, "pol-espargaro"): 0, (8, "pol-espargaro"): 0}
    assert "pol-espargaro" in _after(9, rules)


def test_the_whole_final_table() -> None:
    """Only the first two final figures were found in print; the table podium computes is the
    season's, 31 riders, and its order is the one the press gave (Binder 4th, Zarco 5th, Di
    Giannantonio 12th)."""
    standings = compute_standings(_season(), load_preset("motogp-2023"), "riders")
    order = [row.competitor for row in standings.rows]
    assert len(order) == 31
    assert order[:5] == [
        "francesco-bagnaia",
        "jorge-martin",
        "marco-bezzecchi",
        "brad-binder",
        "johann-zarco",
    ]
    assert order.index("fabio-di-giannantonio") == 11
    points = {row.competitor: row.points for row in standings.rows}
    assert points["francesco-bagnaia"] - points["jorge-martin"] == 39
    # Three riders raced without a point: Lecuona, Bautista (a wild card at Sepang) and nobody else
    # below them; Takumi Takahashi practised at Misano but raced in neither session.
    assert sorted(r for r, p in points.items() if p == 0) == ["alvaro-bautista", "iker-lecuona"]


def test_the_grand_prix_points_alone() -> None:
    """motorionline.com's table without the Sprints: scored with the Sprint paying nothing, the
    season must give every printed line, and Bagnaia would have won by 67, not 39."""
    preset = carried_in_text("motogp-2023", {}, "nothing carried in")
    sprint_table = "sprint = [12, 9, 7, 6, 5, 4, 3, 2, 1]"
    assert sprint_table in preset
    no_sprints = parse_ruleset_text(
        preset.replace(sprint_table, "sprint = [0]"),
        source="motogp-2023 without Sprints",
        default_id="motogp-2023",
    )
    computed = points_of(_season(), no_sprints, "riders")
    published = table(DATA / "standings-final-gp-only.csv")
    assert {r: computed[r] for r in published} == published
    assert len(published) == 16
    assert computed["francesco-bagnaia"] - computed["jorge-martin"] == 67


def test_the_results_sheet_is_the_apis_every_line() -> None:
    """836 lines, one per rider per session: the classified in order from 1, then those without a place."""
    lines = rows(DATA / "season-results.csv")
    assert len(lines) == 836
    for session in {(r["round"], r["session"]) for r in lines}:
        places = [r["position"] for r in lines if (r["round"], r["session"]) == session]
        classified = [int(p) for p in places if p]
        assert classified == list(range(1, len(classified) + 1))
        assert places[len(classified) :] == [""] * (len(places) - len(classified))
