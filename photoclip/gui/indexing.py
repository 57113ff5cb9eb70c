"""The library's one writer (the core's `LibraryWorker`), with its callbacks turned into Qt signals.

The worker reports on its own thread; each report is re-emitted as a queued signal, so the
status bar and the views hear of it on the GUI thread. Starting the worker opens the library
(and may wait for SQLite's write lock), so it happens in a job, never on the GUI thread.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.library import is_default_library
from ..core.lock import LibraryLocked
from ..core.worker import LibraryWorker, WorkerStatus

log = logging.getLogger(__name__)

BUSY_STATES = ("scanning", "indexing")


class Indexing(QObject):
    status = Signal(object)  # a WorkerStatus, on every change
    changed = Signal()  # photos or folders changed in the catalog
    finished = Signal()  # a run ended (the library is up to date, or paused)
    readOnly = Signal(str)  # another process writes this library: why, for the user

    _status = Signal(object)
    _changed = Signal()

    def __init__(self, root: Path, model: str | None, device: str, parent: QObject | None = None):
        super().__init__(parent)
        self.last = WorkerStatus()
        self.writable = False
        self.read_only_reason = ""
        # Only the first run's own library is made on its own; another that is not there (a
        # drive not plugged in) is refused, not silently replaced by an empty one.
        self._worker = LibraryWorker(root, model=model, device=device, watch=True,
                                     on_status=self._status.emit, on_change=self._changed.emit,
                                     create=is_default_library(root))
        self._status.connect(self._on_status)
        self._changed.connect(self.changed)
        self._paused = False

    # -- life (start runs in a job; the rest anywhere) -----------------------------------------------
    def start_blocking(self) -> str | None:
        """Open the library as its writer. Returns None, or why this window cannot write it."""
        try:
            self._worker.start()
        except LibraryLocked as e:
            return str(e)
        self.writable = True
        return None

    def stop(self) -> None:
        if self.writable:
            self._worker.stop()

    @property
    def model(self) -> str | None:
        return self._worker.model

    @property
    def previous_model(self) -> str | None:
        return self._worker.previous_model

    # -- controls -----------------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def busy(self) -> bool:
        return self.last.state in BUSY_STATES or self.last.state == "paused" and self.last.total > 0

    def pause(self) -> None:
        self._paused = True
        self._worker.pause()

    def resume(self) -> None:
        self._paused = False
        self._worker.resume()

    def rescan(self) -> None:
        if self.writable:
            self._worker.rescan()

    def add_folder(self, path: str) -> None:
        """Raises FileNotFoundError if it is not a folder; indexing follows in the background."""
        self._worker.add_folder(path)

    def remove_folder(self, path: str) -> None:
        self._worker.remove_folder(path)

    def _on_status(self, status: WorkerStatus) -> None:
        was_busy = self.last.state in BUSY_STATES
        self.last = status
        self.status.emit(status)
        if was_busy and status.state not in BUSY_STATES:
            self.finished.emit()
