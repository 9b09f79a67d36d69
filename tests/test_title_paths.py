"""Every contender's path (issue 12): the places in a session that settle the title, with what each
rival must not do, held to the brute-force oracle and to published press statements.

On small random championships the fast analyst (extreme endings, CP-SAT where they do not decide)
and the oracle without shortcuts (every ending enumerated) must give the same paths, and every row
is checked by definition over all endings: with the contender at that place and every rival within
its limit, the contender is champion in every ending; each limit's example replays with the rival
one place better than allowed, level or ahead.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from podium.importers.f1db import F1dbSeason
from podium.present.data import path_data
from podium.present.text import Text
from podium.rules import f1_preset
from podium.title import (
    Completion,
    Contestant,
    Fixed,
    TitleProblem,
    analyse,
    champion_of,
    final_table,
    make_engine,
    parse_scenario,
)
from podium.title.analyst import Analyst
from podium.title.brute import completions, size
from podium.title.build import problem_from_season
from podium.title.constraints import BONUSES, Bonus, BonusFixed, Constraint, can_take, holds, pays
from podium.title.endings import greedy_attack
from podium.title.evaluate import position_of
from podium.title.paths import ContenderPath, best_weekend, contender_paths
from podium.title.replay import replay_table
from title_strategies import small_championships

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def shape(paths: tuple[ContenderPath, ...]) -> list[tuple[object, ...]]:
    return [
        (
            p.contender,
            p.session,
            tuple(
                (r.place, r.bonuses, tuple((x.rival, x.from_place, x.listed) for x in r.limits))
                for r in p.rows
            ),
        )
        for p in paths
    ]


def takes_all(
    problem: TitleProblem, completion: Completion, session: str, car: str, bonuses: tuple[Bonus, ...]
) -> bool:
    """Whether ``car`` is paid every one of ``bonuses`` in ``session`` of ``completion``."""
    pins = tuple(BonusFixed(session, b, car) for b in bonuses)
    return holds(problem, Constraint(bonuses=pins), completion)


def check_complete(problem: TitleProblem, path: ContenderPath, text: str = "") -> None:
    """A place (with a set of bonuses for the contender) missing from the path cannot settle the
    title, or asks the same as a listed row with fewer bonuses. By definition: each rival's
    harmless places (no ending with the contender there, taking those bonuses, and the rival there
    has the rival level or ahead) are found by enumeration; the place could settle the title only
    if every rival has one and some ending has the contender there with every rival in a harmless
    place."""
    every = [(c, final_table(problem, c)) for c in completions(problem)]
    me = problem.contestant(path.contender)
    car = me.cars_in(path.session)[0]
    session = next(s for s in problem.sessions if s.id == path.session)
    listed = {(row.place, row.bonuses) for row in path.rows}
    rivals = [r for r in problem.contestants if r.id != me.id and not r.excluded]

    def at(r: Contestant, c: Completion) -> int | None:
        cars = r.cars_in(path.session)
        return c.outcome(path.session).place(cars[0]) if cars else None

    for place in [*range(1, session.field + 1), None]:
        takable = [b for b in BONUSES if can_take(session, b, place)]
        found: dict[tuple[Bonus, ...], dict[str, set[int | None]] | None] = {}
        for k in range(len(takable) + 1):
            for chosen in itertools.combinations(takable, k):
                here = [
                    (c, t)
                    for c, t in every
                    if c.outcome(path.session).place(car) == place
                    and all(c.outcome(f.session).place(f.car) == f.place for f in path.given)
                    and takes_all(problem, c, path.session, car, chosen)
                ]
                harmless: dict[str, set[int | None]] = {}
                for r in rivals:
                    seen = {at(r, c) for c, _ in here}
                    harmless[r.id] = {
                        rp
                        for rp in seen
                        if not any(
                            at(r, c) == rp and position_of(t, r.id) <= position_of(t, me.id) for c, t in here
                        )
                    }
                settles = all(harmless.values()) and any(
                    all(at(r, c) in harmless[r.id] for r in rivals) for c, _ in here
                )
                found[chosen] = harmless if settles else None
                if (place, chosen) in listed:
                    assert settles, (path, place, chosen, text)
                    continue
                smaller = [found[sub] for n in range(k) for sub in itertools.combinations(chosen, n)]
                assert not settles or harmless in smaller, (path, place, chosen, text)


def check_by_definition(problem: TitleProblem, paths: tuple[ContenderPath, ...]) -> None:
    """Every row is sufficient over all endings; every example replays (the limit is tight)."""
    every = list(completions(problem))
    tables = [final_table(problem, c) for c in every]
    for path in paths:
        car = problem.contestant(path.contender).cars_in(path.session)[0]
        for row in path.rows:
            for completion, table in zip(every, tables, strict=True):
                outcome = completion.outcome(path.session)
                if outcome.place(car) != row.place:
                    continue
                if not takes_all(problem, completion, path.session, car, row.bonuses):
                    continue
                if any(completion.outcome(f.session).place(f.car) != f.place for f in path.given):
                    continue
                within = True
                for limit in row.limits:
                    rival_cars = problem.contestant(limit.rival).cars_in(path.session)
                    places = [outcome.place(x) for x in rival_cars]
                    best = min((p for p in places if p is not None), default=None)
                    if limit.listed:
                        within = within and best in limit.listed
                    elif limit.from_place is None:
                        within = within and best is None
                    else:
                        within = within and (best is None or best >= limit.from_place)
                if within:
                    assert champion_of(table) == path.contender, (path, row, completion)
            for limit in row.limits:
                assert limit.example is not None
                rival_car = problem.contestant(limit.rival).cars_in(path.session)[0]
                rp = limit.example.outcome(path.session).place(rival_car)
                assert rp is not None and (limit.from_place is None or rp < limit.from_place)
                table = final_table(problem, limit.example)
                assert limit.example.outcome(path.session).place(car) == row.place
                assert takes_all(problem, limit.example, path.session, car, row.bonuses)
                assert position_of(table, limit.rival) <= position_of(table, path.contender)


@pytest.mark.slow
@settings(
    max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(small_championships(max_competitors=4, max_sessions=3, salt=11))
def test_paths_agree_with_the_oracle(text: str) -> None:
    problem = parse_scenario(text)
    assume(size(problem, 150) <= 150)
    fast = contender_paths(Analyst(problem, make_engine(problem, "cpsat")))
    brute = contender_paths(Analyst(problem, make_engine(problem, "brute"), shortcuts=False), exhaustive=True)
    assert shape(fast) == shape(brute), text
    check_by_definition(problem, brute)
    check_by_definition(problem, fast)
    for path in brute:
        check_complete(problem, path, text)
    for session in problem.sessions[1:]:  # the last session with the earlier ones open
        later = contender_paths(Analyst(problem, make_engine(problem, "cpsat")), session.id)
        oracle = contender_paths(
            Analyst(problem, make_engine(problem, "brute"), shortcuts=False), session.id, exhaustive=True
        )
        assert shape(later) == shape(oracle), text
        check_by_definition(problem, later)


@pytest.mark.slow
@settings(
    max_examples=80, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(small_championships(max_competitors=3, max_sessions=2, salt=5))
def test_fixed_bonus_holders_agree_with_the_oracle(text: str) -> None:
    """A constraint fixing who takes (or does not take) a bonus: CP-SAT and the extreme attack meet
    it, and every engine answers as the enumeration does (possible at all; a rival level or ahead;
    sufficient for the title with the fast analyst)."""
    problem = parse_scenario(text)
    assume(size(problem, 300) <= 300)
    brute, cpsat = make_engine(problem, "brute"), make_engine(problem, "cpsat")
    fast, oracle = Analyst(problem, cpsat), Analyst(problem, brute, shortcuts=False)
    session = problem.sessions[-1]
    alive = [c for c in problem.contestants if not c.excluded]
    for c in alive:
        for car in c.cars_in(session.id):
            for bonus in BONUSES:
                for taken in (True, False):
                    constraint = Constraint(bonuses=(BonusFixed(session.id, bonus, car, taken),))
                    found = cpsat.possible(constraint)
                    assert (found is not None) == (brute.possible(constraint) is not None), text
                    assert found is None or holds(problem, constraint, found)
                    if taken and not pays(session, bonus):
                        assert found is None
                    for r in alive:
                        if r.id == c.id:
                            continue
                        counter = cpsat.witness_challenger(c.id, constraint, rivals=[r.id])
                        truth = brute.witness_challenger(c.id, constraint, rivals=[r.id])
                        assert (counter is None) == (truth is None), (text, bonus, taken, r.id)
                        assert counter is None or holds(problem, constraint, counter)
                        attack = greedy_attack(problem, r.id, c.id, constraint)
                        assert attack is None or holds(problem, constraint, attack)
                    assert fast.sufficient(c.id, constraint)[0] == oracle.sufficient(c.id, constraint)[0]


LONG_BEACH = """
title = "IndyCar-like finale (illustrative: 2021 totals, a made-up table)"
[rules]
scoring = "starters"
tiebreak = "countback"
points = [100, 80, 70, 64, 60, 56, 52, 48, 44, 40, 38, 36, 34, 32, 30, 28, 26, 24, 22, 20]
[[competitors]]
name = "Alex Palou"
points = "510"
[[competitors]]
name = "Josef Newgarden"
points = "476"
[[competitors]]
name = "Pato O'Ward"
points = "475"
[[remaining]]
name = "Long Beach"
starters = 20
pole = 1
led_a_lap = 1
most_laps_led = 2
"""


@pytest.mark.slow
def test_indycar_bonuses_in_words_and_even_if_the_rival_leads_most_laps() -> None:
    """Three bonuses (pole 1, a lap led 1, most laps led 2): Palou 3rd needs Newgarden 2nd or lower
    (Newgarden winning with all 4 bonus points draws level and wins on countback), unless Palou
    takes any one bonus; single bonuses that do as well are said as one "or" clause. A plain row
    holds even if the rival leads the most laps (the rivals may take every bonus there)."""
    problem = parse_scenario(LONG_BEACH)
    analyst = Analyst(problem, make_engine(problem, "cpsat"))
    paths = {p.contender: p for p in contender_paths(analyst)}
    palou, newgarden = paths["alex-palou"], paths["josef-newgarden"]
    third = [r for r in palou.rows if r.place == 3]
    assert [(r.bonuses, [(x.rival, x.from_place) for x in r.limits]) for r in third] == [
        ((), [("josef-newgarden", 2)]),
        (("pole",), []),
        (("most_laps_led",), []),
        (("led_a_lap",), []),
    ]
    said = Text("en").path(problem, palou)
    assert (
        "; 3rd with Newgarden 2nd or lower; 3rd with the pole position, the most laps led, or a lap "
        "led, whatever the others do; 4th–7th with" in said
    )
    assert "a win with the pole position or the most laps led, and Palou 4th or lower;" in Text("en").path(
        problem, newgarden
    )
    assert "3e avec la pole position, le plus de tours menés ou un tour mené, quoi que" in Text("fr").path(
        problem, palou
    )
    session = problem.sessions[0]
    rival_car = problem.find("Josef Newgarden").cars[0]
    mine = problem.find("Alex Palou").cars[0]
    for row in palou.plain:
        if row.place is None:
            continue
        limit = next((x for x in row.limits if x.rival == "josef-newgarden"), None)
        fixed: tuple[Fixed, ...] = (Fixed(session.id, mine, row.place),)
        if limit is not None and limit.from_place is not None:
            fixed += (Fixed(session.id, rival_car, limit.from_place),)
        leads = BonusFixed(session.id, "most_laps_led", rival_car)
        ok, _ = analyst.sufficient(
            "alex-palou", Constraint(fixed=fixed, bonuses=(leads,)), only=("josef-newgarden",)
        )
        assert ok, row


SPRINT_FIRST = """
title = "Two sessions: a sprint, then a race"
[rules]
points = [8, 5, 3, 1]
scoring = "classified"
tiebreak = "countback"
[rules.tables]
sprint = [3, 2, 1]
race = [8, 5, 3, 1]
[[competitors]]
name = "Ann Leader"
points = "20"
[[competitors]]
name = "Bea Rival"
points = "12"
[[competitors]]
name = "Cy Third"
points = "10"
[[remaining]]
name = "Sprint"
kind = "sprint"
round = 1
starters = 4
[[remaining]]
name = "Race"
kind = "race"
round = 1
starters = 4
"""


def test_a_given_result_in_the_sprint_changes_the_race_path() -> None:
    problem = parse_scenario(SPRINT_FIRST)
    analyst = Analyst(problem, make_engine(problem, "brute"), shortcuts=False)
    race = problem.sessions[1].id
    sprint = problem.sessions[0].id
    rival_car = problem.find("Bea Rival").cars[0]
    open_sprint = contender_paths(analyst, race, contenders=["ann-leader"])[0]
    rival_wins = contender_paths(
        analyst, race, given=[Fixed(sprint, rival_car, 1)], contenders=["ann-leader"]
    )[0]
    rival_out = contender_paths(
        analyst, race, given=[Fixed(sprint, rival_car, None)], contenders=["ann-leader"]
    )[0]
    check_by_definition(problem, (open_sprint, rival_wins, rival_out))
    # The worse the rival's sprint, the more places of the race settle it for the leader.
    assert len(rival_out.rows) >= len(open_sprint.rows)
    assert rival_wins.rows != rival_out.rows
    words = Text("en").path(problem, rival_wins)
    assert words.startswith("If Bea Rival wins Sprint, Ann Leader is champion after Race")
    with pytest.raises(ValueError, match="the session the path is about"):
        contender_paths(analyst, race, given=[Fixed(race, rival_car, 1)])


# -- published statements (f1db) -------------------------------------------------------------------

Seasons = Callable[[int], F1dbSeason]


def f1_report_paths(
    seasons: Seasons, year: int, after: int, **kw: object
) -> tuple[TitleProblem, dict[str, str]]:
    season = seasons(year).season
    problem, link = problem_from_season(season, f1_preset(year), "drivers", after, field_as_next_round=True)
    report = analyse(
        problem,
        verify=lambda c: replay_table(link, c),
        conditions=False,
        positions=False,
        decision=False,
        **kw,  # type: ignore[arg-type]
    )
    text = Text("en")
    return problem, {problem.contestant(p.contender).name: text.path(problem, p) for p in report.paths}


@pytest.mark.slow
def test_every_contender_before_the_2007_finale(f1db_season: Seasons) -> None:
    """Interlagos 2007: "Räikkönen needs to win with Hamilton 6th or lower and Alonso 3rd or
    lower"; "Alonso is champion if he wins and Hamilton finishes 3rd or lower"."""
    _, said = f1_report_paths(f1db_season, 2007, 16)
    assert (
        "with: a win with Hamilton 6th or lower and Alonso 3rd or lower; 2nd with" in said["Kimi Räikkönen"]
    )
    assert (
        "with: a win with Hamilton 3rd or lower; 2nd with Hamilton 6th or lower;" in said["Fernando Alonso"]
    )
    assert (
        "with: 2nd or better, whatever the others do; 3rd–5th with Alonso 2nd or lower;"
        in said["Lewis Hamilton"]
    )


