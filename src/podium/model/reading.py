"""The one reader of documents from outside: rulesets, scenario files and JSON results.

A :class:`Reader` walks a parsed document (TOML or JSON) key by key. Each value is checked by the
bounded readers of :mod:`podium.model.values` (one exact-number parser, one whole-number parser);
a bad value becomes one :class:`~podium.errors.Problem` in the reader's
:class:`~podium.errors.ProblemLog`, naming the file, the line (TOML: found by :class:`TomlLines`),
the key path (``scoring.points.race[3]``, ``MRData.RaceTable.Races[0].round``) and the value, and a
placeholder is returned so that reading goes on. The caller raises once, listing every problem
(:meth:`~podium.errors.ProblemLog.raise_if_any`): nothing is built from a document with any problem.

What each format means stays with its reader (``rules/loader.py``, ``title/scenario.py``,
``importers/ergast.py``); how a value is checked and how a problem is worded is written here once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Iterator, Mapping
from enum import StrEnum
from fractions import Fraction
from typing import Any, Literal, TypeVar, overload

from podium.errors import InputError, Message, Problem, ProblemLog, message_of, unknown_hint
from podium.model.values import (
    MAX_DENOMINATOR,
    MAX_POINTS,
    MAX_POSITION,
    exact_number,
    quoted,
    whole_number,
)

T = TypeVar("T")
D = TypeVar("D")
E = TypeVar("E", bound=StrEnum)

_LOW = object()
"""``whole``'s placeholder after a problem is ``low`` unless a default is given."""
MAX_QUOTED = 80
"""Characters of a bad text kept as the problem's value."""

TOML_NUMBER = Message("an integer or a fraction string like {half}", half='"1/2"')
"""How a TOML file writes an exact number (a TOML float is refused: 0.1 is not exact)."""


