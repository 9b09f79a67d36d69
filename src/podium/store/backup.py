"""A whole season as one JSON document: its log, with the ruleset texts it names (backup and restore).

The document is the season's change log, renumbered 1…n (``seq``), so that exporting a restored
season gives back the same document, byte for byte once serialised with sorted keys. Restoring
replays the log through the same projection as live writes, keeping every author, reason and time,
so ``--as-of`` answers the same after a restore. See docs/store.md for the format.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from podium.errors import InputError, PodiumError, Problem, ProblemLog
from podium.model.values import MAX_ID, MAX_YEAR, MIN_YEAR, first_bad_text, whole_number
from podium.store import codec
from podium.store import schema as t
from podium.store.records import ChangeKind
from podium.store.rulesets import digest, find_version, parse_stored, store_ruleset

FORMAT = "podium-season"
FORMAT_VERSION = 1


def dumps(document: Mapping[str, Any]) -> str:
    """The canonical text of a document: sorted keys, two-space indent, UTF-8 kept."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_document(conn: Connection, season_id: int) -> dict[str, Any]:
    row = conn.execute(
        select(t.season, t.series.c.name.label("series_name"))
        .join(t.series, t.series.c.id == t.season.c.series_id)
        .where(t.season.c.id == season_id)
    ).one()
    changes = conn.execute(
        select(t.change).where(t.change.c.season_id == season_id).order_by(t.change.c.id)
    ).all()
    seq = {c.id: i for i, c in enumerate(changes, start=1)}
    rulesets: dict[tuple[str, int], dict[str, Any]] = {}
    out_changes = []
    for c in changes:
        payload = dict(c.payload)
        if c.kind == ChangeKind.UNDO.value:
            payload["change"] = seq[payload["change"]]
        if c.kind in (ChangeKind.SEASON_CREATE.value, ChangeKind.SEASON_RULESET.value):
            ref = payload["ruleset"]
            key = (ref["name"], int(ref["version"]))
            if key not in rulesets:
                stored = conn.execute(
                    select(t.ruleset).where(t.ruleset.c.name == key[0], t.ruleset.c.version == key[1])
                ).one()
                rulesets[key] = {
                    "name": stored.name,
                    "version": stored.version,
                    "origin": stored.origin,
                    "sha256": stored.sha256,
                    "text": stored.text,
                }
        out_changes.append(
            {
                "seq": seq[c.id],
                "kind": c.kind,
                "author": c.author,
                "reason": c.reason,
                "created_at": c.created_at.isoformat(),
                "reverts": seq[c.reverts] if c.reverts is not None else None,
                "payload": payload,
            }
        )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "season": {
            "ref": row.ref,
            "series": {"id": row.series_id, "name": row.series_name},
            "year": row.year,
            "name": row.name,
        },
        "rulesets": [rulesets[k] for k in sorted(rulesets)],
        "changes": out_changes,
    }


