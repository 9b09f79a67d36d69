"""The Sebring 2020 demo season, loaded into a store from the files in ``examples/sebring-2020/``.

The season is entered the way an organiser would have entered it in 2020, change by change, with
the times of the log set to when it could have happened (each race's results an hour and a half
after its start), so ``--as-of 2020-11-13 09:00`` shows the standings of that morning. Which data
are real and which illustrative is said in ``examples/sebring-2020/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from podium.errors import StoreError
from podium.importers.alkamel import read_alkamel
from podium.importers.classes import read_classifications
from podium.importers.podium_csv import read_calendar, read_entry_list, read_results
from podium.model import Event, Session
from podium.store import open_store
from podium.store.store import Store

SERIES_ID = "gt3-usa"
SERIES_NAME = "Porsche GT3 Cup Challenge USA by Yokohama"
YEAR = 2020
REF = f"{SERIES_ID}-{YEAR}"
RULESET = "imsa-2020"
ORGANISER = "IMSA timing (demo)"
RESULTS_DELAY = timedelta(minutes=90)
"""How long after a race's start its results are entered (45 minutes of racing, then the paperwork)."""


def demo_folder() -> Path:
    """``examples/sebring-2020`` of the source tree podium runs from."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "sebring-2020"
        if (candidate / "entries.csv").is_file():
            return candidate
    raise StoreError("the Sebring 2020 demo files (examples/sebring-2020) are not beside this podium")


def load_sebring_demo(url: str, *, after_race_1: bool = False, folder: Path | None = None) -> str:
    """Create (or overwrite) the Sebring 2020 season in the database at ``url``; returns its reference.

    The season holds races 1–14 (the standings before Sebring reproduce examples/sebring-2020-*.toml
    exactly); with ``after_race_1`` the real result of race 15 (Dickinson won, Kingsley second) is
    entered too. The database is created or migrated as needed.
    """
    folder = folder or demo_folder()
    store = open_store(url, migrate=True)
    try:
        if REF in {s.ref for s in store.seasons()}:
            store.delete_season(REF)
        _load(store, folder, after_race_1=after_race_1)
    finally:
        store.close()
    return REF


def _load(store: Store, folder: Path, *, after_race_1: bool) -> None:
    calendar = read_calendar(folder / "calendar.csv")
    entries = read_entry_list(folder / "entries.csv")
    classes = read_classifications(folder / "classes.toml")
    first = calendar.events[0]
    opening = datetime(2020, 7, 20, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    if SERIES_ID not in {s.id for s in store.series()}:
        store.create_series(SERIES_ID, SERIES_NAME, author=ORGANISER, reason="demo", at=opening)
    store.create_season(
        SERIES_ID,
        YEAR,
        ruleset=RULESET,
        classifications=classes,
        name=f"{SERIES_NAME} {YEAR}",
        author=ORGANISER,
        reason="2020 season (revised calendar after the spring shutdown)",
        at=opening,
    )
    store.add_events(REF, calendar, author=ORGANISER, reason="2020 revised calendar", at=opening)
    store.import_entries(
        REF, entries, author=ORGANISER, reason=f"entry list before round 1 ({first.name})", at=opening
    )
    for event, session in _race_sessions(calendar.events):
        path = folder / "results" / f"{session.id}.csv"
        if path.is_file():
            store.import_results(
                REF,
                session.id,
                read_results(path),
                author=ORGANISER,
                reason="official results",
                at=_entered(event, session),
            )
    if after_race_1:
        event = calendar.events[-1]
        session = event.session("r08-race-1")
        sheet = read_alkamel(folder / "results" / "r08-race-1-alkamel.csv")
        store.import_results(
            REF,
            session.id,
            sheet,
            author=ORGANISER,
            reason="official results (Al Kamel timing)",
            at=_entered(event, session),
        )


def _race_sessions(events: Iterable[Event]) -> Iterator[tuple[Event, Session]]:
    for event in events:
        for session in event.sessions:
            if session.scores:
                yield event, session


def _entered(event: Event, session: Session) -> datetime:
    start = event.start_instant(session)
    assert start is not None
    return start + RESULTS_DELAY
