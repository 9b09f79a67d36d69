"""What a performance model is fitted from: the results of a season so far, per classification.

A :class:`History` is the order in which a classification's competitors finished each session run
so far, who was not ranked (retired, did not start, did not qualify, disqualified) and where the
fastest lap came from. It is read from a :class:`~podium.model.Season` with the standings' own
scoring (:class:`~podium.standings.ClassificationScores`), so positions are positions *in the
classification* (in class for IMSA-style classes, overall for F1) exactly as the tables use them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from podium.model import Classification, Season
from podium.rules import Ruleset
from podium.standings import ClassificationScores


@dataclass(frozen=True, slots=True)
class PastSession:
    """One session already run, as the performance model sees it."""

    round: int
    session: str
    finishers: tuple[str, ...]
    """Competitor ids of the ranked cars, winner first (a team appears once per ranked car)."""
    unranked: tuple[str, ...] = ()
    """Competitor ids of cars that took part but were not ranked (DNF, DNS, DNQ, DSQ, NC…)."""
    fastest_lap_place: int | None = None
    """Place of the car that set the fastest lap, when it was ranked and is known."""


@dataclass(frozen=True, slots=True)
class History:
    """Results so far of one classification: the fitting input of the Plackett–Luce model."""

    classification: str
    after_round: int
    sessions: tuple[PastSession, ...]

    def __repr__(self) -> str:
        return f"<History {self.classification} after R{self.after_round}: {len(self.sessions)} sessions>"

    @property
    def competitors(self) -> frozenset[str]:
        return frozenset(c for s in self.sessions for c in (*s.finishers, *s.unranked))


def history_from_season(
    season: Season, ruleset: Ruleset, classification: str | Classification, after_round: int | None = None
) -> History:
    """The results of ``classification`` up to ``after_round`` (default: every round run).

    Sessions that do not score for the classification (practice, qualifying) are left out, as are
    rounds the classification does not count.
    """
    if isinstance(classification, str):
        classification = season.classification(classification)
    last = season.rounds_completed if after_round is None else after_round
    return history_from_scores(ClassificationScores(season, ruleset, classification), last)


def history_from_scores(scores: ClassificationScores, after_round: int) -> History:
    """:func:`history_from_season` from a season already scored (the backtest reads every round)."""
    season = scores.season
    fastest = {(r.session, r.entry) for r in season.results if r.fastest_lap}
    by_session: dict[str, list[tuple[int | None, str, str, int]]] = defaultdict(list)
    for competitor, lines in scores.lines.items():
        for s in lines:
            if s.round <= after_round:
                by_session[s.session].append((s.position, competitor, s.entry, s.round))
    sessions: list[PastSession] = []
    for session_id, rows in by_session.items():
        ranked = sorted((p, c, e) for p, c, e, _ in rows if p is not None)
        unranked = tuple(sorted(c for p, c, _, _ in rows if p is None))
        fl = next((p for p, _, e in ranked if (session_id, e) in fastest), None)
        sessions.append(
            PastSession(
                round=rows[0][3],
                session=session_id,
                finishers=tuple(c for _, c, _ in ranked),
                unranked=unranked,
                fastest_lap_place=fl,
            )
        )
    sessions.sort(key=lambda s: (s.round, s.session))
    return History(scores.classification.id, after_round, tuple(sessions))
