"""Store benchmark: 77 seasons of F1 history into a fresh database, then one season read back.

    .venv/bin/python benchmarks/store.py                       # a temporary SQLite file
    .venv/bin/python benchmarks/store.py --database postgresql+psycopg://postgres@127.0.0.1/test
    .venv/bin/python benchmarks/store.py --years 1988-1990     # a quick look

Prints rows written per second (the change log and its projections, validated as podium does on
every write) and the time to read a 24-round season from the store and compute its standings (the
goal: 50 ms or less). Not a pass/fail test: figures, for people.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from podium.importers.f1db import f1db_years, read_season
from podium.standings import compute_standings
from podium.store import open_store
from podium.store import schema as t

DEFAULT_F1DB = Path(__file__).resolve().parents[2] / "shared" / "data" / "f1db"


def parse_years(text: str | None, available: list[int]) -> list[int]:
    if not text:
        return available
    first, _, last = text.partition("-")
    return [y for y in available if int(first) <= y <= int(last or first)]


def count_rows(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return sum(
                int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
                for table in t.metadata.sorted_tables
            )
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--f1db", type=Path, default=DEFAULT_F1DB, help="f1db tree")
    parser.add_argument("--years", help="e.g. 1950-2026 (default: every season of the tree)")
    parser.add_argument("--season", type=int, default=2024, help="season read back (24 rounds in 2024)")
    parser.add_argument("--repeat", type=int, default=30, help="reads of that season to time")
    args = parser.parse_args()
    if not (args.f1db / "seasons").is_dir():
        print(f"no f1db tree at {args.f1db}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'history.db'}"
        years = parse_years(args.years, f1db_years(args.f1db))

        started = time.perf_counter()
        seasons = [read_season(args.f1db, year).season for year in years]
        reading = time.perf_counter() - started
        results = sum(len(s.results) for s in seasons)
        print(f"read {len(seasons)} seasons from f1db ({results} results) in {reading:.1f} s")

        store = open_store(url, migrate=True)
        before = count_rows(url)
        started = time.perf_counter()
        for season in seasons:
            store.import_season_values(season, source=f"f1db {season.year}", author="benchmark")
        storing = time.perf_counter() - started
        rows = count_rows(url) - before
        print(
            f"stored {len(seasons)} seasons: {rows} rows in {storing:.1f} s = {rows / storing:,.0f} rows/s "
            f"({len(seasons) / storing:.1f} seasons/s, each validated and scored) into {store.url}"
        )

        ref = f"f1-{args.season}"
        if args.season in years:
            timings = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                season, ruleset = store.season(ref)
                for c in season.classifications:
                    compute_standings(season, ruleset, c)
                timings.append(time.perf_counter() - started)
            rounds = len(season.events)
            median = statistics.median(timings) * 1000
            verdict = "within" if median <= 50 else "over"
            print(
                f"{ref} ({rounds} rounds, {len(season.results)} results): read from the store and both "
                f"championships computed in {median:.1f} ms (median of {args.repeat}; best "
                f"{min(timings) * 1000:.1f} ms) — {verdict} the 50 ms goal"
            )
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
