"""The plumbing every part of the store shares: connections, the season lock, appending a change.

See :mod:`podium.store.store` for how a write goes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, Self

from sqlalchemy import Connection, Engine, Row, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from podium.errors import (
    ConsistencyError,
    InputError,
    Message,
    NotFoundError,
    PodiumError,
    Problem,
    StoreError,
    message_of,
)
from podium.model import (
    Season,
    Series,
)
from podium.model.values import first_bad_text
from podium.rules import Ruleset
from podium.settings import Settings
from podium.standings import compute_standings
from podium.store import schema as t
from podium.store.engine import read_connection, safe_url, write_connection
from podium.store.projection import Derived, derive, insert_rows, project, read_log
from podium.store.records import ChangeKind, ChangeRecord, describe
from podium.store.rulesets import parse_stored, stored_ruleset

FUTURE_SLACK = timedelta(minutes=5)


def season_ref(series_id: str, year: int) -> str:
    """The reference of a season: its series id and year, ``gt3-usa-2020``."""
    return f"{series_id}-{year}"


@dataclasses.dataclass(frozen=True, slots=True)
class SeasonRow:
    id: int
    ref: str
    series: Series
    year: int
    name: str
    version: int


class StoreBase:
    """Connections, the season lock, and appending one change with its projection rows."""

    def __init__(self, engine: Engine, *, settings: Settings | None = None) -> None:
        self.engine = engine
        self.settings = settings or Settings()

    def __repr__(self) -> str:
        return f"<Store {safe_url(self.engine)}>"

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return safe_url(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ------------------------------------------------------------------------------------
    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with read_connection(self.engine) as conn:
                yield conn
        except DBAPIError as exc:
            raise StoreError(f"the database {self.url} failed: {exc.orig}") from None

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with write_connection(self.engine) as conn:
                yield conn
        except IntegrityError as exc:
            raise StoreError(f"the database refused the change (nothing was written): {exc.orig}") from None
        except DBAPIError as exc:
            raise StoreError(f"the database {self.url} failed (nothing was written): {exc.orig}") from None

    def _author(self, author: str | None) -> str:
        return (author or "").strip() or self.settings.author_name

    def _season_row(self, conn: Connection, ref: str, *, lock: bool = False) -> SeasonRow:
        if first_bad_text(ref) is not None:
            raise NotFoundError("season", ref)  # no database is asked about text it cannot store
        query = (
            select(t.season, t.series.c.name.label("series_name"))
            .join(t.series, t.series.c.id == t.season.c.series_id)
            .where(t.season.c.ref == ref)
        )
        if lock:
            query = query.with_for_update(of=t.season)
        row = conn.execute(query).first()
        if row is None:
            refs = conn.execute(select(t.season.c.ref)).scalars().all()
            raise NotFoundError("season", ref, choices=refs)
        return SeasonRow(
            row.id, row.ref, Series(row.series_id, row.series_name), row.year, row.name, row.version
        )

    def _derive(self, conn: Connection, season: SeasonRow, as_of: datetime | None) -> Derived | None:
        return derive(
            conn,
            season_id=season.id,
            series=season.series,
            year=season.year,
            name=season.name,
            log=read_log(conn, season.id),
            as_of=as_of,
        )

    def _ruleset(self, conn: Connection, ruleset_id: int) -> Ruleset:
        name, version, text, _ = stored_ruleset(conn, ruleset_id)
        return parse_stored(name, version, text)

    def _now(self, conn: Connection, season_id: int | None, at: datetime | None) -> datetime:
        """The time to record: now (or ``at``), never before the season's last change."""
        now = datetime.now(UTC)
        last = None
        if season_id is not None:
            last = conn.execute(
                select(func.max(t.change.c.created_at)).where(t.change.c.season_id == season_id)
            ).scalar()
            if last is not None and last.tzinfo is None:
                last = last.replace(tzinfo=UTC)
        if at is not None:
            if at.tzinfo is None:
                raise ConsistencyError(f"the time {at.isoformat()} has no time zone")
            if at > now + FUTURE_SLACK:
                raise ConsistencyError(f"cannot record a change in the future ({at.isoformat()})")
            if last is not None and at < last:
                raise ConsistencyError(
                    f"cannot record a change at {at.isoformat()}: the season's log already has one at "
                    f"{last.isoformat()} (the log's times never go back)"
                )
            return at.astimezone(UTC)
        return max(now, last) if last is not None else now

    def _append(
        self,
        conn: Connection,
        *,
        season_id: int | None,
        kind: ChangeKind,
        payload: Mapping[str, Any],
        author: str,
        reason: str,
        at: datetime,
        reverts: int | None = None,
    ) -> int:
        for name, value in (("author", author), ("reason", reason), ("payload", dict(payload))):
            bad = first_bad_text(value, name)
            if bad is not None:
                raise InputError(Problem(bad[1], field=bad[0]))
        change_id = conn.execute(
            t.change.insert()
            .values(
                season_id=season_id,
                kind=kind.value,
                payload=dict(payload),
                author=author,
                reason=reason,
                created_at=at,
                reverts=reverts,
            )
            .returning(t.change.c.id)
        ).scalar_one()
        if season_id is not None:
            conn.execute(
                t.season.update().where(t.season.c.id == season_id).values(version=t.season.c.version + 1)
            )
        return int(change_id)

    def _check(self, conn: Connection, season: SeasonRow, what: str) -> Derived:
        """The season after a write; refuses (rolls back) a write that breaks it."""
        try:
            derived = self._derive(conn, season, None)
            assert derived is not None
            validate(derived.season, self._ruleset(conn, derived.ruleset_id))
        except InputError:
            raise
        except PodiumError as exc:
            said = Message(
                "{what} would leave season {season} inconsistent: {reason}",
                what=what,
                season=season.ref,
                reason=message_of(exc),
            )
            raise ConsistencyError(said) from None
        return derived

    def _season_write(
        self,
        ref: str,
        kind: ChangeKind,
        build: Callable[[Connection, SeasonRow, Derived], Mapping[str, Any]],
        *,
        author: str | None,
        reason: str,
        at: datetime | None,
        what: str,
        reverts: int | None = None,
        ruleset_id: int | None = None,
    ) -> ChangeRecord:
        with self._writing() as conn:
            season = self._season_row(conn, ref, lock=True)
            current = self._derive(conn, season, None)
            if current is None:
                raise ConsistencyError(f"season {ref} has no state to change")
            payload = build(conn, season, current)
            return self._commit_change(
                conn,
                season,
                kind,
                payload,
                author=author,
                reason=reason,
                at=at,
                what=what,
                reverts=reverts,
                ruleset_id=ruleset_id if ruleset_id is not None else payload.get("_ruleset_id"),
            )

    def _commit_change(
        self,
        conn: Connection,
        season: SeasonRow,
        kind: ChangeKind,
        payload: Mapping[str, Any],
        *,
        author: str | None,
        reason: str,
        at: datetime | None,
        what: str,
        reverts: int | None = None,
        ruleset_id: int | None = None,
        check: bool = True,
    ) -> ChangeRecord:
        clean = {k: v for k, v in payload.items() if not k.startswith("_")}
        when = self._now(conn, season.id, at)
        who = self._author(author)
        change_id = self._append(
            conn,
            season_id=season.id,
            kind=kind,
            payload=clean,
            author=who,
            reason=reason,
            at=when,
            reverts=reverts,
        )
        insert_rows(
            conn, project(kind, clean, season_id=season.id, change_id=change_id, ruleset_id=ruleset_id)
        )
        if check:
            self._check(conn, season, what)
        return ChangeRecord(
            change_id, season.ref, kind, describe(kind, clean), who, reason, when, reverts, None, clean
        )


