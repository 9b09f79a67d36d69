"""Response models of the read API: what OpenAPI documents and what every answer is checked against.

The shapes are declared once, as the :class:`~typing.TypedDict` types of :mod:`podium.present.data`
(the CLI's ``--json`` writes them too) and the store's records (:mod:`podium.store.records`); the
pydantic models here are *derived* from those declarations by :func:`shape_model`: each field, its
type, whether it may be absent, and its description (the field's docstring) come from there, so a
field added to a shape is in the OpenAPI schema with no second edit. What this module adds is what
only the API has: the names of the schemas, examples for the explorer, and the fields of an answer
that only the API gives (a title's ``version``, ``as_of``, ``current``, ``state``).
``tests/test_present_shapes.py`` checks that the schemas and the shapes cannot drift apart. Points
are exact strings ("90", "9/2"), documented and checked as such: JSON numbers would turn them into
floats.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import sys
import types
from collections.abc import Mapping
from functools import cache
from typing import (
    Annotated,
    Any,
    Literal,
    NotRequired,
    Required,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from podium.present import data
from podium.store.records import ChangeRecord, SeasonInfo

EXACT = 'An exact number as text: an integer ("90") or a fraction ("9/2"), never a float.'
EXACT_PATTERN = r"^-?[0-9]+(/[0-9]+)?$"
"""What :func:`podium.present.numbers.exact` writes."""


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


NAMES: dict[type, str] = {
    data.StandingsRowData: "StandingsRow",
    data.StandingsData: "StandingsOut",
    data.OutcomeData: "SessionOutcome",
    data.ConditionData: "ClinchConditionOut",
    data.CompetitorData: "TitleCompetitor",
    data.RemainingData: "RemainingSession",
    data.DecisionCellData: "DecisionCell",
    data.DecisionData: "DecisionTableOut",
    data.GivenData: "GivenResult",
    data.RivalLimitData: "RivalLimitOut",
    data.PathRowData: "PathRowOut",
    data.PathData: "PathOut",
    data.WeekendData: "WeekendOut",
    data.MarginsData: "MarginsOut",
    data.RivalMarginData: "RivalMarginOut",
    data.MomentData: "MomentOut",
    data.ClassificationData: "ClassificationInfo",
    data.SessionData: "SessionInfo",
    data.ResultData: "ResultOut",
    data.ClassLineData: "ClassResult",
    data.AdjustmentData: "AdjustmentOut",
    data.SessionDetailData: "SessionDetail",
    data.EventData: "EventSummary",
    data.EventDetailData: "EventDetail",
    SeasonInfo: "SeasonSummary",
}
"""The schema name of each shape in the OpenAPI document (stable for generated clients)."""

EXAMPLES: dict[type, dict[str, list[object]]] = {
    SeasonInfo: {
        "ref": ["gt3-usa-2020"],
        "series": ["gt3-usa"],
        "series_name": ["Porsche GT3 Cup Challenge USA by Yokohama"],
        "year": [2020],
        "ruleset": ["imsa-2020"],
    },
    data.ClassificationData: {
        "id": ["platinum"],
        "name": ["Platinum"],
        "competitor": ["driver"],
        "eligibility": ["driver.age >= 45"],
    },
    data.StandingsRowData: {
        "position": [1],
        "position_text": ["1"],
        "competitor": ["Jeff Kingsley"],
        "competitor_id": ["jeff-kingsley"],
        "points": ["478"],
    },
    data.StandingsData: {
        "season": ["gt3-usa-2020"],
        "after_round": [7],
        "classification": ["platinum"],
        "classification_name": ["Platinum"],
    },
    data.OutcomeData: {"session": ["R8 Sebring — Race 1"]},
    data.ConditionData: {"kind": ["uniform"]},
    data.CompetitorData: {"status": ["alive"]},
    data.RemainingData: {"id": ["r08-race-2"]},
    data.MomentData: {
        "session": ["r08-race-1"],
        "session_name": ["Race 1"],
        "round": [8],
        "event": ["Sebring"],
    },
    data.TitleData: {"engine": ["cpsat"]},
    data.RivalMarginData: {"at_least": ["8", "-26"]},
    data.SessionData: {
        "id": ["r08-race-1"],
        "name": ["Race 1"],
        "kind": ["race"],
        "start_local": ["2020-11-13T08:00:00"],
        "start": ["2020-11-13T08:00:00-05:00"],
        "time_zone": ["America/New_York"],
        "scheduled_duration": ["PT45M"],
        "broadcast": ["imsa.tv"],
    },
    data.EventFields: {
        "round": [8],
        "id": ["sebring"],
        "name": ["Sebring"],
        "time_zone": ["America/New_York"],
    },
    data.ResultData: {"entry": ["16"], "car": ["#16"], "status": ["CLASSIFIED"], "time": ["2633.99"]},
    ChangeRecord: {"kind": ["results.import"]},
}
"""Examples for the API explorer, by shape and field; a shape extending another (``SessionDetailData``
extends ``SessionData``) takes its examples too. A test checks that each names a real field."""

_MODELS: dict[type, type[Model]] = {}


def shape_model(shape: type, *, name: str | None = None, doc: str | None = None) -> type[Model]:
    """The pydantic model of a shape (a TypedDict of :mod:`podium.present.data`, or a dataclass of
    the store's records), built once: its fields are :func:`model_fields` of the shape, its
    description the shape's docstring, its name :data:`NAMES`' (or the shape's, less ``Data``)."""
    if shape not in _MODELS:
        _MODELS[shape] = api_model(
            name or NAMES.get(shape) or shape.__name__.removesuffix("Data"),
            doc or inspect.cleandoc(shape.__doc__ or ""),
            **model_fields(shape),
        )
    return _MODELS[shape]


def model_fields(shape: type, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """One pydantic field per key of a shape: typed as declared (a nested shape by its own model,
    an ``Exact`` as checked exact text), described by the key's docstring, with the shape's
    examples, and optional where the key is ``NotRequired`` (then left out of the answer when
    absent, as ``present.data`` leaves it out)."""
    docs = field_docs(shape)
    examples = shape_examples(shape)
    fields: dict[str, Any] = {}
    for key, (hint, required) in shape_fields(shape).items():
        if key in exclude:
            continue
        description = docs.get(key)
        if _has_exact(hint):
            description = f"{description} {EXACT}" if description else EXACT
        fields[key] = (
            _model_type(hint),
            Field(
                default=... if required else None,
                description=description,
                examples=examples.get(key),
                exclude_if=None if required else _is_none,
            ),
        )
    return fields


def api_model(title: str, doc: str = "", /, **fields: Any) -> type[Model]:
    """A model named ``title`` (its OpenAPI schema) with ``fields``: ``key=(type, Field(...))``."""
    model: type[Model] = create_model(
        title, __base__=Model, __doc__=doc or None, __module__=__name__, **fields
    )
    return model


def list_of(model: type[Model]) -> Any:
    """``list[model]`` for a derived model (a value, which type checkers do not read as a type)."""
    return types.GenericAlias(list, (model,))


def shape_fields(shape: type) -> dict[str, tuple[Any, bool]]:
    """Each key of a shape with its type and whether it is always there, in declaration order."""
    hints = get_type_hints(shape, include_extras=True)
    if dataclasses.is_dataclass(shape):
        return {f.name: (hints[f.name], True) for f in dataclasses.fields(shape)}
    if not is_typeddict(shape):
        raise TypeError(f"{shape!r} is not a TypedDict or a dataclass")
    out: dict[str, tuple[Any, bool]] = {}
    for key, hint in hints.items():
        origin = get_origin(hint)
        if origin is NotRequired or origin is Required:
            out[key] = (get_args(hint)[0], origin is Required)
        else:
            out[key] = (hint, True)
    return out


def field_docs(shape: type) -> dict[str, str]:
    """The docstring under each field of a class and of the classes it extends, read from its
    module's source (a TypedDict forgets its bases at run time); empty without the source."""
    found: dict[str, str] = {}
    for cls in reversed(lineage(shape)):
        found.update(_class_source(cls.__module__).get(cls.__qualname__, ((), {}))[1])
    return found


def shape_examples(shape: type) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for cls in reversed(lineage(shape)):
        found.update(EXAMPLES.get(cls, {}))
    return found


def lineage(shape: type) -> list[type]:
    """``shape`` and the classes of its module it extends, nearest first."""
    module = sys.modules[shape.__module__]
    out = [shape]
    for base in _class_source(shape.__module__).get(shape.__qualname__, ((), {}))[0]:
        parent = getattr(module, base, None)
        if isinstance(parent, type):
            out.extend(lineage(parent))
    return out


@cache
def _class_source(module_name: str) -> dict[str, tuple[tuple[str, ...], dict[str, str]]]:
    """Each top-level class of a module: the names of its bases and its fields' docstrings."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    except (OSError, TypeError):
        return {}
    out: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        for stmt, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[stmt.target.id] = " ".join(inspect.cleandoc(after.value.value).split())
        bases = tuple(b.id for b in node.bases if isinstance(b, ast.Name))
        out[node.name] = (bases, docs)
    return out


def _model_type(hint: Any) -> Any:
    """``hint`` with each nested shape replaced by its model and ``Exact`` by checked text."""
    if isinstance(hint, type) and (is_typeddict(hint) or dataclasses.is_dataclass(hint)):
        return shape_model(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        if data.EXACT in args[1:]:
            return Annotated[str, StringConstraints(pattern=EXACT_PATTERN)]
        return _model_type(args[0])
    if not args or origin is Literal:
        return hint
    inner = tuple(_model_type(a) for a in args)
    if origin is Union or origin is types.UnionType:
        return Union[inner]  # noqa: UP007 (built from a tuple)
    return origin[inner]


def _has_exact(hint: Any) -> bool:
    if get_origin(hint) is Annotated and data.EXACT in get_args(hint)[1:]:
        return True
    return any(_has_exact(a) for a in get_args(hint))


def _is_none(value: object) -> bool:
    return value is None


# -- errors ---------------------------------------------------------------------------------------------
class ErrorBody(Model):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["unknown season 'gt3-usa-2019' (known: gt3-usa-2020)"])
    details: Any = None


class ErrorEnvelope(Model):
    """Every 4xx and 5xx answer of the API."""

    error: ErrorBody


# -- the derived models ---------------------------------------------------------------------------------
SeasonSummary = shape_model(SeasonInfo)
ClassificationInfo = shape_model(data.ClassificationData)
StandingsOut = shape_model(data.StandingsData)
MomentOut = shape_model(data.MomentData)
EventSummary = shape_model(data.EventData)
EventDetail = shape_model(data.EventDetailData)
ChangeOut = api_model(
    "ChangeOut",
    "A change of the season's log: who did what, when and why.",
    **model_fields(ChangeRecord, exclude=frozenset({"season", "payload"})),
)

SeasonDetail = api_model(
    "SeasonDetail",
    "A season: what it says about itself, how it is stored (ruleset, version, log), and its classifications.",
    **model_fields(SeasonInfo),
    **model_fields(data.SeasonData, exclude=frozenset(shape_fields(SeasonInfo))),
    classifications=(list_of(ClassificationInfo), Field()),
)

AsOf = api_model(
    "AsOf",
    "The season version and moment a title answer was proven for.",
    version=(int, Field(description="The season version the answer was proven for.")),
    moment=(MomentOut | None, Field()),
)

TitleOut = api_model(
    "TitleOut",
    "Exactly ``podium title SEASON --classification CLS --json``, and what it is proven for.",
    **model_fields(data.TitleData),
    version=(int, Field(description="The season's version now (it increases on every write).")),
    as_of=(AsOf, Field(description="What this answer was proven for.")),
    current=(bool, Field(description="True when proven for the season as it stands (`as_of` = now).")),
    state=(
        Literal["proven", "being_worked_out", "failed"],
        Field(
            description="`being_worked_out`: a newer proof is on its way (ask again after "
            "`Retry-After`); `failed`: the newer proof failed and this older one is all there is."
        ),
    ),
)

TitleWorking = api_model(
    "TitleWorking",
    "202: the question has no proof yet; the workers are on it.",
    state=(Literal["being_worked_out"], Field()),
    current=(Literal[False], Field()),
    version=(int, Field()),
    moment=(MomentOut | None, Field()),
    retry_after=(
        int,
        Field(description="Seconds to wait before asking again (also the Retry-After header)."),
    ),
)

LogPage = api_model(
    "LogPage",
    "A page of the season's audit log.",
    season=(str, Field()),
    total=(int, Field(description="Changes in the whole log.")),
    limit=(int, Field()),
    offset=(int, Field()),
    changes=(list_of(ChangeOut), Field(description="Newest first.")),
)

DERIVED: Mapping[str, type] = {model.__name__: shape for shape, model in _MODELS.items()}
"""Each model that is exactly one shape, by its schema name (``SeasonDetail``, ``TitleOut`` and
``ChangeOut`` are built above from shapes, with the API's own fields or without the store's)."""
