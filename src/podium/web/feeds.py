"""Feeds of a season: its calendar as iCalendar and its results and penalties as Atom.

Written with the standard library only. The calendar gives every start in UTC (``…Z``), which every
agenda converts to its own zone correctly, so no VTIMEZONE (with its DST rules) has to be kept in
step with the tz database. The Atom feed is built with ElementTree, so names typed by people are
always escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from podium import __version__
from podium.errors import NotFoundError
from podium.model import Season
from podium.store import ChangeKind, ChangeRecord
from podium.web.i18n import web_translations
from podium.web.season_pages import adjustment_lines, class_results
from podium.web.site import SeasonView
from podium.web.site import current_site as _site

router = APIRouter()

DEFAULT_LENGTH = timedelta(hours=1)
"""Length given to a session whose calendar has no duration (agendas need an end)."""
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
FEED_KINDS = (ChangeKind.RESULTS_IMPORT, ChangeKind.PENALTY_ADD, ChangeKind.CORRECTION_ADD)


# -- iCalendar --------------------------------------------------------------------------------------
def ical_text(value: str) -> str:
    """RFC 5545 TEXT escaping (backslash, semicolon, comma, newline)."""
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n"), ("\n", "\\n")):
        value = value.replace(raw, escaped)
    return value


def fold(line: str) -> Iterator[str]:
    """Lines of at most 75 octets, continuations starting with a space (never splitting a character)."""
    data = line.encode("utf-8")
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        yield data[:cut].decode("utf-8")
        data = b" " + data[cut:]
        limit = 75
    yield data.decode("utf-8")


def _utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_ics(season: Season, ref: str, host: str, now: datetime) -> str:
    """One VEVENT per scheduled session, times in UTC."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//podium//podium {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_text(season.title)}",
    ]
    for event, session in season.sessions():
        start = event.start_instant(session)
        if start is None:
            continue
        end = start + (session.scheduled_duration or DEFAULT_LENGTH)
        description = [f"{season.title}, round {event.round}"]
        if session.broadcast:
            description.append(f"Broadcast: {session.broadcast}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{session.id}.{ref}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{ical_text(f'{event.name} · {session.name}')}",
            f"LOCATION:{ical_text(', '.join(x for x in (event.venue, event.country) if x))}",
            f"DESCRIPTION:{ical_text(chr(10).join(description))}",
            f"URL:http://{host}/seasons/{ref}/events/{event.id}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))


# -- Atom -------------------------------------------------------------------------------------------
def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def _entry_words(
    view: SeasonView, change: ChangeRecord, gettext: Callable[[str], str]
) -> tuple[str, str, str | None]:
    """(title, summary, event id) of one change, read against the season as it is now."""
    season = view.season
    session_id = str(change.payload.get("session") or change.payload.get("adjustment", {}).get("session", ""))
    try:
        event = season.event_of(session_id)
        session = event.session(session_id)
    except NotFoundError:
        return change.summary, change.reason, None
    where = f"{event.name} · {session.name}"
    if change.kind is ChangeKind.RESULTS_IMPORT:
        winners = []
        for c in season.classifications:
            lines = (
                class_results(season, view.ruleset, c, event, session)
                if season.has_results(session_id)
                else []
            )
            if lines and lines[0].class_position == 1:
                winners.append(f"{c.name}: {lines[0].drivers} ({lines[0].car})")
        summary = gettext("Winners") + ": " + "; ".join(winners) if winners else change.summary
        return gettext("Results") + f": {where}", summary, event.id
    words = next(
        (
            f"{a.car} {a.drivers}: {a.words} ({a.before} → {a.after})"
            for a in adjustment_lines(season, event, gettext)
            if a.adjustment.id == f"c{change.id}"
        ),
        change.summary,
    )
    label = gettext("Penalty") if change.kind is ChangeKind.PENALTY_ADD else gettext("Correction")
    return f"{label}: {where}", f"{words} — {gettext('Reason')}: {change.reason}", event.id


def atom_feed(view: SeasonView, changes: list[ChangeRecord], base: str, lang: str) -> bytes:
    """Results and penalties from the log, newest first; undone changes say so."""
    gettext = web_translations(lang).gettext
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(feed, "id", f"{base}/seasons/{view.ref}/feed.atom")
    _sub(feed, "title", f"{view.season.title} — " + gettext("results and penalties"))
    newest = max((c.created_at for c in changes), default=datetime(1970, 1, 1, tzinfo=UTC))
    _sub(feed, "updated", newest.astimezone(UTC).isoformat())
    _sub(feed, "link", rel="self", href=f"{base}/seasons/{view.ref}/feed.atom")
    _sub(feed, "link", rel="alternate", href=f"{base}/seasons/{view.ref}")
    _sub(feed, "generator", "podium", version=__version__)
    for change in changes:
        title, summary, event_id = _entry_words(view, change, gettext)
        if change.reverted_by:
            title += " (" + gettext("undone") + ")"
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{base}/seasons/{view.ref}/changes/{change.id}")
        _sub(entry, "title", title)
        _sub(entry, "updated", change.created_at.astimezone(UTC).isoformat())
        author = _sub(entry, "author")
        _sub(author, "name", change.author or "podium")
        page = f"/seasons/{view.ref}/events/{event_id}" if event_id else f"/seasons/{view.ref}"
        _sub(entry, "link", rel="alternate", href=base + page)
        _sub(entry, "summary", summary)
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


# -- routes -----------------------------------------------------------------------------------------
@router.get("/seasons/{ref}/calendar.ics", include_in_schema=False)
def calendar(request: Request, ref: str) -> Response:
    view = _site(request).view(ref)
    host = request.url.netloc or "podium"
    text = calendar_ics(view.season, ref, host, datetime.now(UTC))
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{ref}.ics"'},
    )


@router.get("/seasons/{ref}/feed.atom", include_in_schema=False)
def feed(request: Request, ref: str) -> Response:
    site = _site(request)
    view = site.view(ref)
    changes = site.store.log(ref, limit=FEED_ENTRIES, kinds=FEED_KINDS)
    base = str(request.base_url).rstrip("/")
    return Response(
        atom_feed(view, changes, base, getattr(request.state, "lang", "en")),
        media_type="application/atom+xml; charset=utf-8",
    )
