"""The indexing pipeline: scan, read and decode on a thread pool, embed in batches, commit.

    files ──decode pool (bounded look-ahead)──▶ batch ──embedder──▶ catalog commit ──▶ index

Without its model (offline, weights not downloaded yet) a run still catalogues every photo:
paths, sizes, dates, fingerprints and look-alike signatures; the photos then wait for their
vectors (`Catalog.photos_missing_vectors`), which the first run that has the model embeds.

Decoding runs ahead of the model by a bounded number of files, so the CPU decodes the next
batch while the model works on this one. Every batch is committed in one transaction: a run
killed at any moment loses at most the batch in flight, and the next run carries on from the
catalog (the scan sees those files as new again).

Speed (benchmarks/indexing.py measures it): the model loads on a thread of its own while the first photos
decode (holding up to ~128 MB of decoded photos until it is ready); on a CPU the cores are split
between the decode threads and the model's threads from what each costs per photo (`_Cores`);
on a CUDA GPU, JPEGs are decoded on the card (`gpujpeg`), the CPU only reads and fingerprints.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from .failpoints import failpoint
from .imaging import Decoded, Preprocess, SkipFile, decode, fingerprint_bytes, open_photo_file, read_file
from .ingest import IngestPhoto, IngestStep, run_photo_steps
from .jobs import Cancelled, Progress, RunControl
from .models import ModelUnavailable, check_model
from .scan import NOT_PHOTOS, Changes, FileEntry, diff_folder, is_photo_name
from .store import NewPhoto

log = logging.getLogger(__name__)


@dataclass
class IndexReport:
    added: int = 0  # photos new to the catalog (or changed)
    relinked: int = 0  # of those, content already known: no model work
    embedded: int = 0
    skipped: int = 0
    removed: int = 0
    unchanged: int = 0
    missing_folders: list[str] = field(default_factory=list)
    waiting: int = 0  # of those added, photos catalogued without a vector (the model is missing)
    model_problem: str | None = None  # why the model could not be used, if it could not
    cancelled: bool = False
    left: int = 0  # files a cancelled run did not get to (the next run does them)
    seconds: float = 0.0
    # Where the time went, in seconds summed over the run: read (wall), fingerprint, decode,
    # preprocess (CPU time of the decode threads), wait_decode (the model waiting for photos),
    # load (the model, on its own thread), model, catalog, index.
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class _Item:
    entry: FileEntry
    decoded: Decoded | None = None
    ingest: IngestPhoto | None = None  # what the ingest steps see of it
    reason: str | None = None
    times: dict[str, float] = field(default_factory=dict)  # seconds per stage, for IndexReport.timings


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Gate:
    """A semaphore whose size can change: how many decode threads may work at once.

    First come, first served: the indexer takes the photos in the order they were queued, so a
    thread passed over at the gate (a plain condition lets the thread that just left take it
    again) holds up the whole run while the others decode photos it does not need yet
    (measured: 5 s of a 15 s run on 2 cores with the model loaded and idle)."""

    def __init__(self, limit: int):
        self._cond = threading.Condition()
        self.limit, self._busy = max(1, limit), 0
        self._line: deque[object] = deque()  # the threads waiting, in the order they came

    def resize(self, limit: int) -> None:
        """0 holds every thread back (while the model works on all the cores)."""
        with self._cond:
            self.limit = max(0, limit)
            self._cond.notify_all()

    def __enter__(self) -> None:
        me = object()
        with self._cond:
            self._line.append(me)
            self._cond.wait_for(lambda: self._line[0] is me and self._busy < self.limit)
            self._line.popleft()
            self._busy += 1
            self._cond.notify_all()  # the next in line may fit too

    def __exit__(self, *exc) -> None:
        with self._cond:
            self._busy -= 1
            self._cond.notify_all()


class _Loader:
    """Loads the model on a thread of its own, so that the first photos decode meanwhile."""

    def __init__(self, embedder):
        self.embedder = embedder
        self.thread: threading.Thread | None = None
        self.seconds = 0.0
        self.error: str | None = None  # why the model could not be loaded

    def start(self) -> None:
        if self.thread is None and not self.embedder.images_ready:
            self.thread = threading.Thread(target=self._load, name="photoclip-model-load")
            self.thread.start()

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            self.embedder.load_images()
        except ModelUnavailable as e:
            self.error = str(e)
        except Exception as e:  # a broken model must not cost the catalogue
            log.warning("loading the model failed", exc_info=True)
            self.error = f"Could not load the model {self.embedder.spec}: {e}"
        self.seconds = time.perf_counter() - started

    @property
    def busy(self) -> bool:
        return self.thread is not None and self.thread.is_alive()


class _OtherLoad:
    """How many cores other programs keep busy: the machine's busy time (psutil: Linux, macOS,
    Windows) less this process's own CPU time, smoothed over the last second or two."""

    def __init__(self, cores: int):
        self.cores = cores
        self.busy = 0.0
        self._last = self._sample()

    def _sample(self) -> tuple[float, float, float] | None:
        try:
            import psutil

            if psutil.cpu_count() != self.cores:
                return None  # a container or an affinity mask: the machine's time is not ours to share
            t = psutil.cpu_times()._asdict()
            # Not waiting; guest time is counted in user time already (Linux).
            busy = sum(t.values()) - sum(t.get(k, 0.0) for k in ("idle", "iowait", "guest", "guest_nice"))
            return time.monotonic(), busy, time.process_time()
        except Exception:  # no psutil, or a platform it cannot read: no sensing, all cores ours
            return None

    def update(self) -> float:
        now = self._sample()
        if now and self._last and now[0] - self._last[0] >= 0.2:
            wall = now[0] - self._last[0]
            others = max(0.0, (now[1] - self._last[1]) - (now[2] - self._last[2])) / wall
            self.busy = 0.5 * self.busy + 0.5 * min(others, float(self.cores))
            self._last = now
        return self.busy


