"""Accounts and API tokens on both backends: argon2 passwords, hashed tokens, roles, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from podium.cli import app
from podium.errors import ConsistencyError, InputError, NotFoundError
from podium.store import Store, open_store
from podium.store import schema as t
from podium.store.accounts import Accounts, Role, token_hash
from storekit import db_url_fixture, migrated_template_fixture, store_fixture  # noqa: F401

PASSWORD = "correct horse battery staple"


def rows(url: str, table: sa.Table) -> list[dict[str, object]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(table))]
    finally:
        engine.dispose()


def test_passwords_are_argon2_hashes_and_authenticate(store: Store, db_url: str) -> None:
    accounts = Accounts(store)
    created = accounts.add_user("ana", Role.ADMIN, PASSWORD)
    assert created.role is Role.ADMIN
    [stored] = rows(db_url, t.account)
    assert str(stored["password_hash"]).startswith("$argon2id$")
    assert PASSWORD not in str(stored)
    user = accounts.authenticate("ana", PASSWORD)
    assert user is not None and user.name == "ana" and user.role is Role.ADMIN
    assert accounts.authenticate("ana", PASSWORD + "x") is None
    assert accounts.authenticate("nobody", PASSWORD) is None


def test_bad_accounts_are_refused_with_every_problem(store: Store) -> None:
    accounts = Accounts(store)
    with pytest.raises(InputError) as caught:
        accounts.add_user("bad name!", Role.VIEWER, "short")
    assert len(caught.value.problems) == 2
    with pytest.raises(InputError, match="unknown role 'boss'"):
        accounts.add_user("ana", "boss", PASSWORD)
    accounts.add_user("ana", "steward", PASSWORD)
    with pytest.raises(ConsistencyError, match="already exists"):
        accounts.add_user("ana", "viewer", PASSWORD)
    with pytest.raises(NotFoundError):
        accounts.set_role("nobody", Role.ADMIN)


def test_roles_include_the_ones_below() -> None:
    assert Role.ADMIN.allows(Role.STEWARD) and Role.STEWARD.allows(Role.VIEWER)
    assert not Role.VIEWER.allows(Role.STEWARD) and not Role.STEWARD.allows(Role.ADMIN)


def test_disabled_accounts_and_changed_passwords(store: Store) -> None:
    accounts = Accounts(store)
    accounts.add_user("ana", Role.STEWARD, PASSWORD)
    accounts.set_password("ana", "another long passphrase")
    assert accounts.authenticate("ana", PASSWORD) is None
    assert accounts.authenticate("ana", "another long passphrase") is not None
    accounts.set_disabled("ana", True)
    assert accounts.authenticate("ana", "another long passphrase") is None
    accounts.set_role("ana", "viewer")
    assert accounts.user("ana").role is Role.VIEWER and accounts.user("ana").disabled


def test_tokens_are_stored_hashed_shown_once_and_revocable(store: Store, db_url: str) -> None:
    accounts = Accounts(store)
    accounts.add_user("ana", Role.STEWARD, PASSWORD)
    token, secret = accounts.create_token("timing", user="ana")
    assert secret.startswith("podium_") and len(secret) > 40
    [stored] = rows(db_url, t.api_token)
    assert stored["token_hash"] == token_hash(secret) and secret not in str(stored)
    user = accounts.user_for_token(secret)
    assert user is not None and user.name == "ana"
    assert accounts.tokens()[0].last_used_at is not None
    assert accounts.user_for_token(secret + "x") is None
    assert accounts.user_for_token("not-a-token") is None
    with pytest.raises(ConsistencyError, match="already exists"):
        accounts.create_token("timing", user="ana")
    with pytest.raises(NotFoundError):
        accounts.create_token("other", user="nobody")
    revoked = accounts.revoke_token(token.name)
    assert not revoked.active
    assert accounts.user_for_token(secret) is None
    with pytest.raises(ConsistencyError, match="already revoked"):
        accounts.revoke_token("timing")


def test_a_disabled_account_s_tokens_stop_working(store: Store) -> None:
    accounts = Accounts(store)
    accounts.add_user("bot", Role.STEWARD, PASSWORD)
    _, secret = accounts.create_token("bot-token", user="bot")
    accounts.set_disabled("bot", True)
    assert accounts.user_for_token(secret) is None


def test_users_and_tokens_from_the_command_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'accounts.db'}"
    open_store(db, migrate=True).close()
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None) -> str:
        result = runner.invoke(app, [*args, "--database", db], input=stdin, env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        return result.output

    assert "user ana (admin) created" in run(
        "user", "add", "ana", "--role", "admin", "--password-stdin", stdin=PASSWORD
    )
    assert "created" in run("user", "add", "sam", "--role", "steward", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    listed = json.loads(run("user", "list", "--json"))
    assert [(u["name"], u["role"]) for u in listed] == [("ana", "admin"), ("sam", "steward")]
    output = run("token", "create", "laptop", "--user", "sam")
    secret = output.strip().splitlines()[-1]
    assert secret.startswith("podium_")
    store = open_store(db)
    try:
        user = Accounts(store).user_for_token(secret)
        assert user is not None and user.name == "sam"
    finally:
        store.close()
    assert "revoked" in run("token", "revoke", "laptop")
    assert json.loads(run("token", "list", "--json"))[0]["revoked_at"] is not None
    refused = runner.invoke(app, ["user", "add", "x", "--role", "boss", "--password-stdin", "--database", db])
    assert refused.exit_code == 2 and "unknown role" in refused.output
