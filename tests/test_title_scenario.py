"""Scenario files: the public format, read strictly, every problem reported with key and value."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from podium.errors import InputError
from podium.present.data import title_data
from podium.title import (
    Constraint,
    Fixed,
    Status,
    TitleProblem,
    analyse,
    final_table,
    make_engine,
    parse_scenario,
)
from podium.title.analyst import Analyst
from podium.title.cpsat import CpsatEngine

GOOD = """
title = "Tiny example"
[rules]
points = [25, 18, 15, 12, 10]
scoring = "starters"
tiebreak = "countback"
best = 0
[[competitors]]
name = "A"
points = "100"
countback = [3, 1]
[[competitors]]
name = "B"
points = "9/2"
[[remaining]]
name = "Race 15"
starters = 5
multiplier = 2
"""


def test_the_issue_example_reads() -> None:
    p = parse_scenario(GOOD)
    assert [c.name for c in p.contestants] == ["A", "B"]
    assert p.contestant("b").points == Fraction(9, 2)
    assert p.contestant("a").countback == (3, 1)
    (race,) = p.sessions
    assert race.table == tuple(Fraction(v) for v in (50, 36, 30, 24, 20))
    assert race.field == 5 and race.anonymous == 3 and race.starters_score


def test_results_give_points_countback_and_drops() -> None:
    p = parse_scenario(
        GOOD.replace("best = 0", "best = 2")
        .replace('points = "100"\ncountback = [3, 1]', 'results = [1, 2, "DNF", 1]')
        .replace('points = "9/2"', "results = [3, 3, 3]")
    )
    a = p.contestant("a")
    assert a.points == 50  # best two of 25, 18, 0, 25
    assert a.countback == (2, 1)
    assert [u.value for u in a.units] == [25, 18, 0, 25]
    assert p.drops


def expect_problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_scenario(text, source="bad.toml")
    assert all(problem.source == "bad.toml" for problem in info.value.problems)
    return [f"{problem.field}: {problem.message}" for problem in info.value.problems]


def test_every_problem_is_reported_with_its_key_and_value() -> None:
    problems = expect_problems(
        GOOD.replace('points = "100"', "points = 100.5")
        .replace("starters = 5", "starters = 0")
        .replace('scoring = "starters"', 'scoring = "everyone"')
        .replace("multiplier = 2", "multiplier = 2\ncolour = 1")
    )
    text = "\n".join(problems)
    assert "competitors[0].points" in text and "100.5" in text
    assert "remaining[0].starters" in text
    assert "rules.scoring" in text and "'everyone'" in text
    assert "remaining[0].colour" in text
    assert len(problems) == 4


def test_best_n_needs_results() -> None:
    problems = expect_problems(GOOD.replace("best = 0", "best = 3"))
    assert any("competitors[0].results" in p for p in problems)


def test_points_must_agree_with_results() -> None:
    problems = expect_problems(GOOD.replace("countback = [3, 1]", "results = [1, 1]"))
    assert any("disagree" in p for p in problems)


def test_a_scenario_is_about_the_future() -> None:
    text = GOOD.split("[[remaining]]", maxsplit=1)[0]
    assert any("remaining" in p for p in expect_problems(text))


def test_absent_competitors_must_exist() -> None:
    problems = expect_problems(GOOD + 'absent = ["Nobody"]\n')
    assert any("'Nobody'" in p for p in problems)


def test_absent_competitor_cannot_start_that_session() -> None:
    p = parse_scenario(GOOD + 'absent = ["A"]\n')
    assert p.contestant("a").sessions == frozenset()
    assert p.sessions[0].anonymous == 4


def test_invalid_toml() -> None:
    problems = expect_problems("title = [")
    assert "not valid TOML" in problems[0]


def test_a_work_limit_names_what_it_cut_and_never_depends_on_the_clock() -> None:
    text = """
