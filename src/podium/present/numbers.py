"""Numbers for people, in the reader's language (Babel): points, counts, percentages.

:func:`points` is the one way points reach a person: an exact decimal in the locale's form
(``"246.5"`` in English, ``"246,5"`` in French, ``"1,234.5"`` / ``"1 234,5"``), and only where no
decimal is exact (a shared fastest lap worth 1/7) the fraction itself (``"6⅐"``, ``"3 2/11"``).
:func:`exact` is the machine form JSON carries (``"493/2"``). Never a float.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from fractions import Fraction
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, format_decimal

DECIMAL_PLACES = 3
"""Most places a points decimal shows; a fraction needing more is written as a fraction."""

VULGAR = {
    Fraction(1, 2): "½",
    Fraction(1, 3): "⅓",
    Fraction(2, 3): "⅔",
    Fraction(1, 4): "¼",
    Fraction(3, 4): "¾",
    Fraction(1, 5): "⅕",
    Fraction(2, 5): "⅖",
    Fraction(3, 5): "⅗",
    Fraction(4, 5): "⅘",
    Fraction(1, 6): "⅙",
    Fraction(5, 6): "⅚",
    Fraction(1, 7): "⅐",
    Fraction(1, 8): "⅛",
    Fraction(3, 8): "⅜",
    Fraction(5, 8): "⅝",
    Fraction(7, 8): "⅞",
    Fraction(1, 9): "⅑",
    Fraction(1, 10): "⅒",
}


def exact(value: Fraction | int) -> str:
    """Machine form: ``"90"``, ``"9/2"``, ``"43/7"`` (what JSON carries)."""
    return str(Fraction(value))


def _exact_decimal(value: Fraction) -> Decimal | None:
    """``value`` as a Decimal when it has one of at most :data:`DECIMAL_PLACES` places."""
    for places in range(DECIMAL_PLACES + 1):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return Decimal(scaled.numerator).scaleb(-places)
    return None


def count(value: int, lang: str = "en") -> str:
    """A whole number in the locale's form: ``"20,000"`` / ``"20 000"``."""
    return format_decimal(value, locale=lang)


def points(value: Fraction | int, lang: str = "en") -> str:
    """Points for people: ``"90"``, ``"246.5"`` (French ``"246,5"``), ``"-1.5"``, ``"0.25"``;
    a fraction with no exact decimal of at most three places as ``"6⅐"``, ``"⅐"`` or ``"3 2/11"``."""
    value = Fraction(value)
    as_decimal = _exact_decimal(value)
    if as_decimal is not None:
        return format_decimal(as_decimal, format="#,##0.###", locale=lang)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole, rest = divmod(value.numerator, value.denominator)
    part = Fraction(rest, value.denominator)
    whole_text = count(whole, lang) if whole else ""
    glyph = VULGAR.get(part)
    if glyph is not None:
        return f"{sign}{whole_text}{glyph}"
    return f"{sign}{whole_text} {part}" if whole else f"{sign}{part}"


def parse_points(text: str) -> Fraction:
    """Read what :func:`exact`, or :func:`points` wrote (``"4½"``, ``"9/2"``,
    ``"12.5"``, ``"12,5"``)."""
    text = text.strip().replace(",", ".")
    for fraction, glyph in VULGAR.items():
        if text.endswith(glyph):
            head = text[: -len(glyph)]
            sign = -1 if head.startswith("-") else 1
            head = head.lstrip("-")
            return sign * (Fraction(head or 0) + fraction)
    if " " in text:
        whole, part = text.split(" ", 1)
        sign = -1 if whole.startswith("-") else 1
        return sign * (abs(Fraction(whole)) + Fraction(part))
    return Fraction(text)


@cache
def _percent_pattern(lang: str, places: int) -> NumberPattern:
    pattern: NumberPattern = copy.copy(Locale.parse(lang).percent_formats[None])
    pattern.frac_prec = (places, places)
    return pattern


def percent(p: float, lang: str = "en", places: int = 1) -> str:
    """A share in the locale's form: ``"62.0%"`` / ``"62,0 %"``."""
    shown: str = _percent_pattern(lang, places).apply(p, Locale.parse(lang))
    return shown


def probability(p: float, *, possible: bool = False, lang: str = "en") -> str:
    """A simulated probability for people: ``"62.0%"``, ``"< 0.1%"``, ``"> 99.9%"`` (French
    ``"62,0 %"``, ``"> 99,9 %"``).

    Exactly ``"0%"`` and ``"100%"`` are proofs, not samples: ``possible`` (the exact maths says
    the outcome can still go either way) turns a 0 or 1 seen in simulation into ``"< 0.1%"`` or
    ``"> 99.9%"``.
    """
    if p <= 0 and not possible:
        return percent(0, lang, 0)
    if p >= 1 and not possible:
        return percent(1, lang, 0)
    if p < 0.001:
        return "< " + percent(0.001, lang)
    if p > 0.999:
        return "> " + percent(0.999, lang)
    return percent(p, lang)
