"""Message catalogues (Babel/gettext): English is the source language, French is translated.

Catalogues are the ``.po`` files in ``podium/locale``; they are compiled in memory when first
used, so the repository carries no binary ``.mo`` files.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from io import BytesIO

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
