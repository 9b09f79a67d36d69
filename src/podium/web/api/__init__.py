"""The JSON API, mounted at ``/api/v1``: the same data as the CLI's ``--json``."""

from podium.web.api.app import create_api

__all__ = ["create_api"]
