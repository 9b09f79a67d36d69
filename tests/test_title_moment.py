"""Title questions are asked after a session, not after a round.

The seed's question is asked between the two races of Sebring's one Friday; Verstappen's 2023 title
was decided by the Qatar sprint on the Saturday. A title problem built "now" must keep the rest of
the round to run.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from typer.testing import CliRunner

from builders import SeasonBuilder, ruleset
from podium.cli import app
from podium.errors import ConsistencyError, NotFoundError
from podium.importers.alkamel import read_alkamel
from podium.model import Season
from podium.rules import f1_preset
from podium.standings import compute_standings
from podium.store import Store
from podium.store.demo import demo_folder
from podium.title import Status, analyse
from podium.title.analyst import Analyst
from podium.title.build import cutoff_session, problem_from_season
from podium.title.engine import make_engine
from podium.title.problem import SessionOutcome, advance
from podium.title.replay import replay_table
from storekit import (  # noqa: F401
    db_url_fixture,
    demo_fixture,
    demo_template_fixture,
    demo_url_fixture,
)

RULES = """
[ruleset]
name = "test"
[scoring.points]
race = [10, 6, 4, 3, 2, 1]
"""


def double_header() -> Season:
    """Two rounds of two races each; results for round 1 and the first race of round 2."""
    b = SeasonBuilder()
    for car in ("a", "b", "c"):
        b.entry(car)
    b.event("race1", "race2")
    b.event("race1", "race2")
    b.results("r1-race1", "a", "b", "c")
    b.results("r1-race2", "a", "b", "c")
    b.results("r2-race1", "b", "a", "c")
    return b.build()


def test_the_moment_is_the_latest_session_with_results() -> None:
    season = double_header()
    assert season.last_session_with_results == "r2-race1"
    assert cutoff_session(season) == "r2-race1"
    assert cutoff_session(season, after_round=1) == "r1-race2"
    assert cutoff_session(season, after_round=0) is None
    assert cutoff_session(season, after_session="r1-race1") == "r1-race1"
    with pytest.raises(NotFoundError):
        cutoff_session(season, after_session="r9-race")
    with pytest.raises(ConsistencyError):
        cutoff_session(season, after_round=1, after_session="r1-race1")


def test_season_until_forgets_later_results_and_penalties() -> None:
    season = double_header()
    before = season.until("r1-race2")
    assert {r.session for r in before.results} == {"r1-race1", "r1-race2"}
    assert season.until(None).results == ()
    assert season.until("r2-race1") is season  # nothing later to forget


def test_between_two_races_of_a_round_the_second_is_still_to_run() -> None:
    season = double_header()
    problem, link = problem_from_season(season, ruleset(RULES), "drivers")
    assert [s.id for s in problem.sessions] == ["r2-race2"]
    assert problem.moment is not None
    assert (problem.moment.session, problem.moment.round, problem.moment.round_complete) == (
        "r2-race1",
        2,
        False,
    )
    points = {c.id: c.points for c in problem.contestants}
    assert points == {"a": 10 + 10 + 6, "b": 6 + 6 + 10, "c": 12}
    report = analyse(problem, verify=lambda c: replay_table(link, c))
    assert report.verdict("a").status == Status.ALIVE  # 26 to 22 with 10 points still to win
    assert report.verdict("b").status == Status.ALIVE
    # After the whole round, nothing is left and a is champion.
    problem, _ = problem_from_season(season, ruleset(RULES), "drivers", after_round=1)
    assert [s.id for s in problem.sessions] == ["r2-race1", "r2-race2"]


def test_sebring_race_15_leaves_race_16_to_run(demo: Store) -> None:
    """The seed's exact moment: race 15 in, race 16 not run. Kingsley (510) and Dickinson (482)
    are both alive; before this fix the title was called for Kingsley."""
    sheet = read_alkamel(demo_folder() / "results" / "r08-race-1-alkamel.csv")
    demo.import_results("gt3-usa-2020", "r08-race-1", sheet, reason="official results")
    season, rules = demo.season("gt3-usa-2020")
    problem, link = problem_from_season(season, rules, "platinum")
    assert [s.id for s in problem.sessions] == ["r08-race-2"]
    report = analyse(problem, verify=lambda c: replay_table(link, c), conditions=False, decision=False)
    assert report.verdict("Jeff Kingsley").status == Status.ALIVE
    assert report.verdict("Riley Dickinson").status == Status.ALIVE
    assert report.verdict("Jake McAlister").status == Status.ELIMINATED
    assert report.champion is None


def test_adjustment_only_competitors_have_a_line_and_a_title_problem() -> None:
    """A season that starts from carried-in points: a driver whose only points are an adjustment
    is in the standings and in the title problem (podium title used to crash replaying him)."""
    b = SeasonBuilder()
    for car in ("a", "b"):
        b.entry(car)
    b.entry("c")
    b.event("race")
    b.event("race")
    b.results("r1-race", "a", "b")
    season = b.build()
    rules = ruleset(
        RULES
        + """
