"""Write tags into XMP sidecars from the window (`photoclip tag export-xmp` on the command line),
with a progress dialog that can cancel, and a report at the end."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from .queries import tag_store
from .session import Session
from .texts import number


class XmpExport(QObject):
    finished = Signal(object)  # the core's ExportReport, or None when cancelled or failed

    _progress = Signal(int, int)

    def __init__(self, session: Session, parent: QWidget):
        super().__init__(parent)
        from ..core.jobs import RunControl

        self.session = session
        self.control = RunControl()
        self.dialog = QProgressDialog(self.tr("Writing tags into XMP sidecars…"), self.tr("Cancel"), 0, 0,
                                      parent)
        self.dialog.setWindowTitle(self.tr("Export tags"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.control.cancel)
        self._progress.connect(self._show_progress)
        session.when_closing(self.control.cancel)

    def start(self) -> None:
        control, emit = self.control, self._progress.emit
        self.dialog.show()
        self.session.ai.submit(
            lambda ctx: tag_store(ctx).export_xmp(progress=emit, control=control), self._done, self._failed)

    def _show_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(1, total))
        self.dialog.setValue(done)
        self.dialog.setLabelText(self.tr("Writing tags into XMP sidecars: {done} of {total} photos")
                                 .format(done=number(done), total=number(total)))

    def _done(self, report) -> None:
        self.dialog.reset()
        self.dialog.hide()
        parent = self.parent()
        text = self.tr("Sidecars written: {written}; already up to date: {unchanged}.").format(
            written=number(report.written), unchanged=number(report.unchanged))
        if report.missing:
            text += "\n" + self.tr("Photos not found (an unplugged drive?): {n}").format(n=number(report.missing))
        if report.failed:
            text += "\n" + self.tr("Could not write: {files}").format(
                files="; ".join(f"{path} ({why})" for path, why in report.failed[:5]))
        self.box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export tags"), text,
                               QMessageBox.StandardButton.Ok, parent)
        self.box.open()
        self.finished.emit(report)

    def _failed(self, error: BaseException) -> None:
        from ..core.jobs import Cancelled

        self.dialog.reset()
        self.dialog.hide()
        if not isinstance(error, Cancelled):
            QMessageBox.warning(self.parent(), self.tr("Export tags"), str(error))
        self.finished.emit(None)
