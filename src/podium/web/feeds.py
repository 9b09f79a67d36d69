"""Feeds of a season: its calendar as iCalendar and its results and penalties as Atom.

The calendar is written by the ``icalendar`` library and gives every start in UTC (``…Z``), which
every agenda converts to its own zone correctly, so no VTIMEZONE (with its DST rules) has to be
kept in step with the tz database. The Atom feed is built with ElementTree, so names typed by
people are always escaped. Every absolute address (links, ids, UIDs) starts with the ``base_url``
setting: a request's Host header never reaches a feed (nor the page cache that keeps it).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from podium import __version__
from podium.errors import NotFoundError
from podium.model import Season
from podium.store import ChangeKind, ChangeRecord
from podium.web.i18n import web_translations
from podium.web.season_pages import adjustment_lines, class_results
from podium.web.site import SeasonView, Site
from podium.web.site import current_site as _site

router = APIRouter()

DEFAULT_LENGTH = timedelta(hours=1)
"""Length given to a session whose calendar has no duration (agendas need an end)."""
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
FEED_KINDS = (ChangeKind.RESULTS_IMPORT, ChangeKind.PENALTY_ADD, ChangeKind.CORRECTION_ADD)


# -- iCalendar --------------------------------------------------------------------------------------
def calendar_ics(season: Season, ref: str, base: str, now: datetime) -> str:
    """One VEVENT per scheduled session, times in UTC; UIDs and links on ``base`` (the site's address).

    Written by the ``icalendar`` library: every text value is a ``vText``, escaped and folded by it,
    so no character of a name (a bare carriage return included) can start a line of its own.
    """
    host = urlsplit(base).hostname or "podium"
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", f"-//podium//podium {__version__}//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", icalendar.vText(season.title))
    for event, session in season.sessions():
        start = event.start_instant(session)
        if start is None:
            continue
        end = start + (session.scheduled_duration or DEFAULT_LENGTH)
        description = [f"{season.title}, round {event.round}"]
        if session.broadcast:
            description.append(f"Broadcast: {session.broadcast}")
        vevent = icalendar.Event()
        vevent.add("uid", icalendar.vText(f"{session.id}.{ref}@{host}"))
        vevent.add("dtstamp", now.astimezone(UTC))
        vevent.add("dtstart", start.astimezone(UTC))
        vevent.add("dtend", end.astimezone(UTC))
        vevent.add("summary", icalendar.vText(f"{event.name} · {session.name}"))
        vevent.add("location", icalendar.vText(", ".join(x for x in (event.venue, event.country) if x)))
        vevent.add("description", icalendar.vText("\n".join(description)))
        vevent.add("url", icalendar.vUri(f"{base}/seasons/{ref}/events/{event.id}"))
        calendar.add_component(vevent)
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


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
def base_url(site: Site) -> str:
    """The site's public address (the ``base_url`` setting), never the request's Host header."""
    return site.settings.base_url.strip().rstrip("/")


@router.get("/seasons/{ref}/calendar.ics", include_in_schema=False)
def calendar(request: Request, ref: str) -> Response:
    site = _site(request)
    view = site.view(ref)
    text = calendar_ics(view.season, ref, base_url(site), datetime.now(UTC))
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
    return Response(
        atom_feed(view, changes, base_url(site), getattr(request.state, "lang", "en")),
        media_type="application/atom+xml; charset=utf-8",
    )