def validate(season: Season, ruleset: Ruleset) -> None:
    """Everything a read will do, done once: adjustments apply, and every classification scores.

    :raises PodiumError: (a :class:`ConsistencyError` mostly) naming what does not hold.
    """
    for event, session in season.sessions():
        if season.adjustments_for(session.id):
            taken: dict[int, str] = {}
            for r in season.results_for(session.id):
                if r.position is None:
                    continue
                if r.position in taken:
                    raise ConsistencyError(
                        f"position {r.position} of {session.id} would be held by {taken[r.position]!r} and "
                        f"{r.entry!r}; to re-order cars, import the corrected classification with "
                        f"podium results import FILE --session {session.id} --replace",
                        where=f"round {event.round}",
                    )
                taken[r.position] = r.entry
    for c in season.classifications:
        compute_standings(season, ruleset, c)


def change_record(
    row: Row[Any], ref: str | None, reverted_by: int | None, undone: Row[Any] | None = None
) -> ChangeRecord:
    """A row of the log as a record; ``undone``: the row an undo undid, when the reader has it."""
    kind = ChangeKind(row.kind)
    again = describe(ChangeKind(undone.kind), undone.payload) if undone is not None else None
    return ChangeRecord(
        id=row.id,
        season=ref,
        kind=kind,
        summary=describe(kind, row.payload, again),
        author=row.author,
        reason=row.reason,
        created_at=row.created_at,
        reverts=row.reverts,
        reverted_by=reverted_by,
        payload=row.payload,
    )


SLUG_WORDS = {
    "series id": Message("a series id"),
    "classification id": Message("a classification id"),
    "season reference": Message("a season reference"),
}
"""What :func:`check_slug` checks, in words (the name stays the problem's field)."""


def check_slug(value: str, what: str) -> list[Problem]:
    if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", value or ""):
        return []
    return [
        Problem(
            Message(
                "{what} is lower-case letters, digits and hyphens (like gt3-usa), got {value!r}",
                what=SLUG_WORDS[what],
                value=value,
            ),
            field=what,
            value=value,
        )
    ]
