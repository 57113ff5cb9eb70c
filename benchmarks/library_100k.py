"""Costs that grow with the library, as a user meets them: whole `photoclip` processes at 100,000 photos.

    .venv/bin/python benchmarks/library_100k.py --model WORK/models/ViT-B-32-256 [--photos 100000] \\
        [--tags 50] [--dir WORK/lib-100k] [--dup-library .bench/dup-speed/lib] [--rounds 3]

1. `photoclip tag list` (and `tag list --json`, the counts the app shows): a library of --photos
   photos with random unit vectors for the model (no image files: listing tags reads vectors and
   the catalog only) and --tags auto-tags with a prompt and a negative each, added once through
   `photoclip tag add` (kept in --dir for later runs). Each run is a fresh process. Then, per
   round, --changes photos come and as many go (new random vectors, through the store, as an
   indexing run would) and `tag list` runs once: the first run after a change.
2. With --dup-library (a library made by benchmarks/duplicates_speed.py, whose photos are real
   files; it is changed: use a copy you can spare): `photoclip duplicates --json`, first the run
   after the library was made, then the runs a user repeats with nothing changed; then per round
   the first run after one photo of a set of copies went, and after two came (a re-saved copy of
   a photo of another set, and a new photo), each change recorded as an indexing run records it
   (the photo's file, vector and look-alike signature, then the vector index saved).
   `--only duplicates` skips the tags (no --model needed).

Prints every run's wall time and peak memory, the machine and the load average.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import machine  # noqa: E402

WORDS = ("dog", "cat", "beach", "snow", "mountain", "receipt", "car", "flower", "sunset", "city", "forest",
         "child", "birthday cake", "boat", "bicycle", "document", "screenshot", "food", "bird", "horse")


def photoclip(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("photoclip")
    return ([str(exe)] if exe.exists() else [sys.executable, "-m", "photoclip"]) + list(args)


def timed(cmd: list[str]) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def build_tag_library(root: Path, model: str, photos: int, tags: int) -> None:
    done = root / ".complete"
    if done.exists():
        return
    started = time.perf_counter()
    if not (root / "photos-added").exists():
        add_photos(root, model, photos)
        (root / "photos-added").touch()
    listed = subprocess.run(photoclip("--library", str(root), "tag", "list", "--json"), check=True,
                            capture_output=True, text=True).stdout
    have = {t["name"] for t in json.loads(listed)}
    for t in range(tags):  # resumable: a run stopped half-way adds the rest
        word = WORDS[t % len(WORDS)]
        if f"{word}-{t}" not in have:
            subprocess.run(photoclip("--library", str(root), "tag", "add", f"{word}-{t}", "--prompt",
                                     f"a photo of a {word}", "--negative", f"a drawing of a {word}"),
                           check=True, stdout=subprocess.DEVNULL)
    print(f"(added {tags} tags in {time.perf_counter() - started:.0f} s)", flush=True)
    done.touch()


def add_photos(root: Path, model: str, photos: int) -> None:
    from photoclip.core.library import Library
    from photoclip.core.store import NewPhoto

    rng = np.random.default_rng(1)
    started = time.perf_counter()
    with Library(root, model=model, device="cpu", writer=True) as library:
        dim = library.embedder.dim
        folder = root.parent / "no-files-100k"
        library.catalog.add_folder(str(folder))
        for start in range(0, photos, 5000):
            n = min(5000, photos - start)
            vecs = rng.standard_normal((n, dim)).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            fps = [f"{start + i:032x}" for i in range(n)]
            rows = [NewPhoto(str(folder / f"{(start + i) // 1000:03d}" / f"IMG_{start + i:06d}.jpg"), 1, 1, fp,
                             4000, 3000, None, None) for i, fp in enumerate(fps)]
            library.catalog.add_photos(rows, model, dict(zip(fps, vecs)))
        library.sync_index(save=True)
    print(f"(built a {photos}-photo library in {time.perf_counter() - started:.0f} s)", flush=True)


def save_index(root: Path, model: str) -> None:
    """The saved vector index brought up to date, as an indexing run leaves it (readers do not
    save it: a library made by an older version, or changed by change_photos, would otherwise be
    rebuilt or caught up by every timed process). In a process of its own: a child's peak memory
    would count what this one held when it forked."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sys; from photoclip.core.library import Library\n"
                    "with Library(sys.argv[1], model=sys.argv[2], device='cpu', writer=True) as library:\n"
                    "    library.sync_index(save=True)", str(root), model], check=True,
                   cwd=Path(__file__).resolve().parents[1])
    print(f"(vector index up to date in {time.perf_counter() - started:.1f} s)", flush=True)


