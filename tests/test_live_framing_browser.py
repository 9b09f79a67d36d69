"""Framing across origins, as a broadcaster's studio page and a series' own site do it, in Chromium.

The headers are checked in tests/test_live.py and tests/test_web_looks.py; this test proves the
browser obeys them. A host page served from another origin (``localhost`` on another port, while
podium answers on ``127.0.0.1``) frames four podium pages: the tower overlay and the standings
widget, which the settings let that origin frame; the needs overlay, which they do not; and the
admin, which nobody may frame. Chromium must render the first two and refuse the last two.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from livekit import sebring_url_fixture  # noqa: F401
from webkit import LiveServer, free_port, make_app, page_fixture  # noqa: F401

SESSION = "r08-race-2"
REF = "gt3-usa-2020"


class _HostPage:
    """A one-page site on ``localhost:<port>`` whose page frames the given URLs."""

    def __init__(self, port: int, frames: dict[str, str]) -> None:
        body = "".join(
            f'<iframe id="{name}" src="{url}" width="640" height="360"></iframe>'
            for name, url in frames.items()
        )
        html = f"<!doctype html><title>studio</title>{body}".encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(html)))
                self.end_headers()
                self.wfile.write(html)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.url = f"http://localhost:{port}/"
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _HostPage:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _rendered(page: Any, name: str) -> bool:
    """Whether Chromium rendered the framed podium page (a refused frame shows Chromium's own
    error document instead, at a chrome-error:// address)."""
    handle = page.locator(f"#{name}").element_handle()
    frame = handle.content_frame() if handle else None
    return frame is not None and frame.url.startswith("http://127.0.0.1:")


def test_chromium_frames_only_what_the_settings_allow(sebring_url: str, tmp_path: Path, page: Any) -> None:
    host_port = free_port()
    studio = f"http://localhost:{host_port}"
    app = make_app(
        sebring_url,
        live_dir=str(tmp_path),
        live_frame_ancestors=f"tower={studio};*='none'",
        embed_frame_ancestors=studio,
    )
    try:
        with LiveServer(app) as site:
            frames = {
                "tower": f"{site.url}/live/{SESSION}/platinum/tower",
                "widget": f"{site.url}/embed/{REF}/standings/platinum",
                "needs": f"{site.url}/live/{SESSION}/platinum/needs",
                "admin": f"{site.url}/admin",
            }
            with _HostPage(host_port, frames) as host:
                page.goto(host.url)
                page.wait_for_load_state("load")
                assert _rendered(page, "widget") and _rendered(page, "tower")
                assert "Jeff Kingsley" in page.frame_locator("#widget").locator("body").inner_text()
                assert page.frame_locator("#tower").locator("#tower-rows").count() == 1
                assert not _rendered(page, "needs")
                assert not _rendered(page, "admin")
                page.goto("about:blank")
    finally:
        app.state.site.store.close()
