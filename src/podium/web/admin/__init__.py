"""(being written) The admin: login, roles, results, penalties, corrections, log, undo."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
