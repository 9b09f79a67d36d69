"""The Typer application every command module registers on, and how errors reach the terminal.

The CLI is a thin client (sqlite-utils' pattern): each command parses options, calls one core
function and prints. A :class:`~podium.errors.PodiumError` becomes a one-paragraph message on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from podium.errors import PodiumError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def report_error(error: PodiumError) -> None:
    """One paragraph on stderr, no traceback: what was wrong and where (file, line, field)."""
    Console(file=sys.stderr, highlight=False).print(Text("error: ", style="bold red") + Text(str(error)))


class PodiumGroup(TyperGroup):
    """Turns podium errors raised anywhere below into a message on stderr and exit status 2.

    Only Typer's public API is used (``typer.Exit``), so a Typer release that moves its copy of
    click does not change how errors reach the terminal."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PodiumError as exc:
            report_error(exc)
            raise typer.Exit(code=2) from exc


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def new_app(help_text: str) -> typer.Typer:
    """A Typer (sub)application with podium's conventions: -h, no completion noise, error handling."""
    return typer.Typer(
        cls=PodiumGroup,
        help=help_text,
        context_settings=CONTEXT,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
    )


app = new_app(
    "podium: run a motor-racing championship and do its title mathematics exactly.\n\n"
    "Start with [bold]podium demo[/] (the Sebring 2020 title fight), "
    "then [bold]podium COMMAND --help[/] for the rest."
)


def print_json(data: object) -> None:
    """Print JSON for machines: the same shape the web API returns."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def command(name: str | None = None, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return app.command(name, **kwargs)
