"""The first search after the app starts answers as soon as the model is ready: everything a
search needs whatever its words is done while the model loads, not after."""
from __future__ import annotations

import threading

from PySide6.QtCore import QThread

import toyworld
from photoclip.core import search as search_module
from photoclip.core.index import VectorIndex
from photoclip.core.indexer import Indexer
from photoclip.core.library import Library
from photoclip.core.models import Embedder
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
