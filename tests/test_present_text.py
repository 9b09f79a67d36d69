"""Words: English and French, ordinals, plurals, exact points, and a complete French catalogue."""

from __future__ import annotations

import tomllib
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings

from podium.present.decision import Need, clauses, possible
from podium.present.numbers import exact, parse_points, points, probability
from podium.present.text import Text
from podium.title import (
    Certificate,
    ClinchCondition,
    ConditionKind,
    Constraint,
    DecisionTable,
    Engine,
    ExcludedCertificate,
    FieldCertificate,
    Fixed,
    PairCertificate,
    RivalCertificate,
    SessionOutcome,
    TieCertificate,
    TitleProblem,
    analyse,
    make_engine,
    parse_scenario,
)
from podium.title.problem import advance
from title_strategies import small_championships

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(
    ("value", "human", "machine"),
    [
        (Fraction(90), "90", "90"),
        (Fraction(9, 2), "4.5", "9/2"),
        (Fraction(493, 2), "246.5", "493/2"),
        (Fraction(1, 4), "0.25", "1/4"),
        (Fraction(43, 7), "6⅐", "43/7"),
        (Fraction(1, 7), "⅐", "1/7"),
        (Fraction(-3, 2), "-1.5", "-3/2"),
        (Fraction(25, 11), "2 3/11", "25/11"),
    ],
)
def test_points_are_exact(value: Fraction, human: str, machine: str) -> None:
    assert points(value) == human
    assert exact(value) == machine
    assert parse_points(human) == value
    assert parse_points(machine) == value


def test_ordinals() -> None:
    en, fr = Text("en"), Text("fr")
    assert [en.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]
    assert [fr.ordinal(n) for n in (1, 2, 8)] == ["1er", "2e", "8e"]
    assert fr.ordinal(1, feminine=True) == "1re"


def test_plurals_follow_each_language() -> None:
    en, fr = Text("en"), Text("fr")
    assert en.points(Fraction(1)) == "1 point"
    assert en.points(Fraction(3, 2)) == "1.5 points"
    assert en.points(Fraction(739, 2)) == "369.5 points"
    assert en.points(Fraction(0)) == "0 points"
    assert fr.points(Fraction(3, 2)) == "1,5 point"  # a French page writes a decimal comma
    assert fr.points(Fraction(739, 2)) == "369,5 points"
    assert fr.points(Fraction(43, 7)) == "6⅐ points"  # no exact decimal: the fraction stays
    assert fr.points(Fraction(0)) == "0 point"
    assert fr.points(Fraction(39)) == "39 points"
    assert fr.races(1) == "1 course" and fr.races(2) == "2 courses"


def test_sebring_sentences_in_both_languages() -> None:
    problem = parse_scenario((EXAMPLES / "sebring-2020-platinum.toml").read_text())
    report = analyse(problem)
    kingsley = report.verdict("Jeff Kingsley")
    by_kind = {c.kind.value: c for c in kingsley.conditions}
    en, fr = Text("en"), Text("fr")
    assert en.condition(problem, kingsley, by_kind["uniform"]) == (
        "Jeff Kingsley is champion by finishing 11th or better in both races. (12th would not be enough.)"
    )
    assert fr.condition(problem, kingsley, by_kind["uniform"]) == (
        "Jeff Kingsley est champion en terminant 11e ou mieux lors des deux courses. (12e ne suffirait pas.)"
    )
    assert fr.condition(problem, kingsley, by_kind["points"]) == (
        "Jeff Kingsley est champion en marquant au moins 39 points sur les deux dernières courses, "
        "quoi que marquent les autres (le nombre magique). (38 points ne suffiraient pas.)"
    )
    cert = report.verdict("Jake McAlister").certificate
    assert cert is not None
    assert "464" in en.certificate(cert) and "14 points" in en.certificate(cert)
    press = fr.press(report, event="Sebring", classification="Platine")
    assert press.startswith(
        "Jeff Kingsley mène le classement Platine avec 31 points d’avance sur Riley Dickinson, "
        "à 2 courses de la fin à Sebring."
    )
    english = en.press(report, event="Sebring", classification="Platinum")
    assert english.count("Jeff Kingsley") == 1 and english.count("Kingsley") >= 3  # named once in full
    assert english.endswith("Only Dickinson can still beat Kingsley.")


