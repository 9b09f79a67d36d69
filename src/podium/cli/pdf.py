"""``podium pdf``: the standings, an event's results or a title page as the PDF organisers post.

The page is the website's own, printed with its print stylesheet by a headless Chromium through
Playwright (the site is served on a loopback port for the time of the print). Without Playwright
or a Chromium the command says what to install and writes nothing.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from podium.cli.app import app, console
from podium.cli.extras import needs
from podium.cli.sources import LangOption
from podium.cli.store_common import DatabaseOption, settings
from podium.cli.words import Words
from podium.errors import InputError, Message, NotFoundError, PodiumError, Problem
from podium.sources import pick_season

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
START_SECONDS = 20.0
PAGE_MS = 60_000


class PdfPage(StrEnum):
    STANDINGS = "standings"
    TITLE = "title"
    EVENT = "event"


class NoBrowser(PodiumError):
    """No Chromium to print with."""


def find_chromium(given: str | None) -> str:
    """The Chromium to print with: ``given``, else the first on the PATH.

    :raises NoBrowser: saying how to install one.
    """
    if given:
        if Path(given).is_file() or shutil.which(given):
            return shutil.which(given) or given
        raise NoBrowser(Message("--chromium {given!r}: no such program", given=given))
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise NoBrowser(
        Message(
            "podium pdf prints with Chromium and none was found on the PATH "
            "(Debian/Ubuntu: apt-get install chromium; or pass --chromium PATH)"
        )
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@app.command("pdf")
def pdf_command(
    season: Annotated[str | None, typer.Argument(help="Season reference (default: the only one).")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The PDF file to write.")] = Path(
        "podium.pdf"
    ),
    page: Annotated[PdfPage, typer.Option(help="Which page to print.")] = PdfPage.STANDINGS,
    classification: Annotated[
        str | None, typer.Option("--class", help="Class of the standings or title page (default: the first).")
    ] = None,
    event: Annotated[str | None, typer.Option(help="Event id of --page event (see podium events).")] = None,
    lang: LangOption = "en",
    chromium: Annotated[str | None, typer.Option(help="Chromium to print with (default: from PATH).")] = None,
    database: DatabaseOption = None,
) -> None:
    """Write the standings, an event's results or a title page as a PDF (A4, print stylesheet).

    Example:

        podium pdf gt3-usa-2020 --class platinum -o platinum.pdf --lang fr
    """
    browser_path = find_chromium(chromium)
    with needs("web", "podium pdf"):
        import uvicorn

        from podium.web import create_app
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        raise NoBrowser("podium pdf needs Playwright to drive Chromium: pip install playwright") from None
    from podium.store import open_store

    config = settings(database)
    store = open_store(config.database_url, settings=config)
    application = create_app(config, store=store)
    site = application.state.site
    try:
        ref = pick_season(store, season)
        view = site.view(ref)
        chosen = view.season.classification(classification or view.season.classifications[0].id)
        if page is PdfPage.STANDINGS:
            path = f"/seasons/{ref}/standings/{chosen.id}"
        elif page is PdfPage.TITLE:
            site.prove(view, chosen.id)  # the document shows the proven picture, never "being worked out"
            path = f"/seasons/{ref}/title/{chosen.id}"
        else:
            if event is None:
                raise InputError(Problem(Message("--page event needs --event ID"), field="--event"))
            events = [e.id for e in view.season.events]
            if event not in events:
                raise NotFoundError("event", event, choices=events)
            path = f"/seasons/{ref}/events/{event}"
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + START_SECONDS
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise PodiumError(Message("podium pdf: the page server did not start"))
            time.sleep(0.02)
        try:
            url = f"http://127.0.0.1:{port}{path}?lang={lang}"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
                try:
                    tab = browser.new_page(locale=lang)
                    response = tab.goto(url, timeout=PAGE_MS)
                    if response is None or response.status != 200:
                        status = str(response.status) if response is not None else Message("no answer")
                        said = Message("the page {path} answered {status}", path=path, status=status)
                        raise InputError(Problem(said, field="--event"))
                    data = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
                finally:
                    browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    finally:
        site.close()
    output.write_bytes(data)
    wrote = Message("wrote {file} ({size} KiB): {path}", file=str(output), size=len(data) // 1024, path=path)
    console.print(Words(lang)(wrote))
