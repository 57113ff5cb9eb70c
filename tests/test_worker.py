"""The library worker, in this process, on real folders: watching, re-linking, pause/resume/cancel."""
import os
import random
import shutil
import threading
import time
from pathlib import Path

import pytest

import toyworld
from photoclip.core.library import Library
from photoclip.core.lock import LibraryLocked
from photoclip.core.search import search
from photoclip.core.worker import LibraryWorker, WorkerStatus

STATES = ("idle", "scanning", "indexing", "paused", "watching", "stopped", "error")  # WorkerStatus.state


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def small_corpus(root: Path, n: int, seed: int, **options) -> list[Path]:
    return sorted(toyworld.write_corpus(root, n, seed=seed, max_side=320, **options))


@pytest.fixture
def lib_dir(tmp_path):
    return tmp_path / "library"


@pytest.fixture
def start_worker(lib_dir, tiny_model):
    """start_worker(folders, **options) -> a started LibraryWorker on a library of those folders."""
    started = []

    def start(folders=(), **options) -> LibraryWorker:
        with Library(lib_dir, model=tiny_model, device="cpu", writer=True) as lib:
            for folder in folders:
                lib.add_folder(folder)
        worker = LibraryWorker(lib_dir, device="cpu", quiet=0.2, **options)
        worker.start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        assert worker.stop(60), "the worker did not stop"


@pytest.fixture
def reader(lib_dir, start_worker):
    """A reader Library, as a second process (the GUI, the CLI) has it. Made after the writer."""
    libs = []

    def open_reader() -> Library:
        libs.append(Library(lib_dir, device="cpu"))
        return libs[-1]

    yield open_reader
    for lib in libs:
        lib.close()


def searchable(reader: Library) -> set[str]:
    return {h.path for h in search(reader, "a photo", limit=None)}


def embeddings_computed(lib_dir) -> int:
    with Library(lib_dir, device="cpu") as lib:
        return lib.status()["embeddings_computed"]


def test_start_rescans_what_changed_while_closed(tmp_path, start_worker, lib_dir):
    photos = tmp_path / "photos"
    files = small_corpus(photos, 12, seed=1)
    worker = start_worker([photos])
    assert worker.wait_idle(60)
    assert worker.status.state == "watching" and worker.status.totals.embedded == 12
    assert worker.stop(30)
    # While nothing watches: two new photos, one deleted, one edited in place.
    new = small_corpus(tmp_path / "new", 2, seed=2)
    for p in new:
        shutil.copy(p, photos / p.name)
    files[0].unlink()
    toyworld.write_image(toyworld.render(toyworld.random_photo(random.Random(5))), files[1])
    worker = start_worker()
    assert worker.wait_idle(60)
    report = worker.status.totals
    assert (report.added, report.embedded, report.removed) == (3, 3, 1)
    with Library(lib_dir, device="cpu") as lib:
        on_disk = {str(p) for p in files[1:]} | {str(photos / p.name) for p in new}
        assert {r.path for r in lib.catalog.all_photos()} == on_disk
        assert lib.status()["embeddings_computed"] == 15


def test_a_copied_photo_becomes_searchable_from_another_library(tmp_path, start_worker, reader):
    photos = tmp_path / "photos"
    small_corpus(photos, 4, seed=3)
    worker = start_worker([photos])
    assert worker.wait_idle(60)
    other = reader()
    assert len(searchable(other)) == 4
    for i, source in enumerate(small_corpus(tmp_path / "incoming", 3, seed=4)):
        target = photos / "new" / f"copy {i}{source.suffix}"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        wait_for(lambda target=target: str(target) in searchable(other), what=f"{target.name} in search results")
    assert len(searchable(other)) == 7


