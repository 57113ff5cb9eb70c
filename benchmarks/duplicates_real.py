"""Duplicate-finding quality on real photos, PhotoClip's pixel check against a pHash baseline.

    apt-get download gnome-backgrounds mate-backgrounds ukui-wallpapers lomiri-wallpapers-20.04
    for d in *.deb; do dpkg -x $d SRC/; done
    .venv/bin/python benchmarks/duplicates_real.py SRC [--seed 1] [--model local-dir:...]

From each real photo/artwork in SRC: an "original" (a random 70-100 % crop, at most 1200 px),
1-2 edited copies (this repo's test edits: crop up to 10 % a side, down/up-scale, brightness
±15 %, blur σ ≤ 1.5, a 25 % noise blend, 90° turns, mirrors, JPEG re-encode; 1-3 at once),
and for every third photo two burst shots (the camera moved 3-8 % from the original, then again):
other shots of a scene are *not* duplicates. Every photo is a distinct picture otherwise.

Reported, on all pairs of the set (so the result does not depend on any embedding model):
- PhotoClip's pixel check (`pixelmatch.compare`), pairwise and after grouping (union-find);
- pHash as imagededup computes it (32×32 grey, DCT, 8×8 block, median), Hamming distance ≤ 10;
- the "similar shots" check: recall on the bursts, false alarms on other non-duplicate pairs.
With --model, also the whole finder (index neighbours + pixel check) on that model's vectors,
and how many true pairs its candidate stage proposed. The committed tiny CLIP was trained on
toy shapes: its neighbours on real photos follow colour and layout, not meaning.
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_duplicates_quality import variant  # noqa: E402

from photoclip.core import duplicates as D  # noqa: E402
from photoclip.core import pixelmatch as pm  # noqa: E402

MAX_SIDE = 1200


def fit(img: Image.Image, side: int = MAX_SIDE) -> Image.Image:
    k = min(1.0, side / max(img.size))
    return img.resize((round(img.width * k), round(img.height * k)), Image.LANCZOS) if k < 1 else img


def build(src: Path, out: Path, seed: int):
    """Write the set; returns (duplicate sets [[paths]], burst pairs [(a, b)], all paths, scenes: the
    photos of one scene, a duplicate set and its burst shots, which are all other shots of each other)."""
    rng = random.Random(seed)
    files = sorted(p for p in src.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))
    sets, bursts, paths, scenes = [], [], [], []
    n = 0

    def save(img):
        nonlocal n
        n += 1
        fmt = rng.choice((".jpg", ".jpg", ".png", ".webp"))
        path = out / f"IMG_{n:04d}{fmt}"
        kw = {"quality": rng.randint(75, 95)} if fmt != ".png" else {}
        fit(img, 1600).save(path, **kw)
        paths.append(path)
        return path

    for i, f in enumerate(files):
        with Image.open(f) as im:
            im = im.convert("RGB")
        if im.width * im.height < 500_000:
            continue
        im = fit(im, 2000)
        w, h = im.size
        cw, ch = int(w * rng.uniform(0.7, 0.9)), int(h * rng.uniform(0.7, 0.9))
        x, y = rng.randint(0, w - cw - int(0.08 * w)), rng.randint(0, h - ch)
        original = fit(im.crop((x, y, x + cw, y + ch)))
        sets.append([save(original)] + [save(variant(original, rng)[0]) for _ in range(rng.randint(1, 2))])
        if i % 3 == 0:  # a burst: two more shots of that scene, the camera moved 3-8 % each time
            shots = []
            for _ in range(2):
                x = min(x + max(1, int(w * rng.uniform(0.03, 0.08))), w - cw)
                y = min(max(0, y + int(h * rng.uniform(-0.02, 0.02))), h - ch)
                shots.append(save(fit(im.crop((x, y, x + cw, y + ch)))))
            bursts.append((shots[0], shots[1]))
            scenes.append(sets[-1] + shots)
    return sets, bursts, paths, scenes


_DCT = np.array([[np.cos(np.pi * k * (2 * n + 1) / 64) for n in range(32)] for k in range(32)])


def phash(path: Path) -> int:
    """imagededup's PHash: grey, 32×32 (antialiased), 2-D DCT, top-left 8×8, >= median of the 63 AC."""
    with Image.open(path) as im:
        grey = np.asarray(im.convert("L").resize((32, 32), Image.LANCZOS), dtype=np.float64)
    coef = (_DCT @ grey @ _DCT.T)[:8, :8].ravel()
    bits = coef >= np.median(coef[1:])
    return int("".join("1" if b else "0" for b in bits), 2)


