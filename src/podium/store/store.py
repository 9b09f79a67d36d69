"""The store: where a season lives. Every write is one transaction that appends to the log.

Reads derive an immutable :class:`~podium.model.Season` from the log, now or at any past moment.
Writes check what they are given against the season as it stands *inside* the transaction (with
the season locked against other writers), append one change, write its projection rows, and check
that the season that results still holds together and can be scored; anything wrong rolls the whole
transaction back, so a refused command leaves the database exactly as it was.

The class is assembled from one part per concern: :mod:`~podium.store.reads`,
:mod:`~podium.store.writes`, :mod:`~podium.store.adjust` and :mod:`~podium.store.whole`, on the
shared plumbing of :mod:`~podium.store.base`.
"""

from __future__ import annotations

from podium.store.adjust import Adjustments
from podium.store.base import season_ref, validate
from podium.store.reads import Reads
from podium.store.whole import WholeSeasons
from podium.store.writes import Writes

__all__ = ["Store", "season_ref", "validate"]


class Store(Reads, Writes, Adjustments, WholeSeasons):
    """A podium database. Build it with :func:`podium.store.open_store`; close it when done."""
