"""Copy-to-searchable latency while `photoclip watch` holds the library (run by hand; prints figures).

    .venv/bin/python benchmarks/watch_latency.py [--copies 20] [--library-photos 200] [--model SPEC]

`photoclip watch` runs in its own process on a folder of toy photos. This process, a reader like
the GUI or a second CLI, copies one photo at a time into the folder and searches for it until it
is found: the time from the copy's end to the first search that finds it. Each copy is a red
circle in a library of blue squares, so "a red circle" finds exactly the copies.
"""
from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_watch_cli import WatchProcess, photos_of  # noqa: E402

import toyworld  # noqa: E402
from photoclip.core.library import Library  # noqa: E402
from photoclip.core.search import search  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--library-photos", type=int, default=200)
    parser.add_argument("--model", default=toyworld.TINY_CLIP_SPEC)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="photoclip-latency-") as tmp:
        base = Path(tmp)
        photos = base / "photos"
        photos_of(photos, args.library_photos, seed=1, color="blue", shape="square")
        watch = WatchProcess(base / "library", args.model, photos)
        try:
            watch.wait_for_line("Ready", timeout=600)
            reader = Library(base / "library", device="cpu")
            search(reader, "a red circle", limit=1)  # load this process's model before timing
            latencies = []
            for i, source in enumerate(photos_of(base / "camera", args.copies, seed=2, color="red", shape="circle")):
                target = photos / "new" / source.name
                target.parent.mkdir(exist_ok=True)
                shutil.copyfile(source, target)
                copied = time.monotonic()
                while str(target) not in {h.path for h in search(reader, "a red circle", limit=i + 1)}:
                    time.sleep(0.01)
                latencies.append(time.monotonic() - copied)
                time.sleep(0.5)  # one copy at a time
            reader.close()
            print(f"{args.copies} copies into a watched library of {args.library_photos} photos, model {args.model}")
            print(f"copy -> searchable from another process: median {statistics.median(latencies):.2f} s, "
                  f"max {max(latencies):.2f} s, min {min(latencies):.2f} s")
            print("all: " + " ".join(f"{s:.2f}" for s in latencies))
        finally:
            code = watch.stop(signal.SIGINT)
            print(f"photoclip watch exited {code} on Ctrl-C")


if __name__ == "__main__":
    main()
