"""Reading rulesets: strict, exact, and every problem of a file reported at once, with where it is."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as F
from pathlib import Path

import pytest

from podium.errors import NotFoundError, RuleError
from podium.model import Event, Session, SessionKind
from podium.rules import (
    CountbackScope,
    DropUnit,
    Ruleset,
    find_ruleset,
    load_preset,
    load_ruleset_file,
    parse_ruleset_text,
    preset_names,
)

MINIMAL = "[scoring.points]\nrace = [10, 6, 4]\n"


def read(text: str) -> Ruleset:
    return parse_ruleset_text(text, source="my-rules.toml", default_id="mine")


def problems(text: str) -> list[tuple[str | None, str, object]]:
    with pytest.raises(RuleError) as caught:
        read(text)
    assert all(p.source == "my-rules.toml" for p in caught.value.problems)
    return [(p.field, p.message, p.value) for p in caught.value.problems]


def test_minimal_file() -> None:
    rules = read(MINIMAL)
    assert rules.id == "mine" and rules.name == "mine" and rules.origin == "my-rules.toml"
    table = rules.default.table(SessionKind.RACE)
    assert table is not None and table.values == (F(10), F(6), F(4))


def test_fractions_are_exact() -> None:
    rules = read('[scoring.points]\nrace = ["12.5", "1/2", 3]\n[scoring.bonus]\nfastest_lap = "1/7"\n')
    table = rules.default.table(SessionKind.RACE)
    assert table is not None and table.values == (F(25, 2), F(1, 2), F(3))
    assert rules.default.bonuses.fastest_lap.points == F(1, 7)


def test_float_points_are_refused_with_file_key_and_value() -> None:
    with pytest.raises(RuleError) as caught:
        read("[scoring.points]\nrace = [10, 6.5, 4]\n")
    (p,) = caught.value.problems
    assert (p.source, p.line, p.field, p.value) == ("my-rules.toml", 2, "scoring.points.race[1]", 6.5)
    assert 'write it as a string like "6.5"' in p.message
    assert str(caught.value).startswith(
        "my-rules.toml, line 2, field 'scoring.points.race[1]': TOML float 6.5"
    )


def test_unknown_key_suggests_the_close_one() -> None:
    [(field, message, value)] = problems(MINIMAL + "[scoring.counting]\nbets = 11\n")
    assert field == "scoring.counting.bets" and value == "bets"
    assert message == "unknown key 'bets' (did you mean 'best'?)"


def test_unknown_key_without_a_close_one_lists_the_known() -> None:
    [(field, message, _)] = problems(MINIMAL + "[scoring]\nzzz = 1\n")
    assert field == "scoring.zzz" and "known: adjustments, bonus, cars_scoring" in message


def test_negative_points() -> None:
    [(field, message, value)] = problems("[scoring.points]\nrace = [10, -6]\n")
    assert (field, value) == ("scoring.points.race[1]", "-6")
    assert "points cannot be negative" in message


def test_overlapping_windows() -> None:
    text = (
        MINIMAL + "[scoring.counting]\nbest = [{ rounds = '1-6', best = 5 }, { rounds = '6-11', best = 4 }]\n"
    )
    [(field, message, _)] = problems(text)
    assert field == "scoring.counting.best" and message == "split-season windows overlap at round 6"


def test_band_with_both_factor_and_table() -> None:
    text = MINIMAL + "[[scoring.distance]]\nbelow = '3/4'\nfactor = '1/2'\ntable = [5, 3]\n"
    [(field, message, value)] = problems(text)
    assert field == "scoring.distance[0]" and "exactly one of 'factor' or 'table'" in message
    assert value == {"below": "3/4", "factor": "1/2", "table": [5, 3]}


def test_band_with_neither() -> None:
    [(field, message, _)] = problems(MINIMAL + "[[scoring.distance]]\nbelow = '3/4'\n")
    assert field == "scoring.distance[0]" and "exactly one" in message


def test_invalid_toml() -> None:
    [(field, message, _)] = problems("[scoring.points\nrace = [1]\n")
    assert field is None and message.startswith("not valid TOML:")


def test_every_problem_at_once() -> None:
    text = """
[ruleset]
nmae = "typo"

[scoring]
scorers = "everyone"
min_distance = 2

[scoring.points]
race = [10, 7.5]
sprint = [-1]

[scoring.tiebreak]
chain = ["shared", "countback"]

[[scoring.exclusions]]
competitor = "x"
status = "OUT"

