"""The non-F1 presets (Formula E 2024, IMSA 2020 and 2024, IndyCar 2019-2025, MotoGP 2023-2025,
BTCC 2023 and 2024, WEC 2024) scoring small seasons by their rules."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from builders import SeasonBuilder, order, points, points_in, row, standings
from podium.model import SessionKind
from podium.rules import find_ruleset, load_preset, preset_names
from podium.title import Status, analyse
from podium.title.build import problem_from_season

IMSA_TABLE = [35, 32, 30, 28, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11]
IMSA_TABLE += [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]


def test_presets_say_where_they_come_from() -> None:
    """Every preset beyond F1's (whose source is f1db) names its sources and what it assumes."""
    series = [name for name in preset_names() if not name.startswith("f1-")]
    assert len(series) >= 16
    for name in series:
        rules = load_preset(name)
        assert len(rules.sources) >= 2 and "ASSUMED" in rules.notes, name


def test_imsa_table_and_starters() -> None:
    imsa = find_ruleset("IMSA 2020")
    table = imsa.default.table(SessionKind.RACE)
    assert table is not None and list(table.values) == IMSA_TABLE
    b = SeasonBuilder(2020)
    b.race("a", "b", row("c", "DNF", laps=20), row("d", "DNF", laps=31), row("e", "DNS"))
    # Every starter scores: d (31 laps) 3rd, c 4th; e did not start.
    assert points(standings(b.build(), imsa)) == {"a": 35, "b": 32, "d": 30, "c": 28, "e": 0}


def test_imsa_ties_by_countback() -> None:
    b = SeasonBuilder(2020)
    b.race("a", "b", "c")
    b.race("b", "c", "a")  # a 35 + 30 = 65, b 32 + 35 = 67, c 30 + 32 = 62
    b.race("c", "a", "b")  # a 97, b 97, c 97: one win, one 2nd, one 3rd each
    table = standings(b.build(), find_ruleset("IMSA 2020"))
    assert order(table) == [(1, "a"), (1, "b"), (1, "c")]
    assert set(points(table).values()) == {F(97)}


def test_indycar_points_and_bonuses() -> None:
    b = SeasonBuilder()
    b.race(
        row("a", pole=True, laps_led=50, laps=100),
        row("b", laps_led=30, laps=100),
        row("c", "DNF", laps_led=20, laps=80),
        row("d", "DNF", laps=50),
        row("e", "DNS"),
    )
    # a: 50 + pole 1 + led 1 + most led 2; b: 40 + 1; c is ranked 3rd by laps: 35 + 1; d 32.
    assert points(standings(b.build(), load_preset("indycar-2024"))) == {
        "a": 54,
        "b": 41,
        "c": 36,
        "d": 32,
        "e": 0,
    }


def test_indycar_pays_five_down_to_thirty_third() -> None:
    b = SeasonBuilder()
    b.race(*[f"car{i:02d}" for i in range(1, 35)])
    got = points(standings(b.build(), load_preset("indycar-2024")))
    assert [got[f"car{i:02d}"] for i in (10, 11, 24, 25, 33, 34)] == [20, 19, 6, 5, 5, 0]


@pytest.mark.parametrize("year", [2023, 2025])
def test_indycar_2023_and_2025_score_as_2024(year: int) -> None:
    """Points, bonuses, the Indianapolis 500's qualifying points (no double points since 2023) and the
    disqualification rule are the 2024 ones; only the names, sources and notes differ."""
    other, base = load_preset(f"indycar-{year}"), load_preset("indycar-2024")
    assert (other.default, dict(other.variants)) == (base.default, dict(base.variants))
    assert other.name == f"NTT IndyCar Series {year}" and other.sources != base.sources
    (indy_500,) = [rule for rule in other.default.events if rule.event == "indianapolis-500"]
    assert indy_500.multiplier == 1 and not indy_500.multiply_bonuses


def _indy_500_then_a_road_course() -> SeasonBuilder:
    b = SeasonBuilder()
    event = b.event("qualifying", "race", event_id="indianapolis-500")
    b.results(event.sessions[0].id, "c", "a", "b")
    b.results(event.sessions[1].id, row("a", pole=True, laps_led=150), row("b", laps_led=50), "c")
    b.race(row("a", pole=True, laps_led=60), "b", "c")
    return b