class _Cores:
    """Shares the CPU cores between the decode threads and the model's threads.

    Both are CPU work when the model runs on the CPU. With n free cores, the model runs on k
    of them while decoding gets the other n - k (none when k = n: then the two take turns, and
    decoding gets every core while the model waits for it). Which k is fastest is measured, not
    assumed: with d one core's decode seconds a photo and m(k) the model's wall seconds a photo
    on k threads, a photo costs m(n) + d / n when they take turns and max(m(k), d / (n - k))
    otherwise. A k not timed yet is estimated as if the model scaled perfectly from the best k
    timed, so it is tried once and kept only if it is faster (torch scales well on an idle
    machine, so taking turns usually wins: it is the pipeline's ceiling); on 4 cores or more,
    half of them is timed once too. The first batch (the model's warm-up) is not timed.
    n counts only the cores other programs leave free: torch's threads wait for each other
    after every operation, so a model thread that has to share its core stalls all the others
    (measured on 2 busy cores: 1 thread 25 photos/s, 2 threads 5.5).
    While the model loads, decoding gets every core but the one loading it (loading is one
    thread of Python, and the run waits for it); on a GPU, every core; once every photo is
    decoded, the model gets them all. A fixed number of decode threads (`Indexer(workers=N)`) turns this off.
    """

    def __init__(self, embedder, cores: int, decode_threads: int | None):
        self.embedder, self.cores, self.fixed = embedder, cores, decode_threads
        self.gate = _Gate(decode_threads or max(1, cores - 1))
        self.others = _OtherLoad(cores)
        self.decode_cpu, self.decoded = 0.0, 0
        self.model_wall: dict[int, tuple[float, int]] = {}  # model threads -> (seconds, photos)
        self._warmed_up = False
        self.model_threads: int | None = None  # set once the model runs here on the CPU
        # Decode threads while the model works and while it waits.
        self.decode_threads = (self.gate.limit, self.gate.limit)
        self._restore: int | None = None

    def photo_decoded(self, times: dict[str, float]) -> None:
        if "decode" in times:  # a photo that went to the model
            self.decode_cpu += times.get("fingerprint", 0.0) + times["decode"] + times.get("preprocess", 0.0)
            self.decoded += 1

    def model_ran(self, photos: int, wall: float) -> None:
        if self.model_threads is None or not photos:
            return
        if not self._warmed_up:  # the first run of a traced model sets it up: not its speed
            self._warmed_up = True
            return
        seconds, counted = self.model_wall.get(self.model_threads, (0.0, 0))
        self.model_wall[self.model_threads] = (seconds + wall, counted + photos)

    def _fastest(self, free: int) -> int:
        """The model's thread count that indexes fastest on `free` cores (see the class)."""
        d = self.decode_cpu / self.decoded
        timed = {k: s / n for k, (s, n) in self.model_wall.items() if n}
        if free >= 4 and free // 2 not in timed:
            # Estimated from many threads that scale poorly, fewer would look slow and never be
            # tried: half of them are timed once (not on 2 cores, where it costs a slow batch).
            return free // 2
        best_k = min(timed, key=lambda k: timed[k] * k)  # the least core-seconds a photo

        def cost(k: int) -> float:
            m = timed.get(k, timed[best_k] * best_k / k)
            return m + d / free if k == free else max(m, d / (free - k))

        return min(range(1, free + 1), key=cost)

    def update(self, decoding_done: bool) -> None:
        """Split again (the model is loaded); called between batches."""
        if self.fixed:
            return
        if self.embedder.device != "cpu":  # the model is on a GPU: the cores are decoding's
            self.decode_threads = (self.cores, self.cores)
            self.gate.resize(self.cores)
            return
        free = max(1, round(self.cores - self.others.update()))
        if decoding_done:
            model = free
        elif self.model_wall and self.decoded:
            model = self._fastest(free)
        else:  # nothing timed yet: taking turns on every core, the ceiling when torch scales
            model = free
        if model != self.model_threads:
            if self._restore is None:
                self._restore = self.embedder.cpu_threads
            self.embedder.cpu_threads = self.model_threads = model
        self.decode_threads = (free - model, free)
        self.gate.resize(free)

    @contextlib.contextmanager
    def model_working(self):
        """Around the model's work: decoding keeps off the model's cores meanwhile (a decode
        thread on a model thread's core would stall all of the model's threads)."""
        working, waiting = self.decode_threads
        self.gate.resize(working)
        try:
            yield
        finally:
            self.gate.resize(waiting)

    def restore(self) -> None:
        """Give torch back its thread count (searches in the same process use it too)."""
        if self._restore is not None:
            self.embedder.cpu_threads = self._restore
            self._restore = None


