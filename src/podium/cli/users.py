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
from podium.cli.store_common import DatabaseOption, store_for
from podium.errors import InputError, Problem
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


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InputError(Problem("no password on standard input", field="--password-stdin"))
        return line
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Account name (recorded as the author of its changes).")],
    role: RoleOption = "steward",
    password_stdin: PasswordStdin = False,
    database: DatabaseOption = None,
) -> None:
    """Create an account; the password is asked twice (at least 10 characters).

    Example:

        podium user add ana --role admin
        echo "$PASSWORD" | podium user add timing --role steward --password-stdin
    """
    chosen = Role.parse(role)
    password = _password(password_stdin)
    with store_for(database) as store:
        user = Accounts(store).add_user(name, chosen, password)
    console.print(f"[green]✓[/] user [bold]{user.name}[/] ({user.role.value}) created")


@user_app.command("list")
def user_list(database: DatabaseOption = None, as_json: JsonOption = False) -> None:
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
    table = Table(title="Users", title_justify="left", header_style="bold")
    for column in ("Name", "Role", "State", "Created"):
        table.add_column(column)
    for u in users:
        table.add_row(
            u.name, u.role.value, "disabled" if u.disabled else "active", f"{u.created_at:%Y-%m-%d}"
        )
    console.print(table)


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="Account name.")],
    password_stdin: PasswordStdin = False,
    database: DatabaseOption = None,
) -> None:
    """Set a new password for an account."""
    password = _password(password_stdin)
    with store_for(database) as store:
        Accounts(store).set_password(name, password)
    console.print(f"[green]✓[/] password of [bold]{name}[/] changed")


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help="Account name.")],
    role: Annotated[str, typer.Argument(help="admin | steward | viewer.")],
    database: DatabaseOption = None,
) -> None:
    """Change an account's role (takes effect on its next request)."""
    chosen = Role.parse(role)
    with store_for(database) as store:
        Accounts(store).set_role(name, chosen)
    console.print(f"[green]✓[/] [bold]{name}[/] is now {chosen.value}")


@user_app.command("disable")
def user_disable(
    name: Annotated[str, typer.Argument(help="Account name.")],
    enable: Annotated[bool, typer.Option("--enable", help="Enable it again instead.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Disable an account: it cannot sign in, its sessions and tokens stop working at once."""
    with store_for(database) as store:
        Accounts(store).set_disabled(name, not enable)
    console.print(f"[green]✓[/] [bold]{name}[/] {'enabled' if enable else 'disabled'}")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="A name for the token (unique), e.g. timing-laptop.")],
    user: Annotated[str, typer.Option("--user", "-u", help="The account the token acts as.")],
    database: DatabaseOption = None,
) -> None:
    """Create an API token and print it once (only its hash is kept).

    Example:

        podium token create timing-laptop --user ana
        curl -H "Authorization: Bearer podium_…" -X POST …/api/v1/seasons/gt3-usa-2020/penalties
    """
    with store_for(database) as store:
        token, secret = Accounts(store).create_token(name, user=user)
    console.print(f"[green]✓[/] token [bold]{token.name}[/] for {token.user} created; it is shown only now:")
    sys.stdout.write(secret + "\n")


@token_app.command("list")
def token_list(
    user: Annotated[str | None, typer.Option("--user", "-u", help="Only this account's tokens.")] = None,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
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
    table = Table(title="API tokens", title_justify="left", header_style="bold")
    for column in ("Name", "User", "Created", "Last used", "State"):
        table.add_column(column)
    for t in tokens:
        table.add_row(
            t.name,
            t.user,
            f"{t.created_at:%Y-%m-%d}",
            f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "—",
            "active" if t.active else f"revoked {t.revoked_at:%Y-%m-%d}",
        )
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    name: Annotated[str, typer.Argument(help="The token's name (podium token list).")],
    database: DatabaseOption = None,
) -> None:
    """Revoke a token: it stops working at once (it stays listed as revoked)."""
    with store_for(database) as store:
        Accounts(store).revoke_token(name)
    console.print(f"[green]✓[/] token [bold]{name}[/] revoked")
