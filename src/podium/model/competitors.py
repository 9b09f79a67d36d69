"""Who races: drivers, teams and the cars they enter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from podium.errors import ConsistencyError


@dataclass(frozen=True, slots=True)
class Driver:
    """A person who drives; identified by a stable slug (``"jeff-kingsley"``)."""

    id: str
    """Stable identifier, unique within a season (f1db driver ids, or slugs we make)."""
    name: str
    """Name as printed in standings."""
    birth_date: date | None = None
    """Needed by age-based eligibility (Platinum Masters: 45 or older on the event date)."""
    nationality: str | None = None
    """Free text or country code; shown, never computed with."""

    def __post_init__(self) -> None:
        if not self.id:
            raise ConsistencyError("a driver needs an id", where=f"driver {self.name!r}")

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day``; raises if the birth date is unknown."""
        if self.birth_date is None:
            raise ConsistencyError(f"birth date of {self.name!r} is unknown", where=f"driver {self.id!r}")
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Team:
    """A team (or, in F1, a constructor with its engine: "Lotus-Climax" is not "Lotus-BRM")."""

    id: str
    name: str
    nationality: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ConsistencyError("a team needs an id", where=f"team {self.name!r}")

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Car:
    """A car as entered: number, model and build year (eligibility reads model and year)."""

    number: str
    """Race number as text: "7", "07" and "7B" are different numbers."""
    model: str | None = None
    """Model as the class rules name it, e.g. "911 GT3 Cup (991)"."""
    build_year: int | None = None
    """Year of manufacture; Gold class admits 991.1 cars built 2014–2016."""

    def __post_init__(self) -> None:
        if self.build_year is not None and not 1880 <= self.build_year <= 2200:
            raise ConsistencyError(f"impossible build year {self.build_year!r}", where=f"car #{self.number}")

    def __str__(self) -> str:
        return f"#{self.number}"
