"""The domain model: immutable values describing a season (no I/O, no scoring)."""

from podium.model.calendar import Event, Series, Session, SessionKind
from podium.model.competitors import Car, Driver, Team
from podium.model.eligibility import ANYONE, Eligibility, EntryFacts, Verdict
from podium.model.entries import Entry, RoundRange
from podium.model.results import Adjustment, AdjustmentKind, Result, Status, apply_adjustments
from podium.model.season import Classification, CompetitorKind, Season

__all__ = [
    "ANYONE",
    "Adjustment",
    "AdjustmentKind",
    "Car",
    "Classification",
    "CompetitorKind",
    "Driver",
    "Eligibility",
    "Entry",
    "EntryFacts",
    "Event",
    "Result",
    "RoundRange",
    "Season",
    "Series",
    "Session",
    "SessionKind",
    "Status",
    "Team",
    "Verdict",
    "apply_adjustments",
]