title = "three alive"
[rules]
points = [10, 6, 4, 3, 2, 1]
[[competitors]]
name = "A"
points = "30"
[[competitors]]
name = "B"
points = "25"
[[competitors]]
name = "C"
points = "21"
[[remaining]]
name = "R1"
starters = 6
[[remaining]]
name = "R2"
starters = 6
"""
    problem = parse_scenario(text)
    full = analyse(problem)
    assert full.verdict("A").conditions and full.verdict("B").conditions
    assert title_data(analyse(problem)) == title_data(full)  # the same answer every time
    starved = Analyst(problem, CpsatEngine(problem, work_limit=1e-9)).report()
    assert [v.status for v in starved.verdicts] == [v.status for v in full.verdicts]
    for cut, whole in zip(starved.verdicts, full.verdicts, strict=True):
        kinds = {c.kind for c in cut.conditions}
        assert kinds | set(cut.unsettled) >= {c.kind for c in whole.conditions}
        assert [c for c in whole.conditions if c.kind in kinds] == list(cut.conditions)
        if cut.unsettled:
            assert "not settled" in cut.note
    assert any(v.unsettled for v in starved.verdicts)


WEEKEND = """
title = "A sprint weekend"
[rules]
scoring = "classified"
countback_kinds = ["race"]        # sprint places do not count back (F1)
[rules.tables]
sprint = [8, 7, 6, 5, 4, 3, 2, 1]
race = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]
[rules.bonuses]
race = { fastest_lap = 1, fastest_lap_top = 10 }
[[competitors]]
name = "A"
points = "369.5"
countback = [9, 5, 0, 0]
[[competitors]]
name = "B"
points = "369.5"
countback = [8, 5]
[[remaining]]
name = "Sprint"
kind = "sprint"
round = 22
starters = 20
[[remaining]]
name = "Grand Prix"
kind = "race"
round = 22
starters = 20
[[remaining]]
name = "Indy oval"
points = [50, 40, 35]
round = 23
starters = 3
multiplier = 2
pole = 1
led_a_lap = 1
most_laps_led = 2
countback = true
"""


def fractions(*values: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(v) for v in values)


def test_a_weekend_has_a_table_and_bonuses_per_session() -> None:
    p = parse_scenario(WEEKEND)
    sprint, race, oval = p.sessions
    assert sprint.table == tuple(Fraction(v) for v in (8, 7, 6, 5, 4, 3, 2, 1))
    assert sprint.best_bonus == 0 and not sprint.countback
    assert race.table[:3] == fractions(25, 18, 15) and race.countback
    assert race.fastest_lap == 1 and race.fastest_lap_max_position == 10
    assert oval.table == fractions(100, 80, 70)  # the multiplier scales the table, never the bonuses
    assert [oval.pole, oval.led_a_lap, oval.most_laps_led, oval.fastest_lap] == list(fractions(1, 1, 2, 0))
    assert [s.round for s in p.sessions] == [22, 22, 23]
    assert p.contestant("a").points == Fraction(739, 2)
    assert p.contestant("a").countback == (9, 5)  # trailing zeros are the same countback


def test_an_entry_overrides_its_kinds_bonuses() -> None:
    p = parse_scenario(WEEKEND.replace('kind = "race"\n', 'kind = "race"\nfastest_lap = 2\n'))
    assert p.sessions[1].fastest_lap == 2 and p.sessions[1].fastest_lap_max_position == 10


def test_a_bonus_point_can_keep_a_rival_alive() -> None:
    base = """
