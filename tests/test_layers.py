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
EDGES = {"importers", "store", "cli", "web", "verification", "forecast", "live", "settings", "__main__"}
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


@pytest.mark.parametrize(("name", "path"), modules(), ids=[n for n, _ in modules()])
def test_import_direction(name: str, path: Path) -> None:
    layer = layer_of(name)
    if layer not in CORE_ORDER:
        return
    rank = CORE_ORDER.index(layer)
    for imported in imports(path):
        target = layer_of(imported)
        top = imported.split(".")[0]
        assert top not in IO_MODULES, f"{name} (core) imports {imported}: the core does no I/O"
        if target is None:
            continue
        assert target not in EDGES, f"{name} (core layer {layer!r}) imports the edge {imported}"
        assert CORE_ORDER.index(target) <= rank, (
            f"{name} (layer {layer!r}) imports {imported} from the higher layer {target!r}"
        )


def test_the_checker_catches_a_wrong_direction(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from podium.standings import compute_standings\nimport sqlalchemy\n")
    found = imports(bad)
    assert "podium.standings" in found
    assert layer_of("podium.standings") == "standings"
    assert CORE_ORDER.index("standings") > CORE_ORDER.index("rules")
    assert "sqlalchemy" in found
