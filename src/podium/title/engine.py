"""The engines' common interface, and the choice of an engine for a problem.

Two engines answer the same questions (:class:`Engine`): brute force (:mod:`podium.title.brute`,
exhaustive, the oracle) and CP-SAT (:mod:`podium.title.cpsat`, under a deterministic work limit).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from podium.title.constraints import Constraint
from podium.title.problem import Completion, TitleProblem

BRUTE_LIMIT = 20_000
"""Largest number of completions the automatic engine choice scans exhaustively."""


@dataclass
class PositionBounds:
    """Best and worst final positions; ``best_lower``/``worst_upper`` are what is proven."""

    best: int = 0
    best_lower: int = 0
    best_completion: Completion | None = None
    worst: int = 0
    worst_upper: int = 0
    worst_completion: Completion | None = None


class Engine(Protocol):
    """What the analyst may ask an engine. Every witness it returns is a complete ending."""

    @property
    def name(self) -> str: ...

    @property
    def exhaustive(self) -> bool:
        """True when every answer is exact at any size, with no work limit (brute force): the
        analyst then asks it directly rather than bounding answers first."""
        ...

    def capped(self, work: float) -> AbstractContextManager[None]:
        """Within the block no single question may take more than ``work`` deterministic work (an
        answer cut short raises :class:`~podium.errors.SolverError`); nothing for an exhaustive engine."""
        ...

    def witness_champion(self, target: str, constraint: Constraint = ...) -> Completion | None: ...

    def witness_ahead(self, rival: str, target: str, constraint: Constraint = ...) -> Completion | None: ...

    def witness_level_or_ahead(
        self, rival: str, target: str, constraint: Constraint = ...
    ) -> Completion | None: ...

    def witness_challenger(
        self, target: str, constraint: Constraint = ..., rivals: list[str] | None = ...
    ) -> Completion | None: ...

    def possible(self, constraint: Constraint) -> Completion | None: ...

    def position_bounds(self, target: str) -> tuple[tuple[int, Completion], tuple[int, Completion]]:
        """Exact best and worst final position of ``target``, each with an ending reaching it."""
        ...

    def positions(
        self, target: str, *, work_limit: float | None = ..., best: bool = ..., worst: bool = ...
    ) -> PositionBounds:
        """Best and worst final position with what is proven when ``work_limit`` cuts the search."""
        ...


def make_engine(problem: TitleProblem, engine: str = "auto") -> Engine:
    """``brute``, ``cpsat``, or ``auto`` (exhaustive when the season has few enough endings).

    The CP-SAT engine runs with one worker, a fixed seed and a deterministic work limit, so the
    same problem gets the same answer on any machine under any load."""
    from podium.title.brute import BruteEngine, size
    from podium.title.cpsat import CpsatEngine

    if engine == "brute":
        return BruteEngine(problem)
    if engine == "cpsat":
        return CpsatEngine(problem)
    if engine != "auto":
        raise ValueError(f"unknown engine {engine!r} (brute, cpsat, auto)")
    if size(problem, BRUTE_LIMIT) <= BRUTE_LIMIT:
        return BruteEngine(problem)
    return CpsatEngine(problem)