def check_document(document: object, source: str) -> dict[str, Any]:
    """The document, if it is one; else one InputError listing every problem with its JSON path."""
    log = ProblemLog(source)
    if not isinstance(document, dict):
        raise InputError(
            Problem("expected a JSON object (a season exported by podium export)", source=source)
        )
    if document.get("format") != FORMAT:
        log.add(f"not a podium season document (format is {document.get('format')!r})", field="format")
    if document.get("format_version") != FORMAT_VERSION:
        log.add(
            f"format_version {document.get('format_version')!r}; this podium reads {FORMAT_VERSION}",
            field="format_version",
        )
    season = document.get("season")
    if not isinstance(season, dict) or not {"ref", "series", "year", "name"} <= set(season):
        log.add("expected season with ref, series, year and name", field="season")
    elif not isinstance(season.get("series"), dict) or not {"id", "name"} <= set(season["series"]):
        log.add("expected season.series with id and name", field="season.series")
    else:
        try:
            whole_number(season["year"], low=MIN_YEAR, high=MAX_YEAR)
        except ValueError as exc:
            log.add(f"year: {exc}", field="season.year", value=str(season["year"])[:80])
        for key, value in (("name", season["name"]), ("ref", season["ref"])):
            if not isinstance(value, str) or not value.strip():
                log.add(f"expected text, got {value!r:.80}", field=f"season.{key}")
    bad_text = first_bad_text(document)
    if bad_text is not None:
        log.add(bad_text[1], field=bad_text[0])
    rulesets = document.get("rulesets")
    known: set[tuple[str, int]] = set()
    if not isinstance(rulesets, list):
        log.add("expected a list of rulesets", field="rulesets")
        rulesets = []
    for i, r in enumerate(rulesets):
        where = f"rulesets[{i}]"
        if not isinstance(r, dict) or not {"name", "version", "text"} <= set(r):
            log.add("expected name, version and text", field=where)
            continue
        try:
            whole_number(r["version"], low=1, high=MAX_ID)
        except ValueError as exc:
            log.add(f"version: {exc}", field=f"{where}.version")
            continue
        if not isinstance(r["name"], str) or not isinstance(r["text"], str):
            log.add("expected the name and the text as text", field=where)
            continue
        if "sha256" in r and r["sha256"] != digest(str(r["text"])):
            log.add("the ruleset text does not match its sha256 (edited by hand?)", field=f"{where}.text")
        try:
            parse_stored(str(r["name"]), int(r["version"]), str(r["text"]))
        except PodiumError as exc:
            log.add(f"invalid ruleset: {exc}", field=f"{where}.text")
        known.add((str(r["name"]), int(r["version"])))
    changes = document.get("changes")
    if not isinstance(changes, list) or not changes:
        log.add("expected a non-empty list of changes", field="changes")
        changes = []
    previous: datetime | None = None
    for i, c in enumerate(changes):
        where = f"changes[{i}]"
        if not isinstance(c, dict):
            log.add("expected an object", field=where)
            continue
        if c.get("seq") != i + 1:
            log.add(f"expected seq {i + 1}, got {c.get('seq')!r}", field=f"{where}.seq", value=c.get("seq"))
        try:
            kind = ChangeKind(str(c.get("kind")))
        except ValueError:
            log.add(f"unknown kind {c.get('kind')!r}", field=f"{where}.kind", value=c.get("kind"))
            continue
        if (i == 0) != (kind is ChangeKind.SEASON_CREATE):
            log.add(
                "the first change, and only it, creates the season", field=f"{where}.kind", value=kind.value
            )
        at: datetime | None
        try:
            at = datetime.fromisoformat(str(c.get("created_at")))
            if at.tzinfo is None:
                raise ValueError
        except ValueError:
            log.add(
                f"expected an ISO time with offset, got {c.get('created_at')!r}", field=f"{where}.created_at"
            )
            at = previous
        if at is not None and previous is not None and at < previous:
            log.add("changes must be in time order", field=f"{where}.created_at", value=c.get("created_at"))
        previous = at or previous
        for key in ("author", "reason"):
            if not isinstance(c.get(key), str):
                log.add(f"expected text, got {c.get(key)!r}", field=f"{where}.{key}")
        reverts = c.get("reverts")
        if kind is ChangeKind.UNDO:
            if not isinstance(reverts, int) or not 1 <= reverts <= i:
                log.add(f"an undo must revert an earlier change, got {reverts!r}", field=f"{where}.reverts")
        elif reverts is not None:
            log.add("only an undo reverts a change", field=f"{where}.reverts", value=reverts)
        payload = c.get("payload")
        if not isinstance(payload, dict):
            log.add("expected an object", field=f"{where}.payload")
            continue
        problem = _payload_problem(kind, payload, known)
        if problem:
            log.add(problem, field=f"{where}.payload")
    log.raise_if_any()
    return document


def _payload_problem(
    kind: ChangeKind, payload: Mapping[str, Any], rulesets: set[tuple[str, int]]
) -> str | None:
    """Decode a payload with the same codec the store uses; say what is wrong if it does not decode."""
    try:
        match kind:
            case ChangeKind.SEASON_CREATE | ChangeKind.SEASON_RULESET:
                ref = payload["ruleset"]
                if (str(ref["name"]), int(ref["version"])) not in rulesets:
                    return f"ruleset {ref['name']} v{ref['version']} is not in the document's rulesets"
                for c in payload.get("classifications", []):
                    codec.decode_classification(c)
            case ChangeKind.ENTRIES_IMPORT:
                for d in payload.get("drivers", []):
                    codec.decode_driver(d)
                for x in payload.get("teams", []):
                    codec.decode_team(x)
                for e in payload.get("entries", []):
                    codec.decode_entry(e)
            case ChangeKind.EVENTS_ADD:
                for e in payload["events"]:
                    codec.decode_event(e)
            case ChangeKind.RESULTS_IMPORT:
                for r in payload["results"]:
                    codec.decode_result(str(payload["session"]), r)
            case ChangeKind.PENALTY_ADD | ChangeKind.CORRECTION_ADD:
                codec.decode_adjustment(payload["adjustment"], adjustment_id="check")
            case ChangeKind.UNDO:
                int(payload["change"])
            case ChangeKind.SERIES_CREATE:
                return "series changes are not part of a season document"
    except (KeyError, TypeError, ValueError, PodiumError) as exc:
        return f"cannot read this {kind.value} change: {type(exc).__name__}: {exc}"
    return None


def restore_rulesets(
    conn: Connection, document: Mapping[str, Any], now: datetime
) -> dict[tuple[str, int], tuple[int, int]]:
    """Document (name, version) → local (row id, version): the same version when it holds the same
    text, else the version this database gives that text."""
    out = {}
    for r in document["rulesets"]:
        name, version, text = str(r["name"]), int(r["version"]), str(r["text"])
        existing = find_version(conn, name, version)
        if existing is not None and existing[1] == digest(text):
            out[(name, version)] = (existing[0], version)
            continue
        if existing is None:
            taken = conn.execute(
                select(t.ruleset.c.id).where(t.ruleset.c.name == name, t.ruleset.c.sha256 == digest(text))
            ).first()
            if taken is None:
                new_id = conn.execute(
                    t.ruleset.insert()
                    .values(
                        name=name,
                        version=version,
                        text=text,
                        sha256=digest(text),
                        origin=str(r.get("origin", "")),
                        created_at=now,
                    )
                    .returning(t.ruleset.c.id)
                ).scalar_one()
                out[(name, version)] = (int(new_id), version)
                continue
        out[(name, version)] = store_ruleset(conn, name, text, str(r.get("origin", "")), now)
    return out
