"""The status bar: what indexing is doing, pause and resume, and the skipped files one click away."""
from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import phototext
from ..core.worker import WorkerStatus
from .actions import show_in_folder
from .resources import icon
from .session import (
    MODEL_DOWNLOADING,
    MODEL_LOADING,
    MODEL_READY,
    MODEL_UNAVAILABLE,
    Session,
)
from .settings import for_window
from .texts import number, plural
from .widgets import ElidedLabel

NOTICE_MS = 20_000  # how long a notice stays in the status bar


def clock(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


class IndexStatusBar(QStatusBar):
    openSettings = Signal()  # the way out of a model problem: choose another model or a model folder

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setObjectName("StatusBar")
        self.setSizeGripEnabled(False)
        self.session = session
        self.state_icon = QLabel()
        self.state = ElidedLabel(objectName="IndexState")
        self.progress = QProgressBar(objectName="IndexProgress", textVisible=False)
        self.progress.setFixedWidth(160)
        self.progress.setFixedHeight(8)
        self.current = QLabel(objectName="CurrentFile")
        self.current.setMinimumWidth(80)
        self.pause = QToolButton(objectName="PauseButton", autoRaise=True)
        self.pause.setIconSize(QSize(16, 16))
        self.pause.clicked.connect(self.toggle_pause)
        self.skipped = QPushButton(objectName="SkippedButton", flat=True)
        self.skipped.setIcon(icon("warning"))
        self.skipped.clicked.connect(self.show_skipped)
        self.skipped.hide()
        self.model_state = QLabel(objectName="ModelState")
        # Shown while the worker cannot have the model (photos wait for their vectors): the way out.
        self.model_fix = QPushButton(self.tr("Open Settings…"), objectName="ModelFixButton", flat=True)
        self.model_fix.setToolTip(self.tr("Choose another model, or a model folder on this computer"))
        self.model_fix.clicked.connect(self.openSettings)
        self.model_fix.hide()
        self.text_state = QLabel(objectName="TextState")  # text in photos: how far reading is
        # Something to read (a non-fatal problem): beside the progress, never over it, shortened to fit.
        self.note = ElidedLabel(objectName="Notice")
        self.note.hide()
        self._note_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._note_timer.timeout.connect(self.clear_notice)
        box = QWidget()
        box.setMinimumWidth(0)
        row = QHBoxLayout(box)
        row.setContentsMargins(8, 0, 0, 0)
        row.setSpacing(8)
        for w in (self.state_icon, self.state, self.progress, self.pause, self.current):
            row.addWidget(w)
        row.addWidget(self.note, 1)
        row.addStretch(0)
        self.addWidget(box, 1)
        self.addPermanentWidget(self.skipped)
        self.addPermanentWidget(self.model_fix)
        self.addPermanentWidget(self.text_state)
        self.addPermanentWidget(self.model_state)
        self._skipped_count = 0
        self._run_skipped = 0
        self.show_status(None)
        session.modelStateChanged.connect(self._model_state_changed)
        session.opened.connect(self._refresh_skipped)
        session.opened.connect(self._refresh_text)
        self._model_state_changed()

    def connect_indexing(self) -> None:
        indexing = self.session.indexing
        indexing.status.connect(self.show_status)
        indexing.finished.connect(self._run_finished)
        self.session.opened.connect(lambda: self.show_status(indexing.last))

    def toggle_pause(self) -> None:
        indexing = self.session.indexing
        if indexing is None or not indexing.writable:
            return
        if indexing.paused:
            indexing.resume()
        else:
            indexing.pause()
        self.show_status(indexing.last)

    def show_status(self, s: WorkerStatus | None) -> None:
        indexing = self.session.indexing
        paused = indexing is not None and indexing.paused
        busy = s is not None and (s.state in ("scanning", "indexing") or (s.state == "paused" and s.total > 0))
        self.pause.setIcon(icon("play" if paused else "pause"))
        self.pause.setToolTip(self.tr("Resume indexing (Ctrl+P)") if paused else self.tr("Pause indexing (Ctrl+P)"))
        self.pause.setVisible(busy or paused)
        self.progress.setVisible(busy and s.total > 0)
        self.current.setVisible(busy)
        self.model_fix.setVisible(s is not None and bool(s.model_problem) and self.session.is_open)
        if s is not None and s.warnings:
            self.state.setToolTip("\n\n".join(s.warnings))
        if not self.session.is_open or s is None:
            self._show(None, self.tr("Opening the library…"))
        elif self.session.read_only_reason:
            self._show("eye", self.tr("Read only: another PhotoClip process is updating this library"),
                       self.session.read_only_reason)
        elif s.state == "error":
            self._show("warning", self.tr("Indexing stopped: {error}").format(error=s.error or ""), s.error or "")
        elif paused and not busy:
            self._show("pause", self.tr("Indexing paused"))
        elif s.state == "scanning":
            self._show("search", self.tr("Looking for new and changed photos…"))
            self._set_current(s.current)
        elif busy:
            if paused or s.state == "paused":
                text = self.tr("Paused at {done} of {total}").format(done=number(s.done), total=number(s.total))
            else:
                # A run that only reads the text of photos indexed before says so.
                text = (self.tr("Reading text {done} of {total}") if s.step == "text" else
                        self.tr("Indexing {done} of {total}")).format(done=number(s.done), total=number(s.total))
                if s.rate > 0:
                    text += " · " + self.tr("{rate} photos/s").format(rate=f"{s.rate:.1f}")
                if s.eta is not None:
                    text += " · " + self.tr("{time} left").format(time=clock(s.eta))
            self._show("pause" if paused else "refresh", text)
            self.progress.setRange(0, max(1, s.total))
            self.progress.setValue(s.done)
            self._set_current(s.current)
        elif s.missing or (s.model_problem and s.waiting):
            self._show("warning", *self._problems(s))
        else:
            # The library's photo count is shown once, in the library panel.
            watching = s.state == "watching"
            self._show("check", self.tr("Up to date"),
                       self.tr("PhotoClip watches your folders and adds new photos as they arrive.")
                       if watching else "")
        if s is not None and s.skipped and s.skipped > self._run_skipped:
            self._run_skipped = s.skipped
            self._refresh_skipped()

    def _problems(self, s: WorkerStatus) -> tuple[str, str]:
        """What keeps an indexed library from being whole, in a line and in its tooltip."""
        lines, tips = [], []
        if s.missing:
            names = ", ".join(os.path.basename(f.rstrip(os.sep)) or f for f in s.missing)
            lines.append(plural(self.tr("%Ln folder(s) not found: {names}", "", len(s.missing)),
                                len(s.missing)).format(names=names))
            tips.append(self.tr("Is the drive connected, or was the folder renamed? Its photos are kept "
                                "until you remove the folder from the library.") + "\n" + "\n".join(s.missing))
        if s.model_problem and s.waiting:
            lines.append(plural(self.tr("Waiting for the model: %Ln photo(s) cannot be searched or tagged yet",
                                        "", s.waiting), s.waiting))
            tips.append(for_window(s.model_problem))
        return " · ".join(lines), "\n\n".join(tips)

    def show_notice(self, text: str) -> None:
        self.note.setText(text)
        self.note.setToolTip(text)
        self.note.show()
        self._note_timer.start()

    def clear_notice(self) -> None:
        self._note_timer.stop()
        self.note.hide()

    def _run_finished(self) -> None:
        self._run_skipped = 0
        self._refresh_skipped()
        self._refresh_text()

    # -- text in photos -----------------------------------------------------------------------
    def _refresh_text(self) -> None:
        self.session.catalog.submit(lambda ctx: phototext.progress(ctx.library.catalog), self._show_text,
                                    key="text-progress")

    def _show_text(self, p) -> None:
        if not p.settings.enabled:
            self.text_state.setText(self.tr("Text: off"))
            self.text_state.setToolTip(self.tr("Reading the text in photos is off (Settings > General)"))
        elif p.problem:
            self.text_state.setText(self.tr("Text: cannot run"))
            self.text_state.setToolTip(p.problem)
        else:
            self.text_state.setText(self.tr("Text: {done} of {total} read").format(
                done=number(p.done), total=number(p.total)))
            self.text_state.setToolTip(self.tr("Photos with text in them: {count}").format(count=number(p.with_text)))

    def _show(self, icon_name: str | None, text: str, tip: str = "") -> None:
        self.state_icon.setPixmap(icon(icon_name).pixmap(16, 16) if icon_name else QPixmap())
        self.state.setText(text)
        self.state.setToolTip(tip or text)

    def _set_current(self, path: str) -> None:
        name = os.path.basename(path) if path else ""
        metrics = self.current.fontMetrics()
        self.current.setText(metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, 260))
        self.current.setToolTip(path)

    def _model_state_changed(self) -> None:
        s = self.session
        texts = {
            MODEL_LOADING: self.tr("Model: loading…"),
            MODEL_READY: self.tr("Model: ready"),
            MODEL_UNAVAILABLE: self.tr("Model: unavailable"),
        }
        if s.model_state == MODEL_DOWNLOADING:
            done, total = s.download
            text = self.tr("Model: downloading {percent} %").format(percent=int(100 * done / max(1, total)))
        else:
            text = texts[s.model_state]
        self.model_state.setText(text)
        self.model_state.setToolTip(
            for_window(s.model_message) if s.model_state == MODEL_UNAVAILABLE else (s.model or s.requested_model or ""))

    # -- skipped files ------------------------------------------------------------------------
    def _refresh_skipped(self) -> None:
        self.session.catalog.submit(lambda ctx: len(ctx.library.catalog.skipped()), self._show_skipped_count,
                                    key="skipped-count")

    def _show_skipped_count(self, n: int) -> None:
        self._skipped_count = n
        self.skipped.setText(self.tr("%Ln skipped", "", n))
        self.skipped.setToolTip(self.tr("Files PhotoClip could not read, and why"))
        self.skipped.setVisible(n > 0)

    def show_skipped(self) -> None:
        self.session.catalog.submit(lambda ctx: ctx.library.catalog.skipped(),
                                    lambda rows: SkippedDialog(rows, self.window()).open())


class SkippedDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Skipped files"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "PhotoClip could not read these files, so they are not in the library. They are left as they "
            "are; fix or replace one and it is indexed again."), wordWrap=True))
        self.table = QTreeWidget()
        self.table.setHeaderLabels([self.tr("File"), self.tr("Reason")])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for path, reason in rows:
            item = QTreeWidgetItem([path, reason])
            item.setToolTip(0, path)
            self.table.addTopLevelItem(item)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemActivated.connect(lambda item: show_in_folder(item.text(0)))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
