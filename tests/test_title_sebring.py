"""The demo's title fights: numbers worked out by hand from examples/sebring-2020-*.toml.

Platinum: Kingsley 478, Dickinson 447 (3 wins), two races of 13 starters paying 35…18. Dickinson's
best is 517; Kingsley wins a tie on countback (10 wins), so 39 points are enough: 11th twice is
40 (enough), 12th twice 38 (not); 10th (21) plus starting the other race (18) is 39.
Masters: 6 starters, last place pays 25: Metni 475 + 50 ≥ Luck 448 + 70 = 518.
Gold: 5 starters, last pays 26: Swearingin 475 + 52 = 527 = Castro's best (457 + 70), and
Swearingin wins the tie on countback (9 wins to 7): starting both is exactly enough.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from podium.title import ConditionKind, PointsCertificate, Status, TitleReport, analyse, parse_scenario
from podium.title.claims import check_claim
from podium.title.constraints import Condition
from podium.title.problem import SessionOutcome, advance

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def report(name: str) -> TitleReport:
    problem = parse_scenario((EXAMPLES / f"sebring-2020-{name}.toml").read_text(), source=name)
    return analyse(problem)


@pytest.fixture(scope="module")
def platinum() -> TitleReport:
    return report("platinum")


def conditions(r: TitleReport, who: str) -> dict[str, tuple[str, str]]:
    return {c.kind.value: (str(c.value), str(c.weaker)) for c in r.verdict(who).conditions}


def test_platinum(platinum: TitleReport) -> None:
    assert platinum.verdict("Jeff Kingsley").status == Status.ALIVE
    assert platinum.verdict("Riley Dickinson").status == Status.ALIVE
    assert platinum.verdict("Jake McAlister").status == Status.ELIMINATED
    found = conditions(platinum, "Jeff Kingsley")
    assert found["uniform"] == ("11", "12")
    assert found["one_and_start"] == ("10", "11")
    assert found["points"] == ("39", "38")
    assert found["ahead_of"][0] == "riley-dickinson"
    assert "start" not in found  # two 13th places (36) are not enough
    cert = platinum.verdict("Jake McAlister").certificate
    assert isinstance(cert, PointsCertificate) and cert.gap == 14 and cert.rival == "Jeff Kingsley"


def test_masters_and_gold() -> None:
    masters, gold = report("masters"), report("gold")
    assert conditions(masters, "Alan Metni")["start"] == ("2", "1")
    assert conditions(gold, "Curt Swearingin")["start"] == ("2", "1")
    assert gold.verdict("Sean Edge").status == Status.ALIVE  # if both leaders stay away


def test_the_articles_claims() -> None:
    platinum = parse_scenario((EXAMPLES / "sebring-2020-platinum.toml").read_text())
    eighth = check_claim(platinum, Condition("jeff-kingsley", ConditionKind.UNIFORM, 8))
    assert eighth.holds and not eighth.tight and eighth.strongest is not None and eighth.strongest.value == 11
    twelfth = check_claim(platinum, Condition("jeff-kingsley", ConditionKind.UNIFORM, 12))
    assert not twelfth.holds and twelfth.counter_example is not None
    gold = parse_scenario((EXAMPLES / "sebring-2020-gold.toml").read_text())
    start = check_claim(gold, Condition("curt-swearingin", ConditionKind.START, 2))
    assert start.holds and start.tight


def test_after_race_one() -> None:
    """Dickinson won race 15, Kingsley was 2nd: 510 to 482, and starting race 16 is enough."""
    problem = parse_scenario((EXAMPLES / "sebring-2020-platinum.toml").read_text())
    order = (
        "riley-dickinson",
        "jeff-kingsley",
        *(c.id for c in problem.contestants if c.id not in ("riley-dickinson", "jeff-kingsley")),
    )
    after = advance(problem, SessionOutcome(problem.sessions[0].id, order))
    assert after.contestant("jeff-kingsley").points == 510
    assert after.contestant("riley-dickinson").points == 482
    assert after.contestant("riley-dickinson").countback[:2] == (4, 8)
    r = analyse(after)
    assert conditions(r, "Jeff Kingsley")["start"] == ("1", "0")
