"""Standings tables: per classification, after any round, with the progression round by round."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from fractions import Fraction

from podium.errors import ConsistencyError, NotFoundError
from podium.model import AdjustmentKind, Classification, CompetitorKind, Season
from podium.rules import Exclusion, Ruleset, Scoring, TieBreakStep
from podium.standings.counting import apply_counting
from podium.standings.ranking import Contender, rank
from podium.standings.scores import Score, in_field, result_scorers, score_session


@dataclass(frozen=True, slots=True)
class StandingRow:
    """One line of a table. ``points`` are the points that count; ``total_points`` before drops."""

    position: int | None
    """``None`` for a competitor excluded from the classification."""
    competitor: str
    name: str
    points: Fraction
    total_points: Fraction
    wins: int
    scores: tuple[Score, ...] = field(repr=False)
    adjusted: Fraction = Fraction(0)
    """Points added or removed by decisions outside the results (negative: a deduction)."""
    excluded: Exclusion | None = None
    decided_by: TieBreakStep | None = None
    """When level on points with the next competitor: the tie-break step that put this one ahead."""

    @property
    def dropped(self) -> tuple[Score, ...]:
        return tuple(s for s in self.scores if not s.counted)

    @property
    def dropped_points(self) -> Fraction:
        return sum((s.total for s in self.dropped), Fraction(0))

    @property
    def position_text(self) -> str:
        if self.excluded is not None:
            return self.excluded.status
        return str(self.position)

    def __str__(self) -> str:
        return f"{self.position_text}. {self.name} {self.points}"


@dataclass(frozen=True, slots=True)
class Standings:
    """A classification's table after ``after_round``."""

    season: str
    classification: Classification
    after_round: int
    rows: tuple[StandingRow, ...]

    def row(self, competitor: str) -> StandingRow:
        for r in self.rows:
            if r.competitor == competitor:
                return r
        raise KeyError(competitor)

    def get(self, competitor: str) -> StandingRow | None:
        return next((r for r in self.rows if r.competitor == competitor), None)

    @property
    def leader(self) -> StandingRow | None:
        return self.rows[0] if self.rows and self.rows[0].position == 1 else None

    def __repr__(self) -> str:
        top = ", ".join(str(r) for r in self.rows[:3])
        return f"<Standings {self.season} {self.classification.id} after R{self.after_round}: {top}>"


def scoring_for(ruleset: Ruleset, classification: Classification) -> Scoring:
    """The scoring block that applies to a classification (its own variant, else the default)."""
    return ruleset.scoring(classification.scoring or classification.id)


