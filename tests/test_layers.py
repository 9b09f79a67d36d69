"""The import direction of the layers, checked by parsing every module (DESIGN.md §1).

errors ← model ← rules ← standings ← title ← present (core, no I/O) ← edges.
A core module may import only layers at or below its own; it never imports an edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "podium"

CORE_ORDER = ["errors", "model", "rules", "standings", "title", "present"]
"""Lower index = lower layer. A module may import its own layer and those before it."""
EDGES = {
    "importers",
    "store",
    "cli",
    "web",
    "verification",
    "forecast",
    "live",
    "settings",
    "sources",
    "notebook",
    "__main__",
}
"""Edges may import the core and each other; the core may import none of them."""
IO_MODULES = {
    "sqlite3",
    "sqlalchemy",
    "alembic",
    "fastapi",
    "starlette",
    "uvicorn",
    "typer",
    "click",
    "rich",
    "httpx",
    "requests",
    "urllib",
    "socket",
    "subprocess",
    "yaml",
    "plotly",
    "jinja2",
}
"""Third-party and standard modules that mean I/O or an edge framework: forbidden in the core."""


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "podium" or len(parts) < 2:
        return None
    return parts[1].removesuffix(".py")


def modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out.append((name, path))
    return out


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def test_every_module_belongs_to_a_known_layer() -> None:
    unknown = {layer_of(name) for name, _ in modules()} - set(CORE_ORDER) - EDGES - {None}
    assert not unknown, f"modules outside every layer: {unknown}; add them to CORE_ORDER or EDGES"


def violations(name: str, path: Path) -> list[str]:
    """Every import of module ``name`` (source at ``path``) that breaks the layering."""
    layer = layer_of(name)
    if layer not in CORE_ORDER:
        return []
    rank = CORE_ORDER.index(layer)
    found: list[str] = []
    for imported in imports(path):
        target = layer_of(imported)
        top = imported.split(".")[0]
        if top in IO_MODULES:
            found.append(f"{name} (core) imports {imported}: the core does no I/O")
        if target is None:
            continue
        if target in EDGES:
            found.append(f"{name} (core layer {layer!r}) imports the edge {imported}")
        elif target in CORE_ORDER and CORE_ORDER.index(target) > rank:
            found.append(f"{name} (layer {layer!r}) imports {imported} from the higher layer {target!r}")
    return found


@pytest.mark.parametrize(("name", "path"), modules(), ids=[n for n, _ in modules()])
def test_import_direction(name: str, path: Path) -> None:
    assert violations(name, path) == []


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("podium.rules.bad", "from podium.standings import compute_standings\n", "higher layer 'standings'"),
        ("podium.title.bad", "import sqlalchemy\n", "does no I/O"),
        ("podium.model.bad", "from podium.store import open_store\n", "imports the edge podium.store"),
        ("podium.present.bad", "from fastapi import FastAPI\n", "does no I/O"),
    ],
)
def test_the_checker_catches_a_wrong_direction(tmp_path: Path, name: str, source: str, expected: str) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(source)
    found = violations(name, bad)
    assert len(found) == 1 and expected in found[0], found


def test_the_checker_lets_a_right_direction_pass(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text("from podium.rules import Ruleset\nfrom podium.errors import InputError\n")
    assert violations("podium.standings.good", good) == []
    assert violations("podium.cli.anything", good) == []
