"""What the admin's forms and the API's write requests share: reading a results file, naming a penalty.

Both edges hand the store the same values, so a penalty applied from a form and one sent to the API
are the same change in the log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from podium.errors import InputError, Message, PodiumError, Problem, message_of
from podium.importers.result_formats import check_format, parse_result_sheet
from podium.importers.sheets import ResultSheet
from podium.importers.textfile import decode
from podium.model.values import MAX_POSITION, whole_number
from podium.present.problems import error_text, problem_text

UPLOAD_MAX_BYTES = 8 * 2**20
"""Largest results file accepted from the web (a season's timing sheet is a few kilobytes)."""
PENALTY_KINDS = ("points", "positions", "seconds", "dsq")


def read_sheet(data: bytes, source: str, form: str = "auto") -> ResultSheet:
    """A results file as uploaded, read by :func:`~podium.importers.result_formats.parse_result_sheet`
    (podium CSV or a timing export: Al Kamel, MyLaps Speedhive or Orbits, recognised from its header
    with ``auto``); every problem of it, the season's included, comes in one InputError."""
    check_format(form, field="format")
    if len(data) > UPLOAD_MAX_BYTES:
        raise InputError(
            Problem(
                Message(
                    "the file is over {size} MiB; podium reads smaller ones", size=UPLOAD_MAX_BYTES // 2**20
                ),
                source=source,
            )
        )
    if not data.strip():
        raise InputError(
            Problem(Message("the file is empty: choose the results file to upload"), source=source)
        )
    return parse_result_sheet(decode(data, source), form, defer=True, field="format")


def penalty_values(kind: str, amount: str) -> dict[str, Any]:
    """The keyword arguments of ``Store.add_penalty`` for a penalty chosen in a form."""
    amount = amount.strip()
    if kind == "dsq":
        return {"disqualify": True}
    if kind not in PENALTY_KINDS:
        raise InputError(
            Problem(
                Message(
                    "the penalty is one of {choices}, got {kind!r}",
                    choices=", ".join(PENALTY_KINDS),
                    kind=kind,
                ),
                field="kind",
            )
        )
    if not amount:
        raise InputError(Problem(Message("a {kind} penalty needs an amount", kind=kind), field="amount"))
    if kind == "positions":
        try:
            return {"positions": whole_number(amount, low=1, high=MAX_POSITION)}
        except ValueError as exc:
            raise InputError(
                Problem(
                    Message("places: {reason}", reason=message_of(exc)), field="amount", value=amount[:80]
                )
            ) from None
    return {kind: amount}


def correction_changes(text: str) -> dict[str, object]:
    """``FIELD=VALUE`` lines (or ``;``-separated pairs) of a correction form, as a mapping."""
    out: dict[str, object] = {}
    problems: list[Problem] = []
    for raw in text.replace("\r", "").split("\n"):
        line = raw.strip()
        if not line:
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            problems.append(
                Problem(Message("write FIELD=VALUE, got {line!r}", line=line), field="changes", value=line)
            )
            continue
        out[name.strip().lower()] = value.strip()
    if problems:
        raise InputError(problems)
    return out


def problems_of(error: Exception, lang: str = "en") -> list[Mapping[str, object]]:
    """The problems of an error as the pages list them, in ``lang`` (one per line of a file, or the
    message)."""
    if isinstance(error, InputError):
        return [{"text": problem_text(p, lang), "line": p.line, "field": p.field} for p in error.problems]
    text = error_text(error, lang) if isinstance(error, PodiumError) else str(error)
    return [{"text": text, "line": None, "field": None}]
