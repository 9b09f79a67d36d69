"""The API explorer at ``/api/v1/docs``: Swagger UI 5 from the ``swagger-ui-bundle-v2`` package (4.x
cannot read OpenAPI 3.1), served by the app itself (no CDN), with no inline script, so the site's
Content-Security-Policy allows it."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "docs/assets"
"""Where Swagger UI's files are served, under the API's mount (``/api/v1/docs/assets/…``)."""

INIT_JS = """\
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: new URL("openapi.json", document.baseURI).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
"""


def swagger_ui_dir() -> Path:
    """Swagger UI's built files, as ``swagger-ui-bundle-v2`` installs them."""
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


def page(title: str) -> str:
    """The explorer's page: every script and style a file of this app. ``docs`` has no trailing
    slash, so ``openapi.json`` and ``docs/assets/…`` resolve beside it, under the API's mount."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — explorer</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
"""


def install_explorer(api: FastAPI) -> None:
    """``/docs`` (the page), ``/docs/init.js`` (its only script of ours) and ``/docs/assets``."""
    html = page(api.title)

    @api.get("/docs", include_in_schema=False)
    def explorer() -> HTMLResponse:
        return HTMLResponse(html)

    @api.get("/docs/init.js", include_in_schema=False)
    def explorer_init() -> HTMLResponse:
        return HTMLResponse(INIT_JS, media_type="text/javascript")

    api.mount(f"/{ASSETS}", StaticFiles(directory=swagger_ui_dir()), name="explorer-assets")