class ClassificationScores:
    """Every session of a season scored once for one classification; tables after any round from it.

    Scoring sessions is the expensive part, so it is done once; a table after round R then only
    counts, deducts and ranks.
    """

    def __init__(self, season: Season, ruleset: Ruleset, classification: Classification | str) -> None:
        if isinstance(classification, str):
            classification = season.classification(classification)
        self.season = season
        self.classification = classification
        self.scoring = scoring_for(ruleset, classification)
        self.lines: dict[str, list[Score]] = defaultdict(list)
        self.rounds: list[int] = []
        for event, session in season.sessions():
            if not season.has_results(session.id) or not self.scoring.session_rules(event, session).pays:
                continue
            for competitor, scores in score_session(
                season, classification, self.scoring, event, session
            ).items():
                self.lines[competitor].extend(scores)
            if not self.rounds or self.rounds[-1] != event.round:
                self.rounds.append(event.round)
        self._adjust_results()
        self.deductions = self._points_adjustments()

    def with_sessions(self, season: Season, session_ids: Collection[str]) -> ClassificationScores:
        """These scores plus the sessions ``session_ids`` of ``season``, scoring only those.

        ``season`` must be the season these scores were made from with results added in
        ``session_ids`` and nothing else changed (same entries' past results, same adjustments),
        every added session coming after every session already scored. Replaying a title ending
        is exactly that: the past is scored once, each ending adds only the remaining sessions.
        The table it gives equals ``ClassificationScores(season, …)``'s (a test checks it).
        """
        if season.adjustments != self.season.adjustments:
            where = f"classification {self.classification.id!r}"
            raise ConsistencyError("adding sessions cannot change adjustments", where=where)
        new = object.__new__(ClassificationScores)
        new.season = season
        new.classification = self.classification
        new.scoring = self.scoring
        new.lines = defaultdict(list, {c: list(v) for c, v in self.lines.items()})
        new.rounds = list(self.rounds)
        wanted = set(session_ids)
        for event, session in season.sessions():
            if session.id not in wanted or not season.has_results(session.id):
                continue
            if not self.scoring.session_rules(event, session).pays:
                continue
            for competitor, scores in score_session(
                season, self.classification, self.scoring, event, session
            ).items():
                new.lines[competitor].extend(scores)
            if not new.rounds or new.rounds[-1] != event.round:
                new.rounds.append(event.round)
        new.deductions = self.deductions
        return new

    def _points_adjustments(self) -> dict[str, list[tuple[int, Fraction]]]:
        """Points penalties of the season (``Season.adjustments`` of kind POINTS), by competitor.

        They hit every competitor the car scores for in this classification (its drivers, its
        team), in the round of the session, and are never dropped by best-N counting.
        """
        out: dict[str, list[tuple[int, Fraction]]] = defaultdict(list)
        season, classification = self.season, self.classification
        for event, session in season.sessions():
            for adjustment in season.adjustments_for(session.id):
                if adjustment.kind is not AdjustmentKind.POINTS or adjustment.points is None:
                    continue
                if adjustment.classification not in (None, classification.id):
                    continue
                result = next(
                    (r for r in season.results_for(session.id) if r.entry == adjustment.entry), None
                )
                if result is None or not in_field(season, classification, event, result):
                    continue
                for competitor in result_scorers(season, classification, result, scoring=self.scoring):
                    out[competitor].append((event.round, adjustment.points))
        return out

    def _adjust_results(self) -> None:
        """Apply points adjustments that change one result (points withheld from a finish)."""
        for adjustment in self.scoring.adjustments:
            if not adjustment.on_result:
                continue
            scores = self.lines.get(adjustment.competitor, [])
            index = next((i for i, s in enumerate(scores) if s.round == adjustment.round), None)
            if index is None:
                raise ConsistencyError(
                    f"points adjustment for {adjustment.competitor!r} in round {adjustment.round}, "
                    f"who has no result there",
                    where=f"ruleset scoring {self.scoring.name!r}",
                )
            target = scores[index]
            scores[index] = replace(target, points=target.points + adjustment.points)

    def _name(self, competitor: str) -> str:
        try:
            return self.season.competitor_name(self.classification.competitor, competitor)
        except NotFoundError:
            # Standings carried in name competitors who have not raced in the loaded results and
            # may not be in the season's lists: the table still shows them, by id.
            if any(a.competitor == competitor for a in self.scoring.adjustments):
                return competitor
            raise

    def after(self, after_round: int | None = None) -> Standings:
        """The table after ``after_round`` (all results when ``None``)."""
        last = after_round if after_round is not None else max(self.rounds, default=0)
        scoring = self.scoring
        active: list[Contender] = []
        excluded: list[tuple[Contender, Exclusion]] = []
        facts: dict[tuple[str, bool], tuple[tuple[Score, ...], Fraction, Fraction]] = {}
        for competitor in self._competitors(last):
            scores = [s for s in self.lines.get(competitor, ()) if s.round <= last]
            exclusion = scoring.exclusion(competitor, last)
            kept = scores
            if exclusion is not None:
                gone = [s for s in scores if exclusion.rounds is None or s.round in exclusion.rounds]
                kept = [s for s in scores if s not in gone]
                if gone:
                    line = self._contender(competitor, gone, last, facts, excluded=True, adjust=not kept)
                    excluded.append((line, exclusion))
            if kept or not scores:
                active.append(self._contender(competitor, kept, last, facts, excluded=False, adjust=True))
        rows = [
            self._row(p.contender, p.position, facts[(p.contender.competitor, False)], None, p.decided_by)
            for p in rank(active, scoring.tiebreak, self._scoring_places())
        ]
        rows.extend(self._row(c, None, facts[(c.competitor, True)], e, None) for c, e in excluded)
        return Standings(self.season.title, self.classification, last, tuple(rows))

    def _competitors(self, last: int) -> list[str]:
        """Who has a line after round ``last``: anyone with a result, and anyone whose only points
        are adjustments (standings carried in from earlier results, a penalty before a first start)."""
        scored = [c for c, scores in self.lines.items() if any(s.round <= last for s in scores)]
        known = set(scored)
        adjusted = [
            a.competitor
            for a in self.scoring.adjustments
            if not a.on_result and a.round <= last and a.competitor not in known
        ]
        adjusted += [c for c, items in self.deductions.items() if any(r <= last for r, _ in items)]
        for competitor in adjusted:
            if competitor not in known:
                known.add(competitor)
                scored.append(competitor)
        return scored

    def _contender(
        self,
        competitor: str,
        scores: list[Score],
        last: int,
        facts: dict[tuple[str, bool], tuple[tuple[Score, ...], Fraction, Fraction]],
        *,
        excluded: bool,
        adjust: bool,
    ) -> Contender:
        counted = apply_counting(scores, self.scoring.counting)
        total = sum((s.total for s in counted), Fraction(0))
        adjusted = Fraction(0)
        if adjust:
            adjusted = sum(
                (
                    a.points
                    for a in self.scoring.adjustments
                    if a.competitor == competitor and a.round <= last and not a.on_result
                ),
                Fraction(0),
            ) + sum((p for r, p in self.deductions.get(competitor, ()) if r <= last), Fraction(0))
        points = sum((s.total for s in counted if s.counted), Fraction(0)) + adjusted
        facts[(competitor, excluded)] = (tuple(counted), total, adjusted)
        return Contender(
            competitor, points, tuple(counted), self.carried_places(competitor, last) if adjust else ()
        )

    def carried_places(self, competitor: str, last: int) -> tuple[int, ...]:
        """Places carried in by adjustments (1st, 2nd… counts of results not loaded), summed."""
        out: list[int] = []
        for a in self.scoring.adjustments:
            if a.competitor == competitor and a.round <= last and not a.on_result:
                out.extend([0] * (len(a.places) - len(out)))
                for i, n in enumerate(a.places):
                    out[i] += n
        return tuple(out)

    def _scoring_places(self) -> int:
        return max(
            (
                len(t)
                for kind, t in self.scoring.points.items()
                if kind in self.scoring.tiebreak.countback_sessions
            ),
            default=0,
        )

    def _row(
        self,
        c: Contender,
        position: int | None,
        facts: tuple[tuple[Score, ...], Fraction, Fraction],
        exclusion: Exclusion | None,
        decided_by: TieBreakStep | None,
    ) -> StandingRow:
        scores, total, adjusted = facts
        points = c.points
        if exclusion is not None and not exclusion.keep_points:
            points = Fraction(0)
        wins = sum(
            1 for s in scores if s.position == 1 and s.kind in self.scoring.tiebreak.countback_sessions
        ) + (c.extra_countback[0] if c.extra_countback else 0)
        return StandingRow(
            position=position,
            competitor=c.competitor,
            name=self._name(c.competitor),
            points=points,
            total_points=total,
            wins=wins,
            scores=scores,
            adjusted=adjusted,
            excluded=exclusion,
            decided_by=decided_by,
        )

    def progression(self) -> list[Standings]:
        """The table after each round that had results, in order."""
        return [self.after(r) for r in self.rounds]


def compute_standings(
    season: Season, ruleset: Ruleset, classification: str | Classification, after_round: int | None = None
) -> Standings:
    """Standings of one classification after ``after_round`` (default: all results so far)."""
    return ClassificationScores(season, ruleset, classification).after(after_round)


def progression(season: Season, ruleset: Ruleset, classification: str | Classification) -> list[Standings]:
    """Standings after every round with results."""
    return ClassificationScores(season, ruleset, classification).progression()


def default_classification(season: Season, kind: CompetitorKind | None = None) -> Classification:
    for c in season.classifications:
        if kind is None or c.competitor is kind:
            return c
    return season.classifications[0]
