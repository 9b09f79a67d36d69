"""One ranking for the title report and the standings: who is ahead now, tie-breaks included.

The title table, "the leader" of the press paragraph and the decision grid must list competitors
in the order ``podium standings`` prints them. Contestants are ranked with
:func:`podium.standings.rank` — the function the standings use — on points and countback under
the problem's tie-break chain; a problem built from a season also carries the standings' own
order (:attr:`TitleProblem.order`), which settles what the problem cannot read (f1db's grid).
"""

from __future__ import annotations

from dataclasses import dataclass

from podium.rules import TieBreakStep
from podium.standings import Contender, rank
from podium.standings.ranking import step_keys
from podium.title.evaluate import modelled_tiebreak
from podium.title.problem import Contestant, TitleProblem


def _contender(c: Contestant) -> Contender:
    return Contender(c.id, c.points, (), extra_countback=c.countback)


def standing_order(problem: TitleProblem) -> list[Contestant]:
    """The contestants in standings order, excluded ones last.

    Points first, then the tie-break chain as far as the problem can read it (its countback and
    wins steps, :func:`~podium.title.evaluate.modelled_tiebreak`), ranked by
    :func:`podium.standings.rank`. Ties that remain follow :attr:`TitleProblem.order`, the
    standings' own order (which also applied steps the problem cannot read: who scored first, the
    last result, the grid); contestants it does not name, or every tie when the problem carries no
    order, keep ``rank``'s order (by competitor id, as ``podium standings`` does). When the order
    is current this is exactly the order it gives; after a replayed session (what-if) the points
    and countback that changed come first. Excluded contestants follow, ordered the same way.
    """
    active = [c for c in problem.contestants if not c.excluded]
    excluded = [c for c in problem.contestants if c.excluded]
    return _ordered(problem, active) + _ordered(problem, excluded)


def _ordered(problem: TitleProblem, contestants: list[Contestant]) -> list[Contestant]:
    by_id = {c.id: c for c in contestants}
    given = {competitor: i for i, competitor in enumerate(dict.fromkeys(problem.order))}
    placed = rank([_contender(c) for c in contestants], modelled_tiebreak(problem.tiebreak))
    ranked = sorted(
        enumerate(placed),
        key=lambda item: (item[1].position, given.get(item[1].contender.competitor, len(given)), item[0]),
    )
    return [by_id[p.contender.competitor] for _, p in ranked]


@dataclass(frozen=True, slots=True)
class TieBreakFact:
    """Why ``ahead`` ranks before ``behind`` on equal points: the step and the values it compared."""

    step: TieBreakStep
    place: int
    """For countback: the place whose count differs (1: wins, 2: second places…)."""
    ahead: int
    behind: int


def tie_break(problem: TitleProblem, ahead: Contestant, behind: Contestant) -> TieBreakFact | None:
    """What separates two contestants level on points, when countback or wins do; else None.

    None also when the order comes from a step the problem cannot read (the standings' grid or
    last result): the words then say only that the tie-break puts ``ahead`` in front.
    """
    if ahead.points != behind.points:
        return None
    pair = [_contender(ahead), _contender(behind)]
    for step, key in step_keys(pair, modelled_tiebreak(problem.tiebreak)):
        a, b = key(pair[0]), key(pair[1])
        if a == b:
            continue
        if step not in (TieBreakStep.COUNTBACK, TieBreakStep.WINS) or a < b:
            return None
        i = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
        return TieBreakFact(step, i + 1, a[i], b[i])
    return None