def test_the_magic_number_says_what_it_counts_and_what_less_means() -> None:
    """Metni needs 50 over the last two races; the next total he can score below it is 35, so the
    sentence says "less can only mean 35 or fewer", never "35 would not be enough" as if 36-49 were
    possible. After race 15, "less" can only mean not scoring at all."""
    masters = sebring("masters", after_race_15=False)
    metni = analyse(masters).verdict("Alan Metni")
    magic = next(c for c in metni.conditions if c.kind is ConditionKind.POINTS)
    said = Text("en").condition(masters, metni, magic)
    assert "at least 50 points over the last two races, whatever the others score" in said
    assert "(Less can only mean 35 points or fewer, which would not be enough.)" in said
    assert "(35 points would not be enough.)" not in said
    after = sebring("platinum", after_race_15=True)
    kingsley = analyse(after).verdict("Jeff Kingsley")
    magic = next(c for c in kingsley.conditions if c.kind is ConditionKind.POINTS)
    said = Text("en").condition(after, kingsley, magic)
    assert "in the last race" in said and "Less can only mean scoring nothing" in said


@pytest.mark.parametrize(
    ("cert", "english", "french"),
    [
        (
            TieCertificate("A", Fraction(9), "B", Fraction(9), 2, drops=False),
            "At best A would draw level with B on 9 points and lose the tie-break.",
            "Au mieux, A rejoindrait B à égalité avec 9 points et perdrait au départage.",
        ),
        (
            RivalCertificate("A", Fraction(9, 2), "B", Fraction(8), drops=True),
            "A cannot finish ahead of B whatever happens: 4.5 points at most (counting only the "
            "results that count) against 8 points already.",
            "A ne peut pas terminer devant B, quoi qu’il arrive\u00a0: 4,5 points au maximum (en ne "
            "comptant que les résultats retenus) contre 8 points déjà acquis.",
        ),
        (
            PairCertificate("A", "B", "C", Fraction(1), Fraction(2), Fraction(3)),
            "A could pass B or C, but never both with the same results.",
            "A pourrait dépasser B ou C, mais jamais les deux avec les mêmes résultats.",
        ),
        (
            FieldCertificate("A", Fraction(3)),
            "No ending of the season makes A champion.",
            "Aucune fin de saison ne permet à A d’être champion.",
        ),
        (
            ExcludedCertificate("A"),
            "A is excluded from this classification.",
            "A est exclu de ce classement.",
        ),
    ],
)
def test_every_kind_of_certificate_in_words(cert: Certificate, english: str, french: str) -> None:
    """Each typed reason is read field by field (the ceiling, the rival, whether drops apply)."""
    assert Text("en").certificate(cert) == english
    assert Text("fr").certificate(cert) == french


def test_assumptions_after_a_replayed_race_name_only_what_remains() -> None:
    """After race 15 is replayed, race 15's field size is no assumption any more (it once showed,
    untranslated, in the French list)."""
    after = sebring("platinum", after_race_15=True)
    assert Text("fr").assumptions(after) == [
        "Course 16 (Sebring, ven. 13 nov. 2020, 14:35)\u00a0: 13 partants au plus"
    ]
    before = sebring("platinum", after_race_15=False)
    assert len(Text("en").assumptions(before)) == 2


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="'de'"):
        Text("de").points(Fraction(1))


def test_french_catalogue_translates_every_message() -> None:
    """Every message marked in podium.present.text has a French translation (Babel extraction)."""
    found = set()
    for source in (
        Path(str(resources.files("podium.present") / "text.py")),
        Path(str(resources.files("podium.cli") / "title_view.py")),  # the terminal's report
        Path(str(resources.files("podium.cli") / "demo.py")),
    ):
        for _, message, _, _ in extract_from_file(
            "python", source, keywords={"_": None, "tn": (1, 2), "t": None}
        ):
            found.add(message if isinstance(message, str) else message[0])
    po = resources.files("podium") / "locale" / "fr" / "LC_MESSAGES" / "podium.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    missing = sorted(m for m in found if m and (m not in catalog or not catalog[m].string))
    assert len(found) > 40
    assert missing == []


