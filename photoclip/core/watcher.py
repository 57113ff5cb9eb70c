"""Watching the library's folders: file-system events in, calm batches of changed paths out.

    watchdog observer ──events──▶ FolderWatcher (filter, coalesce, debounce, settle) ──Batch──▶ worker

- Coalesced and debounced: events are gathered until the folders have been quiet for `quiet`
  seconds (at most `max_delay` under a steady stream), so a 2,000-file import from a camera card
  becomes one batch, not 2,000 wake-ups.
- Settled: a file goes into a batch only once it is finished: its writer closed it, it was moved
  into place, or it has not changed for `settle` seconds.
- Filtered: hidden, temporary and companion files (`scan.is_ignored`, on every path component)
  and the library's own folder are never reported.
- A Batch names paths, not what happened to them: `changes_for` looks at each path on disk and
  in the catalog, which gives the same answer a full rescan would, whatever order events came in.
- Robust: where inotify runs out of watches (a per-user kernel limit) a folder is polled instead,
  with a message saying how to raise the limit; a burst of events large enough to have overflowed
  the kernel's event queue (events lost) rescans the folders; a folder that disappears (an
  unplugged drive) keeps its photos and is watched again, and rescanned, when it comes back.
- Only watchdog's public API is used: what it does with an overflow or a subfolder it cannot
  watch differs between its versions (6.0 drops overflows silently and raises on any subfolder;
  7.x logs overflows and skips subfolders silently), so both are judged from the kernel's side.
"""
from __future__ import annotations

import errno
import logging
import os
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from .scan import Changes, FileEntry, diff_folder, is_ignored
from .store import Store
from .util import is_under

log = logging.getLogger(__name__)

QUIET = 0.3  # seconds without events before a batch goes out
MAX_DELAY = 5.0  # a steady stream of events still yields a batch this often
SETTLE = 1.0  # a file nobody closed counts as finished once unchanged this long
POLL_INTERVAL = 15.0  # seconds between looks at a polled folder (each look stats every file)
ROOT_CHECK = 2.0  # seconds between checks that each watched folder is still there
_TICK = 0.1

INOTIFY_LIMIT_HELP = (
    "The system's limit on watched folders (fs.inotify.max_user_watches = {limit}) is reached, so "
    "{folder} is checked for changes every {interval:.0f} s instead of at once. To raise the limit: "
    "echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-photoclip.conf && sudo sysctl --system")


@dataclass
class Batch:
    """Paths to look at again: files that appeared, changed or went away, and whole folders
    (moved in or away, deleted, or whose events were lost)."""

    files: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)

    def update(self, other: Batch) -> None:
        self.files |= other.files
        self.folders |= other.folders

    def __len__(self) -> int:
        return len(self.files) + len(self.folders)


def outermost(folders) -> list[str]:
    """The folders not inside another one of them."""
    out: list[str] = []
    for f in sorted(folders, key=len):
        if not any(is_under(f, o) for o in out):
            out.append(f)
    return out


def changes_for(catalog: Store, batch: Batch, folders: list[str], exclude: tuple[str, ...] = ()) -> Changes:
    """What a batch of changed paths means for the catalog (as a rescan of those paths would say).

    A path that went away is removed from the catalog unless its library folder is gone as a whole
    (an unplugged drive): then nothing is removed and the folder is reported missing.
    """
    changes = Changes()
    roots = outermost(folders)

    def root_of(path: str) -> str | None:
        return next((r for r in roots if is_under(path, r)), None)

    looked = outermost(f for f in batch.folders if root_of(f))
    for folder in looked:
        root = root_of(folder)
        if os.path.isdir(folder):
            changes.merge(diff_folder(catalog, folder, exclude))
        elif os.path.isdir(root):  # a subfolder deleted or moved away
            changes.removed += list(catalog.photos_under(folder)) + list(catalog.skipped_under(folder))
        elif root not in changes.missing_folders:
            changes.missing_folders.append(root)
    for path in sorted(batch.files):
        root = root_of(path)
        if root is None or any(is_under(path, f) for f in looked):
            continue
        try:
            st = os.stat(path)
        except OSError:
            try:
                st = os.lstat(path)  # a broken link or a link loop: the indexer records why it is skipped
            except OSError:
                st = None
        if st is None:
            if os.path.isdir(root):
                changes.removed.append(path)  # also clears a "skipped" entry for it
            elif root not in changes.missing_folders:
                changes.missing_folders.append(root)
        elif stat.S_ISDIR(st.st_mode):
            changes.merge(diff_folder(catalog, path, exclude))
        else:  # a file, or a FIFO, device or link in a file's place: the indexer says why it skips those
            photo = catalog.photo_by_path(path)
            if photo is not None and (photo.size, photo.mtime_ns) == (st.st_size, st.st_mtime_ns):
                changes.unchanged += 1
            else:
                changes.todo.append(FileEntry(path, st.st_size, st.st_mtime_ns))
    return changes


