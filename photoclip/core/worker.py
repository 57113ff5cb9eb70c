"""The library worker: one background thread that owns a library's writer and keeps it true to disk.

Qt-free: the GUI wraps it (its callbacks become queued signals) and `photoclip watch` runs it
headless. The worker opens the library as its one writer (taking the writer lock), rescans the
library's folders (changes made while PhotoClip was closed), then, with `watch=True`, indexes
changes as the folder watcher reports them. Searches from other threads and processes keep
working throughout: they open their own reader `Library`.

    worker = LibraryWorker(library_dir, model=None, device="auto", watch=True,
                           on_status=show_status,   # on_status(WorkerStatus), on every change of state/progress
                           on_change=refresh)       # on_change(): photos or folders changed in the catalog
    worker.start()              # opens the library; raises LibraryLocked (another writer), ValueError, ...
    worker.root, worker.model, worker.previous_model   # once started: the library, its model, the one it replaced
    worker.status               # a WorkerStatus snapshot: state, done/total, rate, eta, current, ...
    worker.pause(); worker.resume()
    worker.cancel_current()     # drops the run in progress; its files wait for the next rescan
    worker.rescan()             # look through every folder again
    worker.add_folder(path)     # FileNotFoundError at once if it is not a folder; indexed in the background
                                # (may come before start(): added before the start-up rescan;
                                # a folder the library cannot hold is reported in status.error)
    worker.remove_folder(path)  # forgets the folder's photos (the files are never touched)
    worker.wait_idle(timeout)   # True once nothing is queued or running (tests, scripts)
    worker.stop(timeout)        # finishes or rolls back the batch in flight, saves, unlocks; True if stopped

States (`WorkerStatus.state`): "idle" (nothing to do, not watching), "scanning" (comparing folders
with the catalog), "indexing", "paused", "watching" (nothing to do, watching for changes),
"stopped", "error" (the last run failed, or the library could not be opened: see `error`).
Without its model (offline, not downloaded yet) the worker still catalogues every photo;
`WorkerStatus.model_problem` says why the photos wait for vectors (`waiting` counts them), and
the worker asks again every MODEL_RECHECK seconds, embedding them once the model can be had.

Callbacks run on the worker's thread: keep them short and never block in them. A batch is committed
whole or not at all, so pause, cancel, stop, a crash or a kill lose at most the batch in flight,
and the next rescan (at the latest, the next start) picks up whatever was left.
"""
from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .indexer import Indexer, IndexReport
from .jobs import Progress, RunControl
from .library import Library
from .models import check_model
from .store import DISK_FULL_HELP, disk_full
from .watcher import QUIET, SETTLE, Batch, FolderWatcher, changes_for

log = logging.getLogger(__name__)

INDEX_SAVE_EVERY = 60.0  # seconds: readers catch up from the catalog log, so saving is only a shortcut
_IDLE_TICK = 1.0
MODEL_RECHECK = 60.0  # seconds between asking again whether a missing model can be had


@dataclass(frozen=True)
class WorkerStatus:
    state: str = "stopped"  # idle, scanning, indexing, paused, watching, stopped or error
    done: int = 0  # files handled in the current run
    total: int = 0  # files to handle in the current run
    rate: float = 0.0  # files per second in the current run
    eta: float | None = None  # seconds left in the current run
    current: str = ""  # the file (or, while scanning, folder) being worked on
    skipped: int = 0  # files skipped in the current run (`photoclip status` says why)
    error: str | None = None  # the last error, kept until a later run succeeds
    pending: int = 0  # changed paths noticed and not handled yet
    folders: tuple[str, ...] = ()
    polled: tuple[str, ...] = ()  # folders checked by polling (no inotify watches left, or asked)
    warnings: tuple[str, ...] = ()  # degraded service the user should hear of, each once
    missing: tuple[str, ...] = ()  # library folders not there now (unplugged, renamed, deleted): photos kept
    model_problem: str | None = None  # set: the model cannot be had, photos wait for vectors: why
    step: str = ""  # an ingest step's name ("text") while the run only catches up with it
    waiting: int = 0  # photos catalogued without a vector for the library's model
    last_report: IndexReport | None = None  # what the last run did
    totals: IndexReport = field(default_factory=IndexReport)  # what this worker did since start

    @property
    def busy(self) -> bool:
        return self.state in ("scanning", "indexing")


