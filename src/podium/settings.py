"""Settings: one frozen object, read from ``PODIUM_*`` environment variables and an optional TOML file.

Configuration comes in through this object only (datasette's pattern): nothing reads the
environment at import time. Precedence, highest first: an explicit argument (a CLI option), the
environment (``PODIUM_DATABASE_URL``), the TOML file, the default. The file is the one named by
``PODIUM_CONFIG``, else ``podium.toml`` in the working directory when there is one.

Every setting is a field of :class:`Settings` with its help text in the field's metadata, so the
defaults, the environment names, the docs and the error messages all come from one place. Adding a
setting (the web edge will) is adding a field.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from podium.errors import InputError, Problem, unknown_hint

ENV_PREFIX = "PODIUM_"
CONFIG_ENV = "PODIUM_CONFIG"
DEFAULT_CONFIG_FILE = "podium.toml"


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything podium can be configured with; build it with :func:`load_settings`."""

    database_url: str = field(
        default="sqlite:///podium.db",
        metadata=_help(
            "SQLAlchemy URL of the store: sqlite:///path.db (WAL mode, foreign keys on) or "
            "postgresql+psycopg://user@host/db"
        ),
    )
    author: str = field(
        default="",
        metadata=_help("Who is recorded as the author of changes; empty means the operating-system user"),
    )
    secret_key: str = field(
        default="",
        repr=False,
        metadata=_help(
            "Key that signs the web admin's session cookies (keep it secret, 32+ random characters); "
            "empty means a new random key per process, so everyone is signed out when the server restarts"
        ),
    )
    title_workers: int = field(
        default=1,
        metadata=_help(
            "Worker processes that prove title states and what-ifs for the website, off the request "
            "path (at least 1; each uses up to one CPU core while it proves)"
        ),
    )
    whatif_queue: int = field(
        default=4,
        metadata=_help(
            "What-if computations that may wait or run at once; beyond it the website answers 503 "
            "with Retry-After"
        ),
    )
    whatif_wait: int = field(
        default=30,
        metadata=_help(
            "Seconds a what-if request waits for its worker before answering 503 (the result is kept: "
            "asking again gets it)"
        ),
    )
    live_dir: str = field(
        default=".podium-live",
        metadata=_help(
            "Folder where live states (podium live follow) are kept: the last known order survives a "
            "restart and podium serve shows what a follower in another process publishes"
        ),
    )
    live_frame_ancestors: str = field(
        default="'self'",
        metadata=_help(
            "Who may embed the live overlay pages in a frame (CSP frame-ancestors): one list for "
            "every overlay, or per page as tower=SOURCES;banner=SOURCES;needs=SOURCES;*=SOURCES "
            "(the admin is never embeddable)"
        ),
    )
    base_url: str = field(
        default="http://localhost:8000",
        metadata=_help(
            "The public address of the website (scheme, host, optional port and path prefix, e.g. "
            "https://podium.example.org): every absolute link, feed id and calendar UID is built from "
            "it, never from the request's Host header"
        ),
    )
    allowed_hosts: str = field(
        default="localhost,127.0.0.1,testserver",
        metadata=_help(
            "Host names the website answers to, comma-separated (*.example.org for subdomains, * for "
            "any); the host of base_url is always allowed; a request for any other host is refused "
            "with 400 before it reaches a page or a cache"
        ),
    )
    forwarded_allow_ips: str = field(
        default="",
        metadata=_help(
            "Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are "
            "believed (comma-separated, * for any); empty: none, the connecting address is the client "
            "(login throttling counts per client address)"
        ),
    )
    redis_url: str = field(
        default="",
        metadata=_help(
            "redis://host:port/db shared by every worker and host of the website: the page cache, the "
            "login throttle and the proven title states live there, and a write in one worker "
            "invalidates the others' pages; empty: each process keeps them in its own memory"
        ),
    )
    max_body_bytes: int = field(
        default=16 * 1024 * 1024,
        metadata=_help(
            "Largest request body accepted, in bytes (results uploads and API writes); a larger one is "
            "refused with 413 before it is read"
        ),
    )
    embed_frame_ancestors: str = field(
        default="'none'",
        metadata=_help(
            "Who may embed the standings and title widgets (/embed/...) in a frame on their own site "
            "(CSP frame-ancestors, e.g. https://series.example); the admin is never embeddable"
        ),
    )
    site_name: str = field(
        default="",
        metadata=_help("The series' name at the head of every page; empty means the season's series name"),
    )
    site_logo: str = field(
        default="",
        metadata=_help(
            "An image file (SVG, PNG, JPEG or WebP, up to 512 KiB) shown in the header and as the "
            "favicon; empty means podium's chequered flag"
        ),
    )
    site_colour: str = field(
        default="#c8102e",
        metadata=_help(
            "The series' colour as #rrggbb: links, buttons, the header stripe (made darker or lighter "
            "where needed so text on it reads)"
        ),
    )
    class_colours: str = field(
        default="",
        metadata=_help(
            "Each class's colour as CLASS=#rrggbb separated by ';' (platinum=#8e9aa6;gold=#c9a227); "
            "classes not named take podium's palette in class order"
        ),
    )
    config_file: str = field(
        default="",
        metadata=_help("The TOML file these settings were read from (set by load_settings, not by you)"),
    )

    @property
    def author_name(self) -> str:
        """The author to record: the setting, else the login name, else "podium"."""
        if self.author.strip():
            return self.author.strip()
        try:
            return getpass.getuser() or "podium"
        except (OSError, KeyError):  # no login name in some containers
            return "podium"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting as documented: name, environment variable, default and help."""

    name: str
    env: str
    default: object
    help: str


def settings_registry() -> tuple[Setting, ...]:
    """Every setting, in declaration order (docs and ``--help`` read this)."""
    out = []
    for f in dataclasses.fields(Settings):
        out.append(Setting(f.name, ENV_PREFIX + f.name.upper(), f.default, str(f.metadata.get("help", ""))))
    return tuple(out)


def _convert(name: str, raw: object, default: object, source: str, problems: list[Problem]) -> object:
    """Read ``raw`` as the type of the setting's default; strings from the environment are parsed."""
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off", ""):
            return False
        problems.append(Problem(f"expected true or false, got {raw!r}", source=source, field=name, value=raw))
        return default
    if isinstance(default, int):
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        try:
            return int(str(raw).strip())
        except ValueError:
            problems.append(
                Problem(f"expected an integer, got {raw!r}", source=source, field=name, value=raw)
            )
            return default
    if not isinstance(raw, str):
        problems.append(Problem(f"expected text, got {raw!r}", source=source, field=name, value=raw))
        return default
    return raw