@dataclass
class _Pending:
    finished: bool  # closed by its writer or moved into place
    stat: tuple[int, int] | None = None  # (size, mtime_ns) at the first settle check
    stat_since: float = 0.0


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: FolderWatcher, native: bool):
        self.watcher, self.native = watcher, native

    def dispatch(self, event: FileSystemEvent) -> None:
        self.watcher._on_event(event, self.native)


class FolderWatcher:
    """Watches folders recursively and calls `on_batch(Batch)` from its own thread.

    `on_warning(message)` hears of degraded watching (polling instead of inotify). Folders can be
    added and removed while it runs. `poll_interval` forces polling (for network shares, where
    the system reports no changes made by other machines); `fallback_interval` is the polling
    interval used where inotify runs out of watches. `lossy_burst`: this many native events
    between two batches count as a possible queue overflow (default: a quarter of the kernel's
    queue, see lossy_burst_size).
    """

    def __init__(self, on_batch: Callable[[Batch], None], exclude: tuple[str, ...] = (),
                 on_warning: Callable[[str], None] | None = None, quiet: float = QUIET,
                 max_delay: float = MAX_DELAY, settle: float = SETTLE, poll_interval: float | None = None,
                 fallback_interval: float = POLL_INTERVAL, lossy_burst: int | None = None):
        self.on_batch = on_batch
        self.on_warning = on_warning or (lambda message: log.warning("%s", message))
        self.exclude = tuple(str(e) for e in exclude)
        self.quiet, self.max_delay, self.settle = quiet, max_delay, settle
        self.poll_interval, self.fallback_interval = poll_interval, fallback_interval
        self._folders: set[str] = set()
        self._watches: dict[str, tuple] = {}  # root -> (observer, watch, (st_dev, st_ino) of the root)
        self._missing: set[str] = set()
        self._polled: set[str] = set()
        self._lock = threading.Lock()  # the pending events
        self._scheduling = threading.RLock()  # the observers and their watches
        self._wake = threading.Condition(self._lock)
        self._files: dict[str, _Pending] = {}
        self._dirty_folders: set[str] = set()
        self._first_event = 0.0
        self._last_event = 0.0
        self._native = None
        self._polling = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._handler = _Handler(self, native=True)
        self._polled_handler = _Handler(self, native=False)
        self.lossy_burst = lossy_burst or lossy_burst_size()
        self._burst = 0  # native events since the last batch
        self._last_root_check = 0.0

    # -- the folders ------------------------------------------------------------------------
    @property
    def folders(self) -> list[str]:
        return sorted(self._folders)

    @property
    def polled(self) -> list[str]:
        """Folders watched by polling (by request, or because inotify ran out of watches)."""
        return sorted(self._polled)

    def watch(self, folder: str | Path) -> None:
        with self._lock:
            self._folders.add(str(folder))
        if self._thread:
            self._reconcile()

    def unwatch(self, folder: str | Path) -> None:
        folder = str(folder)
        with self._lock:
            self._folders.discard(folder)
            self._files = {p: v for p, v in self._files.items() if not is_under(p, folder)}
            self._dirty_folders = {f for f in self._dirty_folders if not is_under(f, folder)}
        if self._thread:
            self._reconcile()

    def start(self) -> FolderWatcher:
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="photoclip-watcher", daemon=True)
        self._reconcile()
        self._thread.start()
        return self

    def stop(self, timeout: float | None = 5.0) -> None:
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
        for observer in (self._native, self._polling):
            if observer is not None:
                observer.stop()
        for observer in (self._native, self._polling):
            if observer is not None and observer.is_alive():
                observer.join(timeout)
        if self._thread:
            self._thread.join(timeout)
        self._native = self._polling = self._thread = None
        self._watches.clear()

    def _reconcile(self) -> None:
        """Watch the outermost folders (a folder inside another is watched with it)."""
        with self._lock:
            wanted = set(outermost(self._folders))
        with self._scheduling:
            self._reconcile_locked(wanted)

    def _reconcile_locked(self, wanted: set[str]) -> None:
        for root in list(self._watches):
            if root not in wanted:
                self._unschedule(root)
        self._missing &= wanted
        for root in sorted(wanted - set(self._watches) - self._missing):
            self._schedule(root)

    def _unschedule(self, root: str) -> None:
        observer, watch, _ = self._watches.pop(root)
        self._polled.discard(root)
        try:
            observer.unschedule(watch)
        except (KeyError, RuntimeError):
            pass  # its emitter stopped by itself when the folder went away

    def _schedule(self, root: str) -> None:
        ident = _identity(root)
        if ident is None:
            log.warning("folder not found (unplugged drive?): %s; watching for its return", root)
            self._missing.add(root)
            return
        if self.poll_interval is None:
            try:
                observer = self._native_observer()
                with _SCHEDULING:
                    before = _inotify_watches()
                    watch = observer.schedule(self._handler, root, recursive=True)
                    after = _inotify_watches()
                if before is not None and after is not None and after - before < _count_folders(root):
                    # watchdog 7 skips subfolders it cannot watch without a word: poll the whole tree
                    observer.unschedule(watch)
                    raise OSError(errno.ENOSPC, "inotify watch limit reached")
                self._watches[root] = (observer, watch, ident)
                return
            except OSError as e:
                if e.errno not in (errno.ENOSPC, errno.EMFILE):  # e.g. no permission to read it
                    self.on_warning(f"cannot watch {root} ({e.strerror or e}): changes there are found by "
                                    "rescans only")
                    return
                interval = self.fallback_interval
                self.on_warning(INOTIFY_LIMIT_HELP.format(limit=_read_proc("max_user_watches"), folder=root,
                                                          interval=interval))
        else:
            interval = self.poll_interval
        if self._polling is None:
            self._polling = PollingObserver(timeout=interval)
            self._polling.start()
        self._watches[root] = (self._polling, self._polling.schedule(self._polled_handler, root, recursive=True), ident)
        self._polled.add(root)

    def _native_observer(self):
        if self._native is None:
            observer = Observer()
            observer.start()  # started before scheduling: each folder's errors reach its schedule()
            self._native = observer
        return self._native

    # -- events in ------------------------------------------------------------------------
    def _relevant(self, path: str) -> bool:
        root = next((r for r in self._folders if is_under(path, r)), None)
        if root is None or any(is_under(path, e) for e in self.exclude):
            return False
        return not any(is_ignored(part) for part in Path(os.path.relpath(path, root)).parts if part != ".")

    def _on_event(self, event: FileSystemEvent, native: bool) -> None:
        if native:
            self._count_native_event()
        kind = event.event_type
        if kind in ("opened", "closed_no_write") or (event.is_directory and kind == "modified"):
            return
        src = os.fsdecode(event.src_path)
        dest = os.fsdecode(event.dest_path) if getattr(event, "dest_path", "") else ""
        now = time.monotonic()
        with self._lock:
            if event.is_directory:
                if kind in ("deleted", "moved"):
                    # A folder moved or deleted: look at both ends whole (its files' own events may
                    # never come: inotify says nothing about what was inside a folder moved away).
                    for path in (src, dest):
                        if path and self._relevant(path):
                            self._dirty_folders.add(path)
                elif kind == "created":
                    pass  # its files each get an event of their own
                else:
                    return
            else:
                if kind == "moved":
                    self._note_file(src, False)
                    self._note_file(dest, True)
                else:
                    self._note_file(src, kind == "closed", keep=kind in ("created", "attrib", "deleted"))
            if not self._first_event:
                self._first_event = now
            self._last_event = now
            self._wake.notify_all()

    def _note_file(self, path: str, finished: bool, keep: bool = False) -> None:
        if not path or not self._relevant(path):
            return
        old = self._files.get(path)
        if old is not None and keep:  # attributes or creation say nothing about being finished
            finished = old.finished
        self._files[path] = _Pending(finished)

    def _count_native_event(self) -> None:
        """The kernel drops events when more pile up in its queue than it holds (an overflow);
        watchdog does not say so in any public way. A flood that big cannot pass unseen, though:
        the events read before the overflow reach this handler, so a burst of a good part of the
        queue's size between two batches rescans the natively watched folders (a rescan costs
        a walk of the folders; a lost event would cost a photo missing until the next start)."""
        with self._lock:
            self._burst += 1
            lossy = self._burst == self.lossy_burst
        if lossy:
            self._on_possible_loss()

    def _on_possible_loss(self) -> None:
        with self._lock:
            roots = [r for r in self._watches if r not in self._polled]
            self._dirty_folders.update(roots)
            self._first_event = self._first_event or time.monotonic()
            self._last_event = time.monotonic()
            self._wake.notify_all()
        log.info("a burst of file-system events may have overflowed the kernel's queue; rescanning %s",
                 ", ".join(roots))

    # -- batches out ------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._lock:
                self._wake.wait(_TICK)
                if self._stopping:
                    return
            try:
                self._check_roots()
                batch = self._take_batch()
                if batch:
                    self.on_batch(batch)
            except Exception:  # the watcher must outlive any one bad batch
                log.exception("the folder watcher hit an error")

    def _take_batch(self) -> Batch | None:
        now = time.monotonic()
        with self._lock:
            if not self._files and not self._dirty_folders:
                return None
            calm = now - self._last_event >= self.quiet or now - self._first_event >= self.max_delay
            if not calm and not self._waiting_only():
                return None
            files, self._files = self._files, {}
            folders, self._dirty_folders = self._dirty_folders, set()
            self._first_event = 0.0
            self._burst = 0
        ready, waiting = set(), {}
        wall = time.time()
        for path, pending in files.items():
            if self._finished(path, pending, now, wall):
                ready.add(path)
            else:
                waiting[path] = pending
        with self._lock:
            for path, pending in waiting.items():
                self._files.setdefault(path, pending)  # a newer event wins
        return Batch(ready, folders) if ready or folders else None

    def _waiting_only(self) -> bool:
        """Only files already held back for settling are pending: re-check them every tick."""
        return not self._dirty_folders and all(p.stat is not None for p in self._files.values())

    def _finished(self, path: str, pending: _Pending, now: float, wall: float) -> bool:
        try:
            st = os.stat(path)
        except OSError:
            return True  # gone: its removal is ready
        if pending.finished or not stat.S_ISREG(st.st_mode) or wall - st.st_mtime >= self.settle:
            return True
        current = (st.st_size, st.st_mtime_ns)
        if pending.stat != current:
            pending.stat, pending.stat_since = current, now
            return False
        return now - pending.stat_since >= self.settle

    def _check_roots(self) -> None:
        """Every few seconds: a watched folder that went away (unplugged, renamed, replaced) keeps
        its photos, and is watched again and rescanned once it is back."""
        now = time.monotonic()
        if now - self._last_root_check < ROOT_CHECK:
            return
        self._last_root_check = now
        changed = []
        with self._scheduling:
            for root, (_, _, ident) in list(self._watches.items()):
                if _identity(root) != ident:
                    log.warning("folder not found (unplugged drive?), its photos are kept: %s", root)
                    self._unschedule(root)
                    self._missing.add(root)
                    changed.append(root)
            for root in list(self._missing):
                if _identity(root) is not None:
                    log.info("folder is back: %s; rescanning it", root)
                    self._missing.discard(root)
                    self._schedule(root)
                    changed.append(root)
        if changed:
            with self._lock:
                self._dirty_folders.update(changed)
                self._first_event = self._first_event or now
                self._last_event = now


