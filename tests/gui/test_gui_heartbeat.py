"""Never frozen: the slow work (reading photos, the model, searching, scoring tags) never runs on
the GUI thread, and the event loop keeps turning while the app indexes, searches and re-scores tags.

How long the event loop may stall is a figure, not a test: `benchmarks/gui_heartbeat.py` runs
`benchmark_event_loop_gaps` below (pytest does not collect it) and prints the slowest gaps of a
10 ms heartbeat timer.
"""
from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import Qt, QTimer

import toyworld
from guitools import wait_indexed

# Functions of PhotoClip that take long enough to freeze a window, by name (plan_change: how a grid
# of 100,000 photos changes, a tenth of a second).
SLOW = frozenset({"encode_images", "encode_texts", "decode", "search", "rank", "ranked_photos", "score_vectors",
                  "plan_change"})


class SlowCalls:
    """Which of the SLOW functions ran on the GUI thread (a profiler on that thread only)."""

    def __init__(self):
        self.on_gui: set[str] = set()
        self.gui_calls = 0  # calls into photoclip.gui seen: the profiler is live

    def _profile(self, frame, event, arg):
        if event != "call":
            return
        module = frame.f_globals.get("__name__", "")
        if module.startswith("photoclip.gui"):
            self.gui_calls += 1
        if frame.f_code.co_name in SLOW and module.startswith("photoclip."):
            self.on_gui.add(frame.f_code.co_name)

    def __enter__(self):
        sys.setprofile(self._profile)
        return self

    def __exit__(self, *exc):
        sys.setprofile(None)


class Heartbeat:
    """A 10 ms timer on the GUI thread; the gaps between its ticks are the event loop's stalls."""

    def __init__(self):
        self.gaps: list[float] = []
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0

    def __enter__(self):
        self.last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.stop()

    def _tick(self):
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now


def run_the_steps(qtbot, make_window, tmp_path, photos: int):
    """Index a folder, then add a bigger one and, while it is indexed, search as you type and
    make a tag and move its slider. Returns the indexing states seen as each search came back."""
    toyworld.write_corpus(tmp_path / "first", 12, seed=901)
    window = make_window()
    window.add_folder(str(tmp_path / "first"))
    wait_indexed(qtbot, window, 12)  # the models are loaded; what follows is the steady state
    second = toyworld.write_corpus(tmp_path / "second", photos, seed=902, max_side=400)
    window.add_folder(str(tmp_path / "second"))
    qtbot.waitUntil(lambda: window.session.indexing.last.state == "indexing", timeout=60_000)
    page = window.photos
    states = []  # what the writer was doing as each search came back
    for query in ("a red circle", "a blue square -white", "on a black background"):
        page.search.clear()
        with qtbot.waitSignal(page.searchFinished, timeout=60_000):
            qtbot.keyClicks(page.search, query)
        states.append(window.session.indexing.last.state)
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
    return states


def test_slow_work_stays_off_the_gui_thread_while_indexing_searching_and_tagging(qtbot, make_window, tmp_path):
    with SlowCalls() as calls:
        states = run_the_steps(qtbot, make_window, tmp_path, 200)
    assert states[0] == "indexing", "the first search should have run while the new folder was indexed"
    assert calls.gui_calls > 1000
    assert not calls.on_gui, f"slow work on the GUI thread: {sorted(calls.on_gui)}"


def benchmark_event_loop_gaps(qtbot, make_window, tmp_path):
    """Not a test (benchmarks/gui_heartbeat.py runs it): the slowest stalls of the event loop."""
    photos = int(os.environ.get("PHOTOCLIP_HEARTBEAT_PHOTOS", 600))
    with Heartbeat() as heart:
        run_the_steps(qtbot, make_window, tmp_path, photos)
    print(f"heartbeat: {len(heart.gaps)} ticks over {photos} photos, slowest gaps (ms):",
          " ".join(f"{g * 1000:.0f}" for g in sorted(heart.gaps)[-5:]))
