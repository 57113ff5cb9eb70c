"""The cost of watching a library of 100,000 photos: start-up rescan time and memory (run by hand).

    .venv/bin/python benchmarks/watch_100k.py [--files 100000] [--per-folder 100] [--dim 512]
                                              [--model SPEC] [--dir .bench/watch-100k]

What a start-up rescan really does: it walks the folders, stats every file and compares its size
and modification time with the file's catalog row; a file whose row matches is never opened. So
the tree here holds placeholder files with image suffixes (a few bytes each) whose catalog rows
and vectors (random, unit length, `--dim` wide: 512 as ViT-B-32's) say they are indexed already.

Each start is measured in a fresh process, twice: the first builds the vector index from the
catalog (as after a lost or damaged index), the second loads the index saved by the first. In it:
- rescan alone: `Indexer.scan()` over every folder (walk + stat + compare with the catalog);
- watcher alone: scheduling inotify on every folder (plus the check that none was refused);
- the whole worker, `LibraryWorker(watch=True).start()` until it reports "watching": opening,
  the model (torch already imported: see model_load_s), the watcher, the rescan, the vector index;
  with the process's memory (VmRSS, VmHWM) once torch and the model are loaded and once watching,
  and the inotify watches it holds;
- one real photo copied in, until the catalog holds it (the worker's side of the latency).
The page cache is warm (the tree was just written or walked): a cold start after a reboot reads
the directory blocks from disk once more.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import toyworld  # noqa: E402
from photoclip.core.library import Library  # noqa: E402
from photoclip.core.store import NewPhoto  # noqa: E402


def build(base: Path, files: int, per_folder: int, dim: int, model: str) -> None:
    photos, lib_dir = base / "photos", base / "library"
    shutil.rmtree(base, ignore_errors=True)
    started = time.monotonic()
    rng = np.random.default_rng(0)
    with Library(lib_dir, model=model, device="cpu", writer=True) as lib:
        folder = lib.add_folder(photos.mkdir(parents=True) or photos)
        for start in range(0, files, 10_000):
            batch, vectors = [], {}
            for i in range(start, min(files, start + 10_000)):
                path = photos / f"{2000 + i // 20_000}" / f"album {i // per_folder:05d}" / f"IMG_{i:06d}.jpg"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b"placeholder %d" % i)
                st = path.stat()
                fp = f"fake-{i:08d}"
                batch.append(NewPhoto(str(path), st.st_size, st.st_mtime_ns, fp, 4000, 3000, None, None))
                vec = rng.standard_normal(dim).astype(np.float32)
                vectors[fp] = vec / np.linalg.norm(vec)
            lib.catalog.add_photos(batch, lib.model, vectors)
        print(f"built {files:,} files in {files // per_folder:,} folders under {folder} "
              f"and their catalog rows in {time.monotonic() - started:.1f} s")


def rss() -> dict:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) // 1024  # MiB
    return fields


def inotify_watches() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == "anon_inode:inotify":
                count += sum(1 for line in open(f"/proc/self/fdinfo/{fd}") if line.startswith("inotify wd:"))
        except OSError:
            continue
    return count


def measure(base: Path, dim: int) -> dict:
    """One start, in this (fresh) process."""
    from photoclip.core.indexer import Indexer
    from photoclip.core.watcher import FolderWatcher
    from photoclip.core.worker import LibraryWorker

    lib_dir, photos = base / "library", base / "photos"
    out = {"memory_at_start_mib": rss()}
    with Library(lib_dir, device="cpu") as lib:
        t = time.monotonic()
        lib.embedder.load()  # torch and the model, once: the baseline the watching adds to
        out["model_load_s"] = round(time.monotonic() - t, 2)
        out["memory_with_model_mib"] = rss()
        t = time.monotonic()
        changes = Indexer(lib).scan()
        out["rescan_alone_s"] = round(time.monotonic() - t, 2)
        out["rescan_found"] = {"unchanged": changes.unchanged, "todo": len(changes.todo), "removed": len(changes.removed)}
    t = time.monotonic()
    watcher = FolderWatcher(lambda batch: None, exclude=(str(lib_dir),))
    watcher.watch(str(photos))
    watcher.start()
    out["watcher_alone_s"] = round(time.monotonic() - t, 2)
    out["watcher_polled"] = watcher.polled
    watcher.stop()

    t = time.monotonic()
    worker = LibraryWorker(lib_dir, device="cpu", watch=True)
    worker.start()
    while worker.status.state not in ("watching", "error"):
        time.sleep(0.01)
    out["worker_ready_s"] = round(time.monotonic() - t, 2)
    out["worker_state"], out["worker_error"] = worker.status.state, worker.status.error
    out["memory_watching_mib"] = rss()
    out["inotify_watches"] = inotify_watches()

    with Library(lib_dir, device="cpu") as reader:
        if reader.embedder.dim == dim:  # else a real photo's vector would not fit the fake ones
            source = sorted(toyworld.write_corpus(base / "incoming", 1, seed=int(time.time()), max_side=640))[0]
            target = photos / "new" / f"{source.stem}-{time.time_ns()}{source.suffix}"
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(source, target)
            t = time.monotonic()
            while reader.catalog.photo_by_path(str(target)) is None:
                time.sleep(0.01)
            out["one_new_photo_indexed_s"] = round(time.monotonic() - t, 2)
    t = time.monotonic()
    worker.stop()
    out["stop_s"] = round(time.monotonic() - t, 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--per-folder", type=int, default=100)
    parser.add_argument("--dim", type=int, default=512,
                        help="vector width (512: ViT-B-32's; the model's own to time a new photo too)")
    parser.add_argument("--model", default=toyworld.TINY_CLIP_SPEC, help="the model the worker loads")
    parser.add_argument("--dir", default=str(ROOT / ".bench" / "watch-100k"))
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    base = Path(args.dir).resolve()
    if args.measure:
        print(json.dumps(measure(base, args.dim)))
        return
    build(base, args.files, args.per_folder, args.dim, args.model)
    for label in ("first start (index built from the catalog)", "second start (saved index loaded)"):
        run = subprocess.run([sys.executable, __file__, "--measure", "--dir", str(base), "--dim", str(args.dim)],
                             capture_output=True, text=True, check=True)
        print(f"\n{label}:")
        for key, value in json.loads(run.stdout.strip().splitlines()[-1]).items():
            print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