def test_indycar_2022_pays_double_at_the_500_but_not_its_bonuses_or_qualifying() -> None:
    """The 2022 Indianapolis 500: 100 for the win and 80 for second; the lap-leader points stay 1 and 2
    and the top 12 qualifiers' points stay 12 down to 1; the next race pays single points again."""
    table = standings(_indy_500_then_a_road_course().build(), load_preset("indycar-2022"))
    assert points_in(table, 1, "qualifying") == {"c": 12, "a": 11, "b": 10}
    assert points_in(table, 1) == {"a": 100 + 1 + 2, "b": 80 + 1, "c": 70}
    assert points_in(table, 2) == {"a": 50 + 1 + 1 + 2, "b": 40, "c": 35}
    # From 2023 the 500 pays the ordinary table.
    later = standings(_indy_500_then_a_road_course().build(), load_preset("indycar-2023"))
    assert points_in(later, 1) == {"a": 50 + 1 + 2, "b": 40 + 1, "c": 35}


def _indy_500_then_rounds(rounds: int) -> SeasonBuilder:
    """The Indianapolis 500 as round 1 (ten qualifiers, so the Fast Nine's 9…1 can be told from 12…1),
    then ``rounds`` - 1 road races; each race is won by "a" (pole, most laps led) from "b" (a lap led)."""
    b = SeasonBuilder()
    event = b.event("qualifying", "race", event_id="indianapolis-500")
    cars = [f"q{i:02d}" for i in range(1, 11)]
    b.results(event.sessions[0].id, *cars)
    b.results(event.sessions[1].id, row("a", pole=True, laps_led=150), row("b", laps_led=50), "c")
    for _ in range(rounds - 1):
        b.race(row("a", pole=True, laps_led=60), row("b", laps_led=1), "c")
    return b


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_indycar_fast_nine_years_pay_nine_down_to_one_and_double_the_500(year: int) -> None:
    """2019-2021: the 500's top nine qualifiers score 9…1 (no pole point), its race table is doubled
    but not its lap-leader bonuses; the ordinary rounds pay the 2022 table."""
    table = standings(_indy_500_then_rounds(2).build(), load_preset(f"indycar-{year}"))
    qualifying = points_in(table, 1, "qualifying")
    assert [qualifying.get(f"q{i:02d}", 0) for i in range(1, 11)] == [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
    assert points_in(table, 1) == {"a": 100 + 1 + 2, "b": 80 + 1, "c": 70}
    assert points_in(table, 2) == {"a": 50 + 1 + 1 + 2, "b": 40 + 1, "c": 35}


@pytest.mark.parametrize(
    ("year", "group_rounds"), [(2019, {7, 8}), (2020, {3, 4, 10, 11, 12, 13}), (2021, set()), (2024, set())]
)
def test_indycar_doubleheaders_pay_the_second_qualifying_group_s_fastest(
    year: int, group_rounds: set[int]
) -> None:
    """2019's Detroit and 2020's road-course doubleheaders qualified in two groups with no knockout rounds:
    the pole sitter has the pole point as anywhere, and the fastest of the other group, second in qualifying,
    scores 1 too. Other rounds, and other years, pay nothing for qualifying outside the Indianapolis 500."""
    b = SeasonBuilder()
    for _ in range(13):
        event = b.event("qualifying", "race")
        b.results(event.sessions[0].id, "a", "b", "c")
        b.results(event.sessions[1].id, row("a", pole=True, laps_led=60), "b", "c")
    table = standings(b.build(), load_preset(f"indycar-{year}"))
    for round_number in range(1, 14):
        paid = {d: p for d, p in points_in(table, round_number, "qualifying").items() if p}
        assert paid == ({"b": F(1)} if round_number in group_rounds else {}), round_number
        assert points_in(table, round_number) == {"a": 50 + 1 + 1 + 2, "b": 40, "c": 35}


@pytest.mark.parametrize(("year", "finale"), [(2019, 2), (2020, 1), (2021, 1)])
def test_indycar_finale_doubles_in_2019_only(year: int, finale: int) -> None:
    """Round 17 (2019: Laguna Seca) pays double race points in 2019, the bonuses single; not from 2020."""
    table = standings(_indy_500_then_rounds(17).build(), load_preset(f"indycar-{year}"))
    assert points_in(table, 17) == {"a": 50 * finale + 1 + 1 + 2, "b": 40 * finale + 1, "c": 35 * finale}
    assert points_in(table, 16) == {"a": 50 + 1 + 1 + 2, "b": 40 + 1, "c": 35}


def _motogp() -> SeasonBuilder:
    # One entry list ranked three ways: by rider, by team, by manufacturer (the teams' group).
    b = SeasonBuilder()
    team = {"r1": "ducati-lenovo-team", "r2": "ducati-lenovo-team", "r3": "prima-pramac-racing"}
    team["r4"] = "red-bull-ktm-factory-racing"
    for rider in ("r1", "r2", "r3", "r4"):
        b.entry(rider, team=team[rider])
    b.team("ducati")
    b.team("ktm")
    b.classification("riders")
    b.classification("teams", competitor="team")
    b.classification("constructors", competitor="team")
    b.event("sprint", "race")
    b.results("r1-sprint", "r3", "r1", "r2", "r4")  # 12, 9, 7, 6
    b.results("r1-race", "r1", "r3", "r2", "r4")  # 25, 20, 16, 13
    return b


def test_motogp_riders_teams_and_constructors() -> None:
    rules = load_preset("motogp-2024")
    season = _motogp().build()
    assert points(standings(season, rules, "riders")) == {"r1": 34, "r2": 23, "r3": 32, "r4": 19}
    # Teams: every rider counts.
    teams = points(standings(season, rules, "teams"))
    assert teams == {"ducati-lenovo-team": 57, "prima-pramac-racing": 32, "red-bull-ktm-factory-racing": 19}
    # Constructors: the best Ducati in each session only (Pramac's 12 in the sprint, r1's 25 in the race).
    assert points(standings(season, rules, "constructors")) == {"ducati": 37, "ktm": 19}


@pytest.mark.parametrize(("laps", "winner"), [(17, F(25, 2)), (18, F(25))])
def test_motogp_interrupted_race(laps: int, winner: F) -> None:
    b = SeasonBuilder()
    b.event("race", scheduled_laps=27, laps_completed=laps)
    b.results("r1-race", "a", "b")
    assert points(standings(b.build(), load_preset("motogp-2024")))["a"] == winner


def test_motogp_ties_read_the_most_recent_race() -> None:
    b = SeasonBuilder()
    b.race("a", "b")
    b.race("b", "a")  # 45 each, one win and one 2nd each; b was better in the latest race
    assert order(standings(b.build(), load_preset("motogp-2024"))) == [(1, "b"), (2, "a")]


def _btcc_round(b: SeasonBuilder) -> None:
    e = b.event("race1", "race2", "race3")
    r1, r2, r3 = (s.id for s in e.sessions)
    # Race 1: a from pole, leads, and shares the fastest time with c (each gets the point); d out.
    b.results(
        r1,
        row("a", pole=True, laps_led=10, fastest_lap=True),
        "b",
        row("c", fastest_lap=True),
        row("d", "DNF"),
    )
    # Race 2: b's pole pays nothing (race 1 only); b and a both led; d, not classified, set the fastest lap.
    b.results(
        r2, row("b", pole=True, laps_led=6), row("a", laps_led=4), "c", row("d", "DNF", fastest_lap=True)
    )
    b.results(r3, "c", "b", "a", "d")


def test_btcc_bonuses_pole_in_race_1_only_fastest_laps_unshared() -> None:
    b = SeasonBuilder()
    b.entry("a", team="works")
    b.entry("b", team="works")
    b.entry("c", team="indie")
    b.entry("d", team="indie")
    b.classification("drivers")
    b.classification("independents", eligibility='team.id == "indie"', scoring="independents")
    b.classification("rookies", eligibility='driver.id in ("b", "d")', scoring="jack-sears-trophy")
    _btcc_round(b)
    rules = load_preset("btcc-2023")
    assert points(standings(b.build(), rules, "drivers")) == {
        "a": 20 + 1 + 1 + 1 + 17 + 1 + 15,
        "b": 17 + 20 + 1 + 17,
        "c": 15 + 1 + 15 + 20,
        "d": 0 + 1 + 13,
    }
    # Independents: c and d ranked among themselves (1st and 2nd), the same table, no bonus.
    assert points(standings(b.build(), rules, "independents")) == {"c": 20 + 20 + 20, "d": 0 + 0 + 17}
    # Jack Sears Trophy: b and d among themselves, no bonus (b's race 2 win and lap led pay 20 only).
    assert points(standings(b.build(), rules, "rookies")) == {"b": 20 + 20 + 20, "d": 0 + 0 + 17}


def test_btcc_2024_scores_as_2023() -> None:
    """Points, bonuses, trophies and teams are the 2023 ones; only the names, sources and notes differ."""
    other, base = load_preset("btcc-2024"), load_preset("btcc-2023")
    assert (other.default, dict(other.variants)) == (base.default, dict(base.variants))
    assert other.name.endswith("2024") and other.sources != base.sources


def test_btcc_round_pays_at_most_67() -> None:
    b = SeasonBuilder()
    b.race("a", "b")
    b.event("race1", "race2", "race3")
    problem, _ = problem_from_season(b.build(), load_preset("btcc-2023"), "drivers", after_round=1)
    assert [s.max_points for s in problem.sessions] == [23, 22, 22]


def _imsa_2024_weekend(b: SeasonBuilder, *sessions: str) -> None:
    """Three cars in GTD, each shared by two drivers, entered in the season and the Endurance Cup."""
    for car in ("c57", "c96", "c12"):
        if car not in b.entries:
            b.entry(car, f"{car}-pro", f"{car}-am", classes=("gtd", "gtd-mec"))
    b.event(*sessions)


def _imsa_2024_season() -> SeasonBuilder:
    b = SeasonBuilder()
    b.classification("gtd")
    b.classification("gtd-mec", scoring="michelin-endurance-cup")
    _imsa_2024_weekend(b, "qualifying", "segment6h", "segment12h", "segment18h", "race")  # Daytona
    b.results("r1-qualifying", "c96", "c57", "c12")
    b.results("r1-segment6h", "c12", "c96", "c57")
    b.results("r1-segment12h", "c57", "c12", "c96")
    b.results("r1-segment18h", "c57", "c96", "c12")
    b.results("r1-race", "c57", "c12", "c96")
    _imsa_2024_weekend(b, "qualifying", "segment4h", "segment8h", "race")  # Sebring
    b.results("r2-qualifying", "c12", "c57", "c96")
    b.results("r2-segment4h", "c96", "c12", "c57")
    b.results("r2-segment8h", "c96", "c57", "c12")
    b.results("r2-race", "c96", "c57", "c12")
    _imsa_2024_weekend(b, "qualifying", "race")  # Long Beach, a sprint: no Endurance Cup points
    b.results("r3-qualifying", "c57", "c96", "c12")
    b.results("r3-race", "c12", "c57", "c96")
    return b


def test_imsa_2024_tables() -> None:
    rules = load_preset("imsa-2024")
    race, qualifying = rules.default.table(SessionKind.RACE), rules.default.table(SessionKind.QUALIFYING)
    assert race is not None and list(race.values) == [10 * p for p in IMSA_TABLE]
    assert qualifying is not None and list(qualifying.values) == IMSA_TABLE
    assert rules.default.table(SessionKind.SEGMENT) is None
    cup = rules.scoring("michelin-endurance-cup")
    assert cup.table(SessionKind.QUALIFYING) is None
    for kind in (SessionKind.RACE, SessionKind.SEGMENT):
        table = cup.table(kind)
        assert table is not None and list(table.values) == [5, 4, 3] + [2] * 37


def test_imsa_2024_season_pays_qualifying_and_race_to_every_driver_of_a_car() -> None:
    season = _imsa_2024_season().build()
    got = points(standings(season, load_preset("imsa-2024"), "gtd"))
    # c57: qualifying 32 + 32 + 35, races 350 + 320 + 320; segments pay nothing here.
    assert got["c57-pro"] == got["c57-am"] == 32 + 32 + 35 + 350 + 320 + 320
    assert got["c96-pro"] == 35 + 30 + 32 + 300 + 350 + 300
    assert got["c12-pro"] == 30 + 35 + 30 + 320 + 300 + 350


def test_imsa_2024_endurance_cup_pays_segments_and_the_finish_only() -> None:
    """5, 4, 3 (and 2 for every other car) at each interval and at the finish of the endurance
    rounds; nothing for qualifying, nothing at Long Beach (round 3)."""
    season = _imsa_2024_season().build()
    got = points(standings(season, load_preset("imsa-2024"), "gtd-mec"))
    # c57: Daytona 3 + 5 + 5 + 5, Sebring 3 + 4 + 4.
    assert got["c57-pro"] == got["c57-am"] == 18 + 11
    assert got["c96-pro"] == 4 + 3 + 4 + 3 + 5 + 5 + 5
    assert got["c12-pro"] == 5 + 4 + 3 + 4 + 4 + 3 + 3
    assert points(standings(season, load_preset("imsa-2024"), "gtd-mec", after=2)) == got


def test_imsa_2024_endurance_cup_pays_two_to_every_other_car() -> None:
    b = SeasonBuilder()
    b.classification("gtd-mec", scoring="michelin-endurance-cup")
    b.event("segment3h", "race")
    b.results("r1-segment3h", *[f"car{i:02d}" for i in range(1, 24)])
    b.results("r1-race", *[f"car{i:02d}" for i in range(1, 24)])
    got = points(standings(b.build(), load_preset("imsa-2024"), "gtd-mec"))
    assert [got[f"car{i:02d}"] for i in (1, 2, 3, 4, 23)] == [10, 8, 6, 4, 4]


def test_imsa_2024_title_counts_the_segments_still_to_run() -> None:
    """After Daytona's 18-hour mark the Endurance Cup still has its finish to pay (5 to the winner):
    the title maths reads the segments like any session with a table."""
    season = _imsa_2024_season().build()
    rules = load_preset("imsa-2024")
    problem, _ = problem_from_season(season, rules, "gtd-mec", after_session="r1-segment18h")
    assert [s.id for s in problem.sessions] == ["r1-race", "r2-segment4h", "r2-segment8h", "r2-race"]
    assert all(s.table[:4] == (F(5), F(4), F(3), F(2)) for s in problem.sessions)
    report = analyse(problem, conditions=False, decision=False, paths=False)
    alive = {v.contestant.id for v in report.verdicts if v.status is Status.ALIVE}
    assert {"c57-pro", "c12-pro", "c96-pro"} <= alive


def test_formula_e_pole_and_fastest_lap_only_in_the_top_ten() -> None:
    rules = find_ruleset("Formula E 2024")
    b = SeasonBuilder()
    b.race(
        *[f"car{i:02d}" for i in range(1, 11)], row("car11", fastest_lap=True), row("car12", "DNF", pole=True)
    )
    b.race("car12", row("car10", fastest_lap=True), "car01")
    got = points(standings(b.build(), rules))
    # Race 1: a fastest lap set from 11th pays nobody; a retired pole-sitter keeps the pole's 3.
    # Race 2: car12 wins (25), car10 2nd with the fastest lap (18 + 1), car01 3rd (15).
    assert [got[c] for c in ("car01", "car10", "car11", "car12")] == [25 + 15, 1 + 18 + 1, 0, 3 + 25]
    assert sum(got.values()) == 101 + 3 + 58 + 1


def test_wec_race_length_and_pole() -> None:
    """Eight rounds: Qatar (1) and Bahrain (8) pay 38-27-23…, Le Mans (4) double points, the others
    25-18-15…; the pole point is 1 everywhere. Crews of two score like crews of three (in full)."""
    rules = load_preset("wec-2024")
    b = SeasonBuilder()
    b.entry("car-a", "a1", "a2", "a3")
    b.entry("car-b", "b1", "b2")
    for _ in range(8):
        b.race("car-a", row("car-b", pole=True))
    season = b.build()
    per_round = {n: points(standings(season, rules, after=n)) for n in range(9)}
    gained = {
        n: (
            per_round[n]["a1"] - per_round[n - 1].get("a1", 0),
            per_round[n]["b2"] - per_round[n - 1].get("b2", 0),
        )
        for n in range(1, 9)
    }
    won = {
        1: (38, 27),
        2: (25, 18),
        3: (25, 18),
        4: (50, 36),
        5: (25, 18),
        6: (25, 18),
        7: (25, 18),
        8: (38, 27),
    }
    # The winner's crew; the second car's, with its pole point (+ 1, never scaled).
    assert gained == {n: (F(first), F(second + 1)) for n, (first, second) in won.items()}
    assert per_round[8]["a3"] == per_round[8]["a1"] == 38 * 2 + 50 + 25 * 5


def test_wec_manufacturers_best_works_car_and_every_pole() -> None:
    """Only the best car of a manufacturer keeps its finishing points, ranked among the cars entered
    for manufacturers; a pole point of the other car still counts (Porsche after Qatar 2024: 38 + 1)."""
    rules = load_preset("wec-2024")
    b = SeasonBuilder()
    works = ("drivers", "manufacturers")
    b.entry("p6", team="porsche", classes=works)
    b.entry("p5", team="porsche", classes=works)
    b.entry("jota", team="porsche", classes=("drivers", "teams"))
    b.entry("t7", team="toyota", classes=works)
    b.classification("drivers")
    b.classification("manufacturers", competitor="team", scoring="manufacturers")
    b.classification("teams", competitor="entry")
    b.event("race", event_id="qatar")
    b.results("r1-race", "p6", "jota", row("p5", pole=True), "t7")
    season = b.build()
    assert points(standings(season, rules, "manufacturers")) == {"porsche": 38 + 1, "toyota": 23}
    assert points(standings(season, rules, "teams")) == {"jota": 38}
    assert points(standings(season, rules, "drivers")) == {"p6": 38, "jota": 27, "p5": 23 + 1, "t7": 18}