def scores(found: set, truth: set) -> str:
    hits = len(found & truth)
    return f"precision {hits / max(1, len(found)):.3f}  recall {hits / max(1, len(truth)):.3f}  " \
           f"({hits} of {len(truth)} true pairs, {len(found) - hits} wrong)"


def closure(pairs: set, nodes) -> set:
    parent = {x: x for x in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in (tuple(p) for p in pairs):
        parent[find(a)] = find(b)
    groups: dict = {}
    for x in nodes:
        groups.setdefault(find(x), []).append(x)
    return {frozenset(p) for g in groups.values() for p in itertools.combinations(g, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--model", help="also run the whole finder with this model's vectors")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "photos"
        out.mkdir()
        sets, bursts, paths, scenes = build(args.src, out, args.seed)
        names = [str(p) for p in paths]
        truth = {frozenset((str(a), str(b))) for s in sets for a, b in itertools.combinations(s, 2)}
        burst_pairs = {frozenset((str(a), str(b))) for a, b in bursts}
        same_scene = {frozenset((str(a), str(b))) for s in scenes for a, b in itertools.combinations(s, 2)}
        print(f"{len(paths)} photos: {len(sets)} duplicate sets ({len(truth)} pairs), {len(bursts)} bursts "
              f"({len(same_scene - truth)} pairs of other shots of a scene, none of them duplicates)")

        t = time.perf_counter()
        prints = {str(p): pm.read_print(p) for p in paths}
        read_s = time.perf_counter() - t
        t = time.perf_counter()
        ours = {frozenset((a, b)) for a, b in itertools.combinations(names, 2) if pm.compare(prints[a], prints[b]).same}
        cmp_s = time.perf_counter() - t
        npairs = len(names) * (len(names) - 1) // 2
        print(f"PhotoClip pixel check, pairwise:   {scores(ours, truth)}  (other shots called duplicates: "
              f"{len((ours & same_scene) - truth)} of {len(same_scene - truth)})")
        print(f"PhotoClip pixel check, grouped:    {scores(closure(ours, names), truth)}")
        print(f"  prints {1000 * read_s / len(paths):.1f} ms/photo, compare {1000 * cmp_s / npairs:.2f} ms/pair "
              f"over all {npairs} pairs")

        hashes = {str(p): phash(p) for p in paths}
        base = {frozenset((a, b)) for a, b in itertools.combinations(names, 2)
                if bin(hashes[a] ^ hashes[b]).count("1") <= 10}
        print(f"pHash baseline (Hamming <= 10):    {scores(base, truth)}  (other shots called duplicates: "
              f"{len((base & same_scene) - truth)} of {len(same_scene - truth)})")

        rng = random.Random(args.seed)
        others = [p for p in itertools.combinations(names, 2) if frozenset(p) not in truth | same_scene]
        sample = rng.sample(others, min(1000, len(others)))
        found = sum(pm.similar(prints[a], prints[b]).same for a, b in (tuple(p) for p in burst_pairs))
        false = sum(pm.similar(prints[a], prints[b]).same for a, b in sample)
        print(f"similar shots: {found} of {len(burst_pairs)} bursts found; false alarms on "
              f"{false} of {len(sample)} sampled other distinct pairs")

        if args.model:
            from photoclip.core.indexer import Indexer
            from photoclip.core.library import Library

            with Library(Path(tmp) / "lib", model=args.model, device="cpu", writer=True) as library:
                library.add_folder(out)
                Indexer(library).run()
                _, candidates = D._candidates(library, D.RULES["duplicates"])
                by_id = {p.id: p.path for p in library.catalog.all_photos()}
                proposed = {frozenset((by_id[a], by_id[b])) for a, b in candidates}
                groups = D.find_groups(library)
            found = {frozenset((a.path, b.path)) for g in groups for a, b in itertools.combinations(g.items, 2)}
            print(f"whole finder with {args.model}: {scores(found, truth)}; its candidate stage proposed "
                  f"{len(proposed & truth)} of {len(truth)} true pairs ({len(proposed)} pairs in all)")


if __name__ == "__main__":
    main()
