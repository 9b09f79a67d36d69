"""Points for people: exact fractions written the way a timing sheet would ("4½", not "4.5")."""

from __future__ import annotations

from fractions import Fraction

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


def points(value: Fraction | int) -> str:
    """Human form: ``"90"``, ``"4½"``, ``"6⅐"``, ``"-1½"``; other fractions as ``"3 2/11"``."""
    value = Fraction(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole, rest = divmod(value.numerator, value.denominator)
    if rest == 0:
        return f"{sign}{whole}"
    part = Fraction(rest, value.denominator)
    glyph = VULGAR.get(part)
    if glyph is not None:
        return f"{sign}{whole or ''}{glyph}"
    return f"{sign}{whole} {part}" if whole else f"{sign}{part}"


def decimal_points(value: Fraction | int, *, comma: bool = True) -> str:
    """Points as a French page writes them: ``"369,5"``, ``"0,25"``, ``"-1,5"`` — exact decimals of
    at most three places; any other fraction as :func:`points` writes it (``"6⅐"``)."""
    value = Fraction(value)
    for places in range(4):
        scaled = value * 10**places
        if scaled.denominator == 1:
            break
    else:
        return points(value)
    if places == 0:
        return str(value.numerator)
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[:-places]}{',' if comma else '.'}{digits[-places:]}"


def parse_points(text: str) -> Fraction:
    """Read what :func:`exact`, :func:`points` or :func:`decimal_points` wrote (``"4½"``, ``"9/2"``,
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


def probability(p: float, *, possible: bool = False) -> str:
    """A simulated probability for people: ``"62.0 %"``, ``"< 0.1 %"``, ``"> 99.9 %"``.

    Exactly ``"0 %"`` and ``"100 %"`` are proofs, not samples: ``possible`` (the exact maths says
    the outcome can still go either way) turns a 0 or 1 seen in simulation into ``"< 0.1 %"`` or
    ``"> 99.9 %"``.
    """
    if p <= 0 and not possible:
        return "0 %"
    if p >= 1 and not possible:
        return "100 %"
    if p < 0.001:
        return "< 0.1 %"
    if p > 0.999:
        return "> 99.9 %"
    return f"{p:.1%}".replace("%", " %")
