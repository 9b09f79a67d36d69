"""docs/python.md's examples run, in order, in one namespace (they cannot drift from the code)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "python.md"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_page_has_examples() -> None:
    assert len(blocks()) >= 4


@pytest.mark.slow
def test_every_example_runs(f1db_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"F1DB": str(f1db_root)}
    for code in blocks():
        exec(compile(code, str(DOC), "exec"), namespace)
    printed = capsys.readouterr().out
    assert "['drivers', 'constructors']" in printed
    assert "Max Verstappen" in printed
