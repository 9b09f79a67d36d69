"""The championship website and JSON API (FastAPI + Jinja2): an edge on top of the store and the core.

    app = create_app(load_settings())      # then: uvicorn, or `podium serve`

Public pages are server-rendered (no build step, no CDN: Plotly's JS is served by the app itself);
the JSON API lives under ``/api/v1`` with its OpenAPI document at ``/api/v1/openapi.json``.
"""

from podium.web.app import create_app

__all__ = ["create_app"]
