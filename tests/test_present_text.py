"""Words: English and French, ordinals, plurals, exact points, and a complete French catalogue."""

from __future__ import annotations

from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from podium.present.numbers import exact, parse_points, points, probability
from podium.present.text import Text
from podium.title import analyse, parse_scenario

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(
    ("value", "human", "machine"),
    [
        (Fraction(90), "90", "90"),
        (Fraction(9, 2), "4½", "9/2"),
        (Fraction(43, 7), "6⅐", "43/7"),
        (Fraction(1, 7), "⅐", "1/7"),
        (Fraction(-3, 2), "-1½", "-3/2"),
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
    assert en.points(Fraction(3, 2)) == "1½ points"
    assert en.points(Fraction(0)) == "0 points"
    assert fr.points(Fraction(3, 2)) == "1½ point"
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
        "Jeff Kingsley est champion en marquant au moins 39 points (le nombre magique). "
        "(38 points ne suffiraient pas.)"
    )
    cert = report.verdict("Jake McAlister").certificate
    assert cert is not None
    assert "464" in en.certificate(cert) and "14 points" in en.certificate(cert)
    press = fr.press(report, event="Sebring", classification="Platine")
    assert press.startswith(
        "Jeff Kingsley mène Platine avec 31 points d'avance sur Riley Dickinson, "
        "à 2 courses de la fin à Sebring."
    )


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="'de'"):
        Text("de").points(Fraction(1))


def test_french_catalogue_translates_every_message() -> None:
    """Every message marked in podium.present.text has a French translation (Babel extraction)."""
    source = Path(str(resources.files("podium.present") / "text.py"))
    found = set()
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


@pytest.mark.parametrize("name", ["platinum", "masters", "gold"])
def test_decision_sentence_says_only_what_the_table_proves(name: str) -> None:
    """Every "whatever the rival does" is backed by a settled cell for each place the rival can take."""
    problem = parse_scenario((EXAMPLES / f"sebring-2020-{name}.toml").read_text())
    report = analyse(problem)
    table = report.decision
    assert table is not None
    sentence = Text("en").decision(problem, table)
    rival = problem.contestant(table.rival).name
    for place in (p for p in table.places if p is not None):
        claimed = f"{Text('en').ordinal(place)} whatever {rival} does" in sentence
        settled = all(table.cells.get((place, rp)) == "leader" for rp in table.places if rp != place)
        assert claimed == settled, (place, sentence)


def test_kingsley_winning_race_15_is_not_enough_if_dickinson_is_second() -> None:
    """Regression: the sentence once said "1st whatever Riley Dickinson does" — but Kingsley 1st,
    Dickinson 2nd, then Kingsley not starting race 16 lets Dickinson win by one point."""
    problem = parse_scenario((EXAMPLES / "sebring-2020-platinum.toml").read_text())
    report = analyse(problem)
    assert report.decision is not None
    sentence = Text("en").decision(problem, report.decision)
    assert "1st with Riley Dickinson 3rd or lower; 2nd with Riley Dickinson 4th or lower" in sentence


@pytest.mark.parametrize(
    ("p", "possible", "shown"),
    [
        (0.0, False, "0 %"),
        (0.0, True, "< 0.1 %"),  # alive by the exact maths: sampling never proves 0
        (1.0, False, "100 %"),
        (1.0, True, "> 99.9 %"),
        (0.62, True, "62.0 %"),
        (0.0004, False, "< 0.1 %"),
        (0.9996, False, "> 99.9 %"),
    ],
)
def test_probabilities_never_claim_a_proof_they_do_not_have(p: float, possible: bool, shown: str) -> None:
    assert probability(p, possible=possible) == shown
