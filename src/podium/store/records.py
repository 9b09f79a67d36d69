"""What the store answers with: seasons as listed, and changes of the log as people read them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from pathlib import PurePath
from typing import Any

from podium.errors import Message


class ChangeKind(StrEnum):
    """Every kind of change the log records; the payload of each is documented in docs/store.md."""

    SERIES_CREATE = "series.create"
    """A series was created (the only kind without a season)."""
    SEASON_CREATE = "season.create"
    """A season was created with its ruleset and classifications."""
    SEASON_RULESET = "season.ruleset"
    """The season's ruleset was changed (a new version of the TOML, or another preset)."""
    ENTRIES_IMPORT = "entries.import"
    """Drivers, teams and entries were added or replaced (an entry list)."""
    EVENTS_ADD = "events.add"
    """Events with their sessions were added to the calendar (or replaced, round by round)."""
    RESULTS_IMPORT = "results.import"
    """The results of one session were entered (or replaced, superseding the previous import)."""
    PENALTY_ADD = "penalty.add"
    """A penalty: points, positions, seconds or disqualification on one result."""
    CORRECTION_ADD = "correction.add"
    """A correction of fields of one result (position, status, laps, fastest lap…)."""
    UNDO = "undo"
    """Another change was undone (its effect hidden from the states derived after it)."""


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """One entry of the log: who did what, when and why. ``str`` gives a one-line summary."""

    id: int
    season: str | None
    """Reference of the season ("gt3-usa-2020"), ``None`` for a series change."""
    kind: ChangeKind
    summary: str
    """What the change did, in words ("penalty on #7 in r08-race-1: 3-place penalty")."""
    author: str
    reason: str
    created_at: datetime
    """When it was recorded (aware, UTC)."""
    reverts: int | None = None
    """The change this one undoes, for an undo."""
    reverted_by: int | None = None
    """The undo that hides this change, if any (and is itself in force)."""
    payload: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __str__(self) -> str:
        undone = f" [undone by #{self.reverted_by}]" if self.reverted_by else ""
        why = f" — {self.reason}" if self.reason else ""
        return f"#{self.id} {self.created_at:%Y-%m-%d %H:%M} {self.author}: {self.summary}{why}{undone}"


@dataclass(frozen=True, slots=True)
class SeasonInfo:
    """A season as listed: enough to choose one and to know whether it changed."""

    ref: str
    """The season's reference: ``<series id>-<year>`` ("gt3-usa-2020")."""
    series: str
    series_name: str
    year: int
    name: str
    ruleset: str
    ruleset_version: int
    version: int
    """Increases on every write to the season (the cache key of derived data, and the API's ETag)."""
    changes: int
    """Changes in the season's log."""
    last_change_at: datetime | None
    rounds: int
    """Events in the calendar."""
    sessions_with_results: int

    def __str__(self) -> str:
        return f"{self.ref}: {self.name} ({self.ruleset} v{self.ruleset_version}, version {self.version})"


def record_data(record: ChangeRecord | SeasonInfo) -> dict[str, Any]:
    """A season as listed or a change of the log as plain JSON-ready data, every field by its name
    (times in ISO 8601, kinds by value): what ``--json`` prints and the API's models read."""
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, StrEnum):
            value = value.value
        elif isinstance(value, Mapping):
            value = dict(value)
        out[f.name] = value
    return out


def describe(kind: ChangeKind, payload: Mapping[str, Any], undone: str | None = None) -> str:
    """A one-line summary of a change, for ``podium log`` and the web's audit page (a
    :class:`~podium.errors.Message`, so a page can say it in its reader's language). An undo names
    what it undid: ``undone`` (the undone change described again, in any language) when the reader
    has it, else the summary the undo recorded."""
    match kind:
        case ChangeKind.SERIES_CREATE:
            s = payload.get("series", {})
            return Message("series {id!r} created: {name}", id=s.get("id"), name=str(s.get("name")))
        case ChangeKind.SEASON_CREATE:
            classes = ", ".join(c.get("name", c.get("id")) for c in payload.get("classifications", []))
            rules = payload.get("ruleset", {})
            return Message(
                "season {name} created (rules {rules} v{version}; {classes})",
                name=str(payload.get("name")),
                rules=str(rules.get("name")),
                version=str(rules.get("version")),
                classes=classes,
            )
        case ChangeKind.SEASON_RULESET:
            rules = payload.get("ruleset", {})
            return Message(
                "ruleset set to {rules} v{version}",
                rules=str(rules.get("name")),
                version=str(rules.get("version")),
            )
        case ChangeKind.ENTRIES_IMPORT:
            return Message(
                "{entries} entries, {drivers} drivers from {file}",
                entries=len(payload.get("entries", [])),
                drivers=len(payload.get("drivers", [])),
                file=_file(payload.get("source")),
            )
        case ChangeKind.EVENTS_ADD:
            events = payload.get("events", [])
            names = ", ".join(f"R{e.get('round')} {e.get('name')}" for e in events[:4])
            if len(events) > 4:
                return Message.plural(
                    "calendar: {names} and {count} more",
                    "calendar: {names} and {count} more",
                    count=len(events) - 4,
                    names=names,
                )
            return Message("calendar: {names}", names=names)
        case ChangeKind.RESULTS_IMPORT:
            values = {
                "session": str(payload.get("session")),
                "cars": len(payload.get("results", [])),
                "file": _file(payload.get("source")),
            }
            if payload.get("replace"):
                return Message(
                    "results of {session}: {cars} cars from {file} (replacing the previous results)", **values
                )
            return Message("results of {session}: {cars} cars from {file}", **values)
        case ChangeKind.PENALTY_ADD | ChangeKind.CORRECTION_ADD:
            a = payload.get("adjustment", {})
            values = {
                "car": str(payload.get("car") or a.get("entry")),
                "session": str(a.get("session")),
                "what": _adjustment_words(a),
            }
            if kind is ChangeKind.PENALTY_ADD:
                return Message("penalty on {car} in {session}: {what}", **values)
            return Message("correction on {car} in {session}: {what}", **values)
        case ChangeKind.UNDO:
            return Message(
                "undo #{change} ({summary})",
                change=str(payload.get("change")),
                summary=undone if undone is not None else payload.get("summary", payload.get("kind", "")),
            )
    return kind.value  # pragma: no cover - every kind is matched above


def _adjustment_words(a: Mapping[str, Any]) -> str:
    match a.get("kind"):
        case "points":
            points = str(a.get("points"))
            signed = points if points.startswith("-") else "+" + points
            if a.get("classification"):
                return Message(
                    "{points} points in {classification}", points=signed, classification=a["classification"]
                )
            return Message("{points} points", points=signed)
        case "positions":
            return Message.plural(
                "{count}-place penalty", "{count}-place penalty", count=int(a.get("positions", 0))
            )
        case "time":
            return Message("{n}-second penalty", n=str(a.get("seconds")))
        case "dsq":
            return Message("disqualified")
    return ", ".join(f"{name}={value}" for name, value in a.get("changes", []))


def _file(source: object) -> str:
    """A source as people read it in a log: the file's name, not its whole path."""
    if not source:
        return Message("input")
    text = str(source)
    return PurePath(text).name if "/" in text or "\\" in text else text