@pytest.mark.slow
def test_massa_needs_to_win_with_hamilton_sixth_or_lower(f1db_season: Seasons) -> None:
    _, said = f1_report_paths(f1db_season, 2008, 17)
    assert "with: a win with Hamilton 6th or lower; 2nd with Hamilton 8th or lower." in said["Felipe Massa"]
    assert (
        "with: 5th or better, whatever the others do; 6th–7th with Massa 2nd or lower;"
        in said["Lewis Hamilton"]
    )


@pytest.mark.slow
def test_abu_dhabi_2021_ninth_needs_more_than_ahead(f1db_season: Seasons) -> None:
    """Level on 369.5 with Verstappen ahead on wins: Hamilton 9th without the fastest lap can be
    caught by Verstappen 10th with it, so 9th needs Verstappen out of the points."""
    _, said = f1_report_paths(f1db_season, 2021, 21)
    assert (
        "2nd–8th with Verstappen behind; 9th with Verstappen 11th or lower; "
        "9th with the fastest lap and Verstappen behind; 10th with Verstappen behind."
        in said["Lewis Hamilton"]
    )
    assert "12th or lower with Hamilton 11th or lower." in said["Max Verstappen"]


@pytest.mark.slow
def test_abu_dhabi_2021_ninth_with_the_fastest_lap(f1db_season: Seasons) -> None:
    """The fastest lap pays 1 point in the top 10: Hamilton 9th without it needs Verstappen out of
    the points (Verstappen 10th with it is level, ahead on wins); 9th with it (3 points, and the
    point no longer Verstappen's) needs only Verstappen behind. Every other place asks the same
    with or without it, so only that row is added."""
    season = f1db_season(2021).season
    problem, link = problem_from_season(season, f1_preset(2021), "drivers", 21, field_as_next_round=True)
    assert problem.sessions[0].fastest_lap == 1 and problem.sessions[0].fastest_lap_max_position == 10
    report = analyse(
        problem, verify=lambda c: replay_table(link, c), conditions=False, positions=False, decision=False
    )
    hamilton = next(p for p in report.paths if problem.contestant(p.contender).name == "Lewis Hamilton")
    rows = {(r.place, r.bonuses): r for r in hamilton.rows}
    plain, fastest = rows[(9, ())], rows[(9, ("fastest_lap",))]
    [without] = plain.limits
    [with_it] = fastest.limits
    assert without.from_place == 11 and with_it.from_place == 10
    assert with_it.example is not None  # Verstappen 9th or better beats 9th with the fastest lap
    assert with_it.example.outcome(hamilton.session).fastest_lap == hamilton_car(problem)
    assert [r for r in hamilton.rows if r.bonuses] == [fastest]
    said = Text("en").path(problem, hamilton)
    assert (
        "9th with Verstappen 11th or lower; 9th with the fastest lap and Verstappen behind; 10th with" in said
    )
    french = Text("fr").path(problem, hamilton)
    assert "9e avec le meilleur tour et Verstappen derrière" in french
    data = path_data(problem, hamilton, Text("en"))
    assert [r["bonuses"] for r in data["rows"] if r["place"] == 9] == [[], ["fastest_lap"]]


