"""The sporting moment at a date (``--at``): after the last session that had ended by then, in the
venue's time zone; named apart from the log time (``--as-of``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from podium.cli import app
from podium.cli.sources import session_ended_by
from podium.store import open_store
from webkit import demo_db_fixture, demo_db_template_fixture  # noqa: F401

NEW_YORK = ZoneInfo("America/New_York")


def test_the_last_session_that_had_ended(demo_db: str) -> None:
    store = open_store(demo_db)
    try:
        season, _ = store.season("gt3-usa-2020")
    finally:
        store.close()
    # Sebring race 1: 08:00 for 45 minutes on Friday 13 November 2020, New York time.
    assert session_ended_by(season, datetime(2020, 11, 13, 8, 44, tzinfo=NEW_YORK)) == "r08-qualifying"
    assert session_ended_by(season, datetime(2020, 11, 13, 8, 45, tzinfo=NEW_YORK)) == "r08-race-1"
    assert session_ended_by(season, datetime(2020, 11, 13, 13, 45, tzinfo=ZoneInfo("UTC"))) == "r08-race-1"
    assert session_ended_by(season, datetime(2030, 1, 1, tzinfo=NEW_YORK)) == "r08-race-2"
    assert session_ended_by(season, datetime(2020, 1, 1, tzinfo=NEW_YORK)) is None


def test_standings_at_a_date_and_the_moment_options_apart(demo_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["standings", "gt3-usa-2020", "-c", "platinum", "--database", demo_db]
    at = runner.invoke(app, [*base, "--at", "2020-11-13 09:00-05:00"], env={"COLUMNS": "200"})
    after = runner.invoke(app, [*base, "--after", "r08-race-1"], env={"COLUMNS": "200"})
    assert at.exit_code == 0, at.output
    assert at.output == after.output  # race 1 had ended at 08:45
    early = runner.invoke(app, [*base, "--at", "2020-07-01 09:00-05:00"], env={"COLUMNS": "200"})
    assert early.exit_code == 0 and "before the first session" in early.output
    both = runner.invoke(app, [*base, "--at", "2020-11-13 09:00-05:00", "--after", "r08-race-1"])
    assert both.exit_code == 2 and "give one moment" in both.output
