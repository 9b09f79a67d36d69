"""BTCC 2023, checked on what was published about the finale: Brands Hatch GP, round 10, races 28-30
(sources: tests/data/btcc-2023/README.md). The season is carried in from the drivers' standings
Goodwood published after round 9 (readable to 23rd) and the three TSL classifications are imported
as printed, with the pole, fastest laps and lap leaders the race reports name.

No complete drivers' table after the finale was found, so what is checked after it is what was
published: the points still on offer before the finale (67), that only Sutton and Ingram could still
be champion, that Sutton was champion after race 1, the final order of the top four and Mikey
Doble's season total, which one point contradicts (the test names it; the round-9 line lacks his
Silverstone pole point, as tests/test_real_btcc_2023_season.py shows from the season's races). No
Independents' or Jack Sears Trophy table was found either: the Independents' scoring and the teams'
are checked on the same three races, not against a published table (no source read lists the Jack
Sears Trophy's drivers).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from podium.importers.podium_csv import read_entry_list, read_results
from podium.importers.resolve import resolve_results
from podium.model import (
    Classification,
    CompetitorKind,
    Eligibility,
    Event,
    Season,
    Series,
    Session,
    SessionKind,
)
from podium.model.values import slug
from podium.rules import Ruleset, load_preset, parse_ruleset_text
from podium.standings import compute_standings
from podium.title import Status, analyse
from podium.title.build import problem_from_season
from published import carried_in, carried_in_text, rows, table

DATA = Path(__file__).parent / "data" / "btcc-2023"
RACES = ("r10-race1", "r10-race2", "r10-race3")
INDEPENDENT_TEAMS = (
    "carstore-power-maxed-racing",
    "one-motorsport-with-starline-racing",
    "autobrite-direct-with-millers-oils",
    "go-fix-with-autoaid-breakdown",
    "re-beverages-and-bartercard-with-team-hard",
    "team-hard",
)
"""The independent entries of 2023 (Wikipedia's entry list: Power Maxed, One Motorsport, Team HARD's cars)."""


def _season() -> Season:
    entries = read_entry_list(DATA / "entries-r10.csv")
    finale = Event(
        round=10,
        id="brands-hatch-gp",
        name="Brands Hatch GP",
        date=date(2023, 10, 8),
        time_zone="Europe/London",
        sessions=tuple(
            Session(race, f"Race {n}", SessionKind.RACE, scheduled_laps=18, laps_completed=18)
            for n, race in enumerate(RACES, start=1)
        ),
    )
    independents = Eligibility(f"team.id in ({', '.join(repr(t) for t in INDEPENDENT_TEAMS)})")
    carried = {slug(r["driver"]) for r in rows(DATA / "standings-after-r9.csv")}
    season = Season(
        series=Series("btcc", "Kwik Fit British Touring Car Championship"),
        year=2023,
        ruleset="btcc-2023",
        classifications=(
            Classification("drivers", "Drivers", CompetitorKind.DRIVER),
            Classification("independents", "Independents' Trophy", CompetitorKind.DRIVER, independents),
            Classification("teams", "Teams", CompetitorKind.TEAM),
        ),
        drivers=entries.drivers,
        teams=entries.teams,
        entries=entries.entries,
        events=(finale,),
    )
    assert carried <= {d.id for d in entries.drivers}  # every carried-in driver raced the finale
    results = tuple(
        r for race in RACES for r in resolve_results(read_results(DATA / f"{race}.csv"), season, race)
    )
    return replace(season, results=results)


def _ruleset() -> Ruleset:
    return carried_in(
        "btcc-2023", table(DATA / "standings-after-r9.csv"), "standings after round 9 as published"
    )


def _points(classification: str = "drivers") -> dict[str, Fraction]:
    standings = compute_standings(_season(), _ruleset(), classification)
    return {row.competitor: row.points for row in standings.rows}


def test_the_finale_pays_the_bonuses_the_reports_name() -> None:
    """Race 1: Sutton's pole, fastest lap, lap led and win (20 + 3); race 2: his win, fastest lap and
    lap led (22); race 3: Hill's win, fastest lap and lap led (22), Jelley's lap led with his 3rd."""
    standings = compute_standings(_season(), load_preset("btcc-2023"), "drivers")
    by_race = {(s.session, row.competitor): s.total for row in standings.rows for s in row.scores}
    assert by_race[("r10-race1", "ashley-sutton")] == 20 + 1 + 1 + 1
    assert by_race[("r10-race2", "ashley-sutton")] == 20 + 1 + 1
    assert by_race[("r10-race3", "jake-hill")] == 20 + 1 + 1
    assert by_race[("r10-race3", "stephen-jelley")] == 15 + 1
    # The pole point is paid in race 1 only: Sutton's race 2 pole and Jelley's reversed-grid pole in
    # race 3 are on the sheets and pay nothing.
    assert by_race[("r10-race3", "ashley-sutton")] == 3  # 13th
    assert standings.row("ashley-sutton").points == 23 + 22 + 3


def test_before_the_finale_67_points_were_on_offer_and_two_could_win() -> None:
    """Published: "67 points left on the table and 45 points separating Sutton from ... Ingram"
    (Goodwood), "with 67 still on offer" (aboutmyarea.co.uk); "only two drivers entered the Brands
    Hatch finale with a chance" (Goodwood). Hill, 68 behind, was out even with the pole point."""
    season, rules = _season(), _ruleset()
    problem, _ = problem_from_season(season, rules, "drivers", after_round=0)
    assert [s.id for s in problem.sessions] == list(RACES)
    assert sum(s.max_points for s in problem.sessions) == 67
    assert [s.pole for s in problem.sessions] == [1, 0, 0]
    report = analyse(problem, conditions=False, decision=False, positions=False, paths=False)
    alive = [v.contestant.id for v in report.verdicts if v.status is not Status.ELIMINATED]
    assert alive == ["ashley-sutton", "tom-ingram"]
    assert report.champion is None
    points = {c.id: c.points for c in problem.contestants}
    assert points["ashley-sutton"] - points["tom-ingram"] == 45


