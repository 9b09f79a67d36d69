"""Reading the store: seasons now or at any past moment, the log, versions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, select

from podium.errors import ConsistencyError, NotFoundError, PodiumError
from podium.model import (
    Season,
    Series,
)
from podium.rules import Ruleset
from podium.store import schema as t
from podium.store.base import SeasonRow, StoreBase, change_record
from podium.store.projection import counting_changes, read_log
from podium.store.records import ChangeKind, ChangeRecord, SeasonInfo
from podium.store.rulesets import stored_ruleset


class Reads(StoreBase):
    # -- reads ---------------------------------------------------------------------------------------
    def season(self, ref: str, *, as_of: datetime | None = None) -> tuple[Season, Ruleset]:
        """The season ``ref`` and the ruleset that scores it, as they stood at ``as_of`` (default: now).

        ``as_of`` must be aware. Changes recorded after it, and changes undone by then, do not count.

        :raises NotFoundError: for an unknown season, or one that did not exist yet at ``as_of``.
        """
        if as_of is not None and as_of.tzinfo is None:
            raise ConsistencyError(f"as_of {as_of.isoformat()} has no time zone")
        with self._reading() as conn:
            row = self._season_row(conn, ref)
            derived = self._derive(conn, row, as_of)
            if derived is None:
                raise SeasonNotYet(ref, as_of, read_log(conn, row.id)[0].created_at)
            return derived.season, self._ruleset(conn, derived.ruleset_id)

    def version(self, ref: str) -> int:
        """A number that increases on every write to the season (for caches of derived data)."""
        with self._reading() as conn:
            return self._season_row(conn, ref).version

    def seasons(self) -> list[SeasonInfo]:
        """Every season, by series and year."""
        out = []
        with self._reading() as conn:
            rows = conn.execute(
                select(t.season, t.series.c.name.label("series_name"))
                .join(t.series, t.series.c.id == t.season.c.series_id)
                .order_by(t.season.c.series_id, t.season.c.year, t.season.c.ref)
            ).all()
            for row in rows:
                season = SeasonRow(
                    row.id, row.ref, Series(row.series_id, row.series_name), row.year, row.name, row.version
                )
                log = read_log(conn, row.id)
                derived = self._derive(conn, season, None)
                ruleset_name, ruleset_version = "", 0
                rounds = sessions = 0
                if derived is not None:
                    ruleset_name, ruleset_version, _, _ = stored_ruleset(conn, derived.ruleset_id)
                    rounds = len(derived.season.events)
                    sessions = len(derived.result_change)
                out.append(
                    SeasonInfo(
                        ref=row.ref,
                        series=row.series_id,
                        series_name=row.series_name,
                        year=row.year,
                        name=row.name,
                        ruleset=ruleset_name,
                        ruleset_version=ruleset_version,
                        version=row.version,
                        changes=len(log),
                        last_change_at=max((c.created_at for c in log), default=None),
                        rounds=rounds,
                        sessions_with_results=sessions,
                    )
                )
        return out

    def series(self) -> list[Series]:
        with self._reading() as conn:
            return [Series(r.id, r.name) for r in conn.execute(select(t.series).order_by(t.series.c.id))]

    def log(
        self, ref: str | None = None, *, limit: int | None = None, kinds: Sequence[ChangeKind] = ()
    ) -> list[ChangeRecord]:
        """Changes, newest first: of one season, or of the whole database when ``ref`` is ``None``."""
        with self._reading() as conn:
            query = select(t.change, t.season.c.ref).outerjoin(
                t.season, t.season.c.id == t.change.c.season_id
            )
            if ref is not None:
                season = self._season_row(conn, ref)
                query = query.where(t.change.c.season_id == season.id)
            if kinds:
                query = query.where(t.change.c.kind.in_([k.value for k in kinds]))
            query = query.order_by(t.change.c.id.desc())
            if limit is not None:
                query = query.limit(limit)
            rows = conn.execute(query).all()
            hidden = self._hidden_by(conn, {r.season_id for r in rows if r.season_id is not None})
        by_id = {r.id: r for r in rows}
        return [
            change_record(r, r.ref, hidden.get(r.id), by_id.get(r.reverts) if r.reverts else None)
            for r in rows
        ]

    def change(self, change_id: int) -> ChangeRecord:
        with self._reading() as conn:
            row = conn.execute(
                select(t.change, t.season.c.ref)
                .outerjoin(t.season, t.season.c.id == t.change.c.season_id)
                .where(t.change.c.id == change_id)
            ).first()
            if row is None:
                raise NotFoundError("change", change_id)
            hidden = self._hidden_by(conn, {row.season_id} if row.season_id is not None else set())
        return change_record(row, row.ref, hidden.get(change_id))

    def _hidden_by(self, conn: Connection, season_ids: set[int]) -> dict[int, int]:
        hidden: dict[int, int] = {}
        for season_id in season_ids:
            hidden.update(counting_changes(read_log(conn, season_id), None)[1])
        return hidden

    def ruleset_text(self, ref: str, *, as_of: datetime | None = None) -> tuple[str, int, str]:
        """(name, version, TOML text) of the ruleset scoring the season."""
        with self._reading() as conn:
            row = self._season_row(conn, ref)
            derived = self._derive(conn, row, as_of)
            if derived is None:
                raise SeasonNotYet(ref, as_of, read_log(conn, row.id)[0].created_at)
            name, version, text, _ = stored_ruleset(conn, derived.ruleset_id)
            return name, version, text


class SeasonNotYet(NotFoundError):
    """A season asked for as it stood before it was created."""

    def __init__(self, ref: str, as_of: datetime | None, created: datetime) -> None:
        self.what, self.name = "season", ref
        when = as_of.isoformat(sep=" ", timespec="minutes") if as_of else "now"
        PodiumError.__init__(
            self,
            f"season {ref!r} did not exist yet at {when}: it was created at "
            f"{created.isoformat(sep=' ', timespec='seconds')}",
        )
