"""Recently removed: the files resolving duplicates sent to the trash or moved away, and Undo.

The list is the library's removed log (photoclip.core.removed); restoring moves the files back
on the files thread, then asks the writer to rescan, so they rejoin the library (their vectors
are kept by content, so this costs no model work).
"""
from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ..core.removed import MOVED, Removed, RemovedLog
from .resources import icon
from .session import Session
from .texts import date_text, plural, size_text
from .widgets import Banner, EmptyState, page_layout

ID = Qt.ItemDataRole.UserRole + 1


class RemovedPage(QWidget):
    restored = Signal(object)  # a core.removed.Restored
    undoAvailable = Signal(bool)  # there is a resolve from this session to take back
    listed = Signal()  # the list shows the log (tests wait on it)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.log = RemovedLog(session.root)
        self.entries: list[Removed] = []
        self.undo_batch: str | None = None  # the last resolve made in this window
        layout, row = page_layout(self)
        row.addWidget(QLabel(self.tr("Recently removed"), objectName="PaneTitle"))
        self.summary = QLabel(objectName="Summary")
        row.addWidget(self.summary, 1)
        self.restore_button = QPushButton(icon("refresh"), self.tr("&Restore"), objectName="Primary")
        self.restore_button.setToolTip(self.tr("Put the selected files back where they were"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setEnabled(False)
        row.addWidget(self.restore_button)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.list = QTreeWidget(objectName="RemovedList")
        self.list.setHeaderLabels([self.tr("Photo"), self.tr("Was in"), self.tr("Removed"), self.tr("Now")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.selected_ids())))
        self.list.itemActivated.connect(lambda *_: self.restore_selected())
        layout.addWidget(self.list, 1)
        self.empty = EmptyState(self.list.viewport())
        self.empty.hide()

    # -- the list -------------------------------------------------------------------------------
    def reload(self) -> None:
        log = self.log
        self.session.files.submit(lambda ctx: log.entries(), self._show, key="removed-list")

    def _show(self, entries: list[Removed]) -> None:
        self.entries = list(reversed(entries))  # newest first
        self.list.clear()
        for r in self.entries:
            when = date_text(r.at)
            if r.how == MOVED:
                now = self.tr("Moved to {folder}").format(folder=os.path.dirname(r.where or ""))
            elif r.restorable:
                now = self.tr("In the trash")
            else:
                now = self.tr("Not in the trash any more")
            item = QTreeWidgetItem([os.path.basename(r.original), os.path.dirname(r.original), when, now])
            item.setData(0, ID, r.id)
            item.setIcon(0, icon("trash" if r.how != MOVED else "move"))
            item.setToolTip(0, f"{r.original}\n{size_text(r.size)}")
            if not r.restorable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(3, self.tr("Restore it from the system trash, if it is still there"))
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        n = len(self.entries)
        self.summary.setText(plural(self.tr("%Ln file(s)", "", n), n) if n else "")
        self.empty.setGeometry(self.list.viewport().rect())
        if n:
            self.empty.hide()
        else:
            self.empty.show_state("trash", self.tr("Nothing removed recently"),
                                  self.tr("Photos you clean up in Duplicates are listed here, so you can "
                                          "put them back."))
        if self.undo_batch and not any(r.batch == self.undo_batch and r.restorable for r in entries):
            self._set_undo(None)
        self.listed.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.empty.setGeometry(self.list.viewport().rect())

    def selected_ids(self) -> list[str]:
        return [item.data(0, ID) for item in self.list.selectedItems()]

    # -- restoring ------------------------------------------------------------------------------
    def remember(self, batch: str) -> None:
        """A resolve just happened: Undo takes it back."""
        self._set_undo(batch or None)
        self.reload()

    def _set_undo(self, batch: str | None) -> None:
        self.undo_batch = batch
        self.undoAvailable.emit(batch is not None)

    def undo(self) -> None:
        batch, log = self.undo_batch, self.log
        if batch is None:
            return
        self._set_undo(None)
        self._restore(lambda: [r.id for r in log.entries() if r.batch == batch])

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._restore(lambda: ids)

    def _restore(self, ids) -> None:
        log, indexing = self.log, self.session.indexing

        def job(ctx):
            result = log.restore(ids())
            if result.done:
                indexing.rescan()  # the writer takes them back into the library
            return result

        def done(result) -> None:
            n = len(result.done)
            text = plural(self.tr("Put %Ln photo(s) back where they were.", "", n), n)
            if result.failed:
                text += " " + self.tr("Not restored: {files}").format(
                    files="; ".join(f"{os.path.basename(p)} ({why})" for p, why in result.failed))
            self.banner.show_message("check" if not result.failed else "warning", text)
            self.restored.emit(result)
            self.reload()

        self.session.files.submit(job, done, lambda e: self.banner.show_message("warning", str(e)))
