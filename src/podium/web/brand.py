"""A series' own look: its name, logo and colours, from the site settings, checked once at start-up.

``site_name`` heads every page (empty: the season's series name, else "podium"); ``site_logo`` is
an image file shown in the header and as the favicon (empty: podium's chequered flag);
``site_colour`` is the accent of links, buttons and the header stripe; ``class_colours`` gives each
class its colour (``platinum=#8e9aa6;gold=#c9a227``); classes it does not name take the next colour
of a fixed palette, so a class keeps its colour from page to page.

Every colour shown as text or behind text is checked against WCAG's 4.5:1: the accent is darkened
for light pages and lightened for dark ones until it reads, and a class colour picks black or white
text, whichever reads better.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from podium.errors import InputError, Problem
from podium.settings import Settings

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
CLASS_ID = re.compile(r"^[A-Za-z0-9_-]+$")
LOGO_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
LOGO_MAX_BYTES = 512 * 1024
"""A header logo; larger files are refused at start-up (the favicon is the same file)."""
PALETTE = ("#c8102e", "#1f6fd1", "#c9a227", "#0f8a5f", "#7b3fc4", "#e2650b", "#0d8fa4", "#b5179e")
"""Colours of classes the settings do not name, in class order."""
LIGHT_BG = "#f5f6f8"
"""The darkest light surface text sits on (podium.css's --card): readable there, readable everywhere."""
DARK_BG = "#1b1e24"
"""The lightest dark surface (--card in dark mode)."""
MIN_CONTRAST = 4.6
"""WCAG AA's 4.5:1 with a little room for rounding in browsers."""


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb`` (a float: this is display, never points)."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(colour: str, towards: str, share: float) -> str:
    out = "#"
    for i in (1, 3, 5):
        a, b = int(colour[i : i + 2], 16), int(towards[i : i + 2], 16)
        out += f"{round(a + (b - a) * share):02x}"
    return out


def readable_on(colour: str, background: str) -> str:
    """``colour`` moved towards black or white (away from ``background``) until it reads on it."""
    target = "#000000" if luminance(background) > 0.5 else "#ffffff"
    share = 0.0
    found = colour.lower()
    while contrast(found, background) < MIN_CONTRAST and share < 1:
        share = min(1.0, share + 0.05)
        found = _mix(colour.lower(), target, share)
    return found


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    return "#000000" if contrast(colour, "#000000") >= contrast(colour, "#ffffff") else "#ffffff"


@dataclass(frozen=True, slots=True)
class Brand:
    """The checked look of the site: what templates read as ``brand``."""

    name: str
    logo: Path | None
    accent: str
    accent_light: str
    """The accent as text on light pages (≥ 4.5:1 on white)."""
    accent_dark: str
    """The accent as text on dark pages (≥ 4.5:1 on the dark background)."""
    on_accent: str
    """Text colour on an accent-coloured button."""
    class_colours: tuple[tuple[str, str], ...]

    @property
    def logo_type(self) -> str:
        return LOGO_TYPES[self.logo.suffix.lower()] if self.logo is not None else "image/svg+xml"

    def title(self, series: str | None = None) -> str:
        """The name to head a page with: the setting, else the series, else podium."""
        return self.name or series or "podium"

    def colour(self, class_id: str, index: int = 0) -> str:
        """The colour of a class: the settings', else the palette's by the class's place."""
        for name, colour in self.class_colours:
            if name == class_id:
                return colour
        return PALETTE[index % len(PALETTE)]

    def on(self, class_id: str, index: int = 0) -> str:
        """Text colour on the class colour."""
        return text_on(self.colour(class_id, index))


def brand_from_settings(settings: Settings) -> Brand:
    """The site's look from ``settings``.

    :raises InputError: naming every bad setting at once (colour not ``#rrggbb``, logo missing,
        of an unknown type or too large).
    """
    problems: list[Problem] = []
    accent = settings.site_colour.strip()
    if not HEX.match(accent):
        problems.append(Problem("expected a colour as #rrggbb", field="site_colour", value=accent))
        accent = PALETTE[0]
    colours: list[tuple[str, str]] = []
    for part in settings.class_colours.split(";"):
        if not part.strip():
            continue
        name, eq, colour = part.partition("=")
        if not eq or not CLASS_ID.match(name.strip()) or not HEX.match(colour.strip()):
            problems.append(
                Problem("expected CLASS=#rrggbb, separated by ';'", field="class_colours", value=part.strip())
            )
            continue
        colours.append((name.strip(), colour.strip().lower()))
    logo: Path | None = None
    if settings.site_logo.strip():
        logo = Path(settings.site_logo.strip())
        if logo.suffix.lower() not in LOGO_TYPES:
            problems.append(
                Problem(
                    f"the logo must be one of {', '.join(sorted(LOGO_TYPES))}",
                    field="site_logo",
                    value=str(logo),
                )
            )
        elif not logo.is_file():
            problems.append(Problem("no such file", field="site_logo", value=str(logo)))
        elif logo.stat().st_size > LOGO_MAX_BYTES:
            problems.append(
                Problem(
                    f"the logo is larger than {LOGO_MAX_BYTES // 1024} KiB",
                    field="site_logo",
                    value=str(logo),
                )
            )
    if problems:
        raise InputError(problems)
    return Brand(
        name=settings.site_name.strip(),
        logo=logo,
        accent=accent.lower(),
        accent_light=readable_on(accent, LIGHT_BG),
        accent_dark=readable_on(accent, DARK_BG),
        on_accent=text_on(readable_on(accent, LIGHT_BG)),
        class_colours=tuple(colours),
    )


DEFAULT_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="{accent}"/>
<g fill="#ffffff"><rect x="6" y="6" width="5" height="5"/><rect x="16" y="6" width="5" height="5"/>
<rect x="11" y="11" width="5" height="5"/><rect x="21" y="11" width="5" height="5"/>
<rect x="6" y="16" width="5" height="5"/><rect x="16" y="16" width="5" height="5"/>
<rect x="11" y="21" width="5" height="5"/><rect x="21" y="21" width="5" height="5"/></g>
</svg>
"""
"""podium's mark: a chequered flag on the accent colour (favicon and header when no logo is set)."""


def logo_bytes(brand: Brand) -> bytes:
    """The logo file's bytes, or podium's mark in the brand's accent."""
    if brand.logo is not None:
        return brand.logo.read_bytes()
    return DEFAULT_LOGO.format(accent=brand.accent_light).encode()


def brand_css(brand: Brand) -> str:
    """The stylesheet of the brand's colours (served as /brand.css: no inline style is needed).

    ``--accent`` is the readable accent of the colour scheme; every class element carries
    ``data-cls`` (its id) and ``data-cls-i`` (its place): the settings' colours win over the palette's.
    """
    lines = [
        f":root {{ --brand: {brand.accent}; --accent: {brand.accent_light}; "
        f"--on-accent: {brand.on_accent}; }}",
        f"@media (prefers-color-scheme: dark) {{ :root {{ --accent: {brand.accent_dark}; "
        f"--on-accent: {text_on(brand.accent_dark)}; }} }}",
    ]
    for index, colour in enumerate(PALETTE):
        lines.append(f'[data-cls-i="{index}"] {{ --cls: {colour}; --on-cls: {text_on(colour)}; }}')
    for name, colour in brand.class_colours:
        lines.append(f'[data-cls="{name}"] {{ --cls: {colour}; --on-cls: {text_on(colour)}; }}')
    return "\n".join(lines) + "\n"
