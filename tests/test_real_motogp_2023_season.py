"""MotoGP 2023 from nothing: all 20 rounds (19 Tissot Sprints, Phillip Island's cancelled, and 20
Grands Prix) imported from MotoGP's own classifications and scored by the shipped `motogp-2023`
preset, with nothing carried in. Every riders' table published during the season that was found
must come out of the classifications as printed, round by round: after rounds 1, 2, 3, 4, 8, 9, 10
and 13, the Grand Prix points alone at the end of the season and the final figures found; every
constructors' figure found: the table printed after round 10 round by round (50 figures), the
tables after the round-15 Sprint and round 15 and the final table; and the teams' and
constructors' totals and gaps printed in prose after rounds 1, 10, 11, 13, 16 and 19 (sources:
tests/data/motogp-2023/README.md).

The constructors' tables show that Tech3's GASGAS-badged bikes score for KTM, as the preset now says:
KTM's 11 at the Americas and 22 in France are Augusto Fernandez's places, and the final 373 needs
them. Two riders' lines do not follow and are named: Alex Marquez is printed with 94 points after
round 10, where his places give 92 (the same season gives every one of the 29 lines printed after
round 9 and the other 28 after round 10), and Pol Espargaro is printed with 0 before he had raced."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from functools import cache
from pathlib import Path

from motogp import by_round, motogp_season
from podium.model import Season, Team
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
    return motogp_season(2023, DATA, "season-calendar.csv", "season-results.csv", "season-riders.csv")


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
    # Two riders raced without a point, Lecuona and Bautista (a wild card at Sepang); goridesports.com
    # names Takumi Takahashi as a third, but he only practised at Misano (the API has him in FP2 and
    # Practice, in neither race), so he has no line.
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


def _constructors(season: Season) -> dict[str, Fraction]:
    return points_of(season, load_preset("motogp-2023"), "constructors")


def test_constructors_round_by_round_to_austria() -> None:
    """fr.motorsport.com's table after round 10 prints each manufacturer's points of each round:
    all 50 figures from the classifications, each round on its own."""
    published = by_round(DATA / "constructors-after-r10.csv", "constructor")
    rules = load_preset("motogp-2023")
    totals = [
        {row.competitor: row.points for row in compute_standings(_season(), rules, "constructors", n).rows}
        for n in range(11)
    ]
    computed = {m: [totals[n][m] - totals[n - 1].get(m, 0) for n in range(1, 11)] for m in published}
    assert computed == published


def test_tech3s_gasgas_bikes_score_for_ktm() -> None:
    """Scored as a constructor of its own (as the preset had it, after motorsport.com's round-1 table
    printed a GASGAS line), GASGAS would take KTM's 3 at the Americas and 3 in France, and KTM would
    end on 367, not the 373 printed."""
    preset = carried_in_text("motogp-2023", {}, "nothing carried in")
    merged = 'ktm = ["red-bull-ktm-factory-racing", "gasgas-factory-racing-tech3"]'
    assert merged in preset
    apart = parse_ruleset_text(
        preset.replace(
            merged, 'ktm = ["red-bull-ktm-factory-racing"]\ngasgas = ["gasgas-factory-racing-tech3"]'
        ),
        source="motogp-2023, GASGAS apart",
        default_id="motogp-2023",
    )
    season = _season()
    season = replace(season, teams=(*season.teams, Team("gasgas", "GASGAS")))
    computed = points_of(season, apart, "constructors")
    assert computed["ktm"] == 367
    assert computed["gasgas"] == 80
    assert _constructors(_season())["ktm"] == 373


def test_constructors_after_round_one_and_the_gasgas_line() -> None:
    """Every line of motorsport.com's table after round 1 but GASGAS's 3, which is Augusto
    Fernandez's 8th place counted apart; KTM's 16 (Miller's 6 and Binder's 10) is the same either way."""
    published = table(DATA / "constructors-after-r1.csv", "constructor")
    computed = {
        row.competitor: row.points
        for row in compute_standings(_season(), load_preset("motogp-2023"), "constructors", 1).rows
    }
    assert {m: p for m, p in published.items() if m != "gasgas"} == computed
    assert published["gasgas"] == 3


def points_of_after(season: Season, rules: Ruleset, last_round: int) -> dict[str, Fraction]:
    standings = compute_standings(season, rules, "constructors", last_round)
    return {row.competitor: row.points for row in standings.rows}


def test_constructors_after_indonesia_and_at_the_end() -> None:
    season = _season()
    sprint_only = replace(season, results=tuple(r for r in season.results if r.session != "r15-race"))
    rules = load_preset("motogp-2023")
    after_sprint = points_of_after(sprint_only, rules, 15)
    assert after_sprint == table(DATA / "constructors-after-r15-sprint.csv", "constructor")
    after_15 = {
        row.competitor: row.points for row in compute_standings(season, rules, "constructors", 15).rows
    }
    published = table(DATA / "constructors-after-r15.csv", "constructor")
    assert {m: after_15[m] for m in published} == published
    assert _constructors(season) == table(DATA / "constructors-final.csv", "constructor")


def test_teams_and_constructors_figures_printed_in_prose() -> None:
    """Every total and gap printed after rounds 1, 10, 11, 13, 16 and 19 (31 figures, teams and
    constructors): Prima Pramac's 436, 526 and 620, Ducati Lenovo's 531 with Pirro's and Petrucci's
    points on Bastianini's bike, the manufacturers' gaps."""
    rules = load_preset("motogp-2023")
    lines = rows(DATA / "published-figures.csv")
    computed: dict[tuple[int, str], dict[str, Fraction]] = {}
    for line in lines:
        key = (int(line["round"]), line["classification"])
        if key not in computed:
            standings = compute_standings(_season(), rules, key[1], key[0])
            computed[key] = {row.competitor: row.points for row in standings.rows}
        points = computed[key]
        figure = points[line["competitor"]] - (points[line["minus"]] if line["minus"] else 0)
        assert figure == Fraction(line["points"]), line
    assert len(lines) == 31


def test_replacements_score_for_the_team_and_wild_cards_do_not() -> None:
    """Ducati Lenovo's 531 after round 19 is Bagnaia's and Bastianini's points and the 10 Pirro and
    Petrucci scored on Bastianini's bike; entered as wild cards instead, the line would be 521."""
    rules = load_preset("motogp-2023")
    riders = points_of(_season(), rules, "riders")
    standings = compute_standings(_season(), rules, "teams", 19)
    lenovo = {row.competitor: row.points for row in standings.rows}["ducati-lenovo-team"]
    after_19 = _after(19, rules)
    assert lenovo == after_19["francesco-bagnaia"] + after_19["enea-bastianini"] + 5 + 5 == 531
    assert riders["michele-pirro"] == riders["danilo-petrucci"] == 5