class Indexer:
    """Brings the catalog up to date with the library's folders, for the library's model."""

    def __init__(self, library, progress: Callable[[Progress], None] | None = None,
                 control: RunControl | None = None, batch_size: int | None = None,
                 workers: int | None = None, save_every: float = 30.0, gpu_decode: bool = True,
                 check_model: Callable[[], str | None] | None = None):
        """batch_size and workers (decode threads) default to what suits the device and the
        machine (`Embedder.batch_size`, `_Cores`); gpu_decode=False keeps JPEG decoding on the
        CPU even with a CUDA GPU. check_model, if given, replaces `Indexer.check_model` (the
        worker remembers its answer for a while)."""
        self.library = library
        self.catalog = library.catalog
        self.progress_fn = progress
        self.control = control or RunControl()
        self.fixed_batch_size = batch_size
        self.batch_size = batch_size or 16  # until the model is loaded and says what suits it
        self.workers = workers  # None: decode threads sized by _Cores
        self.gpu_decode = gpu_decode
        self.save_every = save_every
        self.steps: list[IngestStep] = [s for s in library.ingest_steps if s.active]
        self._skips: list[tuple[str, str, int | None, int | None]] = []  # committed with the next batch
        self._last_report = 0.0
        self.model_problem: str | None = None  # set: no vectors this run, only the catalogue
        if check_model is not None:
            self.check_model = check_model

    # -- progress ---------------------------------------------------------------------------
    def _report(self, progress: Progress, force: bool = False) -> None:
        now = time.monotonic()
        if self.progress_fn and (force or now - self._last_report >= 0.1):
            self._last_report = now
            progress.model_problem = self.model_problem
            self.progress_fn(progress)

    # -- the run ------------------------------------------------------------------------------
    def scan(self, folders: list[str] | None = None) -> Changes:
        """What needs doing, without doing it."""
        folders = folders if folders is not None else self.catalog.folders()
        total = Changes()
        exclude = (str(self.library.root),)
        for folder in folders:
            self._report(Progress("scanning", current=folder), force=True)
            total.merge(diff_folder(self.catalog, folder, exclude))
        return total

    def run(self, folders: list[str] | None = None, changes: Changes | None = None,
            save_index: bool = True) -> IndexReport:
        """Index `changes` (default: scan `folders`, default all). save_index=False leaves saving
        the index to the caller (the watcher's worker saves it now and then, not per batch)."""
        started = time.monotonic()
        report = IndexReport()
        todo: list[FileEntry] = []
        try:
            changes = changes or self.scan(folders)
            report.unchanged, report.missing_folders = changes.unchanged, changes.missing_folders
            if changes.removed:
                report.removed = self.catalog.remove_paths(changes.removed)
            todo = list(changes.todo)
            queued = {e.path for e in todo}
            self.model_problem = self.check_model()
            if self.model_problem is None:
                # Photos whose content has no vector for this model yet (the model was switched,
                # or was not to be had when they were catalogued).
                for row in self.catalog.photos_missing_vectors(self.library.model):
                    if row.path not in queued and os.path.exists(row.path):
                        todo.append(FileEntry(row.path, row.size, row.mtime_ns))
                        queued.add(row.path)
            else:
                self._report(Progress("scanning"), force=True)  # says so before the photos are read
            # Photos a step has not seen yet (text recognition turned on later, say). A run that
            # only catches up with one step says so in its progress ("reading text", not "indexing").
            indexing, catching_up = bool(todo), set()
            for step in self.steps:
                for path, size, mtime_ns in step.pending(self.catalog):
                    if path not in queued and os.path.exists(path):
                        todo.append(FileEntry(path, size, mtime_ns))
                        queued.add(path)
                        catching_up.add(step.name)
            self._process(todo, report, "" if indexing or len(catching_up) != 1 else catching_up.pop())
        except Cancelled:
            report.cancelled = True
        except BaseException:  # interrupted (a second Ctrl-C) or failed: what was committed stays
            report.cancelled = True
            raise
        finally:
            self._report(Progress("saving"), force=True)
            saving = time.perf_counter()
            self.library.sync_index(save=save_index)
            _add(report.timings, "index", time.perf_counter() - saving)
            report.seconds = time.monotonic() - started
            report.model_problem = self.model_problem
            self.library.record_model_problem(self.model_problem)
            if report.embedded:
                log.info("time split %s", json.dumps({k: round(v, 3) for k, v in report.timings.items()}))
            handled = report.added + report.skipped
            report.left = max(0, len(todo) - handled) if report.cancelled else 0
            self._report(Progress("cancelled" if report.cancelled else "done", handled, handled + report.left,
                                  report.skipped), force=True)
        return report

    def check_model(self) -> str | None:
        """None when the model can embed now, else why not; quick: no load, no download."""
        embedder = self.library.embedder
        if embedder.images_ready:
            return None
        check = check_model(embedder.spec)
        return None if check.ok else check.message

    def _without_model(self, why: str) -> None:
        """From here on the run only catalogues: the photos wait for their vectors."""
        log.info("%s", why)  # reported through the progress, once
        self.model_problem = why

    def _process(self, todo: list[FileEntry], report: IndexReport, step: str = "") -> None:
        if not todo:
            return
        embedder = self.library.embedder
        prep = None
        if self.model_problem is None:
            try:
                prep = embedder.preprocess
            except ModelUnavailable as e:  # the model's config could not be had either
                self._without_model(str(e))
        known = self.catalog.known_fingerprints(self.library.model)
        progress = Progress("indexing", total=len(todo), step=step)
        started = time.monotonic()
        last_save = started
        batch: list[_Item] = []
        pending: deque[Future] = deque()
        items = iter(todo)
        exhausted = False
        cores = _cpu_count()
        loader = _Loader(embedder)
        self._cores = split = _Cores(embedder, cores, self.workers)
        model_ready = False  # batch size, core split and GPU decoding settled for the loaded model
        keep_jpeg = False  # JPEGs go to the GPU whole
        # While the model loads, decoded photos wait for it: up to ~128 MB of model input.
        backlog = max(self.batch_size, (128 << 20) // (3 * prep.size ** 2)) if prep else self.batch_size
        times = report.timings

        def on_pause():
            self._report(Progress("paused", progress.done, progress.total, progress.skipped,
                                  current=progress.current, step=step), force=True)

        def on_model_ready():
            nonlocal model_ready, keep_jpeg
            model_ready = True
            if not self.fixed_batch_size:
                self.batch_size = embedder.batch_size
            if self.gpu_decode:
                from . import gpujpeg

                keep_jpeg = gpujpeg.available(embedder.device)  # CUDA with nvJPEG
            split.update(decoding_done=exhausted and not pending)  # a model already waiting: decode on every core
            _add(times, "load", loader.seconds)

        with ThreadPoolExecutor(max(cores, self.workers or 0), thread_name_prefix="photoclip-decode") as pool:
            def refill():
                nonlocal exhausted
                if loader.busy:  # decode ahead as far as the backlog allows
                    room = backlog - len(batch) - len(pending)
                else:
                    room = max(2 * self.batch_size, 4 * split.gate.limit) - len(pending)
                for _ in range(room):
                    entry = next(items, None)
                    if entry is None:
                        exhausted = True
                        return
                    pending.append(pool.submit(_read, entry, None if self.model_problem else prep, known,
                                               keep_jpeg, split.gate, self.steps))

            def commit(chunk: list[_Item]) -> None:
                self.control.checkpoint(on_pause)  # between batches too: many may be ready at once
                if loader.busy:  # the backlog is full, or every photo is decoded: wait for the model
                    loader.thread.join()
                if loader.error and self.model_problem is None:
                    self._without_model(loader.error)
                    self._report(progress, force=True)
                if not model_ready and embedder.images_ready:
                    on_model_ready()
                if model_ready:
                    split.update(decoding_done=exhausted and not pending)
                skipped = self._commit(chunk, known, report)
                progress.skipped += len(skipped)
                progress.done += len(chunk)

            try:
                if embedder.images_ready:  # a model already in memory (the app, the watcher): settle now
                    on_model_ready()
                refill()
                while pending:
                    self.control.checkpoint(on_pause)
                    waiting = time.perf_counter()
                    item = pending.popleft().result()
                    if model_ready:
                        _add(times, "wait_decode", time.perf_counter() - waiting)
                    for stage, seconds in item.times.items():
                        _add(times, stage, seconds)
                    split.photo_decoded(item.times)
                    progress.current = item.entry.path
                    if item.reason is not None:  # recorded with the next batch
                        self._skips.append((item.entry.path, item.reason, item.entry.size, item.entry.mtime_ns))
                        progress.skipped += 1
                        report.skipped += 1
                        progress.done += 1
                    else:
                        if self.model_problem is None and (item.decoded.pixels is not None
                                                           or item.decoded.jpeg is not None):
                            loader.start()  # the model will be needed
                        batch.append(item)
                    if not model_ready and embedder.images_ready and not loader.busy:
                        on_model_ready()
                    while len(batch) >= self.batch_size and (not loader.busy or len(batch) >= backlog):
                        chunk, batch = batch[: self.batch_size], batch[self.batch_size:]
                        commit(chunk)
                    refill()
                    elapsed = time.monotonic() - started
                    progress.rate = progress.done / elapsed if elapsed > 0 else 0.0
                    progress.eta = (progress.total - progress.done) / progress.rate if progress.rate else None
                    self._report(progress)
                    if time.monotonic() - last_save > self.save_every:
                        self.library.sync_index(save=True)
                        last_save = time.monotonic()
                while batch or self._skips:
                    chunk, batch = batch[: self.batch_size], batch[self.batch_size:]
                    commit(chunk)
                self._report(progress, force=True)
            finally:
                for f in pending:
                    f.cancel()
                split.gate.resize(cores)  # let reads already waiting at the gate finish at once
                split.restore()

    def _commit(self, batch: list[_Item], known: set[str], report: IndexReport) -> list[_Item]:
        """Embed what needs it and store the whole batch in one transaction: the photos, their
        vectors, the files skipped since the last batch and every ingest step's results.

        Returns the photos skipped after all: JPEGs that neither the GPU nor the CPU could decode.
        """
        embedder = self.library.embedder
        times = report.timings
        to_embed: dict[str, np.ndarray] = {}
        on_device: dict[str, _Item] = {}  # whole JPEGs for the GPU to decode
        for item in batch if self.model_problem is None else ():
            d = item.decoded
            if d.fingerprint in known or d.fingerprint in to_embed or d.fingerprint in on_device:
                continue
            if d.pixels is not None:
                to_embed[d.fingerprint] = d.pixels
            elif d.jpeg is not None:
                on_device[d.fingerprint] = item
        vectors: dict[str, np.ndarray] = {}
        unreadable: dict[str, str] = {}
        if to_embed or on_device:
            failpoint("embed")
            with self._cores.model_working():
                model_started = time.perf_counter()
                if on_device:
                    fps = list(on_device)
                    embedded, failed = embedder.encode_jpegs([on_device[f].decoded.jpeg for f in fps],
                                                             [on_device[f].decoded.orientation for f in fps])
                    failed_fps = {fps[i] for i in failed}
                    vectors.update(zip([f for f in fps if f not in failed_fps], embedded))
                    for fp in failed_fps:  # what nvJPEG cannot decode, the CPU decoder may
                        item = on_device[fp]
                        try:
                            to_embed[fp] = decode(Path(item.entry.path), embedder.preprocess, item.decoded.jpeg, fp).pixels
                        except SkipFile as e:
                            unreadable[fp] = str(e)
                if to_embed:
                    fps = list(to_embed)
                    embedded = embedder.encode_images(np.stack([to_embed[f] for f in fps]))
                    vectors.update(zip(fps, embedded))
                self._cores.model_ran(len(vectors), time.perf_counter() - model_started)
                _add(times, "model", time.perf_counter() - model_started)
        catalog_started = time.perf_counter()
        skipped = [i for i in batch if i.decoded.fingerprint in unreadable]
        self._skips += [(i.entry.path, unreadable[i.decoded.fingerprint], i.entry.size, i.entry.mtime_ns)
                        for i in skipped]
        batch = [i for i in batch if i.decoded.fingerprint not in unreadable]
        photos = [NewPhoto(i.entry.path, i.entry.size, i.entry.mtime_ns, i.decoded.fingerprint,
                           i.decoded.width, i.decoded.height, i.decoded.taken, i.decoded.camera)
                  for i in batch]
        # One transaction; the failpoints let tests kill the process between any two of its steps.
        with self.catalog.transaction():
            for skip in self._skips:
                self.catalog.skip(*skip)
            failpoint("commit.skips")
            ids = self.catalog.add_photos(photos, self.library.model, vectors)
            failpoint("commit.photos")
            for item, photo_id in zip(batch, ids):
                item.ingest.photo_id = photo_id
            if batch:
                for step in self.steps:
                    step.batch(self.catalog, [i.ingest for i in batch])
                    failpoint(f"commit.{step.name}")
            failpoint("catalog.commit")
        self._skips = []
        known.update(vectors)
        waiting = sum(i.decoded.fingerprint not in known for i in batch)
        report.added += len(batch)
        report.embedded += len(vectors)
        report.waiting += waiting
        report.relinked += len(batch) - len(vectors) - waiting
        report.skipped += len(skipped)
        index_started = time.perf_counter()
        _add(times, "catalog", index_started - catalog_started)
        self.library.sync_index(save=False)
        _add(times, "index", time.perf_counter() - index_started)
        return skipped


def _add(times: dict[str, float], stage: str, seconds: float) -> None:
    times[stage] = times.get(stage, 0.0) + seconds


def _read(entry: FileEntry, prep: Preprocess, known: set[str], keep_jpeg: bool = False,
          gate: _Gate | None = None, steps: list[IngestStep] = ()) -> _Item:
    """Runs on the decode pool: never raises, a bad file becomes a reason."""
    path = Path(entry.path)
    times: dict[str, float] = {}
    try:
        failpoint("decode")
        with gate or contextlib.nullcontext():
            suffix = path.suffix.lower()
            if suffix in NOT_PHOTOS:
                raise SkipFile(NOT_PHOTOS[suffix])
            if not is_photo_name(path.name):
                _sniff(path)  # an odd suffix may still hold an image; read the header before the file
            started = time.perf_counter()
            data = read_file(path)
            times["read"] = time.perf_counter() - started
            started = time.thread_time()
            fp = fingerprint_bytes(data)
            times["fingerprint"] = time.thread_time() - started
            # Content seen before (a move, a rename, a copy): metadata only, no pixels, no model.
            # New content without the model (prep None): the look-alike thumbnail (and the steps'
            # frame) only.
            new = fp not in known
            frame_side = max((s.frame_side for s in steps), default=0)
            decoded = decode(path, prep if new else None, data, fp, keep_jpeg, times, frame_side, thumb=new)
            ingest = IngestPhoto(entry.path, fp, decoded)
            run_photo_steps(steps, ingest, data)
            decoded.frame = None  # the steps have looked: the batch keeps only what the model needs
            return _Item(entry, decoded, ingest, times=times)
    except SkipFile as e:
        return _Item(entry, reason=str(e), times=times)
    except MemoryError:
        return _Item(entry, reason="too large to decode in the memory available")
    except Exception as e:  # a decoder bug must cost one file, not the run
        log.exception("unexpected error reading %s", path)
        return _Item(entry, reason=f"could not be read: {type(e).__name__}: {e}")


def _sniff(path: Path) -> None:
    with open_photo_file(path) as f:
        try:
            Image.open(f).close()
        except UnidentifiedImageError:
            raise SkipFile(f"not an image ({path.suffix or 'no'} file type)") from None
        except OSError as e:
            raise SkipFile(f"cannot be read: {e.strerror or e}") from None
