"""Files PhotoClip removed come back: the trash place is found and recorded, restore puts them back."""
from __future__ import annotations

import os
from pathlib import Path

from photoclip.core import removed, xmp


def trash_root() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "Trash"


def test_trashing_records_where_each_file_went_even_with_the_same_name(tmp_path):
    a, b = tmp_path / "one" / "IMG_1.jpg", tmp_path / "two" / "IMG_1.jpg"
    for path, data in ((a, b"first photo"), (b, b"second photo, longer")):
        path.parent.mkdir()
        path.write_bytes(data)
    decoy = trash_root() / "files" / "IMG_1 9.jpg"  # someone else's file already in the trash
    decoy.parent.mkdir(parents=True)
    decoy.write_bytes(b"first photo")

    where_a, where_b = removed.trash(a), removed.trash(b)

    assert not a.exists() and not b.exists()
    assert where_a != where_b and Path(where_a).parent == trash_root() / "files"
    assert Path(where_a).read_bytes() == b"first photo" and Path(where_b).read_bytes() == b"second photo, longer"


def test_restore_puts_a_batch_back_and_leaves_the_trash_clean(tmp_path):
    photo = tmp_path / "photos" / "beach.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"\xff\xd8 a beach")
    xmp.merge_keywords(photo, ["Sea"])
    moved_away = tmp_path / "photos" / "dog.jpg"
    moved_away.write_bytes(b"\xff\xd8 a dog")
    aside = tmp_path / "aside"
    aside.mkdir()
    log = removed.RemovedLog(tmp_path)
    entry = removed.Removed(str(photo), removed.trash(photo), removed.TRASHED, batch="b1", at=1e9 * 2)
    entry.sidecars.append((str(xmp.sidecar_path(photo)), removed.trash(xmp.sidecar_path(photo))))
    os.rename(moved_away, aside / "dog.jpg")
    log.add([entry, removed.Removed(str(moved_away), str(aside / "dog.jpg"), removed.MOVED, batch="b1", at=2e9)])
    assert [(r.original, r.batch) for r in log.entries()] == [(str(photo), "b1"), (str(moved_away), "b1")]
    assert all(r.restorable for r in log.entries())

    result = log.restore([r.id for r in log.entries()])

    assert not result.failed and sorted(result.done) == sorted([(str(photo), str(photo)),
                                                                (str(moved_away), str(moved_away))])
    assert photo.read_bytes() == b"\xff\xd8 a beach" and moved_away.read_bytes() == b"\xff\xd8 a dog"
    assert xmp.read_keywords(photo) == ["Sea"], "its sidecar came back too"
    assert list((trash_root() / "files").iterdir()) == [] and list((trash_root() / "info").iterdir()) == []
    assert log.entries() == []


def test_restore_keeps_a_new_file_that_took_the_name_and_reports_what_is_gone(tmp_path):
    photo = tmp_path / "cat.jpg"
    photo.write_bytes(b"the cat")
    gone = tmp_path / "gone.jpg"
    gone.write_bytes(b"emptied from the trash since")
    log = removed.RemovedLog(tmp_path / "lib")
    (tmp_path / "lib").mkdir()
    log.add([removed.Removed(str(photo), removed.trash(photo), batch="x", at=2e9),
             removed.Removed(str(gone), removed.trash(gone), batch="x", at=2e9)])
    photo.write_bytes(b"a new cat")
    for f in (trash_root() / "files").glob("gone*"):
        f.unlink()

    result = log.restore([r.id for r in log.entries()])

    assert result.done == [(str(photo), str(tmp_path / "cat (restored).jpg"))]
    assert photo.read_bytes() == b"a new cat" and (tmp_path / "cat (restored).jpg").read_bytes() == b"the cat"
    assert [(p, "trash" in why) for p, why in result.failed] == [(str(gone), True)]
    assert [r.original for r in log.entries()] == [str(gone)], "what could not come back stays listed"


def test_a_damaged_log_loses_history_not_files(tmp_path):
    (tmp_path / removed.LOG_FILE).write_text("{not json")
    assert removed.RemovedLog(tmp_path).entries() == []
