"""The vector index: follows the catalog, saves atomically, rebuilds itself when damaged."""
from pathlib import Path

import numpy as np
import pytest

from photoclip.core import index as index_module
from photoclip.core.index import VectorIndex
from photoclip.core.store import NewPhoto, Store


def unit(rows):
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.fixture
def filled(tmp_path):
    """A catalog with 300 photos whose vectors form 10 clusters, like photos of 10 subjects."""
    rng = np.random.default_rng(0)
    centres = unit(rng.normal(size=(10, 32)))
    vecs = unit(centres[rng.integers(0, 10, 300)] + 0.35 * rng.normal(size=(300, 32))).astype(np.float32)
    c = Store(tmp_path / "c.db")
    photos = [NewPhoto(f"/p/{i}.jpg", 1, 1, f"fp{i}", 1, 1, None, None) for i in range(300)]
    ids = c.add_photos(photos, "m", {f"fp{i}": vecs[i] for i in range(300)})
    return c, np.array(ids), vecs


def test_exact_search_ranks_by_cosine(filled, tmp_path):
    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    hits = ix.search(vecs[7], k=5)
    scores = vecs @ vecs[7]
    assert [h[0] for h in hits] == ids[np.argsort(-scores)[:5]].tolist()
    assert hits[0] == (ids[7], pytest.approx(1.0, abs=1e-5))
    assert len(ix.search(vecs[7], k=None)) == 300


