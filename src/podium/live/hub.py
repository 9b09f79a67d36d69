"""Where live states are published: in memory for this process, on disk for restarts and other processes.

A follower publishes one state per class of a session (``r08-race-2`` / ``platinum``); the overlay
pages and the API read them here. Publishing is thread-safe and wakes every subscriber (each an
asyncio queue on its own loop). Each state is also written, atomically, as a small JSON file in the
hub's directory: a restarted podium starts from the last known order, and a ``podium serve`` in
another process sees what ``podium live follow`` publishes. These files are live state, never an
official result: nothing reads them into the store.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def safe_name(text: str) -> bool:
    """Session and class ids become file names: letters, digits, dot, dash, underscore only."""
    return bool(_SAFE.match(text))


class LiveHub:
    """The latest live state of each (session, class), and who wants to hear of the next."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._states: dict[tuple[str, str], dict[str, Any]] = {}
        self._subscribers: dict[
            tuple[str, str], list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Any]]]
        ] = {}
        self._listeners: list[Callable[[str, str, dict[str, Any]], None]] = []
        self._unsaved: dict[tuple[str, str], dict[str, Any]] = {}
        self._writer: threading.Thread | None = None
        self._wake = threading.Event()

    def path(self, session: str, class_id: str) -> Path | None:
        if self.directory is None or not (safe_name(session) and safe_name(class_id)):
            return None
        return self.directory / f"{session}--{class_id}.json"

    def publish(self, session: str, class_id: str, state: dict[str, Any], *, persist: bool = True) -> None:
        key = (session, class_id)
        with self._lock:
            self._states[key] = state
            subscribers = list(self._subscribers.get(key, ()))
            listeners = list(self._listeners)
        for loop, queue in subscribers:
            try:
                loop.call_soon_threadsafe(_offer, queue, state)
            except RuntimeError:  # that loop is closed: its subscriber is gone
                self._drop(key, queue)
        for listener in listeners:
            listener(session, class_id, state)
        if persist and self.path(session, class_id) is not None:
            self._save(key, state)

    def _save(self, key: tuple[str, str], state: dict[str, Any]) -> None:
        """Write on a background thread, coalescing: only the newest state of a key is written."""
        with self._lock:
            self._unsaved[key] = state
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_all, name="podium-live-save", daemon=True)
                self._writer.start()
        self._wake.set()

    def _write_all(self) -> None:
        while True:
            self._wake.wait(timeout=1.0)
            self._wake.clear()
            with self._lock:
                batch, self._unsaved = self._unsaved, {}
                if not batch:
                    self._writer = None
                    return
            for (session, class_id), state in batch.items():
                self._write(session, class_id, state)

    def _write(self, session: str, class_id: str, state: dict[str, Any]) -> None:
        path = self.path(session, class_id)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until every published state is on disk (tests, and before a process exits)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._unsaved and (self._writer is None or not self._writer.is_alive()):
                    return
            self._wake.set()
            time.sleep(0.01)

    def listen(self, listener: Callable[[str, str, dict[str, Any]], None]) -> None:
        """Call ``listener(session, class, state)`` on every publication (in the publisher's thread)."""
        with self._lock:
            self._listeners.append(listener)

    def get(self, session: str, class_id: str) -> dict[str, Any] | None:
        """The latest state: this process's, else the one on disk (another process's, or before a restart)."""
        with self._lock:
            state = self._states.get((session, class_id))
        if state is not None:
            return state
        return self.read_file(session, class_id)

    def read_file(self, session: str, class_id: str) -> dict[str, Any] | None:
        path = self.path(session, class_id)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def file_stamp(self, session: str, class_id: str) -> int | None:
        path = self.path(session, class_id)
        try:
            return path.stat().st_mtime_ns if path is not None else None
        except OSError:
            return None

    def classes(self, session: str) -> list[str]:
        """Classes with a state for ``session`` (in memory or on disk)."""
        with self._lock:
            found = {c for s, c in self._states if s == session}
        if self.directory is not None and self.directory.is_dir() and safe_name(session):
            found.update(
                p.name.removeprefix(f"{session}--").removesuffix(".json")
                for p in self.directory.glob(f"{session}--*.json")
            )
        return sorted(found)

    def subscribe(self, session: str, class_id: str) -> asyncio.Queue[Any]:
        """A queue that receives every state published from now on (call from the reader's loop)."""
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=64)
        loop = asyncio.get_running_loop()
        with self._lock:
            self._subscribers.setdefault((session, class_id), []).append((loop, queue))
        return queue

    def unsubscribe(self, session: str, class_id: str, queue: asyncio.Queue[Any]) -> None:
        self._drop((session, class_id), queue)

    def _drop(self, key: tuple[str, str], queue: asyncio.Queue[Any]) -> None:
        with self._lock:
            self._subscribers[key] = [(lp, q) for lp, q in self._subscribers.get(key, []) if q is not queue]


def _offer(queue: asyncio.Queue[Any], state: dict[str, Any]) -> None:
    """Put the newest state; a reader that fell behind loses the oldest (only the latest matters)."""
    if queue.full():
        queue.get_nowait()
    queue.put_nowait(state)
