"""Commands whose optional libraries are not installed say which extra to install.

The core and the store install alone (``pip install podium``); the web site, the forecast, the
plots and PostgreSQL are extras (``pip install 'podium[web]'`` …). A missing extra must read as an
instruction, not as a traceback from deep inside an import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from podium.errors import PodiumError


class MissingExtra(PodiumError):
    """An optional part of podium is not installed."""

    def __init__(self, command: str, extra: str, module: str | None) -> None:
        missing = f" (missing module {module!r})" if module else ""
        super().__init__(f"{command} needs podium's [{extra}] extra: pip install 'podium[{extra}]'{missing}")
        self.extra = extra


@contextmanager
def needs(extra: str, command: str) -> Iterator[None]:
    """Turn a missing third-party module inside the block into :class:`MissingExtra`."""
    try:
        yield
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] == "podium":
            raise
        raise MissingExtra(command, extra, exc.name) from exc
