"""The site's language: ``?lang=`` (remembered in a cookie), else the cookie, else Accept-Language.

Words of the site live in gettext catalogues beside the core's (``podium/locale/fr/LC_MESSAGES``):
``web.po`` for the season pages, ``web_title.po`` for the title and what-if pages,
``web_admin.po`` for the admin; the core's ``podium.po`` (statuses, conditions, press text) is the
last fallback. English is the source language.
"""

from __future__ import annotations

from babel.support import NullTranslations
from starlette.requests import Request

from podium.present.i18n import LANGUAGES, catalogues

WEB_DOMAINS = ("web", "web_title", "web_admin")
LANG_COOKIE = "lang"


def web_translations(lang: str) -> NullTranslations:
    """The site's words in ``lang``, falling back through the admin and core catalogues."""
    return catalogues(lang, WEB_DOMAINS)


def parse_accept_language(header: str) -> str | None:
    """The first supported language of an ``Accept-Language`` header, by quality then order."""
    offers: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        piece = part.strip()
        if not piece:
            continue
        tag, _, params = piece.partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            offers.append((-quality, index, primary))
    return min(offers)[2] if offers else None


def choose_language(request: Request) -> str:
    """The language to answer ``request`` in (``en`` when nothing says otherwise)."""
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(LANG_COOKIE, "")
    if remembered in LANGUAGES:
        return remembered
    return parse_accept_language(request.headers.get("accept-language", "")) or "en"
