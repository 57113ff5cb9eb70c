"""The whole duplicate finder on toy-world corpora, over several seeds (run by hand; prints figures).

    .venv/bin/python benchmarks/duplicates_toy.py [--seeds 1 2 3 20261123]

Each seed renders the corpus of tests/test_duplicates_quality.py (near-duplicate sets, 1-3
edits each, hidden among many distinct photos of the same few classes), indexes it with the
tiny CLIP and groups it. Printed per seed: pair precision and recall, how many true pairs the
embedding neighbours alone proposed, and how many the pixel check alone would pass.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_duplicates_quality import pairs_of, write_corpus  # noqa: E402

import toyworld  # noqa: E402
from photoclip.core import duplicates as D  # noqa: E402
from photoclip.core import pixelmatch as pm  # noqa: E402
from photoclip.core.indexer import Indexer  # noqa: E402
from photoclip.core.library import Library  # noqa: E402


def run(seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sets, _ = write_corpus(root / "photos", seed=seed)
        truth = pairs_of([[str(p.resolve()) for p in s] for s in sets])
        with Library(root / "lib", model=toyworld.TINY_CLIP_SPEC, device="cpu", writer=True) as library:
            library.add_folder(root / "photos")
            Indexer(library).run()
            photos, pairs = D._candidates(library, D.RULES["duplicates"])
            by_model = {frozenset((photos[a].path, photos[b].path)) for a, b in pairs}
            started = time.perf_counter()
            groups = D.find_groups(library, "duplicates")
            seconds = time.perf_counter() - started
        prints = {str(p.resolve()): pm.read_print(p) for s in sets for p in s}
        pixel_ok = sum(pm.compare(*(prints[p] for p in sorted(t))).same for t in truth)
    found = pairs_of([[it.path for it in g.items] for g in groups])
    hits = len(found & truth)
    print(f"seed {seed}: precision {hits / max(1, len(found)):.3f}, recall {hits / len(truth):.3f} "
          f"({hits} of {len(truth)} true pairs, {len(found) - hits} wrong); the model's neighbours proposed "
          f"{len(truth & by_model)}, the pixel check alone passes {pixel_ok}; grouping {seconds:.1f} s", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 20261123])
    for seed in ap.parse_args().seeds:
        run(seed)


if __name__ == "__main__":
    main()
