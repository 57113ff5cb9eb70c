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
        # "search:WORDS" searches for WORDS once listed and closes when the search answered
        _report_startup(window, started, quit_after=timing == "exit",
                        search=timing[len("search:"):] if timing.startswith("search:") else None)
    # Ctrl-C in the terminal closes the window properly (Python sees signals only while it runs).
    signal.signal(signal.SIGINT, lambda *_: window.close())
    signal.signal(signal.SIGTERM, lambda *_: window.close())
    wake = QTimer(interval=250)
    wake.timeout.connect(lambda: None)
    wake.start()
    return app.exec()


def _report_startup(window: MainWindow, started: float, quit_after: bool, search: str | None = None) -> None:
    """Print when the window was shown (once the event loop runs) and when the grid first filled;
    with `search`, when the model was ready, when that search, typed once the grid listed,
    answered, and when its photos past the first page were listed too."""
    ready: list[float] = []

    def say(what: str) -> float:
        at = _since_process_start(started)
        print(f"photoclip: {what} {at:.2f} s after the process started", file=sys.stderr, flush=True)
        return at

    QTimer.singleShot(0, lambda: say("window shown"))
    page, session = window.photos, window.session

    def model_state() -> None:
        if session.model_state == MODEL_READY and not ready:
            ready.append(say("model ready"))

    def listed() -> None:
        page.searchFinished.disconnect(listed)
        say(f"grid listed {page.model.rowCount():,} photos")
        if search:
            page.searchFinished.connect(answered)
            page.search.setText(search)
            page.refresh()
        elif quit_after:
            window.close()

    def answered() -> None:
        if page.last_result is None or page.last_result.query.text != search:
            return
        page.searchFinished.disconnect(answered)
        at = say(f"the first search answered ({page.last_result.photos.count:,} photos, "
                 f"{page.model.rowCount():,} listed at once)")
        if ready:
            print(f"photoclip: first search answered {at - ready[0]:.2f} s after the model was ready",
                  file=sys.stderr, flush=True)
        if page.model.rowCount() < page.last_result.photos.count:
            page.restListed.connect(whole)
        else:
            window.close()

    def whole() -> None:
        say(f"the rest listed ({page.model.rowCount():,} photos)")
        window.close()

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
