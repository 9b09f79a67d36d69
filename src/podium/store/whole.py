"""Whole seasons at once: stored from f1db or Ergast, exported and restored, purged."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from podium.errors import ConsistencyError, InputError, PodiumError, Problem
from podium.model import AdjustmentKind, Season, Series
from podium.store import codec
from podium.store import schema as t
from podium.store.backup import check_document, export_document, restore_rulesets
from podium.store.base import SeasonRow, StoreBase, check_slug, season_ref
from podium.store.records import ChangeKind
from podium.store.rulesets import ruleset_source, store_ruleset


class WholeSeasons(StoreBase):
    def import_season_values(
        self,
        season: Season,
        *,
        ruleset: str | None = None,
        ref: str | None = None,
        source: str = "",
        author: str | None = None,
        reason: str = "",
    ) -> str:
        """Store a whole season read from elsewhere (f1db, Ergast) in one transaction.

        It is recorded as the changes a person would have made: the season, its entry list, its
        calendar, then the results of each session; the series is created when missing.
        """
        rules = ruleset or season.ruleset
        parsed, text = ruleset_source(rules)
        ref = ref or season_ref(season.series.id, season.year)
        with self._writing() as conn:
            if conn.execute(select(t.season.c.id).where(t.season.c.ref == ref)).scalar() is not None:
                raise ConsistencyError(f"season {ref!r} already exists")
            when = self._now(conn, None, None)
            who = self._author(author)
            if conn.execute(select(t.series.c.id).where(t.series.c.id == season.series.id)).scalar() is None:
                conn.execute(
                    t.series.insert().values(id=season.series.id, name=season.series.name, created_at=when)
                )
                self._append(
                    conn,
                    season_id=None,
                    kind=ChangeKind.SERIES_CREATE,
                    payload={"series": {"id": season.series.id, "name": season.series.name}},
                    author=who,
                    reason=reason,
                    at=when,
                )
            ruleset_id, version = store_ruleset(conn, parsed.id, text, parsed.origin, when)
            title = season.name or f"{season.series.name} {season.year}"
            season_id = conn.execute(
                t.season.insert()
                .values(
                    ref=ref,
                    series_id=season.series.id,
                    year=season.year,
                    name=title,
                    version=0,
                    created_at=when,
                )
                .returning(t.season.c.id)
            ).scalar_one()
            row = SeasonRow(int(season_id), ref, season.series, season.year, title, 0)

            def add(kind: ChangeKind, payload: Mapping[str, Any], ruleset_id: int | None = None) -> None:
                self._commit_change(
                    conn,
                    row,
                    kind,
                    payload,
                    author=who,
                    reason=reason,
                    at=when,
                    what=f"importing {source}",
                    ruleset_id=ruleset_id,
                    check=False,
                )

            add(
                ChangeKind.SEASON_CREATE,
                {
                    "series": season.series.id,
                    "year": season.year,
                    "name": title,
                    "ruleset": {"name": parsed.id, "version": version},
                    "classifications": [codec.encode_classification(c) for c in season.classifications],
                },
                ruleset_id,
            )
            add(
                ChangeKind.ENTRIES_IMPORT,
                {
                    "source": source,
                    "drivers": [codec.encode_driver(d) for d in season.drivers],
                    "teams": [codec.encode_team(x) for x in season.teams],
                    "entries": [codec.encode_entry(e) for e in season.entries],
                },
            )
            if season.events:
                add(
                    ChangeKind.EVENTS_ADD,
                    {
                        "source": source,
                        "replace": False,
                        "events": [codec.encode_event(e) for e in season.events],
                    },
                )
            for _, session in season.sessions():
                results = season.original_results(session.id)
                if results:
                    add(
                        ChangeKind.RESULTS_IMPORT,
                        {
                            "source": source,
                            "session": session.id,
                            "replace": False,
                            "results": [codec.encode_result(r) for r in results],
                        },
                    )
            for adjustment in season.adjustments:
                correction = adjustment.kind is AdjustmentKind.CORRECTION
                add(
                    ChangeKind.CORRECTION_ADD if correction else ChangeKind.PENALTY_ADD,
                    {"car": adjustment.entry, "adjustment": codec.encode_adjustment(adjustment)},
                )
            self._check(conn, row, f"importing {source}")
        return ref

    def delete_season(self, ref: str) -> int:
        """Remove a season and its whole log (an administrative purge, not a change; export it first).

        Returns how many changes were removed.
        """
        with self._writing() as conn:
            season = self._season_row(conn, ref, lock=True)
            return _purge(conn, season.id)

    def export_season(self, ref: str) -> dict[str, Any]:
        """The season as one JSON-ready document: its whole log and the ruleset texts it names."""
        with self._reading() as conn:
            return export_document(conn, self._season_row(conn, ref).id)

    def import_season(
        self,
        document: object,
        *,
        source: str = "document",
        ref: str | None = None,
        replace: bool = False,
        author: str | None = None,
    ) -> str:
        """Restore a season exported by :meth:`export_season`, keeping every author, reason and time.

        ``ref`` restores it under another reference; ``replace`` purges a season with that reference
        first (in the same transaction). Returns the reference.

        :raises InputError: for a document that is not a valid season, every problem listed.
        """
        doc = check_document(document, source)
        header = doc["season"]
        ref = ref or str(header["ref"])
        problems = check_slug(ref, "season reference")
        if problems:
            raise InputError(problems)
        series_id, series_name = str(header["series"]["id"]), str(header["series"]["name"])
        with self._writing() as conn:
            existing = conn.execute(select(t.season.c.id).where(t.season.c.ref == ref)).scalar()
            if existing is not None:
                if not replace:
                    raise ConsistencyError(f"season {ref!r} already exists; use --replace to overwrite it")
                _purge(conn, int(existing))
            now = self._now(conn, None, None)
            known = conn.execute(select(t.series.c.name).where(t.series.c.id == series_id)).scalar()
            if known is None:
                conn.execute(t.series.insert().values(id=series_id, name=series_name, created_at=now))
                self._append(
                    conn,
                    season_id=None,
                    kind=ChangeKind.SERIES_CREATE,
                    payload={"series": {"id": series_id, "name": series_name}},
                    author=self._author(author),
                    reason=f"restored with season {ref} from {source}",
                    at=now,
                )
            rulesets = restore_rulesets(conn, doc, now)
            first = datetime.fromisoformat(doc["changes"][0]["created_at"])
            season_id = conn.execute(
                t.season.insert()
                .values(
                    ref=ref,
                    series_id=series_id,
                    year=int(header["year"]),
                    name=str(header["name"]),
                    version=0,
                    created_at=first,
                )
                .returning(t.season.c.id)
            ).scalar_one()
            row = SeasonRow(
                int(season_id),
                ref,
                Series(series_id, known or series_name),
                int(header["year"]),
                str(header["name"]),
                0,
            )
            ids: dict[int, int] = {}
            for c in doc["changes"]:
                kind = ChangeKind(c["kind"])
                payload = dict(c["payload"])
                ruleset_id = None
                if "ruleset" in payload and kind in (ChangeKind.SEASON_CREATE, ChangeKind.SEASON_RULESET):
                    local_id, local_version = rulesets[
                        (str(payload["ruleset"]["name"]), int(payload["ruleset"]["version"]))
                    ]
                    payload["ruleset"] = {**payload["ruleset"], "version": local_version}
                    ruleset_id = local_id
                reverts = None
                if kind is ChangeKind.UNDO:
                    reverts = ids[int(c["reverts"])]
                    payload["change"] = reverts
                record = self._commit_change(
                    conn,
                    row,
                    kind,
                    payload,
                    author=str(c["author"]),
                    reason=str(c["reason"]),
                    at=datetime.fromisoformat(c["created_at"]),
                    what=f"restoring {source}",
                    reverts=reverts,
                    ruleset_id=ruleset_id,
                    check=False,
                )
                ids[int(c["seq"])] = record.id
            try:
                self._check(conn, row, f"restoring {source}")
            except PodiumError as exc:
                raise InputError(Problem(str(exc), source=source, field="changes")) from None
        return ref


def _purge(conn: Connection, season_id: int) -> int:
    for table in reversed(t.PROJECTIONS):
        conn.execute(table.delete().where(table.c.season_id == season_id))
    ids = conn.execute(select(t.change.c.id).where(t.change.c.season_id == season_id)).scalars().all()
    # An undo points at the change it reverts: delete the newest first.
    for change_id in sorted(ids, reverse=True):
        conn.execute(t.change.delete().where(t.change.c.id == change_id))
    conn.execute(t.season.delete().where(t.season.c.id == season_id))
    return len(ids)
