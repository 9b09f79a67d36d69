"""The one error hierarchy of podium.

Every error podium raises on purpose is a :class:`PodiumError`. The edges translate them: the CLI
prints the message without a traceback and exits 2, the web API answers with one JSON envelope.
Messages quote the bad value with ``!r`` and say where it came from (file, line, field), because the
person reading them is usually fixing a spreadsheet, not reading our code.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


class PodiumError(Exception):
    """Base of every error podium raises on purpose."""

    code: str = "podium_error"

    @property
    def details(self) -> list[dict[str, object]]:
        """Structured details for the JSON error envelope; empty unless a subclass knows more."""
        return []


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input: where it is, what was there, what was expected."""

    message: str
    """What is wrong, in words, quoting the bad value."""
    source: str | None = None
    """The file (or other origin) the value came from."""
    line: int | None = None
    """1-based line number in ``source``, when the format has lines."""
    field: str | None = None
    """Column, key or field name (``points.race[3]``, ``POSITION``)."""
    value: object = None
    """The offending value as read."""

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(str(self.source))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field {self.field!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message

    def as_dict(self) -> dict[str, object]:
        value = self.value if isinstance(self.value, str | int | float | bool | None) else repr(self.value)
        return {
            "message": self.message,
            "source": self.source,
            "line": self.line,
            "field": self.field,
            "value": value,
        }


class InputError(PodiumError, ValueError):
    """Bad input from a file or a form: carries every problem found, not just the first.

    Importers read a whole file, collect each :class:`Problem` and raise one ``InputError`` so the
    user can fix everything in one pass; nothing is written from a file with any problem.
    """

    code = "invalid_input"

    def __init__(self, problems: Problem | Sequence[Problem] | str, *, source: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, source=source)]
        elif isinstance(problems, Problem):
            problems = [problems]
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._render())

    def _render(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)

    @property
    def source(self) -> str | None:
        return self.problems[0].source

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def field(self) -> str | None:
        return self.problems[0].field

    @property
    def value(self) -> object:
        return self.problems[0].value

    @property
    def details(self) -> list[dict[str, object]]:
        return [p.as_dict() for p in self.problems]


def unknown_hint(name: str, known: Iterable[str]) -> str:
    """What to say after "unknown key 'bets'": `` (did you mean 'best'?)`` when a known name is
    close, else `` (known: a, b, c)``; the same hint for ruleset keys, scenario keys and settings."""
    names = sorted(known)
    close = difflib.get_close_matches(name, names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(names)})"


MAX_PROBLEMS = 40
"""Problems listed in full; past this only their count is given."""


@dataclass
class ProblemLog:
    """Collects :class:`Problem` values for one source, keeping the first :data:`MAX_PROBLEMS`."""

    source: str
    problems: list[Problem] = field(default_factory=list)
    dropped: int = 0
    stopped_at: int | None = None
    """Line where reading stopped because the list was full (a file of garbage)."""

    def add(
        self, message: str, *, line: int | None = None, field: str | None = None, value: object = None
    ) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        self.problems.append(Problem(message, source=self.source, line=line, field=field, value=value))

    def __bool__(self) -> bool:
        return bool(self.problems)

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def raise_if_any(self, error: type[InputError] | None = None) -> None:
        """Raise one :class:`InputError` (or ``error``) listing every problem, if there is any."""
        if not self.problems:
            return
        problems = list(self.problems)
        if self.stopped_at is not None:
            problems.append(
                Problem(
                    f"… stopped reading at line {self.stopped_at} after {len(self.problems)} problems "
                    f"(is this the right file?)",
                    self.source,
                )
            )
        elif self.dropped:
            problems.append(
                Problem(
                    f"… and {self.dropped} more problems not listed (fix the ones above first)", self.source
                )
            )
        raise (error or InputError)(problems)


class RuleError(InputError):
    """A ruleset (TOML preset or user file) that cannot be used: names the file and the key."""

    code = "invalid_rules"


class ConsistencyError(PodiumError, ValueError):
    """Data that contradicts itself: two winners in one session, a driver in two cars, an unknown entry."""

    code = "inconsistent"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class NotFoundError(PodiumError, LookupError):
    """Something asked for by name or id does not exist (season, preset, competitor)."""

    code = "not_found"
    choices: tuple[str, ...] = ()
    """Every valid name (the message lists the first twelve; an API answer lists them all)."""

    def __init__(self, what: str, name: object, *, choices: Iterable[str] = ()) -> None:
        self.what = what
        self.name = name
        shown = sorted(choices)
        self.choices = tuple(shown)
        hint = ""
        if shown:
            listed = ", ".join(shown[:12]) + (", …" if len(shown) > 12 else "")
            hint = f" (known: {listed})"
        super().__init__(f"unknown {what} {name!r}{hint}")


class StoreError(PodiumError):
    """The database refused or failed an operation; nothing was written."""

    code = "store_error"


class AuthError(PodiumError):
    """Missing or wrong credentials, or a role that may not do this."""

    code = "unauthorized"


class SolverError(PodiumError):
    """The title solver could not prove an answer within its limits."""

    code = "solver_error"