def test_moving_a_folder_re_embeds_nothing(tmp_path, start_worker, reader, cli, lib_dir):
    photos = tmp_path / "photos"
    files = small_corpus(photos / "2024", 10, seed=6, folders=("", "summer", "фото")) + small_corpus(
        photos / "other", 3, seed=7)
    worker = start_worker([photos])
    assert worker.wait_idle(60)
    before = cli("status", "--json", library=lib_dir).json()
    assert before["photos"] == 13 and before["embeddings_computed"] == 13
    other = reader()
    os.rename(photos / "2024", photos / "2024 moved")
    moved = {str(photos / "2024 moved" / p.relative_to(photos / "2024")) if p.is_relative_to(photos / "2024")
             else str(p) for p in files}
    wait_for(lambda: searchable(other) == moved, what="the moved paths in search results")
    assert worker.wait_idle(60)  # the totals are counted after the batch that made them searchable
    after = cli("status", "--json", library=lib_dir).json()
    assert after["photos"] == 13 and after["embeddings_computed"] == 13
    assert worker.status.totals.embedded == 13 and worker.status.totals.relinked == 10


def test_deleted_photos_leave_search_results(tmp_path, start_worker, reader):
    photos = tmp_path / "photos"
    files = small_corpus(photos, 8, seed=8)
    worker = start_worker([photos])
    assert worker.wait_idle(60)
    other = reader()
    assert len(searchable(other)) == 8
    for p in files[:3]:
        p.unlink()
    shutil.rmtree(photos / "a b", ignore_errors=True)
    left = {str(p) for p in files[3:] if p.exists()}
    wait_for(lambda: searchable(other) == left, what="deleted photos gone from search")


def test_a_thousand_files_copied_at_once_are_each_indexed_once(tmp_path, start_worker, lib_dir):
    photos = tmp_path / "photos"
    photos.mkdir()
    staging = tmp_path / "card" / "DCIM"
    rng = random.Random(10)
    for i in range(1000):
        photo = toyworld.random_photo(rng, width=160, height=160)
        toyworld.write_image(toyworld.render(photo, supersample=1), staging / f"IMG_{i:04d}.jpg", rng)
    worker = start_worker([photos])
    assert worker.wait_idle(60)
    shutil.copytree(staging, photos / "DCIM")  # a camera import
    with Library(lib_dir, device="cpu") as lib:
        wait_for(lambda: lib.catalog.photo_count() == 1000, timeout=120, what="1,000 photos indexed")
        # A late event of the import would come before the events of a photo copied after it
        # (one watch, one event queue): once that photo is indexed, anything late has shown.
        shutil.copyfile(staging / "IMG_0000.jpg", photos / "DCIM" / "after the import.jpg")
        wait_for(lambda: lib.catalog.photo_count() == 1001, what="the photo copied after the import")
        assert worker.wait_idle(60)
        totals = worker.status.totals
        assert (totals.added, totals.embedded, totals.relinked, totals.skipped) == (1001, 1000, 1, 0)
        assert lib.status()["embeddings_computed"] == 1000
        assert len(lib.index) == 1001
        added_log = lib.catalog.db.execute("SELECT count(*), count(DISTINCT photo_id) FROM index_log WHERE added=1").fetchone()
        assert added_log == (1001, 1001)


def test_pause_resume_and_cancel(tmp_path, start_worker, lib_dir, monkeypatch):
    photos = tmp_path / "photos"
    small_corpus(photos, 3, seed=11)
    states: list[str] = []
    worker = start_worker([photos], on_status=lambda s: states.append(s.state), batch_size=4, workers=1)
    assert worker.wait_idle(60)
    worker.pause()
    wait_for(lambda: worker.status.state == "paused", what="paused")
    small_corpus(photos / "while paused", 5, seed=12)
    wait_for(lambda: worker.status.pending > 0, what="changes noticed while paused")
    with Library(lib_dir, device="cpu") as lib:
        assert lib.catalog.photo_count() == 3  # noticed, not indexed
        worker.resume()
        wait_for(lambda: lib.catalog.photo_count() == 8, what="indexed once resumed")
    # Cancel: a slow run (every photo takes 0.2 s to read) stopped part way.
    monkeypatch.setenv("PHOTOCLIP_FAILPOINTS", "decode=sleep:0.2")
    for p in small_corpus(tmp_path / "slow", 30, seed=13):
        os.utime(p, (time.time() - 60, time.time() - 60))  # finished long ago
    os.rename(tmp_path / "slow", photos / "slow")  # moved in all at once
    wait_for(lambda: worker.status.state == "indexing" and worker.status.done >= 4, what="indexing under way")
    status = worker.status
    assert 0 < status.done < status.total == 30 and status.rate > 0 and status.eta is not None and status.current
    worker.cancel_current()
    wait_for(lambda: worker.status.state == "watching", what="back to watching")
    assert worker.status.last_report.cancelled
    with Library(lib_dir, device="cpu") as lib:
        count = lib.catalog.photo_count()
        assert 8 < count < 38 and (count - 8) % 4 == 0  # whole batches only
    monkeypatch.delenv("PHOTOCLIP_FAILPOINTS")
    worker.rescan()  # picks up what the cancelled run left
    assert worker.wait_idle(60)
    with Library(lib_dir, device="cpu") as lib:
        assert lib.catalog.photo_count() == 38
    assert {"scanning", "indexing", "paused", "watching"} <= set(states) <= set(STATES)