[[scoring.adjustments]]
competitor = "c"
round = 1
points = 15
reason = "points carried in from the first half of the season"
"""
    )
    table = compute_standings(season, rules, "drivers")
    assert [(r.competitor, r.points) for r in table.rows] == [
        ("c", Fraction(15)),
        ("a", Fraction(10)),
        ("b", Fraction(6)),
    ]
    problem, link = problem_from_season(season, rules, "drivers")
    assert problem.contestant("c").points == 15
    report = analyse(problem, verify=lambda c: replay_table(link, c), decision=False)
    assert report.verdict("c").status == Status.ALIVE
    assert report.verdict("a").status == Status.ALIVE
    assert report.verdict("b").status == Status.ALIVE


@pytest.mark.slow
def test_verstappen_2023_clinched_with_the_qatar_sprint(f1db_season) -> None:  # type: ignore[no-untyped-def]
    data = f1db_season(2023)
    rules = f1_preset(2023)

    def clinched(after_round: int | None = None, after_session: str | None = None) -> bool:
        problem, link = problem_from_season(
            data.season, rules, "drivers", after_round, after_session=after_session, field_as_next_round=True
        )
        analyst = Analyst(problem, make_engine(problem, "cpsat"), verify=lambda c: replay_table(link, c))
        return analyst.beaten_or_tied("max-verstappen") is None

    assert not clinched(after_round=16)
    assert clinched(after_session="r17-sprint")
    problem, _ = problem_from_season(
        data.season, rules, "drivers", after_session="r17-sprint", field_as_next_round=True
    )
    assert problem.sessions[0].id == "r17-race"
    assert problem.contestant("max-verstappen").points == Fraction(400 + 7)


def test_advancing_through_the_rest_of_a_round_matches_the_round_built_whole() -> None:
    """Event drops count a round as one result: the second race of a begun round adds to it."""
    b = SeasonBuilder()
    for car in ("a", "b", "c"):
        b.entry(car)
    b.event("race1", "race2")
    b.event("race1", "race2")
    b.event("race1", "race2")
    b.results("r1-race1", "a", "b", "c")
    b.results("r1-race2", "a", "b", "c")
    b.results("r2-race1", "c", "b", "a")
    b.results("r2-race2", "c", "a", "b")
    season = b.build()
    rules = ruleset(RULES + '[scoring.counting]\nbest = 1\ndrop_unit = "event"\n')
    mid, _ = problem_from_season(season, rules, "drivers", after_session="r2-race1")
    outcome = SessionOutcome("r2-race2", ("c", "a", "b"))
    after = advance(mid, outcome)
    whole, _ = problem_from_season(season, rules, "drivers", after_round=2)
    assert {c.id: c.points for c in after.contestants} == {c.id: c.points for c in whole.contestants}
    assert {c.id: c.points for c in whole.contestants} == {"a": 20, "b": 12, "c": 20}


def test_the_command_line_asks_after_a_session(demo: Store, demo_url: str) -> None:
    """`podium title SEASON` answers after the latest session; `--after` picks an earlier one."""
    sheet = read_alkamel(demo_folder() / "results" / "r08-race-1-alkamel.csv")
    demo.import_results("gt3-usa-2020", "r08-race-1", sheet, reason="official results")
    runner = CliRunner()
    args = ["title", "gt3-usa-2020", "-c", "platinum", "--no-conditions", "--json", "--database", demo_url]
    now = json.loads(runner.invoke(app, args).stdout)
    statuses = {row["name"]: row["status"] for row in now["competitors"]}
    assert statuses["Jeff Kingsley"] == statuses["Riley Dickinson"] == "alive"
    before = runner.invoke(app, [*args, "--after", "r07-race-2"])
    assert before.exit_code == 0, before.output
    unknown = runner.invoke(app, [*args, "--after", "r99-race"])
    assert unknown.exit_code == 2 and "r99-race" in unknown.output