def hamilton_car(problem: TitleProblem) -> str:
    return problem.find("Lewis Hamilton").cars[0]


@pytest.mark.slow
def test_qatar_2023_if_perez_wins_the_sprint(f1db_season: Seasons) -> None:
    """ "If Pérez wins the sprint, 8th in the Grand Prix is enough" (the sprint otherwise open)."""
    problem, _ = f1_report_paths(f1db_season, 2023, 16)
    sprint, race = problem.sessions[0], problem.sessions[1]
    perez = problem.find("Sergio Pérez").cars_in(sprint.id)[0]
    _, said = f1_report_paths(
        f1db_season, 2023, 16, paths_session=race.id, given=[Fixed(sprint.id, perez, 1)]
    )
    assert said["Max Verstappen"].startswith(
        f"If Sergio Pérez wins {sprint.name}, Max Verstappen is champion"
    )
    assert (
        "with: 8th or better, whatever the others do; 9th or lower with Pérez 2nd or lower; "
        "9th–10th with the fastest lap, whatever the others do." in said["Max Verstappen"]
    )


def test_french_reads_as_french() -> None:
    problem = parse_scenario(SPRINT_FIRST)
    report = analyse(problem, engine="brute", conditions=False)
    assert report.paths
    for path in report.paths:
        words = Text("fr").path(problem, path)
        assert " with " not in words and "whatever" not in words and "or lower" not in words
        assert "avec\u00a0:" in words or " avec : " in words or "quoi que" in words or "Aucun" in words