[classifications.teams]
cars_scoring = 0
"""
    fields = [f for f, _, _ in problems(text)]
    assert sorted(map(str, fields)) == sorted(
        [
            "ruleset.nmae",
            "scoring.points.race[1]",
            "scoring.points.sprint[0]",
            "scoring.min_distance",
            "scoring.tiebreak.chain",
            "scoring.exclusions[0].reason",
            "scoring.exclusions[0].status",
            "scoring.scorers",
            # The class inherits every problem of [scoring] (deep merge), then adds its own.
            "classifications.teams.points.race[1]",
            "classifications.teams.points.sprint[0]",
            "classifications.teams.min_distance",
            "classifications.teams.tiebreak.chain",
            "classifications.teams.exclusions[0].reason",
            "classifications.teams.exclusions[0].status",
            "classifications.teams.scorers",
            "classifications.teams.cars_scoring",
        ]
    )


@pytest.mark.parametrize(
    ("text", "field", "fragment"),
    [
        ("[scoring]\nscorers = 'all'\n" + MINIMAL, "scoring.scorers", "starters | classified | finishers"),
        ("[scoring.points]\nquali = [1]\n", "scoring.points", "race | sprint | qualifying | practice"),
        ("[scoring]\nmin_distance = '3/2'\n" + MINIMAL, "scoring.min_distance", "[0, 1]"),
        (MINIMAL + "[[scoring.distance]]\nbelow = 0\nfactor = 1\n", "scoring.distance[0].below", "(0, 1]"),
        (MINIMAL + "[scoring.counting]\nbest = 0\n", "scoring.counting.best", "whole number from 1"),
        (MINIMAL + "[scoring.counting]\nbest = 'some'\n", "scoring.counting.best", '"all", an integer'),
        (
            MINIMAL + "[scoring.counting]\nbest = [{ rounds = 'x', best = 1 }]\n",
            "scoring.counting.best[0].rounds",
            "1-6",
        ),
        (MINIMAL + "[scoring.tiebreak]\nchain = ['coin']\n", "scoring.tiebreak.chain", "countback | wins"),
        (
            MINIMAL + "[[scoring.adjustments]]\ncompetitor = 'x'\npoints = 1\n",
            "scoring.adjustments[0].reason",
            "reason",
        ),
        (
            MINIMAL
            + "[[scoring.ineligible]]\nrounds = '1'\ndrivers = ['x']\nplaces = 'gone'\nreason = 'F2'\n",
            "scoring.ineligible[0].places",
            "kept | removed",
        ),
        ("[scoring.points]\nrace = [true]\n", "scoring.points.race[0]", "expected a number"),
        ("[scoring.points]\nrace = ['ten']\n", "scoring.points.race[0]", 'fraction string like "1/2"'),
        ("[scoring]\npoints = 3\n", "scoring.points", "expected a table"),
        ("[ruleset]\nname = 'x'\n", "scoring.points", "at least one points table"),
        (
            MINIMAL
            + "[[scoring.distance]]\nbelow = '3/4'\nfactor = '1/2'\n"
            + "[[scoring.distance]]\nbelow = '1/4'\nfactor = 0\n",
            "scoring.distance",
            "from the shortest race up",
        ),
        (
            MINIMAL + "[scoring.team_groups]\nducati = ['pramac']\nktm = ['pramac']\n",
            "scoring.team_groups.ktm",
            "already in group 'ducati'",
        ),
        (
            MINIMAL + "[scoring.team_groups]\nducati = ['ktm']\nktm = ['tech3']\n",
            "scoring.team_groups.ducati",
            "groups do not nest",
        ),
        (MINIMAL + "[scoring.team_groups]\nducati = 'pramac'\n", "scoring.team_groups.ducati", "a list"),
    ],
)
def test_bad_values(text: str, field: str, fragment: str) -> None:
    found = problems(text)
    assert any(f == field and fragment in m for f, m, _ in found), found


def test_classifications_deep_merge_over_scoring() -> None:
    rules = read(
        """
[scoring]
shared_drive = "none"

[scoring.points]
race = [9, 6, 4, 3, 2, 1]

[scoring.bonus]
pole = 1
fastest_lap = { points = 1, max_position = 10 }

[scoring.counting]
best = 11
drop_unit = "session"

[classifications.constructors]
cars_scoring = 1

[classifications.constructors.counting]
best = "all"

