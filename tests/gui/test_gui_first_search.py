"""The first search after the app starts answers as soon as the model is ready: everything a
search needs whatever its words is done while the model loads, not after."""
from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import Qt, QThread

import toyworld
from photoclip.core import search as search_module
from photoclip.core.index import VectorIndex
from photoclip.core.indexer import Indexer
from photoclip.core.library import Library
from photoclip.core.models import Embedder
from photoclip.core.store import NewPhoto
from photoclip.gui import photogrid, queries
from photoclip.gui.session import MODEL_READY


def test_a_search_typed_while_the_model_loads_needs_only_its_own_words_once_ready(
        qtbot, make_window, tmp_path, gui_model, monkeypatch):
    toyworld.write_corpus(tmp_path / "photos", 16, seed=611, max_side=240)
    with Library(tmp_path / "library", model=gui_model, device="cpu", writer=True, create=True) as library:
        library.add_folder(tmp_path / "photos")
        Indexer(library, workers=2).run()

    events = []  # on the model thread, where searches run, and in the window
    gate = threading.Event()  # the model loads only once the user has typed
    load, open_index, neutral = Embedder.load, VectorIndex.open, search_module.neutral_logsumexp

    def gated_load(self, *args, **kwargs):
        assert gate.wait(120), "the test never let the model load"
        return load(self, *args, **kwargs)

    def recorded(name, real):
        def call(*args, **kwargs):
            if QThread.currentThread().objectName() == "photoclip-model":  # not the indexer's
                events.append(name)
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(Embedder, "load", gated_load)
    monkeypatch.setattr(VectorIndex, "open", recorded("index opened", open_index))
    monkeypatch.setattr(search_module, "neutral_logsumexp", recorded("every photo against the neutral prompts",
                                                                      neutral))
    window = make_window(tmp_path / "library")
    page = window.photos
    qtbot.waitUntil(lambda: page.model.rowCount() == 16, timeout=60_000)  # listed without the model
    window.session.modelStateChanged.connect(
        lambda: events.append("model ready") if window.session.model_state == MODEL_READY else None)
    page.searchFinished.connect(
        lambda: events.append("search answered") if page.last_result.query.text == "a red circle" else None)

    page.search.setText("a red circle")
    page.refresh()
    assert window.session.model_state != MODEL_READY
    gate.set()
    qtbot.waitUntil(lambda: "search answered" in events, timeout=120_000)

    ready = events.index("model ready")
    assert events.index("search answered") > ready
    assert "index opened" in events[:ready] and "every photo against the neutral prompts" in events[:ready]
    assert "index opened" not in events[ready:] and "every photo against the neutral prompts" not in events[ready:], \
        f"the first search did set-up work after the model was ready: {events}"


def random_library(root, model: str, n: int) -> None:
    """A catalog of `n` photos with random unit vectors, as indexing leaves it (no files: the grid
    shows unreadable cells; no folder, so nothing is rescanned away)."""
    rng = np.random.default_rng(7)
    dim = Embedder(model).dim
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    photos = [NewPhoto(f"{root}/gone/IMG_{i:04d}.jpg", 1000 + i, 1_700_000_000_000_000_000 + i * 10**9,
                       f"{i:032x}", 640, 480, None, None) for i in range(n)]
    with Library(root, model=model, device="cpu", writer=True, create=True) as library:
        library.catalog.add_photos(photos, library.model, {p.fingerprint: v for p, v in zip(photos, vectors)})
        library.sync_index(save=True)


def test_a_long_search_lists_its_first_page_at_once_and_makes_only_the_photos_the_view_shows(
        qtbot, make_window, tmp_path, gui_model, monkeypatch):
    """At 100,000 photos a PhotoItem for every photo took seconds: the first page comes at once
    with the right counts, the rest come in below it, and a photo's item is made when a view asks."""
    n, first_page = 400, 100
    random_library(tmp_path / "library", gui_model, n)
    with Library(tmp_path / "library", model=gui_model, device="cpu") as library:
        expected = search_module.rank(library, "a red circle")
    assert 0 < expected.relevant < n  # the summary has both counts to say

    made = []

    class CountedItem(photogrid.PhotoItem):
        __slots__ = ()

        def __init__(self, *args, **kwargs):
            made.append(args[0] if args else kwargs["photo_id"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(queries, "FIRST_PAGE", first_page)
    window = make_window(tmp_path / "library")
    page = window.photos
    qtbot.waitUntil(lambda: page.model.rowCount() == n, timeout=60_000)  # the listing, without the model
    qtbot.waitUntil(lambda: window.session.model_state == MODEL_READY, timeout=120_000)
    monkeypatch.setattr(photogrid, "PhotoItem", CountedItem)

    answered = []  # what the grid held when the search answered (before the event loop turns again)

    def on_answer():
        if page.last_result.query.text == "a red circle" and not answered:
            page.grid.setCurrentIndex(page.model.index(3))  # the user picks a photo at once
            page.grid.doItemsLayout()
            page.grid.viewport().repaint()  # the first page as the user sees it
            answered.append((page.model.rowCount(), page.last_result.photos.count, page.summary.text(), len(made)))

    page.searchFinished.connect(on_answer)
    with qtbot.waitSignal(page.restListed, timeout=120_000):
        page.search.setText("a red circle")
        page.refresh()
    rows, count, summary, painted = answered[0]
    assert (rows, count) == (first_page, n) and painted > 0
    assert f"{expected.relevant} good matches" in summary and f"{n - expected.relevant} weaker" in summary

    model, grid = page.model, page.grid
    assert model.rowCount() == n
    assert grid.currentIndex().row() == 3 and grid.selectionModel().isSelected(model.index(3))
    assert grid.current_item().photo_id == int(expected.ids[3])
    grid.viewport().repaint()  # whatever was painted of the first page: its items serve the whole list
    shown = [r for r in range(n) if grid.visualRect(model.index(r)).intersects(grid.viewport().rect())]
    assert len(shown) < first_page
    assert 0 < len(made) <= len(shown), f"{len(made)} photo items made for {len(shown)} photos in view"

    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_End)  # the keyboard reaches the last photo of the whole ranking
    assert grid.current_item().photo_id == int(expected.ids[-1])
    assert [model.item(r).photo_id for r in range(n)] == expected.ids.tolist()
    assert [round(model.item(r).relevance, 6) for r in range(n)] == [round(float(v), 6) for v in expected.relevance]