def sebring(name: str, *, after_race_15: bool) -> TitleProblem:
    """A Sebring class before the finale, or after race 15 as it was run (examples/sebring-2020.toml)."""
    problem = parse_scenario((EXAMPLES / f"sebring-2020-{name}.toml").read_text())
    if not after_race_15:
        return problem
    manifest = tomllib.loads((EXAMPLES / "sebring-2020.toml").read_text())
    key = {"platinum": "platinum", "masters": "masters", "gold": "gold"}[name]
    session = problem.sessions[0]
    order = tuple(problem.find(n).cars[0] for n in manifest["race_15"][key])
    rest = tuple(car for car in problem.cars_in(session) if car not in order and problem.owner(car))
    return advance(problem, SessionOutcome(session.id, order, rest))


CASES = [(name, after) for name in ("platinum", "masters", "gold") for after in (False, True)]


def check_clauses(problem: TitleProblem, table: DecisionTable, engine: Engine) -> None:
    """Each clause holds on every cell it covers; every settled cell is covered; the pairs a clause
    may skip as impossible are exactly those the engine finds no ending for."""
    session = next(s for s in problem.sessions if s.id == table.session)
    leader, rival = problem.contestant(table.leader), problem.contestant(table.rival)
    for lp in table.places:
        for rp in table.places:
            fixed = (Fixed(session.id, leader.cars[0], lp), Fixed(session.id, rival.cars[0], rp))
            can = (lp is None or lp != rp) and engine.possible(Constraint(fixed=fixed)) is not None
            assert possible(problem, session, lp, rp) == can, (lp, rp)
    found = clauses(problem, table)
    covered = set()
    for clause in found:
        for lp in clause.leader:
            for rp in clause.covers(lp, table.places):
                if possible(problem, session, lp, rp):
                    assert table.cells.get((lp, rp)) == "leader", (clause, lp, rp)
                    covered.add((lp, rp))
    settled = {cell for cell, outcome in table.cells.items() if outcome == "leader"}
    assert settled == covered
    # Each leader place is said at most once, and the clauses keep the table's order.
    rows = [lp for clause in found for lp in clause.leader]
    assert len(rows) == len(set(rows))
    assert rows == [lp for lp in table.places if lp in rows]
    # The words say every clause, in both languages: one "; " between clauses, none cut.
    en, fr = Text("en").decision(problem, table), Text("fr").decision(problem, table)
    if len(found) > 1:
        assert en.count("; ") == len(found) - 1
        assert fr.count("\u00a0; ") == len(found) - 1
    assert "1st or better" not in en and "1er ou mieux" not in fr


@pytest.mark.parametrize(("name", "after_race_15"), CASES)
def test_every_clause_of_the_decision_sentence_holds_on_the_cells_it_covers(
    name: str, after_race_15: bool
) -> None:
    """The property behind the sentence, on Sebring before and after race 15."""
    problem = sebring(name, after_race_15=after_race_15)
    report = analyse(problem)
    assert report.decision is not None
    check_clauses(problem, report.decision, make_engine(problem))


def test_decision_clauses_hold_on_random_championships() -> None:
    """The same property on small random championships (starters or classified scoring, unnamed
    starters, absentees, double points, drops), with the exhaustive engine."""

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(small_championships(max_competitors=4, max_sessions=2, salt=7))
    def run(text: str) -> None:
        problem = parse_scenario(text)
        report = analyse(problem, engine="brute", conditions=False, positions=False, paths=False)
        if report.decision is not None:
            check_clauses(problem, report.decision, make_engine(problem, "brute"))

    run()


