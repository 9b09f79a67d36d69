"""``POST /seasons/{ref}/whatif/{cls}``: the title maths after results the client chooses.

Same logic as the what-if page (:mod:`podium.web.whatif`), so a shared page URL and an API call
with the same sessions answer the same thing. Bad scenarios (unknown car, a car listed twice,
sessions out of order) answer 422 with every problem in the envelope's ``details``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.requests import Request
from starlette.responses import Response

from podium.errors import InputError
from podium.web.api.reads import After
from podium.web.errors import envelope
from podium.web.site import current_site
from podium.web.whatif import Scenario, SessionChoice, whatif_data

router = APIRouter()

CarId = Annotated[str, StringConstraints(max_length=200)]


class SessionResult(BaseModel):
    """One session's chosen result, in the order the sessions run."""

    model_config = ConfigDict(extra="forbid")

    session: str | None = Field(
        default=None,
        description="Id of the session (optional; checked: the n-th item must be the n-th session "
        "still to run).",
        max_length=200,
    )
    order: list[CarId] = Field(
        default_factory=list,
        description="Finishing order, winner first: car ids, or competitor ids or names of one-car "
        "competitors. Cars left out finish behind the listed ones in the order of the current "
        "standings.",
        max_length=500,
    )
    not_started: list[CarId] = Field(
        default_factory=list, description="Cars that do not start (they score nothing).", max_length=500
    )


class WhatIfRequest(BaseModel):
    """Results for the next sessions; the remaining ones stay open."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "sessions": [
                        {"session": "r08-race-1", "order": ["riley-dickinson", "jeff-kingsley"]},
                        {"order": ["riley-dickinson"], "not_started": ["jeff-kingsley"]},
                    ],
                    "lang": "en",
                }
            ]
        },
    )

    sessions: list[SessionResult] = Field(
        default_factory=list, description="Chosen results, first session to run first.", max_length=100
    )
    lang: Literal["en", "fr"] | None = Field(
        default=None, description="Language of the sentences (default: the request's language)."
    )


@router.post(
    "/seasons/{ref}/whatif/{cls}",
    tags=["title"],
    summary="Title maths after chosen results of the next sessions",
    description=(
        "Applies the given results session by session, then answers the title picture of what is "
        "left (the `title` object has the shape of `GET /seasons/{ref}/title/{cls}`: statuses, "
        "best/worst positions, clinch conditions, decision table, press paragraph). When the "
        "results decide every remaining session, `final` holds the final table and the champion "
        "(replayed through the season's real scoring). `query` is the what-if page's query string "
        "for the same scenario (`/seasons/{ref}/whatif/{cls}?…`). The scenario is checked at once; "
        "the maths runs in a worker process (a bounded queue shared with the title proofs), and "
        "repeats are cached. `after` asks after an earlier session."
    ),
    responses={
        404: {"description": "Unknown season, classification or moment (`after`)."},
        422: {"description": "Unknown car, car listed twice, sessions out of order, too many sessions."},
        503: {
            "description": "Busy: every worker slot is taken, or the answer took longer than the "
            "server waits (it is kept: ask again). `Retry-After` says when; so does "
            "`error.details.retry_after`."
        },
    },
)
def whatif(request: Request, ref: str, cls: str, body: WhatIfRequest, after: After = None) -> Any:
    site = current_site(request)
    lang: str = body.lang or getattr(request.state, "lang", None) or "en"
    view = site.view(ref)
    classification = view.season.classification(cls)
    asked = site.moment(view, after)
    scenario = Scenario(
        tuple(SessionChoice(tuple(s.order), tuple(s.not_started), s.session) for s in body.sessions)
    )
    try:
        result = site.whatif(view, cls, scenario, asked)
    except InputError as exc:
        return _invalid(exc)
    return whatif_data(result, lang=lang, label=classification.name)


def _invalid(exc: InputError) -> Response:
    return envelope(422, str(exc), exc.details)