class LibraryWorker:
    def __init__(self, library_dir: str | Path | None, model: str | None = None, device: str = "auto",
                 watch: bool = True, on_status: Callable[[WorkerStatus], None] | None = None,
                 on_change: Callable[[], None] | None = None, *, poll_interval: float | None = None,
                 batch_size: int | None = None, workers: int | None = None,
                 quiet: float = QUIET, settle: float = SETTLE, create: bool = True):
        self.library_dir = library_dir
        self.create = create  # False: a library folder that is not there is refused (LibraryMissing)
        self.model, self.device, self.watch = model, device, watch  # model: the library's, once started
        self.root: Path | None = None  # the library folder, once started
        self.previous_model: str | None = None  # set when `model` switched the library to a new model
        self.on_status, self.on_change = on_status, on_change
        self.poll_interval = poll_interval  # set: poll every so many seconds instead of inotify
        self.batch_size, self.workers = batch_size, workers
        self.quiet, self.settle = quiet, settle
        self._cond = threading.Condition(threading.RLock())
        self._status = WorkerStatus()
        self._thread: threading.Thread | None = None
        self._opened = threading.Event()
        self._open_error: BaseException | None = None
        self._library: Library | None = None
        self._watcher: FolderWatcher | None = None
        # Work waiting, guarded by _cond.
        self._commands: list[tuple[str, str]] = []
        self._rescan = False
        self._dirty = Batch()
        self._paused = False
        self._stopping = False
        self._busy = False
        self._control: RunControl | None = None
        self._interrupted = False  # a folder command cut a run short: rescan after it
        self._warnings: list[str] = []
        # Worker-thread state.
        self._failed = False
        self._retry_with_rescan = False  # after a failed run: the next run looks at everything
        self._unsaved_since: float | None = None
        self._seen = (0, ())
        self._totals = IndexReport()
        self._model_checked = 0.0  # when the model's availability was last asked (monotonic)

    # -- the controls (any thread) -------------------------------------------------------------
    @property
    def status(self) -> WorkerStatus:
        with self._cond:
            return self._status

    def start(self) -> None:
        """Open the library as its writer and begin; raises what opening it raised."""
        if self._thread is not None:
            raise RuntimeError("this worker was started already")
        self._rescan = True  # changes made while PhotoClip was closed
        self._thread = threading.Thread(target=self._main, name="photoclip-worker", daemon=True)
        self._thread.start()
        self._opened.wait()
        if self._open_error is not None:
            self._thread.join()
            raise self._open_error

    def stop(self, timeout: float | None = None) -> bool:
        with self._cond:
            self._stopping = True
            if self._control:
                self._control.cancel()
            self._cond.notify_all()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def pause(self) -> None:
        self._set_paused(True)

    def resume(self) -> None:
        self._set_paused(False)

    def _set_paused(self, paused: bool) -> None:
        with self._cond:
            self._paused = paused
            if self._control:
                self._control.pause() if paused else self._control.resume()
            self._cond.notify_all()

    def cancel_current(self) -> None:
        with self._cond:
            if self._control:
                self._control.cancel()

    def rescan(self) -> None:
        with self._cond:
            self._rescan = True
            self._cond.notify_all()

    def add_folder(self, path: str | Path) -> None:
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise FileNotFoundError(f"not a folder: {path}")
        self._command("add", str(folder.resolve()))

    def remove_folder(self, path: str | Path) -> None:
        self._command("remove", str(Path(path).expanduser().resolve()))

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no work is queued or running (changes the watcher is still settling excepted)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._busy or self._has_work_locked():
                if self._thread is None or not self._thread.is_alive():
                    return False
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(min(left, 0.5) if left is not None else 0.5)
            return True

    def _command(self, kind: str, folder: str) -> None:
        with self._cond:
            self._commands.append((kind, folder))
            if self._control:  # handled at once: the run resumes afterwards by a rescan
                self._control.cancel()
                self._interrupted = True
            self._cond.notify_all()

    # -- the worker thread ---------------------------------------------------------------------
    def _main(self) -> None:
        try:
            self._library = Library(self.library_dir, model=self.model, device=self.device, writer=True,
                                    create=self.create)
        except BaseException as e:
            self._open_error = e
            self._set(state="error", error=str(e))
            self._opened.set()
            return
        library = self._library
        self.root, self.model, self.previous_model = library.root, library.model, library.previous_model
        self._seen = (library.catalog.log_head(), tuple(library.folders()))
        self._set(state="scanning", folders=self._seen[1],
                  waiting=library.catalog.missing_vector_count(library.model))
        self._opened.set()
        try:
            if self.watch:
                self._watcher = FolderWatcher(self._on_batch, exclude=(str(library.root),),
                                              on_warning=self._on_warning, quiet=self.quiet,
                                              settle=self.settle, poll_interval=self.poll_interval)
                for folder in library.folders():
                    self._watcher.watch(folder)
                self._watcher.start()  # before the rescan: nothing changed during it is missed
                self._set(polled=tuple(self._watcher.polled))
            self._loop()
        except BaseException as e:  # pragma: no cover - a bug; say so rather than die in silence
            log.exception("the library worker stopped on an error")
            self._set(error=str(e))
        finally:
            if self._watcher:
                self._watcher.stop()
            try:
                library.close()  # saves the index, releases the writer lock
            except Exception as e:
                if disk_full(e):  # the index is a cache: the next start rebuilds what it lacks
                    log.error("closing the library: %s (%s)", DISK_FULL_HELP, e)
                else:
                    log.exception("closing the library failed")
                self._set(error=str(e))
            self._set(state="stopped", current="", rate=0.0, eta=None)
            with self._cond:
                self._busy = False
                self._cond.notify_all()

    def _loop(self) -> None:
        while True:
            job = self._next_job()
            if job is None:
                return
            kind, payload = job
            try:
                if kind == "commands":
                    self._apply(payload)
                else:
                    self._index(*payload)
                self._failed = False
            except Exception as e:
                self._fail(e)
                self._retry_with_rescan = True
            finally:
                with self._cond:
                    paused, pending, more = self._paused, len(self._dirty), self._has_work_locked()
                if not more:  # "watching" means up to date: not between two jobs
                    self._set(state=self._idle_state(paused), pending=pending, done=0, total=0, rate=0.0,
                              eta=None, current="", skipped=0)
                with self._cond:
                    self._busy = False
                    self._control = None
                    self._cond.notify_all()
            self._notify_change()

    def _next_job(self):
        while True:
            with self._cond:
                if self._stopping:
                    return None
                if self._commands:
                    commands, self._commands = self._commands, []
                    self._busy = True
                    return "commands", commands
                if not self._paused and (self._rescan or len(self._dirty)):
                    job = ("index", (self._rescan, self._dirty))
                    self._rescan, self._dirty = False, Batch()
                    self._busy = True
                    self._control = RunControl()
                    return job
                paused, pending = self._paused, len(self._dirty)
            self._idle(paused, pending)
            with self._cond:
                if not (self._stopping or self._has_work_locked()):
                    self._cond.wait(_IDLE_TICK)

    def _has_work_locked(self) -> bool:
        return bool(self._commands) or (not self._paused and (self._rescan or len(self._dirty) > 0))

    def _idle_state(self, paused: bool) -> str:
        return "paused" if paused else "error" if self._failed else "watching" if self._watcher else "idle"

    def _idle(self, paused: bool, pending: int) -> None:
        with self._cond:
            warnings = tuple(self._warnings)
        self._set(state=self._idle_state(paused), pending=pending, done=0, total=0, rate=0.0, eta=None, current="",
                  skipped=0, polled=tuple(self._watcher.polled) if self._watcher else (), warnings=warnings,
                  missing=self._missing_folders())
        try:
            if self._status.model_problem and time.monotonic() - self._model_checked >= MODEL_RECHECK:
                if self._check_model() is None:  # the model can be had now: embed what waits
                    self.rescan()
            if self._unsaved_since is not None and time.monotonic() - self._unsaved_since >= INDEX_SAVE_EVERY:
                self._library.sync_index(save=True)
                self._unsaved_since = None
        except Exception as e:
            self._fail(e)

    def _fail(self, e: Exception) -> None:
        full = disk_full(e)  # said in one line; the next change or rescan carries on
        message = f"{DISK_FULL_HELP} ({e})" if full else str(e) or type(e).__name__
        log.error("%s", message, exc_info=not full and not isinstance(e, (OSError, ValueError, RuntimeError)))
        self._failed = True
        self._set(state="error", error=message)

    def _apply(self, commands: list[tuple[str, str]]) -> None:
        library = self._library
        for kind, folder in commands:
            try:
                if kind == "add":
                    folder = library.add_folder(folder)
                    if self._watcher:
                        self._watcher.watch(folder)
                    with self._cond:
                        self._dirty.folders.add(folder)
                    log.info("added folder %s", folder)
                else:
                    if folder not in library.folders():
                        raise ValueError(f"not one of the library's folders: {folder}")
                    if self._watcher:
                        self._watcher.unwatch(folder)
                    library.catalog.remove_folder(folder)
                    library.sync_index(save=False)
                    self._unsaved_since = self._unsaved_since or time.monotonic()
                    log.info("removed folder %s (its files are untouched)", folder)
            except (OSError, ValueError) as e:
                log.warning("%s", e)
                self._set(error=str(e))
        with self._cond:
            if self._interrupted:
                self._rescan, self._interrupted = True, False
        self._set(folders=tuple(library.folders()))

    def _index(self, rescan: bool, batch: Batch) -> None:
        library = self._library
        with self._cond:
            control = self._control
        rescan, self._retry_with_rescan = rescan or self._retry_with_rescan, False
        indexer = Indexer(library, progress=self._on_progress, control=control,
                          batch_size=self.batch_size, workers=self.workers, check_model=self._check_model)
        self._set(state="scanning", done=0, total=0, rate=0.0, eta=None, current="", skipped=0)
        if self.watch and library.folders() and self._check_model() is None:
            try:  # now, not when the first photo is dropped into a folder
                library.embedder.load_images()
            except Exception as e:  # the run catalogues the photos without it
                self._model_checked = time.monotonic()
                self._set(model_problem=str(e))
        if rescan:
            changes = indexer.scan()
        else:
            changes = changes_for(library.catalog, batch, library.folders(), exclude=(str(library.root),))
            if not changes.todo and not changes.removed:
                return
        report = indexer.run(changes=changes, save_index=False)
        self._unsaved_since = self._unsaved_since or time.monotonic()
        for name in ("added", "relinked", "embedded", "skipped", "removed"):
            setattr(self._totals, name, getattr(self._totals, name) + getattr(report, name))
        self._set(last_report=report, totals=dataclasses.replace(self._totals), model_problem=report.model_problem,
                  waiting=library.catalog.missing_vector_count(library.model), missing=self._missing_folders())
        for folder in report.missing_folders if not self._watcher else ():  # a watcher says so itself
            log.warning("folder not found (unplugged drive?), its photos are kept: %s", folder)
        if report.added or report.removed or report.skipped or report.cancelled:
            log.info("%s%d photos indexed (%d embedded, %d already known), %d removed, %d skipped in %.1f s",
                     "cancelled after " if report.cancelled else "", report.added, report.embedded,
                     report.relinked, report.removed, report.skipped, report.seconds)

    def _missing_folders(self) -> tuple[str, ...]:
        if self._watcher:
            return tuple(self._watcher.missing)
        return tuple(self._library.missing_folders())

    def _check_model(self) -> str | None:
        """None when the model can be used; else why not, asked again at most every MODEL_RECHECK
        seconds (each watcher batch would otherwise probe the network)."""
        library = self._library
        if library.embedder.images_ready:
            return None
        if self._status.model_problem and time.monotonic() - self._model_checked < MODEL_RECHECK:
            return self._status.model_problem
        self._model_checked = time.monotonic()
        check = check_model(library.embedder.spec)
        self._set(model_problem=None if check.ok else check.message)
        return self._status.model_problem

    # -- callbacks from the indexer and the watcher --------------------------------------------
    def _on_progress(self, p: Progress) -> None:
        if p.state in ("done", "cancelled"):
            return
        state = {"saving": "indexing"}.get(p.state, p.state)
        self._set(state=state, done=p.done, total=p.total, rate=p.rate, eta=p.eta, current=p.current,
                  skipped=p.skipped, model_problem=p.model_problem, step=p.step)
        self._notify_change()

    def _on_batch(self, batch: Batch) -> None:
        with self._cond:
            self._dirty.update(batch)
            self._cond.notify_all()

    def _on_warning(self, message: str) -> None:
        """From the watcher's threads: shown by the worker thread's next status."""
        log.warning("%s", message)
        with self._cond:
            if message not in self._warnings:
                self._warnings.append(message)
            self._cond.notify_all()

    # -- reporting --------------------------------------------------------------------------
    def _set(self, **changes) -> None:
        with self._cond:
            new = dataclasses.replace(self._status, **changes)
            if new == self._status:
                return
            self._status = new
        if self.on_status:
            try:
                self.on_status(new)
            except Exception:
                log.exception("on_status callback failed")

    def _notify_change(self) -> None:
        library = self._library
        seen = (library.catalog.log_head(), tuple(library.folders()))
        if seen == self._seen:
            return
        self._seen = seen
        if self.on_change:
            try:
                self.on_change()
            except Exception:
                log.exception("on_change callback failed")
