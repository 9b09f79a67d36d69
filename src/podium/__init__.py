"""podium: run a motor-racing championship and do its title mathematics exactly.

From Python (see docs/python.md)::

    import podium

    season = podium.load_f1db("../shared/data/f1db", 2021)
    season.title(after_round=21).to_pandas()

``import podium`` stays light: the loaders are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from podium.notebook import (
        Championship,
        Odds,
        Scenario,
        StandingsTable,
        TitleState,
        load_f1db,
        load_scenario,
        load_store,
    )

__all__ = [
    "Championship",
    "Odds",
    "Scenario",
    "StandingsTable",
    "TitleState",
    "__version__",
    "load_f1db",
    "load_scenario",
    "load_store",
]


def __getattr__(name: str) -> Any:
    if name in __all__ and name != "__version__":
        from podium import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'podium' has no attribute {name!r}")