def _identity(folder: str) -> tuple[int, int] | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


def _count_folders(root: str) -> int:
    count = 1
    for parent, dirnames, _ in os.walk(root):  # os.walk does not enter folder links, nor does watchdog
        count += sum(1 for d in dirnames if not os.path.islink(os.path.join(parent, d)))
    return count


# Scheduling in one watcher at a time, so that the process's watch count moves only by the
# folders being scheduled (several watchers may live in one process: the app, the tests).
_SCHEDULING = threading.Lock()


def _inotify_watches() -> int | None:
    """Watches held by all of this process's inotify instances, as the kernel counts them
    (/proc/self/fdinfo); None where that cannot be read (not Linux). The kernel's own count
    needs no knowledge of how a watchdog version keeps its instances."""
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return None
    count = 0
    for fd in fds:
        try:
            if os.readlink(f"/proc/self/fd/{fd}") != "anon_inode:inotify":
                continue
            with open(f"/proc/self/fdinfo/{fd}") as f:
                count += sum(1 for line in f if line.startswith("inotify wd:"))
        except OSError:
            continue  # closed meanwhile
    return count


def lossy_burst_size() -> int:
    """Events between two batches that may mean an overflow: a quarter of the kernel's queue
    (fs.inotify.max_queued_events, 16384 by default), as watchdog may merge two kernel events
    (a move's two halves) into one and the flood may straddle two batches."""
    try:
        return max(64, int(_read_proc("max_queued_events")) // 4)
    except ValueError:
        return 4096


def _read_proc(name: str) -> str:
    try:
        return Path(f"/proc/sys/fs/inotify/{name}").read_text().strip()
    except OSError:
        return "?"
