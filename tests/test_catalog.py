"""The catalog: stepwise migrations, atomic batches, content-keyed vectors and the change log."""
import sqlite3

import numpy as np
import pytest

from photoclip.core import catalog as catalog_module
from photoclip.core.catalog import SCHEMA_VERSION, Catalog, CatalogError, NewPhoto


def photo(i, fp=None, path=None):
    return NewPhoto(path or f"/photos/p{i}.jpg", 100 + i, 1_000 + i, fp or f"fp{i}", 64, 48, None, None)


def vec(seed, dim=8):
    v = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return v / np.linalg.norm(v)


def test_fresh_catalog_is_at_current_schema(tmp_path):
    c = Catalog(tmp_path / "c.db")
    assert c.version == SCHEMA_VERSION
    assert c.photo_count() == 0


def test_migrates_stepwise_from_first_version_keeping_data(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(catalog_module.MIGRATIONS[0])
    db.execute("PRAGMA user_version=1")
    db.execute("INSERT INTO photos(path, size, mtime_ns, fingerprint, added_at) VALUES ('/a.jpg', 1, 2, 'f', 0)")
    db.commit()
    db.close()
    c = Catalog(path)
    assert c.version == SCHEMA_VERSION
    assert c.photo_by_path("/a.jpg").fingerprint == "f"


def test_newer_schema_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.db"
    Catalog(path).db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(CatalogError, match="newer PhotoClip"):
        Catalog(path)


def test_batch_is_atomic(tmp_path):
    c = Catalog(tmp_path / "c.db")
    bad = photo(2)
    bad.fingerprint = None  # NOT NULL violation in the middle of the batch
    with pytest.raises(sqlite3.IntegrityError):
        c.add_photos([photo(1), bad], "m", {"fp1": vec(1)})
    assert c.photo_count() == 0
    assert c.counter("embeddings_computed") == 0
    assert c.log_head() == 0


def test_vectors_follow_content_across_a_move(tmp_path):
    c = Catalog(tmp_path / "c.db")
    [old_id] = c.add_photos([photo(1)], "m", {"fp1": vec(1)})
    c.remove_paths(["/photos/p1.jpg"])
    [new_id] = c.add_photos([photo(1, path="/elsewhere/p1.jpg")], "m", {})
    ids, vecs = c.vectors([new_id], "m")
    assert ids.tolist() == [new_id] and np.allclose(vecs[0], vec(1))
    assert c.counter("embeddings_computed") == 1
    assert [(pid, added) for _, pid, added in c.log_since(0)] == [(old_id, 1), (old_id, 0), (new_id, 1)]


def test_changed_content_at_same_path_replaces_the_photo(tmp_path):
    c = Catalog(tmp_path / "c.db")
    [first] = c.add_photos([photo(1)], "m", {"fp1": vec(1)})
    [second] = c.add_photos([photo(1, fp="fp1b")], "m", {"fp1b": vec(2)})
    assert first != second and c.photo_count() == 1
    assert c.photo_by_path("/photos/p1.jpg").fingerprint == "fp1b"


def test_new_model_vector_for_known_photo_is_logged(tmp_path):
    c = Catalog(tmp_path / "c.db")
    [pid] = c.add_photos([photo(1)], "m1", {"fp1": vec(1)})
    assert [r.id for r in c.photos_missing_vectors("m2")] == [pid]
    head = c.log_head()
    c.add_photos([photo(1)], "m2", {"fp1": vec(5)})
    assert [(p, a) for _, p, a in c.log_since(head)] == [(pid, 1)]
    assert c.photos_missing_vectors("m2") == []


def test_prefix_queries_do_not_leak_into_sibling_folders(tmp_path):
    c = Catalog(tmp_path / "c.db")
    c.add_photos([photo(1, path="/photos/a/x.jpg"), photo(2, path="/photos/ab/y.jpg")], "m", {})
    assert list(c.photos_under("/photos/a")) == ["/photos/a/x.jpg"]
    c.add_folder("/photos/a")
    c.remove_folder("/photos/a")
    assert [r.path for r in c.all_photos("path")] == ["/photos/ab/y.jpg"]


def test_skipped_files_are_recorded_and_cleared_when_fixed(tmp_path):
    c = Catalog(tmp_path / "c.db")
    c.skip("/photos/bad.jpg", "empty file (0 bytes)", 0, 5)
    assert c.skipped() == [("/photos/bad.jpg", "empty file (0 bytes)")]
    c.add_photos([photo(1, path="/photos/bad.jpg")], "m", {"fp1": vec(1)})
    assert c.skipped() == []
