"""A session's results inside each class, computed once for the web pages and the JSON API.

Each car of the class field gets one line: its effective result (adjustments applied), the result
as entered when an adjustment changed it, and the score line of each competitor it scores for
(two drivers sharing the car: two score lines; a car removed from the results by an ineligibility
rule: none).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from podium.model import Classification, Event, Result, Season, Session
from podium.rules import Ruleset
from podium.standings import Score, in_field, score_session, scoring_for


@dataclass(frozen=True, slots=True)
class ClassLine:
    """One car's line in one class of one session."""

    result: Result
    original: Result | None
    """The result as entered, only when an adjustment changed it."""
    scores: tuple[tuple[str, Score], ...]
    """``(competitor id, score line)`` for each competitor the car scores for, by competitor id."""

    @property
    def position(self) -> int | None:
        """The car's position within the class (``None``: unranked or not scored)."""
        return self.scores[0][1].position if self.scores else None

    @property
    def points(self) -> Fraction | None:
        """What the car earned, bonuses included (its first competitor's line)."""
        return self.scores[0][1].total if self.scores else None


def class_lines(
    season: Season, ruleset: Ruleset, classification: Classification, event: Event, session: Session
) -> list[ClassLine]:
    """The session's cars inside ``classification``: ranked ones by class position, then the others
    by overall position (the store's order among equals)."""
    scored = score_session(season, classification, scoring_for(ruleset, classification), event, session)
    by_entry: dict[str, list[tuple[str, Score]]] = {}
    for who in sorted(scored):
        for line in scored[who]:
            by_entry.setdefault(line.entry, []).append((who, line))
    originals = {r.entry: r for r in season.original_results(session.id)}
    out = []
    for r in season.results_for(session.id):
        if not in_field(season, classification, event, r):
            continue
        original = originals.get(r.entry)
        changed = original if original is not None and original != r else None
        out.append(ClassLine(r, changed, tuple(by_entry.get(r.entry, ()))))
    out.sort(key=lambda x: (x.position is None, x.position or 0, x.result.position or 10**6))
    return out
