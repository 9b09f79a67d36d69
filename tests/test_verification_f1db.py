"""Every drivers' and constructors' standing after every F1 round 1950–2026, recomputed and compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from podium.importers.f1db import f1db_years
from podium.verification.f1db import VerifyReport, compare_season, known_errors

DECADES = [
    (1950, 1959),
    (1960, 1969),
    (1970, 1979),
    (1980, 1989),
    (1990, 1999),
    (2000, 2009),
    (2010, 2019),
    (2020, 2026),
]


@pytest.mark.slow
@pytest.mark.parametrize(("first", "last"), DECADES, ids=[f"{a}s" for a, _ in DECADES])
def test_zero_mismatches(f1db_root: Path, f1db_season, first: int, last: int) -> None:  # type: ignore[no-untyped-def]
    report = VerifyReport()
    known = known_errors()
    years = [y for y in f1db_years(f1db_root) if first <= y <= last]
    for year in years:
        compare_season(f1db_season(year), report, known)
    assert report.standings_compared > 0
    assert [m.as_dict() for m in report.mismatches] == []


def test_every_known_error_is_still_needed(f1db_root: Path, f1db_season) -> None:  # type: ignore[no-untyped-def]
    """An entry that matches nothing any more must be deleted, not kept as a silent excuse."""
    report = VerifyReport()
    known = known_errors()
    for year in sorted({k.season for k in known}):
        compare_season(f1db_season(year), report, known)
    used = {id(k) for k, _ in report.known}
    stale = [k.as_dict() for k in known if id(k) not in used]
    assert stale == []


def test_known_errors_have_reasons_and_sources() -> None:
    for k in known_errors():
        assert len(k.why) > 20 and "\n" not in k.why
        assert k.source.strip()
