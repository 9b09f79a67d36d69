"""Writing seasons: series, seasons and rulesets, entry lists, calendars, results."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from podium.errors import ConsistencyError, InputError, Message, NotFoundError, Problem, message_of
from podium.importers.resolve import (
    resolve_entries,
    resolve_events,
    resolve_results,
)
from podium.importers.sheets import Calendar, EntryList, ResultSheet
from podium.model import (
    Classification,
    Event,
    Result,
    Series,
)
from podium.model.values import MAX_YEAR, MIN_YEAR, first_bad_text
from podium.store import codec
from podium.store import schema as t
from podium.store.base import SeasonRow, StoreBase, check_slug, season_ref
from podium.store.projection import Derived
from podium.store.records import ChangeKind, ChangeRecord, describe
from podium.store.rulesets import ruleset_source, store_ruleset


class Writes(StoreBase):
    # -- series and seasons --------------------------------------------------------------------------
    def create_series(
        self,
        series_id: str,
        name: str,
        *,
        author: str | None = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> ChangeRecord:
        """Create a series (``gt3-usa``, "Porsche GT3 Cup Challenge USA by Yokohama")."""
        problems = check_slug(series_id, "series id")
        if not name.strip():
            problems.append(Problem(Message("a series needs a name"), field="name"))
        if (bad := first_bad_text(name, "name")) is not None:
            problems.append(Problem(bad[1], field=bad[0]))
        if problems:
            raise InputError(problems)
        with self._writing() as conn:
            existing = conn.execute(select(t.series.c.name).where(t.series.c.id == series_id)).scalar()
            if existing is not None:
                raise ConsistencyError(
                    Message("series {id!r} already exists ({name})", id=series_id, name=str(existing))
                )
            when = self._now(conn, None, at)
            conn.execute(t.series.insert().values(id=series_id, name=name.strip(), created_at=when))
            payload = {"series": {"id": series_id, "name": name.strip()}}
            who = self._author(author)
            change_id = self._append(
                conn,
                season_id=None,
                kind=ChangeKind.SERIES_CREATE,
                payload=payload,
                author=who,
                reason=reason,
                at=when,
            )
        return ChangeRecord(
            change_id,
            None,
            ChangeKind.SERIES_CREATE,
            describe(ChangeKind.SERIES_CREATE, payload),
            who,
            reason,
            when,
        )

    def create_season(
        self,
        series_id: str,
        year: int,
        *,
        ruleset: str,
        classifications: Sequence[Classification] = (),
        name: str | None = None,
        ref: str | None = None,
        author: str | None = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> ChangeRecord:
        """Create a season scored by ``ruleset`` (a preset name or a TOML file, stored as text).

        Without classifications the season has one open drivers' classification. Its reference is
        ``<series>-<year>`` unless ``ref`` is given.
        """
        parsed, text = ruleset_source(ruleset)
        classes = tuple(classifications) or (Classification("drivers", "Drivers"),)
        problems: list[Problem] = []
        ids = [c.id for c in classes]
        for c in classes:
            problems.extend(check_slug(c.id, "classification id"))
            if c.scoring and c.scoring not in parsed.variants:
                problems.append(
                    Problem(
                        Message(
                            "classification {id!r} names scoring {scoring!r}, which ruleset {rules!r} does "
                            "not have (it has: {known})",
                            id=c.id,
                            scoring=c.scoring,
                            rules=parsed.id,
                            known=", ".join(parsed.variants) or Message("only the default"),
                        ),
                        field="scoring",
                        value=c.scoring,
                    )
                )
        if len(set(ids)) != len(ids):
            said = Message("classification ids must be unique, got {ids}", ids=str(ids))
            problems.append(Problem(said, field="classifications"))
        ref = ref or season_ref(series_id, year)
        problems.extend(check_slug(ref, "season reference"))
        if not MIN_YEAR <= year <= MAX_YEAR:
            problems.append(
                Problem(Message("impossible season year {year:d}", year=year), field="year", value=year)
            )
        if (bad := first_bad_text(name or "", "name")) is not None:
            problems.append(Problem(bad[1], field=bad[0]))
        if problems:
            raise InputError(problems)
        with self._writing() as conn:
            series_name = conn.execute(select(t.series.c.name).where(t.series.c.id == series_id)).scalar()
            if series_name is None:
                known = conn.execute(select(t.series.c.id)).scalars().all()
                raise NotFoundError("series", series_id, choices=known)
            if conn.execute(select(t.season.c.id).where(t.season.c.ref == ref)).scalar() is not None:
                raise ConsistencyError(Message("season {ref!r} already exists", ref=ref))
            when = self._now(conn, None, at)
            ruleset_id, version = store_ruleset(conn, parsed.id, text, parsed.origin, when)
            title = (name or f"{series_name} {year}").strip()
            season_id = conn.execute(
                t.season.insert()
                .values(ref=ref, series_id=series_id, year=year, name=title, version=0, created_at=when)
                .returning(t.season.c.id)
            ).scalar_one()
            season = SeasonRow(int(season_id), ref, Series(series_id, series_name), year, title, 0)
            payload = {
                "series": series_id,
                "year": year,
                "name": title,
                "ruleset": {"name": parsed.id, "version": version},
                "classifications": [codec.encode_classification(c) for c in classes],
            }
            return self._commit_change(
                conn,
                season,
                ChangeKind.SEASON_CREATE,
                payload,
                author=author,
                reason=reason,
                at=when,
                what=Message("creating the season"),
                ruleset_id=ruleset_id,
            )

    def set_ruleset(
        self,
        ref: str,
        ruleset: str,
        *,
        author: str | None = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> ChangeRecord:
        """Score the season with another ruleset (or a new version of its own); past states keep theirs."""
        parsed, text = ruleset_source(ruleset)

        def build(conn: Connection, season: SeasonRow, current: Derived) -> Mapping[str, Any]:
            for c in current.season.classifications:
                if c.scoring and c.scoring not in parsed.variants:
                    raise ConsistencyError(
                        Message(
                            "classification {id!r} needs scoring {scoring!r}, which {rules!r} does not have",
                            id=c.id,
                            scoring=c.scoring,
                            rules=parsed.id,
                        )
                    )
            ruleset_id, version = store_ruleset(conn, parsed.id, text, parsed.origin, datetime.now(UTC))
            return {"ruleset": {"name": parsed.id, "version": version}, "_ruleset_id": ruleset_id}

        return self._season_write(
            ref,
            ChangeKind.SEASON_RULESET,
            build,
            author=author,
            reason=reason,
            at=at,
            what=Message("changing the ruleset"),
        )

    # -- entries, calendar, results ------------------------------------------------------------------
    def import_entries(
        self,
        ref: str,
        entry_list: EntryList,
        *,
        author: str | None = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> ChangeRecord:
        """Add (or replace, by id) drivers, teams and entries; eligibility is checked on every event date."""

        def build(conn: Connection, season: SeasonRow, current: Derived) -> Mapping[str, Any]:
            resolved, _ = resolve_entries(entry_list, current.season)
            return {
                "source": entry_list.source,
                "drivers": [codec.encode_driver(d) for d in resolved.drivers],
                "teams": [codec.encode_team(x) for x in resolved.teams],
                "entries": [codec.encode_entry(e) for e in resolved.entries],
            }

        return self._season_write(
            ref,
            ChangeKind.ENTRIES_IMPORT,
            build,
            author=author,
            reason=reason,
            at=at,
            what=f"importing {entry_list.source}",
        )

    def add_events(
        self,
        ref: str,
        events: Sequence[Event] | Calendar,
        *,
        replace: bool = False,
        source: str | None = None,
        author: str | None = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> ChangeRecord:
        """Add events (with their sessions) to the calendar; ``replace`` supersedes rounds already there."""
        calendar = events if isinstance(events, Calendar) else None
        values: tuple[Event, ...] = events.events if isinstance(events, Calendar) else tuple(events)
        shown = source or (calendar.source if calendar is not None else Message("command line"))
        if not values:
            raise InputError(Problem(Message("no events to add"), source=shown))

        def build(conn: Connection, season: SeasonRow, current: Derived) -> Mapping[str, Any]:
            resolve_events(values, current.season, source=shown, lines=calendar, replace=replace)
            return {
                "source": shown,
                "replace": replace,
                "events": [codec.encode_event(e) for e in values],
            }

        return self._season_write(
            ref,
            ChangeKind.EVENTS_ADD,
            build,
            author=author,
            reason=reason,
            at=at,
            what=f"adding events from {shown}",
        )

    def import_results(
        self,
        ref: str,
        session_id: str,
        results: ResultSheet | Sequence[Result],
        *,
        replace: bool = False,
        source: str | None = None,
        author: str | None = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> ChangeRecord:
        """Enter the results of one session (from a sheet, matched to entries, or as model values).

        A session that already has results is refused unless ``replace``: the new import then
        supersedes the old one, which stays in the log (undo the new one to bring it back).
        """
        sheet = results if isinstance(results, ResultSheet) else None
        shown = source or (sheet.source if sheet is not None else "input")

        def build(conn: Connection, season: SeasonRow, current: Derived) -> Mapping[str, Any]:
            state = current.season
            state.session(session_id)
            if session_id in current.result_change and not replace:
                raise ConsistencyError(
                    Message(
                        "session {session!r} already has results (change #{id}); to fix one car use podium "
                        "correction or podium penalty, to supersede them all use --replace",
                        session=session_id,
                        id=current.result_change[session_id],
                    )
                )
            values = resolve_results(sheet, state, session_id) if sheet is not None else tuple(results)  # type: ignore[arg-type]
            if not values:
                raise InputError(Problem(Message("no results to enter"), source=shown))
            for r in values:
                if r.session != session_id:
                    raise ConsistencyError(
                        Message(
                            "a result for session {given!r} given for {session!r}",
                            given=r.session,
                            session=session_id,
                        )
                    )
            try:
                others = tuple(r for r in state.results if r.session != session_id)
                dataclasses.replace(state, results=others + tuple(values))
            except ConsistencyError as exc:
                raise InputError(Problem(message_of(exc), source=shown)) from None
            return {
                "source": shown,
                "session": session_id,
                "replace": session_id in current.result_change,
                "results": [codec.encode_result(r) for r in values],
            }

        return self._season_write(
            ref,
            ChangeKind.RESULTS_IMPORT,
            build,
            author=author,
            reason=reason,
            at=at,
            what=Message("entering the results of {session}", session=session_id),
        )