class Reader:
    """Walks one parsed document, collecting every problem with its key path (and line, for TOML).

    Every method takes the value and its key path, and returns the value checked or, after logging
    a problem, a placeholder of the right type (0, "", [], {}), so one pass finds every problem.
    """

    def __init__(
        self,
        source: str,
        *,
        format: Literal["TOML", "JSON"] = "TOML",
        text: str = "",
        log: ProblemLog | None = None,
    ) -> None:
        self.source = source
        self.format = format
        self.log = log if log is not None else ProblemLog(source)
        self.lines = TomlLines(text) if format == "TOML" and text else None
        self.denominators: set[int] = set()
        """The denominator of every exact number read (a scenario bounds their common multiple)."""

    # -- problems ---------------------------------------------------------------------------------------
    def problem(self, key: str, message: str, value: object = None) -> None:
        """Log a problem at ``key`` (its line found in the text, when the reader has it)."""
        line = self.lines.find(key) if self.lines is not None and key else None
        if isinstance(value, str) and len(value) > MAX_QUOTED:
            value = value[:MAX_QUOTED]
        self.log.add(message, line=line, field=key or None, value=value)

    def known(self, table: Mapping[str, Any], allowed: Collection[str], key: str) -> None:
        """Every key of ``table`` must be one of ``allowed`` ("did you mean" for a typo)."""
        for name in table:
            if name not in allowed:
                where = f"{key}.{name}" if key else name
                said = Message("unknown key {key!r}{hint}", key=name, hint=unknown_hint(name, allowed))
                self.problem(where, said, name)

    # -- containers -------------------------------------------------------------------------------------
    def table(self, value: object, key: str) -> Mapping[str, Any]:
        """A table (TOML) or an object (JSON); ``{}`` after a problem."""
        if isinstance(value, Mapping):
            return value
        self.problem(
            key, Message("expected {table}, got {got}", table=self._table_word, got=quoted(value)), value
        )
        return {}

    def array(self, value: object, key: str, *, what: str = "", most: int | None = None) -> list[Any]:
        """A list (of ``what``), at most ``most`` long (longer: a problem and the first ``most``)."""
        if not isinstance(value, list):
            said = (
                Message("expected a list of {what}, got {got}", what=what, got=quoted(value))
                if what
                else Message("expected a list, got {got}", got=quoted(value))
            )
            self.problem(key, said, value)
            return []
        if most is not None and len(value) > most:
            said = Message(
                "expected at most {most} {what}, got {count}",
                most=most,
                what=what or Message("items"),
                count=len(value),
            )
            self.problem(key, said, len(value))
            return value[:most]
        return value

    def tables(
        self, items: list[Any], key: str, allowed: Collection[str] | None = None
    ) -> Iterator[tuple[int, str, Mapping[str, Any]]]:
        """Each table of ``items`` with its index and key path (``key[i]``), its keys checked against
        ``allowed``; an item that is not a table is a problem, and skipped."""
        for i, item in enumerate(items):
            where = f"{key}[{i}]"
            if not isinstance(item, Mapping):
                said = Message("expected {table}, got {got}", table=self._table_word, got=quoted(item))
                self.problem(where, said, item)
                continue
            if allowed is not None:
                self.known(item, allowed, where)
            yield i, where, item

    def each(self, items: list[Any], key: str, build: Callable[[Mapping[str, Any], str], T]) -> tuple[T, ...]:
        """``build(table, key)`` for each table of ``items`` (``key[0]``, ``key[1]``…)."""
        return tuple(build(self.table(item, f"{key}[{i}]"), f"{key}[{i}]") for i, item in enumerate(items))

    def field(self, obj: object, name: str, path: str, *, required: bool = True) -> Any:
        """``obj[name]`` of a JSON object at ``path``; None (and a problem when ``required``) if missing."""
        where = f"{path}.{name}" if path else name
        if not isinstance(obj, Mapping):
            said = Message("expected {table}, got {got}", table=self._table_word, got=type(obj).__name__)
            self.problem(path or where, said)
            return None
        if obj.get(name) is None:
            if required:
                self.problem(where, Message("missing key {key!r}", key=name))
            return None
        return obj[name]

    # -- values -----------------------------------------------------------------------------------------
    def exact(
        self,
        value: object,
        key: str,
        *,
        low: Fraction | int = -MAX_POINTS,
        high: Fraction | int = MAX_POINTS,
        max_denominator: int = MAX_DENOMINATOR,
    ) -> Fraction:
        """An exact number in ``[low, high]`` (:func:`~podium.model.values.exact_number`); 0 after a
        problem. A float is refused: written in TOML it is not exact, and the file can say "6.5"."""
        if isinstance(value, float):
            said = Message(
                "{format} float {value!r} is not exact; write it as a string like {text} or a fraction "
                "like {half}",
                format=self.format,
                value=value,
                text=f'"{value}"',
                half='"1/2"',
            )
            self.problem(key, said, value)
            return Fraction(0)
        try:
            number = exact_number(value, low=low, high=high, max_denominator=max_denominator)
        except ValueError as exc:
            reason = message_of(exc)
            if self.format == "TOML":
                reason = Message("{reason} ({hint})", reason=reason, hint=TOML_NUMBER)
            self.problem(key, reason, value)
            return Fraction(0)
        self.denominators.add(number.denominator)
        return number

    @overload
    def whole(self, value: object, key: str, *, low: int = 0, high: int = MAX_POSITION) -> int: ...
    @overload
    def whole(
        self, value: object, key: str, *, low: int = 0, high: int = MAX_POSITION, default: D
    ) -> int | D: ...
    def whole(
        self, value: object, key: str, *, low: int = 0, high: int = MAX_POSITION, default: object = _LOW
    ) -> object:
        """A whole number in ``[low, high]`` (:func:`~podium.model.values.whole_number`); ``low`` (or
        ``default``) after a problem. TOML writes integers as integers: text is read only from JSON."""
        try:
            if self.format == "TOML" and not isinstance(value, int):
                raise ValueError(
                    Message(
                        "expected a whole number from {low} to {high}, got {got}",
                        low=low,
                        high=high,
                        got=quoted(value),
                    )
                )
            return whole_number(value, low=low, high=high)
        except ValueError as exc:
            self.problem(key, message_of(exc), value)
            return low if default is _LOW else default

    def truth(self, value: object, key: str) -> bool:
        """``true`` or ``false`` (a TOML or JSON boolean); False after a problem."""
        if isinstance(value, bool):
            return value
        self.problem(key, Message("expected true or false, got {got}", got=quoted(value)), value)
        return False

    def text(
        self, value: object, key: str, *, default: str = "", most: int | None = None, empty: bool = True
    ) -> str:
        """Text of at most ``most`` characters (not blank unless ``empty``); ``default`` after a problem."""
        if isinstance(value, str) and (most is None or len(value) <= most) and (empty or value.strip()):
            return value
        if most is None:
            what = Message("text") if empty else Message("a non-empty text")
        elif empty:
            what = Message("text of at most {most} characters", most=most)
        else:
            what = Message("a non-empty text of at most {most} characters", most=most)
        self.problem(key, Message("expected {what}, got {got}", what=what, got=quoted(value)), value)
        return default

    def choice(self, value: object, enum: type[E], key: str) -> E:
        """One of ``enum``'s values; its first member after a problem."""
        members = list(enum)
        for member in members:
            if member.value == value:
                return member
        allowed = " | ".join(m.value for m in members)
        self.problem(
            key, Message("expected one of {allowed}, got {got}", allowed=allowed, got=quoted(value)), value
        )
        return members[0]

    @property
    def _table_word(self) -> str:
        return Message("a table") if self.format == "TOML" else Message("an object")


