"""(being written) Routes of this module are registered by :func:`podium.web.api.app.create_api`."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
