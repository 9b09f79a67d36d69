"""podium from Python: seasons, standings, title states and forecasts as typed objects and DataFrames.

For notebook users (Fast-F1's audience)::

    import podium

    season = podium.load_f1db("../shared/data/f1db", 2021)
    season.standings(after_round=21).to_pandas()
    season.title(after_round=21).to_pandas()
    season.forecast(after_round=20, samples=2_000).to_pandas()

Every object keeps the exact core value it wraps (``.standings``, ``.report``, ``.forecast``);
points stay exact in the DataFrames too: a :class:`~decimal.Decimal` (369.5) where a decimal is
exact, else a :class:`~fractions.Fraction` (1/7); ``df.points.astype(float)`` to plot.
Its public names are those of ``podium`` (``podium.__all__``), imported on first use.
This module is an edge: it reads files and databases (through :mod:`podium.sources`, the loaders
the command line uses too), the core below it does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from podium.model import Season
from podium.rules import Ruleset
from podium.sources import SeasonSource, f1db_season, read_scenario, stored_season
from podium.standings import Standings, compute_standings, default_classification
from podium.title import TitleProblem, TitleReport, analyse
from podium.title.build import SeasonLink, cutoff_session, problem_from_season
from podium.title.replay import replay_table

if TYPE_CHECKING:
    import pandas as pd

    from podium.forecast import Forecast


def _frame(rows: list[dict[str, object]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def number(value: Fraction) -> Decimal | Fraction:
    """Points as an exact number that reads well in a DataFrame: 369.5 (a Decimal) whenever a
    decimal is exact, the Fraction itself otherwise (1954's shared fastest lap, 1/7)."""
    twos = fives = 0
    rest = value.denominator
    while rest % 2 == 0:
        rest //= 2
        twos += 1
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return value
    digits = max(twos, fives)  # value = numerator * (10**digits / denominator) / 10**digits, exactly
    scaled = value.numerator * (10**digits // value.denominator)
    # Built from its digits: no arithmetic context, so no rounding, however many digits.
    return Decimal((int(scaled < 0), tuple(int(d) for d in str(abs(scaled))), -digits))


@dataclass(frozen=True, slots=True)
class StandingsTable:
    """A classification's table at one moment; ``standings`` is the core value."""

    standings: Standings

    @property
    def leader(self) -> str | None:
        first = next((r for r in self.standings.rows if r.position == 1), None)
        return first.name if first else None

    def to_pandas(self) -> pd.DataFrame:
        """One row per competitor in table order: position (None: excluded), points (exact)."""
        rows: list[dict[str, object]] = [
            {
                "position": r.position,
                "competitor": r.competitor,
                "name": r.name,
                "points": number(r.points),
                "total_points": number(r.total_points),
                "dropped_points": number(r.dropped_points),
                "adjusted": number(r.adjusted),
                "wins": r.wins,
            }
            for r in self.standings.rows
        ]
        return _frame(
            rows,
            [
                "position",
                "competitor",
                "name",
                "points",
                "total_points",
                "dropped_points",
                "adjusted",
                "wins",
            ],
        )


@dataclass(frozen=True, slots=True)
class TitleState:
    """The exact title picture at one moment; ``report`` is the core value."""

    report: TitleReport

    @property
    def problem(self) -> TitleProblem:
        return self.report.problem

    @property
    def champion(self) -> str | None:
        """The competitor who has clinched the title, if anyone has."""
        verdict = self.report.champion
        return verdict.contestant.name if verdict else None

    @property
    def alive(self) -> list[str]:
        """Everyone who can still be champion (the champion too, once clinched)."""
        return [v.contestant.name for v in self.report.verdicts if str(v.status) in ("alive", "clinched")]

    def to_pandas(self, lang: str = "en") -> pd.DataFrame:
        """One row per competitor: status, best and worst final position, clinch conditions in words."""
        from podium.present.text import Text

        text = Text(lang)
        rows: list[dict[str, object]] = []
        for v in self.report.verdicts:
            rows.append(
                {
                    "competitor": v.contestant.id,
                    "name": v.contestant.name,
                    "points": number(v.contestant.points),
                    "status": str(v.status),
                    "best_position": v.best_position,
                    "worst_position": v.worst_position,
                    "conditions": [text.condition(self.problem, v, c) for c in v.conditions],
                }
            )
        return _frame(
            rows, ["competitor", "name", "points", "status", "best_position", "worst_position", "conditions"]
        )


@dataclass(frozen=True, slots=True)
class Odds:
    """Simulated title odds; ``forecast`` is the core value (exact statuses enforced)."""

    forecast: Forecast

    def to_pandas(self) -> pd.DataFrame:
        """One row per competitor, most likely champion first; ``title`` is a probability (0-1)."""
        rows: list[dict[str, object]] = [
            {
                "competitor": c.id,
                "name": c.name,
                "points": number(c.points),
                "title": c.title,
                "expected_points": c.expected_points,
                "status": str(c.status) if c.status is not None else None,
            }
            for c in self.forecast.contestants
        ]
        return _frame(rows, ["competitor", "name", "points", "title", "expected_points", "status"])


@dataclass(frozen=True, slots=True)
class Championship:
    """A season and the rules that score it, ready for questions.

    ``history``: the season comes from history (f1db), where entry lists know who later left;
    title questions then take the field known at the moment asked (see
    :func:`podium.title.build.problem_from_season`).
    """

    season: Season
    ruleset: Ruleset
    history: bool = False

    @property
    def classifications(self) -> list[str]:
        return [c.id for c in self.season.classifications]

    def _classification(self, classification: str | None) -> str:
        return classification or default_classification(self.season).id

    def standings(
        self, classification: str | None = None, *, after_round: int | None = None, after: str | None = None
    ) -> StandingsTable:
        """The table after a round or after a session (``after``: a session id); default: now."""
        cut = cutoff_session(self.season, after_round, after)
        season = self.season.until(cut)
        last = self.season.event_of(cut).round if cut is not None else 0
        return StandingsTable(
            compute_standings(season, self.ruleset, self._classification(classification), last)
        )

    def _question(
        self, classification: str | None, after_round: int | None, after: str | None
    ) -> tuple[TitleProblem, SeasonLink]:
        return problem_from_season(
            self.season,
            self.ruleset,
            self._classification(classification),
            after_round,
            after_session=after,
            field_as_next_round=self.history,
        )

    def problem(
        self, classification: str | None = None, *, after_round: int | None = None, after: str | None = None
    ) -> TitleProblem:
        """The title question at a moment (standings then, sessions still to run, the rules)."""
        return self._question(classification, after_round, after)[0]

    def title(
        self,
        classification: str | None = None,
        *,
        after_round: int | None = None,
        after: str | None = None,
        conditions: bool = True,
    ) -> TitleState:
        """Who has clinched, who can still win, who is out, and what each needs; every ending
        shown is replayed through the standings."""
        problem, link = self._question(classification, after_round, after)
        report = analyse(problem, verify=lambda c: replay_table(link, c), conditions=conditions)
        return TitleState(report)

    def forecast(
        self,
        classification: str | None = None,
        *,
        after_round: int | None = None,
        samples: int = 20_000,
        seed: int = 0,
        model: str = "plackett-luce",
    ) -> Odds:
        """Title odds by simulation, the model fitted on this season's results so far."""
        from podium.forecast import forecast, history_from_season

        chosen = self._classification(classification)
        problem, _ = problem_from_season(
            self.season, self.ruleset, chosen, after_round, field_as_next_round=self.history
        )
        history = history_from_season(self.season, self.ruleset, chosen, problem.after_round)
        return Odds(forecast(problem, model=model, samples=samples, seed=seed, history=history))


@dataclass(frozen=True, slots=True)
class Scenario:
    """A hand-written title question (docs/scenarios.md): no season behind it, only the problem."""

    problem: TitleProblem

    def title(self, *, conditions: bool = True) -> TitleState:
        return TitleState(analyse(self.problem, conditions=conditions))

    def forecast(self, *, samples: int = 20_000, seed: int = 0) -> Odds:
        from podium.forecast import forecast

        return Odds(forecast(self.problem, model="uniform", samples=samples, seed=seed))


def load_f1db(path: str | Path, year: int) -> Championship:
    """An F1 season from an f1db tree, scored with podium's preset for that year."""
    return _championship(f1db_season(Path(path), year, option="path"))


def load_store(season: str | None = None, database: str | None = None) -> Championship:
    """A stored season (``season`` may be left out when the database holds only one;
    ``database``: a URL, default $PODIUM_DATABASE_URL or podium.toml, else sqlite:///podium.db)."""
    return _championship(stored_season(database, season, option="season"))


def load_scenario(path: str | Path) -> Scenario:
    """A scenario file (TOML): standings now, sessions to run, the rules."""
    return Scenario(read_scenario(Path(path)))


def _championship(source: SeasonSource) -> Championship:
    return Championship(source.season, source.ruleset, history=source.history)