def test_decision_sentences_read_as_a_press_officer_would_write_them() -> None:
    """The exact words for Sebring before and after race 15, every clause tied to the table above."""
    platinum = sebring("platinum", after_race_15=False)
    table = analyse(platinum).decision
    assert table is not None
    assert Text("en").decision(platinum, table) == (
        "Jeff Kingsley is champion after Race 15 (Sebring, Fri 13 Nov 2020, 08:00) with: "
        "a win with Riley Dickinson 3rd or lower; 2nd with Dickinson 4th or lower; "
        "3rd with Dickinson 5th or lower; 4th with Dickinson 7th or lower; 5th with Dickinson 9th or lower; "
        "6th with Dickinson 10th or lower; 7th with Dickinson 11th or lower; "
        "8th with Dickinson 12th or lower; 9th with Dickinson 13th or lower; "
        "10th–12th with Dickinson not starting."
    )
    assert (
        Text("fr")
        .decision(platinum, table)
        .startswith(
            "Jeff Kingsley est champion à l’issue de Course 15 (Sebring, ven. 13 nov. 2020, 08:00) "
            "avec\u00a0: "
            "une victoire si Riley Dickinson est 3e ou moins bien\u00a0; "
            "2e si Dickinson est 4e ou moins bien\u00a0; "
        )
    )
    assert (
        Text("fr")
        .decision(platinum, table)
        .endswith("\u00a0; 10e à 12e si Dickinson ne prend pas le départ.")
    )
    after = sebring("platinum", after_race_15=True)
    table = analyse(after).decision
    assert table is not None
    assert Text("en").decision(after, table) == (
        "Jeff Kingsley is champion after Race 16 (Sebring, Fri 13 Nov 2020, 14:35) with: "
        "any place whatever Riley Dickinson does; without starting, with Dickinson 4th or lower."
    )
    assert Text("fr").decision(after, table) == (
        "Jeff Kingsley est champion à l’issue de Course 16 (Sebring, ven. 13 nov. 2020, 14:35) avec\u00a0: "
        "n’importe quelle place quoi que fasse Riley Dickinson\u00a0; "
        "sans prendre le départ, si Dickinson est 4e ou moins bien."
    )
    masters = sebring("masters", after_race_15=False)
    table = analyse(masters).decision
    assert table is not None
    assert (
        Text("en")
        .decision(masters, table)
        .endswith("with: a win with Charlie Luck 5th or lower; 2nd–5th with Luck not starting.")
    )
    gold = sebring("gold", after_race_15=True)
    table = analyse(gold).decision
    assert table is not None
    assert (
        Text("en")
        .decision(gold, table)
        .endswith(
            "with: any place whatever Efrin Castro does; without starting, if Castro does not start either."
        )
    )
    assert (
        Text("fr")
        .decision(gold, table)
        .endswith(
            "avec\u00a0: n’importe quelle place quoi que fasse Efrin Castro\u00a0; "
            "sans prendre le départ, si Castro ne prend pas le départ non plus."
        )
    )


def test_kingsley_winning_race_15_is_not_enough_if_dickinson_is_second() -> None:
    """Regression: the sentence once said "1st whatever Riley Dickinson does" — but Kingsley 1st,
    Dickinson 2nd, then Kingsley not starting race 16 lets Dickinson win by one point."""
    problem = parse_scenario((EXAMPLES / "sebring-2020-platinum.toml").read_text())
    report = analyse(problem)
    assert report.decision is not None
    sentence = Text("en").decision(problem, report.decision)
    assert "a win with Riley Dickinson 3rd or lower; 2nd with Dickinson 4th or lower" in sentence
    assert "whatever" not in sentence


GRID = """
title = "Grid"
[rules]
points = [10, 6, 4, 3]
scoring = "starters"
tiebreak = "countback"
[[competitors]]
name = "Ann Lead"
points = "50"
[[competitors]]
name = "Ben Chase"
points = "45"
[[competitors]]
name = "Cy Third"
points = "10"
[[competitors]]
name = "Di Fourth"
points = "5"
[[remaining]]
name = "Race 9"
starters = 4
"""


