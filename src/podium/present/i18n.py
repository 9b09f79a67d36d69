"""Message catalogues (Babel/gettext): English is the source language, French is translated.

Catalogues are the ``.po`` files in ``podium/locale``; they are compiled in memory when first
used, so the repository carries no binary ``.mo`` files.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from importlib import resources
from io import BytesIO

from babel.dates import format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGES = ("en", "fr")
DOMAIN = "podium"


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
    check_language(lang)
    if lang == "en":
        return NullTranslations()
    found = compiled_catalogue(lang, DOMAIN)
    if found is None:
        raise FileNotFoundError(f"the {lang} catalogue {DOMAIN}.po is missing from podium/locale")
    return found


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
