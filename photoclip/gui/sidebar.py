"""The library panel: all photos, folders (with their indexing state), tags (with counts), duplicates."""
from __future__ import annotations

import calendar
import os
from datetime import date

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.util import is_under
from .resources import icon
from .session import FolderInfo, Session
from .texts import number, plural

KIND = Qt.ItemDataRole.UserRole + 10
VALUE = Qt.ItemDataRole.UserRole + 11
ALL, FOLDER, TAG, DUPLICATES, TAG_EDITOR, HEADER = "all", "folder", "tag", "duplicates", "tag-editor", "header"
REMOVED, YEAR, MONTH = "removed", "year", "month"
SIDEBAR_MIN_WIDTH = 170


class Sidebar(QWidget):
    showAll = Signal()
    showFolder = Signal(str)
    showTag = Signal(str)
    editTag = Signal(str)  # "" for a new tag
    showDuplicates = Signal(bool)  # True: look for them now (a click or Enter, not arrowing past)
    showRemoved = Signal()
    showDates = Signal(object, object)  # first and last day (datetime.date) of a year or month
    addFolder = Signal()
    removeFolder = Signal(str)
    openSettings = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setObjectName("Sidebar")
        self.setMinimumWidth(SIDEBAR_MIN_WIDTH)  # the names stay readable in a narrow window
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(0)
        self.tree = QTreeWidget(objectName="SidebarTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(14)
        self.tree.setIconSize(QSize(18, 18))
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.currentItemChanged.connect(lambda item, _: self._clicked(item, passing=True) if item else None)
        layout.addWidget(self.tree, 1)

        self.library_header = self._header(self.tr("Library"))
        self.all_item = self._entry(self.library_header, "photos", self.tr("All photos"), ALL)
        self.duplicates_item = self._entry(self.library_header, "duplicates", self.tr("Duplicates"), DUPLICATES)
        self.removed_item = self._entry(self.library_header, "trash", self.tr("Recently removed"), REMOVED)
        self.folders_header = self._header(self.tr("Folders"))
        self.timeline_header = self._header(self.tr("Timeline"))
        self.tags_header = self._header(self.tr("Tags"))
        self.tag_editor_item = self._entry(self.tags_header, "tag-add", self.tr("Edit tags…"), TAG_EDITOR)
        for item in (self.removed_item, self.tag_editor_item):  # no count: the name takes the whole row
            item.setFirstColumnSpanned(True)
        self.tree.expandAll()
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, self.tree.header().ResizeMode.Fixed)
        self._fit_counts()

        tools = QWidget(objectName="SidebarTools")
        row = QHBoxLayout(tools)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(2)
        self.add_button = self._tool(row, "folder-add", self.tr("Add a folder…"), self.addFolder.emit)
        self.remove_button = self._tool(row, "folder-remove", self.tr("Remove the selected folder…"),
                                        self._remove_current)
        self.remove_button.setEnabled(False)
        self._tool(row, "tag-add", self.tr("New tag…"), lambda: self.editTag.emit(""))
        row.addStretch(1)
        self._tool(row, "settings", self.tr("Settings"), self.openSettings.emit)
        layout.addWidget(tools)
        self.tree.setCurrentItem(self.all_item)
        self._last_tag = ""  # "Edit tags…" opens the tag last looked at
        self._browse = None  # queries.Browse: months and subfolders
        self._expanded: set[str] = set()  # folders and years the user opened (kept across refreshes)
        self.tree.itemExpanded.connect(lambda item: self._expanded.add(item.data(0, VALUE) or ""))
        self.tree.itemCollapsed.connect(lambda item: self._expanded.discard(item.data(0, VALUE) or ""))

    def _header(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [text.upper()])
        item.setData(0, KIND, HEADER)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.8)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        item.setFont(0, font)
        item.setSizeHint(0, QSize(10, 30))
        item.setFirstColumnSpanned(True)  # the whole width: the heading is never cut short
        return item

    def _entry(self, parent: QTreeWidgetItem, icon_name: str, text: str, kind: str, value: str = "",
               count: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, count])
        item.setIcon(0, icon(icon_name))
        item.setData(0, KIND, kind)
        item.setData(0, VALUE, value)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setSizeHint(0, QSize(10, 28))
        return item

    def _tool(self, row, icon_name, tip, slot) -> QToolButton:
        b = QToolButton(icon=icon(icon_name), toolTip=tip, autoRaise=True)
        b.setIconSize(QSize(18, 18))
        b.clicked.connect(slot)
        row.addWidget(b)
        return b

    # -- contents -------------------------------------------------------------------------------
    def set_folders(self, folders: list[FolderInfo], indexing_path: str | None = None) -> None:
        current = self._current_value(FOLDER)
        self.tree.blockSignals(True)  # rebuilding the list is not the user choosing a folder
        self.folders_header.takeChildren()
        for f in folders:
            name = os.path.basename(f.path.rstrip(os.sep)) or f.path
            if not f.exists:  # renamed, deleted or on a drive not plugged in (the status bar says it in words)
                icon_name, state = "warning", self.tr("Not found: is the drive connected? Its photos are kept.")
            elif indexing_path and is_under(indexing_path, f.path):
                icon_name, state = "refresh", self.tr("Indexing…")
            else:
                icon_name, state = "folder", self.tr("Up to date, watched for changes")
            item = self._entry(self.folders_header, icon_name, name, FOLDER, f.path, number(f.photos))
            item.setToolTip(0, f"{f.path}\n{state}")
            if not f.exists:  # greyed, and in words for a screen reader (a suffix would cut the name short)
                item.setForeground(0, self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name}: {state}")
            item.setToolTip(1, plural(self.tr("%Ln photo(s)", "", f.photos), f.photos))
            if f.path == current:
                self.tree.setCurrentItem(item)
        self.folders_header.setExpanded(True)
        self._add_subfolders(current)
        self.tree.blockSignals(False)
        self._fit_counts()

    def set_browse(self, browse) -> None:
        """Subfolders under each folder, and the timeline (years, then months), with photo counts."""
        self._browse = browse
        self.tree.blockSignals(True)
        self._add_subfolders(self._current_value(FOLDER))
        current = self.tree.currentItem()
        current = (current.data(0, KIND), current.data(0, VALUE)) if current is not None else None
        self.timeline_header.takeChildren()
        locale = QLocale()
        years: dict[int, QTreeWidgetItem] = {}
        for year, month, n in browse.months:
            if year not in years:
                years[year] = self._entry(self.timeline_header, "clock", str(year), YEAR, str(year))
                years[year].setData(1, VALUE, 0)
            item = years[year]
            item.setData(1, VALUE, item.data(1, VALUE) + n)
            item.setText(1, number(item.data(1, VALUE)))
            child = self._entry(item, "clock", locale.standaloneMonthName(month, QLocale.FormatType.LongFormat),
                                MONTH, f"{year}-{month:02d}", number(n))
            child.setIcon(0, QIcon())
            item.setExpanded(str(year) in self._expanded)
        self.timeline_header.setExpanded(True)
        if current is not None and current[0] in (YEAR, MONTH):
            self.select(*current)
        self.tree.blockSignals(False)
        self._fit_counts()

    def _add_subfolders(self, current: str | None) -> None:
        if self._browse is None:
            return
        for i in range(self.folders_header.childCount()):
            top = self.folders_header.child(i)
            top.takeChildren()
            nodes = {top.data(0, VALUE).rstrip(os.sep): top}
            for path, n in sorted(self._browse.subfolders.get(top.data(0, VALUE), {}).items()):
                parent = nodes.get(os.path.dirname(path))
                if parent is None:
                    continue
                item = self._entry(parent, "folder", os.path.basename(path), FOLDER, path, number(n))
                item.setToolTip(0, path)
                nodes[path] = item
                if path == current:
                    self.tree.setCurrentItem(item)
            for item in [top, *_descendants(top)]:
                item.setExpanded(item.data(0, VALUE) in self._expanded)

    def set_tags(self, counts: list[tuple[str, int | None]]) -> None:
        """(name, photo count or None while it is not known yet)."""
        current = self._current_value(TAG)
        known = {}  # counts shown now: kept while new names arrive without theirs
        for i in range(self.tags_header.childCount()):
            child = self.tags_header.child(i)
            if child.data(0, KIND) == TAG:
                known[child.data(0, VALUE)] = child.text(1)
        self.tree.blockSignals(True)
        for item in [self.tags_header.child(i) for i in range(self.tags_header.childCount())]:
            if item.data(0, KIND) == TAG:
                self.tags_header.removeChild(item)
        for i, (name, count) in enumerate(counts):
            item = QTreeWidgetItem([name, known.get(name, "") if count is None else number(count)])
            self.tags_header.insertChild(i, item)
            item.setIcon(0, icon("tag"))
            item.setData(0, KIND, TAG)
            item.setData(0, VALUE, name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setSizeHint(0, QSize(10, 28))
            item.setToolTip(0, self.tr("Click to show the photos tagged {tag}; double-click to edit the tag")
                            .format(tag=name))
            if name == current:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self._fit_counts()

    def set_duplicate_count(self, groups: int | None) -> None:
        self.duplicates_item.setText(1, "" if groups is None else number(groups))
        self._fit_counts()

    def set_photo_count(self, count: int) -> None:
        self.all_item.setText(1, number(count))
        self._fit_counts()

    def select(self, kind: str, value: str = "") -> None:
        for item in self._items():
            if item.data(0, KIND) == kind and (item.data(0, VALUE) or "") == value:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(False)
                self.remove_button.setEnabled(kind == FOLDER and item.parent() is self.folders_header)
                return

    def select_dates(self, first, last) -> None:
        """The year or month entry of exactly this range, if there is one (else the selection stays)."""
        for kind, value in ((YEAR, str(first.year)), (MONTH, f"{first.year}-{first.month:02d}")):
            if date_range(value) == (first, last):
                self.select(kind, value)

    def _fit_counts(self) -> None:
        """The count column as wide as its widest count, so no count is cut to "…"."""
        texts = [item.text(1) for item in self._items()] if self.tree.topLevelItemCount() else []
        widest = max([self.fontMetrics().horizontalAdvance(t) for t in texts] + [
            self.fontMetrics().horizontalAdvance("000")])
        self.tree.header().resizeSection(1, widest + 36)  # the items' padding (style.qss) included

    def _items(self):
        for i in range(self.tree.topLevelItemCount()):
            yield from _descendants(self.tree.topLevelItem(i))

    def _current_value(self, kind: str) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, VALUE) if item is not None and item.data(0, KIND) == kind else None

    # -- clicks ---------------------------------------------------------------------------------
    def _clicked(self, item: QTreeWidgetItem, column: int = 0, passing: bool = False) -> None:
        kind, value = item.data(0, KIND), item.data(0, VALUE)
        self.remove_button.setEnabled(kind == FOLDER and item.parent() is self.folders_header)
        if kind == ALL:
            self.showAll.emit()
        elif kind == FOLDER:
            self.showFolder.emit(value)
        elif kind == TAG:
            self.showTag.emit(value)
        elif kind == DUPLICATES:
            self.showDuplicates.emit(not passing)
        elif kind == REMOVED:
            self.showRemoved.emit()
        elif kind in (YEAR, MONTH):
            self.showDates.emit(*date_range(value))
        elif kind == TAG_EDITOR:
            self.editTag.emit(self._last_tag)
        if kind == TAG:
            self._last_tag = value

    def _double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if item.data(0, KIND) == TAG:
            self.editTag.emit(item.data(0, VALUE))

    def _remove_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.parent() is self.folders_header:  # a watched folder, not a subfolder
            self.removeFolder.emit(item.data(0, VALUE))

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        kind, value = item.data(0, KIND), item.data(0, VALUE)
        menu = QMenu(self)
        if kind == FOLDER:
            from .actions import show_in_folder

            menu.addAction(icon("folder-open"), self.tr("Open in the file manager"),
                           lambda: show_in_folder(value.rstrip(os.sep)))
            if item.parent() is self.folders_header:
                menu.addAction(icon("folder-remove"), self.tr("Remove from the library…"),
                               lambda: self.removeFolder.emit(value))
        elif kind == TAG:
            menu.addAction(icon("tag"), self.tr("Edit tag…"), lambda: self.editTag.emit(value))
        elif kind == HEADER and item is self.folders_header:
            menu.addAction(icon("folder-add"), self.tr("Add a folder…"), self.addFolder.emit)
        elif kind == HEADER and item is self.tags_header:
            menu.addAction(icon("tag-add"), self.tr("New tag…"), lambda: self.editTag.emit(""))
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(pos))


def _descendants(item: QTreeWidgetItem):
    for i in range(item.childCount()):
        child = item.child(i)
        yield child
        yield from _descendants(child)


def date_range(value: str) -> tuple[date, date]:
    """"2024" or "2024-03" -> its first and last day."""
    year, _, month = value.partition("-")
    if not month:
        return date(int(year), 1, 1), date(int(year), 12, 31)
    y, m = int(year), int(month)
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
