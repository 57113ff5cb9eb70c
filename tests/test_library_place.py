"""Where a library is: a missing one is refused (made only when asked), a vanished folder is marked."""
from __future__ import annotations

import threading

import pytest

import toyworld
from photoclip.core.library import Library, LibraryMissing


def test_missing_library_is_refused_and_made_only_when_asked(tmp_path, tiny_model):
    where = tmp_path / "unplugged drive" / "library"
    with pytest.raises(LibraryMissing, match="no PhotoClip library at .*plugged in"):
        Library(where, model=tiny_model, create=False)
    assert not where.exists() and not where.parent.exists()
    with Library(where, model=tiny_model, create=True) as lib:
        assert lib.root == where.resolve()
    Library(where, model=tiny_model, create=False).close()  # there now: opened as it is


def test_worker_marks_a_vanished_folder_within_seconds_and_keeps_its_photos(tmp_path, tiny_model):
    from photoclip.core.worker import LibraryWorker

    folder = tmp_path / "Pictures"
    photos = toyworld.write_corpus(folder, 6, seed=31)
    gone, back = threading.Event(), threading.Event()

    def on_status(status):
        if str(folder) in status.missing:
            gone.set()
        elif gone.is_set() and status.state == "watching" and not status.missing:
            back.set()

    w = LibraryWorker(tmp_path / "library", model=tiny_model, device="cpu", on_status=on_status)
    w.add_folder(folder)
    w.start()
    try:
        assert w.wait_idle(120)
        assert not w.status.missing
        folder.rename(tmp_path / "Pictures (renamed)")
        assert gone.wait(30)
        with Library(tmp_path / "library", create=False) as reader:
            assert reader.catalog.photo_count() == len(photos)  # kept for when the drive comes back
            assert reader.status()["missing_folders"] == [str(folder)]
        (tmp_path / "Pictures (renamed)").rename(folder)
        assert back.wait(30)
    finally:
        assert w.stop(30)


def test_cli_refuses_a_missing_library_in_one_line_and_makes_it_when_asked(cli, tmp_path, toy_folder):
    typo = tmp_path / "Libary"
    r = cli("index", next(iter(toy_folder)).parent, library=typo, create=False)
    assert r.code == 2 and not typo.exists()
    assert r.err.count("\n") == 1 and "no PhotoClip library at" in r.err and "--create" in r.err
    r = cli("status", library=typo, create=False)
    assert r.code == 2 and not typo.exists()
    from photoclip.cli import main

    assert main(["--library", str(typo), "--create", "--model", toyworld.TINY_CLIP_SPEC, "status"]) == 0
    assert typo.is_dir()