def load_toml(text: str, source: str, *, error: type[InputError] = InputError) -> dict[str, Any]:
    """A TOML document; bad syntax, an integer of thousands of digits or nesting too deep for
    Python is one ``error`` (an :class:`InputError`) naming the file and, where TOML says, the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+)", str(exc))
        line = int(at.group(1)) if at else max(1, len(text.splitlines()))  # "at end of document"
        said = Message("not valid TOML: {reason}", reason=str(exc))
        raise error(Problem(said, source=source, line=line)) from None
    except (ValueError, RecursionError) as exc:
        reason = Message("nested too deeply") if isinstance(exc, RecursionError) else str(exc).split(";")[0]
        raise error(
            Problem(Message("cannot read this TOML: {reason}", reason=reason), source=source)
        ) from None


class TomlLines:
    """Where each key of a TOML text is written, so problems can name their line (scenario files,
    rulesets).

    A light scan of the text, not a second TOML parser: ``[table]`` and ``[[array]]`` headers and
    ``key = value`` lines give dotted paths (``competitors[2].points``); a path with no line of its
    own (an element of a list, a key of an inline table) takes the line of its nearest parent.
    """

    HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    KEY = re.compile(r'^\s*([A-Za-z0-9_."-]+?)\s*=')

    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        counters: dict[str, int] = {}
        prefix = ""
        depth = 0  # open brackets of a multi-line value
        for number, line in enumerate(text.splitlines(), start=1):
            if depth > 0:
                depth += _brackets(line)
                continue
            header = self.HEADER.match(line)
            if header and "=" not in line.split("#", 1)[0]:
                name = header.group(2).replace('"', "").strip()
                if header.group(1) == "[[":
                    index = counters.get(name, 0)
                    counters[name] = index + 1
                    prefix = f"{name}[{index}]"
                else:
                    prefix = self._indexed(name, counters)
                self.lines.setdefault(prefix, number)
                continue
            key = self.KEY.match(line)
            if key:
                path = key.group(1).replace('"', "").strip()
                full = f"{prefix}.{path}" if prefix else path
                self.lines.setdefault(full, number)
                depth = max(0, _brackets(line.split("=", 1)[1]))

    @staticmethod
    def _indexed(name: str, counters: Mapping[str, int]) -> str:
        # ``[competitors.extra]`` after ``[[competitors]]`` belongs to the last element.
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            head = ".".join(parts[:cut])
            if head in counters:
                rest = ".".join(parts[cut:])
                return f"{head}[{counters[head] - 1}]" + (f".{rest}" if rest else "")
        return name

    def find(self, key: str) -> int | None:
        path = key
        while path:
            if path in self.lines:
                return self.lines[path]
            trimmed = re.sub(r"(\[\d+\]|\.[^.\[\]]+)$", "", path)
            if trimmed == path:
                break
            path = trimmed
        return None


def _brackets(text: str) -> int:
    """Net open ``[``/``{`` of a line outside strings and comments (multi-line arrays)."""
    depth = 0
    quote = ""
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return depth
