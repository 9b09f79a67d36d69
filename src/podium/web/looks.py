"""What makes the site a series' own and lets it travel: mark, favicon, colours, share images, widgets.

- ``/favicon.ico`` and ``/brand/logo``: the ``site_logo`` file, else podium's chequered flag in the
  series' colour; ``/brand.css``: the series' and classes' colours (:mod:`podium.web.brand`).
- ``/seasons/REF/standings/CLASS/share.png`` and ``/seasons/REF/title/CLASS/share.png``: the 1200×630
  images of the pages' Open Graph tags (drawn with Pillow, part of the ``web`` extra).
- ``/embed/REF/standings/CLASS`` and ``/embed/REF/title/CLASS``: the widgets a series frames on its
  own site; only the sources of ``embed_frame_ancestors`` may frame them (default: nobody). Every
  other page, the admin included, stays un-embeddable.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from starlette.requests import Request
from starlette.responses import Response

from podium.model import Classification
from podium.present.numbers import points as points_text
from podium.web.brand import Brand, brand_css, logo_bytes
from podium.web.i18n import web_translations
from podium.web.live import framing_headers
from podium.web.site import SeasonView, Site
from podium.web.templating import render
from podium.web.title_pages import TitleNow, proven_only, title_now

router = APIRouter()

SHARE_SIZE = (1200, 630)
SHARE_ROWS = 5
SHARE_FONTS = {
    False: ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    True: ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}
"""Fonts tried for share images, by weight (names Pillow finds in the system's font folders)."""
EMBED_ROWS_MAX = 60
ASSET_CACHE = "public, max-age=3600"


def _brand(request: Request) -> Brand:
    brand: Brand = request.app.state.brand
    return brand


@router.get("/favicon.ico", include_in_schema=False)
@router.get("/brand/logo", include_in_schema=False)
def logo(request: Request) -> Response:
    brand = _brand(request)
    return Response(logo_bytes(brand), media_type=brand.logo_type, headers={"Cache-Control": ASSET_CACHE})


@router.get("/brand.css", include_in_schema=False)
def colours(request: Request) -> Response:
    return Response(brand_css(_brand(request)), media_type="text/css", headers={"Cache-Control": ASSET_CACHE})


# -- share images -----------------------------------------------------------------------------------
@lru_cache(maxsize=128)
def share_png(
    brand: Brand, kicker: str, title: str, subtitle: str, lines: tuple[tuple[str, str, str], ...]
) -> bytes:
    """A 1200×630 card: the series' stripe, a kicker, a title, a subtitle and up to five (place, name,
    figure) lines.

    :raises HTTPException: 404 when Pillow is not installed.
    """
    try:
        from PIL import Image, ImageDraw, ImageFont
    except ImportError:  # pragma: no cover - Pillow is part of podium[web]
        raise HTTPException(404, "share images need Pillow: pip install 'podium[web]'") from None
    width, height = SHARE_SIZE
    image = Image.new("RGB", SHARE_SIZE, "#0b0d12")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 18, width, height), fill=brand.accent)
    draw.rectangle((0, 0, 14, height), fill=brand.accent)

    def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        for name in SHARE_FONTS[bold]:  # accented capitals need a full font; Pillow's own is the fallback
            try:
                return ImageFont.truetype(name, size)
            except OSError:
                continue
        return ImageFont.load_default(size=size)

    def fit(text: str, face: ImageFont.FreeTypeFont | ImageFont.ImageFont, room: float) -> str:
        if draw.textlength(text, font=face) <= room:
            return text
        while text and draw.textlength(text + "…", font=face) > room:
            text = text[:-1]
        return text.rstrip() + "…"

    small, big, row, row_bold = font(28), font(64, True), font(36), font(36, True)
    draw.text((64, 48), fit(kicker.upper(), small, width - 128), font=small, fill="#b9bfcc")
    title = fit(title, big, width - 128)
    draw.text((64, 88), title, font=big, fill="#ffffff")
    draw.text(
        (64 + draw.textlength(title, font=big) + 28, 146),
        fit(subtitle, small, width - 420),
        font=small,
        fill="#b9bfcc",
        anchor="ls",
    )
    y = 200
    for place, name, figure in lines[:SHARE_ROWS]:
        draw.rectangle((64, y, 124, y + 60), fill=brand.accent if place == "1" else "#2a2e36")
        draw.text((94, y + 30), place, font=row_bold, fill="#ffffff", anchor="mm")
        room = width - 64 - draw.textlength(figure, font=row) - 40 - 148
        draw.text((148, y + 30), fit(name, row_bold, room), font=row_bold, fill="#ffffff", anchor="lm")
        draw.text((width - 64, y + 30), figure, font=row, fill="#ffffff", anchor="rm")
        y += 72
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _png(data: bytes) -> Response:
    return Response(data, media_type="image/png", headers={"Cache-Control": "public, max-age=300"})