def _read_file(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(f"cannot read settings file: {exc}", source=str(path))) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(Problem(f"not valid TOML: {exc}", source=str(path))) from None


def load_settings(
    env: Mapping[str, str] | None = None,
    *,
    config_file: Path | None = None,
    cwd: Path | None = None,
    **overrides: object,
) -> Settings:
    """Settings from (lowest first) defaults, the TOML file, the environment, then ``overrides``.

    ``overrides`` whose value is ``None`` are ignored, so CLI options can be passed through as they
    come. Unknown keys in the file are errors (with a "did you mean"), as are values of the wrong type.

    :raises InputError: listing every bad key or value at once.
    """
    env = os.environ if env is None else env
    registry = {s.name: s for s in settings_registry()}
    problems: list[Problem] = []
    values: dict[str, object] = {}

    path = config_file
    if path is None and env.get(CONFIG_ENV):
        path = Path(env[CONFIG_ENV])
        if not path.is_file():
            raise InputError(
                Problem(f"{CONFIG_ENV} names a file that does not exist: {str(path)!r}", field=CONFIG_ENV)
            )
    if path is None:
        candidate = (cwd or Path.cwd()) / DEFAULT_CONFIG_FILE
        path = candidate if candidate.is_file() else None
    if path is not None:
        document = _read_file(path)
        for key, raw in document.items():
            if key not in registry or key == "config_file":
                hint = unknown_hint(key, registry)
                problems.append(Problem(f"unknown setting {key!r}{hint}", source=str(path), field=key))
                continue
            values[key] = _convert(key, raw, registry[key].default, str(path), problems)
        values["config_file"] = str(path)

    for setting in registry.values():
        if setting.env in env and setting.name != "config_file":
            values[setting.name] = _convert(
                setting.name, env[setting.env], setting.default, "environment", problems
            )

    for key, raw in overrides.items():
        if key not in registry:
            raise TypeError(f"unknown setting {key!r}")
        if raw is not None:
            values[key] = _convert(key, raw, registry[key].default, "option", problems)

    if problems:
        raise InputError(problems)
    return Settings(**values)  # type: ignore[arg-type]
