"""Classifications as printed, per-session and per-event rules, what a disqualified car keeps, and
standings carried in: the rules real series publish (issue 13), on seasons small enough to check
every figure by hand."""

from __future__ import annotations

import random
from fractions import Fraction as F

from builders import SeasonBuilder, order, points, points_in, row, ruleset, standings
from podium.rules import TieBreakStep
from podium.title import Status, analyse
from podium.title.build import problem_from_season
from podium.title.replay import replay
from title_strategies import random_completion

STARTERS = """
[scoring]
scorers = "starters"

[scoring.points]
race = [50, 40, 35, 32, 30, 28, 26]
"""


# -- 1. classifications as printed -----------------------------------------------------------------


def _printed(with_places: bool) -> SeasonBuilder:
    """a and b ran to the end; c retired on lap 90 but is printed 3rd, ahead of d, who was running
    20 laps down; e retired on lap 90 too and is printed 5th although its id sorts after c's only by
    luck; f was disqualified and printed last."""
    b = SeasonBuilder()

    def place(n: int) -> int | None:
        return n if with_places else None

    b.race(
        row("a", laps=100),
        row("b", laps=99),
        row("e", "DNF", laps=90, place=place(3)),
        row("d", laps=80, place=place(4)),
        row("c", "DNF", laps=90, place=place(5)),
        row("f", "DSQ", laps=100, place=place(6)),
    )
    return b


def test_printed_places_are_authoritative_for_starters() -> None:
    table = standings(_printed(with_places=True).build(), STARTERS)
    assert points(table) == {"a": 50, "b": 40, "e": 35, "d": 32, "c": 30, "f": 0}
    assert points_in(table, 1)["f"] == 0


def test_without_printed_places_podium_orders_retirements_by_laps_then_id() -> None:
    table = standings(_printed(with_places=False).build(), STARTERS)
    # Running cars first (a, b, d), then the retirements by laps, equal laps by id (c before e);
    # the disqualified car is not ranked.
    assert points(table) == {"a": 50, "b": 40, "d": 35, "c": 32, "e": 30, "f": 0}


def test_starters_the_sheet_leaves_without_a_place_follow_the_placed_cars() -> None:
    """A sheet may print places for some retirements and only "DNF" for others (crash.net at Iowa
    2024, race 2): the unplaced starters still score, after every placed car, most laps first, then
    by id; the disqualified car without a place is not ranked."""
    b = SeasonBuilder()
    b.race(
        row("a", laps=100),
        row("b", "DNF", laps=99, place=2),
        row("c", laps=98, place=3),
        row("e", "DNF", laps=40),
        row("d", "DNF"),
        row("f", "DSQ", laps=100),
        row("g", "DNS"),
    )
    assert points(standings(b.build(), STARTERS)) == {
        "a": 50,
        "b": 40,
        "c": 35,
        "e": 32,
        "d": 30,
        "f": 0,
        "g": 0,
    }


def test_a_penalised_car_behind_cars_with_fewer_laps_keeps_its_place() -> None:
    b = SeasonBuilder()
    b.race(row("a", laps=50), row("b", laps=49), row("c", laps=50))  # c: a post-race penalty
    assert points(standings(b.build(), STARTERS)) == {"a": 50, "b": 40, "c": 35}


# -- 2. per-session and per-event rules ---------------------------------------------------------------

INDY = """
[scoring]
scorers = "starters"
disqualified_keeps = ["pole"]

[scoring.points]
race = [50, 40, 35]

[scoring.bonus]
pole = 1
led_a_lap = 1
most_laps_led = 2

[[scoring.events]]
event = "indianapolis-500"
points = { qualifying = [12, 11] }
bonus = { pole = 0 }
reason = "the 500: qualifying points instead of the pole point"
"""


def _indy() -> SeasonBuilder:
    b = SeasonBuilder()
    b.race(row("a", pole=True, laps_led=10), row("b", laps_led=30), row("c"))
    event = b.event("qualifying", "race", event_id="indianapolis-500")
    b.results(event.sessions[0].id, "c", "a", "b")
    b.results(event.sessions[1].id, row("b", pole=True, laps_led=5), "a", row("c", laps_led=100))
    return b


