"""One ranking for the title report and the standings: the leader follows the whole tie-break chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from podium.importers.f1db import F1dbSeason
from podium.present.text import Text
from podium.rules import f1_preset
from podium.standings import ClassificationScores
from podium.title import analyse, parse_scenario
from podium.title.build import problem_from_season
from podium.title.order import standing_order, tie_break
from podium.title.replay import replay_table

LEVEL = """
title = "Level at the top"
classification = "Cup"
[rules]
points = [10, 6, 4, 3]
scoring = "classified"
tiebreak = "countback"
[[competitors]]
name = "Alice Zed"
points = "100"
countback = [2, {alice_seconds}]
[[competitors]]
name = "Bob Able"
points = "100"
countback = [{bob_wins}, 1]
[[competitors]]
name = "Carl Mid"
points = "95"
countback = [4]
[[remaining]]
name = "Final"
starters = 4
"""


def level(bob_wins: int, alice_seconds: int = 0) -> str:
    return LEVEL.format(bob_wins=bob_wins, alice_seconds=alice_seconds)


def test_the_leader_on_countback_is_listed_first_and_said_to_lead_on_wins() -> None:
    """Alice and Bob have 100 points each; Bob has 3 wins to Alice's 2. Bob leads, though "Alice"
    comes first by name and by id (the report once sorted level points by name)."""
    problem = parse_scenario(level(bob_wins=3))
    assert [c.name for c in standing_order(problem)] == ["Bob Able", "Alice Zed", "Carl Mid"]
    report = analyse(problem, conditions=False, decision=False, positions=False)
    assert [v.contestant.name for v in report.verdicts] == ["Bob Able", "Alice Zed", "Carl Mid"]
    assert (
        Text("en")
        .press(report)
        .startswith(
            "Bob Able and Alice Zed are level on 100 points in Cup with 1 race left; "
            "Able leads on wins (3 to 2)."
        )
    )
    assert (
        Text("fr")
        .press(report)
        .startswith(
            "Bob Able et Alice Zed sont à égalité avec 100 points au classement Cup, "
            "à 1 course de la fin\u00a0; "
            "Able est devant au nombre de victoires (3 contre 2)."
        )
    )


def test_level_on_wins_the_press_names_the_place_that_decides() -> None:
    problem = parse_scenario(level(bob_wins=2, alice_seconds=3))
    alice, bob = problem.find("Alice Zed"), problem.find("Bob Able")
    assert standing_order(problem)[:2] == [alice, bob]
    fact = tie_break(problem, alice, bob)
    assert fact is not None and (fact.place, fact.ahead, fact.behind) == (2, 3, 1)
    assert tie_break(problem, bob, alice) is None  # Bob is not ahead of Alice
    report = analyse(problem, conditions=False, decision=False, positions=False)
    assert "; Zed leads on 2nd places (3 to 1)." in Text("en").press(report)
    assert "\u00a0; Zed est devant au nombre de 2es places (3 contre 1)." in Text("fr").press(report)


def test_a_tie_the_chain_cannot_break_follows_the_standings_order() -> None:
    """Fully level (points and countback): the problem's ``order`` (the standings' rows) decides;
    without it, ``rank``'s own order (by id). An order gone stale (points changed since) loses to
    the points."""
    problem = parse_scenario(level(bob_wins=2, alice_seconds=1))
    ids = {c.name: c.id for c in problem.contestants}
    assert [c.name for c in standing_order(problem)] == ["Alice Zed", "Bob Able", "Carl Mid"]
    ordered = replace(problem, order=(ids["Bob Able"], ids["Alice Zed"], ids["Carl Mid"]))
    assert [c.name for c in standing_order(ordered)] == ["Bob Able", "Alice Zed", "Carl Mid"]
    report = analyse(ordered, conditions=False, decision=False, positions=False)
    assert [v.contestant.name for v in report.verdicts][:2] == ["Bob Able", "Alice Zed"]
    # Level with nothing the problem can read: the press says they are level, and no more.
    assert (
        Text("en")
        .press(report)
        .startswith("Bob Able and Alice Zed are level on 100 points in Cup with 1 race left. ")
    )
    stale = replace(ordered, order=(ids["Carl Mid"], ids["Bob Able"], ids["Alice Zed"]))
    assert [c.name for c in standing_order(stale)] == ["Bob Able", "Alice Zed", "Carl Mid"]


def test_excluded_contestants_come_last() -> None:
    problem = parse_scenario(level(bob_wins=3))
    bob = problem.find("Bob Able")
    excluded = replace(
        problem, contestants=tuple(replace(c, excluded=c.id == bob.id) for c in problem.contestants)
    )
    assert [c.name for c in standing_order(excluded)] == ["Alice Zed", "Carl Mid", "Bob Able"]


def test_2021_before_abu_dhabi_verstappen_leads_on_wins(
    f1db_season: Callable[[int], F1dbSeason],
) -> None:
    """369.5 points each after round 21; Verstappen 9 wins, Hamilton 8 (issue 11, part 4)."""
    data = f1db_season(2021)
    problem, link = problem_from_season(data.season, f1_preset(2021), "drivers", 21, field_as_next_round=True)
    report = analyse(
        problem, conditions=False, decision=False, positions=False, verify=lambda c: replay_table(link, c)
    )
    assert [v.contestant.name for v in report.verdicts[:2]] == ["Max Verstappen", "Lewis Hamilton"]
    assert (
        Text("en")
        .press(report, classification="the drivers' championship")
        .startswith(
            "Max Verstappen and Lewis Hamilton are level on 369.5 points in the drivers' championship "
            "with 1 race left; Verstappen leads on wins (9 to 8)."
        )
    )
    assert (
        Text("fr")
        .press(report, classification="des pilotes")
        .startswith(
            "Max Verstappen et Lewis Hamilton sont à égalité avec 369,5 points au classement des pilotes, "
            "à 1 course de la fin\u00a0; Verstappen est devant au nombre de victoires (9 contre 8)."
        )
    )


@pytest.mark.parametrize("after", [2, 17])
def test_2008_title_table_in_the_standings_order(
    f1db_season: Callable[[int], F1dbSeason], after: int
) -> None:
    """After round 2 of 2008 Bourdais and Webber are level on points and countback; the standings
    put Bourdais first (the 2008 chain's "first achieved" step, which the problem cannot read): the
    problem carries the standings' order, so the title table lists them the same way."""
    data = f1db_season(2008)
    ruleset = f1_preset(2008)
    problem, link = problem_from_season(data.season, ruleset, "drivers", after, field_as_next_round=True)
    rows = [row.competitor for row in ClassificationScores(data.season, ruleset, "drivers").after(after).rows]
    assert problem.order == tuple(rows)  # problems built from seasons carry the standings' own order
    if after == 2:  # points and countback alone would put Webber first
        assert [c.id for c in standing_order(replace(problem, order=()))] != rows
    assert [c.id for c in standing_order(problem)] == rows
    report = analyse(
        problem, conditions=False, decision=False, positions=False, verify=lambda c: replay_table(link, c)
    )
    assert [v.contestant.id for v in report.verdicts] == rows
