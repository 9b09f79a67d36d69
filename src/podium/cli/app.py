"""The Typer application every command module registers on, and how errors reach the terminal.

The CLI is a thin client (sqlite-utils' pattern): each command parses options, calls one core
function and prints. A :class:`~podium.errors.PodiumError` becomes a one-paragraph message on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from podium.cli.words import Words, cli_translations
from podium.errors import Message, PodiumError
from podium.present.problems import error_text

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


LANG_KEY = "podium.lang"
"""Where ``--lang`` leaves the chosen language in the command's context (shared by every context of
one invocation), so that an error is said in it."""


def report_error(error: PodiumError, lang: str = "en") -> None:
    """One paragraph on stderr, no traceback: what was wrong and where (file, line, field), in the
    command's language (``--lang``)."""
    label = Words(lang)(Message("error: "))
    Console(file=sys.stderr, highlight=False).print(
        Text(label, style="bold red")
        + Text(error_text(error, lang, cli_translations(lang) if lang != "en" else None))
    )


class PodiumGroup(TyperGroup):
    """Turns podium errors raised anywhere below into a message on stderr and exit status 2.

    Only Typer's public API is used (``typer.Exit``), so a Typer release that moves its copy of
    click does not change how errors reach the terminal."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PodiumError as exc:
            report_error(exc, ctx.meta.get(LANG_KEY, "en"))
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


def reflow(doc: str) -> str:
    """A docstring as help text: each paragraph on one line (the terminal wraps it at its own width,
    never mid-sentence at the source's line ends); indented blocks (examples) keep their lines."""
    paragraphs = []
    for block in inspect.cleandoc(doc).split("\n\n"):
        lines = block.splitlines()
        if lines and all(line.startswith(" ") for line in lines):
            paragraphs.append(block)
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)


def reflow_help(application: typer.Typer) -> None:
    """Give every command of ``application`` (and of its sub-applications) its docstring reflowed.

    Typer's rich mode keeps a docstring's single line breaks, so text wrapped at 100 columns in the
    source broke again at 80 in the terminal; reflowed paragraphs wrap once, where the terminal ends.
    """
    for info in application.registered_commands:
        if info.help is None and info.callback is not None and info.callback.__doc__:
            info.help = reflow(info.callback.__doc__)
    for group in application.registered_groups:
        if group.typer_instance is not None:
            reflow_help(group.typer_instance)


def print_json(data: object) -> None:
    """Print JSON for machines: the same shape the web API returns."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def command(name: str | None = None, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return app.command(name, **kwargs)
