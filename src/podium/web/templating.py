"""Jinja2 rendering with the request's language, exact numbers and dates in the viewer's words.

Autoescaping is on for every template (names typed by users are data, never markup).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

from babel.dates import format_datetime
from babel.numbers import format_decimal
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from podium.present.numbers import points as points_text
from podium.present.numbers import probability
from podium.web.brand import PALETTE, Brand, brand_from_settings
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
    env.filters["probability"] = probability
    env.filters["duration"] = _duration
    return templates


def _points(value: Fraction | int | str) -> str:
    if isinstance(value, str):
        return value
    return points_text(value)


def _duration(value: timedelta, lang: str = "en") -> str:
    """A race time or gap to the millisecond in the viewer's digits: ``12.345``, ``1:02:03.456``."""
    micros = value // timedelta(microseconds=1)
    minutes, micros = divmod(micros, 60_000_000)
    hours, minutes = divmod(minutes, 60)
    seconds = format_decimal(
        Decimal(micros) / 1_000_000, format="00.000" if minutes or hours else "0.000", locale=lang
    )
    if hours:
        return f"{hours}:{minutes:02d}:{seconds}"
    return f"{minutes}:{seconds}" if minutes else seconds


def _when(value: datetime, lang: str = "en", fmt: str = "EEE d MMM y, HH:mm zzz") -> str:
    """A local time in the viewer's language, with its zone's abbreviation."""
    return format_datetime(value, fmt, tzinfo=value.tzinfo, locale=lang)


def render(
    templates: Jinja2Templates, request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render ``name`` with the request's language: ``_`` translates, ``lang`` says which."""
    lang: str = getattr(request.state, "lang", "en")
    words = web_translations(lang)
    brand: Brand | None = getattr(request.app.state, "brand", None)
    if brand is None:
        brand = brand_from_settings(request.app.state.site.settings)
        request.app.state.brand = brand
    classes = [c.id for c in context.get("classifications", ())]
    full = {
        "request": request,
        "lang": lang,
        "_": words.gettext,
        "ngettext": words.ngettext,
        "brand": brand,
        "here": request.url.path,
        "public": lambda path: public_url(request, path),
        "class_attrs": lambda class_id: class_attrs(classes, class_id),
        **context,
    }
    return templates.TemplateResponse(request, name, full, status_code=status_code)


def class_attrs(classes: list[str], class_id: str) -> Markup:
    """Attributes that give an element its class's colour (``--cls``, ``--on-cls``: /brand.css)."""
    index = classes.index(class_id) if class_id in classes else len(classes)
    return Markup(' data-cls="{}" data-cls-i="{}"').format(class_id, index % len(PALETTE))


def public_url(request: Request, path: str) -> str:
    """``path`` on the site's public address (the ``base_url`` setting, never the Host header)."""
    from podium.web.feeds import base_url  # feeds renders through this module: imported when used

    return base_url(request.app.state.site) + path
