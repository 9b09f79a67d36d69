"""``podium serve``: the website and JSON API on this machine (uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from podium.cli.app import app, console
from podium.cli.extras import needs
from podium.cli.sources import LangOption
from podium.cli.store_common import DatabaseOption, settings
from podium.cli.words import Words
from podium.errors import Message


@app.command("serve")
def serve_command(
    database: DatabaseOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Web worker processes (set redis_url so they share caches, throttle and title proofs).",
        ),
    ] = 1,
    lang: LangOption = "en",
) -> None:
    """Serve the championship website and the JSON API.

    Pages: seasons, standings with the progression chart, the title battle (who has clinched, who
    can still win, what each needs), what-if, events, calendar (.ics) and results feed (Atom).
    API: /api/v1 (OpenAPI at /api/v1/openapi.json). Admin: /admin (create the first admin with
    `podium user add NAME --role admin`).

    Example:

        podium demo && podium serve --database sqlite:///podium-demo.db

    Behind a reverse proxy, with several workers, PostgreSQL and Redis: see docs/deploy.md.
    """
    with needs("web", "podium serve"):
        import uvicorn

        from podium.web import create_app
        from podium.web.app import SERVER_OPTIONS
    from podium.store import open_store

    say = Words(lang)
    config = settings(database)
    store = open_store(config.database_url, settings=config)
    if workers > 1:
        store.close()
        if not config.redis_url.strip():
            alone = Message(
                "without redis_url each worker keeps its own page cache, sign-in counts and title proofs "
                "(see docs/deploy.md)"
            )
            console.print("[yellow]" + say(alone) + "[/]")
        os.environ["PODIUM_DATABASE_URL"] = config.database_url  # each worker reads its settings anew
        running = Message(
            "podium on [bold]{url}[/] ({workers} workers); Ctrl+C stops it",
            url=f"http://{host}:{port}",
            workers=workers,
        )
        console.print(say(running))
        uvicorn.run(
            "podium.web.app:serve_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            **SERVER_OPTIONS,
        )
        return
    application = create_app(config, store=store)
    application.state.site.start_warming()  # title pages ready before the first reader asks
    running = Message(
        "podium on [bold]{url}[/] (database {database}); Ctrl+C stops it",
        url=f"http://{host}:{port}",
        database=str(store.url),
    )
    console.print(say(running))
    uvicorn.run(application, host=host, port=port, log_level="warning", **SERVER_OPTIONS)
