"""The presets shipped with podium: every F1 season, Formula E 2024, IMSA 2020 and 2024, IndyCar
2022-2025, MotoGP 2023-2025, BTCC 2023, WEC 2024.

Like python-chess's variants, presets are found by name in any case and with aliases:
``find_ruleset("F1 1988")``, ``find_ruleset("f1-1988")`` and ``find_ruleset("path/to/my.toml")``
all work; an unknown name raises :class:`NotFoundError` listing what exists.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from podium.errors import NotFoundError
from podium.rules.loader import load_ruleset_file, parse_ruleset_text
from podium.rules.schema import Ruleset


def preset_names() -> list[str]:
    """Every preset id, sorted."""
    folder = resources.files("podium.rules") / "presets"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def _normalise(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


@cache
def load_preset(name: str) -> Ruleset:
    """Load a preset by id or alias ("F1 1988", "imsa_2020")."""
    wanted = _normalise(name)
    names = preset_names()
    if wanted not in names:
        raise NotFoundError("ruleset preset", name, choices=names)
    text = (resources.files("podium.rules") / "presets" / f"{wanted}.toml").read_text(encoding="utf-8")
    return parse_ruleset_text(text, source=f"presets/{wanted}.toml", default_id=wanted)


def find_ruleset(name_or_path: str) -> Ruleset:
    """A preset by name, or a user's TOML file when the argument is a path to one."""
    path = Path(name_or_path)
    if name_or_path.endswith(".toml") and path.exists():
        return load_ruleset_file(path)
    return load_preset(name_or_path)


def f1_preset(year: int) -> Ruleset:
    return load_preset(f"f1-{year}")
