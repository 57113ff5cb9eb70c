"""Search knows where relevance ends: each hit is judged relevant or not, per query, on the real
tiny CLIP and freshly rendered toy photos (seeds of this file's own, the spec's variations)."""
from __future__ import annotations

import pytest
from test_tags_quality import precision_recall, write_varied_corpus

from photoclip.core.indexer import Indexer
from photoclip.core.library import Library
from photoclip.core.search import Query, search

SEED = 7_130_013
MISSING = ("yellow", "triangle")  # a colour x shape this corpus lacks


@pytest.fixture(scope="module")
def toy(tmp_path_factory, tiny_model):
    root = tmp_path_factory.mktemp("relevance")
    photos = write_varied_corpus(root / "photos", 170, SEED)
    for path, ph in list(photos.items()):
        if (ph.color, ph.shape) == MISSING:
            path.unlink()
            del photos[path]
    library = Library(root / "lib", model=tiny_model, device="cpu", writer=True)
    library.add_folder(root / "photos")
    Indexer(library, workers=2).run()
    by_id = {library.catalog.photo_by_path(str(p.resolve())).id: ph for p, ph in photos.items()}
    paths = {library.catalog.photo_by_path(str(p.resolve())).id: str(p.resolve()) for p in photos}
    yield library, by_id, paths
    library.close()


def relevant(library, query) -> set[int]:
    return {h.photo_id for h in search(library, query, limit=None, weaker=False)}


def truth(photos, is_it) -> set[int]:
    return {pid for pid, ph in photos.items() if is_it(ph)}


def test_the_relevant_hits_of_a_red_circle_are_the_red_circles(toy):
    library, photos, _ = toy
    wanted = truth(photos, lambda ph: (ph.color, ph.shape) == ("red", "circle"))
    p, r, _ = precision_recall(relevant(library, "a red circle"), wanted)
    assert len(wanted) >= 8 and p >= 0.9 and r >= 0.8, f"precision {p:.3f}, recall {r:.3f}"


@pytest.mark.parametrize("query", ["a yellow triangle", "a photo of a yellow triangle",
                                   "a yellow triangle on a gray background"])
def test_a_query_for_what_the_library_lacks_finds_at_most_three(toy, query):
    library, photos, _ = toy
    assert not truth(photos, lambda ph: (ph.color, ph.shape) == MISSING)
    hits = search(library, query, limit=20)
    assert sum(h.relevant for h in hits) <= 3 and hits.relevant <= 3
    assert len(hits) == 20 and hits.weaker >= len(photos) - 3, "the weaker ones are still there, ranked"


def test_hits_come_relevant_first_and_the_counts_cover_the_library(toy):
    library, photos, _ = toy
    hits = search(library, "something blue", limit=None)
    flags = [h.relevant for h in hits]
    assert flags == sorted(flags, reverse=True), "relevant hits first"
    assert hits.relevant + hits.weaker == len(hits) == len(photos)
    top = search(library, "something blue", limit=5)
    assert (top.relevant, top.weaker) == (hits.relevant, hits.weaker) and len(top) == 5
    scores = [h.score for h in hits if h.relevant]
    assert scores == sorted(scores, reverse=True), "best first within the relevant ones"
    assert all(0.0 <= h.relevance <= 1.0 for h in hits)


def test_minus_terms_take_away_what_they_name(toy):
    library, photos, _ = toy
    wanted = truth(photos, lambda ph: ph.color == "red" and ph.shape != "circle")
    p, r, _ = precision_recall(relevant(library, "something red -a circle"), wanted)
    assert p >= 0.9 and r >= 0.9, f"precision {p:.3f}, recall {r:.3f}"
    wanted = truth(photos, lambda ph: ph.bg != "white")
    p, r, _ = precision_recall(relevant(library, '-"on a white background"'), wanted)
    assert p >= 0.9 and r >= 0.9, f"only a minus term: precision {p:.3f}, recall {r:.3f}"


def test_more_like_this_finds_the_examples_kind_and_nothing_unlike_it(toy):
    library, photos, paths = toy
    example = next(pid for pid, ph in photos.items() if (ph.color, ph.shape) == ("blue", "square"))
    kind = photos[example]
    found = relevant(library, Query(images=[paths[example]]))
    assert example not in found, "the example itself is left out"
    same = truth(photos, lambda ph: (ph.color, ph.shape, ph.bg) == (kind.color, kind.shape, kind.bg)) - {example}
    assert len(found & same) >= 0.9 * len(same)
    unlike = truth(photos, lambda ph: ph.color != kind.color and ph.shape != kind.shape)
    assert not found & unlike


def test_a_photo_and_words_together_must_both_hold(toy):
    library, photos, paths = toy
    example = next(pid for pid, ph in photos.items() if (ph.color, ph.shape) == ("red", "circle"))
    query = Query(positives=["on a black background"], images=[paths[example]])
    found = relevant(library, query)
    assert found and all(photos[pid].bg == "black" for pid in found)
    wanted = truth(photos, lambda ph: (ph.color, ph.shape, ph.bg) == ("red", "circle", "black")) - {example}
    assert len(found & wanted) >= 0.8 * len(wanted)


def test_preparing_searches_ahead_works_on_an_empty_library_too(tmp_path, tiny_model):
    from photoclip.core.search import prepare

    with Library(tmp_path / "lib", model=tiny_model, device="cpu", writer=True, create=True) as library:
        prepare(library)  # the app does this once the model is loaded, before any photo is in
        assert search(library, "a red circle") == []
