"""The catalog: stepwise migrations, atomic batches, content-keyed vectors and the change log."""
import sqlite3

import numpy as np
import pytest

from photoclip.core import store as store_module
from photoclip.core.store import SCHEMA_VERSION, CatalogError, NewPhoto, Store


def photo(i, fp=None, path=None):
    return NewPhoto(path or f"/photos/p{i}.jpg", 100 + i, 1_000 + i, fp or f"fp{i}", 64, 48, None, None)


def vec(seed, dim=8):
    v = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return v / np.linalg.norm(v)


def test_fresh_catalog_is_at_current_schema(tmp_path):
    c = Store(tmp_path / "c.db")
    assert c.version == SCHEMA_VERSION
    assert c.photo_count() == 0


def test_migrates_stepwise_from_first_version_keeping_data(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for statement in store_module.MIGRATIONS[0]:
        db.execute(statement)
    db.execute("PRAGMA user_version=1")
    db.execute("INSERT INTO photos(path, size, mtime_ns, fingerprint, added_at) VALUES ('/a.jpg', 1, 2, 'f', 0)")
    db.commit()
    db.close()
    c = Store(path)
    assert c.version == SCHEMA_VERSION
    assert c.photo_by_path("/a.jpg").fingerprint == "f"


def test_newer_schema_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.db"
    Store(path).db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(CatalogError, match="newer PhotoClip"):
        Store(path)


def test_batch_is_atomic(tmp_path):
    c = Store(tmp_path / "c.db")
    bad = photo(2)
    bad.fingerprint = None  # NOT NULL violation in the middle of the batch
    with pytest.raises(sqlite3.IntegrityError):
        c.add_photos([photo(1), bad], "m", {"fp1": vec(1)})
    assert c.photo_count() == 0
    assert c.counter("embeddings_computed") == 0
    assert c.log_head() == 0


def test_vectors_follow_content_across_a_move(tmp_path):
    c = Store(tmp_path / "c.db")
    [old_id] = c.add_photos([photo(1)], "m", {"fp1": vec(1)})
    c.remove_paths(["/photos/p1.jpg"])
    [new_id] = c.add_photos([photo(1, path="/elsewhere/p1.jpg")], "m", {})
    ids, vecs = c.vectors([new_id], "m")
    assert ids.tolist() == [new_id] and np.allclose(vecs[0], vec(1))
    assert c.counter("embeddings_computed") == 1
    assert [(pid, added) for _, pid, added in c.log_since(0)] == [(old_id, 1), (old_id, 0), (new_id, 1)]


def test_changed_content_at_same_path_replaces_the_photo(tmp_path):
    c = Store(tmp_path / "c.db")
    [first] = c.add_photos([photo(1)], "m", {"fp1": vec(1)})
    [second] = c.add_photos([photo(1, fp="fp1b")], "m", {"fp1b": vec(2)})
    assert first != second and c.photo_count() == 1
    assert c.photo_by_path("/photos/p1.jpg").fingerprint == "fp1b"


def test_new_model_vector_for_known_photo_is_logged(tmp_path):
    c = Store(tmp_path / "c.db")
    [pid] = c.add_photos([photo(1)], "m1", {"fp1": vec(1)})
    assert [r.id for r in c.photos_missing_vectors("m2")] == [pid]
    head = c.log_head()
    c.add_photos([photo(1)], "m2", {"fp1": vec(5)})
    assert [(p, a) for _, p, a in c.log_since(head)] == [(pid, 1)]
    assert c.photos_missing_vectors("m2") == []


def test_prefix_queries_do_not_leak_into_sibling_folders(tmp_path):
    c = Store(tmp_path / "c.db")
    c.add_photos([photo(1, path="/photos/a/x.jpg"), photo(2, path="/photos/ab/y.jpg")], "m", {})
    assert list(c.photos_under("/photos/a")) == ["/photos/a/x.jpg"]
    c.add_folder("/photos/a")
    c.remove_folder("/photos/a")
    assert [r.path for r in c.all_photos("path")] == ["/photos/ab/y.jpg"]


def test_skipped_files_are_recorded_and_cleared_when_fixed(tmp_path):
    c = Store(tmp_path / "c.db")
    c.skip("/photos/bad.jpg", "empty file (0 bytes)", 0, 5)
    assert c.skipped() == [("/photos/bad.jpg", "empty file (0 bytes)")]
    c.add_photos([photo(1, path="/photos/bad.jpg")], "m", {"fp1": vec(1)})
    assert c.skipped() == []


# -- the store owns all the SQL ------------------------------------------------------------------
def test_no_module_outside_the_store_runs_sql():
    """SQL lives in photoclip/core/store.py only: no other module calls execute / executemany /
    executescript or opens SQLite itself (checked on the syntax tree, not by grepping)."""
    import ast
    from pathlib import Path

    package = Path(store_module.__file__).resolve().parents[1]
    offenders = []
    for source in sorted(package.rglob("*.py")):
        if source == Path(store_module.__file__).resolve():
            continue
        tree = ast.parse(source.read_text(), str(source))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("execute", "executemany", "executescript"):
                offenders.append(f"{source.relative_to(package)}:{node.lineno} .{node.func.attr}()")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if "sqlite3" in names:
                    offenders.append(f"{source.relative_to(package)}:{node.lineno} imports sqlite3")
    assert offenders == []


# -- the unit of work ---------------------------------------------------------------------------------
def test_an_inner_transaction_joins_the_outer_one(tmp_path):
    c = Store(tmp_path / "c.db")
    with pytest.raises(RuntimeError):
        with c.transaction():
            c.add_photos([photo(1)], "m", {"fp1": vec(1)})  # a transaction of its own, nested
            c.store_signatures(1, {"fp1": b"sig"})
            raise RuntimeError("killed before the outer commit")
    assert c.photo_count() == 0 and c.look_alike_signatures(1) == {} and c.log_head() == 0


def test_an_inner_failure_rolls_back_only_its_own_part(tmp_path):
    c = Store(tmp_path / "c.db")
    with c.transaction():
        c.add_photos([photo(1)], "m", {"fp1": vec(1)})
        bad = photo(2)
        bad.fingerprint = None
        with pytest.raises(sqlite3.IntegrityError):
            c.add_photos([photo(3), bad], "m", {})
        c.store_signatures(1, {"fp1": b"sig"})
    assert [r.path for r in c.all_photos("path")] == ["/photos/p1.jpg"]
    assert c.look_alike_signatures(1) == {"fp1": b"sig"}
    assert not c.db.in_transaction


def test_a_transaction_is_the_thread_s_own(tmp_path):
    """Another thread's unit of work waits for this one instead of joining it."""
    import threading

    c = Store(tmp_path / "c.db")
    inside, other_done = threading.Event(), threading.Event()

    def other():
        inside.wait()
        with c.transaction():  # waits for the other thread's unit of work to end
            c.set_meta("other", "2")
        other_done.set()

    thread = threading.Thread(target=other)
    thread.start()
    with pytest.raises(RuntimeError):
        with c.transaction():
            c.set_meta("mine", "1")
            inside.set()
            assert not other_done.wait(0.2)
            raise RuntimeError("roll back mine only")
    thread.join()
    assert c.get_meta("mine") is None and c.get_meta("other") == "2"


# -- defects, each held by a test ---------------------------------------------------------------------
def test_a_migration_statement_may_hold_a_semicolon(tmp_path, monkeypatch):
    """Migrations are lists of statements: a trigger body (or a string) holds ';'."""
    step = ["CREATE TABLE notes (text TEXT NOT NULL DEFAULT 'a; b')",
            "CREATE TRIGGER notes_trim AFTER INSERT ON notes BEGIN"
            " UPDATE notes SET text = trim(text) WHERE rowid = new.rowid; END"]
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, step])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(store_module.MIGRATIONS))
    c = Store(tmp_path / "c.db")
    assert c.version == store_module.SCHEMA_VERSION
    c.db.execute("INSERT INTO notes(text) VALUES ('  x  ')")
    c.db.execute("INSERT INTO notes DEFAULT VALUES")
    assert [r[0] for r in c.db.execute("SELECT text FROM notes")] == ["x", "a; b"]


