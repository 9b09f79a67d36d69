"""podium's core, store and command line work without the optional extras installed.

The extras (web, postgres, plots; NumPy and pandas come with OR-Tools) are hidden from a child
interpreter by an import hook; what must still work there is what ``pip install podium`` promises.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRAS_ONLY = [
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "plotly",
    "matplotlib",
    "psycopg",
    "itsdangerous",
    "multipart",
    "cachetools",
    "icalendar",
    "redis",
]

PRELUDE = f"""
import importlib.abc, sys
HIDDEN = {EXTRAS_ONLY!r}
class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, Hide())
"""


def run_without_extras(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PRELUDE + code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_the_core_and_the_store_import_without_extras() -> None:
    done = run_without_extras(
        "import podium.errors, podium.model, podium.rules, podium.standings, podium.title, "
        "podium.present.text, podium.present.data, podium.store, podium.importers.f1db, podium.cli\n"
        "print('ok')"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_command_line_answers_without_extras() -> None:
    done = run_without_extras(
        "from typer.testing import CliRunner\n"
        "from podium.cli import app\n"
        "import json\n"
        "r = CliRunner()\n"
        "title = r.invoke(app, ['title', '--scenario', 'examples/sebring-2020-gold.toml', '--json'])\n"
        "fc = r.invoke(app, ['forecast', '--scenario', 'examples/sebring-2020-gold.toml', '--json'])\n"
        "serve = r.invoke(app, ['serve', '--database', 'sqlite://'])\n"
        "out = [title.exit_code, title.stdout, fc.exit_code, fc.stdout, serve.exit_code, serve.output]\n"
        "print(json.dumps(out))"
    )
    assert done.returncode == 0, done.stderr
    title_code, title_out, fc_code, fc_out, serve_code, serve_out = json.loads(done.stdout)
    assert title_code == 0
    assert json.loads(title_out)["competitors"]
    assert fc_code == 0 and json.loads(fc_out)
    assert serve_code == 2 and "pip install 'podium[web]'" in " ".join(serve_out.split())


def test_every_extra_is_declared_and_dev_installs_them_all() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = " ".join(project["dependencies"])
    extras = project["optional-dependencies"]
    assert {"web", "postgres", "plots", "redis", "all", "dev"} <= set(extras)
    assert "redis" in extras["all"][0]
    for hidden in ("fastapi", "plotly", "matplotlib", "psycopg", "redis", "cachetools", "icalendar"):
        assert hidden not in base, f"{hidden} is an extra, not a core dependency"
    assert "podium[all]" in extras["dev"]
    assert (ROOT / "src" / "podium" / "py.typed").exists()
