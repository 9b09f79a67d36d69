"""The one reader of single values from outside: exact numbers, whole numbers, times, yes/no, slugs.

Every entry point (CSV and JSON importers, TOML rules and scenario files, API bodies, web forms, a
restored season document) reads its numbers here, so that each has the same bounds. The functions
raise :class:`ValueError` with a message in words that quotes the value; the reader that called
them (a CSV row, or :class:`podium.model.reading.Reader` for TOML and JSON documents) knows the
file, the line and the field and turns it into a :class:`~podium.errors.Problem`.

Bounds come first, before any arithmetic: ``"1e3000000"`` is refused by its length and its
exponent in microseconds, never handed to :class:`~fractions.Fraction` (which would spend minutes
building a number of three million digits). Whole numbers that reach the database stay far inside
its 32-bit integer columns. Digits are plain ASCII: ``"１２"`` (full-width) and ``"1_000"`` are not
numbers here, although Python's ``int`` reads both.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from podium.errors import Message, message_of

MAX_NUMBER_TEXT = 32
"""Characters in a number written as text (signs and separators included)."""
MAX_DIGITS = 12
"""Digits before the decimal point, and in a numerator or denominator."""
MAX_PLACES = 6
"""Digits after the decimal point."""
MAX_DENOMINATOR = 1000
"""Largest denominator of an exact number: halves, thirds, … tenths, but not 1/123457."""
MAX_POINTS = 1_000_000
"""Largest points value (either sign): a place, a bonus, a penalty, a carried total."""
MAX_POSITION = 10_000
"""Largest position, grid slot or number of places (no session has ten thousand cars)."""
MAX_LAPS = 100_000
"""Most laps (run, scheduled, led) in one session."""
MAX_ROUND = 1_000
"""Largest round number of a season."""
MAX_ID = 2**31 - 1
"""Largest database id (change numbers): the store's integer columns are 32-bit on PostgreSQL."""
MAX_DURATION = timedelta(days=7)
"""Longest race time, session duration or time penalty."""
MIN_YEAR = 1894
"""Earliest season year (the first motor race)."""
MAX_YEAR = 2200
MAX_TIME_ZONE = 64
"""Characters in an IANA time zone name (the store's column)."""

_EXACT = re.compile(
    rf"[+-]?(?:\d{{1,{MAX_DIGITS}}}(?:\.\d{{1,{MAX_PLACES}}})?|\d{{1,{MAX_DIGITS}}}/\d{{1,{MAX_DIGITS}}})",
    re.ASCII,
)
_WHOLE = re.compile(rf"[+-]?\d{{1,{MAX_DIGITS}}}", re.ASCII)
EXAMPLES = '"93", "369.5" or "9/2"'

TRUE = frozenset({"yes", "y", "true", "1", "x"})
FALSE = frozenset({"no", "n", "false", "0"})


def plain_digits(text: str) -> bool:
    """Only ASCII digits 0-9, at least one (``str.isdigit`` also accepts "１２" and "²")."""
    return text.isascii() and text.isdigit()


def exact_number(
    value: object,
    *,
    low: Fraction | int = -MAX_POINTS,
    high: Fraction | int = MAX_POINTS,
    max_denominator: int = MAX_DENOMINATOR,
    floats: bool = False,
    examples: str = EXAMPLES,
) -> Fraction:
    """An exact number in ``[low, high]``: an int, a Fraction, or text like "93", "-2", "369.5", "9/2".

    No exponents ("1e3"), no underscores, no non-ASCII digits, at most :data:`MAX_NUMBER_TEXT`
    characters, a denominator of at most ``max_denominator``. ``examples`` are quoted when the
    value is no number at all. ``floats`` accepts a finite float by
    its shortest decimal text (a JSON or YAML source that writes 4.5); TOML floats are refused
    elsewhere because a TOML file can write the exact string instead.

    :raises ValueError: naming the rule broken and quoting the value.
    """
    number: Fraction
    if isinstance(value, bool):
        raise ValueError(Message("expected a number (not true or false), got {value!r}", value=value))
    if isinstance(value, int):
        if not low <= value <= high:
            raise ValueError(_between(low, high, value))
        return Fraction(value)
    if isinstance(value, Fraction):
        number = value
    elif isinstance(value, float) and floats:
        if not math.isfinite(value):
            raise ValueError(Message("expected a finite number, got {value!r}", value=value))
        if not low <= value <= high:
            raise ValueError(_between(low, high, value))
        number = Fraction(Decimal(repr(value)))
    elif isinstance(value, str):
        number = _exact_text(value, examples)
    else:
        raise ValueError(
            Message("expected a number like {examples}, got {got}", examples=examples, got=quoted(value))
        )
    if number.denominator > max_denominator:
        raise ValueError(
            Message(
                "expected a denominator of at most {most}, got {got}", most=max_denominator, got=quoted(value)
            )
        )
    if not low <= number <= high:
        raise ValueError(_between(low, high, value))
    return number


