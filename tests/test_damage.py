"""Damage to the library and its surroundings: odd file names, scribbled caches, a damaged or lost
catalog, a full disk. Caches are verified and rebuilt from the catalog; what cannot be trusted is
refused with one line that says what to do; nothing is lost, nothing is silently started afresh.
"""
from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import toyworld
from photoclip.core.store import disk_full

CATALOG = "catalog.sqlite3"


def photo_at(path: Path, seed: int = 1, **fixed) -> Path:
    rng = random.Random(seed)
    return toyworld.write_image(toyworld.render(toyworld.random_photo(rng, 200, 160, **fixed)), path, rng)


def one_line_refusal(r, *words: str) -> None:
    assert r.code == 2, (r.code, r.err)
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, r.err
    for word in words:
        assert word in r.err, r.err


@pytest.fixture
def indexed(cli, tmp_path):
    """A library of 12 toy photos, indexed: (folder, {path: Photo})."""
    folder = tmp_path / "photos"
    photos = toyworld.write_corpus(folder, 12, seed=77, max_side=240)
    assert cli("index", folder).code == 0
    return folder, photos


def search(cli, text: str = "a red circle") -> list[tuple[str, float]]:
    r = cli("search", text, "--limit", "12", "--all", "--json")  # --all: the weak matches too
    assert r.code == 0, r.err
    return [(h["path"], h["score"]) for h in r.json()]


def index_files(cli, suffix: str) -> list[Path]:
    return sorted((cli.library / "index").glob(f"*{suffix}"))


# -- 1. file names that are not valid UTF-8 -------------------------------------------------------
def test_a_file_name_that_is_not_utf8_is_indexed_and_never_stops_a_batch(cli, tmp_path):
    folder = tmp_path / "photos"
    photos = [photo_at(folder / f"IMG_{i}.jpg", seed=i) for i in range(5)]
    odd = os.fsdecode(os.fsencode(folder) + b"/caf\xe9 \xff.jpg")  # Latin-1 bytes, as an old camera card has
    os.rename(photos[0], odd)
    r = cli("index", folder)
    assert r.code == 0 and "Traceback" not in r.err, r.err
    status = cli("status", "--json").json()
    assert status["photos"] == 5 and status["skipped"] == []
    assert odd in {path for path, _ in search(cli, "a photo")}  # the very name, byte for byte
    again = cli("index")
    assert again.code == 0 and "0 photos indexed" in again.err and "5 unchanged" in again.err, again.err
    os.unlink(odd)
    assert cli("index").code == 0
    assert cli("status", "--json").json()["photos"] == 4


# -- 7. scribbled vectors or ids in the index files -----------------------------------------------
def test_scribbled_vectors_are_detected_and_the_index_rebuilt(cli, indexed):
    before = search(cli)
    (vec_file,) = index_files(cli, ".vec.npy")
    matrix = np.load(vec_file)
    matrix[3] = 1e38  # what the torture test found: scores of 1.4e38
    np.save(vec_file, matrix)
    assert search(cli) == before
    (ids_file,) = index_files(cli, ".ids.npy")
    ids = np.load(ids_file)
    ids[[0, 1]] = ids[[1, 0]]  # wrong photos with normal scores
    np.save(ids_file, ids)
    assert search(cli) == before
    assert cli("index").code == 0  # the writer saves the rebuilt index
    assert np.array_equal(np.load(index_files(cli, ".ids.npy")[0]), np.sort(ids))
    assert search(cli) == before


# -- 8. a damaged, empty or lost catalog ----------------------------------------------------------
def test_a_damaged_catalog_is_refused_with_what_to_do_and_left_as_it_is(cli, indexed):
    catalog = cli.library / CATALOG
    for side in ("-wal", "-shm"):
        Path(f"{catalog}{side}").unlink(missing_ok=True)
    data = bytearray(catalog.read_bytes())
    data[:100] = os.urandom(100)  # the header
    catalog.write_bytes(bytes(data))
    for args in (("status",), ("search", "a cat"), ("index",)):
        one_line_refusal(cli(*args), "damaged", str(catalog))
    assert catalog.read_bytes() == bytes(data)


