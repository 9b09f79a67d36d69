"""Ties on points: each step of the tie-break chain, alone, on competitors level on everything before it."""

from __future__ import annotations

from builders import SeasonBuilder, order, row, standings
from podium.rules import TieBreakStep

TABLE = """
[scoring.points]
race = [10, 6, 4, 2]
"""


def rules(chain: str, **tiebreak: str) -> str:
    extra = "".join(f'{k} = "{v}"\n' for k, v in tiebreak.items())
    return TABLE + f"[scoring.tiebreak]\nchain = {chain}\n" + extra


def test_points_first() -> None:
    b = SeasonBuilder()
    b.race("a", "b", "c")
    assert order(standings(b.build(), TABLE)) == [(1, "a"), (2, "b"), (3, "c")]


def _countback_beyond_the_table() -> SeasonBuilder:
    # a and b: 10 points each, one win each; a's other result is a 5th, b's a 6th.
    b = SeasonBuilder()
    b.race("a", "x1", "x2", "x3", "x4", "b")
    b.race("b", "y1", "y2", "y3", "a")
    return b


def test_countback_over_every_place() -> None:
    table = standings(_countback_beyond_the_table().build(), rules('["countback", "shared"]'))
    assert order(table)[:2] == [(1, "a"), (2, "b")]
    assert table.row("a").decided_by is TieBreakStep.COUNTBACK


def test_countback_over_scoring_places_only() -> None:
    rule = rules('["countback", "shared"]', countback_positions="scoring")
    table = standings(_countback_beyond_the_table().build(), rule)
    # 5th and 6th pay nothing with a 4-place table: a and b share 1st, the next is 3rd.
    assert [p for p, c in order(table) if c in ("a", "b")] == [1, 1]
    assert table.row("a").decided_by is None


def _best_one_of_two() -> SeasonBuilder:
    # a: 1st and 2nd; b: 1st and 3rd. With best 1, each counts 10.
    b = SeasonBuilder()
    b.race("a", "z")
    b.race("b", "a")
    b.race("z3", "z4", "b")
    return b


def test_countback_reads_every_result_by_default() -> None:
    rule = rules('["countback", "shared"]') + "[scoring.counting]\nbest = 1\n"
    table = standings(_best_one_of_two().build(), rule)
    # Level on 10; countback over all results: a has a 2nd, b only a 3rd.
    assert order(table)[:2] == [(1, "a"), (2, "b")]


def test_countback_on_counted_results_only() -> None:
    rule = (
        rules('["countback", "shared"]', countback_scope="counted_results") + "[scoring.counting]\nbest = 1\n"
    )
    table = standings(_best_one_of_two().build(), rule)
    # Only the counted wins are read: still level, so they share.
    assert [p for p, c in order(table) if c in ("a", "b")] == [1, 1]


def _level_on_wins() -> SeasonBuilder:
    # a: two 2nd places (12); b: a 2nd, a 3rd and a 4th (12). Neither won.
    b = SeasonBuilder()
    b.race("w1", "a", "b")
    b.race("w2", "a", "x", "b")
    b.race("w3", "b", "x2")
    return b


def test_wins_only_reads_wins() -> None:
    table = standings(_level_on_wins().build(), rules('["wins", "shared"]'))
    # 12 points each, ahead of the three winners (10 each), and no win to tell them apart.
    assert order(table)[:2] in ([(1, "a"), (1, "b")], [(1, "b"), (1, "a")])


def test_countback_goes_on_to_second_places() -> None:
    table = standings(_level_on_wins().build(), rules('["countback", "shared"]'))
    assert order(table)[:2] == [(1, "a"), (2, "b")]


def _swapped_results() -> SeasonBuilder:
    # a: 1st then 2nd; b: 2nd then 1st. Level on points and on countback.
    b = SeasonBuilder()
    b.race(row("a", grid=3), row("b", grid=1))
    b.race(row("b", grid=4), row("a", grid=2))
    return b


def test_first_achieved() -> None:
    table = standings(_swapped_results().build(), rules('["countback", "first_achieved", "shared"]'))
    assert order(table) == [(1, "a"), (2, "b")]
    assert table.row("a").decided_by is TieBreakStep.FIRST_ACHIEVED


def test_last_result() -> None:
    table = standings(_swapped_results().build(), rules('["countback", "last_result", "shared"]'))
    assert order(table) == [(1, "b"), (2, "a")]


def test_grid() -> None:
    # Grids: a started 3rd and 2nd, b 1st and 4th: b's best start is better.
    table = standings(_swapped_results().build(), rules('["countback", "grid", "shared"]'))
    assert order(table) == [(1, "b"), (2, "a")]


def test_shared_when_the_chain_runs_out() -> None:
    b = _swapped_results()
    b.race("c", "x")
    b.race("c", "x")
    table = standings(b.build(), rules('["countback", "shared"]'))
    # c leads on 20; a and b share 2nd; x is 4th, not 3rd.
    assert order(table) == [(1, "c"), (2, "a"), (2, "b"), (4, "x")]


def test_without_shared_every_place_is_distinct() -> None:
    table = standings(_swapped_results().build(), rules('["countback"]'))
    assert [p for p, _ in order(table)] == [1, 2]
