"""The duplicates view: groups side by side, the suggested keeper preselected with its reason,
their differences visible, "not duplicates", and resolving to the trash after a confirmation
that names every file and where it goes.

Finding groups reads small pixel prints of candidate photos, which takes a while on a large
library: it runs on its own thread with its own reader library, shows its progress, and can be
cancelled. Resolving (moving files) runs there too.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.jobs import RunControl
from .resources import icon
from .session import Session
from .texts import date_text, number, plural, size_text
from .widgets import Banner, ElidedLabel, EmptyState, FlowLayout, page_layout

# Why the core suggests a photo to keep: English phrases joined by "; then "
# (photoclip.core.duplicates.choose_keep and Group.choose). Marked here for translators and
# translated phrase by phrase; tests/gui/test_i18n.py makes the core produce each one.
KEEP_REASONS = (
    (r"largest resolution \((?P<width>\d+)×(?P<height>\d+)\)",
     QT_TRANSLATE_NOOP("KeepReason", "largest resolution ({width}×{height})")),
    (r"the original, not an edited copy", QT_TRANSLATE_NOOP("KeepReason", "the original, not an edited copy")),
    (r"least compressed \(lossless\)", QT_TRANSLATE_NOOP("KeepReason", "least compressed (lossless)")),
    (r"least compressed \(JPEG quality (?P<quality>\d+)\)",
     QT_TRANSLATE_NOOP("KeepReason", "least compressed (JPEG quality {quality})")),
    (r"least compressed \(most bytes per pixel\)",
     QT_TRANSLATE_NOOP("KeepReason", "least compressed (most bytes per pixel)")),
    (r"sharpest", QT_TRANSLATE_NOOP("KeepReason", "sharpest")),
    (r"richest metadata", QT_TRANSLATE_NOOP("KeepReason", "richest metadata")),
    (r"alike in every way that counts; the first by name",
     QT_TRANSLATE_NOOP("KeepReason", "alike in every way that counts; the first by name")),
    (r"the only readable copy", QT_TRANSLATE_NOOP("KeepReason", "the only readable copy")),
    (r"your choice", QT_TRANSLATE_NOOP("KeepReason", "your choice")),
)


def keep_reason(reason: str) -> str:
    """The core's reason in the user's language (a phrase this list lacks stays as it is)."""
    parts = []
    for phrase in reason.split("; then "):
        for pattern, text in KEEP_REASONS:
            match = re.fullmatch(pattern, phrase)
            if match:
                phrase = QCoreApplication.translate("KeepReason", text).format(**match.groupdict())
                break
        parts.append(phrase)
    return QCoreApplication.translate("KeepReason", "; then ").join(parts)

MODE_DUPLICATES, MODE_SIMILAR = "duplicates", "similar"
CARD_IMAGE = 196


@dataclass
class Scan:
    mode: str
    groups: list  # core duplicates.Group
    mtimes: dict[str, int]  # path -> modification time, the thumbnails' key


def file_times(groups) -> dict[str, int]:
    out = {}
    for group in groups:
        for item in group.items:
            try:
                out[item.path] = os.stat(item.path).st_mtime_ns
            except OSError:
                out[item.path] = 0
    return out


class DuplicateCard(QFrame):
    """One photo of a group: a large thumbnail, what differs, and "Keep this one"."""

    def __init__(self, page: DuplicatesPage, item, best: dict, differs: bool, parent=None):
        super().__init__(parent)
        self.setObjectName("DuplicateCard")
        self.item = item
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(4)
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.image.setFixedSize(CARD_IMAGE, CARD_IMAGE)
        layout.addWidget(self.image, 0, Qt.AlignmentFlag.AlignHCenter)
        self.keep = QRadioButton(self.tr("Keep this one"))
        layout.addWidget(self.keep)
        self.badge = QLabel(objectName="KeepBadge")
        self.badge.hide()
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        name = QLabel(os.path.basename(item.path), objectName="CardName")
        name.setToolTip(item.path)
        name.setMaximumWidth(CARD_IMAGE)
        name.setText(name.fontMetrics().elidedText(os.path.basename(item.path), Qt.TextElideMode.ElideMiddle,
                                                    CARD_IMAGE))
        layout.addWidget(name)
        folder = QLabel(objectName="Hint")
        folder.setText(folder.fontMetrics().elidedText(os.path.dirname(item.path), Qt.TextElideMode.ElideLeft,
                                                      CARD_IMAGE))
        folder.setToolTip(os.path.dirname(item.path))
        layout.addWidget(folder)
        facts = [
            (self.tr("{width} × {height}").format(width=item.width, height=item.height), best["pixels"] == item.pixels),
            (size_text(item.bytes), False),  # more bytes is not better by itself (an edit may add them)
        ]
        if item.quality:
            facts.append((self.tr("JPEG quality {quality}").format(quality=item.quality),
                          best["quality"] == item.quality))
        elif item.lossless:
            facts.append((self.tr("Lossless"), True))
        when = _date_text(item.taken, page.mtimes.get(item.path, 0))
        if when:
            facts.append((when, False))
        if item.derived:
            facts.append((self.tr("Looks like an edited copy"), False))
        for text, better in facts:
            label = QLabel(text, objectName="Better" if better and differs else "")
            layout.addWidget(label)
        layout.addStretch(1)
        self.show_thumbnail()

    def show_thumbnail(self) -> None:
        image = self.page.session.thumbnails.get(self.item.path, self.page.mtimes.get(self.item.path, 0))
        if image is None or image.isNull():
            self.image.setPixmap(icon("photos").pixmap(48, 48))
            return
        pm = QPixmap.fromImage(image).scaled(QSize(CARD_IMAGE, CARD_IMAGE), Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pm)

    def set_keep(self, keep: bool, reason: str) -> None:
        self.setProperty("keep", keep)
        self.style().unpolish(self)
        self.style().polish(self)
        self.keep.setChecked(keep)
        self.badge.setVisible(keep)
        self.badge.setText(self.tr("Keep"))
        self.badge.setToolTip(reason)


class ConfirmResolve(QDialog):
    """Says exactly what will move where before anything moves."""

    def __init__(self, keep: str, others: list[str], destination: str | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resolve duplicates"))
        self.resize(640, 360)
        layout = QVBoxLayout(self)
        where = self.tr("to the system trash (you can restore them from there)") if destination is None else \
            self.tr("into the folder {folder}").format(folder=destination)
        lines = [self.tr("<b>Keep</b> {path}").format(path=_html(keep)), "",
                 plural(self.tr("<b>Move %Ln photo(s)</b> {where}:", "", len(others)), len(others)).format(
                     where=_html(where))]
        lines += [f"&nbsp;&nbsp;• {_html(p)}" for p in others]
        lines += ["", self.tr("Their tags and keywords are carried over to the photo you keep. "
                              "Nothing is deleted.")]
        self.details = QTextBrowser(objectName="ResolveDetails")
        self.details.setHtml("<br>".join(lines))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        label = self.tr("Move %Ln to trash", "", len(others)) if destination is None else \
            self.tr("Move %Ln", "", len(others))
        self.ok = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("Primary")
        self.ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class DuplicatesPage(QWidget):
    groupsChanged = Signal(object)  # how many groups (None: not looked yet)
    scanFinished = Signal()
    resolved = Signal(object)  # a core Resolution
    undoRequested = Signal()  # the Undo button of the banner after resolving

    _progress = Signal(object)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.mode = MODE_DUPLICATES
        self.groups: list = []
        self.scanned: str | None = None  # the mode the groups are for
        self.stale = True
        self.control: RunControl | None = None
        self.mtimes: dict[str, int] = {}
        self.thread = session.analysis
        session.when_closing(self.cancel_scan)
        self.cards: list[DuplicateCard] = []
        self._build()
        self._progress.connect(self._show_progress)
        session.libraryChanged.connect(self._library_changed)
        session.thumbnails.ready.connect(self._thumbnail_ready)
        self._rescan_timer = QTimer(self, singleShot=True, interval=3000)
        self._rescan_timer.timeout.connect(self.scan)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout, row = page_layout(self)
        title = QLabel(self.tr("Duplicates"), objectName="PaneTitle")
        row.addWidget(title)
        row.addSpacing(16)
        self.mode_buttons = QButtonGroup(self)
        for mode, text, tip in (
                (MODE_DUPLICATES, self.tr("Same picture"),
                 self.tr("Copies of one photo: resized, re-saved, cropped a little, turned or brightened")),
                (MODE_SIMILAR, self.tr("Similar shots"),
                 self.tr("Different photos of the same moment, such as a burst"))):
            b = QPushButton(text, checkable=True, toolTip=tip)
            b.setProperty("mode", mode)
            b.setChecked(mode == self.mode)
            self.mode_buttons.addButton(b)
            row.addWidget(b)
        self.mode_buttons.buttonClicked.connect(lambda b: self.set_mode(b.property("mode")))
        row.addSpacing(12)
        self.summary = ElidedLabel(objectName="Summary")
        row.addWidget(self.summary, 1)
        self.progress = QProgressBar(objectName="IndexProgress", textVisible=False)
        self.progress.setFixedSize(140, 8)
        self.progress.hide()
        row.addWidget(self.progress)
        self.cancel = QToolButton(icon=icon("close"), toolTip=self.tr("Stop looking"), autoRaise=True)
        self.cancel.clicked.connect(self.cancel_scan)
        self.cancel.hide()
        row.addWidget(self.cancel)
        self.rescan = QPushButton(icon("refresh"), self.tr("Look again"))
        self.rescan.clicked.connect(self.scan)
        row.addWidget(self.rescan)
        self.banner = Banner(self)
        layout.addWidget(self.banner)

        self.stack = QStackedWidget()
        self.empty = EmptyState()
        self.stack.addWidget(self.empty)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.group_list = QListWidget(objectName="GroupList")
        self.group_list.setIconSize(QSize(48, 48))
        self.group_list.currentRowChanged.connect(self.show_group)
        self.group_list.setMinimumWidth(150)
        # Long names are shortened in the middle, never scrolled sideways (items as wide as the list).
        self.group_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.group_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        splitter.addWidget(self.group_list)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(16, 8, 16, 12)
        self.reason = QLabel(objectName="Hint", wordWrap=True)
        detail_layout.addWidget(self.reason)
        self.card_area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.card_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cards wrap instead
        self.card_row = QWidget()
        self.card_layout = FlowLayout(self.card_row)
        self.card_area.setWidget(self.card_row)
        detail_layout.addWidget(self.card_area, 1)
        actions = QHBoxLayout()
        self.dismiss_button = QPushButton(icon("close"), self.tr("&Not duplicates"))
        self.dismiss_button.setToolTip(self.tr("These are different photos: never group them again"))
        self.dismiss_button.clicked.connect(self.dismiss_current)
        actions.addWidget(self.dismiss_button)
        actions.addStretch(1)
        self.move_button = QPushButton(icon("move"), self.tr("Move others to a &folder…"))
        self.move_button.clicked.connect(lambda: self.resolve_current(ask_folder=True))
        actions.addWidget(self.move_button)
        self.trash_button = QPushButton(icon("trash"), self.tr("Move others to &trash…"), objectName="Primary")
        self.trash_button.setToolTip(self.tr("Keep the chosen photo; move the others to the trash (Delete)"))
        self.trash_button.clicked.connect(lambda: self.resolve_current())
        actions.addWidget(self.trash_button)
        detail_layout.addLayout(actions)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 840])
        self.stack.addWidget(splitter)
        layout.addWidget(self.stack, 1)
        self.keep_group = QButtonGroup(self)
        self.keep_group.idClicked.connect(self._choose_keep)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self, lambda: self.resolve_current())
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self._step_keep(-1))
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self._step_keep(1))
        self._show_start()

    def _show_start(self) -> None:
        self.empty.show_state("duplicates", self.tr("Find duplicates"),
                              self.tr("PhotoClip compares your photos and shows the copies it finds."),
                              [(self.tr("&Look for duplicates"), self.scan, True)])

    # -- scanning ----------------------------------------------------------------------------
    def activate(self, look: bool = True) -> None:
        """The page is shown: with `look`, look for groups unless the last look is still current
        (without, e.g. when the keyboard passes by in the library panel, only a button offers it)."""
        if look and (self.stale or self.scanned != self.mode):
            self.scan()
        elif self.scanned is None and self.control is None:
            self._show_start()

    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.mode = mode
            self.scan()

    def scan(self) -> None:
        if not self.session.is_open:
            return
        from ..core.duplicates import find_groups
        from ..core.jobs import Cancelled

        if self.control is not None:
            self.control.cancel()
        control = self.control = RunControl()
        mode, reader = self.mode, self.session.reader
        emit = self._progress.emit

        def job(ctx):
            groups = find_groups(reader(ctx), mode, progress=emit, control=control)
            return Scan(mode, groups, file_times(groups))

        def failed(error):
            if not isinstance(error, Cancelled):
                self.banner.show_message("warning", str(error))
            self._scan_done()

        self.stale = False
        self.progress.show()
        self.progress.setRange(0, 0)
        self.cancel.show()
        self.rescan.setEnabled(False)
        self.summary.setText(self.tr("Looking for duplicates…") if mode == MODE_DUPLICATES
                             else self.tr("Looking for similar shots…"))
        if not self.groups:
            self.empty.show_state("search", self.summary.text(),
                                  self.tr("PhotoClip compares photos that look alike, pixel by pixel."))
            self.stack.setCurrentIndex(0)
        self.thread.submit(job, self._show_scan, failed, key="scan")

    def cancel_scan(self) -> None:
        self._rescan_timer.stop()
        if self.control is not None:
            self.control.cancel()

    def _show_progress(self, p) -> None:
        if p.state in ("reading", "comparing") and p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
            text = self.tr("Reading photos {done} of {total}…") if p.state == "reading" else \
                self.tr("Comparing pairs {done} of {total}…")
            self.summary.setText(text.format(done=number(p.done), total=number(p.total)))

    def _scan_done(self) -> None:
        self.control = None
        self.progress.hide()
        self.cancel.hide()
        self.rescan.setEnabled(True)

    def _show_scan(self, scan: Scan) -> None:
        self._scan_done()
        if scan.mode != self.mode:
            return
        self.scanned = scan.mode
        current = self.group_list.currentRow()
        self.groups = scan.groups
        self.mtimes = scan.mtimes
        self._fill_list()
        self.groupsChanged.emit(len(self.groups) if scan.mode == MODE_DUPLICATES else None)
        if self.groups:
            self.group_list.setCurrentRow(min(max(current, 0), len(self.groups) - 1))
        self.scanFinished.emit()

    def _fill_list(self) -> None:
        self.group_list.blockSignals(True)
        self.group_list.clear()
        height = max(self.group_list.iconSize().height(), 2 * self.group_list.fontMetrics().lineSpacing()) + 8
        for group in self.groups:
            item = QListWidgetItem(plural(self.tr("%Ln photo(s)", "", len(group.items)), len(group.items)) + "\n" +
                                   os.path.basename(group.keep.path))
            item.setToolTip(group.keep.path)
            item.setIcon(self._group_icon(group))
            item.setSizeHint(QSize(1, height))  # no width of its own: a list of one column spans the view
            self.group_list.addItem(item)
        self.group_list.blockSignals(False)
        spare = sum(it.bytes for g in self.groups for it in g.others)
        copies = sum(len(g.others) for g in self.groups)
        if self.groups:
            self.summary.setText(plural(self.tr("%Ln group(s)", "", len(self.groups)), len(self.groups)) + " · " +
                                 self.tr("{copies} to clean up, {size}").format(copies=copies, size=size_text(spare)))
            self.stack.setCurrentIndex(1)
        else:
            self.summary.setText("")
            title = self.tr("No duplicates found") if self.mode == MODE_DUPLICATES else \
                self.tr("No similar shots found")
            self.empty.show_state("check", title, self.tr("PhotoClip looks again whenever you add photos."))
            self.stack.setCurrentIndex(0)
            self._clear_cards()

    def _group_icon(self, group):
        image = self.session.thumbnails.get(group.keep.path, self.mtimes.get(group.keep.path, 0))
        if image is None or image.isNull():
            return icon("duplicates")
        side = min(image.width(), image.height())
        square = image.copy((image.width() - side) // 2, (image.height() - side) // 2, side, side)
        return QPixmap.fromImage(square.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))

    def _thumbnail_ready(self, path: str) -> None:
        for card in self.cards:
            if card.item.path == path:
                card.show_thumbnail()
        for row, group in enumerate(self.groups):
            if group.keep.path == path and row < self.group_list.count():
                self.group_list.item(row).setIcon(self._group_icon(group))

    def _library_changed(self) -> None:
        self.stale = True
        if self.isVisible() and self.control is None:
            self._rescan_timer.start()

    # -- one group ---------------------------------------------------------------------------------
    @property
    def current_group(self):
        row = self.group_list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def _clear_cards(self) -> None:
        for card in self.cards:
            self.keep_group.removeButton(card.keep)
            card.deleteLater()
        self.cards = []

    def show_group(self, row: int) -> None:
        self._clear_cards()
        group = self.current_group
        if group is None:
            return
        best = {"pixels": max(it.pixels for it in group.items),
                "quality": max((it.quality or 0) for it in group.items)}
        differs = len({(it.pixels, it.bytes, it.quality) for it in group.items}) > 1  # highlight only then
        for i, item in enumerate(group.items):
            card = DuplicateCard(self, item, best, differs)
            self.keep_group.addButton(card.keep, i)
            self.card_layout.insertWidget(i, card)
            self.cards.append(card)
        self._show_keep(group)

    def _show_keep(self, group) -> None:
        for card in self.cards:
            card.set_keep(card.item.path == group.keep.path, keep_reason(group.reason))
        self.reason.setText(self.tr("Suggested to keep: {name}, because: {reason}.").format(
            name=os.path.basename(group.keep.path), reason=keep_reason(group.reason)))

    def _choose_keep(self, index: int) -> None:
        group = self.current_group
        if group is not None and 0 <= index < len(group.items):
            group.choose(group.items[index])
            self._show_keep(group)

    def _step_keep(self, delta: int) -> None:
        group = self.current_group
        if group is None:
            return
        i = next(i for i, it in enumerate(group.items) if it.path == group.keep.path)
        self._choose_keep(max(0, min(len(group.items) - 1, i + delta)))

    def dismiss_current(self) -> None:
        from ..core.duplicates import dismiss

        group = self.current_group
        if group is None:
            return
        reader = self.session.reader
        self.thread.submit(lambda ctx: dismiss(reader(ctx), group),
                           lambda _: self._remove_group(group),
                           lambda e: self.banner.show_message("warning", str(e)))

    def resolve_current(self, ask_folder: bool = False) -> None:
        from ..core.duplicates import resolve

        group = self.current_group
        if group is None:
            return
        destination = None
        if ask_folder:
            destination = QFileDialog.getExistingDirectory(self, self.tr("Move the other photos into"))
            if not destination:
                return
        dialog = ConfirmResolve(group.keep.path, [it.path for it in group.others], destination, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reader = self.session.reader
        action = "trash" if destination is None else ("move", destination)

        def done(result) -> None:
            self._remove_group(group)
            moved = len(result.moved)
            if destination is None:
                text = plural(self.tr("Kept {name}; moved %Ln photo(s) to the trash.", "", moved), moved)
            else:
                text = plural(self.tr("Kept {name}; moved %Ln photo(s) to {folder}.", "", moved), moved)
            text = text.format(name=os.path.basename(result.kept), folder=destination or "")
            if result.failed:
                text += " " + self.tr("Left alone: {files}").format(
                    files="; ".join(f"{os.path.basename(p)} ({why})" for p, why in result.failed))
            self.banner.show_message("check" if not result.failed else "warning", text,
                                     self.tr("&Undo") if result.moved else None, self.undoRequested.emit)
            self.resolved.emit(result)

        self.thread.submit(lambda ctx: resolve(reader(ctx), group, action=action), done,
                           lambda e: self.banner.show_message("warning", str(e)))

    def set_undo_available(self, available: bool) -> None:
        """Undo was used (from here, the Edit menu or Recently removed): its button goes."""
        if not available:
            self.banner.button.hide()

    def _remove_group(self, group) -> None:
        if group in self.groups:
            row = self.groups.index(group)
            self.groups.remove(group)
            self._fill_list()
            if self.groups:
                self.group_list.setCurrentRow(min(row, len(self.groups) - 1))
            self.groupsChanged.emit(len(self.groups) if self.mode == MODE_DUPLICATES else None)


def _date_text(taken: str | None, mtime_ns: int) -> str:
    """EXIF date taken, else the file's time."""
    if taken:
        when = QDateTime.fromString(taken, Qt.DateFormat.ISODate)
    else:
        when = QDateTime.fromMSecsSinceEpoch(mtime_ns // 1_000_000) if mtime_ns else QDateTime()
    return date_text(when)


def _html(text: str) -> str:
    from html import escape

    return escape(text)
