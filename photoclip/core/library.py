"""A library: a folder holding the catalog and its caches, and the one object the CLI and GUI use."""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import numpy as np
import platformdirs

from . import inference, known_models
from .index import VectorIndex
from .ingest import IngestStep
from .lock import WriterLock
from .models import DEFAULT_MODEL, Embedder, ModelSpec, shared_embedder
from .phototext import TextSettings, TextStep, load_settings, save_settings, status_line
from .pixelmatch import SignatureStep
from .store import CatalogError, Store
from .tags import SidecarKeywordsStep
from .util import is_under

log = logging.getLogger(__name__)

APP_NAME = "PhotoClip"
CATALOG_FILE = "catalog.sqlite3"
_PREVIOUS_MODEL = "previous_model"  # catalog meta: the model before the last switch
_MODEL_PROBLEM = "waiting_for_model"  # catalog meta: why the last indexing run had no model ("": it had)


def default_library_dir() -> Path:
    """`PHOTOCLIP_LIBRARY` if set, else the platform's per-user data folder."""
    env = os.environ.get("PHOTOCLIP_LIBRARY")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "library"


class LibraryMissing(FileNotFoundError):
    """The library folder is not there (an unplugged drive, a mistyped name): never made silently."""


def is_default_library(root: Path | str) -> bool:
    """The per-user library a first run makes on its own (no --library, no PHOTOCLIP_LIBRARY)."""
    default = platformdirs.user_data_path(APP_NAME, appauthor=False) / "library"
    return Path(root).expanduser().resolve() == default.resolve()


def thumbnail_cache_dir() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "thumbnails"


def open_catalog(root: Path) -> Store:
    """The library's catalog; CatalogError, saying what to do, for one that is damaged, or lost
    where the library's other files show there was one (never silently a new, empty library)."""
    path = root / CATALOG_FILE
    try:
        lost = "empty" if path.stat().st_size == 0 else None
    except FileNotFoundError:
        lost = "missing"
    if lost and any((root / "index").glob("index-*.json")):
        raise CatalogError(f"the catalog {path} is {lost}, but this library has been used (its search index "
                           "is there): restore the catalog from a backup; to start this library afresh, "
                           f"move the folder {root} away first")
    return Store(path)  # CatalogError for a damaged one


