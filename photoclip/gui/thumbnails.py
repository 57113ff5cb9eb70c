"""Thumbnails: made off the GUI thread as QImage, cached on disk and in memory, newest asks first.

The grid asks for the thumbnails of the cells it paints, so the latest requests are the visible
ones: the loader serves its queue newest first and forgets requests that scrolled away long ago.
The disk cache is keyed by a hash of the path plus the file's modification time (an edited
photo gets a fresh thumbnail) and written atomically (a temporary file renamed into place), so a
crash never leaves half a thumbnail behind.
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
import warnings
from collections import OrderedDict, deque
from pathlib import Path

from PIL import Image, ImageOps
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from ..core.imaging import _to_rgb
from ..core.util import atomic_write
from .jobs import background_priority

log = logging.getLogger(__name__)

GRID_THUMB_SIDE = 320  # longest side of a cached thumbnail: sharp in the largest grid cells
MEMORY_BUDGET = 160 * 1024 * 1024  # bytes of decoded thumbnails kept in memory
MAX_WAITING = 400  # requests older than this many newer ones have scrolled out of view


def cache_path(cache_dir: Path, path: str, mtime_ns: int) -> Path:
    digest = hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()
    return cache_dir / digest[:2] / f"{digest}-{mtime_ns}.jpg"


def qimage_from_pil(img: Image.Image) -> QImage:
    img = img.convert("RGB")
    data = img.tobytes()
    return QImage(data, img.width, img.height, 3 * img.width, QImage.Format.Format_RGB888).copy()


def load_image(path: str | Path, side: int) -> Image.Image:
    """A photo upright, as RGB, no larger than side x side (JPEGs decode reduced straight away)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        img = Image.open(path)
        img.draft("RGB", (side, side))
        img = ImageOps.exif_transpose(img)
        img = _to_rgb(img)
        img.thumbnail((side, side), Image.Resampling.BICUBIC)
        return img


def make_thumbnail(path: str, mtime_ns: int, cache_dir: Path, side: int = GRID_THUMB_SIDE) -> QImage:
    """The thumbnail from the disk cache, or made now and cached. Safe on any thread."""
    cached = cache_path(cache_dir, path, mtime_ns)
    if cached.is_file():
        image = QImage(str(cached))
        if not image.isNull():
            return image
    img = load_image(path, side)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(cached, durable=False) as tmp:
            img.save(tmp, "JPEG", quality=88)
        for stale in cached.parent.glob(cached.name.split("-")[0] + "-*.jpg"):
            if stale != cached:  # the thumbnail of an older version of this file
                stale.unlink(missing_ok=True)
    except OSError as e:  # a full or read-only cache costs speed, not the thumbnail
        log.warning("cannot write the thumbnail cache %s: %s", cached, e)
    return qimage_from_pil(img)


class _ThumbnailThread(QThread):
    def __init__(self, loader: ThumbnailLoader, n: int):
        super().__init__()
        self.setObjectName(f"photoclip-thumbnails-{n}")
        self.loader = loader

    def run(self) -> None:
        background_priority()
        loader = self.loader
        while True:
            key = loader._next()
            if key is None:
                return
            path, mtime_ns = key
            try:
                image = make_thumbnail(path, mtime_ns, loader.cache_dir)
            except Exception as e:  # an unreadable photo gets a "broken" cell, not a crash
                log.info("no thumbnail for %s: %s", path, e)
                image = QImage()
            loader._made.emit(path, mtime_ns, image)


class ThumbnailLoader(QObject):
    """Thumbnails by (path, mtime): `get` answers at once from memory or queues the work."""

    ready = Signal(str)  # a path whose thumbnail just arrived
    stopped = Signal()  # no thumbnail comes any more (the window closes)

    _made = Signal(str, object, QImage)

    def __init__(self, cache_dir: Path, threads: int | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.cache_dir = Path(cache_dir)
        self._memory: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._memory_bytes = 0
        self._waiting: deque[tuple[str, int]] = deque()
        self._queued: set[tuple[str, int]] = set()  # the keys in _waiting
        self._working: set[tuple[str, int]] = set()  # being made right now
        self._cond = threading.Condition()
        self._stopping = False
        self._made.connect(self._store)
        count = threads or max(1, min(4, (os.cpu_count() or 2)))
        self._threads = [_ThumbnailThread(self, i) for i in range(count)]
        for t in self._threads:
            t.start(QThread.Priority.LowPriority)

    def get(self, path: str, mtime_ns: int) -> QImage | None:
        """The thumbnail if it is ready (a null QImage for an unreadable photo), else None."""
        key = (path, mtime_ns)
        image = self._memory.get(key)
        if image is not None:
            self._memory.move_to_end(key)
            return image
        with self._cond:
            if key in self._working:
                return None
            if key in self._queued:
                self._waiting.remove(key)  # asked again: it is on screen now, serve it first
            self._queued.add(key)
            self._waiting.append(key)
            while len(self._waiting) > MAX_WAITING:
                self._queued.discard(self._waiting.popleft())
            self._cond.notify()
        return None

    def waiting(self) -> int:
        with self._cond:
            return len(self._queued) + len(self._working)

    def forget_waiting(self) -> None:
        """Drop queued requests (the grid shows something else now)."""
        with self._cond:
            self._waiting.clear()
            self._queued.clear()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._waiting.clear()
            self._cond.notify_all()
        for t in self._threads:
            t.wait()
        self.stopped.emit()

    def _next(self) -> tuple[str, int] | None:
        with self._cond:
            while not self._waiting and not self._stopping:
                self._cond.wait()
            if self._stopping:
                return None
            key = self._waiting.pop()  # newest first: what is on screen now
            self._queued.discard(key)
            self._working.add(key)
            return key

    @Slot(str, object, QImage)
    def _store(self, path: str, mtime_ns: int, image: QImage) -> None:
        key = (path, mtime_ns)
        with self._cond:
            self._working.discard(key)
        if self._stopping:
            return
        self._memory[key] = image
        self._memory_bytes += image.sizeInBytes()
        while self._memory_bytes > MEMORY_BUDGET and len(self._memory) > 1:
            _, old = self._memory.popitem(last=False)
            self._memory_bytes -= old.sizeInBytes()
        self.ready.emit(path)
