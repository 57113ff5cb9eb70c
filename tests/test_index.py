"""The vector index: follows the catalog, saves atomically, rebuilds itself when damaged."""
import numpy as np
import pytest

from photoclip.core import index as index_module
from photoclip.core.store import Store, NewPhoto
from photoclip.core.index import VectorIndex


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
    assert np.allclose(again.vector(int(ids[4])), vecs[4])


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


def test_many_deletions_compact_the_index(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(index_module, "COMPACT_MIN_DEAD", 50)
    c, ids, vecs = filled
    ix = VectorIndex(tmp_path / "ix", "k").open(c, "m")
    c.remove_paths([f"/p/{i}.jpg" for i in range(200)])
    ix.sync(c, "m")
    assert len(ix) == 100
    assert len(ix.ids) == 100, "two thirds dead: the rows were compacted away"
    assert ix.search(vecs[250], k=1)[0][0] == ids[250]
