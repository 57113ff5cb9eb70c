"""Auto-tag quality on the toy world, over several freshly rendered corpora (seeds never trained on).

    .venv/bin/python benchmarks/tags_quality.py [--seeds 5] [--photos 180] [--model local-dir:...]

For each corpus (spec variations included): precision / recall of tags made from a prompt alone
at the default sensitivity, of tags described by several lines (any of them), and the F1 of a tag whose prompt is too vague ("a square" for
yellow or green squares), before and after a user confirms 5 and rejects 5 of the photos
PhotoClip suggests for review, measured on the photos the user did not decide on. Uses the same helpers as
tests/test_tags_quality.py, through the real indexer and library.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_tags_quality import precision_recall, teach, write_varied_corpus  # noqa: E402

import toyworld  # noqa: E402
from photoclip.core import tags as T  # noqa: E402
from photoclip.core.indexer import Indexer  # noqa: E402
from photoclip.core.library import Library  # noqa: E402

PROMPTS = {
    "a triangle": lambda ph: ph.shape == "triangle",
    "a circle": lambda ph: ph.shape == "circle",
    "a square": lambda ph: ph.shape == "square",
    "something red": lambda ph: ph.color == "red",
    "something yellow": lambda ph: ph.color == "yellow",
    "on a black background": lambda ph: ph.bg == "black",
    "on a gray background": lambda ph: ph.bg == "gray",
    "a blue circle": lambda ph: ph.color == "blue" and ph.shape == "circle",
    "a green triangle on a white background":
        lambda ph: (ph.color, ph.shape, ph.bg) == ("green", "triangle", "white"),
}
LINES = {  # a tag described by several lines: a photo carries it when it matches any of them
    "a red circle / a blue square": (["a red circle", "a blue square"],
                                     lambda ph: (ph.color, ph.shape) in (("red", "circle"), ("blue", "square"))),
    "a red circle / a red square / a red triangle": (["a red circle", "a red square", "a red triangle"],
                                                     lambda ph: ph.color == "red"),
    "something yellow / on a black background": (["something yellow", "on a black background"],
                                                 lambda ph: ph.color == "yellow" or ph.bg == "black"),
}
TAUGHT = {  # what the user means, and the too-vague prompt they started with
    "yellow or green squares": (["a square"], lambda ph: ph.shape == "square" and ph.color in ("yellow", "green")),
    "squares on gray": (["a square"], lambda ph: ph.shape == "square" and ph.bg == "gray"),
    "yellow or green squares on gray": (["a square"], lambda ph: ph.shape == "square"
                                        and ph.color in ("yellow", "green") and ph.bg == "gray"),
    "circles, misleadingly prompted": (["a square"], lambda ph: ph.shape == "circle"),
    # A prompt that misses what is meant (no yellow photo is even near the tag): review cannot
    # show the user what the tag never finds; this one stays poor, and says so.
    "warm colours": (["something red"], lambda ph: ph.color in ("red", "yellow")),
}


def run(seed: int, n: int, model: str, folder: Path) -> tuple[dict, dict]:
    photos = write_varied_corpus(folder / "photos", n, seed)
    with Library(folder / "lib", model=model, device="cpu", writer=True) as library:
        library.add_folder(folder / "photos")
        Indexer(library).run()
        by_id = {library.catalog.photo_by_path(str(p.resolve())).id: ph for p, ph in photos.items()}
        store = T.TagStore(library)
        zero_shot = {}
        for prompt, is_it in PROMPTS.items():
            tag = store.add(prompt)
            truth = {pid for pid, ph in by_id.items() if is_it(ph)}
            zero_shot[prompt] = precision_recall({a.photo_id for a in store.assignments(tag)}, truth)
        for name, (prompts, is_it) in LINES.items():
            tag = store.add(name.replace("/", "or"), prompts)
            truth = {pid for pid, ph in by_id.items() if is_it(ph)}
            zero_shot[name] = precision_recall({a.photo_id for a in store.assignments(tag)}, truth)
        taught = {}
        for name, (prompts, is_it) in TAUGHT.items():
            tag = store.add(name, prompts)
            truth = {pid for pid, ph in by_id.items() if is_it(ph)}
            before = {a.photo_id for a in store.assignments(tag)}
            yes, no = teach(store, tag, is_it, by_id)
            decided = yes | no
            after = {a.photo_id for a in store.assignments(tag)}
            held_out = truth - decided
            taught[name] = (precision_recall(before - decided, held_out)[2],
                            precision_recall(after - decided, held_out)[2])
    return zero_shot, taught


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--photos", type=int, default=180)
    ap.add_argument("--model", default=toyworld.TINY_CLIP_SPEC)
    args = ap.parse_args()
    zs: dict[str, list] = {}
    tt: dict[str, list] = {}
    for i in range(args.seeds):
        seed = 5_550_000 + i
        with tempfile.TemporaryDirectory() as tmp:
            zero_shot, taught = run(seed, args.photos, args.model, Path(tmp))
        for k, v in zero_shot.items():
            zs.setdefault(k, []).append(v)
        for k, v in taught.items():
            tt.setdefault(k, []).append(v)
        print(f"seed {seed}: " + ", ".join(f"{k} P {p:.2f} R {r:.2f}" for k, (p, r, _) in zero_shot.items()),
              flush=True)
    print(f"\nprompts alone (lines: any of them), default sensitivity ({args.seeds} corpora x {args.photos} photos): "
          "precision / recall, mean [min]")
    for k, v in zs.items():
        a = np.array(v)
        print(f"  {k:46s} P {a[:, 0].mean():.3f} [{a[:, 0].min():.3f}]  R {a[:, 1].mean():.3f} [{a[:, 1].min():.3f}]")
    print("teach by example (5 confirmed + 5 rejected), F1 on the undecided photos: before -> after, mean [min]")
    for k, v in tt.items():
        a = np.array(v)
        print(f"  {k:46s} {a[:, 0].mean():.3f} [{a[:, 0].min():.3f}] -> {a[:, 1].mean():.3f} [{a[:, 1].min():.3f}]")


if __name__ == "__main__":
    main()
