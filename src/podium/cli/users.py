"""``podium user`` and ``podium token``: accounts of the web admin and API tokens for scripts.

Passwords are asked twice without echo (or read from standard input with ``--password-stdin``, for
scripts) and stored as argon2 hashes; a token's text is printed once, when it is created.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from podium.cli.app import app, console, new_app, print_json
from podium.cli.sources import LangOption
from podium.cli.store_common import DatabaseOption, store_for
from podium.cli.words import Words
from podium.errors import InputError, Message, Problem
from podium.store.accounts import Accounts, Role

user_app = new_app("Accounts of the web admin: admin, steward (writes) or viewer (reads).")
token_app = new_app("API tokens: let a script write through /api/v1 as one account.")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")

RoleOption = Annotated[str, typer.Option("--role", "-r", help="admin | steward | viewer.")]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _password(from_stdin: bool, lang: str) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InputError(Problem(Message("no password on standard input"), field="--password-stdin"))
        return line
    value: str = typer.prompt(Words(lang)(Message("Password")), hide_input=True, confirmation_prompt=True)
    return value


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Account name (recorded as the author of its changes).")],
    role: RoleOption = "steward",
    password_stdin: PasswordStdin = False,
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Create an account; the password is asked twice (at least 10 characters).

    Example:

        podium user add ana --role admin
        echo "$PASSWORD" | podium user add timing --role steward --password-stdin
    """
    chosen = Role.parse(role)
    password = _password(password_stdin, lang)
    with store_for(database) as store:
        user = Accounts(store).add_user(name, chosen, password)
    said = Message("user [bold]{name}[/] ({role}) created", name=user.name, role=user.role.value)
    console.print("[green]✓[/] " + Words(lang)(said))


@user_app.command("list")
def user_list(database: DatabaseOption = None, as_json: JsonOption = False, lang: LangOption = "en") -> None:
    """Every account with its role and state."""
    with store_for(database) as store:
        users = Accounts(store).users()
    if as_json:
        print_json(
            [
                {
                    "name": u.name,
                    "role": u.role.value,
                    "disabled": u.disabled,
                    "created_at": u.created_at.isoformat(),
                }
                for u in users
            ]
        )
        return
    say = Words(lang)
    table = Table(title=say(Message("Users")), title_justify="left", header_style="bold")
    for column in (Message("Name"), Message("Role"), Message("State"), Message("Created")):
        table.add_column(say(column))
    for u in users:
        state = say(Message("disabled") if u.disabled else Message("active"))
        table.add_row(u.name, u.role.value, state, f"{u.created_at:%Y-%m-%d}")
    console.print(table)


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="Account name.")],
    password_stdin: PasswordStdin = False,
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Set a new password for an account."""
    password = _password(password_stdin, lang)
    with store_for(database) as store:
        Accounts(store).set_password(name, password)
    console.print("[green]✓[/] " + Words(lang)(Message("password of [bold]{name}[/] changed", name=name)))


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help="Account name.")],
    role: Annotated[str, typer.Argument(help="admin | steward | viewer.")],
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Change an account's role (takes effect on its next request)."""
    chosen = Role.parse(role)
    with store_for(database) as store:
        Accounts(store).set_role(name, chosen)
    console.print(
        "[green]✓[/] " + Words(lang)(Message("[bold]{name}[/] is now {role}", name=name, role=chosen.value))
    )


@user_app.command("disable")
def user_disable(
    name: Annotated[str, typer.Argument(help="Account name.")],
    enable: Annotated[bool, typer.Option("--enable", help="Enable it again instead.")] = False,
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Disable an account: it cannot sign in, its sessions and tokens stop working at once."""
    with store_for(database) as store:
        Accounts(store).set_disabled(name, not enable)
    said = (
        Message("[bold]{name}[/] enabled", name=name)
        if enable
        else Message("[bold]{name}[/] disabled", name=name)
    )
    console.print("[green]✓[/] " + Words(lang)(said))


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="A name for the token (unique), e.g. timing-laptop.")],
    user: Annotated[str, typer.Option("--user", "-u", help="The account the token acts as.")],
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Create an API token and print it once (only its hash is kept).

    Example:

        podium token create timing-laptop --user ana
        curl -H "Authorization: Bearer podium_…" -X POST …/api/v1/seasons/gt3-usa-2020/penalties
    """
    with store_for(database) as store:
        token, secret = Accounts(store).create_token(name, user=user)
    said = Message(
        "token [bold]{name}[/] for {user} created; it is shown only now:", name=token.name, user=token.user
    )
    console.print("[green]✓[/] " + Words(lang)(said))
    sys.stdout.write(secret + "\n")


@token_app.command("list")
def token_list(
    user: Annotated[str | None, typer.Option("--user", "-u", help="Only this account's tokens.")] = None,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
    lang: LangOption = "en",
) -> None:
    """Every token (never its text): account, creation, last use, revoked or not."""
    with store_for(database) as store:
        tokens = Accounts(store).tokens(user=user)
    if as_json:
        print_json(
            [
                {
                    "name": t.name,
                    "user": t.user,
                    "created_at": t.created_at.isoformat(),
                    "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                    "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
                }
                for t in tokens
            ]
        )
        return
    say = Words(lang)
    table = Table(title=say(Message("API tokens")), title_justify="left", header_style="bold")
    for column in (
        Message("Name"),
        Message("User"),
        Message("Created"),
        Message("Last used"),
        Message("State"),
    ):
        table.add_column(say(column))
    for t in tokens:
        state = Message("active") if t.active else Message("revoked {date}", date=f"{t.revoked_at:%Y-%m-%d}")
        table.add_row(
            t.name,
            t.user,
            f"{t.created_at:%Y-%m-%d}",
            f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "—",
            say(state),
        )
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    name: Annotated[str, typer.Argument(help="The token's name (podium token list).")],
    database: DatabaseOption = None,
    lang: LangOption = "en",
) -> None:
    """Revoke a token: it stops working at once (it stays listed as revoked)."""
    with store_for(database) as store:
        Accounts(store).revoke_token(name)
    console.print("[green]✓[/] " + Words(lang)(Message("token [bold]{name}[/] revoked", name=name)))