def test_clauses_group_rows_skip_what_cannot_happen_and_list_the_rest() -> None:
    """A hand-made grid (4 starters at most): rows 1–2 settle whatever Ben does, row 3 with Ben
    behind, row 4 with Ben not starting cannot happen (only 3 others), and Ann not starting
    settles with Ben 2nd or not starting — a set no simpler phrase says."""
    problem = parse_scenario(GRID)
    ann, ben = problem.find("Ann Lead"), problem.find("Ben Chase")
    places: tuple[int | None, ...] = (1, 2, 3, 4, None)
    table = DecisionTable(problem.sessions[0].id, ann.id, ben.id, places)
    settled: list[tuple[int | None, int | None]] = [
        *[(1, 2), (1, 3), (1, 4), (1, None), (2, 1), (2, 3), (2, 4), (2, None)],
        *[(3, 4), (3, None), (None, 2), (None, None)],
    ]
    for cell in settled:
        table.cells[cell] = "leader"
    session = problem.sessions[0]
    assert not possible(problem, session, 4, None) and not possible(problem, session, None, 4)
    assert possible(problem, session, 4, 3) and possible(problem, session, None, None)
    found = clauses(problem, table)
    assert [(c.leader, c.need) for c in found] == [
        ((1, 2), Need.ANYTHING),
        ((3,), Need.BEHIND),
        ((None,), Need.LISTED),
    ]
    assert Text("en").decision(problem, table) == (
        "Ann Lead is champion after Race 9 with: 2nd or better whatever Ben Chase does; "
        "3rd ahead of Chase; without starting, with Chase 2nd or not starting."
    )
    assert Text("fr").decision(problem, table) == (
        "Ann Lead est champion à l’issue de Course 9 avec\u00a0: 2e ou mieux quoi que fasse Ben Chase\u00a0; "
        "3e devant Chase\u00a0; sans prendre le départ, si Chase est 2e ou non partant."
    )
    # A single clause from 1st reads as one sentence; a win alone is "by winning it".
    only_win = DecisionTable(session.id, ann.id, ben.id, places)
    for rp in (2, 3, 4, None):
        only_win.cells[(1, rp)] = "leader"
    assert Text("en").decision(problem, only_win) == (
        "Ann Lead is champion after Race 9 by winning it, whatever Ben Chase does."
    )
    assert Text("fr").decision(problem, only_win) == (
        "Ann Lead est champion à l’issue de Course 9 en s’imposant, quoi que fasse Ben Chase."
    )
    for rp in (1, 3, 4, None):
        only_win.cells[(2, rp)] = "leader"
    assert Text("en").decision(problem, only_win) == (
        "Ann Lead is champion after Race 9 by finishing 2nd or better, whatever Ben Chase does."
    )
    for rp in (1, 2, 4, None):
        only_win.cells[(3, rp)] = "leader"
    for rp in (1, 2, 3):
        only_win.cells[(4, rp)] = "leader"
    assert Text("en").decision(problem, only_win) == (
        "Ann Lead is champion after Race 9 by starting it, whatever Ben Chase does."
    )
    assert Text("fr").decision(problem, only_win) == (
        "Ann Lead est champion à l’issue de Course 9 en prenant le départ, quoi que fasse Ben Chase."
    )


def test_winning_is_said_as_winning() -> None:
    """Never "1st or better": a condition on the best place reads "by winning both races"."""
    problem = parse_scenario(GRID + '[[remaining]]\nname = "Race 10"\nstarters = 4\n')
    report = analyse(problem, decision=False, positions=False)
    verdict = report.verdict("Ann Lead")
    uniform = ClinchCondition(ConditionKind.UNIFORM, 1, None, 2)
    assert Text("en").condition(problem, verdict, uniform) == (
        "Ann Lead is champion by winning both races. (2nd would not be enough.)"
    )
    assert Text("fr").condition(problem, verdict, uniform) == (
        "Ann Lead est champion en remportant les deux courses. (2e ne suffirait pas.)"
    )
    one = ClinchCondition(ConditionKind.ONE_AND_START, 1, None, 2)
    assert (
        Text("en")
        .condition(problem, verdict, one)
        .startswith("Ann Lead is also champion by winning one race while starting the other.")
    )
    assert (
        Text("fr")
        .condition(problem, verdict, one)
        .startswith(
            "Ann Lead est aussi champion en remportant une course et en prenant le départ de l’autre."
        )
    )


@pytest.mark.parametrize(
    ("p", "possible", "shown"),
    [
        (0.0, False, "0%"),
        (0.0, True, "< 0.1%"),  # alive by the exact maths: sampling never proves 0
        (1.0, False, "100%"),
        (1.0, True, "> 99.9%"),
        (0.62, True, "62.0%"),
        (0.0004, False, "< 0.1%"),
        (0.9996, False, "> 99.9%"),
    ],
)
def test_probabilities_never_claim_a_proof_they_do_not_have(p: float, possible: bool, shown: str) -> None:
    assert probability(p, possible=possible) == shown


@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (Fraction(739, 2), "369.5", "369,5"),
        (Fraction(493, 2), "246.5", "246,5"),
        (Fraction(2469, 2), "1,234.5", "1\u202f234,5"),
        (Fraction(43, 7), "6⅐", "6⅐"),
        (Fraction(-1, 8), "-0.125", "-0,125"),
    ],
)
def test_points_follow_the_locale(value: Fraction, en: str, fr: str) -> None:
    """One formatter for points everywhere: an exact decimal in the reader's form, never "493/2"."""
    assert points(value) == en
    assert points(value, "fr") == fr


def test_french_probabilities_and_counts() -> None:
    from podium.present.numbers import count

    assert probability(0.62, possible=True, lang="fr") == "62,0\xa0%"
    assert probability(1.0, possible=True, lang="fr") == "> 99,9\xa0%"
    assert count(20000, "fr") == "20\u202f000"
