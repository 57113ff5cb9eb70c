"""Tags described by several lines (any of them), decisions that carry over to look-alike photos,
and why a photo carries a tag, on the real tiny CLIP and freshly rendered toy photos."""
from __future__ import annotations

import random

import numpy as np
import pytest
from test_tags_quality import precision_recall, write_varied_corpus

import toyworld
from photoclip.core import tags as T
from photoclip.core.indexer import Indexer
from photoclip.core.library import Library

SEED = 1_313_013


@pytest.fixture(scope="module")
def toy(tmp_path_factory, tiny_model):
    """A varied corpus plus a burst: five near-identical shots of one red circle (the spec's
    variations of one rendering), indexed into one library."""
    root = tmp_path_factory.mktemp("anyline")
    photos = write_varied_corpus(root / "photos", 160, SEED)
    rng = random.Random(SEED)
    shot = toyworld.random_photo(rng, width=480, height=360, color="red", shape="circle", bg="white")
    base = toyworld.render(shot)
    burst = []
    for i in range(5):
        img, _ = toyworld.perturb(base, rng, ["noise", "brightness", "crop"])
        burst.append(toyworld.write_image(img, root / "photos" / "burst" / f"IMG_{i:04d}.jpg", rng))
        photos[burst[-1]] = shot
    library = Library(root / "lib", model=tiny_model, device="cpu", writer=True)
    library.add_folder(root / "photos")
    Indexer(library, workers=2).run()
    by_id = {library.catalog.photo_by_path(str(p.resolve())).id: ph for p, ph in photos.items()}
    burst_ids = [library.catalog.photo_by_path(str(p.resolve())).id for p in burst]
    yield library, by_id, burst_ids
    library.close()


def carried(store, tag) -> set[int]:
    return {a.photo_id for a in store.assignments(tag)}


def truth(photos, is_it) -> set[int]:
    return {pid for pid, ph in photos.items() if is_it(ph)}


def test_a_two_line_tag_tags_either_line(toy):
    library, photos, _ = toy
    store = T.TagStore(library)
    tag = store.add("circles and squares", ["a red circle", "a blue square"])
    wanted = truth(photos, lambda ph: (ph.color, ph.shape) in (("red", "circle"), ("blue", "square")))
    p, r, _ = precision_recall(carried(store, tag), wanted)
    assert len(wanted) >= 20 and p >= 0.9 and r >= 0.9, f"precision {p:.3f}, recall {r:.3f}"


def test_three_red_lines_tag_the_red_photos(toy):
    library, photos, _ = toy
    store = T.TagStore(library)
    tag = store.add("red things", ["a red circle", "a red square", "a red triangle"])
    p, r, _ = precision_recall(carried(store, tag), truth(photos, lambda ph: ph.color == "red"))
    assert p >= 0.9 and r >= 0.9, f"precision {p:.3f}, recall {r:.3f}"


def test_negatives_still_push_a_multi_line_tag_away(toy):
    library, photos, _ = toy
    store = T.TagStore(library)
    tag = store.add("not on black", ["a red circle", "a blue square"], negatives=["on a black background"])
    wanted = truth(photos, lambda ph: (ph.color, ph.shape) in (("red", "circle"), ("blue", "square"))
                   and ph.bg != "black")
    p, r, _ = precision_recall(carried(store, tag), wanted)
    assert p >= 0.9 and r >= 0.9, f"precision {p:.3f}, recall {r:.3f}"


def alike_burst(photos, burst) -> set[int]:
    """Photos of the burst's kind (red circle on white): to the tiny CLIP, which knows only colour,
    shape and background, they look as alike as shots of one burst, so decisions carry to them."""
    kind = photos[burst[0]]
    return {pid for pid, ph in photos.items() if (ph.color, ph.shape, ph.bg) == (kind.color, kind.shape, kind.bg)}


