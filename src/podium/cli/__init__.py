"""Command-line interface: ``podium <command>``; see ``podium --help``."""

from __future__ import annotations

from podium.cli import adjust as _adjust  # noqa: F401
from podium.cli import backup as _backup  # noqa: F401
from podium.cli import db as _db  # noqa: F401
from podium.cli import demo as _demo  # noqa: F401
from podium.cli import entries as _entries  # noqa: F401
from podium.cli import forecast as _forecast  # noqa: F401
from podium.cli import live as _live  # noqa: F401
from podium.cli import pdf as _pdf  # noqa: F401
from podium.cli import results as _results  # noqa: F401
from podium.cli import seasons as _seasons  # noqa: F401
from podium.cli import serve as _serve  # noqa: F401
from podium.cli import standings as _standings  # noqa: F401  (registers commands)
from podium.cli import title as _title  # noqa: F401
from podium.cli import users as _users  # noqa: F401
from podium.cli import verify as _verify  # noqa: F401
from podium.cli.app import app, reflow_help

reflow_help(app)

__all__ = ["app", "main"]


def main() -> None:
    app()
