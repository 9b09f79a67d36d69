"""Clinch claims someone made (a journalist, a press officer), checked against the strongest."""

from __future__ import annotations

from dataclasses import dataclass

from podium.title.analyst import Analyst, Verifier
from podium.title.constraints import Condition, Constraint
from podium.title.engine import make_engine
from podium.title.problem import Completion, TitleProblem
from podium.title.report import ClinchCondition


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A clinch claim someone made (a journalist, a press officer), checked."""

    condition: Condition
    holds: bool
    """True when the claim really guarantees the title whatever the others do."""
    strongest: ClinchCondition | None
    """podium's strongest statement of the same kind (None if there is none)."""
    counter_example: Completion | None
    """When the claim is false: an ending where it is met and the title is lost."""

    @property
    def tight(self) -> bool:
        """True when the claim is exactly podium's strongest statement of its kind."""
        return (
            self.holds
            and self.strongest is not None
            and str(self.strongest.value) == str(self.condition.value)
        )


def check_claim(
    problem: TitleProblem, condition: Condition, *, engine: str = "auto", verify: Verifier | None = None
) -> ClaimCheck:
    """Whether ``condition`` is sufficient for the title, and how it compares with the strongest."""
    analyst = Analyst(problem, make_engine(problem, engine), verify)
    holds, counter = analyst.sufficient(condition.who, Constraint((condition,)))
    contestant = problem.contestant(condition.who)
    strongest = next((c for c in analyst.conditions(contestant) if c.kind is condition.kind), None)
    return ClaimCheck(condition, holds, strongest, None if holds else counter)
