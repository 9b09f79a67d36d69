"""docs/rules.md documents every key, choice and attribute of the ruleset format, and its examples load.

Like datasette's tests/test_docs.py: the format's registries (``SCORING_KEYS``, the enums of
``podium.rules.schema``, the fields of its rule tables, the eligibility attributes) are walked and
each item must have its line in the reference. Examples marked ``# presets/<name>.toml`` must be
copied from that preset verbatim, so they cannot drift from the shipped rules.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from importlib import resources
from pathlib import Path

import pytest

from podium.model import SessionKind
from podium.model.eligibility import ATTRIBUTES
from podium.rules import SCORING_KEYS, parse_ruleset_text, schema
from podium.rules.loader import RULESET_KEYS, TOP_KEYS

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
TEXT = DOC.read_text(encoding="utf-8")

ENUM_HOME: dict[type[enum.Enum], str] = {
    schema.PositionBasis: "position_basis",
    schema.Scorers: "scorers",
    schema.SharedDrive: "shared_drive",
    schema.DriverCars: "driver_cars",
    schema.TieBreakStep: "tiebreak",
    schema.CountbackScope: "tiebreak",
    schema.CountbackPositions: "tiebreak",
    schema.DropUnit: "counting",
    schema.IneligiblePlaces: "ineligible",
    SessionKind: "points",
    schema.BonusKind: "disqualified_keeps",
}
"""Each choice of the format and the section of docs/rules.md that lists its values."""

TABLE_HOME: dict[type, str] = {
    schema.Bonuses: "bonus",
    schema.FastestLapBonus: "bonus",
    schema.DistanceBand: "distance",
    schema.TieBreak: "tiebreak",
    schema.EventRule: "events",
    schema.Exclusion: "exclusions",
    schema.PointsAdjustment: "adjustments",
    schema.Ineligible: "ineligible",
}
"""Rule tables whose dataclass fields are exactly their TOML keys, and where they are documented."""

COUNTING_KEYS = {"best", "drop_unit"}
"""``[scoring.counting]`` keys (its dataclass stores windows, not the TOML spelling)."""


def section(key: str) -> str:
    """The text under ``### `key``` up to the next heading."""
    match = re.search(rf"^### `{re.escape(key)}`\n(.*?)(?=^##)", TEXT + "\n##", re.S | re.M)
    assert match, f"docs/rules.md has no section '### `{key}`'"
    return match.group(1)


def has_row(text: str, name: str) -> bool:
    """A table row that starts with the name in backticks."""
    return re.search(rf"^\| `{re.escape(name)}` \|", text, re.M) is not None


@pytest.mark.parametrize("key", sorted(SCORING_KEYS))
def test_every_scoring_key_has_a_section(key: str) -> None:
    assert section(key).strip(), key


def test_every_enum_of_the_schema_has_a_home() -> None:
    enums = {
        obj
        for obj in vars(schema).values()
        if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == schema.__name__
    }
    assert enums <= set(ENUM_HOME), (
        f"document these choices and add them to ENUM_HOME: {enums - set(ENUM_HOME)}"
    )


@pytest.mark.parametrize(
    ("choice", "value"),
    [(e, m.value) for e in ENUM_HOME for m in e],
    ids=lambda x: x.__name__ if isinstance(x, type) else str(x),
)
def test_every_enum_value_is_documented(choice: type[enum.Enum], value: str) -> None:
    assert has_row(section(ENUM_HOME[choice]), value), (
        f"{choice.__name__}.{value} not in ### `{ENUM_HOME[choice]}`"
    )


@pytest.mark.parametrize(
    ("table", "key"),
    [(t, f.name) for t in TABLE_HOME for f in dataclasses.fields(t)],
    ids=lambda x: x.__name__ if isinstance(x, type) else str(x),
)
def test_every_key_of_a_rule_table_is_documented(table: type, key: str) -> None:
    assert has_row(section(TABLE_HOME[table]), key), f"{table.__name__}.{key}"


@pytest.mark.parametrize("key", sorted(COUNTING_KEYS))
def test_counting_keys(key: str) -> None:
    assert has_row(section("counting"), key)


@pytest.mark.parametrize("key", sorted(RULESET_KEYS | TOP_KEYS))
def test_ruleset_and_top_level_keys(key: str) -> None:
    assert has_row(TEXT, key) or has_row(TEXT, f"[{key}]") or f"`[{key}" in TEXT, key


@pytest.mark.parametrize("attribute", sorted(ATTRIBUTES))
def test_every_eligibility_attribute_is_documented(attribute: str) -> None:
    assert has_row(TEXT, attribute)


EXAMPLES = re.findall(r"```toml\n(.*?)```", TEXT, re.S)


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_examples_load(example: str) -> None:
    text = example
    if not re.search(r"^\[scoring\.points\]|^race = ", example, re.M):
        text = "[scoring.points]\nrace = [1]\n" + example
    parse_ruleset_text(text, source="docs/rules.md", default_id="example")


@pytest.mark.parametrize(
    "example",
    [e for e in EXAMPLES if e.startswith("# presets/")],
    ids=lambda e: e.splitlines()[0].removeprefix("# presets/"),
)
def test_preset_examples_are_verbatim(example: str) -> None:
    name = example.splitlines()[0].removeprefix("# presets/")
    preset = (resources.files("podium.rules") / "presets" / name).read_text(encoding="utf-8")
    lines = set(preset.splitlines())
    missing = [line for line in example.splitlines()[1:] if line.strip() and line not in lines]
    assert missing == [], f"not in presets/{name}"
