"""Fixtures for the app's tests: a real main window on a temporary library, and leak checks.

Every window runs the real session (worker, job threads, thumbnail threads) on the tiny CLIP;
teardown closes it and fails the test if a thread or an active timer outlives it.
"""
from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest


@pytest.fixture
def gui_model(tiny_model) -> str:
    return tiny_model


@pytest.fixture
def make_window(qtbot, tmp_path, gui_model):
    """make_window(library=None) -> a shown MainWindow on a fresh (or given) library."""
    from photoclip.gui.app import make_app
    from photoclip.gui.mainwindow import MainWindow
    from photoclip.gui.settings import Choice

    make_app()
    windows = []

    def make(library: Path | None = None) -> MainWindow:
        library = library or tmp_path / "library"
        library.mkdir(parents=True, exist_ok=True)  # as a folder chosen in Settings is: only the default is made
        window = MainWindow(Choice(str(library), gui_model, "cpu"))
        qtbot.addWidget(window)
        window.resize(1100, 760)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()  # stops and waits for every thread of its session


@pytest.fixture(autouse=True)
def _no_leaks(qapp):
    """Fail a test that leaves a PhotoClip thread running or a timer ticking (as napari does)."""
    from PySide6.QtCore import QThread, QTimer

    before = {t.ident for t in threading.enumerate()}
    yield
    qapp.processEvents()
    gc.collect()
    leaked = [t.name for t in threading.enumerate()
              if t.ident not in before and t.is_alive() and not isinstance(t, threading._DummyThread)]
    assert not leaked, f"threads left running: {leaked}"
    running = [o for o in gc.get_objects() if isinstance(o, QThread) and _alive(o) and o.isRunning()]
    assert not running, f"QThreads left running: {[t.objectName() for t in running]}"
    ticking = [o for o in gc.get_objects() if isinstance(o, QTimer) and _alive(o) and o.isActive()]
    assert not ticking, f"timers left active: {[(t.objectName(), t.interval()) for t in ticking]}"


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
