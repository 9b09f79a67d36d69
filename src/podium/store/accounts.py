"""Accounts of the web admin and their API tokens: who may change a season, and how they prove it.

Passwords are kept as argon2id hashes (argon2-cffi); a token is shown once when created and kept as
the SHA-256 of its text (a token is 256 random bits, so a fast hash is as good as a slow one and a
lookup by hash stays one indexed query). Accounts live beside the seasons, not in their log: a role
or password is changed in place, a token is revoked by stamping ``revoked_at``. The name of an
account is what the log records as the author of the changes its owner makes.

    accounts = Accounts(store)
    accounts.add_user("ana", Role.STEWARD, "a long passphrase")
    token, secret = accounts.create_token("timing-bot", user="ana")   # show ``secret`` once
    accounts.user_for_token(secret)                                    # -> User("ana", steward)
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from podium.errors import ConsistencyError, InputError, NotFoundError, Problem
from podium.store import schema as t
from podium.store.base import StoreBase

MIN_PASSWORD = 10
"""Shortest password accepted: long passphrases beat clever rules."""
TOKEN_PREFIX = "podium_"
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")

_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("podium: no such account")
"""Verified against when the account does not exist, so both answers take the same time."""


class Role(StrEnum):
    """What an account may do: each role includes the ones below it."""

    ADMIN = "admin"
    """Everything a steward does, plus managing accounts and tokens."""
    STEWARD = "steward"
    """Enter results, apply penalties and corrections, undo changes."""
    VIEWER = "viewer"
    """Read the admin pages and the audit log; change nothing."""

    @property
    def rank(self) -> int:
        return {Role.VIEWER: 0, Role.STEWARD: 1, Role.ADMIN: 2}[self]

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what ``needed`` may."""
        return self.rank >= needed.rank

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise InputError(
                Problem(
                    f"unknown role {text!r}; choose {', '.join(r.value for r in cls)}",
                    field="role",
                    value=text,
                )
            ) from None


@dataclass(frozen=True, slots=True)
class User:
    """An account as the rest of podium sees it (never its password hash)."""

    name: str
    role: Role
    created_at: datetime
    disabled: bool = False

    def can(self, needed: Role) -> bool:
        return not self.disabled and self.role.allows(needed)


@dataclass(frozen=True, slots=True)
class Token:
    """An API token as listed (its text is shown once, at creation, and never stored)."""

    id: int
    name: str
    user: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _check_name(name: str, what: str) -> list[Problem]:
    if NAME_PATTERN.fullmatch(name or ""):
        return []
    return [
        Problem(
            f"a {what} name is 1 to 64 letters, digits or . _ @ - (starting with a letter or digit), "
            f"got {name!r}",
            field="name",
            value=name,
        )
    ]


def _check_password(password: str) -> list[Problem]:
    if len(password) >= MIN_PASSWORD:
        return []
    return [Problem(f"a password needs at least {MIN_PASSWORD} characters", field="password")]