def test_remove_paths_takes_a_generator(tmp_path):
    c = Store(tmp_path / "c.db")
    c.add_photos([photo(1), photo(2)], "m", {})
    c.skip("/photos/gone.jpg", "empty file (0 bytes)", 0, 1)
    removed = c.remove_paths(p for p in ["/photos/p1.jpg", "/photos/p2.jpg", "/photos/gone.jpg"])
    assert removed == 2 and c.photo_count() == 0 and c.skipped() == []


def test_photos_without_exif_sort_by_their_file_time(tmp_path):
    """Newest first by date taken, the file time standing in where EXIF has none."""
    from datetime import datetime

    c = Store(tmp_path / "c.db")
    ns = lambda text: int(datetime.fromisoformat(text).timestamp() * 1e9)  # noqa: E731 (local time)
    rows = [NewPhoto("/p/exif-2020.jpg", 1, ns("2024-06-01T12:00:00"), "a", 1, 1, "2020-01-01T10:00:00", None),
            NewPhoto("/p/file-2023.jpg", 1, ns("2023-05-05T08:00:00"), "b", 1, 1, None, None),
            NewPhoto("/p/exif-2022.jpg", 1, ns("2024-06-01T12:00:00"), "c", 1, 1, "2022-01-01T10:00:00", None),
            NewPhoto("/p/file-2019.jpg", 1, ns("2019-05-05T08:00:00"), "d", 1, 1, None, None)]
    c.add_photos(rows, "m", {})
    assert [r.path for r in c.all_photos()] == ["/p/file-2023.jpg", "/p/exif-2022.jpg", "/p/exif-2020.jpg",
                                                "/p/file-2019.jpg"]


def test_date_filters_read_file_times_in_local_time(tmp_path, monkeypatch):
    """A photo without EXIF, saved at 05:00 on 2 March on the wall clock of a UTC+10 zone
    (19:00 on 1 March in UTC), was taken on 2 March, as EXIF dates (local) would say."""
    import time
    from datetime import datetime

    monkeypatch.setenv("TZ", "Etc/GMT-10")  # POSIX sign: UTC+10
    time.tzset()
    try:
        c = Store(tmp_path / "c.db")
        mtime = int(datetime(2024, 3, 2, 5, 0).timestamp() * 1e9)
        c.add_photos([NewPhoto("/p/a.jpg", 1, mtime, "a", 1, 1, None, None),
                      NewPhoto("/p/b.jpg", 1, mtime, "b", 1, 1, "2024-03-02T05:00:00", None)], "m", {})
        assert len(c.photo_ids_where(taken_from="2024-03-02", taken_before="2024-03-03")) == 2
        assert c.photo_ids_where(taken_before="2024-03-02") == []
    finally:
        monkeypatch.undo()
        time.tzset()