[classifications.constructors.bonus]
fastest_lap = { max_position = 5 }
"""
    )
    team = rules.scoring("constructors")
    assert team.name == "constructors" and team.cars_scoring == 1
    assert (
        team.counting.windows == () and team.counting.drop_unit is DropUnit.SESSION
    )  # best replaced, unit kept
    assert team.bonuses.pole == 1 and team.bonuses.fastest_lap.points == 1  # kept from [scoring]
    assert team.bonuses.fastest_lap.max_position == 5  # replaced
    assert team.shared_drive.value == "none" and team.table(SessionKind.RACE) == rules.default.table(
        SessionKind.RACE
    )
    assert rules.default.counting.windows[0].best == 11 and rules.default.cars_scoring is None
    # An unknown classification name falls back to the default block.
    assert rules.scoring("drivers") is rules.default
    with pytest.raises(NotFoundError, match="unknown scoring 'drivers'"):
        rules.scoring_strict("drivers")


def test_an_empty_table_removes_the_inherited_one() -> None:
    """A variant (or an event) that must not pay a session kind the default pays writes its table
    empty: the Michelin Endurance Cup pays nothing in qualifying, the season's table does."""
    rules = read(
        """
[scoring.points]
race = [350, 320, 300]
qualifying = [35, 32, 30]

[[scoring.events]]
round = 2
points = { qualifying = [] }
reason = "no qualifying points at round 2"

[classifications.cup.points]
qualifying = []
segment = [5, 4, 3]
"""
    )
    cup = rules.scoring("cup")
    assert cup.table(SessionKind.QUALIFYING) is None and cup.table(SessionKind.RACE) is not None
    segment = cup.table(SessionKind.SEGMENT)
    assert segment is not None and segment.values == (F(5), F(4), F(3))
    qualifying = Session("q", "Qualifying", SessionKind.QUALIFYING)
    rounds = {n: Event(n, f"e{n}", f"Round {n}", date(2024, 3, n), sessions=(qualifying,)) for n in (1, 2)}
    assert rules.default.session_rules(rounds[1], qualifying).table is not None
    for scoring, event in ((rules.default, rounds[2]), (cup, rounds[1])):
        rules_of_session = scoring.session_rules(event, qualifying)
        assert rules_of_session.table is None and not rules_of_session.pays
    # A file whose only table is empty has no points table at all.
    assert problems("[scoring.points]\nrace = []\n")[0][0] == "scoring.points"


def test_defaults() -> None:
    d = read(MINIMAL).default
    assert (d.position_basis.value, d.scorers.value, d.shared_drive.value, d.driver_cars.value) == (
        "overall",
        "classified",
        "split",
        "all",
    )
    assert [s.value for s in d.tiebreak.chain] == ["countback", "shared"]
    assert d.tiebreak.countback_scope is CountbackScope.ALL_RESULTS
    assert d.tiebreak.countback_sessions == (SessionKind.RACE,)
    assert d.min_distance == 0 and d.distance == () and not d.counting.drops


def test_user_file_errors_name_the_path(tmp_path: Path) -> None:
    path = tmp_path / "club-2025.toml"
    path.write_text("[scoring.points]\nrace = [10, 0.5]\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_ruleset_file(path)
    assert caught.value.source == str(path) and caught.value.field == "scoring.points.race[1]"
    with pytest.raises(RuleError, match="cannot read ruleset"):
        load_ruleset_file(tmp_path / "missing.toml")


def test_find_ruleset_reads_a_user_file(tmp_path: Path) -> None:
    path = tmp_path / "club-2025.toml"
    path.write_text('[ruleset]\nname = "Club 2025"\n' + MINIMAL, encoding="utf-8")
    rules = find_ruleset(str(path))
    assert (rules.id, rules.name) == ("club-2025", "Club 2025")


@pytest.mark.parametrize("alias", ["F1 1988", "f1-1988", "f1_1988", "  F1  1988 "])
def test_presets_by_alias(alias: str) -> None:
    assert find_ruleset(alias).id == "f1-1988"


def test_unknown_preset_lists_what_exists() -> None:
    known = r"\(known: btcc-2023, btcc-2024, f1-1950"
    with pytest.raises(NotFoundError, match=r"unknown ruleset preset 'F1 1949' " + known):
        find_ruleset("F1 1949")


def test_every_preset_loads() -> None:
    names = preset_names()
    assert {
        "btcc-2023",
        "btcc-2024",
        "f1-1950",
        "f1-2026",
        "formula-e-2024",
        "imsa-2020",
        "imsa-2024",
        "indycar-2019",
        "indycar-2020",
        "indycar-2021",
        "indycar-2022",
        "indycar-2023",
        "indycar-2024",
        "indycar-2025",
        "motogp-2023",
        "motogp-2024",
        "motogp-2025",
        "wec-2024",
    } <= set(names)
    for name in names:
        rules = load_preset(name)
        assert rules.id == name and rules.sources, name


def test_team_groups_name_who_a_team_scores_for() -> None:
    rules = read(MINIMAL + "[classifications.constructors.team_groups]\nducati = ['lenovo', 'pramac']\n")
    makers = rules.scoring("constructors")
    assert makers.team_groups == {"ducati": ("lenovo", "pramac")}
    assert [makers.group_of(t) for t in ("lenovo", "pramac", "ktm")] == ["ducati", "ducati", "ktm"]
    # Only the variant groups teams: the default scoring leaves every team on its own.
    assert rules.default.group_of("pramac") == "pramac"
