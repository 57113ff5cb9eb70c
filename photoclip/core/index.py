"""The vector index: a cache of the catalog's vectors for one model, rebuilt from it at will.

It holds the vectors twice, for two jobs: a dense matrix for exact scoring (small libraries,
filtered searches, ranking everything, tag scoring) and an hnswlib graph for fast top-k and for
the duplicate finder's all-neighbours pass. It follows the catalog's `index_log`, so a reader
process sees a writer's new photos by applying the log entries it has not seen yet.

On disk: `<name>.json` names the saved generation; `<name>.<seq>.hnsw|.ids.npy|.vec.npy` hold it.
A generation's files are written first and the small json is replaced last, atomically, so a
kill at any moment leaves either the old or the new generation whole.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import zlib
from pathlib import Path

import hnswlib
import numpy as np

from .catalog import Catalog
from .failpoints import failpoint
from .util import atomic_write

log = logging.getLogger(__name__)

HNSW_M = 16  # links per node
HNSW_EF_CONSTRUCTION = 128
HNSW_EF_SEARCH = 256  # text queries at 100,000 photos: recall@10 0.966 at 128, 0.991 at 256 (benchmarks/search.py)
EXACT_BELOW = 20_000  # exact top-k is as fast as the graph up to here, and exactly right
COMPACT_MIN_DEAD = 1000  # deleted rows kept as tombstones until there are this many and a third


class VectorIndex:
    def __init__(self, folder: Path, model_key: str):
        self.folder = Path(folder)
        self.name = f"index-{model_key}"
        self.lock = threading.RLock()  # searches from the GUI while the indexer adds
        self.seq = 0  # the catalog log entry this index reflects
        self.dim = 0
        self.ids = np.zeros(0, dtype=np.int64)  # row -> photo id; -1 marks a deleted row
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.rows: dict[int, int] = {}  # photo id -> row
        self.graph: hnswlib.Index | None = None
        self.dirty = False

    # -- size -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.rows)

    @property
    def live_ids(self) -> np.ndarray:
        return self.ids[self.ids >= 0]

    # -- keeping up with the catalog ---------------------------------------------------------
    def open(self, catalog: Catalog, model: str) -> VectorIndex:
        """Load the saved generation if it is whole, then catch up with the catalog."""
        with self.lock:
            if not self._load():
                self._rebuild(catalog, model)
            self.sync(catalog, model)
        return self

    def sync(self, catalog: Catalog, model: str) -> int:
        """Apply the catalog's log entries this index has not seen. Returns how many."""
        with self.lock:
            entries = catalog.log_since(self.seq)
            if not entries:
                return 0
            latest: dict[int, int] = {}
            for _, photo_id, added in entries:
                latest[photo_id] = added  # the last word about a photo is the one that counts
            removed = [pid for pid, added in latest.items() if not added]
            added_ids = [pid for pid, added in latest.items() if added]
            for pid in removed:
                self._remove(pid)
            if len(self.ids) - len(self.rows) > max(COMPACT_MIN_DEAD, len(self.ids) // 3):
                self._compact()
            if added_ids:
                ids, vecs = catalog.vectors(added_ids, model)
                self._add(ids, vecs)
            self.seq = entries[-1][0]
            self.dirty = True
            return len(entries)

    def _rebuild(self, catalog: Catalog, model: str) -> None:
        log.info("building the vector index from the catalog")
        self.seq = catalog.log_head()
        ids, vecs = catalog.all_vectors(model)
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, vecs.shape[1] if len(ids) else 0), dtype=np.float32)
        self.rows = {}
        self.graph = None
        self.dim = vecs.shape[1] if len(ids) else 0
        self._add(ids, vecs)
        self.dirty = True

    def _add(self, ids: np.ndarray, vecs: np.ndarray) -> None:
        if len(ids) == 0:
            return
        if self.graph is None:
            self.dim = vecs.shape[1]
            self.matrix = np.zeros((0, self.dim), dtype=np.float32)
            self.graph = hnswlib.Index(space="ip", dim=self.dim)
            self.graph.init_index(max_elements=max(1024, 2 * len(ids)), M=HNSW_M,
                                  ef_construction=HNSW_EF_CONSTRUCTION)
            self.graph.set_ef(HNSW_EF_SEARCH)
        new = [i for i, pid in enumerate(ids) if int(pid) not in self.rows]
        for i, pid in enumerate(ids):  # a changed vector for a known photo: update in place
            row = self.rows.get(int(pid))
            if row is not None:
                self.matrix[row] = vecs[i]
        if new:
            start = len(self.ids)
            self.ids = np.concatenate([self.ids, ids[new]])
            self.matrix = np.concatenate([self.matrix, vecs[new]])
            for k, i in enumerate(new):
                self.rows[int(ids[i])] = start + k
        needed = self.graph.get_current_count() + len(new)
        if needed > self.graph.get_max_elements():
            self.graph.resize_index(max(needed, 2 * self.graph.get_max_elements()))
        self.graph.add_items(vecs, ids)  # also un-deletes and updates known labels

    def _compact(self) -> None:
        """Drop deleted rows and rebuild the graph without its tombstones."""
        live = np.nonzero(self.ids >= 0)[0]
        ids, vecs = self.ids[live], self.matrix[live]
        self.ids, self.rows, self.graph = np.zeros(0, dtype=np.int64), {}, None
        self._add(ids, vecs)

    def _remove(self, photo_id: int) -> None:
        row = self.rows.pop(photo_id, None)
        if row is None:
            return
        self.ids[row] = -1
        self.graph.mark_deleted(photo_id)

    # -- searching --------------------------------------------------------------------------
    def search(self, query: np.ndarray, k: int | None = None, allowed: np.ndarray | None = None,
               exclude: set[int] | frozenset = frozenset()) -> list[tuple[int, float]]:
        """Best matches for a unit query vector: [(photo id, cosine score)], best first.

        k=None ranks every photo. `allowed` limits the search to those photo ids.
        """
        with self.lock:
            if not self.rows:
                return []
            query = np.asarray(query, dtype=np.float32).reshape(-1)
            use_graph = (allowed is None and k is not None and len(self.rows) >= EXACT_BELOW
                         and k + len(exclude) < len(self.rows) // 10)
            if use_graph:
                n = min(len(self.rows), k + len(exclude))
                self.graph.set_ef(max(HNSW_EF_SEARCH, n))
                labels, dists = self.graph.knn_query(query, k=n)
                hits = list(zip(labels[0].tolist(), (1.0 - dists[0]).tolist()))
            else:
                rows = np.nonzero(self.ids >= 0)[0]
                if allowed is not None:
                    rows = rows[np.isin(self.ids[rows], allowed)]
                scores = self.matrix[rows] @ query
                order = np.argsort(-scores, kind="stable")
                if k is not None:
                    order = order[: k + len(exclude)]
                hits = list(zip(self.ids[rows[order]].tolist(), scores[order].tolist()))
            if exclude:
                hits = [h for h in hits if h[0] not in exclude]
            return hits if k is None else hits[:k]

    def vector(self, photo_id: int) -> np.ndarray | None:
        with self.lock:
            row = self.rows.get(photo_id)
            return None if row is None else self.matrix[row].copy()

    def neighbours(self, k: int, ef: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every photo's k nearest others: (ids, neighbour ids [n, k], cosine [n, k]).

        `ef`: the graph's search breadth (default HNSW_EF_SEARCH); a caller that only wants
        very close pairs (the duplicate finder) can trade a little recall far out for speed."""
        with self.lock:
            ids = self.live_ids
            if len(ids) < 2:
                return ids, np.zeros((len(ids), 0), np.int64), np.zeros((len(ids), 0), np.float32)
            k = min(k + 1, len(ids))
            vecs = self.matrix[[self.rows[int(i)] for i in ids]]
            if len(ids) < EXACT_BELOW // 4:
                sims = vecs @ vecs.T
                order = np.argsort(-sims, axis=1)[:, :k]
                labels, scores = ids[order], np.take_along_axis(sims, order, axis=1)
            else:
                self.graph.set_ef(max(ef or HNSW_EF_SEARCH, k))
                labels, dists = self.graph.knn_query(vecs, k=k)
                labels, scores = labels.astype(np.int64), 1.0 - dists
            return ids, labels, scores

    # -- persistence ------------------------------------------------------------------------
    def _files(self, seq: int) -> tuple[Path, Path, Path]:
        base = f"{self.name}.{seq}"
        return (self.folder / f"{base}.hnsw", self.folder / f"{base}.ids.npy", self.folder / f"{base}.vec.npy")

    def save(self) -> None:
        """Write this generation whole, then point the json at it (the atomic step)."""
        with self.lock:
            if not self.dirty or self.graph is None:
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            graph_file, ids_file, vec_file = self._files(self.seq)
            self.graph.save_index(str(graph_file))
            _save_npy(ids_file, self.ids)
            failpoint("index.save")
            _save_npy(vec_file, self.matrix)
            meta = {"seq": self.seq, "dim": self.dim, "count": len(self.rows),
                    "crc32": {"ids": _crc(self.ids), "vectors": _crc(self.matrix)}}
            with atomic_write(self.folder / f"{self.name}.json") as tmp:
                tmp.write_text(json.dumps(meta))
            self.dirty = False
            for old in self.folder.glob(f"{self.name}.*"):
                if old.suffix != ".json" and not old.name.startswith(f"{self.name}.{self.seq}."):
                    old.unlink(missing_ok=True)

    def _load(self) -> bool:
        meta_file = self.folder / f"{self.name}.json"
        try:
            meta = json.loads(meta_file.read_text())
            seq, dim = int(meta["seq"]), int(meta["dim"])
            graph_file, ids_file, vec_file = self._files(seq)
            ids = np.load(ids_file)
            matrix = np.load(vec_file)
            if matrix.shape != (len(ids), dim):
                raise ValueError("vector file does not match the id file")
            # Scribbled files would give wrong photos or absurd scores: checked, not trusted.
            if meta.get("crc32") != {"ids": _crc(ids), "vectors": _crc(matrix)}:
                raise ValueError("its files do not match their checksums")
            graph = hnswlib.Index(space="ip", dim=dim)
            graph.load_index(str(graph_file), max_elements=max(1024, 2 * len(ids)))
            graph.set_ef(HNSW_EF_SEARCH)
            if graph.get_current_count() != len(ids):
                raise ValueError("graph does not match the id file")
        except FileNotFoundError:
            return False
        except Exception as e:  # a damaged cache is rebuilt, never trusted
            log.warning("the saved vector index is unusable (%s); rebuilding it", e)
            return False
        self.seq, self.dim, self.ids, self.matrix, self.graph = seq, dim, ids, matrix, graph
        self.rows = {int(pid): row for row, pid in enumerate(ids) if pid >= 0}
        self.dirty = False
        return True


def _crc(array: np.ndarray) -> int:
    """A checksum of an array's bytes (CRC-32: 0.1 s for 100,000 photos' vectors)."""
    return zlib.crc32(np.ascontiguousarray(array))


def _save_npy(path: Path, array: np.ndarray) -> None:
    with open(path, "wb") as f:
        np.save(f, array)
        f.flush()
        os.fsync(f.fileno())
