"""The folder watcher on real folders with the real watchdog observer, and what its batches mean."""
import ctypes
import errno
import os
import queue
import shutil
import time
from pathlib import Path

import pytest
from watchdog.observers import inotify_c

from photoclip.core.store import NewPhoto, Store
from photoclip.core.watcher import Batch, FolderWatcher, changes_for, lossy_burst_size, outermost


class Collector:
    """A running watcher on `root` whose batches land in a queue."""

    def __init__(self, root: Path, **kwargs):
        self.batches: queue.Queue[Batch] = queue.Queue()
        self.warnings: list[str] = []
        self.watcher = FolderWatcher(self.batches.put, on_warning=self.warnings.append, **kwargs)
        self.watcher.watch(str(root))
        self.watcher.start()

    def next(self, timeout: float = 10.0) -> Batch:
        return self.batches.get(timeout=timeout)

    def until(self, wanted: set[str], timeout: float = 10.0) -> Batch:
        """Merge batches until they name all of `wanted` (files or folders)."""
        seen = Batch()
        deadline = time.monotonic() + timeout
        while not wanted <= seen.files | seen.folders:
            seen.update(self.batches.get(timeout=max(0.01, deadline - time.monotonic())))
        return seen

    def quiet_for(self, seconds: float) -> bool:
        try:
            self.batches.get(timeout=seconds)
            return False
        except queue.Empty:
            return True


@pytest.fixture
def watched(tmp_path):
    root = tmp_path / "photos"
    root.mkdir()
    started = []

    def start(**kwargs) -> Collector:
        c = Collector(root, **kwargs)
        started.append(c)
        return c

    yield root, start
    for c in started:
        c.watcher.stop()


def write(path: Path, data: bytes = b"\xff\xd8 not a real jpeg but bytes") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def test_a_burst_of_files_is_one_batch(watched):
    root, start = watched
    c = start(quiet=1.0)
    paths = {write(root / "import" / f"IMG_{i:04d}.jpg", os.urandom(200)) for i in range(300)}
    batch = c.next()
    assert batch.files == paths
    assert c.quiet_for(1.5)  # and nothing more: each file once


def test_a_file_is_reported_once_its_writer_is_done(watched):
    root, start = watched
    c = start(quiet=0.2, settle=1.0)
    path = root / "download.jpg"
    with open(path, "wb") as f:  # a slow download: a chunk every 0.2 s for 2 s
        for _ in range(10):
            f.write(os.urandom(1000))
            f.flush()
            time.sleep(0.2)
            assert c.batches.empty(), "reported while still being written"
    assert c.next().files == {str(path)}


def test_a_file_nobody_closes_counts_as_done_once_it_stops_changing(watched):
    root, start = watched
    c = start(quiet=0.2, settle=0.8)
    f = open(root / "held-open.jpg", "wb")  # e.g. a writer that keeps its handle
    try:
        f.write(b"x" * 100)
        f.flush()
        began = time.monotonic()
        assert c.next().files == {str(root / "held-open.jpg")}
        assert time.monotonic() - began >= 0.8
    finally:
        f.close()


def test_hidden_temporary_and_library_files_are_ignored(watched):
    root, start = watched
    c = start(quiet=0.3, exclude=(str(root / "my library"),))
    for name in (".hidden.jpg", "IMG_1.jpg.part", "~$draft.jpg", ".git/objects/photo.jpg",
                 "my library/catalog.sqlite3", "my library/index/x.jpg", "photo.jpg.crdownload",
                 ".thumbnails/t.png", "edit.jpg~", "IMG_1.xmp"):
        write(root / name)
    real = write(root / "sub dir" / "IMG_2.jpg")
    assert c.next().files == {real}
    assert c.quiet_for(1.0)


def test_a_finished_download_renamed_into_place_is_reported(watched):
    root, start = watched
    c = start(quiet=0.3)
    write(root / "IMG_9.jpg.part", os.urandom(500))
    os.rename(root / "IMG_9.jpg.part", root / "IMG_9.jpg")
    assert c.until({str(root / "IMG_9.jpg")}).files == {str(root / "IMG_9.jpg")}


def test_moved_and_deleted_folders_are_looked_at_whole(watched):
    root, start = watched
    files = {write(root / "2023" / "trip" / f"{i}.jpg") for i in range(5)}
    c = start(quiet=0.3)
    os.rename(root / "2023", root / "2024")
    moved = c.until({str(root / "2023"), str(root / "2024")})
    assert {str(root / "2023"), str(root / "2024")} <= moved.folders
    shutil.rmtree(root / "2024")
    gone = c.until({str(root / "2024")})
    assert str(root / "2024") in gone.folders
    assert files  # the names inside never need an event of their own


