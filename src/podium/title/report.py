"""What a title analysis reports: verdicts, clinch conditions, certificates, the decision table.

Facts only; words are made by :mod:`podium.present.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeAlias

from podium.title.constraints import ConditionKind
from podium.title.margins import WeekendMargins
from podium.title.paths import ContenderPath, WeekendChance
from podium.title.problem import Completion, Contestant, Status, TitleProblem


@dataclass(frozen=True, slots=True)
class ExcludedCertificate:
    """``who`` is excluded from the classification."""

    who: str


@dataclass(frozen=True, slots=True)
class PointsCertificate:
    """Every point still available (``gain``) takes ``who`` to ``ceiling``, below what ``rival``
    already has (``rival_now``, ``gap`` more)."""

    who: str
    now: Fraction
    gain: Fraction
    ceiling: Fraction
    rival: str
    rival_now: Fraction
    gap: Fraction
    drops: bool
    """Best-N counting applies (the ceiling counts only the results that count)."""


@dataclass(frozen=True, slots=True)
class TieCertificate:
    """At best ``who`` draws level with ``rival`` on ``ceiling`` and loses the tie-break."""

    who: str
    ceiling: Fraction
    rival: str
    rival_now: Fraction
    rival_wins: int
    drops: bool


@dataclass(frozen=True, slots=True)
class RivalCertificate:
    """``who`` cannot finish ahead of ``rival`` whatever happens."""

    who: str
    ceiling: Fraction
    rival: str
    rival_now: Fraction
    drops: bool


@dataclass(frozen=True, slots=True)
class PairCertificate:
    """``who`` can pass ``a`` or ``b`` but never both with the same results."""

    who: str
    a: str
    b: str
    a_now: Fraction
    b_now: Fraction
    ceiling: Fraction


@dataclass(frozen=True, slots=True)
class FieldCertificate:
    """No ending of the season makes ``who`` champion (the engine searched them all)."""

    who: str
    ceiling: Fraction


Certificate: TypeAlias = (
    ExcludedCertificate
    | PointsCertificate
    | TieCertificate
    | RivalCertificate
    | PairCertificate
    | FieldCertificate
)
"""Why a competitor cannot be champion, the simplest true reason: one typed kind per reason."""


@dataclass(frozen=True, slots=True)
class ClinchCondition:
    """A proven statement: ``who`` is champion whatever the others do if this holds.

    ``counter_example`` is an ending where the next weaker statement holds and ``who`` is not
    champion (it proves the statement is the strongest of its kind); None when there is none.
    """

    kind: ConditionKind
    value: int | Fraction | str
    counter_example: Completion | None
    weaker: int | Fraction | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    contestant: Contestant
    status: Status
    best_position: int
    worst_position: int
    witness: Completion | None = None
    certificate: Certificate | None = None
    conditions: tuple[ClinchCondition, ...] = ()
    note: str = ""
    best_range: tuple[int, int] | None = None
    """Set when the best position is only bounded: (proven lower bound, best ending found)."""
    worst_range: tuple[int, int] | None = None
    """Set when the worst position is only bounded: (worst ending found, proven upper bound)."""
    unsettled: tuple[ConditionKind, ...] = ()
    """Kinds of clinch condition the solver could not settle within its deterministic work limit."""

    @property
    def best_exact(self) -> bool:
        return self.best_range is None

    @property
    def worst_exact(self) -> bool:
        return self.worst_range is None


@dataclass(frozen=True, slots=True)
class DecisionTable:
    """The next session's results that settle the title at once: leader place × rival place."""

    session: str
    leader: str
    rival: str
    places: tuple[int | None, ...]
    """Places considered for both (None: did not start / not ranked)."""
    cells: dict[tuple[int | None, int | None], str] = field(default_factory=dict)
    """(leader place, rival place) → ``leader`` | ``rival`` | ``open``."""
    best_car: bool = False
    """True for teams: a place is the team's best car's, its other cars anywhere behind."""


@dataclass(frozen=True, slots=True)
class TitleReport:
    problem: TitleProblem
    engine: str
    verdicts: tuple[Verdict, ...]
    decision: DecisionTable | None
    paths: tuple[ContenderPath, ...] = ()
    """Every alive contender's path in the next session (:mod:`podium.title.paths`)."""
    weekends: tuple[WeekendChance, ...] = ()
    """When the next round has several sessions: each alive contender's best weekend
    (:func:`podium.title.paths.best_weekend`)."""
    margins: tuple[WeekendMargins, ...] = ()
    """Each alive contender's points margins over the next round (:mod:`podium.title.margins`)."""

    def verdict(self, name_or_id: str) -> Verdict:
        c = self.problem.find(name_or_id)
        return next(v for v in self.verdicts if v.contestant.id == c.id)

    @property
    def champion(self) -> Verdict | None:
        return next((v for v in self.verdicts if v.status == Status.CLINCHED), None)
