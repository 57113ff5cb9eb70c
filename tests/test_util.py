"""photoclip.core.util: the one home of small helpers that used to be written three or four times."""
from __future__ import annotations

import os
import stat
import sys
import threading

import pytest

from photoclip.core.util import (
    atomic_write,
    chunked,
    folder_prefix,
    human_size,
    is_under,
    newest_first,
    photo_time,
)


def test_is_under_goes_by_whole_folder_names():
    assert is_under("/photos/a.jpg", "/photos")
    assert is_under("/photos/sub/a.jpg", "/photos/")
    assert is_under("/photos", "/photos") and not is_under("/photos", "/photos", strict=True)
    assert is_under("/photos/a.jpg", "/photos", strict=True)
    assert not is_under("/photos2/a.jpg", "/photos")  # a sibling sharing the prefix
    assert not is_under("/pho", "/photos")
    assert is_under("/anything", "/")
    assert is_under(r"C:\Photos\a.jpg", "C:\\Photos") and not is_under(r"C:\Photos2\a.jpg", "C:\\Photos")
    assert folder_prefix("/photos/") == "/photos/" and folder_prefix(r"D:\pics") == "D:\\pics\\"


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path):
    target = tmp_path / "note.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    with pytest.raises(RuntimeError), atomic_write(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("disk full halfway")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]  # no temporary file left behind

    with atomic_write(target, keep_mode=True) as tmp:
        assert tmp.parent == target.parent and tmp.name.startswith(".")  # hidden, same file system
        tmp.write_text("new")
        assert target.read_text() == "old"  # readers see the old file until the rename
    assert target.read_text() == "new"
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]


def test_atomic_writers_on_threads_do_not_share_a_temporary_file(tmp_path):
    target = tmp_path / "cache.bin"
    inside = threading.Barrier(2)
    names = []

    def write(data: bytes):
        with atomic_write(target, durable=False) as tmp:
            names.append(tmp.name)
            tmp.write_bytes(data)
            inside.wait(timeout=30)  # both are mid-write at once

    threads = [threading.Thread(target=write, args=(bytes([n]) * 1000,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(names)) == 2
    assert target.read_bytes() in (b"\x01" * 1000, b"\x02" * 1000)


def test_chunked_reads_any_iterable_once():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked((i for i in range(4)), 2)) == [[0, 1], [2, 3]]  # a generator: nothing lost
    assert list(chunked([], 5)) == []


def test_newest_first_uses_the_file_time_where_exif_has_no_date():
    from datetime import datetime

    def ns(text: str) -> int:
        return int(datetime.fromisoformat(text).timestamp() * 1e9)

    photos = [("exif 2020", "2020-06-01T10:00:00", ns("2001-01-01T00:00:00")),
              ("file 2022", None, ns("2022-03-01T09:00:00")),
              ("exif 2021", "2021-01-01T00:00:00", ns("2024-01-01T00:00:00")),
              ("file 2019", None, ns("2019-01-01T00:00:00"))]
    order = newest_first(photos, lambda p: (p[1], p[2]))
    assert [p[0] for p in order] == ["file 2022", "exif 2021", "exif 2020", "file 2019"]
    assert photo_time(None, ns("2022-03-01T09:00:00")) == "2022-03-01T09:00:00"  # local time, as EXIF


def test_human_size_counts_like_the_file_manager():
    assert human_size(0) == "0 B" and human_size(999, base=1000) == "999 B"
    assert human_size(1_500_000, base=1000) == "1.5 MB"
    assert human_size(1_500_000, base=1024) == "1.4 MB"
    assert human_size(3 * 1000**4, base=1000) == "3.0 TB"
    # One convention per platform: Explorer counts in 1024s, Finder and the Linux desktops in 1000s.
    assert human_size(1_500_000) == ("1.4 MB" if sys.platform == "win32" else "1.5 MB")


def test_the_cli_and_the_app_show_one_size_for_one_file():
    """The CLI used to count in 1000s and the app in 1024s: one file, two sizes."""
    from photoclip.cli import duplicates as cli_duplicates
    from photoclip.gui import duplicatespage, photogrid, preview, removedpage, texts

    assert cli_duplicates.human_size is human_size
    # The app writes the same size with the number in the user's locale (texts.size_text).
    assert texts.human_size is human_size
    for module in (duplicatespage, photogrid, preview, removedpage):
        assert module.size_text is texts.size_text, module.__name__
    assert texts.size_text(1_500_000) == human_size(1_500_000)  # the tests' C locale reads as English


def test_the_store_orders_and_filters_by_the_same_time_as_photo_time(tmp_path, monkeypatch):
    """"When taken" has a Python spelling (util.photo_time: the grid, the timeline) and an SQL one
    (the store's ORDER BY and date filters): they must agree, in the local time zone of the
    user, also for photos without EXIF and on the day's edges."""
    import time
    from datetime import datetime

    import numpy as np

    from photoclip.core.store import NewPhoto, Store

    monkeypatch.setenv("TZ", "America/Sao_Paulo")  # far from UTC: a UTC slip moves the day
    time.tzset()
    try:
        def ns(text: str) -> int:
            return int(datetime.fromisoformat(text).timestamp() * 1e9) + 400_000_000  # not on a second

        photos = [NewPhoto(f"/p/{n}.jpg", 1, mtime, f"fp{n}", 1, 1, taken, None) for n, (taken, mtime) in enumerate([
            ("2021-05-01T12:00:00", ns("2001-01-01T00:00:00")),
            (None, ns("2021-05-01T23:30:00")),  # late evening local time: the next day in UTC
            (None, ns("2021-05-02T00:10:00")),
            ("2021-05-02T08:00:00", ns("2030-01-01T00:00:00")),
            (None, ns("2019-12-31T23:59:59")),
        ])]
        store = Store(tmp_path / "c.db")
        store.add_photos(photos, "m", {p.fingerprint: np.ones(2, np.float32) for p in photos})
        rows = store.all_photos(order="date")
        assert [r.path for r in rows] == [p.path for p in newest_first(photos, lambda p: (p.taken, p.mtime_ns))]
        by_id = {r.id: r for r in rows}
        for start, end in (("2021-05-01", "2021-05-02"), ("2021-05-02", "2021-05-03"), ("2019-12-31", "2020-01-01")):
            in_sql = {by_id[i].path for i in store.photo_ids_where(taken_from=start, taken_before=end)}
            in_python = {p.path for p in photos if start <= photo_time(p.taken, p.mtime_ns) < end}
            assert in_sql == in_python, (start, in_sql, in_python)
            assert in_python  # each day holds a photo: the comparison says something
    finally:
        monkeypatch.undo()
        time.tzset()
