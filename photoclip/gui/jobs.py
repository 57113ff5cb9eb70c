"""Background threads that run the app's slow work, and hand results back to the GUI thread.

A `JobThread` runs jobs one after another. Each job is a plain function of the thread's own
`context` (where the thread keeps its own reader `Library`: SQLite wants one connection per
thread). Its result comes back to the GUI thread through a queued signal and is passed to the
`done` callback there; an exception goes to `failed`. A job submitted with a `key` replaces a
waiting job with the same key, so typing in the search box runs only the latest query.
"""
from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


def settle_heap() -> None:
    """Take every object alive now out of the garbage collector's full scans (gc.freeze).

    With torch loaded a process holds some 400,000 tracked objects, and a full collection,
    which Python starts by itself whenever enough new objects have survived (a 100,000-photo
    result is plenty), holds the GIL for 0.1 to 0.4 s: a visible freeze, whichever thread
    triggered it. Frozen objects are still freed by reference counting; only cycles among
    them stay, and the long-lived things frozen here (modules, models, the GUI) have none worth
    collecting. Called once the heavy imports are done and after large results land.
    """
    gc.freeze()


BACKGROUND_NICENESS = 10


def background_priority() -> None:
    """Let the GUI thread win the CPU from the calling thread (Linux: a per-thread nice value).

    Threads inherit it, so the writer started from a job thread, its decoding pool and torch's
    worker threads all yield to the GUI thread too: with all cores busy indexing, the window
    still answers at once.
    """
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
        except OSError:  # not allowed here: run at normal priority
            pass


@dataclass(eq=False)
class Job:
    fn: Callable[[Any], Any]
    done: Callable[[Any], None] | None = None
    failed: Callable[[BaseException], None] | None = None
    key: str | None = None
    cancelled: bool = False

    def cancel(self) -> None:
        """Neither run it (if still waiting) nor call back (if running)."""
        self.cancelled = True


@dataclass
class Context:
    """What a job thread keeps between jobs (its reader library, for one)."""

    values: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def set(self, **values) -> None:
        self.values.update(values)


class _Relay(QObject):
    """Lives in the GUI thread; calls back there what the job thread posts."""

    posted = Signal(object, object, bool)

    def __init__(self):
        super().__init__()
        self.closed = False  # the thread stopped: its views may be gone, drop what still arrives
        self.posted.connect(self._deliver)

    @Slot(object, object, bool)
    def _deliver(self, job: Job, payload: object, ok: bool) -> None:
        if job.cancelled or self.closed:
            return
        callback = job.done if ok else job.failed
        if callback is not None:
            callback(payload)
        elif not ok:
            log.error("background job failed: %s", payload)


class JobThread(QThread):
    def __init__(self, name: str, parent: QObject | None = None,
                 teardown: Callable[[Context], None] | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.context = Context()
        self._teardown = teardown
        self._jobs: deque[Job] = deque()
        self._cond = threading.Condition()
        self._stopping = False
        self._relay = _Relay()
        self.busy = False

    def submit(self, fn: Callable[[Context], Any], done: Callable[[Any], None] | None = None,
               failed: Callable[[BaseException], None] | None = None, key: str | None = None) -> Job:
        job = Job(fn, done, failed, key)
        with self._cond:
            if key is not None:
                for waiting in [j for j in self._jobs if j.key == key]:
                    waiting.cancel()
                    self._jobs.remove(waiting)
            self._jobs.append(job)
            self._cond.notify()
        return job

    def pending(self) -> int:
        with self._cond:
            return len(self._jobs) + (1 if self.busy else 0)

    def stop(self) -> None:
        """Finish the running job, drop the waiting ones, close the context; returns when done."""
        with self._cond:
            self._stopping = True
            for job in self._jobs:
                job.cancel()
            self._jobs.clear()
            self._cond.notify()
        if self.isRunning():
            self.wait()
        self._relay.closed = True

    def run(self) -> None:
        background_priority()
        while True:
            with self._cond:
                while not self._jobs and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    break
                job = self._jobs.popleft()
                self.busy = True
            try:
                if not job.cancelled:
                    result = job.fn(self.context)
                    self._relay.posted.emit(job, result, True)
            except Exception as e:  # every failure goes back to the GUI, which tells the user
                log.debug("job failed in %s:\n%s", self.objectName(), traceback.format_exc())
                self._relay.posted.emit(job, e, False)
            finally:
                self.busy = False
        if self._teardown is not None:
            try:
                self._teardown(self.context)
            except Exception:  # closing must not keep the app from quitting
                log.exception("closing %s", self.objectName())
