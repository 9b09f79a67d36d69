"""The README's tour is true: every ``$ podium …`` command of its code blocks runs, in order, in a
fresh directory laid out like a checkout (``examples/`` beside it, f1db at ``../shared/data/f1db``),
exits 0, and prints what the README shows under it (``…`` stands for lines left out).

Commands run as a reader runs them (``python -m podium``, a new process each), at the README's
width (100 columns), with no ``PODIUM_DATABASE_URL`` set.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import F1DB

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
WIDTH = "100"


@dataclass
class Step:
    line: int
    command: str
    shown: list[str] = field(default_factory=list)

    def chunks(self) -> list[str]:
        """The shown output as runs of whole lines, split where the README writes ``…``."""
        out: list[list[str]] = [[]]
        for text in self.shown:
            if text.strip() == "…":
                out.append([])
            else:
                out[-1].append(text.rstrip())
        return ["\n".join(c) for c in out if any(line.strip() for line in c)]


def tour(text: str) -> list[Step]:
    """Every ``$ podium`` command of the README's code blocks, with the lines shown under it."""
    steps: list[Step] = []
    inside = False
    current: Step | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            inside = not inside
            current = None
            continue
        if not inside:
            continue
        if line.startswith("$ "):
            current = Step(number, line[2:]) if line.startswith("$ podium ") else None
            if current is not None:
                steps.append(current)
        elif current is not None:
            current.shown.append(line)
    return steps


def test_the_tour_parser_reads_commands_and_their_output() -> None:
    sample = "text\n```\n$ podium init   # a comment\n✓ done\n…\nlast\n$ ls\nnot podium\n```\n$ podium x\n"
    steps = tour(sample)
    assert [(s.command, s.chunks()) for s in steps] == [("podium init   # a comment", ["✓ done", "last"])]
    assert shlex.split(steps[0].command, comments=True) == ["podium", "init"]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh directory: ``examples/`` as in the checkout, ``../shared/data/f1db`` beside it."""
    base = tmp_path_factory.mktemp("tour")
    work = base / "podium"
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    if F1DB.is_dir():
        (base / "shared" / "data").mkdir(parents=True)
        (base / "shared" / "data" / "f1db").symlink_to(F1DB)
    return work


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    words = shlex.split(command, comments=True)
    assert words[0] == "podium"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PODIUM_")}
    env.update(
        COLUMNS=WIDTH,
        LINES="50",
        PODIUM_AUTHOR="tour",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])),
        NO_COLOR="1",
        TERM="dumb",
    )
    return subprocess.run(
        [sys.executable, "-m", "podium", *words[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_every_tour_command_runs_and_prints_what_the_readme_shows(checkout: Path) -> None:
    steps = tour(README.read_text(encoding="utf-8"))
    assert len(steps) >= 12, "the README's tour lost its commands"
    assert any("init" in s.command for s in steps) and any("demo" in s.command for s in steps)
    ran = 0
    for step in steps:
        if "--f1db" in step.command and not F1DB.is_dir():
            continue  # f1db is read from ../shared; without it those lines cannot run
        done = run(step.command, checkout)
        where = f"README.md line {step.line}: $ {step.command}"
        assert done.returncode == 0, f"{where}\nexit {done.returncode}\n{done.stderr}{done.stdout}"
        printed = "\n".join(line.rstrip() for line in done.stdout.splitlines())
        for chunk in step.chunks():
            assert chunk in printed, f"{where}\nthe README shows:\n{chunk}\n\nit printed:\n{printed}"
        ran += 1
    assert ran >= 12


def test_the_readme_says_how_to_reach_podium_and_the_demo_database() -> None:
    """After ``make demo`` a reader needs two facts the tour once left out."""
    text = README.read_text(encoding="utf-8")
    assert ".venv/bin/activate" in text
    assert re.search(r"PODIUM_DATABASE_URL=sqlite:///podium-demo\.db", text)