def test_qualifying_pays_at_the_500_only_and_the_pole_point_is_off_there() -> None:
    b = _indy()
    e = b.event("qualifying", "race")  # an ordinary round: its qualifying pays nothing
    b.results(e.sessions[0].id, "a", "b", "c")
    b.results(e.sessions[1].id, row("c", pole=True), "a", "b")
    table = standings(b.build(), INDY)
    assert points_in(table, 2, "qualifying") == {"c": 12, "a": 11, "b": 0}
    assert points_in(table, 2) == {"b": 51, "a": 40, "c": 38}  # no pole point for b at the 500
    assert points_in(table, 3) == {"c": 51, "a": 40, "b": 35}  # the ordinary pole point is back
    assert "qualifying" not in {s.kind.value for s in table.row("a").scores if s.round == 3}


def test_points_still_available_follow_the_same_per_event_rules() -> None:
    b = SeasonBuilder()
    b.race("a", "b", "c")
    b.event("qualifying", "race", event_id="indianapolis-500")
    b.event("qualifying", "race")
    problem, _ = problem_from_season(b.build(), ruleset(INDY), "drivers", after_round=1)
    sessions = {s.id: s for s in problem.sessions}
    assert sorted(sessions) == ["r2-qualifying", "r2-race", "r3-race"]
    assert sessions["r2-qualifying"].table == (F(12), F(11))
    assert (sessions["r2-race"].pole, sessions["r3-race"].pole) == (F(0), F(1))
    assert sessions["r2-race"].max_points == 50 + 1 + 2


BTCC = """
[scoring.points]
race = [20, 17, 15]

[scoring.bonus]
pole = { points = 1, sessions = ["race 1"] }
led_a_lap = 1
"""


def test_a_pole_point_in_the_first_race_of_a_round_only() -> None:
    b = SeasonBuilder()
    e = b.event("race1", "race2", "race3")
    for s, first in zip(e.sessions, ("a", "b", "c"), strict=True):
        others = [x for x in ("a", "b", "c") if x != first]
        b.results(s.id, row(first, pole=True), *others)
    table = standings(b.build(), BTCC)
    # race 1: a (pole) b c; race 2: b (pole) a c; race 3: c (pole) a b. Only a's pole pays.
    assert points(table) == {"a": 20 + 1 + 17 + 17, "b": 17 + 20 + 15, "c": 15 + 15 + 20}
    problem, _ = problem_from_season(b.build(), ruleset(BTCC), "drivers", after_round=0)
    assert [s.pole for s in problem.sessions] == [1, 0, 0]


def test_double_points_multiply_bonuses_only_when_the_rules_say_so() -> None:
    base = """
[scoring.points]
race = [10, 6]

[scoring.bonus]
pole = 1

[[scoring.events]]
event = "finale"
multiplier = 2
"""
    b = SeasonBuilder()
    b.race(row("a", pole=True), "b", event_id="finale")
    assert points(standings(b.build(), base)) == {"a": 21, "b": 12}
    doubled = base + "multiply_bonuses = true\n"
    assert points(standings(b.build(), doubled)) == {"a": 22, "b": 12}
    problem, _ = problem_from_season(b.build(), ruleset(doubled), "drivers", after_round=0)
    assert (problem.sessions[0].table, problem.sessions[0].pole) == ((F(20), F(12)), F(2))


def test_a_distance_band_for_sprints() -> None:
    rules = """
[scoring.points]
race = [25, 20]
sprint = [12, 9]

[[scoring.distance]]
below = "2/3"
factor = "1/2"
sessions = ["sprint"]
"""
    b = SeasonBuilder()
    e = b.event("sprint", "race", scheduled_laps=12, laps_completed=6)
    b.results(e.sessions[0].id, "a", "b")
    b.results(e.sessions[1].id, "b", "a")
    assert points(standings(b.build(), rules)) == {"a": 6 + 20, "b": F(9, 2) + 25}