def test_graph_search_recall_against_exact(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(index_module, "EXACT_BELOW", 0)  # force the HNSW path on a small set
    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    recall = []
    for q in vecs[:50]:
        exact = set(ids[np.argsort(-(vecs @ q))[:10]].tolist())
        recall.append(len(exact & {h[0] for h in ix.search(q, k=10)}) / 10)
    assert np.mean(recall) >= 0.98


def test_filters_and_exclusions(filled, tmp_path):
    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    allowed = ids[100:110]
    hits = ix.search(vecs[0], k=20, allowed=allowed)
    assert {h[0] for h in hits} == set(allowed.tolist())
    assert ids[0] not in {h[0] for h in ix.search(vecs[0], k=3, exclude={int(ids[0])})}


def test_reader_follows_writer_through_the_log(filled, tmp_path):
    c, ids, vecs = filled
    reader = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    c.remove_paths(["/p/0.jpg", "/p/1.jpg"])
    [new] = c.add_photos([NewPhoto("/p/new.jpg", 1, 1, "fpnew", 1, 1, None, None)], "m", {"fpnew": vecs[5]})
    assert reader.sync(c, "m") == 3
    assert len(reader) == 299
    found = {h[0] for h in reader.search(vecs[5], k=2)}
    assert new in found and int(ids[0]) not in {h[0] for h in reader.search(vecs[0], k=300)}


def test_save_and_load_round_trip_and_catch_up(filled, tmp_path):
    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    ix.save()
    c.remove_paths(["/p/3.jpg"])  # happens after the save: the loaded index must catch up
    again = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    assert len(again) == 299 and again.seq == c.log_head()
    assert np.allclose(again.vectors_of([int(ids[4])])[1][0], vecs[4])


@pytest.mark.parametrize("damage", ["truncate_graph", "garbage_meta", "missing_vectors"])
def test_damaged_index_is_rebuilt_from_the_catalog(filled, tmp_path, damage):
    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    ix.save()
    folder = tmp_path / "ix"
    graph = next(folder.glob("*.hnsw"))
    if damage == "truncate_graph":
        graph.write_bytes(graph.read_bytes()[:1000])
    elif damage == "garbage_meta":
        (folder / "index-k.json").write_text("{not json")
    else:
        next(folder.glob("*.vec.npy")).unlink()
    again = VectorIndex(folder, "k").open(c, "m")
    assert len(again) == 300
    assert again.search(vecs[9], k=1)[0][0] == ids[9]
    labels, _ = again.graph.knn_query(vecs[9], k=1)  # the graph, read (or built again) when asked
    assert labels[0][0] == ids[9] and again.graph.get_current_count() == 300


def test_an_opened_index_maps_its_vectors_and_reads_its_graph_only_when_asked(filled, tmp_path):
    c, ids, vecs = filled
    VectorIndex(tmp_path / "ix", "k").open(c, "m").save()
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    assert isinstance(ix._matrix, np.memmap) and ix._graph is None
    assert ix.search(vecs[3], k=1)[0][0] == ids[3] and ix._graph is None, "an exact search needs no graph"
    newer = VectorIndex(tmp_path / "ix", "k").open(c, "m")  # a writer saves a newer generation meanwhile
    c.add_photos([NewPhoto("/p/new.jpg", 1, 1, "fp-new", 1, 1, None, None)], "m", {"fp-new": unit(vecs[3:4] + 1)[0]})
    newer.sync(c, "m")
    newer.save()
    assert not list((tmp_path / "ix").glob("index-k.300.*")), "the older generation's files are gone"
    c.remove_paths(["/p/5.jpg"])
    ix.sync(c, "m")  # changes: the vectors leave the map for growable buffers; the graph waits
    assert len(ix) == 300 and not isinstance(ix._matrix, np.memmap) and ix._graph is None
    new_id = newer.search(unit(vecs[3:4] + 1)[0], k=1)[0][0]
    assert ix.search(unit(vecs[3:4] + 1)[0], k=1)[0][0] == new_id
    # read from the file opened with it, then the changes applied
    labels, _ = ix.graph.knn_query(unit(vecs[3:4] + 1), k=2)
    assert labels[0][0] == new_id and ix.graph.get_current_count() == 301
    assert ids[5] not in ix.graph.knn_query(vecs[5], k=5)[0][0], "the removed photo is marked deleted"


def test_many_deletions_compact_the_index(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(index_module, "COMPACT_MIN_DEAD", 50)
    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    c.remove_paths([f"/p/{i}.jpg" for i in range(200)])
    ix.sync(c, "m")
    assert len(ix) == 100
    assert ix.state[1] == 100, "two thirds dead: the rows were compacted away"
    assert ix.search(vecs[250], k=1)[0][0] == ids[250]


def test_growing_by_batches_copies_each_vector_a_few_times_only(tmp_path):
    """Rows are added in place, the buffers doubling when full: a first index of n photos in
    batches does O(n) copying, not a whole-matrix concatenation per batch."""
    c = Store(tmp_path / "c.db")
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    rng = np.random.default_rng(1)
    buffers = set()
    for batch in range(300):
        vecs = unit(rng.normal(size=(16, 8))).astype(np.float32)
        c.add_photos([NewPhoto(f"/p/{batch}-{i}.jpg", 1, 1, f"fp{batch}-{i}", 1, 1, None, None) for i in range(16)],
                     "m", {f"fp{batch}-{i}": vecs[i] for i in range(16)})
        ix.sync(c, "m")
        buffers.add(ix._matrix.__array_interface__["data"][0])
    assert len(ix) == 4800
    assert len(buffers) <= 4, "the matrix moved on most batches"
    ids, vectors = ix.live()
    assert len(ids) == 4800 and ix.search(vectors[4321], k=1)[0][0] == ids[4321]


def test_live_vectors_and_lookups_leave_removed_photos_out(filled, tmp_path):
    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    c.remove_paths(["/p/0.jpg", "/p/5.jpg"])
    ix.sync(c, "m")
    live_ids, live_vecs = ix.live()
    assert set(live_ids.tolist()) == set(ids.tolist()) - {int(ids[0]), int(ids[5])}
    assert np.allclose(live_vecs[live_ids.tolist().index(int(ids[7]))], vecs[7])
    assert not live_vecs.flags.writeable
    found, got = ix.vectors_of([int(ids[0]), int(ids[4]), 10**9])
    assert found.tolist() == [int(ids[4])] and np.allclose(got, vecs[4:5])
    assert ix.live()[1] is live_vecs, "the live rows are copied once per change, not per call"
    c.remove_paths(["/p/7.jpg"])
    ix.sync(c, "m")
    assert int(ids[7]) not in ix.live()[0].tolist() and len(ix.live()[1]) == 297


def test_every_file_of_a_saved_generation_is_fsynced(filled, tmp_path, monkeypatch):
    """Written and fsynced before the json names them: a power cut cannot leave a json naming a
    half-written graph."""
    import os

    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    monkeypatch.setattr(os, "fsync", fsync)
    ix.save()
    monkeypatch.undo()
    generation = {p.name for p in (tmp_path / "ix").iterdir() if p.suffix != ".json"}
    # each written under a temporary name (a reader may have the old file open), then renamed
    written = {Path(s).name.split(".tmp")[0].rsplit(".", 1)[0].lstrip(".") for s in synced}
    assert len(generation) == 3 and generation <= written
    assert str(tmp_path / "ix") in synced, "the folder, so that the json's rename lasts"