@pytest.mark.parametrize("loss", ["empty", "deleted"])
def test_a_lost_catalog_beside_the_index_is_not_a_new_library(cli, indexed, loss):
    folder, _ = indexed
    catalog = cli.library / CATALOG
    for side in ("-wal", "-shm"):
        Path(f"{catalog}{side}").unlink(missing_ok=True)
    if loss == "empty":
        catalog.write_bytes(b"")
    else:
        catalog.unlink()
    for args in (("status",), ("index", folder)):
        one_line_refusal(cli(*args), str(catalog))
    assert (catalog.stat().st_size == 0) if loss == "empty" else not catalog.exists()


# -- 9. a full disk ---------------------------------------------------------------------------------
def test_a_full_disk_stops_indexing_with_one_line_and_nothing_is_lost(cli, tmp_path, monkeypatch):
    folder = tmp_path / "photos"
    photos = toyworld.write_corpus(folder, 12, seed=78, max_side=240)
    monkeypatch.setenv("PHOTOCLIP_FAILPOINTS", "catalog.commit=full@2")  # the 2nd batch finds the disk full
    r = cli("index", folder, "--batch-size", "4")
    one_line_refusal(r, "disk is full")
    monkeypatch.setenv("PHOTOCLIP_FAILPOINTS", "index.save=full")
    r = cli("index", "--batch-size", "4")
    one_line_refusal(r, "disk is full")
    monkeypatch.delenv("PHOTOCLIP_FAILPOINTS")
    assert cli("index").code == 0  # space came back
    status = cli("status", "--json").json()
    assert status["photos"] == len(photos) and status["embeddings_computed"] == len(photos)
    assert len(search(cli, "a photo")) == 12


def test_sqlite_running_out_of_room_counts_as_a_full_disk(library, tmp_path):
    from photoclip.core.indexer import Indexer

    toyworld.write_corpus(tmp_path / "photos", 40, seed=79, max_side=240)
    library.add_folder(tmp_path / "photos")
    pages = library.catalog.db.execute("PRAGMA page_count").fetchone()[0]
    library.catalog.db.execute(f"PRAGMA max_page_count={pages + 2}")  # a disk with two pages left
    with pytest.raises(Exception) as caught:
        Indexer(library, batch_size=4).run()
    assert disk_full(caught.value), caught.value
    count = library.catalog.photo_count()
    assert count % 4 == 0 and len(library.index) == count  # whole batches only


# -- 10. damaged rows of the duplicate finder's caches ----------------------------------------------
def test_damaged_look_alike_signatures_are_made_again(cli, tmp_path):
    folder = tmp_path / "photos"
    a = photo_at(folder / "a.jpg", seed=5, color="red", shape="circle")
    Image.open(a).save(folder / "a copy.jpg", quality=70)  # the same picture, other bytes
    for i in range(6):
        photo_at(folder / f"other {i}.jpg", seed=10 + i)
    assert cli("index", folder).code == 0
    before = cli("duplicates", "--json")
    assert before.code == 0, before.err
    with sqlite3.connect(cli.library / CATALOG) as db:
        fps = [r[0] for r in db.execute("SELECT fingerprint FROM look_alike_signatures ORDER BY fingerprint")]
        db.execute("UPDATE look_alike_signatures SET signature=x'0102030405' WHERE fingerprint=?", (fps[0],))
        db.execute("UPDATE look_alike_signatures SET signature=? WHERE fingerprint=?",
                   (np.full(64, np.nan, np.float16).tobytes(), fps[1]))
    (cli.library / "index" / "lookalikes.npz").unlink()  # the damaged rows are read again: the table is made anew
    photo_at(folder / "one more.jpg", seed=40)  # and a new photo: its candidate pairs are looked for
    assert cli("index").code == 0
    after = cli("duplicates", "--json")
    assert after.code == 0 and "Traceback" not in after.err, after.err
    assert after.json() == before.json()
    with sqlite3.connect(cli.library / CATALOG) as db:
        sizes = {len(r[0]) for r in db.execute("SELECT signature FROM look_alike_signatures")}
    assert sizes == {128}
