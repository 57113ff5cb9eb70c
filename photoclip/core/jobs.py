"""Long work the user watches and can stop: progress reports and pause / resume / cancel.

Shared by the indexer, the duplicate finder and the XMP export (and the GUI's workers), so that
none of them imports another for these.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    pass


class RunControl:
    """Pause, resume and cancel for long work, checked by the worker between items."""

    def __init__(self) -> None:
        self._running = threading.Event()
        self._running.set()
        self._cancelled = threading.Event()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def cancel(self) -> None:
        self._cancelled.set()
        self._running.set()  # a paused run must wake up to stop

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def checkpoint(self, on_pause: Callable[[], None] | None = None) -> None:
        """Wait while paused; raise Cancelled once cancelled."""
        if not self._running.is_set():
            if on_pause:
                on_pause()
            self._running.wait()
        if self._cancelled.is_set():
            raise Cancelled


@dataclass
class Progress:
    state: str  # scanning, indexing, paused, saving, done, cancelled
    done: int = 0
    total: int = 0
    skipped: int = 0
    rate: float = 0.0  # files per second
    eta: float | None = None  # seconds left
    current: str = ""
    model_problem: str | None = None  # why photos are catalogued without vectors (no model)
    step: str = ""  # an ingest step's name ("text") when the run only catches up with that step


def default_workers() -> int:
    return max(1, min(8, (os.cpu_count() or 2)))
