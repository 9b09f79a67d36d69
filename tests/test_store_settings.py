"""Settings: one frozen object from defaults, a TOML file, the environment and options (in that order)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from podium.errors import InputError
from podium.settings import Settings, load_settings, settings_registry


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings({}, cwd=tmp_path)
    assert settings == Settings()
    assert settings.database_url == "sqlite:///podium.db"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.database_url = "x"  # type: ignore[misc]


def test_precedence_file_then_environment_then_option(tmp_path: Path) -> None:
    config = tmp_path / "podium.toml"
    config.write_text('database_url = "sqlite:///from-file.db"\nauthor = "Race Control"\n', encoding="utf-8")
    assert load_settings({}, cwd=tmp_path).database_url == "sqlite:///from-file.db"
    assert load_settings({}, cwd=tmp_path).config_file == str(config)
    env = {"PODIUM_DATABASE_URL": "postgresql+psycopg://db/podium"}
    assert load_settings(env, cwd=tmp_path).database_url == "postgresql+psycopg://db/podium"
    assert (
        load_settings(env, cwd=tmp_path, database_url="sqlite:///option.db").database_url
        == "sqlite:///option.db"
    )
    assert (
        load_settings(env, cwd=tmp_path, database_url=None).database_url == "postgresql+psycopg://db/podium"
    )
    assert load_settings(env, cwd=tmp_path).author_name == "Race Control"


def test_config_file_named_by_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text('database_url = "sqlite:///elsewhere.db"\n', encoding="utf-8")
    settings = load_settings({"PODIUM_CONFIG": str(config)}, cwd=tmp_path / "missing")
    assert settings.database_url == "sqlite:///elsewhere.db"
    with pytest.raises(InputError, match="PODIUM_CONFIG names a file that does not exist"):
        load_settings({"PODIUM_CONFIG": str(tmp_path / "nope.toml")})


def test_bad_file_lists_every_problem(tmp_path: Path) -> None:
    config = tmp_path / "podium.toml"
    config.write_text('databse_url = "x"\nauthor = 7\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_settings({}, cwd=tmp_path)
    messages = [(p.field, p.message) for p in exc.value.problems]
    assert ("databse_url", "unknown setting 'databse_url' (did you mean 'database_url'?)") in messages
    assert ("author", "expected text, got 7") in messages
    config.write_text("database_url = \n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load_settings({}, cwd=tmp_path)


def test_registry_documents_every_setting() -> None:
    registry = {s.name: s for s in settings_registry()}
    assert set(registry) == {f.name for f in dataclasses.fields(Settings)}
    assert registry["database_url"].env == "PODIUM_DATABASE_URL"
    assert all(s.help for s in registry.values())
    docs = (Path(__file__).resolve().parents[1] / "docs" / "store.md").read_text(encoding="utf-8")
    for s in registry.values():
        if s.name != "config_file":
            assert f"`{s.env}`" in docs, f"{s.env} is not documented in docs/store.md"


def test_author_falls_back_to_the_login(tmp_path: Path) -> None:
    assert load_settings({}, cwd=tmp_path).author_name  # whatever the machine calls us, never empty
    assert load_settings({"PODIUM_AUTHOR": "  Steward  "}, cwd=tmp_path).author_name == "Steward"
