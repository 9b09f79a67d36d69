"""Time to recompute every F1 standing 1950–2026 (goal: ≤ 5 s on 2 cores, parsing excluded).

Prints: seconds to read the f1db YAML, seconds to compute every table after every round for both
classifications, and the number of tables. Run: ``.venv/bin/python benchmarks/standings.py``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from podium.importers.f1db import f1db_years, read_season
from podium.rules import f1_preset
from podium.standings import ClassificationScores

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "f1db"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--f1db", type=Path, default=DEFAULT)
    args = parser.parse_args()
    t0 = time.perf_counter()
    seasons = [read_season(args.f1db, y) for y in f1db_years(args.f1db)]
    t1 = time.perf_counter()
    tables = 0
    for data in seasons:
        ruleset = f1_preset(data.season.year)
        for classification in data.season.classifications:
            scores = ClassificationScores(data.season, ruleset, classification)
            tables += len(scores.progression())
    t2 = time.perf_counter()
    print(f"read f1db (77 seasons):            {t1 - t0:6.2f} s")
    print(f"recompute every table, every round: {t2 - t1:6.2f} s  ({tables} tables; goal ≤ 5 s)")


if __name__ == "__main__":
    main()