title = "fastest lap"
[rules]
points = [3, 2, 1]
scoring = "classified"
tiebreak = "shared"
[[competitors]]
name = "A"
points = "100"
[[competitors]]
name = "B"
points = "97"
[[remaining]]
name = "Final"
starters = 3
"""
    for engine in ("brute", "cpsat"):
        plain = analyse(parse_scenario(base), engine=engine, conditions=False, decision=False)
        assert plain.verdict("B").status == Status.ELIMINATED  # 97 + 3 only ties 100
        bonus = parse_scenario(base + "fastest_lap = 1\nfastest_lap_top = 1\n")
        report = analyse(bonus, engine=engine, conditions=False, decision=False)
        assert report.verdict("B").status == Status.ALIVE
        assert report.verdict("A").status == Status.ALIVE


def problems_of(text: str) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InputError) as info:
        parse_scenario(text, source="weekend.toml")
    assert all(p.source == "weekend.toml" for p in info.value.problems)
    return [(p.line, p.field, p.message) for p in info.value.problems]


def line_of(text: str, start: str, nth: int = 0) -> int:
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(start)]
    return hits[nth]


def test_weekend_problems_name_file_line_and_field_all_at_once() -> None:
    bad = (
        WEEKEND.replace("sprint = [8, 7,", "sprint = [7, 8,")
        .replace('points = "369.5"', 'points = "1/3001"', 1)
        .replace('kind = "race"', 'kind = "gp"')
        .replace("pole = 1", "pole = 20000")
        .replace("countback = true", 'countback = "yes"')
        .replace("round = 23", "round = 21")
    )
    found = problems_of(bad)
    by_field = {field: (line, message) for line, field, message in found}
    assert by_field["rules.tables.sprint[1]"] == (
        line_of(bad, "sprint ="),
        by_field["rules.tables.sprint[1]"][1],
    )
    assert "never increase" in by_field["rules.tables.sprint[1]"][1]
    assert by_field["competitors[0].points"][0] == line_of(bad, 'points = "1/3001"')
    assert "denominator" in by_field["competitors[0].points"][1]
    assert by_field["remaining[1].kind"][0] == line_of(bad, 'kind = "gp"')
    assert "'gp'" in by_field["remaining[1].kind"][1] and "race, sprint" in by_field["remaining[1].kind"][1]
    assert by_field["remaining[2].pole"][0] == line_of(bad, "pole =")
    assert by_field["remaining[2].countback"][0] == line_of(bad, "countback = ", 2)
    assert "round" in by_field["remaining[2].round"][1]
    assert len(found) == 6


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("starters = 20", "starters = 501"), "remaining[0].starters"),
        (("multiplier = 2", "multiplier = 11"), "remaining[2].multiplier"),
        (("multiplier = 2", "multiplier = 0"), "remaining[2].multiplier"),
        (('points = "369.5"', 'points = "2000001"'), "competitors[0].points"),
        (('points = "369.5"', 'points = "1e999999999999"'), "competitors[0].points"),
        (('points = "369.5"', "points = 369.5"), "competitors[0].points"),
        (("countback = [8, 5]", "countback = [8, -1]"), "competitors[1].countback[1]"),
        (("countback = [8, 5]", "countback = 8"), "competitors[1].countback"),
        (("race = { fastest_lap = 1, ", "race = { fastest_lap = 0, "), "remaining[1].fastest_lap_top"),
        (
            ("race = { fastest_lap", "qualifying = { pole = 1 }\nrace = { fastest_lap"),
            "rules.bonuses.qualifying",
        ),
        (("race = { fastest_lap = 1,", "race = { fast_lap = 1,"), "rules.bonuses.race.fast_lap"),
        (('countback_kinds = ["race"]', 'countback_kinds = ["gp"]'), "rules.countback_kinds[0]"),
        (("points = [50, 40, 35]", "points = []"), "remaining[2].points"),
        (('kind = "sprint"\n', ""), "remaining[0].points"),
        (('tiebreak = "shared"', ""), None),
    ],
)
def test_every_weekend_value_is_bounded(change: tuple[str, str], field: str | None) -> None:
    old, new = change
    if field is None:
        parse_scenario(WEEKEND.replace(old, new))
        return
    assert old in WEEKEND
    found = problems_of(WEEKEND.replace(old, new, 1))
    assert field in [f for _, f, _ in found], found
    assert all(line is not None for line, _, _ in found)


def test_wins_tiebreak_reads_only_wins() -> None:
    p = parse_scenario(WEEKEND.replace('scoring = "classified"', 'scoring = "classified"\ntiebreak = "wins"'))
    assert [str(step) for step in p.tiebreak.chain] == ["wins", "shared"]


def test_invalid_toml_names_its_line() -> None:
    assert problems_of('title = "x"\n[rules]\npoints = [1, 2\n')[0][0] == 3
    (found,) = problems_of('title = "x"\n[rules]\npoints = [1, 2]]\nbest = 0\n')
    assert found[0] == 3 and "not valid TOML" in found[2]


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def sprint_place(problem: TitleProblem, who: str, place: int | None) -> Fixed:
    """``who`` finishes the first remaining session (the sprint) at ``place`` (None: no score)."""
    return Fixed(problem.sessions[0].id, problem.find(who).cars[0], place)


def clinched_given(problem: TitleProblem, who: str, *fixed: Fixed) -> bool:
    """No ending with these sprint results lets anyone finish level with or ahead of ``who``
    (a counter-example is replayed through the standings code)."""
    engine = make_engine(problem, "cpsat")
    counter = engine.witness_challenger(problem.find(who).id, Constraint(fixed=fixed))
    if counter is None:
        return True
    table = final_table(problem, counter)
    mine = next(r for r in table if r.contestant == problem.find(who).id)
    assert any(r.position <= mine.position and r.contestant != mine.contestant for r in table)
    return False


def test_f1_2023_qatar_weekend_sprint_decides_verstappen() -> None:
    """Verstappen 400, Pérez 223 after Japan (f1db). Checked by hand: Pérez can still score
    3 sprints × 8 + 6 Grands Prix × (25 + 1 fastest lap) = 180, so 403; Verstappen has not
    clinched. A 6th place in the Qatar sprint (3 points) takes him to 403 and a tie at 403 goes his
    way (13 Grand Prix wins to at most 8); 7th (2 points) leaves Pérez a way to 403 against 402.
    He was 2nd there (f1db), and champion on the Saturday."""
    problem = parse_scenario((EXAMPLES / "f1-2023-qatar-weekend.toml").read_text("utf-8"))
    perez = problem.find("Sergio Pérez")
    ceiling = perez.points + sum(s.table[0] + s.best_bonus for s in problem.sessions)
    assert ceiling == 403 and problem.find("Max Verstappen").points == 400
    assert not clinched_given(problem, "Max Verstappen")
    assert clinched_given(problem, "Max Verstappen", sprint_place(problem, "Max Verstappen", 6))
    assert not clinched_given(problem, "Max Verstappen", sprint_place(problem, "Max Verstappen", 7))
    assert clinched_given(problem, "Max Verstappen", sprint_place(problem, "Max Verstappen", 2))
    engine = make_engine(problem, "cpsat")
    assert engine.witness_champion(perez.id) is not None
    assert engine.witness_champion(problem.find("Lewis Hamilton").id) is None  # 190 + 180 < 400


@pytest.mark.parametrize(
    ("b_place", "a_place"),
    [(1, 2), (1, 3), (2, 4), (2, 5), (3, 6), (3, None), (None, None), (4, 1)],
)
def test_motogp_weekend_sprint_grid(b_place: int | None, a_place: int | None) -> None:
    """Rider A 440 (8 GP wins), B 412 (5): B can add 12 + 25, so A has not clinched; after the
    sprint A is champion whatever happens iff A's lead stays at least 25, i.e. A loses at most 3
    points to B in the sprint (a tie goes to A: 8 GP wins to at most 6). Checked by hand."""
    problem = parse_scenario((EXAMPLES / "motogp-weekend-illustrative.toml").read_text("utf-8"))
    sprint = problem.sessions[0]
    assert not clinched_given(problem, "Rider A")
    expected = sprint.points(a_place) - sprint.points(b_place) >= -3
    grid = (sprint_place(problem, "Rider A", a_place), sprint_place(problem, "Rider B", b_place))
    assert clinched_given(problem, "Rider A", *grid) == expected


def test_motogp_weekend_statuses() -> None:
    problem = parse_scenario((EXAMPLES / "motogp-weekend-illustrative.toml").read_text("utf-8"))
    report = analyse(problem, engine="cpsat", conditions=False, decision=False)
    statuses = {v.contestant.name: v.status for v in report.verdicts}
    assert statuses == {"Rider A": Status.ALIVE, "Rider B": Status.ALIVE, "Rider C": Status.ELIMINATED}
