"""Message catalogues (Babel/gettext): English is the source language, French is translated.

Catalogues are the ``.po`` files in ``podium/locale``; they are compiled in memory when first
used, so the repository carries no binary ``.mo`` files. ``podium.po`` holds the title words and
the press text, ``problems.po`` what is wrong with an input (importers, values, the store's
refusals); :func:`translations` reads both.

:func:`say` puts a :class:`~podium.errors.Message` in the reader's language: the catalogue's
template filled in with the message's values, numbers through Babel and quoted values in the
language's quotes ('x' in English, « x » in French).
"""

from __future__ import annotations

import re
import string
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources
from io import BytesIO

from babel.dates import format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

from podium.errors import Message
from podium.present.numbers import points

LANGUAGES = ("en", "fr")
DOMAIN = "podium"
DOMAINS = (DOMAIN, "problems")
"""The core's catalogues, searched in this order."""


def compiled_catalogue(lang: str, domain: str) -> Translations | None:
    """The ``domain`` catalogue of ``lang`` compiled in memory, or None when there is no such file."""
    po = resources.files("podium") / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    if not po.is_file():
        return None
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=domain)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (choose from {', '.join(LANGUAGES)})")


@cache
def translations(lang: str) -> NullTranslations:
    """Translations for ``lang`` (``en`` or ``fr``); English needs none."""
    return catalogues(lang, DOMAINS)


@cache
def catalogues(lang: str, domains: tuple[str, ...]) -> NullTranslations:
    """The ``domains`` catalogues of ``lang`` searched in order, then the core's (an edge's own
    words first: the web's pages, the CLI's tables); English needs none."""
    check_language(lang)
    if lang == "en":
        return NullTranslations()
    chain: Translations | None = None
    for domain in domains:
        found = compiled_catalogue(lang, domain)
        if found is None:
            raise FileNotFoundError(f"the {lang} catalogue {domain}.po is missing from podium/locale")
        if chain is None:
            chain = found
        else:
            chain.add_fallback(found)
    assert chain is not None
    if domains != DOMAINS:
        chain.add_fallback(translations(lang))
    return chain


QUOTES = {"fr": ("«\u00a0", "\u00a0»")}
"""How a quoted value (``{value!r}``) is written, where the language does not use Python's 'x'."""


class _Formatter(string.Formatter):
    """``str.format`` in a language: numbers through Babel, ``!r`` in the language's quotes, and a
    text said in the sentence (not quoted) as the data's name in the language ("Race 1" → "Course
    1", "Platinum" → "Platine"; any other text as it is). A quoted value is what the user wrote, so
    it stays as written."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion is None and isinstance(value, str):
            return data_name(value, self.lang)
        if conversion != "r" or self.lang not in QUOTES:
            return super().convert_field(value, conversion)
        if isinstance(value, str):
            opening, closing = QUOTES[self.lang]
            return f"{opening}{value}{closing}"
        if _is_number(value):
            return self.format_field(value, "")
        return repr(value)

    def format_field(self, value: object, format_spec: str) -> str:
        if _is_number(value) and self.lang != "en":
            assert isinstance(value, int | Fraction | Decimal | float)
            if isinstance(value, Fraction) and not format_spec:
                return points(value, self.lang)
            number = Decimal(value.numerator) / value.denominator if isinstance(value, Fraction) else value
            share = re.fullmatch(r"\.(\d)%", format_spec)
            if share:
                decimals = "." + "0" * int(share[1]) if int(share[1]) else ""
                return str(format_percent(number, format="#,##0" + decimals + "%", locale=self.lang))
            places = re.fullmatch(r"\.(\d)f", format_spec)
            if places:
                return str(format_decimal(number, format="#,##0." + "0" * int(places[1]), locale=self.lang))
            if not format_spec:
                return str(format_decimal(number, locale=self.lang))
        return str(super().format_field(value, format_spec))


def _is_number(value: object) -> bool:
    return isinstance(value, int | Fraction | Decimal | float) and not isinstance(value, bool)


def say(text: str, lang: str, words: NullTranslations | None = None) -> str:
    """``text`` in ``lang``: a :class:`~podium.errors.Message` through the catalogue with its values
    said in the same language; a plain string through the catalogue when it is a fixed sentence
    there, else as it is. English is the message's own text."""
    if lang == "en":
        return str(text)
    words = words or translations(lang)
    if not isinstance(text, Message):
        return str(words.gettext(text)) if text else text
    values = {k: say(v, lang, words) if isinstance(v, Message) else v for k, v in text.values.items()}
    if text.plural_template is not None:
        count = text.values["count"]
        assert isinstance(count, int)
        template = str(words.ngettext(text.template, text.plural_template, count))
    else:
        template = str(words.gettext(text.template))
    return _Formatter(lang).format(template, **values)


NAME_CONTEXT = "name"
"""gettext context of the names a season's data carries in English (class, session and
championship names), translated when they are the usual words: "Platinum", "Race 1", "Qualifying",
"Drivers' Championship". A name that is not one of them (a venue, a driver) is left as it is."""

_SESSION = re.compile(
    r"^(?P<prefix>R\d+ [^—]+ — )?"  # the title maths' "R8 Sebring — Race 1"
    r"(?P<kind>Race|Qualifying|Sprint|Practice|Free Practice|Warm-up|Feature Race|Sprint Race)"
    r"(?: (?P<n>\d+))?"
    r"(?: \((?P<where>[^,()]+), (?P<when>[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2})\))?$"
)


def data_name(text: str, lang: str) -> str:
    """A name from the season's data in ``lang``: "Platinum" → "Platine", "Race 1" → "Course 1",
    "Race 15 (Sebring, Fri 13 Nov 2020, 08:00)" → "Course 15 (Sebring, ven. 13 nov. 2020, 08:00)";
    anything else unchanged."""
    if lang == "en" or not text:
        return text
    words = translations(lang)
    found = str(words.pgettext(NAME_CONTEXT, text))
    if found != text:
        return found
    match = _SESSION.match(text)
    if match is None:
        return text
    kind = str(words.pgettext(NAME_CONTEXT, match["kind"]))
    out = (match["prefix"] or "") + (f"{kind} {match['n']}" if match["n"] else kind)
    if match["where"]:
        when = datetime.strptime(match["when"], "%a %d %b %Y, %H:%M")
        out += f" ({match['where']}, {format_datetime(when, 'EEE d MMM y, HH:mm', locale=lang)})"
    return out
