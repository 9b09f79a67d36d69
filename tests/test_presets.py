"""The non-F1 presets (IMSA 2020, IndyCar 2024, MotoGP 2024, WEC 2024) scoring small seasons by their
rules."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from builders import SeasonBuilder, order, points, row, standings
from podium.model import SessionKind
from podium.rules import find_ruleset, load_preset

IMSA_TABLE = [35, 32, 30, 28, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11]
IMSA_TABLE += [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]


def test_presets_say_where_they_come_from() -> None:
    for name in ("imsa-2020", "indycar-2024", "motogp-2024", "wec-2024"):
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


def _motogp(constructors: bool) -> SeasonBuilder:
    # For the constructors' table an entry's team is its manufacturer (see the preset's notes).
    b = SeasonBuilder()
    team = {"r1": "ducati-lenovo", "r2": "ducati-lenovo", "r3": "pramac", "r4": "ktm-factory"}
    maker = {"r1": "ducati", "r2": "ducati", "r3": "ducati", "r4": "ktm"}
    for rider in ("r1", "r2", "r3", "r4"):
        b.entry(rider, team=(maker if constructors else team)[rider])
    b.classification("riders")
    b.classification("teams" if not constructors else "constructors", competitor="team")
    b.event("sprint", "race")
    b.results("r1-sprint", "r3", "r1", "r2", "r4")  # 12, 9, 7, 6
    b.results("r1-race", "r1", "r3", "r2", "r4")  # 25, 20, 16, 13
    return b


def test_motogp_riders_teams_and_constructors() -> None:
    rules = load_preset("motogp-2024")
    season = _motogp(constructors=False).build()
    assert points(standings(season, rules, "riders")) == {"r1": 34, "r2": 23, "r3": 32, "r4": 19}
    # Teams: every rider counts.
    assert points(standings(season, rules, "teams")) == {"ducati-lenovo": 57, "pramac": 32, "ktm-factory": 19}
    # Constructors: the best Ducati in each session only (sprint 12, race 25).
    makers = standings(_motogp(constructors=True).build(), rules, "constructors")
    assert points(makers) == {"ducati": 37, "ktm": 19}


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
