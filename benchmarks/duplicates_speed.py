"""How long grouping 100,000 photos takes, from stored vectors (run by hand; prints figures).

    .venv/bin/python benchmarks/duplicates_speed.py [--photos 100000] [--dir .bench/dup-speed]

A real catalog and a real hnswlib index are filled with fake 512-d vectors shaped like a photo
library: 4-photo "scenes" whose ordinary photos sit at cosine ~0.73 to each other, in 20 % of
the scenes a set of 3 copies (pairwise ~0.97), in 16 % a burst pair (~0.93). Every photo is a
real image file with photo-like texture: copies (256×192 JPEG) are edited versions of one
texture (crop, resize, brightness, blur, turn, mirror, re-encode), bursts two crops of a scene
a few % apart, the other photos small (96×72) to keep the set-up short. Each photo's look-alike
signature is stored as the indexer stores it (from its pixels, at no extra read).

Timed: building the index (the indexer does this once and saves it), then `find_groups` cold
(pixel prints read from the files, every candidate pair compared) and warm (everything from
the catalog, as on every later run), and the precision/recall of the planted copies as a check.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from PIL import Image  # noqa: E402
from test_duplicates_quality import edit, texture  # noqa: E402

from photoclip.core import duplicates as D  # noqa: E402
from photoclip.core import pixelmatch as pm  # noqa: E402
from photoclip.core.imaging import fingerprint_bytes  # noqa: E402
from photoclip.core.jobs import RunControl  # noqa: E402
from photoclip.core.library import Library  # noqa: E402
from photoclip.core.store import NewPhoto  # noqa: E402

MODEL = "ViT-B-32-256:datacomp_s34b_b86k"  # only names the vectors' model: nothing is loaded
DIM = 512


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def around(centre: np.ndarray, cos: float, rng: np.random.Generator, n: int) -> np.ndarray:
    """n unit vectors at cosine ~`cos` to `centre` (so ~cos² to each other)."""
    t = np.sqrt(1 / cos ** 2 - 1)
    noise = unit(rng.standard_normal((n, DIM)).astype(np.float32))
    return unit(centre + t * noise)


def plan(n: int, rng: np.random.Generator):
    """Vectors and roles: role[i] = ("copy", set) | ("burst", pair) | ("single", None)."""
    vecs, roles = [], []
    sets = bursts = 0
    for s in range(n // 4):
        centre = unit(rng.standard_normal(DIM).astype(np.float32))
        kind = s % 25
        if kind < 5:  # 20 %: three copies of one photo, and one other photo
            base = around(centre, 0.857, rng, 1)[0]
            vecs += [around(base, 0.985, rng, 3), around(centre, 0.857, rng, 1)]
            roles += [("copy", sets)] * 3 + [("single", None)]
            sets += 1
        elif kind < 9:  # 16 %: a burst pair, and two other photos
            base = around(centre, 0.857, rng, 1)[0]
            vecs += [around(base, 0.965, rng, 2), around(centre, 0.857, rng, 2)]
            roles += [("burst", bursts)] * 2 + [("single", None)] * 2
            bursts += 1
        else:
            vecs.append(around(centre, 0.857, rng, 4))
            roles += [("single", None)] * 4
    return np.concatenate(vecs).astype(np.float32), roles


def fill_catalog(library: Library, vecs: np.ndarray, paths: list[str], fingerprints: dict[int, str],
                 thumbs: dict[int, np.ndarray]) -> None:
    library.catalog.add_folder(str(Path(paths[0]).parents[1]))
    for start in range(0, len(vecs), 5000):
        chunk = range(start, min(len(vecs), start + 5000))
        fps = [fingerprints[i] for i in chunk]
        photos = [NewPhoto(paths[i], 1, 1, fp, 256, 192, None, None) for i, fp in zip(chunk, fps)]
        library.catalog.add_photos(photos, MODEL, {fp: vecs[i] for i, fp in zip(chunk, fps)})
        pm.make_and_store_signatures(library.catalog, {fp: thumbs[i] for i, fp in zip(chunk, fps)})


def write_files(roles, paths, seed: int) -> tuple[dict[int, str], dict[int, np.ndarray]]:
    """An image file for every photo: their fingerprints, and the thumbnails the indexer would
    have made of them (Decoded.thumb)."""
    rng = random.Random(seed)
    sources: dict[tuple, object] = {}
    fingerprints, thumbs = {}, {}
    for i, (kind, key) in enumerate(roles):
        path = Path(paths[i])
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "single":
            img = texture(rng, 96, 72)
        elif kind == "copy":
            img = sources.setdefault(("copy", key), texture(random.Random(f"copy{key}"), 256, 192))
            if i % 3:  # the first of a set is the original
                for kind_ in rng.sample(("crop", "downscale", "brightness", "blur", "turn", "mirror", "reencode"), 2):
                    img = edit(img, kind_, rng)
        elif kind == "burst":
            scene = sources.setdefault(("burst", key), texture(random.Random(f"burst{key}"), 300, 220))
            dx = 0 if i % 2 == 0 else rng.choice((-1, 1)) * rng.randint(10, 22)
            img = scene.crop((22 + dx, 14, 22 + dx + 256, 14 + 192))
        img.save(path, "JPEG", quality=90)
        fingerprints[i] = fingerprint_bytes(path.read_bytes())
        thumbs[i] = np.asarray(img.resize((pm.SIDE, pm.SIDE), Image.BICUBIC), dtype=np.uint8)
    return fingerprints, thumbs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--photos", type=int, default=100_000)
    ap.add_argument("--dir", default=".bench/dup-speed")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    root = Path(args.dir).resolve()
    shutil.rmtree(root, ignore_errors=True)
    rng = np.random.default_rng(args.seed)
    vecs, roles = plan(args.photos, rng)
    paths = [str(root / "photos" / f"{i // 1000:03d}" / f"IMG_{i:06d}.jpg") for i in range(len(vecs))]
    t = time.perf_counter()
    fingerprints, thumbs = write_files(roles, paths, args.seed)
    print(f"(wrote {len(fingerprints)} image files in {time.perf_counter() - t:.1f} s)")
    t = time.perf_counter()
    with Library(root / "lib", model=MODEL, device="cpu", writer=True) as library:
        fill_catalog(library, vecs, paths, fingerprints, thumbs)
        print(f"catalog: {len(vecs)} photos with vectors in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        library.sync_index(save=True)
        print(f"index built and saved (once, by the indexer): {time.perf_counter() - t:.1f} s")
    with Library(root / "lib", model=MODEL, device="cpu") as library:
        t = time.perf_counter()
        photos, pairs = D._candidates(library, D.RULES["duplicates"])
        print(f"index loaded + candidate pairs from the vectors: {len(pairs)} pairs over {len(photos)} photos "
              f"in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        more = D._lookalikes(library, D._Cache(library.catalog), D.RULES["duplicates"], None, RunControl())
        print(f"look-alike pairs from the signatures: {len(more)} ({len(more - pairs)} new) "
              f"in {time.perf_counter() - t:.1f} s")
    for run in ("cold", "warm"):
        with Library(root / "lib", model=MODEL, device="cpu") as library:
            stages: dict[str, float] = {}
            started = time.perf_counter()

            def progress(p, stages=stages, started=started):
                stages.setdefault(p.state, time.perf_counter() - started)

            groups = D.find_groups(library, "duplicates", progress=progress)
            total = time.perf_counter() - started
        print(f"find_groups {run}: {total:.1f} s for {args.photos} photos, {len(groups)} groups "
              f"(first progress by state, s: {', '.join(f'{k} {v:.1f}' for k, v in stages.items())})")
    truth = {}
    for i, (kind, key) in enumerate(roles):
        if kind == "copy":
            truth.setdefault(key, []).append(paths[i])
    true_pairs = {frozenset((a, b)) for m in truth.values() for a in m for b in m if a < b}
    found = {frozenset((a.path, b.path)) for g in groups for a in g.items for b in g.items if a.path < b.path}
    hits = len(found & true_pairs)
    print(f"planted copies: precision {hits / max(1, len(found)):.3f}, recall {hits / len(true_pairs):.3f} "
          f"({len(found)} pairs found, {len(true_pairs)} planted; bursts planted: "
          f"{sum(1 for k, _ in roles if k == 'burst') // 2})")


if __name__ == "__main__":
    main()
