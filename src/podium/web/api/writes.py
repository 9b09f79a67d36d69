"""API writes: results, penalties, corrections and undo, with ``Authorization: Bearer TOKEN``.

Tokens are created by an admin (``podium token create NAME --user U``); the token's account must be
a steward or an admin. No token or an unknown one answers 401, a viewer's token 403, both in the
error envelope. Each write is one change in the season's log, authored by the token's account; the
answer (201) is that change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from podium.importers.result_formats import ResultFormat
from podium.model.values import MAX_ID, MAX_POSITION
from podium.store import ChangeRecord, Store
from podium.store.accounts import Role, User
from podium.web.admin.forms import read_sheet
from podium.web.auth import bearer_user
from podium.web.site import current_site

router = APIRouter(tags=["writes"])

Reason = Annotated[str, Field(min_length=1, max_length=2000, description="Why: recorded in the log.")]
Car = Annotated[str, Field(min_length=1, max_length=160, description="Car number (16) or entry id.")]
SessionId = Annotated[str, Field(min_length=1, max_length=128, description="Session id, e.g. r08-race-1.")]

ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "No API token, or an unknown or revoked one."},
    403: {"description": "The token's account may not write (a viewer)."},
    404: {"description": "Unknown season, session, car or change."},
    409: {"description": "The change would leave the season inconsistent; nothing was written."},
    422: {"description": "Bad input (every problem listed); nothing was written."},
}


class PenaltyIn(BaseModel):
    """Exactly one of ``points``, ``positions``, ``seconds`` or ``disqualify``."""

    model_config = ConfigDict(extra="forbid")
    session: SessionId
    car: Car
    reason: Reason
    points: str | int | None = Field(None, description='Points to add; negative deducts ("-5", "1/2").')
    positions: int | None = Field(
        None, ge=1, le=MAX_POSITION, description="Places to drop in the classification."
    )
    seconds: str | int | None = Field(None, description='Seconds added to the total time ("5", "2.5").')
    disqualify: bool = Field(False, description="Disqualify the car from the session.")
    classification: str | None = Field(None, description="A points penalty in one classification only.")


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session: SessionId
    car: Car
    reason: Reason
    changes: dict[str, str | int | bool | list[str]] = Field(
        ...,
        min_length=1,
        description="Fields to correct: position, status, laps, laps_led, fastest_lap, pole, grid, drivers.",
        examples=[{"status": "DNF", "laps": 14}],
    )


class ResultsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session: SessionId
    content: str = Field(
        ...,
        min_length=1,
        max_length=8 * 2**20,
        description="The results file's text: podium CSV, or an Al Kamel, MyLaps Speedhive or Orbits export.",
    )
    format: ResultFormat = Field(
        "auto", description="The file's format; auto recognises it from its header line, as the CLI does."
    )
    filename: str = Field("api-upload.csv", max_length=200, description="Shown in the log and in errors.")
    replace: bool = Field(False, description="Supersede results already entered for the session.")
    reason: str = Field("", max_length=2000)


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    change: int = Field(..., ge=1, le=MAX_ID, description="Number of the change to undo (see the log).")
    reason: Reason


class RecordedChange(BaseModel):
    """One change of the season's log, as recorded."""

    id: int
    season: str | None
    kind: str
    summary: str
    author: str
    reason: str
    created_at: datetime
    reverts: int | None = None

    @classmethod
    def of(cls, record: ChangeRecord) -> RecordedChange:
        return cls(
            id=record.id,
            season=record.season,
            kind=record.kind.value,
            summary=record.summary,
            author=record.author,
            reason=record.reason,
            created_at=record.created_at,
            reverts=record.reverts,
        )


def steward(request: Request) -> User:
    """The account of the request's bearer token, if it may write (401/403 otherwise)."""
    return bearer_user(request, Role.STEWARD)


Steward = Annotated[User, Depends(steward)]


def _store(request: Request) -> Store:
    return current_site(request).store


@router.post(
    "/seasons/{ref}/penalties",
    status_code=201,
    responses=ERRORS,
    summary="Apply a penalty to one car's result",
)
def add_penalty(ref: str, body: PenaltyIn, request: Request, user: Steward) -> RecordedChange:
    record = _store(request).add_penalty(
        ref,
        body.session,
        body.car,
        reason=body.reason,
        points=body.points,
        positions=body.positions,
        seconds=body.seconds,
        disqualify=body.disqualify,
        classification=body.classification,
        author=user.name,
    )
    return RecordedChange.of(record)


@router.post(
    "/seasons/{ref}/corrections",
    status_code=201,
    responses=ERRORS,
    summary="Correct fields of one car's result",
)
def add_correction(ref: str, body: CorrectionIn, request: Request, user: Steward) -> RecordedChange:
    changes: dict[str, object] = {k.strip().lower(): v for k, v in body.changes.items()}
    record = _store(request).add_correction(
        ref, body.session, body.car, changes, reason=body.reason, author=user.name
    )
    return RecordedChange.of(record)


@router.post(
    "/seasons/{ref}/results",
    status_code=201,
    responses=ERRORS,
    summary="Enter a session's results from a podium CSV or a timing export (Al Kamel, Speedhive, Orbits)",
)
def import_results(ref: str, body: ResultsIn, request: Request, user: Steward) -> RecordedChange:
    sheet = read_sheet(body.content.encode("utf-8"), body.filename, body.format)
    record = _store(request).import_results(
        ref, body.session, sheet, replace=body.replace, author=user.name, reason=body.reason
    )
    return RecordedChange.of(record)


@router.post(
    "/seasons/{ref}/undo",
    status_code=201,
    responses=ERRORS,
    summary="Undo a change of the season (the change stays in the log)",
)
def undo(ref: str, body: UndoIn, request: Request, user: Steward) -> RecordedChange:
    record = _store(request).undo(body.change, reason=body.reason, author=user.name, season=ref)
    return RecordedChange.of(record)
