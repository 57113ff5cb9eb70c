"""The vector index: a cache of the catalog's vectors for one model, rebuilt from it at will.

It holds the vectors twice, for two jobs: a dense matrix for exact scoring (small libraries,
filtered searches, ranking everything, tag scoring) and an hnswlib graph for fast top-k and for
the duplicate finder's all-neighbours pass. It follows the catalog's `index_log`, so a reader
process sees a writer's new photos by applying the log entries it has not seen yet.

In memory the rows live in buffers that grow in place, doubling their capacity (adding a batch
copies only that batch); a removed photo's row stays as a tombstone until compaction. Rows,
tombstones and buffers never leave this module: callers get live photo ids and vectors through
`live()`, `vectors_of()`, `search()` and `neighbours()`.

On disk: `<name>.json` names the saved generation; `<name>.<seq>.hnsw|.ids.npy|.vec.npy` hold it.
A generation's files are written and fsynced first and the small json is replaced last,
atomically, so a kill or a power cut at any moment leaves either the old or the new generation whole.

A saved generation opens without reading what a query may not need: its vectors are
memory-mapped (read-only; copied into growable buffers at the first change), and the graph
(the larger file) is read only when something asks it (a top-k by graph, the duplicate
finder's neighbours, saving): changes wait for it. Its file stays open from the start, so a
writer that saves a newer generation and deletes this one meanwhile cannot take it away.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import zlib
from pathlib import Path

import hnswlib
import numpy as np

from .failpoints import failpoint
from .store import Store
from .util import atomic_write

log = logging.getLogger(__name__)

HNSW_M = 16  # links per node
HNSW_EF_CONSTRUCTION = 128
HNSW_EF_SEARCH = 256  # text queries at 100,000 photos: recall@10 0.966 at 128, 0.991 at 256 (benchmarks/search.py)
EXACT_BELOW = 20_000  # exact top-k is as fast as the graph up to here, and exactly right
COMPACT_MIN_DEAD = 1000  # deleted rows kept as tombstones until there are this many and a third
_DEAD = -1  # the photo id of a tombstone row


class VectorIndex:
    def __init__(self, folder: Path, model_key: str):
        self.folder = Path(folder)
        self.name = f"index-{model_key}"
        self.lock = threading.RLock()  # searches from the GUI while the indexer adds
        self.seq = 0  # the catalog log entry this index reflects
        self.dim = 0
        self._clear()
        self.dirty = False

    def _clear(self, dim: int = 0, capacity: int = 0) -> None:
        self._ids = np.full(capacity, _DEAD, dtype=np.int64)  # row -> photo id; grows by doubling
        self._matrix = np.zeros((capacity, dim), dtype=np.float32)  # row -> vector (or a read-only map)
        self._used = 0  # rows in use (live or tombstones)
        self.rows: dict[int, int] = {}  # photo id -> row, live rows only
        self._graph: hnswlib.Index | None = None
        self._deferred: list = []  # changes for the graph, applied when it is read
        self._live_copy: tuple[np.ndarray, np.ndarray] | None = None  # live() with tombstones, until a change
        self._close_graph_file()

    def close(self) -> None:
        """Let go of the saved generation's graph file if it was never needed (the rest stays usable)."""
        with self.lock:
            self._close_graph_file()

    def _close_graph_file(self) -> None:
        opened, self._graph_file = getattr(self, "_graph_file", None), None
        if opened is not None:
            opened.close()

    @property
    def graph(self) -> hnswlib.Index | None:
        """The hnswlib graph, loaded from the saved generation at the first use."""
        with self.lock:
            if self._graph is None and self._graph_file is not None:
                self._graph = self._load_graph()
                for change in self._deferred:
                    change(self._graph)
                self._deferred = []
            return self._graph

    def _change_graph(self, change) -> None:
        """Apply a change to the graph now, or when it is read: catching up with a few photos
        must not read the whole graph."""
        if self._graph is None and self._graph_file is not None:
            self._deferred.append(change)
        else:
            change(self._graph)

    def _load_graph(self) -> hnswlib.Index:
        """The saved generation's graph, read through the file opened with it; one that does not
        match its vectors is built again from them (they are checked, the graph is not)."""
        graph = hnswlib.Index(space="ip", dim=self.dim)
        try:
            graph.load_index(_opened_path(self._graph_file), max_elements=max(1024, 2 * self._used))
            if graph.get_current_count() != self._saved_rows:
                raise ValueError("graph does not match the id file")
        except Exception as e:  # a damaged cache is rebuilt, never trusted
            log.warning("the saved vector graph is unusable (%s); building it again", e)
            graph = hnswlib.Index(space="ip", dim=self.dim)
            graph.init_index(max_elements=max(1024, 2 * self._used), M=HNSW_M, ef_construction=HNSW_EF_CONSTRUCTION)
            ids, vecs = self.live()
            if len(ids):
                graph.add_items(vecs, ids)
            self._deferred = []  # built from the rows as they are now
            self.dirty = True
        self._close_graph_file()
        graph.set_ef(HNSW_EF_SEARCH)
        return graph

    # -- what is in it ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.rows)

    @property
    def state(self) -> tuple[int, int]:
        """Changes whenever the index's contents change (a cache key for what is computed from them)."""
        return self.seq, self._used

    def live(self) -> tuple[np.ndarray, np.ndarray]:
        """(photo ids, their vectors [n, dim]) of every photo in the index, in row order.

        A snapshot: later changes to the index do not show in it. Read-only; without tombstones
        the vectors are a view of the index's own buffer (appending never moves those rows); with
        them, a copy of the live rows, kept until the next change (a search a keystroke must not
        copy every vector)."""
        with self.lock:
            ids = self._ids[:self._used]
            if len(self.rows) == self._used:
                ids, vecs = ids.copy(), self._matrix[:self._used]
            elif self._live_copy is not None:
                return self._live_copy[0].copy(), self._live_copy[1]
            else:
                live = np.nonzero(ids != _DEAD)[0]
                ids, vecs = ids[live], self._matrix[live]
            vecs = np.asarray(vecs).view()
            vecs.flags.writeable = False
            if len(self.rows) != self._used:
                self._live_copy = (ids.copy(), vecs)
            return ids, vecs

    def vectors_of(self, photo_ids) -> tuple[np.ndarray, np.ndarray]:
        """(photo ids, vectors) of those of these photos that are in the index, a copy."""
        with self.lock:
            found = [int(pid) for pid in photo_ids if int(pid) in self.rows]
            return (np.array(found, dtype=np.int64),
                    self._matrix[[self.rows[pid] for pid in found]].reshape(len(found), self.dim))

    # -- keeping up with the catalog ---------------------------------------------------------
    def open(self, catalog: Store, model: str) -> VectorIndex:
        """Load the saved generation if it is whole, then catch up with the catalog."""
        with self.lock:
            if not self._load():
                self._rebuild(catalog, model)
            self.sync(catalog, model)
        return self

    def sync(self, catalog: Store, model: str) -> int:
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
            if self._used - len(self.rows) > max(COMPACT_MIN_DEAD, self._used // 3):
                self._compact()
            if added_ids:
                ids, vecs = catalog.vectors(added_ids, model)
                self._add(ids, vecs)
            self.seq = entries[-1][0]
            self.dirty = True
            return len(entries)

    def _rebuild(self, catalog: Store, model: str) -> None:
        log.info("building the vector index from the catalog")
        self.seq = catalog.log_head()
        ids, vecs = catalog.all_vectors(model)
        self._clear()
        self.dim = vecs.shape[1] if len(ids) else 0
        self._add(ids, vecs)
        self.dirty = True

    def _add(self, ids: np.ndarray, vecs: np.ndarray) -> None:
        if len(ids) == 0:
            return
        self._live_copy = None
        if self._graph is None and self._graph_file is None:  # the first photos: a new graph
            self.dim = vecs.shape[1]
            self._clear(self.dim, max(1024, len(ids)))  # exact: a built index carries no slack
            self._graph = hnswlib.Index(space="ip", dim=self.dim)
            self._graph.init_index(max_elements=max(1024, 2 * len(ids)), M=HNSW_M,
                                   ef_construction=HNSW_EF_CONSTRUCTION)
            self._graph.set_ef(HNSW_EF_SEARCH)
        if not self._matrix.flags.writeable:  # the saved vectors, mapped: copied at the first change
            self._grow(self._used)
        new = [i for i, pid in enumerate(ids) if int(pid) not in self.rows]
        for i, pid in enumerate(ids):  # a changed vector for a known photo: update in place
            row = self.rows.get(int(pid))
            if row is not None:
                self._matrix[row] = vecs[i]
        if new:
            start, end = self._used, self._used + len(new)
            if end > len(self._ids):
                self._grow(end)
            self._ids[start:end] = ids[new]
            self._matrix[start:end] = vecs[new]
            self._used = end
            for k, i in enumerate(new):
                self.rows[int(ids[i])] = start + k
        vecs, ids = np.array(vecs), np.array(ids)

        def add(graph: hnswlib.Index) -> None:
            needed = graph.get_current_count() + len(new)
            if needed > graph.get_max_elements():
                graph.resize_index(max(needed, 2 * graph.get_max_elements()))
            graph.add_items(vecs, ids)  # also un-deletes and updates known labels

        self._change_graph(add)

    def _grow(self, needed: int) -> None:
        """New buffers of twice the capacity (or what is needed); only the used rows are copied.
        The old buffers (or the mapped file) stay as they are, for any snapshot `live()` handed out."""
        capacity = max(needed, 2 * len(self._ids))
        ids = np.full(capacity, _DEAD, dtype=np.int64)
        matrix = np.zeros((capacity, self.dim), dtype=np.float32)
        ids[:self._used], matrix[:self._used] = self._ids[:self._used], self._matrix[:self._used]
        self._ids, self._matrix = ids, matrix

    def _compact(self) -> None:
        """Drop deleted rows and rebuild the graph without its tombstones."""
        ids, vecs = self.live()
        self._clear()
        self._add(ids, np.array(vecs))

    def _remove(self, photo_id: int) -> None:
        row = self.rows.pop(photo_id, None)
        if row is None:
            return
        self._live_copy = None
        self._ids[row] = _DEAD
        self._change_graph(lambda graph: graph.mark_deleted(photo_id))

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
                ids = self._ids[:self._used]
                rows = np.nonzero(ids != _DEAD)[0]
                if allowed is not None:
                    rows = rows[np.isin(ids[rows], allowed)]
                scores = self._matrix[rows] @ query
                order = np.argsort(-scores, kind="stable")
                if k is not None:
                    order = order[: k + len(exclude)]
                hits = list(zip(ids[rows[order]].tolist(), scores[order].tolist()))
            if exclude:
                hits = [h for h in hits if h[0] not in exclude]
            return hits if k is None else hits[:k]

    def nearest(self, queries: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """Each query's k best matches [(photo id, cosine)], best first: exact, in one pass over
        the vectors for all the queries (a few queries: cheaper than reading the graph)."""
        with self.lock:
            queries = np.asarray(queries, dtype=np.float32).reshape(-1, self.dim or 1)
            k = min(k, len(self.rows))
            if not k or not len(queries):
                return [[] for _ in queries]
            ids = self._ids[:self._used]
            scores = np.asarray(self._matrix[:self._used] @ queries.T)  # [rows, queries]
            scores[ids == _DEAD] = -np.inf
            top = np.argpartition(-scores, k - 1, axis=0)[:k]
            out = []
            for j in range(len(queries)):
                rows = top[:, j][np.argsort(-scores[top[:, j], j])]
                out.append(list(zip(ids[rows].tolist(), scores[rows, j].tolist())))
            return out

    def neighbours(self, k: int, ef: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every photo's k nearest others: (ids, neighbour ids [n, k], cosine [n, k]).

        `ef`: the graph's search breadth (default HNSW_EF_SEARCH); a caller that only wants
        very close pairs (the duplicate finder) can trade a little recall far out for speed."""
        with self.lock:
            ids, vecs = self.live()
            if len(ids) < 2:
                return ids, np.zeros((len(ids), 0), np.int64), np.zeros((len(ids), 0), np.float32)
            k = min(k + 1, len(ids))
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
            with atomic_write(graph_file) as temp:  # a new file: a reader may have the old one open
                self.graph.save_index(str(temp))
            _save_npy(ids_file, self._ids[:self._used])
            failpoint("index.save")
            _save_npy(vec_file, self._matrix[:self._used])
            meta = {"seq": self.seq, "dim": self.dim, "count": len(self.rows),
                    "crc32": {"ids": _crc(self._ids[:self._used]), "vectors": _crc(self._matrix[:self._used])}}
            with atomic_write(self.folder / f"{self.name}.json") as tmp:  # fsyncs the file and the folder
                tmp.write_text(json.dumps(meta))
            self.dirty = False
            for old in self.folder.glob(f"{self.name}.*"):
                if old.suffix != ".json" and not old.name.startswith(f"{self.name}.{self.seq}."):
                    with contextlib.suppress(OSError):  # Windows: a reader still has it open; next time
                        old.unlink()

    def _load(self) -> bool:
        meta_file = self.folder / f"{self.name}.json"
        try:
            meta = json.loads(meta_file.read_text())
            seq, dim = int(meta["seq"]), int(meta["dim"])
            graph_file, ids_file, vec_file = self._files(seq)
            ids = np.load(ids_file)
            matrix = np.load(vec_file, mmap_mode="r")
            if matrix.shape != (len(ids), dim):
                raise ValueError("vector file does not match the id file")
            # Scribbled files would give wrong photos or absurd scores: checked, not trusted.
            if meta.get("crc32") != {"ids": _crc(ids), "vectors": _crc(matrix)}:
                raise ValueError("its files do not match their checksums")
            graph_opened = open(graph_file, "rb")  # held until the graph is read (or the index closed)
        except FileNotFoundError:
            return False
        except Exception as e:  # a damaged cache is rebuilt, never trusted
            log.warning("the saved vector index is unusable (%s); rebuilding it", e)
            return False
        self._clear()
        self._ids, self._matrix, self._used, self._graph_file = ids, matrix, len(ids), graph_opened
        self._saved_rows = len(ids)  # what the graph file must hold
        self.seq, self.dim = seq, dim
        self.rows = {int(pid): row for row, pid in enumerate(ids.tolist()) if pid != _DEAD}
        self.dirty = False
        return True


def _crc(array: np.ndarray) -> int:
    """A checksum of an array's bytes (CRC-32: 0.1 s for 100,000 photos' vectors)."""
    return zlib.crc32(np.ascontiguousarray(array))


def _save_npy(path: Path, array: np.ndarray) -> None:
    """A new file in place of any old one (never written over: a reader may have it mapped)."""
    with atomic_write(path) as temp, open(temp, "wb") as f:
        np.save(f, array)


def _opened_path(f) -> str:
    """A path that opens the file `f` has open, even once its name is gone (Linux, macOS);
    elsewhere (Windows) its name, which an open file keeps."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        if os.path.isdir(folder):
            return f"{folder}/{f.fileno()}"
    return f.name
