"""Auto-tags on the real tiny CLIP: zero-shot quality, and teaching a tag by example.

The photos are rendered by the toy world's reference renderer from seeds nobody trained on,
with the spec's variations (noise, blur, brightness, crop, downscale), in all three formats.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

import toyworld
from photoclip.core import tags as T
from photoclip.core.indexer import Indexer
from photoclip.core.library import Library

CORPUS_SEED = 8_675_309
CORPUS_SIZE = 180


def write_varied_corpus(root: Path, n: int, seed: int, max_side: int = 640) -> dict[Path, toyworld.Photo]:
    """n toy photos, each with a random subset of the spec's variations; path -> labels."""
    rng = random.Random(seed)
    out = {}
    for i in range(n):
        photo = toyworld.random_photo(rng, width=rng.randint(160, max_side), height=rng.randint(160, max_side))
        img = toyworld.render(photo, supersample=rng.choice((1, 2)))
        img, photo.variations = toyworld.perturb(img, rng)
        folder = rng.choice(("", "2024/Sommer Urlaub", "фото"))
        path = toyworld.write_image(img, root / folder / f"v{seed}_{i:04d}{rng.choice(('.jpg', '.png', '.webp'))}", rng)
        out[path] = photo
    return out


def precision_recall(predicted: set, truth: set) -> tuple[float, float, float]:
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@pytest.fixture(scope="module")
def toy_library(tmp_path_factory, tiny_model):
    """One indexed library of the varied corpus, shared by this module's tests (each uses its own tags)."""
    root = tmp_path_factory.mktemp("quality")
    photos = write_varied_corpus(root / "photos", CORPUS_SIZE, CORPUS_SEED)
    library = Library(root / "lib", model=tiny_model, device="cpu", writer=True)
    library.add_folder(root / "photos")
    Indexer(library, workers=2).run()
    ids = {library.catalog.photo_by_path(str(p.resolve())).id: ph for p, ph in photos.items()}
    assert len(ids) == CORPUS_SIZE
    yield library, ids
    library.close()


@pytest.mark.parametrize("prompt, is_it", [
    ("a triangle", lambda ph: ph.shape == "triangle"),
    ("something red", lambda ph: ph.color == "red"),
    ("on a black background", lambda ph: ph.bg == "black"),
    ("a blue circle", lambda ph: ph.color == "blue" and ph.shape == "circle"),
])
def test_a_prompt_alone_tags_well_at_the_default_sensitivity(toy_library, prompt, is_it):
    library, photos = toy_library
    store = T.TagStore(library)
    tag = store.add(prompt)  # nothing but the prompt: default sensitivity, no negatives
    predicted = {a.photo_id for a in store.assignments(tag)}
    truth = {pid for pid, ph in photos.items() if is_it(ph)}
    p, r, _ = precision_recall(predicted, truth)
    assert p >= 0.9 and r >= 0.9, f"{prompt!r}: precision {p:.3f}, recall {r:.3f}"


def teach(store: T.TagStore, tag: T.Tag, is_it, photos, confirmations: int = 5, rejections: int = 5):
    """What a user does: ask PhotoClip which photos to review, and answer each (a click in the
    app) until they have confirmed and rejected this many; photos past that are skipped."""
    yes, no, skipped = [], [], []
    while len(yes) < confirmations or len(no) < rejections:
        batch = store.suggest(tag, 6, exclude=skipped)
        if not batch:
            break
        for pid in batch:
            if is_it(photos[pid]) and len(yes) < confirmations:
                store.confirm(tag, [pid])
                yes.append(pid)
            elif not is_it(photos[pid]) and len(no) < rejections:
                store.reject(tag, [pid])
                no.append(pid)
            else:
                skipped.append(pid)
    return set(yes), set(no)


def test_teaching_by_example_fixes_a_tag_the_prompt_gets_wrong(toy_library):
    library, photos = toy_library
    store = T.TagStore(library)

    def is_it(ph):  # what the user means; their prompt only says "a square"
        return ph.shape == "square" and ph.color in ("yellow", "green")

    tag = store.add("sunny squares", ["a square"])
    truth = {pid for pid, ph in photos.items() if is_it(ph)}
    before = {a.photo_id for a in store.assignments(tag)}
    yes, no = teach(store, tag, is_it, photos)
    taught = yes | no
    assert (len(yes), len(no), store.scorer(tag).examples) == (5, 5, 10)
    after = {a.photo_id for a in store.assignments(tag)} - taught
    held_out = truth - taught
    _, _, f1_before = precision_recall(before - taught, held_out)
    p, r, f1_after = precision_recall(after, held_out)
    print(f"teach by example: F1 {f1_before:.3f} -> {f1_after:.3f} (precision {p:.3f}, recall {r:.3f})")
    assert f1_before < 0.75
    assert f1_after >= f1_before + 0.2, f"F1 {f1_before:.3f} -> {f1_after:.3f}"


def test_examples_that_agree_with_the_prompt_keep_a_good_tag_good(toy_library):
    library, photos = toy_library
    store = T.TagStore(library)

    def is_it(ph):
        return ph.shape == "triangle"

    tag = store.add("triangles", ["a triangle"])
    truth = {pid for pid, ph in photos.items() if is_it(ph)}
    yes, _ = teach(store, tag, is_it, photos)  # every suggestion is right: nothing to reject
    # ... so the user rejects the closest photos the tag left out, from the app's near misses
    scores = store.score_all([tag])[tag.id]
    ranked = [int(scores.ids[i]) for i in scores.probs.argsort()[::-1] if scores.ids[i] >= 0]
    near_misses = [pid for pid in ranked if pid not in truth][:5]
    store.reject(tag, near_misses)
    assert store.scorer(tag).examples == 10
    taught = yes | set(near_misses)
    p, r, f1 = precision_recall({a.photo_id for a in store.assignments(tag)} - taught, truth - taught)
    assert p >= 0.9 and r >= 0.9, f"precision {p:.3f}, recall {r:.3f}"