def test_polls_where_inotify_runs_out_of_watches(watched, monkeypatch):
    """The kernel's per-user watch limit is an outer boundary: it is the one thing stubbed here."""
    root, start = watched
    (root / "deep" / "er").mkdir(parents=True)
    real_add = inotify_c.inotify_add_watch

    def limited(fd, path, mask):  # the libc call, in every watchdog version
        if b"/deep" in path:  # watchdog 7 skips such subfolders without a word; 6 raises
            ctypes.set_errno(errno.ENOSPC)
            return -1
        return real_add(fd, path, mask)

    monkeypatch.setattr(inotify_c, "inotify_add_watch", limited)
    c = start(quiet=0.2, fallback_interval=0.3)
    assert c.watcher.polled == [str(root)]
    assert len(c.warnings) == 1 and "max_user_watches" in c.warnings[0] and str(root) in c.warnings[0]
    path = write(root / "deep" / "er" / "IMG_1.jpg")
    assert c.until({path}).files == {path}


def test_a_burst_big_enough_to_overflow_the_kernel_queue_rescans_the_folder(watched):
    """watchdog 6 drops a queue overflow without a word and 7 only logs it: a burst of events
    the size of a good part of the kernel's queue is what says that events may have been lost.
    (The queue's size is a kernel setting: here the burst that counts is made small instead.)"""
    root, start = watched
    c = start(quiet=0.2, lossy_burst=40)
    small = {write(root / f"IMG_{n}.jpg") for n in range(3)}  # a few events: no rescan
    assert c.until(small).folders == set()
    many = {write(root / "import" / f"IMG_{n}.jpg") for n in range(40)}
    seen = c.until(many | {str(root)})
    assert str(root) in seen.folders


def test_the_burst_that_counts_as_lossy_follows_the_kernel_queue():
    queue_size = int(Path("/proc/sys/fs/inotify/max_queued_events").read_text())
    assert lossy_burst_size() == max(64, queue_size // 4)


def test_a_folder_that_goes_away_is_watched_again_when_it_returns(watched, tmp_path):
    root, start = watched
    c = start(quiet=0.2)
    os.rename(root, tmp_path / "unplugged")
    assert str(root) in c.until({str(root)}).folders
    os.rename(tmp_path / "unplugged", root)
    assert c.until({str(root)}, timeout=10).folders == {str(root)}  # back: rescan it whole
    path = write(root / "new.jpg")
    assert c.until({path}).files >= {path}  # and watched again


# -- what a batch means for the catalog ------------------------------------------------------
@pytest.fixture
def catalog(tmp_path):
    cat = Store(tmp_path / "catalog.sqlite3")
    yield cat
    cat.close()


def record(catalog: Store, *paths: str) -> None:
    """Put files into the catalog as they are on disk now."""
    photos = []
    for p in paths:
        st = os.stat(p)
        photos.append(NewPhoto(p, st.st_size, st.st_mtime_ns, f"fp-{p}", 1, 1, None, None))
    catalog.add_photos(photos, "m", {})


def test_changes_for_compares_disk_and_catalog(tmp_path, catalog):
    root = tmp_path / "photos"
    same, edited, deleted = (write(root / n, os.urandom(50)) for n in ("same.jpg", "edited.jpg", "deleted.jpg"))
    moved = [write(root / "old" / f"{i}.jpg", os.urandom(50)) for i in range(3)]
    record(catalog, same, edited, deleted, *moved)
    catalog.skip(str(root / "old" / "bad.jpg"), "damaged", 1, 1)
    write(Path(edited), os.urandom(60))
    os.remove(deleted)
    os.rename(root / "old", root / "new")
    new = write(root / "IMG_new.jpg", os.urandom(50))
    outside = write(tmp_path / "elsewhere.jpg")
    batch = Batch(files={same, edited, deleted, new, outside, str(root / "new" / "0.jpg")},
                  folders={str(root / "old"), str(root / "new")})
    changes = changes_for(catalog, batch, [str(root)])
    assert sorted(e.path for e in changes.todo) == sorted([edited, new] + [str(root / "new" / f"{i}.jpg") for i in range(3)])
    assert sorted(changes.removed) == sorted([deleted, *moved, str(root / "old" / "bad.jpg")])
    assert changes.unchanged == 1 and not changes.missing_folders


def test_changes_for_keeps_the_photos_of_a_folder_that_is_gone_whole(tmp_path, catalog):
    root = tmp_path / "drive"
    photos = [write(root / f"{i}.jpg") for i in range(3)]
    record(catalog, *photos)
    shutil.rmtree(root)  # as an unplugged drive looks
    changes = changes_for(catalog, Batch(files=set(photos), folders={str(root)}), [str(root)])
    assert changes.removed == [] and changes.todo == [] and changes.missing_folders == [str(root)]


def test_outermost():
    assert outermost(["/a/b", "/a", "/ab", "/c/d"]) == ["/a", "/ab", "/c/d"]
