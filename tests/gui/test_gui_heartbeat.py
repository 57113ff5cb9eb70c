"""Never frozen: a 10 ms heartbeat timer keeps ticking while the app indexes, searches and re-scores tags."""
from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer

import toyworld
from guitools import wait_indexed

MAX_GAP = 0.100  # seconds: a longer stall of the event loop is a visible freeze


class Heartbeat:
    def __init__(self):
        self.gaps: list[float] = []
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.last = None

    def start(self):
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self):
        self.timer.stop()

    def _tick(self):
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now


def test_the_window_never_stalls_while_indexing_searching_and_tagging(qtbot, make_window, tmp_path):
    toyworld.write_corpus(tmp_path / "first", 12, seed=901)
    window = make_window()
    window.add_folder(str(tmp_path / "first"))
    wait_indexed(qtbot, window, 12)  # the models are loaded; what follows is the steady state

    second = toyworld.write_corpus(tmp_path / "second", 600, seed=902, max_side=400)
    heart = Heartbeat()
    heart.start()
    try:
        window.add_folder(str(tmp_path / "second"))
        qtbot.waitUntil(lambda: window.session.indexing.last.state == "indexing", timeout=60_000)
        # Search as you type while indexing goes on.
        page = window.photos
        states = []  # what the writer was doing as each search came back
        for query in ("a red circle", "a blue square -white", "on a black background"):
            page.search.clear()
            with qtbot.waitSignal(page.searchFinished, timeout=60_000):
                qtbot.keyClicks(page.search, query)
            states.append(window.session.indexing.last.state)
        # Create a tag and re-score it at several sensitivities.
        window.edit_tag("")
        tags = window.tags
        tags.name.setText("Yellow")
        with qtbot.waitSignal(tags.previewShown, timeout=60_000):
            qtbot.mouseClick(tags.apply_button, Qt.MouseButton.LeftButton)
        for value in (20, 80, 35, 65):
            with qtbot.waitSignal(tags.previewShown, timeout=60_000):
                tags.slider.setValue(value)
        window.show_photos(folder=None, tag=None)
        wait_indexed(qtbot, window, 12 + len(second), timeout=300_000)
        qtbot.wait(500)  # the last thumbnails and refreshes land
    finally:
        heart.stop()
    gaps = sorted(heart.gaps)
    assert states[0] == "indexing", "the first search should have run while the new folder was indexed"
    assert len(gaps) > 100
    assert gaps[-1] < MAX_GAP, f"the event loop stalled {gaps[-1] * 1000:.0f} ms (slowest: " \
                               f"{[round(g * 1000) for g in gaps[-5:]]} ms over {len(gaps)} ticks)"