# -- 3. what a disqualified car keeps ---------------------------------------------------------------


def test_a_disqualified_car_keeps_its_pole_point_only() -> None:
    b = SeasonBuilder()
    b.race(
        row("b", laps_led=20),
        row("c"),
        row("a", "DSQ", pole=True, laps_led=80, place=3),
    )
    table = standings(b.build(), INDY)
    # a led most laps and is disqualified: it keeps the pole point; nobody else takes the 2 points.
    assert points(table) == {"b": 50 + 1, "c": 40, "a": 1}
    everything = INDY.replace('disqualified_keeps = ["pole"]', "")
    assert points(standings(b.build(), everything))["a"] == 1 + 1 + 2


# -- 4. standings carried in -------------------------------------------------------------------------


def test_a_season_starts_from_published_standings_with_their_places() -> None:
    carried = """
[scoring.points]
race = [10, 6, 4]

[[scoring.adjustments]]
competitor = "a"
points = 20
places = [1, 1]
round = 0
reason = "standings as published"

[[scoring.adjustments]]
competitor = "b"
points = 20
places = [0, 2, 1]
round = 0
reason = "standings as published"

[[scoring.adjustments]]
competitor = "z"
points = 4
places = [0, 0, 1]
round = 0
reason = "standings as published; no race since"
"""
    b = SeasonBuilder()
    b.driver("z")  # entered in the season, no race loaded
    b.race("c", "a", "b")
    table = standings(b.build(), carried)
    assert points(table) == {"a": 26, "b": 24, "c": 10, "z": 4}
    b.race("c", "b", "a")
    table = standings(b.build(), carried)
    # a and b level on 30: a has the carried win.
    assert points(table)["a"] == points(table)["b"] == 30
    assert order(table)[:2] == [(1, "a"), (2, "b")]
    assert (table.row("a").wins, table.row("b").wins) == (1, 0)
    assert table.row("a").decided_by is TieBreakStep.COUNTBACK
    # Without the carried win a has 2, 1 against b's 3, 2 second and third places.
    tie = carried.replace("places = [1, 1]", "places = [0, 1]")
    assert order(standings(b.build(), tie))[:2] == [(1, "b"), (2, "a")]


# -- 4. one entry ranked by team and by manufacturer (MotoGP constructors) -------------------------

MAKERS = """
[scoring.points]
race = [10, 6, 4, 3]

[classifications.makers]
cars_scoring = 1

[classifications.makers.team_groups]
m = ["t", "u"]
"""


def test_the_title_of_a_make_counts_its_best_bike_whichever_team_entered_it() -> None:
    """Round 1: u1, t1, t2, k1 (m 10, k 3); round 2: t2, k1, u1, t1 (m 10, k 6); one race left.
    m's 20 is out of k's reach (9 + 10): m has clinched, whichever of its teams scores. Scored by
    team instead, t (16) and u (14) could both still be beaten by k."""
    b = SeasonBuilder()
    b.entry("t1", "a", team="t")
    b.entry("t2", "b", team="t")
    b.entry("u1", "c", team="u")
    b.entry("k1", "d", team="k")
    b.team("m")
    b.classification("makers", competitor="team")
    b.race("u1", "t1", "t2", "k1")
    b.race("t2", "k1", "u1", "t1")
    b.event("race")
    problem, link = problem_from_season(b.build(), ruleset(MAKERS), "makers", after_round=2)
    cars = {c.id: c.cars for c in problem.contestants}
    assert cars == {"m": ("m#1", "m#2", "m#3"), "k": ("k",)}
    assert problem.cars_scoring == 1
    report = analyse(problem)
    assert (report.verdict("m").status, report.verdict("k").status) == (Status.CLINCHED, Status.ELIMINATED)
    rng = random.Random(13)
    for _ in range(6):
        completion = random_completion(problem, rng)
        assert points(replay(link, completion)) == points(replay(link, completion, whole=True))
