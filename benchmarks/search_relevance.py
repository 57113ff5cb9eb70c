"""Where search relevance ends, on the toy world: the relevant hits of each query against the truth.

    .venv/bin/python benchmarks/search_relevance.py [--seeds 3] [--photos 200] [--model local-dir:...]

Each corpus (freshly rendered with the spec's variations, seeds never trained on) lacks one
colour x shape. For every query kind: precision and recall of the hits judged relevant
(photoclip.core.search), mean [min] over the queries and corpora; for the missing colour x
shape, how many hits were judged relevant (it should be none). "More like this" is scored
against two truths: the example's colour x shape, and its colour x shape x background.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_tags_quality import precision_recall, write_varied_corpus  # noqa: E402

import toyworld  # noqa: E402
from photoclip.core.indexer import Indexer  # noqa: E402
from photoclip.core.library import Library  # noqa: E402
from photoclip.core.search import Query, search  # noqa: E402

KINDS = list(itertools.product(toyworld.COLORS, toyworld.SHAPES))


def run(seed: int, n: int, model: str, folder: Path, missing: tuple[str, str]) -> dict[str, list]:
    photos = write_varied_corpus(folder / "photos", n, seed)
    for path, ph in list(photos.items()):
        if (ph.color, ph.shape) == missing:
            path.unlink()
            del photos[path]
    out: dict[str, list] = {}
    with Library(folder / "lib", model=model, device="cpu", writer=True) as library:
        library.add_folder(folder / "photos")
        Indexer(library).run()
        by_id = {library.catalog.photo_by_path(str(p.resolve())).id: ph for p, ph in photos.items()}
        path_of = {library.catalog.photo_by_path(str(p.resolve())).id: str(p.resolve()) for p in photos}

        def relevant(query) -> set[int]:
            return {h.photo_id for h in search(library, query, limit=None, weaker=False)}

        def score(kind: str, query, is_it) -> None:
            truth = {pid for pid, ph in by_id.items() if is_it(ph)}
            out.setdefault(kind, []).append(precision_recall(relevant(query), truth)[:2])

        for color, shape in KINDS:
            if (color, shape) == missing:
                out.setdefault("missing colour x shape: relevant hits", []).append(
                    (len(relevant(f"a {color} {shape}")), len(relevant(f"a photo of a {color} {shape}"))))
                continue
            score("a {color} {shape}", f"a {color} {shape}", lambda ph, c=color, s=shape: (ph.color, ph.shape) == (c, s))
        for color in toyworld.COLORS:
            score("something {color}", f"something {color}", lambda ph, c=color: ph.color == c)
        for bg in toyworld.BACKGROUNDS:
            score("on a {bg} background", f"on a {bg} background", lambda ph, b=bg: ph.bg == b)
        for color, shape in (("red", "circle"), ("blue", "square")):
            score("something {color} -a {shape}", f"something {color} -a {shape}",
                  lambda ph, c=color, s=shape: ph.color == c and ph.shape != s)
        rng = np.random.default_rng(seed)
        for pid in rng.choice(sorted(by_id), 12, replace=False):
            ex = by_id[int(pid)]
            query = Query(images=[path_of[int(pid)]])
            found = relevant(query)
            for kind, is_it in (("more like this vs colour x shape", lambda ph, ex=ex: (ph.color, ph.shape) == (ex.color, ex.shape)),
                                ("more like this vs colour x shape x bg",
                                 lambda ph, ex=ex: (ph.color, ph.shape, ph.bg) == (ex.color, ex.shape, ex.bg))):
                truth = {p for p, ph in by_id.items() if is_it(ph)} - {int(pid)}
                out.setdefault(kind, []).append(precision_recall(found, truth)[:2])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--photos", type=int, default=200)
    ap.add_argument("--model", default=toyworld.TINY_CLIP_SPEC)
    args = ap.parse_args()
    results: dict[str, list] = {}
    for i in range(args.seeds):
        seed = 6_130_000 + i
        missing = KINDS[(5 * i) % len(KINDS)]
        with tempfile.TemporaryDirectory() as tmp:
            for k, v in run(seed, args.photos, args.model, Path(tmp), missing).items():
                results.setdefault(k, []).extend(v)
        print(f"seed {seed} done (lacks {' '.join(missing)})", flush=True)
    print(f"\nrelevant hits ({args.seeds} corpora x {args.photos} photos): precision / recall, mean [min]")
    for k, v in results.items():
        a = np.array(v, dtype=float)
        if k.startswith("missing"):
            print(f"  {k:40s} 'a X' max {int(a[:, 0].max())}, 'a photo of a X' max {int(a[:, 1].max())}")
        else:
            print(f"  {k:40s} P {a[:, 0].mean():.3f} [{a[:, 0].min():.3f}]  R {a[:, 1].mean():.3f} [{a[:, 1].min():.3f}]"
                  f"  ({len(a)} queries)")


if __name__ == "__main__":
    main()