def change_photos(root: Path, model: str, n: int, seed: int) -> None:
    """n new photos (random vectors) and n of the earliest ones gone, as an indexing run records them
    (this process holds no index: its children's peak memory stays theirs)."""
    from photoclip.core.library import Library
    from photoclip.core.store import NewPhoto

    rng = np.random.default_rng(seed)
    with Library(root, model=model, device="cpu", writer=True) as library:
        folder = root.parent / "no-files-100k" / "changed"
        vecs = rng.standard_normal((n, library.embedder.dim)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        fps = [f"changed-{seed}-{i}" for i in range(n)]
        library.catalog.add_photos([NewPhoto(str(folder / f"{seed}-{i}.jpg"), 1, 1, fp, 4000, 3000, None, None)
                                    for i, fp in enumerate(fps)], model, dict(zip(fps, vecs)))
        gone = library.catalog.paths(sorted(library.catalog.photo_ids_where())[:n])
        library.catalog.remove_paths(gone.values())


def in_child(function: str, *args) -> None:
    """One of this file's functions, in a process of its own (a timed child's peak memory would
    count what this one held when it forked)."""
    subprocess.run([sys.executable, "-c", f"import sys; sys.path[:0] = [{str(Path(__file__).parent)!r}]\n"
                    f"import library_100k\nlibrary_100k.{function}(*sys.argv[1:])", *map(str, args)],
                   check=True, cwd=Path(__file__).resolve().parents[1])


def change_dup_library(root: str, seed: str) -> None:
    """One photo of a set of copies gone (as `remove_paths` records it), then the vector index saved."""
    from photoclip.core.library import Library

    seed = int(seed)
    with Library(root, device="cpu", writer=True) as library:
        members = next(g for g in _groups(library) if len(g) >= 3)  # a set still whole
        library.catalog.remove_paths([members[seed % len(members)]])
        library.sync_index(save=True)


def add_to_dup_library(root: str, seed: str) -> None:
    """A re-saved copy of a photo of a set of copies and a new photo, with their vectors and
    look-alike signatures as the indexer stores them, then the vector index saved."""
    import random

    from duplicates_speed import DIM, around, unit  # (it puts the tests' folder on the path)
    from PIL import Image
    from test_duplicates_quality import texture

    from photoclip.core import pixelmatch
    from photoclip.core.imaging import fingerprint_bytes
    from photoclip.core.library import Library
    from photoclip.core.store import NewPhoto

    seed = int(seed)
    rng = np.random.default_rng(seed)
    with Library(root, device="cpu", writer=True) as library:
        catalog = library.catalog
        original = catalog.photo_by_path(_groups(library)[seed % 50][0])
        folder = Path(original.path).parent
        copy_path, new_path = folder / f"added-{seed}-copy.jpg", folder / f"added-{seed}-new.jpg"
        with Image.open(original.path) as im:
            im.convert("RGB").save(copy_path, "JPEG", quality=70)
        texture(random.Random(seed), 96, 72).save(new_path, "JPEG", quality=90)
        rows, vectors, thumbs = [], {}, {}
        base = catalog.vector_for_fingerprint(original.fingerprint, library.model)
        for path, vec in ((copy_path, around(base, 0.99, rng, 1)[0]),
                          (new_path, unit(rng.standard_normal(DIM).astype(np.float32)))):
            fp = fingerprint_bytes(path.read_bytes())
            with Image.open(path) as im:
                rows.append(NewPhoto(str(path), path.stat().st_size, path.stat().st_mtime_ns, fp, im.width, im.height,
                                     None, None))
                thumbs[fp] = np.asarray(im.convert("RGB").resize((pixelmatch.SIDE, pixelmatch.SIDE),
                                                                 Image.BICUBIC), dtype=np.uint8)
            vectors[fp] = vec
        catalog.add_photos(rows, library.model, vectors)
        pixelmatch.make_and_store_signatures(catalog, thumbs)
        library.sync_index(save=True)


def _groups(library) -> list[list[str]]:
    """The groups the finder shows now (kept from the run before: reads nothing new)."""
    from photoclip.core.duplicates import find_groups

    return [[it.path for it in g.items] for g in find_groups(library)]


def report(name: str, runs: list[tuple[float, float]]) -> None:
    walls = [w for w, _ in runs]
    print(f"{name}: " + ", ".join(f"{w:.2f} s" for w in walls)
          + f"; median {statistics.median(walls):.2f} s, peak {max(m for _, m in runs):.0f} MB   ({machine.load()})",
          flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help="an open_clip local-dir model folder (for the tags)")
    ap.add_argument("--photos", type=int, default=100_000)
    ap.add_argument("--tags", type=int, default=50)
    ap.add_argument("--dir", type=Path, default=Path(".bench/lib-100k"))
    ap.add_argument("--dup-library", type=Path, help="a library made by benchmarks/duplicates_speed.py")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--changes", type=int, default=10, help="photos that come and go before a run")
    ap.add_argument("--only", choices=("tags", "duplicates"), help="measure only the one")
    args = ap.parse_args()
    print(f"machine: {machine.cpu()}\n{machine.load()}", flush=True)
    if args.only != "duplicates":
        if not args.model:
            ap.error("--model is needed for the tags")
        measure_tags(args)
    if args.dup_library and args.only != "tags":
        measure_duplicates(args.dup_library.resolve(), args.rounds)
    print(f"finished ({machine.load()})")


def measure_tags(args) -> None:
    root = args.dir.resolve() / f"tags-{args.photos}x{args.tags}"
    build_tag_library(root, f"local-dir:{args.model.resolve()}", args.photos, args.tags)
    save_index(root, f"local-dir:{args.model.resolve()}")
    for what in (["tag", "list"], ["tag", "list", "--json"]):
        runs = [timed(photoclip("--library", str(root), *what)) for _ in range(args.rounds)]
        report(f"photoclip {' '.join(what)} ({args.photos} photos, {args.tags} tags)", runs)
    runs = []
    for r in range(args.rounds):
        change_photos(root, f"local-dir:{args.model.resolve()}", args.changes, seed=int(time.time()) + r)
        runs.append(timed(photoclip("--library", str(root), "tag", "list")))
    report(f"photoclip tag list, the first run after {args.changes} photos came and {args.changes} went", runs)
    save_index(root, f"local-dir:{args.model.resolve()}")


def measure_duplicates(root: Path, rounds: int) -> None:
    def run() -> tuple[float, float]:
        return timed(photoclip("--library", str(root), "duplicates", "--json"))

    runs = [run() for _ in range(rounds + 1)]
    report("photoclip duplicates --json (first run, then the runs a user repeats)", runs[:1])
    report("  nothing changed", runs[1:])
    removed, added = [], []
    for r in range(rounds):
        seed = int(time.time()) + r
        in_child("change_dup_library", root, seed)
        removed.append(run())
        in_child("add_to_dup_library", root, seed)
        added.append(run())
    report("  the first run after one photo of a set of copies went", removed)
    report("  the first run after two photos came (a re-saved copy and a new photo)", added)
    runs = [run() for _ in range(rounds)]
    report("  nothing changed", runs)
    groups = json.loads(subprocess.run(photoclip("--library", str(root), "duplicates", "--json"), check=True,
                                       capture_output=True, text=True).stdout)["groups"]
    grouped = [p for g in groups for p in g["items"]]
    from photoclip.core.library import Library

    with Library(root, device="cpu") as library:  # the copies added so far and not removed since
        copies = [p for p in root.parent.rglob("added-*-copy.jpg") if library.catalog.photo_by_path(str(p))]
    print(f"  check: {len(groups)} groups; re-saved copies in a group: {sum('-copy.jpg' in p for p in grouped)} "
          f"of the {len(copies)} in the library; new photos in a group: {sum('-new.jpg' in p for p in grouped)}",
          flush=True)


if __name__ == "__main__":
    main()
