"""Jinja2 rendering with the request's language, exact numbers and dates in the viewer's words.

Autoescaping is on for every template (names typed by users are data, never markup).
"""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

from babel.dates import format_datetime
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.requests import Request
from starlette.responses import HTMLResponse

from podium.present.numbers import points as points_text
from podium.present.numbers import probability
from podium.web.i18n import web_translations

TEMPLATES_DIR = Path(str(resources.files("podium.web") / "templates"))
STATIC_DIR = Path(str(resources.files("podium.web") / "static"))


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.autoescape = True
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.filters["points"] = _points
    env.filters["when"] = _when
    env.filters["probability"] = _probability
    return templates


@pass_context
def _points(context: Context, value: Fraction | int | str) -> str:
    """Exact points in the page's language ("246.5", "246,5"); text already written passes as is."""
    if isinstance(value, str):
        return value
    return points_text(value, context.get("lang", "en"))


@pass_context
def _probability(context: Context, p: float, possible: bool = False) -> str:
    return probability(p, possible=possible, lang=context.get("lang", "en"))


def _when(value: datetime, lang: str = "en", fmt: str = "EEE d MMM y, HH:mm zzz") -> str:
    """A local time in the viewer's language, with its zone's abbreviation."""
    return format_datetime(value, fmt, tzinfo=value.tzinfo, locale=lang)


def render(
    templates: Jinja2Templates, request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render ``name`` with the request's language: ``_`` translates, ``lang`` says which."""
    lang: str = getattr(request.state, "lang", "en")
    words = web_translations(lang)
    full = {"request": request, "lang": lang, "_": words.gettext, "ngettext": words.ngettext, **context}
    return templates.TemplateResponse(request, name, full, status_code=status_code)