def test_sutton_was_champion_after_race_1() -> None:
    """Published: Sutton "regains BTCC Drivers' Championship with rampant race one win" (The
    Checkered Flag); pole, fastest lap and the win in race 1 "ended any hopes" (Goodwood)."""
    problem, _ = problem_from_season(_season(), _ruleset(), "drivers", after_session="r10-race1")
    assert sum(s.max_points for s in problem.sessions) == 44
    report = analyse(problem, conditions=False, decision=False, positions=False, paths=False)
    assert report.champion is not None and report.champion.contestant.id == "ashley-sutton"
    points = {c.id: c.points for c in problem.contestants}
    assert points["ashley-sutton"] - points["tom-ingram"] == 45 + 23 - 17


def test_the_published_final_order_and_the_one_published_total() -> None:
    published = rows(DATA / "published-after-r10.csv")
    points = _points()
    order = sorted(points, key=lambda d: -points[d])
    placed = [slug(r["driver"]) for r in published if r["position"]]
    assert order[: len(placed)] == placed
    # Their totals were not found published; as podium computes them from the round-9 lines:
    assert [points[d] for d in placed] == [
        398 + 23 + 22 + 3,  # Sutton: pole, fastest lap, led, won; won, fastest lap, led; 13th
        353 + 17 + 17 + 13,  # Ingram: 2nd, 2nd, 4th
        330 + 10 + 10 + 22,  # Hill: 6th, 6th, won with the fastest lap, led
        293 + 13 + 0 + 6,  # Turkington: 4th, out of race 2, 10th
    ]
    # Mikey Doble: 60 after round 9 as Goodwood printed it, 14th in race 3 (2 points), out of races 1
    # and 2; Goodwood later gives his 2023 total as 63. The published round-9 line and the published
    # total cannot both be right: the whole season from nothing (test_real_btcc_2023_season.py) shows
    # the round-9 line lacks the point of his Silverstone pole.
    totals = {slug(r["driver"]): Fraction(r["points"]) for r in published if r["points"]}
    assert totals == {"mikey-doble": 63}
    assert points["mikey-doble"] == 60 + 2 == totals["mikey-doble"] - 1


def test_the_independents_score_by_their_own_places_without_bonuses() -> None:
    """No Independents' table was found; its scoring is checked on the finale: race 1's order among
    the independent cars is Thompson (3rd overall), Taylor-Smith, Cook, Watson, Lloyd, Patterson,
    Edwards, DeLeon, Crees; nobody independent took a bonus, and Jelley's led lap is no Independents'
    point (his team is a works one)."""
    standings = compute_standings(_season(), load_preset("btcc-2023"), "independents")
    lines = [(row.competitor, s) for row in standings.rows for s in row.scores]
    assert all(s.bonus == 0 for _, s in lines)
    race1 = {competitor: s.total for competitor, s in lines if s.session == "r10-race1"}
    assert race1 == {
        "bobby-thompson": 20,
        "aron-taylor-smith": 17,
        "josh-cook": 15,
        "andrew-watson": 13,
        "daniel-lloyd": 11,
        "dexter-patterson": 10,
        "jade-edwards": 9,
        "daryl-deleon": 8,
        "michael-crees": 7,
    }
    assert "stephen-jelley" not in {row.competitor for row in standings.rows}
    # Cook: 3rd, then 2nd behind Thompson in race 2 (7th and 5th overall), 1st in race 3 (2nd overall).
    assert standings.row("josh-cook").points == 15 + 17 + 20


def test_teams_score_their_two_best_cars_without_bonuses() -> None:
    standings = compute_standings(_season(), load_preset("btcc-2023"), "teams")
    # NAPA: Sutton 20 + Cammish 11 (race 1), Sutton 20 + Cammish 15 (race 2), Rowbottom 11 + Cammish 7
    # (race 3); Osborne never among the two best, and no pole, fastest-lap or lap-led points.
    assert standings.row("napa-racing-uk").points == 31 + 35 + 18


def test_a_pole_point_in_every_race_would_not_match_what_was_published() -> None:
    """Paid with every race's pole, the finale would offer 69 points, not the 67 published, and
    Sutton's race 2 pole and Jelley's reversed-grid pole would each score: the preset's
    ``sessions = ["race 1"]`` is what makes it right."""
    text = carried_in_text("btcc-2023", table(DATA / "standings-after-r9.csv"), "as published")
    race1_only = 'pole = { points = 1, sessions = ["race 1"] }'
    assert race1_only in text
    every_race = parse_ruleset_text(
        text.replace(race1_only, "pole = 1"), source="btcc-2023, pole in every race", default_id="btcc-2023"
    )
    problem, _ = problem_from_season(_season(), every_race, "drivers", after_round=0)
    assert sum(s.max_points for s in problem.sessions) == 69
    standings = compute_standings(_season(), every_race, "drivers")
    assert standings.row("ashley-sutton").points == 398 + 23 + 23 + 3
    assert standings.row("stephen-jelley").points == 110 + 8 + 7 + 15 + 1 + 1