def _exact_text(value: str, examples: str) -> Fraction:
    if len(value) > 4 * MAX_NUMBER_TEXT:
        raise ValueError(_too_long(value))
    text = value.strip()
    if len(text) > MAX_NUMBER_TEXT:
        raise ValueError(_too_long(value))
    if not _EXACT.fullmatch(text):
        if re.search(r"\d[eE][+-]?\d", text):
            raise ValueError(
                Message("exponents are not read (write the number in full), got {value!r}", value=value)
            )
        raise ValueError(
            Message("expected a number like {examples}, got {value!r}", examples=examples, value=value)
        )
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise ValueError(
            Message("a fraction cannot have a denominator of 0, got {value!r}", value=value)
        ) from None


def whole_number(value: object, *, low: int = 0, high: int = MAX_POSITION) -> int:
    """A whole number in ``[low, high]``: an int (not a bool) or text of plain ASCII digits.

    :raises ValueError: naming the rule broken and quoting the value.
    """
    if isinstance(value, bool):
        raise ValueError(Message("expected a whole number, got {got}", got=quoted(value)))
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip() if len(value) <= 4 * MAX_NUMBER_TEXT else value
        if not _WHOLE.fullmatch(text):
            raise ValueError(Message("expected a whole number, got {got}", got=quoted(value)))
        number = int(text)
    else:
        raise ValueError(Message("expected a whole number, got {got}", got=quoted(value)))
    if not low <= number <= high:
        raise ValueError(
            Message(
                "expected a whole number from {low} to {high}, got {got}",
                low=low,
                high=high,
                got=quoted(value),
            )
        )
    return number