def clinches_this_weekend_by_enumeration(problem: TitleProblem, contender: str) -> bool:
    """Some results of the next round's sessions make ``contender`` champion however the later
    sessions go (every ending enumerated)."""
    weekend = {s.id for s in problem.sessions if s.round == problem.sessions[0].round}
    groups: dict[tuple[object, ...], list[bool]] = {}
    for c in completions(problem):
        key = tuple(o for o in c.outcomes if o.session in weekend)
        groups.setdefault(key, []).append(champion_of(final_table(problem, c)) == contender)
    return any(all(wins) for wins in groups.values())


@pytest.mark.slow
@settings(
    max_examples=120, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(
    st.sampled_from([2, 3]).flatmap(
        lambda salt: small_championships(max_competitors=3, max_sessions=3, salt=salt)
    )
)
def test_this_weekend_agrees_with_enumeration(text: str) -> None:
    # The first two sessions make one weekend (round 101), a third is the next round.
    for session, round_ in (("R1", 101), ("R2", 101), ("R3", 102)):
        text = text.replace(f'name = "{session}"\n', f'name = "{session}"\nround = {round_}\n')
    problem = parse_scenario(text)
    assume(size(problem, 150) <= 150)
    analyst = Analyst(problem, make_engine(problem, "cpsat"))
    answers = {c.id: best_weekend(analyst, c.id) for c in problem.contestants if not c.excluded}
    assume(any(a is not None for a in answers.values()))
    for cid, path in answers.items():
        if path is not None:
            assert path.can_clinch == clinches_this_weekend_by_enumeration(problem, cid), text


@pytest.mark.slow
def test_verstappen_can_clinch_in_qatar_perez_cannot(f1db_season: Seasons) -> None:
    season = f1db_season(2023).season
    problem, link = problem_from_season(season, f1_preset(2023), "drivers", 16, field_as_next_round=True)
    report = analyse(problem, verify=lambda c: replay_table(link, c), conditions=False, positions=False)
    said = {problem.contestant(w.contender).name: Text("en").weekend(problem, w) for w in report.weekends}
    sprint, race = problem.sessions[0].name, problem.sessions[1].name
    assert said["Max Verstappen"].startswith(
        f"Max Verstappen can be champion this weekend, for example by winning {sprint} and {race} "
        f"with every bonus point and no points for "
    )
    assert said["Max Verstappen"].endswith(
        f". After such a start: Max Verstappen is champion whatever happens in {race}."
    )
    assert said["Sergio Pérez"].startswith("Sergio Pérez cannot be champion this weekend")


@pytest.mark.slow
def test_suzuka_2022_stopped_before_three_quarters(f1db_season: Seasons) -> None:
    """Suzuka 2022: had the race paid the reduced points of art. 6.5 (50-75 %: 19-14-12-…), a win
    would have needed Leclerc 4th or lower (he was classified 3rd); with full points, 3rd or lower."""
    season = f1db_season(2022).season
    text = Text("en")
    said = {}
    for share in (None, Fraction(3, 5)):
        problem, _ = problem_from_season(
            season, f1_preset(2022), "drivers", 17, field_as_next_round=True, shortened=share
        )
        report = analyse(problem, conditions=False, positions=False, decision=False)
        said[share] = {problem.contestant(p.contender).name: text.path(problem, p) for p in report.paths}
        if share is not None:
            assert problem.sessions[0].table[:3] == (Fraction(19), Fraction(14), Fraction(12))
            assert "stops at 60% of its distance: reduced points, as the rules say" in " ".join(
                text.assumptions(problem)
            )
    assert "with: a win with Leclerc 3rd or lower;" in said[None]["Max Verstappen"]
    assert (
        "with: a win with Leclerc 4th or lower and Pérez 3rd or lower;"
        in said[Fraction(3, 5)]["Max Verstappen"]
    )