def test_look_alike_is_a_burst_not_a_photo_that_differs(toy):
    """What LOOKALIKE_COSINE stands on: shots of one burst sit well above it, photos that differ
    in colour, shape or background well below."""
    library, photos, burst = toy
    ids, vectors = library.index.vectors_of(photos)
    vec = dict(zip(ids.tolist(), vectors))
    within = min(float(vec[a] @ vec[b]) for a in burst for b in burst if a < b)
    across = max(float(vec[a] @ vec[b]) for a in burst for b in set(photos) - alike_burst(photos, burst))
    assert within > T.LOOKALIKE_COSINE + 0.02 and across < T.LOOKALIKE_COSINE - 0.05, (within, across)


def test_rejecting_four_shots_of_a_burst_takes_the_tag_off_the_fifth(toy):
    library, photos, burst = toy
    store = T.TagStore(library)
    tag = store.add("red", ["something red"])
    before = carried(store, tag)
    assert set(burst) <= before
    store.reject(tag, burst[:4])  # four rejections, no confirmation: the probe cannot learn yet
    assert store.scorer(tag).examples == 0
    after = carried(store, tag)
    assert burst[4] not in after, "the fifth shot looks like the four rejected ones"
    assert after == before - alike_burst(photos, burst), "red photos that differ keep the tag"
    assert len(after) >= 30
    assert burst[4] not in store.suggest(tag, 50), "nor is it suggested for review"

    is_carried, reasons = store.why(tag, burst[4])
    assert not is_carried and T.Reason("alike_rejected", count=4) in reasons
    assert reasons[0] == T.Reason("line", "something red", "strong"), "the words alone would tag it"
    store.clear(tag, burst[:4])
    assert carried(store, tag) == before, "forgetting the decisions gives the photos back"


def test_confirming_shots_of_a_burst_tags_the_rest(toy):
    library, photos, burst = toy
    store = T.TagStore(library)
    tag = store.add("blue squares", ["a blue square"])
    before = carried(store, tag)
    assert not set(burst) & before
    store.confirm(tag, burst[:2])
    assert carried(store, tag) == before | alike_burst(photos, burst)
    assert store.why(tag, burst[3]) == (True, [T.Reason("no_line", strength="none"),
                                               T.Reason("alike_confirmed", count=2)])


def test_why_names_the_line_that_matches_and_the_not_that_wins(toy):
    library, photos, _ = toy
    store = T.TagStore(library)
    tag = store.add("circles and squares, not on black", ["a red circle", "a blue square"],
                    negatives=["on a black background"])
    tagged = carried(store, tag)
    square = next(pid for pid in tagged if photos[pid].shape == "square")
    is_carried, [reason] = store.why(tag, square)
    assert is_carried and (reason.kind, reason.text) == ("line", "a blue square") and reason.strength in ("good", "strong")
    black = next(pid for pid, ph in photos.items()
                 if (ph.color, ph.shape, ph.bg) == ("red", "circle", "black") and pid not in tagged)
    is_carried, reasons = store.why(tag, black)
    assert not is_carried and [r.kind for r in reasons] == ["no_line", "negative"]
    assert reasons[1].text == "on a black background"
    other = next(pid for pid, ph in photos.items() if (ph.color, ph.shape) == ("green", "triangle"))
    assert store.why(tag, other) == (False, [T.Reason("no_line", strength="none")])
    store.confirm(tag, [other])
    assert store.why(tag, other) == (True, [T.Reason("confirmed")])


def test_a_multi_line_model_scores_each_photo_by_its_best_line():
    rng = np.random.default_rng(0)
    lines = rng.normal(size=(3, 8)).astype(np.float32)
    lines /= np.linalg.norm(lines, axis=1, keepdims=True)
    neutral = np.eye(8, dtype=np.float32)[:1]
    model = T.TagScorer(lines, np.zeros((0, 8), np.float32), neutral)
    photos = rng.normal(size=(20, 8)).astype(np.float32)
    singles = np.stack([T.TagScorer(line, model.negatives, neutral).logits(photos) for line in lines])
    np.testing.assert_allclose(model.logits(photos), singles.max(axis=0), rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(model.line_logits(photos), singles, rtol=1e-5, atol=1e-4)