class Accounts:
    """The accounts and tokens of one store (SQLite or PostgreSQL, the store's own transactions)."""

    def __init__(self, store: StoreBase) -> None:
        self.store = store

    # -- accounts ------------------------------------------------------------------------------------
    def add_user(self, name: str, role: Role | str, password: str) -> User:
        """Create an account. :raises InputError: bad name, role or password; ConsistencyError: taken."""
        chosen = role if isinstance(role, Role) else Role.parse(role)
        problems = _check_name(name, "user") + _check_password(password)
        if problems:
            raise InputError(problems)
        now = datetime.now(UTC)
        with self.store._writing() as conn:
            if conn.execute(select(t.account.c.name).where(t.account.c.name == name)).first():
                raise ConsistencyError(f"user {name!r} already exists")
            conn.execute(
                t.account.insert().values(
                    name=name,
                    role=chosen.value,
                    password_hash=_HASHER.hash(password),
                    disabled=False,
                    created_at=now,
                )
            )
        return User(name, chosen, now)

    def users(self) -> list[User]:
        with self.store._reading() as conn:
            rows = conn.execute(select(t.account).order_by(t.account.c.name)).all()
        return [User(r.name, Role(r.role), r.created_at, r.disabled) for r in rows]

    def user(self, name: str) -> User:
        with self.store._reading() as conn:
            row = conn.execute(select(t.account).where(t.account.c.name == name)).first()
        if row is None:
            raise NotFoundError("user", name)
        return User(row.name, Role(row.role), row.created_at, row.disabled)

    def set_password(self, name: str, password: str) -> None:
        problems = _check_password(password)
        if problems:
            raise InputError(problems)
        self._update(name, password_hash=_HASHER.hash(password))

    def set_role(self, name: str, role: Role | str) -> None:
        chosen = role if isinstance(role, Role) else Role.parse(role)
        self._update(name, role=chosen.value)

    def set_disabled(self, name: str, disabled: bool) -> None:
        """A disabled account cannot sign in, and its sessions and tokens stop working at once."""
        self._update(name, disabled=disabled)

    def _update(self, name: str, **values: object) -> None:
        with self.store._writing() as conn:
            done = conn.execute(t.account.update().where(t.account.c.name == name).values(**values))
            if done.rowcount == 0:
                raise NotFoundError("user", name)

    def authenticate(self, name: str, password: str) -> User | None:
        """The account if ``password`` is its password and it is enabled, else ``None``.

        An unknown name costs the same time as a wrong password (no guessing which names exist).
        """
        with self.store._reading() as conn:
            row = conn.execute(select(t.account).where(t.account.c.name == name)).first()
        stored = row.password_hash if row is not None else _DUMMY_HASH
        try:
            _HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or row.disabled:
            return None
        if _HASHER.check_needs_rehash(stored):
            self._update(name, password_hash=_HASHER.hash(password))
        return User(row.name, Role(row.role), row.created_at, row.disabled)

    # -- tokens --------------------------------------------------------------------------------------
    def create_token(self, name: str, *, user: str) -> tuple[Token, str]:
        """A new token for ``user``; returns it and its secret text, which is never shown again."""
        problems = _check_name(name, "token")
        if problems:
            raise InputError(problems)
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.store._writing() as conn:
            if conn.execute(select(t.account.c.name).where(t.account.c.name == user)).first() is None:
                raise NotFoundError("user", user)
            if conn.execute(select(t.api_token.c.id).where(t.api_token.c.name == name)).first():
                raise ConsistencyError(f"a token named {name!r} already exists (token names are unique)")
            token_id = conn.execute(
                t.api_token.insert()
                .values(name=name, account=user, token_hash=token_hash(secret), created_at=now)
                .returning(t.api_token.c.id)
            ).scalar_one()
        return Token(int(token_id), name, user, now), secret

    def tokens(self, *, user: str | None = None) -> list[Token]:
        query = select(t.api_token).order_by(t.api_token.c.id)
        if user is not None:
            query = query.where(t.api_token.c.account == user)
        with self.store._reading() as conn:
            rows = conn.execute(query).all()
        return [Token(r.id, r.name, r.account, r.created_at, r.last_used_at, r.revoked_at) for r in rows]

    def revoke_token(self, name: str) -> Token:
        """Revoke the token called ``name``: it stops working at once and stays listed."""
        now = datetime.now(UTC)
        with self.store._writing() as conn:
            row = conn.execute(select(t.api_token).where(t.api_token.c.name == name)).first()
            if row is None:
                names = conn.execute(select(t.api_token.c.name)).scalars().all()
                raise NotFoundError("token", name, choices=names)
            if row.revoked_at is not None:
                raise ConsistencyError(f"token {name!r} is already revoked")
            conn.execute(t.api_token.update().where(t.api_token.c.id == row.id).values(revoked_at=now))
        return Token(row.id, row.name, row.account, row.created_at, row.last_used_at, now)

    def user_for_token(self, secret: str) -> User | None:
        """The enabled account a live token belongs to, else ``None`` (the token's use is recorded)."""
        if not secret.startswith(TOKEN_PREFIX):
            return None
        digest = token_hash(secret)
        with self.store._writing() as conn:
            row = conn.execute(
                select(t.account, t.api_token.c.id.label("token_id"))
                .join(t.account, t.account.c.name == t.api_token.c.account)
                .where(t.api_token.c.token_hash == digest, t.api_token.c.revoked_at.is_(None))
            ).first()
            if row is None or row.disabled:
                return None
            conn.execute(
                t.api_token.update()
                .where(t.api_token.c.id == row.token_id)
                .values(last_used_at=datetime.now(UTC))
            )
        return User(row.name, Role(row.role), row.created_at, row.disabled)
