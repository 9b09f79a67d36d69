"""MotoGP 2023, the first season with Tissot Sprints, proven on published tables: the Austrian Grand
Prix weekend (round 10, Red Bull Ring) scored by the shipped `motogp-2023` preset. The riders' table
published after round 9 is carried in whole (29 lines) and the table published after round 10 must
come out of the two classifications as printed; the constructors' table printed round by round gives
the tables before and after (sources: tests/data/motogp-2023/README.md).

One published figure does not follow from the classifications: Alex Marquez is printed with 94
points after Austria, 2 more than his 75, his Sprint 4th (6) and his Grand Prix 5th (11) give; the
same site's table after the Sprint had him on 81. The test names that line rather than hide it."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from motogp import by_round, motogp_round
from podium.model import Event, Season, Session, SessionKind
from published import carried_in_classes, points_of, table

DATA = Path(__file__).parent / "data" / "motogp-2023"
SHEETS = {"r10-sprint": "r10-austria-sprint.csv", "r10-race": "r10-austria-race.csv"}


def _season() -> Season:
    austria = Event(
        round=10,
        id="austria",
        name="CryptoDATA Motorrad Grand Prix von Österreich",
        date=date(2023, 8, 20),
        time_zone="Europe/Vienna",
        sessions=(
            Session("r10-sprint", "Tissot Sprint", SessionKind.SPRINT, scheduled_laps=14, laps_completed=14),
            Session("r10-race", "Grand Prix", SessionKind.RACE, scheduled_laps=28, laps_completed=28),
        ),
    )
    return motogp_round(2023, DATA, "r10-austria-riders.csv", austria, SHEETS)


def test_every_rider_of_the_published_table_after_austria() -> None:
    before = table(DATA / "standings-after-r9.csv")
    published = table(DATA / "standings-after-r10.csv")
    rules = carried_in_classes("motogp-2023", {"riders": before}, "standings after round 9 as published")
    computed = points_of(_season(), rules, "riders")
    assert set(computed) == set(published) and len(published) == 29
    wrong = {d: (computed[d], published[d]) for d in published if computed[d] != published[d]}
    assert wrong == {"alex-marquez": (Fraction(92), Fraction(94))}
    # Bagnaia's double (12 + 25) and Binder's two second places (9 + 20).
    assert (computed["francesco-bagnaia"], computed["brad-binder"]) == (Fraction(251), Fraction(160))


def test_constructors_before_and_after_austria() -> None:
    """The five lines of the table printed after round 10: their first nine columns carried in,
    Austria must give the tenth, every line of the table, which has no GASGAS line: Tech3's
    GASGAS-badged bikes score for KTM (tests/test_real_motogp_2023_season.py shows why), and at
    Austria Binder's two second places were KTM's best anyway."""
    published = by_round(DATA / "constructors-after-r10.csv", "constructor")
    before = {m: sum(points[:9]) for m, points in published.items()}
    rules = carried_in_classes("motogp-2023", {"constructors": before}, "standings after round 9")
    computed = points_of(_season(), rules, "constructors")
    assert {m: computed[m] for m in published} == {m: sum(points) for m, points in published.items()}
    assert set(computed) == set(published)
    # Ducati's 317 before Austria is also what corsedimoto.com printed after Silverstone.
    assert before["ducati"] == 317
