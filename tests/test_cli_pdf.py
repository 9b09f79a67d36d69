"""``podium pdf``: the notice-board PDF of the standings, an event or a title page, or a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from podium.cli import app
from webkit import CHROMIUM, DEMO_REF, demo_db_fixture, demo_db_template_fixture  # noqa: F401

runner = CliRunner()


def pdf(demo_db: str, out: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["pdf", DEMO_REF, "-o", str(out), "--database", demo_db, *args], env={"COLUMNS": "200"}
    )
    return result.exit_code, result.output


def test_without_a_chromium_nothing_is_written(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    code, text = pdf(demo_db, out, "--chromium", str(tmp_path / "no-such-chromium"))
    assert code == 2 and "no such program" in text and not out.exists()


def test_an_unknown_event_is_named_before_printing(demo_db: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser installs it)")
    out = tmp_path / "x.pdf"
    code, text = pdf(demo_db, out, "--page", "event", "--event", "nowhere", "--chromium", str(CHROMIUM))
    assert code == 2 and "nowhere" in text and "vir" in text and not out.exists()


@pytest.mark.browser
def test_standings_and_results_print_to_pdf(demo_db: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser installs it)")
    pytest.importorskip("playwright.sync_api")
    standings = tmp_path / "platinum.pdf"
    code, text = pdf(demo_db, standings, "--class", "platinum", "--lang", "fr", "--chromium", str(CHROMIUM))
    assert code == 0, text
    data = standings.read_bytes()
    assert data.startswith(b"%PDF-") and b"/MediaBox [0 0 594.9" in data  # A4 portrait (595 x 842 pt)
    assert b"/Title <FEFF0050006C006100740069006E0065" in data  # the French page's title: "Platine · …"
    results = tmp_path / "vir.pdf"
    code, text = pdf(demo_db, results, "--page", "event", "--event", "vir", "--chromium", str(CHROMIUM))
    assert code == 0 and results.read_bytes().startswith(b"%PDF-"), text