class Library:
    """The catalog (truth), the vector index (cache) and the model, for one library folder.

    One process writes a library (the indexer, `writer=True`); any number read it. A writer's
    `model` switches the library to another model: its photos are re-embedded by the next index
    run, and searches use the new model from then on. Only a writer saves the index files.
    A writer holds the library's writer lock until `close()`; a second one gets `LibraryLocked`.
    A folder that is not there is made only with `create=True`; else `LibraryMissing`.
    """

    def __init__(self, root: Path | str | None = None, model: str | None = None, device: str = "auto",
                 writer: bool = False, create: bool = True):
        self.root = Path(root) if root else default_library_dir()
        self.root = self.root.expanduser().resolve()
        if self.root.exists() and not self.root.is_dir():
            raise LibraryMissing(f"the library {self.root} is a file, not a folder")
        if not self.root.exists():
            if not create:
                raise LibraryMissing(
                    f"there is no PhotoClip library at {self.root} (a drive not plugged in, or a mistyped name?)")
            self.root.mkdir(parents=True, exist_ok=True)
        self._writer_lock = WriterLock(self.root).acquire() if writer else None
        try:
            self._open(model, device, writer)
        except BaseException:
            if self._writer_lock:
                self._writer_lock.release()
            raise

    def _open(self, model: str | None, device: str, writer: bool) -> None:
        self.catalog = open_catalog(self.root)
        self.writer = writer
        recorded = self.catalog.get_meta("model")
        wanted = str(ModelSpec.parse(model)) if model else (recorded or DEFAULT_MODEL)
        switching = recorded and recorded != wanted
        # The model used before the last switch: switching back costs nothing (its vectors stay).
        self.previous_model = recorded if switching else self.catalog.get_meta(_PREVIOUS_MODEL) or None
        if switching and not writer:
            raise ValueError(
                f"this library's photos are indexed with {recorded}; to switch it to {wanted}, "
                f"run: photoclip --model {wanted} index")
        if writer and recorded != wanted:
            if recorded:
                self.catalog.set_meta(_PREVIOUS_MODEL, recorded)
            self.catalog.set_meta("model", wanted)
        self.model = wanted
        self.device = device
        self._embedder: Embedder | None = None
        self._index: VectorIndex | None = None
        self._lock = threading.RLock()
        self._steps: list[IngestStep] | None = None

    def close(self) -> None:
        with self._lock:
            try:
                if self._index is not None:
                    if self.writer:
                        self._index.save()
                    self._index.close()
                self.catalog.close()
                if self._embedder is not None:
                    # The model's caches being written (the first run after installing it):
                    # finished now, while the process is whole; left to the interpreter's exit,
                    # torch aborts the process ("terminate called without an active exception").
                    self._embedder.wait_for_caches()
            finally:
                if self._writer_lock:
                    self._writer_lock.release()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- parts, made on first use -------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = shared_embedder(self.model, self.device)
            return self._embedder

    @property
    def index(self) -> VectorIndex:
        """The vector index, loaded (or rebuilt) and caught up with the catalog."""
        with self._lock:
            if self._index is None:
                key = ModelSpec.parse(self.model).key
                self._index = VectorIndex(self.root / "index", key).open(self.catalog, self.model)
            else:
                self._index.sync(self.catalog, self.model)
            return self._index

    def sync_index(self, save: bool) -> None:
        with self._lock:
            index = self.index
            if save and self.writer:
                index.save()

    # -- what else the indexer makes of each photo (photoclip.core.ingest) -----------------------
    @property
    def ingest_steps(self) -> list[IngestStep]:
        """Made again when the saved text settings changed (the app's Settings, another process)."""
        with self._lock:
            text = load_settings(self.catalog)
            if self._steps is None or self.text_step_settings != text:
                self._steps = [SignatureStep(), SidecarKeywordsStep(), TextStep(text)]
                self.text_step_settings = text
            return self._steps

    @property
    def text_settings(self) -> TextSettings:
        return load_settings(self.catalog)

    @property
    def text_step(self) -> TextStep:
        return next(s for s in self.ingest_steps if isinstance(s, TextStep))

    def set_text_settings(self, settings: TextSettings) -> None:
        """Text recognition on or off, and its languages; the next index run follows them."""
        save_settings(self.catalog, settings)

    # -- folders ------------------------------------------------------------------------------
    def add_folder(self, folder: Path | str) -> str:
        path = str(Path(folder).expanduser().resolve())
        if not os.path.isdir(path):
            raise FileNotFoundError(f"not a folder: {folder}")
        if is_under(path, self.root):
            raise ValueError("a library's own folder cannot hold its photos")
        self.catalog.add_folder(path)
        return path

    def folders(self) -> list[str]:
        return self.catalog.folders()

    def missing_folders(self) -> list[str]:
        """The library's folders that are not there now (an unplugged drive, renamed or deleted):
        their photos are kept, and come back with the folder."""
        return [f for f in self.folders() if not os.path.isdir(f)]

    # -- text vectors, cached: the GUI searches as the user types ------------------------------
    def text_vector(self, text: str) -> np.ndarray:
        return self.embedder.text_vectors([text])[0]

    def text_vectors(self, texts: list[str], keep: bool = False) -> np.ndarray:
        """Several texts' vectors, the new ones encoded in one batch (see Embedder.text_vectors)."""
        return self.embedder.text_vectors(texts, keep)

    # -- the model's absence -------------------------------------------------------------------
    def record_model_problem(self, problem: str | None) -> None:
        """What the last indexing run found about the model (None: it embedded), for `status`."""
        if (self.catalog.get_meta(_MODEL_PROBLEM) or None) != problem:
            self.catalog.set_meta(_MODEL_PROBLEM, problem or "")
        if problem is None:
            known_models.remember(self.model)  # a local folder that worked: offered again later

    # -- status -----------------------------------------------------------------------------
    def status(self) -> dict:
        skipped = self.catalog.skipped()
        return {
            "library": str(self.root),
            "model": self.model,
            "previous_model": self.previous_model,
            "folders": self.folders(),
            "missing_folders": self.missing_folders(),
            "photos": self.catalog.photo_count(),
            "skipped": [{"path": p, "reason": r} for p, r in skipped],
            "embeddings_computed": self.catalog.counter("embeddings_computed"),
            "missing_vectors": self.catalog.missing_vector_count(self.model),  # photos waiting for vectors
            # Why they wait, as the last indexing run found: the model could not be had.
            "waiting_for_model": self.catalog.get_meta(_MODEL_PROBLEM) or None,
            # The number format the image tower runs in on this CPU, as measured (`inference`).
            "inference": inference.describe(inference.remembered(self.model)),
            "text": status_line(self.catalog),
        }

