"""Rulesets in the store: the TOML text itself, versioned by name.

A season keeps the exact text that scores it, not a reference to a file that may change: a preset
updated in a later podium release, or a user's file edited on disk, becomes a *new version* only
when it is stored again (``podium season ruleset``), and the log says when.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, func, select

from podium.errors import NotFoundError, Problem, RuleError
from podium.rules import Ruleset, parse_ruleset_text, preset_names
from podium.store import schema as t


def _normalise(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def ruleset_source(name_or_path: str) -> tuple[Ruleset, str]:
    """A preset by name or a user's TOML file: the parsed ruleset and its exact text.

    :raises RuleError: for a file that is not a valid ruleset (every problem listed).
    :raises NotFoundError: for an unknown preset name.
    """
    path = Path(name_or_path)
    if name_or_path.endswith(".toml") and path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(Problem(f"cannot read ruleset: {exc}", source=str(path))) from None
        return parse_ruleset_text(text, source=str(path), default_id=path.stem), text
    wanted = _normalise(name_or_path)
    names = preset_names()
    if wanted not in names:
        raise NotFoundError("ruleset preset", name_or_path, choices=names)
    text = (resources.files("podium.rules") / "presets" / f"{wanted}.toml").read_text(encoding="utf-8")
    return parse_ruleset_text(text, source=f"presets/{wanted}.toml", default_id=wanted), text


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def parse_stored(name: str, version: int, text: str) -> Ruleset:
    """A stored ruleset text, parsed once per process."""
    return parse_ruleset_text(text, source=f"store:{name}@v{version}", default_id=name)


def store_ruleset(conn: Connection, name: str, text: str, origin: str, now: datetime) -> tuple[int, int]:
    """The (row id, version) of ``text`` under ``name``: the latest version if it is the same text,
    else a new version."""
    sha = digest(text)
    latest = conn.execute(
        select(t.ruleset.c.id, t.ruleset.c.version, t.ruleset.c.sha256)
        .where(t.ruleset.c.name == name)
        .order_by(t.ruleset.c.version.desc())
        .limit(1)
    ).first()
    if latest is not None and latest.sha256 == sha:
        return latest.id, latest.version
    version = (latest.version if latest is not None else 0) + 1
    new_id = conn.execute(
        t.ruleset.insert()
        .values(name=name, version=version, text=text, sha256=sha, origin=origin, created_at=now)
        .returning(t.ruleset.c.id)
    ).scalar_one()
    return int(new_id), version


def stored_ruleset(conn: Connection, ruleset_id: int) -> tuple[str, int, str, str]:
    """(name, version, text, origin) of a stored ruleset."""
    row = conn.execute(
        select(t.ruleset.c.name, t.ruleset.c.version, t.ruleset.c.text, t.ruleset.c.origin).where(
            t.ruleset.c.id == ruleset_id
        )
    ).one()
    return row.name, row.version, row.text, row.origin


def find_version(conn: Connection, name: str, version: int) -> tuple[int, str] | None:
    """(row id, sha256) of a stored version, if any."""
    row = conn.execute(
        select(t.ruleset.c.id, t.ruleset.c.sha256).where(
            t.ruleset.c.name == name, t.ruleset.c.version == version
        )
    ).first()
    return (row.id, row.sha256) if row is not None else None


def next_version(conn: Connection, name: str) -> int:
    latest = conn.execute(select(func.max(t.ruleset.c.version)).where(t.ruleset.c.name == name)).scalar()
    return int(latest or 0) + 1
