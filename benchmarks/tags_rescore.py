"""How long re-scoring a library against its tags takes: 100,000 photos x 50 tags by default.

    .venv/bin/python benchmarks/tags_rescore.py [--photos 100000] [--tags 50] [--dim 512]

Random unit vectors stand in for photo and prompt embeddings (the cost does not depend on what
they hold); each tag has one negative prompt besides the shared neutral prompts, and half the
tags have been taught by example (a probe direction), as in a used library. It times the
production scoring function (photoclip.core.tags.score_vectors), the preview a sensitivity
slider needs (count at a new threshold from cached scores), and teaching one tag.
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from photoclip.core.tags import NEUTRAL_PROMPTS, TagScorer, fit_probe, score_vectors, threshold


def unit(rng, *shape):
    v = rng.standard_normal(shape).astype(np.float32)
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def best_of(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), float(np.median(times)), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--photos", type=int, default=100_000)
    ap.add_argument("--tags", type=int, default=50)
    ap.add_argument("--dim", type=int, default=512, help="embedding size (ViT-B-32: 512)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    rng = np.random.default_rng(0)
    photos = unit(rng, args.photos, args.dim)
    neutral = unit(rng, len(NEUTRAL_PROMPTS), args.dim)
    models = []
    for i in range(args.tags):
        m = TagScorer(unit(rng, args.dim), unit(rng, 1, args.dim), neutral)
        if i % 2:
            m.alpha, m.bias, m.direction = 0.8, -0.5, 30 * unit(rng, args.dim)
        models.append(m)

    best, median, probs = best_of(lambda: score_vectors(photos, models), args.repeat)
    print(f"re-score {args.photos:,} photos x {args.tags} tags (dim {args.dim}): "
          f"best {best * 1000:.0f} ms, median {median * 1000:.0f} ms")
    best, median, _ = best_of(lambda: score_vectors(photos, models[:1]), args.repeat)
    print(f"re-score one edited tag: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms")
    best, median, _ = best_of(lambda: int(np.count_nonzero(probs[0] >= threshold(0.7))), args.repeat)
    print(f"preview count at another sensitivity: best {best * 1000:.2f} ms")

    ex = unit(rng, 40, args.dim)
    labels = np.arange(40) % 2 == 0
    z0 = models[0].logits(ex)
    best, median, _ = best_of(lambda: fit_probe(z0, ex, labels), args.repeat)
    print(f"teach one tag from 40 examples: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms")


if __name__ == "__main__":
    main()
