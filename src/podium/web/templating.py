"""Jinja2 rendering with the request's language, exact numbers and dates in the viewer's words.

Autoescaping is on for every template (names typed by users are data, never markup).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel.numbers import format_decimal
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.filters import do_join, make_attrgetter
from jinja2.runtime import Context
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from podium.errors import Message
from podium.present.dates import local_time
from podium.present.i18n import data_name, say
from podium.present.numbers import count, probability
from podium.present.numbers import points as points_text
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
    env.finalize = _finalize
    env.filters["join"] = _join
    env.filters["name"] = _name
    env.filters["number"] = _number
    env.filters["points"] = _points
    env.filters["when"] = local_time
    env.filters["probability"] = _probability
    env.filters["duration"] = _duration
    env.globals["in_language"] = _in_language
    return templates


@pass_context
def _points(context: Context, value: Fraction | int | str) -> str:
    """Exact points in the page's language ("246.5", "246,5"); text already written passes as is."""
    if isinstance(value, str):
        return value
    return points_text(value, context.get("lang", "en"))


@pass_context
def _finalize(context: Context, value: object) -> object:
    """Every ``{{ value }}`` of a page: a :class:`~podium.errors.Message` (a problem, a change of the
    log) said in the page's language; a class, session or championship name from the data in the
    page's language ("Platinum" → "Platine", "Race 1" → "Course 1"); anything else as it is."""
    lang = context.get("lang", "en")
    if isinstance(value, Message):
        return say(value, lang, web_translations(lang) if lang != "en" else None)
    if isinstance(value, str) and not isinstance(value, Markup):
        return data_name(value, lang)
    return value


@pass_context
def _in_language(context: Context, lang: str) -> str:
    """The link to this page in ``lang``: the same query (``?after=``, ``?rows=``) with only the
    language changed, so switching language never loses the moment a reader was looking at."""
    request = context.get("request")
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] if request else []
    return "?" + urlencode([*params, ("lang", lang)])


@pass_context
def _number(context: Context, value: int) -> str:
    """A count in the page's language: "20,000" / "20 000"."""
    return count(value, context.get("lang", "en"))


@pass_context
def _name(context: Context, value: str) -> str:
    """``{{ m.session_name|name }}`` inside a sentence: the data's name in the page's language."""
    return data_name(value, context.get("lang", "en"))


@pass_context
def _join(context: Context, value: Iterable[Any], d: str = "", attribute: str | int | None = None) -> str:
    """Jinja's ``join``, each name in the page's language ("R8 Sebring — Course 1, …")."""
    items = list(value)
    if attribute is not None:
        items = [make_attrgetter(context.environment, attribute)(x) for x in items]
    lang = context.get("lang", "en")
    shown = [data_name(x, lang) if isinstance(x, str) and not isinstance(x, Markup) else x for x in items]
    joined: str = do_join(context.eval_ctx, shown, d)
    return joined


@pass_context
def _probability(context: Context, p: float, possible: bool = False) -> str:
    return probability(p, possible=possible, lang=context.get("lang", "en"))


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
