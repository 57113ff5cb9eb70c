"""`photoclip` with no command: the PhotoClip window.

The window appears before anything slow happens: the library opens, the model loads and the
folders are rescanned in the background, and each view shows its state until its data comes.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .. import __version__
from . import systemlibs
from .firstrun import ask_search_languages
from .i18n import install_language
from .jobs import settle_heap
from .mainwindow import MainWindow
from .resources import app_icon, stylesheet
from .session import MODEL_READY
from .settings import apply_precision, resolve, saved_language

log = logging.getLogger(__name__)

APP_ID = "io.github.photoclip.PhotoClip"  # freedesktop id: .desktop, metainfo and icon names


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("PhotoClip")
    app.setOrganizationName("PhotoClip")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # the .desktop file: the window gets the menu entry's name and icon
    app.setWindowIcon(app_icon())
    install_language(saved_language())
    app.setStyleSheet(stylesheet())
    return app


def main(args) -> int:
    started = time.perf_counter()
    if systemlibs.would_use_xcb():  # Qt would abort with pages of diagnostics: say it in one line
        missing = systemlibs.missing_libraries()
        if missing:
            print(f"photoclip: {systemlibs.explain(missing)}", file=sys.stderr)
            return 1
    app = make_app()
    apply_precision()
    choice = resolve(args)
    if getattr(args, "create", False):  # asked for: a library folder that is not there yet is made
        Path(choice.library).expanduser().mkdir(parents=True, exist_ok=True)
    window = MainWindow(choice)
    window.show()
    ask_search_languages(window)  # the first start only
    settle_heap()  # Qt and PySide's objects: see settle_heap
    timing = os.environ.get("PHOTOCLIP_STARTUP_TIMING")
    if timing:  # for benchmarks and the screenshot script; "exit" closes after the first listing,
        # "search:WORDS|MORE WORDS" searches for each in turn once listed and closes after the last
        _report_startup(window, started, quit_after=timing == "exit",
                        searches=timing[len("search:"):].split("|") if timing.startswith("search:") else ())
    # Ctrl-C in the terminal closes the window properly (Python sees signals only while it runs).
    signal.signal(signal.SIGINT, lambda *_: window.close())
    signal.signal(signal.SIGTERM, lambda *_: window.close())
    wake = QTimer(interval=250)
    wake.timeout.connect(lambda: None)
    wake.start()
    return app.exec()


def _report_startup(window: MainWindow, started: float, quit_after: bool, searches=()) -> None:
    """Print when the window was shown (once the event loop runs) and when the grid first filled;
    with `searches`, when the model was ready, then for each search, typed once the one before was
    done: when it answered (the first: counted from the model's ready), when its photos past the
    first page were listed too, and the longest the event loop stalled meanwhile."""
    ready: list[float] = []
    todo = list(searches)
    typed: list[float] = []  # when the search in progress was typed
    beat = QTimer(interval=10)  # a heartbeat: its longest gap is the longest freeze
    last, stall = [0.0], [0.0]

    def tick() -> None:
        now = time.perf_counter()
        stall[0], last[0] = max(stall[0], now - last[0]), now

    beat.timeout.connect(tick)

    def say(what: str) -> float:
        at = _since_process_start(started)
        print(f"photoclip: {what} {at:.2f} s after the process started", file=sys.stderr, flush=True)
        return at

    QTimer.singleShot(0, lambda: say("window shown"))
    page, session = window.photos, window.session

    def model_state() -> None:
        if session.model_state == MODEL_READY and not ready:
            ready.append(say("model ready"))
            last[0], stall[0] = time.perf_counter(), 0.0  # a first search's wait counts from here

    def listed() -> None:
        page.searchFinished.disconnect(listed)
        say(f"grid listed {page.model.rowCount():,} photos")
        if todo:
            page.searchFinished.connect(answered)
            next_search()
        elif quit_after:
            window.close()

    def next_search() -> None:
        if not todo:
            page.searchFinished.disconnect(answered)
            window.close()
            return
        typed[:] = [_since_process_start(started)]
        last[0], stall[0] = time.perf_counter(), 0.0
        beat.start()
        page.search.setText(todo[0])
        page.refresh()

    def answered() -> None:
        if page.last_result is None or page.last_result.query.text != todo[0]:
            return
        at = say(f"search {todo[0]!r} answered ({page.last_result.photos.count:,} photos, "
                 f"{page.model.rowCount():,} listed at once)")
        since, what = (ready[0], "the model was ready") if len(todo) == len(searches) and ready \
            else (typed[0], "it was typed")
        print(f"photoclip: search {todo[0]!r} answered {at - since:.2f} s after {what}", file=sys.stderr, flush=True)
        if page.model.rowCount() < page.last_result.photos.count:
            page.restListed.connect(whole)
        else:
            done()

    def whole() -> None:
        page.restListed.disconnect(whole)
        say(f"the rest listed ({page.model.rowCount():,} photos)")
        done()

    def done() -> None:
        beat.stop()
        print(f"photoclip: search {todo.pop(0)!r}: the event loop stalled at most {stall[0] * 1000:.0f} ms "
              f"from typing (or the model's ready, if later) to the whole list", file=sys.stderr, flush=True)
        QTimer.singleShot(200, next_search)

    session.modelStateChanged.connect(model_state)
    page.searchFinished.connect(listed)


def _since_process_start(fallback_start: float) -> float:
    """Seconds since this process began (Linux: from /proc), else since `fallback_start`."""
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - fallback_start
