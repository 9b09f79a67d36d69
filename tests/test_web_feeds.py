"""The season's iCalendar and Atom feeds, read back with independent parsers."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from fastapi.testclient import TestClient

from podium.store import Store
from podium.web.feeds import calendar_ics
from podium.web.site import Site
from webkit import client_fixture, demo_db_fixture, demo_db_template_fixture  # noqa: F401

REF = "gt3-usa-2020"
ATOM = "{http://www.w3.org/2005/Atom}"


def vevents(text: str) -> list[dict[str, str]]:
    """Unfold (RFC 5545 §3.1) and collect each VEVENT's properties (name without parameters)."""
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            current[name.split(";")[0]] = value
    return events


def utc(value: str) -> datetime:
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def test_calendar_has_every_session_at_the_right_instant(client: TestClient) -> None:
    response = client.get(f"/seasons/{REF}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    text = response.text
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = {e["UID"].split(".")[0]: e for e in vevents(text)}
    assert len(events) == 17
    race1 = events["r08-race-1"]
    sebring = datetime(2020, 11, 13, 8, 0, tzinfo=ZoneInfo("America/New_York"))
    assert utc(race1["DTSTART"]) == sebring == datetime(2020, 11, 13, 13, 0, tzinfo=UTC)
    assert utc(race1["DTEND"]) - utc(race1["DTSTART"]) == sebring - sebring.replace(hour=7, minute=15)
    assert race1["SUMMARY"] == "Sebring · Race 1"
    assert race1["LOCATION"] == "Sebring International Raceway\\, USA"
    chicago = datetime(2020, 8, 1, 10, 35, tzinfo=ZoneInfo("America/Chicago"))  # summer time, other zone
    assert utc(events["r01-race-1"]["DTSTART"]) == chicago


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n", "\n\r"])
def test_no_character_of_a_name_starts_a_calendar_line(client: TestClient, breaker: str) -> None:
    """A bare carriage return (or any other line break) in a name stays inside its property."""
    site: Site = client.app.state.site  # type: ignore[attr-defined]
    season = site.view(REF).season
    evil = f"Sebring{breaker}BEGIN:VEVENT{breaker}UID:evil{breaker}SUMMARY:owned"
    first = dataclasses.replace(season.events[0], name=evil, venue=f"Track{breaker}X-INJECTED:1")
    hostile = dataclasses.replace(season, name=evil, events=(first, *season.events[1:]))
    text = calendar_ics(hostile, REF, "https://podium.example.org", datetime(2026, 1, 1, tzinfo=UTC))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")
    assert not any(
        line.startswith(("UID:evil", "X-INJECTED", "SUMMARY:owned")) for line in text.split("\r\n")
    )
    parsed = icalendar.Calendar.from_ical(text)
    events = parsed.walk("VEVENT")
    assert len(events) == 17  # no event added
    assert str(events[0]["SUMMARY"]).startswith("Sebring")
    assert "BEGIN:VEVENT" in str(events[0]["SUMMARY"])  # kept as words, inside the summary
    long = "é" * 200
    folded = calendar_ics(
        dataclasses.replace(season, name=long), REF, "https://p.example", datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert str(icalendar.Calendar.from_ical(folded)["X-WR-CALNAME"]) == long


def feed(client: TestClient, lang: str = "en") -> ET.Element:
    response = client.get(f"/seasons/{REF}/feed.atom?lang={lang}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_atom_feed_lists_results_newest_first(client: TestClient) -> None:
    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 14
    times = [datetime.fromisoformat(e.findtext(f"{ATOM}updated") or "") for e in entries]
    assert times == sorted(times, reverse=True)
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Results: Grand Prix of St. Petersburg · Race 2"
    assert "Winners: Platinum:" in (first.findtext(f"{ATOM}summary") or "")
    link = first.find(f"{ATOM}link")
    assert link is not None and link.get("href", "").endswith(f"/seasons/{REF}/events/st-petersburg")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 14
    french = feed(client, "fr").findall(f"{ATOM}entry")[0]
    assert (french.findtext(f"{ATOM}title") or "").startswith("Résultats")


def test_atom_feed_has_penalties_with_escaped_words_and_undos(client: TestClient) -> None:
    store: Store = client.app.state.site.store  # type: ignore[attr-defined]
    change = store.add_penalty(
        REF, "r07-race-2", "16", positions=3, reason="Contact <b>&</b> co", author="Race <Director>"
    )
    entry = feed(client).findall(f"{ATOM}entry")[0]
    assert entry.findtext(f"{ATOM}title") == "Penalty: Grand Prix of St. Petersburg · Race 2"
    summary = entry.findtext(f"{ATOM}summary") or ""
    assert "3-place penalty" in summary and "Contact <b>&</b> co" in summary  # as typed, once parsed
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Race <Director>"
    raw = client.get(f"/seasons/{REF}/feed.atom").text
    assert "<b>" not in raw and "&lt;b&gt;&amp;&lt;/b&gt;" in raw
    store.undo(change.id, reason="appeal upheld")
    undone = feed(client).findall(f"{ATOM}entry")[0]
    assert (undone.findtext(f"{ATOM}title") or "").endswith("(undone)")


def test_feeds_of_unknown_season_are_404(client: TestClient) -> None:
    assert client.get("/seasons/nope/calendar.ics").status_code == 404
    assert client.get("/seasons/nope/feed.atom").status_code == 404
