"""One open library as the GUI sees it: background threads, the model's state, and change news.

    GUI thread ── submit(job) ──▶ catalog thread  (reader Library: listings, folders, counts)
                               ─▶ model thread    (reader Library + model: searches, tags, duplicates)
                               ─▶ files thread    (previews, EXIF, moving files to the trash)
               ◀── signals ──── indexing          (the one writer: photoclip.gui.indexing)
               ◀── QImage ───── thumbnail threads (photoclip.gui.thumbnails)

Nothing here blocks the GUI thread: opening the library, loading the model and every query run
in a job; the session only keeps what the jobs reported (model state, photo count, tags).
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from ..core.library import Library, thumbnail_cache_dir
from ..core.models import ModelUnavailable
from ..core.search import prepare as prepare_search
from .jobs import Context, JobThread, settle_heap
from .thumbnails import ThumbnailLoader

log = logging.getLogger(__name__)

MODEL_LOAD_DELAY = 5.0  # seconds the model waits at most for the first listing of photos
# Model states, as the status bar and the search page show them.
MODEL_LOADING, MODEL_DOWNLOADING, MODEL_READY, MODEL_UNAVAILABLE = "loading", "downloading", "ready", "unavailable"


@dataclass
class FolderInfo:
    path: str
    photos: int
    exists: bool


def open_reader(root: Path, model: str | None, device: str) -> tuple[Library, str | None]:
    """A reader library; if it is still indexed with another model, that one (and a note why)."""
    try:
        return Library(root, model=model, device=device, create=False), None
    except ValueError as e:
        if model is None:
            raise
        return Library(root, model=None, device=device, create=False), str(e)


def _close(ctx: Context) -> None:
    library = ctx.values.pop("library", None)
    if library is not None:
        library.close()


class Session(QObject):
    opened = Signal()  # the readers are open: views may ask their first questions
    openFailed = Signal(str)
    modelStateChanged = Signal()
    libraryChanged = Signal()  # photos were added, changed or removed
    countChanged = Signal(int)  # how many photos the library holds
    tagsChanged = Signal()
    duplicatesChanged = Signal()
    notice = Signal(str)  # something the user should read (a non-fatal problem)

    def __init__(self, root: Path | str, model: str | None, device: str = "auto", parent: QObject | None = None):
        super().__init__(parent)
        self.root = Path(root).expanduser()
        self.requested_model = model
        self.device = device
        self.model: str | None = model  # the model searches use, once the readers are open
        self.model_state = MODEL_LOADING
        self.model_message = ""
        self.download: tuple[int, int] = (0, 0)
        self.photo_count = 0
        self.is_open = False
        self.read_only_reason = ""  # set when another process writes this library
        self.catalog = JobThread("photoclip-catalog", self, teardown=_close)
        self.ai = JobThread("photoclip-model", self, teardown=_close)
        self.files = JobThread("photoclip-files", self)
        self.analysis = JobThread("photoclip-duplicates", self, teardown=_close)  # long runs: duplicates
        self._threads = (self.catalog, self.ai, self.files, self.analysis)
        self._closing_hooks: list = []
        self._embedder = None  # the model thread's, once loaded
        self._listed = threading.Event()  # the first listings are shown
        self.thumbnails = ThumbnailLoader(thumbnail_cache_dir(), parent=self)
        self.indexing = None  # photoclip.gui.indexing.Indexing, made in start()
        # Index progress arrives many times a second; views refresh at most this often.
        self._changed = QTimer(self, singleShot=True, interval=1500)
        self._changed.timeout.connect(self._emit_changed)
        self._last_news = QElapsedTimer()
        self._download_progress.connect(self._on_download)
        self.libraryChanged.connect(self._count_photos)

    _download_progress = Signal(int, int)

    # -- life ---------------------------------------------------------------------------------
    def start(self) -> None:
        from .indexing import Indexing

        for thread in self._threads:
            thread.start()
        self.indexing = Indexing(self.root, self.requested_model, self.device, self)
        self.indexing.changed.connect(self.library_changed_soon)
        self.indexing.finished.connect(self._indexing_finished)
        indexing, root, model, device = self.indexing, self.root, self.requested_model, self.device

        # The writer opens first, on the catalog thread: it records a switch of model before the
        # readers look, and waiting for its locks never holds up the GUI.
        def open_catalog(ctx: Context):
            read_only = indexing.start_blocking()
            library, note = open_reader(root, model, device)
            ctx.set(library=library)
            return library.model, read_only or note, library.catalog.photo_count()

        def opened(result):
            self.model, note, self.photo_count = result
            self.is_open = True
            if not self.indexing.writable:
                self.read_only_reason = note
            if note:
                self.notice.emit(note)
            self.load_model()  # first: the model thread opens its library before any view asks it
            self.opened.emit()
            # The model loads once the first listings are in (they share one CPU and the GIL).
            self.catalog.submit(lambda ctx: None, lambda _: self._listed.set())

        self.catalog.submit(open_catalog, opened, lambda e: self.openFailed.emit(str(e)))

    def close(self) -> None:
        """Stop every thread and wait for it (the app quits, or a test ends)."""
        self._changed.stop()
        self._listed.set()
        for hook in self._closing_hooks:
            hook()
        for thread in self._threads:
            thread.stop()
        if self.indexing is not None:
            self.indexing.stop()
        self.thumbnails.stop()
        if self._embedder is not None:
            self._embedder.wait_for_caches()  # a model cache being written (a second or two, once)

    def when_closing(self, hook) -> None:
        """Call `hook` first thing in close(), e.g. to cancel a long job so its thread can stop."""
        self._closing_hooks.append(hook)

    def reader(self, ctx: Context) -> Library:
        """The job thread's own reader library, opened on its first use (call it in jobs only)."""
        if "library" not in ctx.values:
            ctx.set(library=open_reader(self.root, self.model, self.device)[0])
        return ctx.library

    def load_model(self) -> None:
        """Open the model thread's library and load its model; searches wait behind this."""
        self._set_model_state(MODEL_LOADING)
        emit_progress = self._download_progress.emit

        listed = self._listed

        def load(ctx: Context):
            listed.wait(MODEL_LOAD_DELAY)
            embedder = self.reader(ctx).embedder
            embedder.progress = lambda what, done, total: emit_progress(done, total)
            embedder.load()
            # The first search's set-up now (the tokenizer, torch's first run, the texts every
            # search's relevance compares with, the vector index), so that it answers at once.
            prepare_search(self.reader(ctx))
            self._embedder = embedder
            return embedder.device

        def failed(e):
            message = str(e) if isinstance(e, ModelUnavailable) else \
                self.tr("The model could not be loaded: {error}").format(error=e)
            self._set_model_state(MODEL_UNAVAILABLE, message)

        self.ai.submit(load, lambda device: self._set_model_state(MODEL_READY, device), failed)

    def _set_model_state(self, state: str, message: str = "") -> None:
        if state == MODEL_READY:
            settle_heap()  # torch and the model are in: keep full collections off them
        self.model_state, self.model_message = state, message
        self.modelStateChanged.emit()

    def _on_download(self, done: int, total: int) -> None:
        self.download = (done, total)
        if self.model_state in (MODEL_LOADING, MODEL_DOWNLOADING):
            self.model_state = MODEL_DOWNLOADING
            self.modelStateChanged.emit()

    # -- news ---------------------------------------------------------------------------------
    def library_changed_soon(self) -> None:
        """Photos or folders changed: tell the views now if it has been quiet, else in a moment."""
        if self._changed.isActive():
            return
        if self._last_news.isValid() and self._last_news.elapsed() < self._changed.interval():
            self._changed.start()
        else:
            self._last_news.start()
            self.libraryChanged.emit()

    def _emit_changed(self) -> None:
        self._last_news.start()
        self.libraryChanged.emit()

    def _indexing_finished(self) -> None:
        if self._changed.isActive():  # news held back by the throttle: tell it now
            self._changed.stop()
            self._emit_changed()

    def _count_photos(self) -> None:
        def counted(n: int) -> None:
            self.photo_count = n
            self.countChanged.emit(n)

        self.catalog.submit(lambda ctx: ctx.library.catalog.photo_count(), counted, key="count")

    # -- folders --------------------------------------------------------------------------------
    def folders(self, done) -> None:
        def query(ctx: Context) -> list[FolderInfo]:
            catalog = ctx.library.catalog
            out = []
            for path in catalog.folders():
                out.append(FolderInfo(path, len(catalog.photos_under(path)), os.path.isdir(path)))
            return out

        self.catalog.submit(query, done)

    def add_folder(self, path: str, done=None, failed=None) -> None:
        """Hand a folder to the writer; it is indexed (and watched) in the background."""
        indexing = self.indexing

        def add(ctx: Context) -> str:
            if not indexing.writable:
                raise PermissionError(self.read_only_reason)
            indexing.add_folder(path)
            return path

        self.catalog.submit(add, done, failed)

    def remove_folder(self, path: str) -> None:
        """Forget a folder's photos (the writer does it; the files are never touched).
        PermissionError (saying why) on a library another process writes."""
        if not self.indexing.writable:
            raise PermissionError(self.read_only_reason)
        self.indexing.remove_folder(path)
