"""How fast the window comes up on a large library (run by hand; not a test).

    .venv/bin/python scripts/gui_startup_benchmark.py [--photos 100000] [--model SPEC] [--search WORDS ...]

Builds (once, cached under /tmp) a catalog of N photos with random unit vectors, as a real
library of that size would hold after indexing (the files themselves do not exist: the grid shows
"unreadable" cells, which costs the GUI thread the same as real thumbnails arriving), then starts
`photoclip --library ... ` offscreen with PHOTOCLIP_STARTUP_TIMING=exit three times and prints when
the window was shown and when the grid listed every photo. With --search, each run then types
WORDS into the search and prints when the model was ready, how long after it the first search
answered (its first page of photos) and when the rest of its photos were listed; then each further
WORDS in turn (a later search: how long after it was typed). For each search: the longest the
event loop stalled (a 10 ms heartbeat) from typing it until its whole list was in the grid.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(library: Path, n: int, model: str) -> None:
    from photoclip.core.library import Library
    from photoclip.core.models import Embedder
    from photoclip.core.store import NewPhoto

    if (library / "catalog.sqlite3").exists():
        return
    dim = Embedder(model).dim
    rng = np.random.default_rng(0)
    with Library(library, model=model, device="cpu", writer=True) as lib:
        # No library folder: the app's rescan would (rightly) drop photos whose files are gone.
        base = time.time_ns() - n * 60_000_000_000
        for start in range(0, n, 5000):
            photos, vectors = [], {}
            for i in range(start, min(n, start + 5000)):
                fp = f"{i:032x}"
                vec = rng.standard_normal(dim).astype(np.float32)
                vectors[fp] = vec / np.linalg.norm(vec)
                photos.append(NewPhoto(f"{library.parent}/photos/{i // 1000:03d}/IMG_{i:06d}.jpg", 2_000_000,
                                       base + i * 60_000_000_000, fp, 4000, 3000, None, None))
            lib.catalog.add_photos(photos, lib.model, vectors)
        lib.sync_index(save=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=100_000)
    parser.add_argument("--model", default=f"local-dir:{ROOT / 'tests/toyworld/tiny_clip'}")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", metavar="WORDS", nargs="+",
                        help="search for WORDS once listed (timed from the model's ready), then for each further WORDS")
    args = parser.parse_args()
    from photoclip.core.models import ModelSpec

    where = Path(f"/tmp/photoclip-bench-{args.photos}-{ModelSpec.parse(args.model).key}")
    library = where / "library"
    t = time.perf_counter()
    build(library, args.photos, args.model)
    print(f"library of {args.photos:,} photos ready ({time.perf_counter() - t:.1f} s)")
    timing = "search:" + "|".join(args.search) if args.search else "exit"
    env = {**os.environ, "PHOTOCLIP_STARTUP_TIMING": timing,
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "XDG_CONFIG_HOME": str(where / "config"), "XDG_CACHE_HOME": str(where / "cache")}
    for run in range(args.runs):
        out = subprocess.run([sys.executable, "-m", "photoclip", "--library", str(library), "--model", args.model,
                              "--device", "cpu"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        lines = [line for line in out.stderr.splitlines() if line.startswith("photoclip:")]
        print(f"run {run + 1} (load {os.getloadavg()[0]:.2f}):\n  "
              + "\n  ".join(line[len("photoclip: "):] for line in lines), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
