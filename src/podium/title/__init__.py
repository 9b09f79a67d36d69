"""Exact title mathematics: who has clinched, who can still win, who is out, and what each needs.

``analyse(problem)`` answers everything for one classification; problems come from seasons
(:func:`podium.title.build.problem_from_season`) or scenario files
(:func:`podium.title.scenario.parse_scenario`). Two engines answer the same questions: ``brute``
(exhaustive, the oracle) and ``cpsat`` (OR-Tools CP-SAT); ``auto`` picks by size.

One module per job: ``problem`` (the question; a remaining session scored by ``session_earnings``),
``evaluate`` (the referee's final table), ``engine`` (the :class:`Engine` protocol, ``make_engine``),
``report`` (verdicts, clinch conditions, typed certificates, the decision table's type),
``analyst`` (:class:`Analyst`, ``analyse``), ``decision`` (the next-session table), ``endings``
(plain endings tried before a solver), ``claims`` (``check_claim``); the integer fast paths are
``fast``, ``magic``, ``worst`` and ``order``.
"""

from podium.title.analyst import Analyst, analyse
from podium.title.claims import ClaimCheck, check_claim
from podium.title.constraints import BonusFixed, Condition, ConditionKind, Constraint, Fixed
from podium.title.engine import Engine, make_engine
from podium.title.evaluate import FinalRow, champion_of, final_table
from podium.title.problem import (
    Completion,
    Contestant,
    RemainingSession,
    SessionOutcome,
    Status,
    TitleProblem,
)
from podium.title.report import (
    Certificate,
    ClinchCondition,
    DecisionTable,
    ExcludedCertificate,
    FieldCertificate,
    PairCertificate,
    PointsCertificate,
    RivalCertificate,
    TieCertificate,
    TitleReport,
    Verdict,
)
from podium.title.scenario import parse_scenario

__all__ = [
    "Analyst",
    "BonusFixed",
    "Certificate",
    "ClaimCheck",
    "ClinchCondition",
    "Completion",
    "Condition",
    "ConditionKind",
    "Constraint",
    "Contestant",
    "DecisionTable",
    "Engine",
    "ExcludedCertificate",
    "FieldCertificate",
    "FinalRow",
    "Fixed",
    "PairCertificate",
    "PointsCertificate",
    "RemainingSession",
    "RivalCertificate",
    "SessionOutcome",
    "Status",
    "TieCertificate",
    "TitleProblem",
    "TitleReport",
    "Verdict",
    "analyse",
    "champion_of",
    "check_claim",
    "final_table",
    "make_engine",
    "parse_scenario",
]