def truth(value: object) -> bool:
    """Yes or no: a bool, or one of yes/no, y/n, true/false, 1/0, x (any case); "+1+1" is neither.

    :raises ValueError: for anything else.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and len(value) <= MAX_NUMBER_TEXT:
        lowered = value.strip().lower()
        if lowered in TRUE:
            return True
        if lowered in FALSE:
            return False
    raise ValueError(Message("expected yes or no, got {got}", got=quoted(value)))


def check_duration(value: timedelta, *, what: str = Message("a time"), zero: bool = True) -> timedelta:
    """``value`` if it is from 0 (or above 0 without ``zero``) to :data:`MAX_DURATION`.

    :raises ValueError: for a negative, zero (when refused) or too long time.
    """
    if value < timedelta(0) or (not zero and value == timedelta(0)):
        if value:
            raise ValueError(Message("{what} cannot be negative, got {value}", what=what, value=str(value)))
        raise ValueError(Message("{what} cannot be zero, got {value}", what=what, value=str(value)))
    if value > MAX_DURATION:
        raise ValueError(
            Message(
                "{what} is at most {days} days, got {value}",
                what=what,
                days=MAX_DURATION.days,
                value=str(value),
            )
        )
    return value


def micros_duration(value: object, *, what: str = Message("a time")) -> timedelta:
    """A time stored as whole microseconds (an int), checked like :func:`check_duration`."""
    limit = MAX_DURATION // timedelta(microseconds=1)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise ValueError(
            Message(
                "{what} is whole microseconds from 0 to {limit}, got {got}",
                what=what,
                limit=limit,
                got=quoted(value),
            )
        )
    return timedelta(microseconds=value)


def parse_duration(text: str) -> timedelta:
    """``"45:12.345"``, ``"1:02:03.4"``, ``"5:44'41.101"`` (Al Kamel), ``"58.056"`` → exact timedelta.

    Plain ASCII digits only, at most :data:`MAX_DURATION`.

    :raises ValueError: for anything else.
    """
    if len(text) > MAX_NUMBER_TEXT:
        raise ValueError(
            Message(
                "expected a time of at most {most} characters, got {got}",
                most=MAX_NUMBER_TEXT,
                got=quoted(text),
            )
        )
    cleaned = text.strip().replace("'", ":")
    parts = cleaned.split(":")
    whole, _, frac = parts[-1].partition(".")
    units_text = parts[:-1]
    bad = (
        not 1 <= len(parts) <= 3
        or not all(plain_digits(p) for p in (*units_text, whole))
        or (frac and not plain_digits(frac))
        or len(frac) > MAX_PLACES
        or (len(parts) > 1 and (len(whole) != 2 or int(whole) >= 60))
        or (len(parts) == 3 and (len(parts[1]) != 2 or int(parts[1]) >= 60))
    )
    if bad:
        raise ValueError(Message("expected a time like 45:12.345 or 1:02:03.456, got {text!r}", text=text))
    units = [int(p) for p in units_text]
    hours = units[0] if len(units) == 2 else 0
    minutes = units[-1] if units else 0
    micro = int(frac.ljust(6, "0")) if frac else 0
    seconds = (hours * 60 + minutes) * 60 + int(whole)
    if seconds > MAX_DURATION.total_seconds():
        raise ValueError(
            Message("a time is at most {days} days, got {text!r}", days=MAX_DURATION.days, text=text)
        )
    return timedelta(seconds=seconds, microseconds=micro)


def check_instant(value: datetime) -> datetime:
    """``value`` if its year is from :data:`MIN_YEAR` to :data:`MAX_YEAR` (so that converting it to
    any zone cannot overflow, as 9999-12-31T23:59-23:00 does).

    :raises ValueError: for a year outside those bounds.
    """
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(
            Message(
                "expected a time from {low:d} to {high:d}, got {value}",
                low=MIN_YEAR,
                high=MAX_YEAR,
                value=value.isoformat(),
            )
        )
    return value


def check_time_zone(name: object) -> str:
    """An IANA time zone name that exists ("Europe/Paris", "UTC"); never an OS error.

    :raises ValueError: for a name that is too long, has odd characters, or is unknown.
    """
    if not isinstance(name, str) or not name or len(name) > MAX_TIME_ZONE:
        raise ValueError(
            Message(
                "expected a time zone name of at most {most} characters, got {got}",
                most=MAX_TIME_ZONE,
                got=quoted(name),
            )
        )
    if not re.fullmatch(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*", name):
        raise ValueError(Message("unknown time zone {name!r} (expected a name like Europe/Paris)", name=name))
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            Message("unknown time zone {name!r} (expected a name like Europe/Paris)", name=name)
        ) from None
    return name


def check_text(value: str, *, what: str = Message("the text")) -> str:
    """``value`` if it holds no lone surrogate (text that cannot be written as UTF-8).

    :raises ValueError: naming the position of the first one.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            Message(
                "{what} holds an invalid character at position {n} (a lone surrogate)",
                what=what,
                n=exc.start + 1,
            )
        ) from None
    return value


def first_bad_text(value: object, path: str = "") -> tuple[str, str] | None:
    """The path and the problem of the first text inside ``value`` (nested dicts and lists, keys
    included) that holds a lone surrogate, which no database can store; None when all are clean."""
    stack: list[tuple[str, object]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            try:
                check_text(item)
            except ValueError as exc:
                return where or "(text)", message_of(exc)
        elif isinstance(item, dict):
            for key, inner in item.items():
                stack.append((f"{where}.{key}" if where else str(key), key))
                stack.append((f"{where}.{key}" if where else str(key), inner))
        elif isinstance(item, list | tuple):
            stack.extend((f"{where}[{i}]", inner) for i, inner in enumerate(item))
    return None


def slug(text: str) -> str:
    """A readable id: lower-case ASCII letters, digits and hyphens, accents dropped.

    "Jeff Kingsley" → "jeff-kingsley", "Sergio Pérez" → "sergio-perez"; empty when nothing is left.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = [ch if ch.isalnum() else "-" for ch in ascii_text.lower()]
    return "-".join(filter(None, "".join(out).split("-")))


def quoted(value: object) -> Message:
    """``repr(value)`` cut to 60 characters (a message quoting a 10 MB value is no use)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return Message("a number of about {digits} digits", digits=int(value.bit_length() * 0.30103))
    try:
        text = repr(value)
    except ValueError:  # an int too long for repr
        return Message("a number too long to print")
    if len(text) <= 60:
        return Message("{value!r}", value=value)
    return Message("{start}… ({length} characters)", start=text[:50], length=len(text))


def _between(low: object, high: object, value: object) -> Message:
    return Message("expected a number from {low} to {high}, got {got}", low=low, high=high, got=quoted(value))


def _too_long(value: object) -> Message:
    return Message(
        "expected a number of at most {most} characters, got {got}", most=MAX_NUMBER_TEXT, got=quoted(value)
    )
