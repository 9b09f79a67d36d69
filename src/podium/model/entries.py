"""Entries: who drives which car for which team, in which rounds."""

from __future__ import annotations

from dataclasses import dataclass

from podium.errors import ConsistencyError, InputError, Problem
from podium.model.competitors import Car
from podium.model.values import MAX_ROUND, whole_number


@dataclass(frozen=True, slots=True)
class RoundRange:
    """Inclusive range of rounds, written ``"1-6"`` or ``"7"``; ``str`` gives that text back."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if self.first < 0 or self.last < self.first or self.last > MAX_ROUND:
            raise ConsistencyError(f"invalid round range {self.first}-{self.last}")

    @classmethod
    def parse(cls, text: str | int) -> RoundRange:
        """Read ``"3"``, ``"1-6"`` or an int; raise :class:`InputError` quoting the text otherwise."""
        if isinstance(text, int):
            return cls(text, text)
        parts = str(text).replace("–", "-").split("-")
        try:
            if len(parts) == 1:
                n = whole_number(parts[0], high=MAX_ROUND)
                return cls(n, n)
            if len(parts) == 2:
                return cls(whole_number(parts[0], high=MAX_ROUND), whole_number(parts[1], high=MAX_ROUND))
        except (ValueError, ConsistencyError):
            pass
        raise InputError(Problem(f"invalid round range {text!r}; write 3 or 1-6", value=text))

    def __contains__(self, round_number: object) -> bool:
        return isinstance(round_number, int) and self.first <= round_number <= self.last

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    def __repr__(self) -> str:
        return f"RoundRange.parse({str(self)!r})"


@dataclass(frozen=True, slots=True)
class Entry:
    """One car in the season: its drivers, team and classes, valid for some rounds.

    A mid-season driver change is a second entry for the same car number with another round
    range. A shared drive (two drivers in one car in one race) is one entry with several drivers.
    """

    id: str
    drivers: tuple[str, ...]
    """Driver ids; points of a shared drive follow the ruleset's ``shared_drive`` rule."""
    team: str | None = None
    """Team id; team classifications score through it."""
    car: Car | None = None
    rounds: tuple[RoundRange, ...] = ()
    """Rounds the entry is valid for; empty means the whole season."""
    classes: tuple[str, ...] = ()
    """Classifications the organiser *asked* for; eligibility rules still decide (empty: all)."""

    def __post_init__(self) -> None:
        if not self.id:
            raise ConsistencyError("an entry needs an id")
        if len(set(self.drivers)) != len(self.drivers):
            raise ConsistencyError(f"driver listed twice: {self.drivers!r}", where=f"entry {self.id!r}")

    def valid_in(self, round_number: int) -> bool:
        return not self.rounds or any(round_number in r for r in self.rounds)

    @property
    def label(self) -> str:
        """How people name the car: ``#16``, or the entry id when it has no car."""
        return str(self.car) if self.car else self.id

    def __str__(self) -> str:
        number = f"#{self.car.number} " if self.car else ""
        return f"{number}{'/'.join(self.drivers)}"
