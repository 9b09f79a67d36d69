"""Penalties, corrections and undo: new changes laid over results, never overwriting them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from fractions import Fraction
from typing import Any

from sqlalchemy import Connection, select

from podium.errors import ConsistencyError, InputError, Message, NotFoundError, Problem, message_of
from podium.importers.resolve import (
    find_classification,
    find_entry,
)
from podium.model import (
    Adjustment,
    AdjustmentKind,
    Result,
    Season,
    Status,
)
from podium.model.results import CORRECTABLE_FIELDS, check_change_value
from podium.model.values import (
    MAX_DURATION,
    MAX_ID,
    MAX_POINTS,
    MAX_POSITION,
    exact_number,
    whole_number,
)
from podium.store import codec
from podium.store import schema as t
from podium.store.base import SeasonRow, StoreBase
from podium.store.projection import Derived, counting_changes, read_log
from podium.store.records import ChangeKind, ChangeRecord, describe


class Adjustments(StoreBase):
    # -- penalties, corrections, undo ----------------------------------------------------------------
    def add_penalty(
        self,
        ref: str,
        session_id: str,
        car: str,
        *,
        reason: str,
        points: Fraction | int | str | None = None,
        positions: int | None = None,
        seconds: Fraction | int | str | None = None,
        disqualify: bool = False,
        classification: str | None = None,
        author: str | None = None,
        at: datetime | None = None,
    ) -> ChangeRecord:
        """A penalty on one car's result: exactly one of points, positions, seconds or disqualification.

        The result as entered stays; standings apply the penalty to it, so everyone behind moves up.
        """
        chosen = [
            k
            for k, v in (("points", points), ("positions", positions), ("seconds", seconds))
            if v is not None
        ] + (["dsq"] if disqualify else [])
        if len(chosen) != 1:
            raise InputError(
                Problem(
                    Message(
                        "give exactly one of --points, --positions, --seconds or --dsq (got {chosen})",
                        chosen=", ".join(chosen),
                    )
                    if chosen
                    else Message("give exactly one of --points, --positions, --seconds or --dsq"),
                    field="penalty",
                )
            )
        if not reason.strip():
            raise InputError(Problem(Message("a penalty needs a reason (--reason)"), field="--reason"))
        amount_points = _fraction(points, "--points") if points is not None else None
        amount_seconds = (
            _fraction(seconds, "--seconds", high=int(MAX_DURATION.total_seconds()))
            if seconds is not None
            else None
        )
        if amount_points is not None and amount_points == 0:
            raise InputError(
                Problem(Message("a points penalty of 0 changes nothing"), field="--points", value=str(points))
            )
        if positions is not None:
            try:
                whole_number(positions, low=1, high=MAX_POSITION)
            except ValueError as exc:
                said = Message("--positions: {reason}", reason=message_of(exc))
                raise InputError(Problem(said, field="--positions")) from None
        if amount_seconds is not None and amount_seconds <= 0:
            said = Message("--seconds must be more than 0, got {got}", got=str(seconds))
            raise InputError(Problem(said, field="--seconds"))
        kind = {
            "points": AdjustmentKind.POINTS,
            "positions": AdjustmentKind.POSITIONS,
            "seconds": AdjustmentKind.TIME,
            "dsq": AdjustmentKind.DISQUALIFY,
        }[chosen[0]]

        def build(conn: Connection, season: SeasonRow, current: Derived) -> Mapping[str, Any]:
            state = current.season
            entry, result = _target(state, session_id, car)
            class_id = None
            if classification is not None:
                found = find_classification(state, classification)
                if found is None:
                    raise NotFoundError(
                        "classification", classification, choices=[c.id for c in state.classifications]
                    )
                class_id = found.id
            if kind is AdjustmentKind.DISQUALIFY and not result.started:
                raise ConsistencyError(
                    Message(
                        "car {car} did not start {session} ({status}): a car that did not start cannot be "
                        "disqualified from it",
                        car=entry.label,
                        session=session_id,
                        status=result.status.value,
                    )
                )
            if kind is AdjustmentKind.DISQUALIFY and result.status in (Status.DSQ, Status.EX):
                raise ConsistencyError(
                    Message(
                        "car {car} is already {status} in {session}",
                        car=entry.label,
                        status=result.status.value,
                        session=session_id,
                    )
                )
            if kind in (AdjustmentKind.POSITIONS, AdjustmentKind.TIME) and not result.classified:
                raise ConsistencyError(
                    Message(
                        "car {car} is {status} in {session}: only a classified car can take a {kind} penalty",
                        car=entry.label,
                        status=result.status.value,
                        session=session_id,
                        kind=kind.value,
                    )
                )
            adjustment = Adjustment(
                id="new",
                session=session_id,
                entry=entry.id,
                kind=kind,
                reason=reason,
                points=amount_points,
                positions=positions,
                seconds=amount_seconds,
                classification=class_id,
            )
            return {"car": entry.label, "adjustment": codec.encode_adjustment(adjustment)}

        return self._season_write(
            ref,
            ChangeKind.PENALTY_ADD,
            build,
            author=author,
            reason=reason,
            at=at,
            what=Message("this penalty"),
        )

    def add_correction(
        self,
        ref: str,
        session_id: str,
        car: str,
        changes: Mapping[str, object],
        *,
        reason: str,
        author: str | None = None,
        at: datetime | None = None,
    ) -> ChangeRecord:
        """Correct fields of one result (``{"status": "DNF"}``, ``{"laps": 19}``…) without overwriting it."""
        if not reason.strip():
            raise InputError(Problem(Message("a correction needs a reason (--reason)"), field="--reason"))
        if not changes:
            raise InputError(Problem(Message("say what to correct, e.g. --set status=DNF"), field="--set"))
        unknown = [k for k in changes if k not in CORRECTABLE_FIELDS]
        if unknown:
            raise InputError(
                [
                    Problem(
                        Message(
                            "cannot correct {name!r}; correctable fields: {known}",
                            name=k,
                            known=", ".join(CORRECTABLE_FIELDS),
                        ),
                        field="--set",
                        value=k,
                    )
                    for k in unknown
                ]
            )

        def build(conn: Connection, season: SeasonRow, current: Derived) -> Mapping[str, Any]:
            state = current.season
            entry, result = _target(state, session_id, car)
            values = _correction_values(state, changes)
            if all(getattr(result, k) == v for k, v in values):
                raise ConsistencyError(
                    Message(
                        "car {car} already has {values} in {session}: nothing to correct",
                        car=entry.label,
                        values=_show(values),
                        session=session_id,
                    )
                )
            adjustment = Adjustment(
                id="new",
                session=session_id,
                entry=entry.id,
                kind=AdjustmentKind.CORRECTION,
                reason=reason,
                changes=values,
            )
            return {"car": entry.label, "adjustment": codec.encode_adjustment(adjustment)}

        return self._season_write(
            ref,
            ChangeKind.CORRECTION_ADD,
            build,
            author=author,
            reason=reason,
            at=at,
            what=Message("this correction"),
        )

    def undo(
        self,
        change_id: int,
        *,
        reason: str,
        author: str | None = None,
        at: datetime | None = None,
        season: str | None = None,
    ) -> ChangeRecord:
        """Undo a change by recording an undo: the change stays in the log, its effect is hidden.

        Undoing an undo brings the change back. A season's creation cannot be undone, and neither can
        a change whose effect others depend on (the entries of results entered since). With
        ``season``, a change of another season is not found (a URL names the season it acts on).
        """
        if not reason.strip():
            raise InputError(Problem(Message("an undo needs a reason (--reason)"), field="--reason"))
        if isinstance(change_id, bool) or not isinstance(change_id, int) or not 1 <= change_id <= MAX_ID:
            raise NotFoundError("change", change_id)
        with self._reading() as conn:
            row = conn.execute(
                select(t.change, t.season.c.ref)
                .outerjoin(t.season, t.season.c.id == t.change.c.season_id)
                .where(t.change.c.id == change_id)
            ).first()
        if row is None or (season is not None and row.ref != season):
            raise NotFoundError("change", change_id)
        if row.ref is None or row.kind in (ChangeKind.SEASON_CREATE.value, ChangeKind.SERIES_CREATE.value):
            said = Message("change #{id} ({kind}) cannot be undone", id=change_id, kind=row.kind)
            raise ConsistencyError(said)
        target_kind = ChangeKind(row.kind)
        summary = describe(target_kind, row.payload)

        def build(conn: Connection, season: SeasonRow, current: Derived) -> Mapping[str, Any]:
            _, hidden = counting_changes(read_log(conn, season.id), None)
            if change_id in hidden:
                said = Message(
                    "change #{id} is already undone (by #{by})", id=change_id, by=hidden[change_id]
                )
                raise ConsistencyError(said)
            return {"change": change_id, "kind": target_kind.value, "summary": summary}

        return self._season_write(
            row.ref,
            ChangeKind.UNDO,
            build,
            author=author,
            reason=reason,
            at=at,
            what=Message("undoing #{id}", id=change_id),
            reverts=change_id,
        )


def _fraction(value: Fraction | int | str, field: str, *, high: int | None = None) -> Fraction:
    """A penalty amount, read like every number podium reads (podium.model.values)."""
    try:
        return exact_number(value, high=MAX_POINTS if high is None else high, examples="-5, 2.5 or 1/2")
    except ValueError as exc:
        raise InputError(Problem(message_of(exc), field=field, value=str(value)[:80])) from None


def _target(season: Season, session_id: str, car: str) -> tuple[Any, Result]:
    """The entry a user names and its effective result in the session."""
    season.session(session_id)
    entry = find_entry(season, session_id, car)
    result = next((r for r in season.results_for(session_id) if r.entry == entry.id), None)
    if result is None:
        if not season.has_results(session_id):
            raise ConsistencyError(Message("session {session!r} has no results yet", session=session_id))
        raise ConsistencyError(
            Message("car {car} has no result in {session}", car=entry.label, session=session_id)
        )
    return entry, result


def _correction_values(season: Season, changes: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    out: list[tuple[str, object]] = []
    problems: list[Problem] = []
    for name, raw in changes.items():
        text = str(raw).strip() if not isinstance(raw, list | tuple) else raw
        try:
            if name != "drivers":
                value: object = check_change_value(name, raw)
            else:  # drivers
                names = (
                    text if isinstance(text, list | tuple) else [n for n in str(text).split(";") if n.strip()]
                )
                ids = []
                for n in names:
                    match = next(
                        (d.id for d in season.drivers if n.strip().lower() in (d.id, d.name.lower())), None
                    )
                    if match is None:
                        raise NotFoundError("driver", n, choices=[d.id for d in season.drivers])
                    ids.append(match)
                value = tuple(ids)
        except ValueError as exc:
            problems.append(
                Problem(
                    Message(
                        "invalid value {raw!r} for {name}: {reason}",
                        raw=raw,
                        name=name,
                        reason=message_of(exc),
                    ),
                    field="--set",
                    value=f"{name}={raw}"[:80],
                )
            )
            continue
        out.append((name, value))
    if problems:
        raise InputError(problems)
    return tuple(out)


def _show(values: tuple[tuple[str, object], ...]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values)
