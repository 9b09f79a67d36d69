"""Admin writes (POST): results, penalties, corrections and undo, each one logged change.

Every handler checks the session, the CSRF token and the role before doing anything else. A write
the store refuses (a bad line in a file, an impossible penalty) re-shows the season's desk with
every problem and the values typed, and nothing is written; a write that succeeds redirects to the
desk, which then says what was recorded (post/redirect/get, so reloading never writes twice).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from podium.errors import InputError, Message, PodiumError, Problem
from podium.model.values import MAX_ID, whole_number
from podium.store import ChangeRecord
from podium.store.accounts import Role, User
from podium.web.admin.common import admin_render
from podium.web.admin.forms import (
    UPLOAD_MAX_BYTES,
    correction_changes,
    penalty_values,
    problems_of,
    read_sheet,
)
from podium.web.admin.pages import season_context
from podium.web.auth import CSRF_FIELD, form_user
from podium.web.errors import podium_status
from podium.web.site import current_site

router = APIRouter(prefix="/admin")

Text = Annotated[str, Form()]
Csrf = Annotated[str, Form(alias=CSRF_FIELD)]


def _write(
    request: Request,
    user: User,
    ref: str,
    form: str,
    values: Mapping[str, object],
    action: Callable[[], ChangeRecord],
) -> Response:
    """Run one write; on success go back to the desk, on a refusal show why (nothing was written)."""
    current_site(request).view(ref)  # an unknown season is a 404 page, not a form error
    try:
        record = action()
    except PodiumError as exc:
        context = season_context(
            request,
            ref,
            errors=problems_of(exc, getattr(request.state, "lang", "en")),
            form=form,
            values=values,
        )
        return admin_render(request, "admin_season.html", context, user, podium_status(exc))
    return RedirectResponse(f"/admin/seasons/{ref}?done={record.id}#recorded", status_code=303)


def _need_reason(reason: str) -> None:
    if not reason.strip():
        raise InputError(Problem(Message("say why: the reason is recorded in the log"), field="reason"))


@router.post("/seasons/{ref}/results")
def import_results(
    request: Request,
    ref: str,
    csrf: Csrf = "",
    session: Text = "",
    file_format: Annotated[str, Form(alias="format")] = "auto",
    replace: Text = "",
    reason: Text = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    user = form_user(request, csrf, Role.STEWARD)
    values = {"session": session, "format": file_format, "replace": bool(replace), "reason": reason}

    def action() -> ChangeRecord:
        if file is None or not file.filename:
            raise InputError(Problem(Message("choose the results file to upload"), field="file"))
        data = file.file.read(UPLOAD_MAX_BYTES + 1)
        sheet = read_sheet(data, file.filename, file_format)
        return current_site(request).store.import_results(
            ref, session, sheet, replace=bool(replace), author=user.name, reason=reason.strip()
        )

    return _write(request, user, ref, "results", values, action)


@router.post("/seasons/{ref}/penalties")
def add_penalty(
    request: Request,
    ref: str,
    csrf: Csrf = "",
    session: Text = "",
    car: Text = "",
    kind: Text = "",
    amount: Text = "",
    classification: Text = "",
    reason: Text = "",
) -> Response:
    user = form_user(request, csrf, Role.STEWARD)
    values = {
        "session": session,
        "car": car,
        "kind": kind,
        "amount": amount,
        "classification": classification,
        "reason": reason,
    }

    def action() -> ChangeRecord:
        _need_reason(reason)
        return current_site(request).store.add_penalty(
            ref,
            session,
            car.strip(),
            reason=reason.strip(),
            classification=classification or None,
            author=user.name,
            **penalty_values(kind, amount),
        )

    return _write(request, user, ref, "penalty", values, action)


@router.post("/seasons/{ref}/corrections")
def add_correction(
    request: Request,
    ref: str,
    csrf: Csrf = "",
    session: Text = "",
    car: Text = "",
    changes: Text = "",
    reason: Text = "",
) -> Response:
    user = form_user(request, csrf, Role.STEWARD)
    values = {"session": session, "car": car, "changes": changes, "reason": reason}

    def action() -> ChangeRecord:
        _need_reason(reason)
        return current_site(request).store.add_correction(
            ref, session, car.strip(), correction_changes(changes), reason=reason.strip(), author=user.name
        )

    return _write(request, user, ref, "correction", values, action)


@router.post("/seasons/{ref}/undo")
def undo(
    request: Request,
    ref: str,
    csrf: Csrf = "",
    change: Text = "",
    reason: Text = "",
) -> Response:
    user = form_user(request, csrf, Role.STEWARD)
    values = {"change": change, "reason": reason}

    def action() -> ChangeRecord:
        _need_reason(reason)
        try:
            change_id = whole_number(change, low=1, high=MAX_ID)
        except ValueError:
            raise InputError(
                Problem(
                    Message("no change number {change!r}", change=change[:80]),
                    field="change",
                    value=change[:80],
                )
            ) from None
        store = current_site(request).store
        return store.undo(change_id, reason=reason.strip(), author=user.name, season=ref)

    return _write(request, user, ref, "undo", values, action)
