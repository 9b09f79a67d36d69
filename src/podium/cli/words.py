"""The terminal's words in the reader's language: ``--lang en|fr`` on every command that prints.

A command writes its words once, in English, as :class:`~podium.errors.Message` values; ``Words(lang)``
says them through the CLI's catalogue (``podium/locale/fr/LC_MESSAGES/cli.po``, then the core's:
title words, problems), with numbers, points and dates through Babel for the locale. English is each
message's own text, so the default output is what it always was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from babel.dates import format_datetime
from babel.numbers import format_decimal
from babel.support import NullTranslations

from podium.present.dates import local_time
from podium.present.i18n import catalogues, data_name, say
from podium.present.numbers import count, points

CLI_DOMAINS = ("cli",)


def cli_translations(lang: str) -> NullTranslations:
    """The CLI's words in ``lang``, then the core's catalogues."""
    return catalogues(lang, CLI_DOMAINS)


@dataclass(frozen=True, slots=True)
class Words:
    """``Words("fr")(Message("after round {n}", n=8))`` → "après la manche 8"."""

    lang: str = "en"

    def __call__(self, text: str) -> str:
        """A :class:`~podium.errors.Message` (or a fixed sentence) in this language."""
        return say(text, self.lang, cli_translations(self.lang) if self.lang != "en" else None)

    def name(self, text: str) -> str:
        """A class, session or championship name from the data ("Platinum" → "Platine")."""
        return data_name(text, self.lang)

    def points(self, value: Fraction | int) -> str:
        return points(value, self.lang)

    def count(self, value: int) -> str:
        return count(value, self.lang)

    def decimal(self, value: float, places: int) -> str:
        """A measured number (not points) to ``places`` decimals: "12.3" / "12,3"."""
        return str(format_decimal(value, format="#,##0." + "0" * places, locale=self.lang))

    def when(self, value: datetime, fmt: str = "EEE d MMM y, HH:mm") -> str:
        """A time at the venue with its zone ("Fri 13 Nov 2020, 08:00 EST")."""
        return local_time(value, self.lang, fmt)

    def pattern(self, value: datetime, fmt: str) -> str:
        """A time in Babel's pattern ``fmt`` ("EEE y-MM-dd HH:mm": "Fri 2020-11-13 08:00", French
        "ven. 2020-11-13 08:00"), its zone left to the caller."""
        return str(format_datetime(value, fmt, locale=self.lang))
