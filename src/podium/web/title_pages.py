"""(being written) Routes of this module are registered by :func:`podium.web.app.create_app`."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
