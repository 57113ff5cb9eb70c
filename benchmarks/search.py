"""Search speed and index quality at 10,000 and 100,000 photos.

    .venv/bin/python benchmarks/search.py --model WORK/models/ViT-B-32-256 [--sizes 10000 100000]

For each size it fills a real library (SQLite catalog, then the real VectorIndex built from it)
with stored vectors, and measures:
- query latency p50/p95 of `photoclip.core.search.search` end to end: the text encoder (the real
  architecture of --model; its random weights cost the same as trained ones), the index, the
  catalog lookup of the hits. Every query is a different text, so no cache helps;
- recall@10 of the HNSW graph against exact search;
- the index's memory per photo beyond one float32 copy of the vectors.

Why clustered vectors: uniform random vectors in 512 dimensions are all nearly orthogonal to
each other, with no neighbourhoods at all; CLIP embeddings of photos are not like that. They
share a common direction (two unrelated photos have cosine ~0.45), sit in a space of far fewer
effective dimensions than 512, and gather into groups of all sizes (a trip, a pet, a
document scan). The generator below imitates this: a shared direction, cluster centres in a
64-dimensional subspace with Zipf-distributed sizes, and per-photo noise (cosine ~0.8 within a
cluster). Queries are held-out photos ("more like this") and text-like vectors that sit across
the image/text modality gap. Recall on uniform random vectors is printed too, as the
pessimistic bound.

    .venv/bin/python benchmarks/search.py --model WORK/models/ViT-B-32-256 --library LIB [--rounds 3]

measures a library already made instead (e.g. benchmarks/library_100k.py's, whose vectors are
random: an exact scan costs the same whatever they are): the same end-to-end query latency
in one process, and cold `photoclip search` processes (wall time, peak memory) as a user's
shell runs them.
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from photoclip.core.index import HNSW_EF_SEARCH  # noqa: E402
from photoclip.core.library import Library  # noqa: E402
from photoclip.core.search import search  # noqa: E402
from photoclip.core.store import NewPhoto  # noqa: E402

WORDS = ("red blue green old small big dark sunny snowy happy wet quiet busy empty golden".split(),
         "car dog cat beach mountain street child bridge forest kitchen boat garden market train lake".split(),
         "at night in winter in the rain at sunset from above indoors on a hill by the sea".split(" "))


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


class ClipLike:
    """Vectors shaped like CLIP photo embeddings (see the module's docstring)."""

    def __init__(self, dim: int, seed: int = 0, clusters: int = 3000):
        self.rng = np.random.default_rng(seed)
        self.dim = dim
        self.shared = unit(self.rng.standard_normal(dim))
        self.text_shared = unit(self.rng.standard_normal(dim))  # the modality gap
        basis = np.linalg.qr(self.rng.standard_normal((dim, 64)))[0]  # 64 effective dimensions
        self.centres = unit(self.rng.standard_normal((clusters, 64)) @ basis.T)
        sizes = 1.0 / np.arange(1, clusters + 1) ** 0.8  # Zipf: a few big groups, many small ones
        self.weights = sizes / sizes.sum()

    def photos(self, n: int) -> np.ndarray:
        c = self.rng.choice(len(self.centres), size=n, p=self.weights)
        noise = unit(self.rng.standard_normal((n, self.dim)))
        return unit(0.67 * self.shared + 0.59 * self.centres[c] + 0.45 * noise)

    def texts(self, n: int) -> np.ndarray:
        c = self.rng.choice(len(self.centres), size=n, p=self.weights)
        noise = unit(self.rng.standard_normal((n, self.dim)))
        return unit(0.6 * self.text_shared + 0.3 * self.shared + 0.6 * self.centres[c] + 0.4 * noise)

    def uniform(self, n: int) -> np.ndarray:
        return unit(self.rng.standard_normal((n, self.dim)))


def index_memory(index, folder: Path) -> int:
    """Bytes the HNSW graph holds. hnswlib's C++ memory is not seen by tracemalloc (which counts
    the numpy and Python share while the index is built), so the graph is counted by its saved
    size: what it holds for the photos present (spare capacity is reserved, never touched, so
    not resident)."""
    graph = folder / "graph.hnsw"
    index.graph.save_index(str(graph))
    return graph.stat().st_size


def fill_catalog(library: Library, vectors: np.ndarray) -> None:
    model = library.model
    for start in range(0, len(vectors), 5000):
        chunk = range(start, min(start + 5000, len(vectors)))
        photos = [NewPhoto(f"/benchmark/photos/{i:07d}.jpg", 3_000_000, 1_700_000_000_000_000_000 + i,
                           f"{i:032x}", 4000, 3000, None, None) for i in chunk]
        library.catalog.add_photos(photos, model, {f"{i:032x}": vectors[i] for i in chunk})


def recall_at_10(index, queries: np.ndarray, ef: int = HNSW_EF_SEARCH) -> tuple[float, float]:
    """(recall, median ms per query) of the graph's top 10 against exact top 10, at this ef."""
    ids, vecs = index.live()
    exact = np.argsort(-(queries @ vecs.T), axis=1)[:, :10]
    index.graph.set_ef(ef)
    times, found = [], []
    for q in queries:
        started = time.perf_counter()
        labels, _ = index.graph.knn_query(q, k=10)
        times.append(time.perf_counter() - started)
        found.append(labels[0])
    index.graph.set_ef(HNSW_EF_SEARCH)
    recall = np.mean([len(set(ids[e].tolist()) & set(g.tolist())) / 10 for e, g in zip(exact, found)])
    return float(recall), statistics.median(times) * 1000


def percentile(values, q):
    return float(np.percentile(np.asarray(values) * 1000, q))


def measure(size: int, args, texts: list[str]) -> None:
    root = Path(tempfile.mkdtemp(prefix="photoclip-bench-search-"))
    try:
        spec = f"local-dir:{args.model}"
        gen = ClipLike(512, seed=size)
        with Library(root, model=spec, device="cpu", writer=True) as writer:
            if writer.embedder.dim != gen.dim:
                raise SystemExit(f"the model's vectors have {writer.embedder.dim} dimensions, the generator 512")
            fill_catalog(writer, gen.photos(size))
        library = Library(root, model=spec, device="cpu")
        library.embedder.load()
        gc.collect()
        tracemalloc.start()
        started = time.perf_counter()
        index = library.index  # built from the catalog: the dense matrix and the HNSW graph
        built = time.perf_counter() - started
        gc.collect()
        traced = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        graph = index_memory(index, root)
        vectors = size * gen.dim * 4
        total = traced + graph
        print(f"\n== {size:,} photos ==")
        matrix = index.live()[1].nbytes
        print(f"index built from the catalog in {built:.1f} s; memory per photo: {total / size:,.0f} bytes "
              f"(matrix {matrix / size:,.0f}, HNSW graph {graph / size:,.0f}, ids, bookkeeping and room to grow "
              f"{(traced - matrix) / size:,.0f}), {(total - vectors) / size:,.0f} beyond one float32 "
              f"copy of the vectors ({gen.dim * 4} bytes)")
        for q in ("photos", "texts", "uniform"):
            queries = getattr(gen, q)(args.recall_queries)
            rows = [(ef, *recall_at_10(index, queries, ef)) for ef in sorted({64, HNSW_EF_SEARCH, 256, 512})]
            print(f"recall@10 of the graph against exact search, {q:7s} queries: "
                  + ", ".join(f"ef {ef}{' (used)' if ef == HNSW_EF_SEARCH else ''} {r:.4f} in {ms:.2f} ms"
                              for ef, r, ms in rows))
        for warm in texts[:3]:
            search(library, warm, limit=20)
        total, encode, lookup = [], [], []
        for text in texts[3:]:
            started = time.perf_counter()
            hits = search(library, text, limit=20)
            total.append(time.perf_counter() - started)
            assert len(hits) == 20
        for text in texts[3:]:  # the parts alone, on other texts (the encoder caches what it saw)
            started = time.perf_counter()
            vec = library.embedder.encode_texts([text + " again"])[0]
            encode.append(time.perf_counter() - started)
            started = time.perf_counter()
            index.search(vec, 20)
            lookup.append(time.perf_counter() - started)
        print(f"text query end to end ({len(total)} different texts, limit 20): "
              f"p50 {percentile(total, 50):.1f} ms, p95 {percentile(total, 95):.1f} ms, max {percentile(total, 100):.1f} ms")
        print(f"  of which text encoding p50 {percentile(encode, 50):.1f} ms / p95 {percentile(encode, 95):.1f} ms, "
              f"index top-20 p50 {percentile(lookup, 50):.2f} ms / p95 {percentile(lookup, 95):.2f} ms  "
              f"(load {os.getloadavg()[0]:.2f})")
        library.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def latency(library: Library, texts: list[str]) -> str:
    """p50/p95/max of search() over these texts (the first 3 warm up)."""
    for warm in texts[:3]:
        search(library, warm, limit=20)
    total = []
    for text in texts[3:]:
        started = time.perf_counter()
        search(library, text, limit=20)
        total.append(time.perf_counter() - started)
    return (f"p50 {percentile(total, 50):.1f} ms, p95 {percentile(total, 95):.1f} ms, "
            f"max {percentile(total, 100):.1f} ms ({len(total)} different texts, limit 20)")


def measure_library(root: Path, args, texts: list[str]) -> None:
    """Cold whole `photoclip search` processes, then query latency in one process, on a library.
    The processes first: a child's peak memory counts what this process held when it forked."""
    exe = Path(sys.executable).with_name("photoclip")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = []
    for text in texts[-args.rounds:]:  # texts the in-process part does not see
        started = time.perf_counter()
        proc = subprocess.Popen([str(exe), "--library", str(root), "search", text, "--limit", "20"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        runs.append((time.perf_counter() - started, usage.ru_maxrss / 1024))
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"photoclip search {text!r} failed")
    print(f"\n== {root} ==")
    print("cold `photoclip search` processes: " + ", ".join(f"{w:.2f} s / {m:.0f} MB" for w, m in runs)
          + f"; median {statistics.median(w for w, _ in runs):.2f} s, peak {max(m for _, m in runs):.0f} MB"
          + f"  (load {os.getloadavg()[0]:.2f})", flush=True)
    library = Library(root, model=f"local-dir:{args.model}", device="cpu")
    library.embedder.load()
    print(f"text query end to end, in one process, {len(library.index):,} photos: "
          f"{latency(library, texts[:-args.rounds])}  (load {os.getloadavg()[0]:.2f})")
    library.close()


def query_texts(n: int, seed: int = 7) -> list[str]:
    rng = np.random.default_rng(seed)
    seen, out = set(), []
    while len(out) < n:
        a, b, c = (str(rng.choice(w)) for w in WORDS)
        text = f"a {a} {b} {c}" if rng.random() < 0.7 else f"{b} {c}"
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def trimmed_text_gain(args) -> None:
    """The text encoder with and without the padding it does not need (see models._encode_text)."""
    import torch

    from photoclip.core.models import Embedder, _encode_text

    for precision in ("fp32", None):
        e = Embedder(f"local-dir:{args.model}", "cpu", precision=precision).load()
        tokens = e.tokenizer(["a red car at night"])
        times = {"all 77 positions": [], "trimmed": []}
        torch.set_num_threads(1)  # as encode_texts does for a search's few texts
        with torch.inference_mode():
            for _ in range(15):
                for name, fn in (("all 77 positions", e._model.encode_text), ("trimmed", lambda t, m=e._model: _encode_text(m, t))):
                    started = time.perf_counter()
                    fn(tokens)
                    times[name].append(time.perf_counter() - started)
        print(f"text encoder in {str(e.dtype).replace('torch.', '')}: "
              + ", ".join(f"{k} median {statistics.median(v) * 1000:.1f} ms" for k, v in times.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, required=True, help="an open_clip local-dir model (512-d vectors)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200, help="timed text queries per size")
    parser.add_argument("--recall-queries", type=int, default=500)
    parser.add_argument("--library", type=Path, help="measure this library (made with --model) instead")
    parser.add_argument("--rounds", type=int, default=3, help="cold processes with --library")
    args = parser.parse_args()
    args.model = args.model.resolve()
    print(f"PhotoClip search benchmark, model {args.model.name}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    if args.library:
        measure_library(args.library.resolve(), args, query_texts(args.queries + 3 + args.rounds, seed=1))
        print(f"\nfinished (load {os.getloadavg()[0]:.2f})")
        return
    trimmed_text_gain(args)
    for size in args.sizes:  # texts of their own: the library keeps the vectors of texts it has seen
        measure(size, args, query_texts(args.queries + 3, seed=size))
    print(f"\nfinished (load {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
