"""``--help`` reads well and tells the truth: paragraphs wrap where the terminal ends (never at
the source's line ends), and every ``podium …`` command a help text names exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import typer.main
from typer.testing import CliRunner

from podium.cli import app
from podium.cli.app import reflow

COMMAND = re.compile(
    r"(?:^\s*|`|\(|\[bold\]|\b[Ss]ee |\bthen |\bwith |\brun )podium ([a-z][a-z0-9-]*)(?: ([a-z][a-z0-9-]*))?",
    re.MULTILINE,
)
"""A command named as one (an example line, `podium x`, see podium x), not prose ("podium shows")."""


def commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, group
    if hasattr(group, "commands"):
        for name, sub in group.commands.items():
            yield from commands(sub, (*path, name))


def texts(command: Any) -> Iterator[str]:
    if command.help:
        yield command.help
    for param in command.params:
        help_text = getattr(param, "help", None)
        if help_text:
            yield help_text


def test_reflow_joins_paragraph_lines_and_keeps_indented_blocks() -> None:
    doc = """First line.

    A paragraph wrapped
    in the source.

    Examples:

        podium a --x
        podium b
    """
    assert (
        reflow(doc)
        == "First line.\n\nA paragraph wrapped in the source.\n\nExamples:\n\n    podium a --x\n    podium b"
    )


def test_no_help_paragraph_breaks_mid_sentence() -> None:
    root = typer.main.get_command(app)
    checked = 0
    for path, command in commands(root):
        for paragraph in (command.help or "").split("\n\n"):
            lines = paragraph.splitlines()
            if len(lines) > 1 and not all(line.startswith(" ") for line in lines):
                raise AssertionError(
                    f"podium {' '.join(path)}: a paragraph keeps the source's line breaks: {lines}"
                )
            checked += 1
    assert checked > 50


def test_help_wraps_at_the_terminal_width() -> None:
    out = CliRunner().invoke(app, ["title", "--help"], env={"COLUMNS": "80", "TERMINAL_WIDTH": "80"}).output
    assert "or OUT (with the reason);" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_help_names_only_commands_that_exist() -> None:
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    seen = 0
    for path, command in commands(root):
        for text in texts(command):
            for first, second in COMMAND.findall(text):
                where = f"podium {' '.join(path)} --help names 'podium {first} {second}'"
                assert first in root.commands, where
                sub = root.commands[first]
                if hasattr(sub, "commands") and second:
                    assert second in sub.commands, where
                seen += 1
    assert seen > 20
