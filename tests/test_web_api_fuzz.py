"""Schemathesis against the API's own OpenAPI document: no request it describes may crash the server.

Every operation of ``/api/v1/openapi.json`` (reads, what-if, writes) gets its schema's examples, its
coverage cases and a bounded number of generated requests, in-process over ASGI on a fresh copy of
the demo database. A 4xx is a fine answer (writes without a token get 401); a 5xx is a bug. The title
endpoint proves things (seconds per class), so its cache is warmed for the example class first and
generation there is kept small.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import not_a_server_error

from podium.settings import load_settings
from podium.store import Store
from podium.store.demo import load_sebring_demo
from podium.web.api import create_api
from podium.web.site import Site
from webkit import DEMO_REF, make_app

MAX_EXAMPLES = 25


def api_document() -> dict[str, Any]:
    """The document ``/api/v1/openapi.json`` serves; it depends on the routes only, not on data."""
    site = Site(load_settings(env={}), cast(Store, None))
    document = create_api(site).openapi()
    document["servers"] = [{"url": "/api/v1"}]  # where create_app mounts it
    return document


schema = schemathesis.openapi.from_dict(api_document())
"""Built at import (pytest needs the operations to parametrize), served by the fixture's app."""


@pytest.fixture(scope="module", name="app")
def app_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """One demo site for every operation: a module-scoped copy of the demo database."""
    template = tmp_path_factory.mktemp("fuzz") / "demo.db"
    load_sebring_demo(f"sqlite:///{template}")
    app = make_app(f"sqlite:///{template}", whatif_wait=600)  # sequential calls: never busy
    site = app.state.site
    site.prove(site.view(DEMO_REF), "platinum")  # the class the schema's examples name
    yield app
    site.close()


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_request_crashes_the_api(case: Case[Any], app: FastAPI) -> None:
    case.call_and_validate(app=app, checks=[not_a_server_error])


def test_the_fuzzed_document_is_the_served_one(app: FastAPI) -> None:
    with TestClient(app) as client:
        served = client.get("/api/v1/openapi.json").json()
    assert served == api_document()