@router.get("/seasons/{ref}/standings/{cls}/share.png", include_in_schema=False)
def standings_share(request: Request, ref: str, cls: str) -> Response:
    site: Site = request.app.state.site
    view = site.view(ref)
    classification = view.season.classification(cls)
    table = site.standings(view, classification.id)
    _ = web_translations(request.state.lang).gettext
    after = _("After round %(round)s") % {"round": table.after_round} if table.after_round else ""
    lines = tuple(
        (row.position_text, row.name, f"{points_text(row.points)} {_('pts')}")
        for row in table.rows[:SHARE_ROWS]
    )
    return _png(share_png(_brand(request), view.season.title, classification.name, after, lines))


def _title(request: Request, ref: str, cls: str) -> tuple[SeasonView, Classification, TitleNow]:
    """The season, class and last proven title picture a share image or widget shows."""
    site: Site = request.app.state.site
    view = site.view(ref)
    classification = view.season.classification(cls)
    return view, classification, title_now(site, view, classification, None, request.state.lang)


@router.get("/seasons/{ref}/title/{cls}/share.png", include_in_schema=False)
def title_share(request: Request, ref: str, cls: str) -> Response:
    view, classification, now = _title(request, ref, cls)
    _ = web_translations(request.state.lang).gettext
    if now.picture is None:
        lines: tuple[tuple[str, str, str], ...] = ()
    else:
        lines = tuple((str(c.rank), c.name, f"{c.points} · {c.status_word}") for c in now.picture.contenders)
    title = _("Title battle")
    response = _png(share_png(_brand(request), view.season.title, classification.name, title, lines))
    return proven_only(response, [now])


# -- widgets ----------------------------------------------------------------------------------------
def _framed(request: Request, response: Response) -> Response:
    site: Site = request.app.state.site
    for key, value in framing_headers(site.settings.embed_frame_ancestors.strip() or "'none'").items():
        response.headers[key] = value
    return response


@router.get("/embed/{ref}/standings/{cls}", include_in_schema=False)
def embed_standings(
    request: Request, ref: str, cls: str, rows: Annotated[int, Query(ge=1, le=EMBED_ROWS_MAX)] = 10
) -> Response:
    """The standings widget: the first ``rows`` lines, linking to the full page."""
    site: Site = request.app.state.site
    view = site.view(ref)
    classification = view.season.classification(cls)
    table = site.standings(view, classification.id)
    context = {
        "ref": ref,
        "season": view.season,
        "classifications": view.season.classifications,
        "classification": classification,
        "table": table,
        "rows": table.rows[:rows],
        "full": f"/seasons/{ref}/standings/{classification.id}",
    }
    return _framed(request, render(request.app.state.templates, request, "embed_standings.html", context))


@router.get("/embed/{ref}/title/{cls}", include_in_schema=False)
def embed_title(request: Request, ref: str, cls: str) -> Response:
    """The title widget: who can still win and their status, linking to the full title page."""
    view, classification, now = _title(request, ref, cls)
    context = {
        "ref": ref,
        "season": view.season,
        "classifications": view.season.classifications,
        "classification": classification,
        "t": now,
        "p": now.picture,
        "full": f"/seasons/{ref}/title/{classification.id}",
    }
    page = render(request.app.state.templates, request, "embed_title.html", context)
    return proven_only(_framed(request, page), [now])