def test_add_and_remove_folders(tmp_path, start_worker, lib_dir):
    first, second = tmp_path / "first", tmp_path / "second"
    small_corpus(first, 3, seed=14)
    files = small_corpus(second, 4, seed=15)
    changes = []
    worker = start_worker([first], on_change=lambda: changes.append(1))
    assert worker.wait_idle(60)
    with pytest.raises(FileNotFoundError):
        worker.add_folder(tmp_path / "no such folder")
    worker.add_folder(second)
    wait_for(lambda: str(second) in worker.status.folders, what="folder added")
    assert worker.wait_idle(60)
    with Library(lib_dir, device="cpu") as lib:
        assert lib.catalog.photo_count() == 7
        shutil.copy(files[0], second / "watched too.jpg")
        wait_for(lambda: lib.catalog.photo_by_path(str(second / "watched too.jpg")), what="new folder watched")
        worker.remove_folder(second)
        wait_for(lambda: str(second) not in worker.status.folders, what="folder removed")
        assert worker.wait_idle(60)
        assert lib.catalog.photo_count() == 3
        assert all(p.exists() for p in files)  # the files themselves are never touched
        assert str(second) not in worker._watcher.folders  # no longer watched
        shutil.copy(files[1], second / "not watched.jpg")
        worker.rescan()  # nor looked at again
        assert worker.wait_idle(60) and lib.catalog.photo_count() == 3
    assert changes


def test_a_locked_library_is_refused_at_start(lib_dir, tiny_model):
    holder = Library(lib_dir, model=tiny_model, device="cpu", writer=True)
    try:
        seen: list[WorkerStatus] = []
        worker = LibraryWorker(lib_dir, device="cpu", on_status=seen.append)
        with pytest.raises(LibraryLocked):
            worker.start()
        assert worker.status.state == "error" and f"pid {os.getpid()}" in worker.status.error
        assert seen[-1].state == "error"
    finally:
        holder.close()


def test_stop_during_a_run_keeps_whole_batches_and_the_next_start_carries_on(tmp_path, start_worker, lib_dir,
                                                                               monkeypatch):
    photos = tmp_path / "photos"
    small_corpus(photos, 24, seed=16)
    monkeypatch.setenv("PHOTOCLIP_FAILPOINTS", "decode=sleep:0.2")
    worker = start_worker([photos], batch_size=4, workers=1)
    wait_for(lambda: worker.status.done >= 4, what="indexing under way")
    stopping = threading.Thread(target=worker.stop, args=(30,))
    stopping.start()
    stopping.join(30)
    assert worker.status.state == "stopped"
    with Library(lib_dir, device="cpu") as lib:
        count = lib.catalog.photo_count()
        assert 0 < count < 24 and count % 4 == 0
        assert len(lib.index) == count
    monkeypatch.delenv("PHOTOCLIP_FAILPOINTS")
    worker = start_worker()
    assert worker.wait_idle(60)
    with Library(lib_dir, device="cpu") as lib:
        assert lib.catalog.photo_count() == 24 and lib.status()["embeddings_computed"] == 24
