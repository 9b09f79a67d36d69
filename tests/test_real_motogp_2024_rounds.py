"""MotoGP 2024, the constructors' table round by round: fr.motorsport.com printed each
manufacturer's points of each of the first 14 rounds (tests/data/motogp-2024/constructors-after-r14.csv).
Six rounds' classifications are stored as MotoGP's results API gave them (rounds 1, 3, 7, 8, 9 and
10); each must give its column on its own, 30 figures, from the best-placed bike of each
manufacturer in the Sprint and the Grand Prix (sources: tests/data/motogp-2024/README.md)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from motogp import by_round, motogp_season
from podium.rules import load_preset
from podium.standings import compute_standings

DATA = Path(__file__).parent / "data" / "motogp-2024"
ROUNDS = (1, 3, 7, 8, 9, 10)


def test_each_stored_round_gives_its_column() -> None:
    season = motogp_season(2024, DATA, "api-calendar.csv", "api-rounds.csv")
    rules = load_preset("motogp-2024")
    published = by_round(DATA / "constructors-after-r14.csv", "constructor")
    totals: dict[int, dict[str, Fraction]] = {0: {}}
    for n in ROUNDS:
        totals[n] = {
            row.competitor: row.points for row in compute_standings(season, rules, "constructors", n).rows
        }
    previous = (0, *ROUNDS[:-1])
    computed = {
        m: [
            totals[n].get(m, Fraction(0)) - totals[p].get(m, Fraction(0))
            for p, n in zip(previous, ROUNDS, strict=True)
        ]
        for m in published
    }
    assert computed == {m: [points[n - 1] for n in ROUNDS] for m, points in published.items()}
    # Honda scored nothing at the Americas and at Mugello ("-" in the table).
    assert [computed["honda"][1], computed["honda"][2]] == [0, 0]
