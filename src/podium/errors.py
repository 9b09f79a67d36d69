"""The one error hierarchy of podium.

Every error podium raises on purpose is a :class:`PodiumError`. The edges translate them: the CLI
prints the message without a traceback and exits 2, the web API answers with one JSON envelope.
Messages quote the bad value with ``!r`` and say where it came from (file, line, field), because the
person reading them is usually fixing a spreadsheet, not reading our code.

A message is written once, in English, as a :class:`Message`: its English text *is* the string, and
it keeps its template and values so that an edge can say it in the reader's language
(:func:`podium.present.i18n.say`) without the core knowing languages or reading catalogues.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class Message(str):
    """Words for a person: the English text (this string), its template and its values.

    ``Message("no car #{number} in round {round}", number="999", round=8)`` is the string
    ``"no car #999 in round 8"``; the template is the catalogue's message id, the values fill it in
    (``{value!r}`` quotes a value: 'x' in English, « x » in French). A value may itself be a
    :class:`Message` (said in the same language). Anything that takes a ``str`` takes a Message; a
    plain ``str`` is said as it is, or through the catalogue when it is a fixed sentence.
    """

    template: str
    values: Mapping[str, object]
    plural_template: str | None = None
    """For a :meth:`plural` message: the English plural, the singular being ``template``."""

    def __new__(cls, template: str, /, **values: object) -> Message:
        made = super().__new__(cls, template.format(**values))
        made.template = template
        made.values = values
        return made

    @classmethod
    def plural(cls, singular: str, plural: str, /, *, count: int, **values: object) -> Message:
        """A message whose words follow ``count`` (a value of the message too): "1 more round",
        "2 more rounds"; each language chooses its form by its own rule (French: "1 autre manche")."""
        made = cls(singular if count == 1 else plural, count=count, **values)
        made.template = singular
        made.plural_template = plural
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_message, (self.template, self.plural_template, dict(self.values)))


def _message(template: str, plural: str | None, values: dict[str, object]) -> Message:
    if plural is None:
        return Message(template, **values)
    count = values.pop("count")
    assert isinstance(count, int)
    return Message.plural(template, plural, count=count, **values)


def message_of(error: BaseException) -> str:
    """The words of ``error``: its :class:`Message` when it was raised with one (so it can be said
    in another language), else ``str(error)``."""
    if len(error.args) == 1 and isinstance(error.args[0], Message):
        return error.args[0]
    if isinstance(error, PodiumError) and isinstance(error.message, Message):
        return error.message
    return str(error)


class PodiumError(Exception):
    """Base of every error podium raises on purpose."""

    code: str = "podium_error"

    @property
    def message(self) -> str:
        """What went wrong, in words (a :class:`Message` where the raiser gave one)."""
        if len(self.args) == 1 and isinstance(self.args[0], str):
            return self.args[0]
        return str(self)

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
    if close:
        return Message(" (did you mean {close!r}?)", close=close[0])
    return Message(" (known: {known})", known=", ".join(names))


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
                    Message(
                        "… stopped reading at line {line} after {count} problems (is this the right file?)",
                        line=self.stopped_at,
                        count=len(self.problems),
                    ),
                    self.source,
                )
            )
        elif self.dropped:
            problems.append(
                Problem(
                    Message.plural(
                        "… and {count} more problem not listed (fix the ones above first)",
                        "… and {count} more problems not listed (fix the ones above first)",
                        count=self.dropped,
                    ),
                    self.source,
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
        self.reason = message
        """What does not hold (without ``where``), a :class:`Message` where the raiser gave one."""
        super().__init__(f"{where}: {message}" if where else message)

    @property
    def message(self) -> str:
        if self.where:
            return Message("{where}: {reason}", where=self.where, reason=self.reason)
        return self.reason


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
        if shown:
            listed = ", ".join(shown[:12]) + (", …" if len(shown) > 12 else "")
            said = Message(
                "unknown {what} {name!r} (known: {known})", what=Message(what), name=name, known=listed
            )
        else:
            said = Message("unknown {what} {name!r}", what=Message(what), name=name)
        super().__init__(said)


class StoreError(PodiumError):
    """The database refused or failed an operation; nothing was written."""

    code = "store_error"


class AuthError(PodiumError):
    """Missing or wrong credentials, or a role that may not do this."""

    code = "unauthorized"


class SolverError(PodiumError):
    """The title solver could not prove an answer within its limits."""

    code = "solver_error"
