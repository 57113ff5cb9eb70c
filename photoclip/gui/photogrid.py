"""The thumbnail grid: a list model of photos, a delegate that paints them, and the view.

The model holds plain `PhotoItem`s prepared by a background job (the GUI thread only swaps the
list in). Thumbnails come from the `ThumbnailLoader` when a cell is painted; their arrival is
merged into one `dataChanged` per short interval, so 300 thumbnails landing at once cost one
repaint, not 300.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

import numpy as np
from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ..core.util import newest_first
from .matchwords import match_text, reason_text
from .resources import pixmap
from .texts import date_text, size_text
from .thumbnails import ThumbnailLoader
from .widgets import EmptyState

ItemRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
TagsRole = Qt.ItemDataRole.UserRole + 3  # the tags a photo carries (names)

# Decision states a photo can carry in the tag editor.
CONFIRMED, REJECTED, AUTO = "confirmed", "rejected", "auto"


@dataclass(slots=True)
class PhotoItem:
    photo_id: int
    path: str
    mtime_ns: int
    size: int = 0
    width: int | None = None
    height: int | None = None
    taken: str | None = None  # ISO date from EXIF
    score: float | None = None
    state: str | None = None  # tag editor: CONFIRMED, REJECTED, AUTO or None
    relevance: float | None = None  # a search's calibrated judgement: 0.5 and up is a relevant match
    reasons: tuple | None = None  # the tag editor: why the photo carries the tag (core.tags.Reason)
    text: tuple[str, ...] = ()  # a search's words found written in the photo, as read
    text_boxes: tuple[tuple[float, float, float, float], ...] = ()  # where (fractions of the photo)

    @property
    def weaker(self) -> bool:
        return self.relevance is not None and self.relevance < 0.5

    @property
    def when(self) -> datetime:
        if self.taken:
            try:
                return datetime.fromisoformat(self.taken)
            except ValueError:
                pass
        return datetime.fromtimestamp(self.mtime_ns / 1e9)

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def folder(self) -> str:
        return os.path.dirname(self.path)


def items_from_rows(rows, scores: dict[int, float] | None = None) -> list[PhotoItem]:
    """PhotoItems from catalog PhotoRows (runs in a job: 100,000 of them take a moment)."""
    scores = scores or {}
    return [PhotoItem(r.id, r.path, r.mtime_ns, r.size, r.width, r.height, r.taken, scores.get(r.id))
            for r in rows]


class RankedItems(Sequence):
    """A search's PhotoItems, each made when its row is first asked for: a search lists every
    photo of the library, but a view shows a few dozen at a time, and 100,000 PhotoItems take
    seconds to make. Holds the ranking's arrays and each photo's catalog details (aligned: a
    `store.photo_details` tuple per row)."""

    def __init__(self, ranking, details: list[tuple]):
        self.ranking, self.details = ranking, details
        self.ids: list[int] = ranking.ids.tolist()
        self.made: list[PhotoItem | None] = [None] * len(details)

    def __len__(self) -> int:
        return len(self.details)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        item = self.made[row]
        if item is None:
            row %= len(self)
            path, size, mtime_ns, width, height, taken = self.details[row]
            found = self.ranking.written.get(self.ids[row])
            item = PhotoItem(self.ids[row], path, mtime_ns, size, width, height, taken,
                             float(self.ranking.scores[row]), relevance=float(self.ranking.relevance[row]))
            if found:
                item.text, item.text_boxes = tuple(found.words), tuple(found.boxes)
            self.made[row] = item
        return item

    def adopt(self, start: Sequence[PhotoItem]) -> None:
        """This list goes on from `start` (its first page): the items made for it so far serve here
        too (call on the GUI thread, where they are made)."""
        if isinstance(start, RankedItems):
            self.made[:len(start.made)] = start.made


class PhotoList:
    """Photos for a grid, with their lookups built where the list is made (in a job, off the GUI thread)."""

    def __init__(self, items: Sequence[PhotoItem] | None = None, relevant: int | None = None,
                 count: int | None = None):
        self.items = items if items is not None else []
        self.relevant = relevant  # a search: how many photos at the front are relevant (None: not a search)
        self.count = len(self.items) if count is None else count  # more than `items` while the rest is on its way
        if isinstance(self.items, RankedItems):  # without making every PhotoItem
            self.ids, paths = self.items.ids, [d[0] for d in self.items.details]
        else:
            self.ids, paths = [it.photo_id for it in self.items], [it.path for it in self.items]
        self.rows_by_path = dict(zip(paths, range(len(paths))))  # a path is one photo
        self.rows_by_id = dict(zip(self.ids, range(len(self.ids))))
        self.change = None  # (a shown PhotoList, plan_change(it, self)), worked out in the job

    def __len__(self) -> int:
        return len(self.items)


def sort_by_date(items: list[PhotoItem]) -> list[PhotoItem]:
    """Newest first: by EXIF date where there is one, else the file's time."""
    return newest_first(items, lambda i: (i.taken, i.mtime_ns))


MAX_RUNS = 300  # more separate insertions or removals than this: one reset is cheaper


def plan_change(old: PhotoList, new: PhotoList):
    """How `old` becomes `new` by removing and inserting rows: (removed runs, inserted runs), each
    a list of (first, last) rows; False when the photos in both changed order or the runs are too
    many. 100,000 photos take a tenth of a second: a job works it out, not the GUI thread."""
    old_ids, new_ids = old.ids, new.ids
    old_set, new_set = set(old_ids), set(new_ids)
    if [i for i in old_ids if i in new_set] != [i for i in new_ids if i in old_set]:
        return False
    removed = _runs([i not in new_set for i in old_ids])
    inserted = _runs([i not in old_set for i in new_ids])
    return (removed, inserted) if len(removed) + len(inserted) <= MAX_RUNS else False


def with_change(photos: PhotoList, shown: PhotoList | None) -> PhotoList:
    """`photos` carrying how the grid gets there from `shown` (None: a new list, no change to work
    out). Call it in the job that made the photos: the GUI thread only applies the plan."""
    if shown is not None:
        photos.change = (shown, plan_change(shown, photos))
    return photos


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first, last) index of each run of True."""
    runs, start = [], None
    for i, flag in enumerate(flags):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(flags) - 1))
    return runs


class _Spliced(Sequence):
    """The rows while a grid turns `old` into `new` row run by row run: each row's photo is a row
    of either list (no PhotoItem made for rows no view asks for; see RankedItems)."""

    def __init__(self, old: Sequence[PhotoItem], new: Sequence[PhotoItem]):
        self.old, self.new = old, new
        self.rows = np.arange(len(old))  # >= 0: that row of `old`; < 0: row -1 - r of `new`

    def remove(self, first: int, last: int) -> None:
        self.rows = np.delete(self.rows, np.s_[first:last + 1])

    def insert(self, first: int, last: int) -> None:
        """Rows first..last of the new list, in at `first`."""
        self.rows = np.insert(self.rows, first, -1 - np.arange(first, last + 1))

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        source = int(self.rows[row])
        return self.old[source] if source >= 0 else self.new[-1 - source]


class PhotoGridModel(QAbstractListModel):
    def __init__(self, thumbnails: ThumbnailLoader, parent=None):
        super().__init__(parent)
        self.thumbnails = thumbnails
        self._list = PhotoList()
        self._items: list[PhotoItem] = []
        self._changed: set[int] = set()
        self.tags: dict[int, tuple[str, ...]] = {}  # photo id -> tags it carries
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(30)
        self._flush.timeout.connect(self._emit_changed)
        thumbnails.ready.connect(self._thumbnail_ready)
        thumbnails.stopped.connect(self._flush.stop)  # nothing left to repaint for: no timer outlives the window

    # -- contents ---------------------------------------------------------------------------
    def set_photos(self, photos: PhotoList) -> None:
        self.beginResetModel()
        self._list = photos
        self._items = photos.items
        self._changed.clear()
        self.endResetModel()

    def update_photos(self, photos: PhotoList) -> bool:
        """Change the list in place, rows removed and inserted (no reset), so views keep their
        selection and place. False, with nothing done, when the photos that stay changed order
        (a new sort) or the change is too scattered to be worth it. The plan comes with the
        photos where the job that made them had the shown list (see `plan_change`)."""
        shown, plan = photos.change or (None, None)
        if shown is not self._list:
            plan = plan_change(self._list, photos)
        photos.change = None  # the old list may go
        if plan is False:
            return False
        removed, inserted = plan
        items = self._items = _Spliced(self._items, photos.items)
        for start, end in reversed(removed):  # bottom up: earlier rows keep their numbers
            self.beginRemoveRows(QModelIndex(), start, end)
            items.remove(start, end)
            self.endRemoveRows()
        for start, end in inserted:  # top down: rows before `start` already match the new list
            self.beginInsertRows(QModelIndex(), start, end)
            items.insert(start, end)
            self.endInsertRows()
        self._list, self._items = photos, photos.items  # the same photos in the same order, fresh details
        self._changed.clear()
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))
        return True

    def extend(self, photos: PhotoList) -> None:
        """The rest of the shown list: `photos` starts with the shown photos, the others come in
        below them (views keep their selection and place)."""
        first, last = len(self._items), len(photos.items) - 1
        if isinstance(photos.items, RankedItems):
            photos.items.adopt(self._items)
        if last < first:
            self._list, self._items = photos, photos.items
            return
        self.beginInsertRows(QModelIndex(), first, last)
        self._list, self._items = photos, photos.items
        self.endInsertRows()

    def photos(self) -> PhotoList:
        return self._list

    def items(self) -> list[PhotoItem]:
        return self._items

    def item(self, row: int) -> PhotoItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def set_tags(self, tags: dict[int, tuple[str, ...]]) -> None:
        """Which tags each photo carries (their badges and tooltips)."""
        if tags != self.tags:
            self.tags = tags
            if self._items:
                self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1), [TagsRole])

    def tags_of(self, item: PhotoItem) -> tuple[str, ...]:
        return self.tags.get(item.photo_id, ())

    def row_of(self, photo_id: int) -> int | None:
        return self._list.rows_by_id.get(photo_id)

    def set_states(self, states: dict[int, str | None]) -> None:
        """Change the tag-decision badges of some photos (by photo id)."""
        for photo_id, state in states.items():
            row = self.row_of(photo_id)
            if row is not None:
                self._items[row].state = state
                self._changed.add(row)
        self._flush.start()

    # -- Qt's model interface ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._items)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnails.get(item.path, item.mtime_ns)
        if role == ItemRole:
            return item
        if role == StateRole:
            return item.state
        if role == TagsRole:
            return self.tags.get(item.photo_id, ())
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return item.name
        return None

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self):
        return ["text/uri-list"]

    def mimeData(self, indexes):
        from PySide6.QtCore import QMimeData, QUrl

        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(self._items[i.row()].path) for i in indexes if i.isValid()])
        return data

    def _tooltip(self, item: PhotoItem) -> str:
        lines = [f"<b>{escape(item.name)}</b>"]
        if item.relevance is not None:
            lines.append(escape(match_text(item.relevance)))
        lines += [escape(reason_text(r)) for r in item.reasons or ()]
        date = date_text(item.when)
        lines.append(self.tr("Taken: {date}").format(date=escape(date)) if item.taken
                     else self.tr("File date: {date}").format(date=escape(date)))
        if item.width and item.height:
            lines.append(self.tr("{width} × {height} pixels, {size}").format(
                width=item.width, height=item.height, size=size_text(item.size)))
        lines.append(self.tr("Folder: {folder}").format(folder=escape(item.folder)))
        if tags := self.tags_of(item):
            lines.append(self.tr("Tags: {tags}").format(tags=escape(", ".join(tags))))
        return "<br>".join(lines)

    # -- thumbnails arriving ------------------------------------------------------------------
    def _thumbnail_ready(self, path: str) -> None:
        row = self._list.rows_by_path.get(path)
        if row is not None:
            self._changed.add(row)
            if not self._flush.isActive():
                self._flush.start()

    def _emit_changed(self) -> None:
        if not self._changed:
            return
        lo, hi = min(self._changed), max(self._changed)
        self._changed.clear()
        hi = min(hi, len(self._items) - 1)
        if lo <= hi:
            self.dataChanged.emit(self.index(lo), self.index(hi),
                                  [Qt.ItemDataRole.DecorationRole, StateRole])


class PhotoDelegate(QStyledItemDelegate):
    """Square, rounded, cropped-to-fill thumbnails; a selection ring; tag-decision badges.

    With `decisions=True` (the tag editor) a hovered cell shows confirm and reject buttons.
    """

    decide = Signal(QModelIndex, str)  # the index and CONFIRMED or REJECTED

    PAD = 4

    def __init__(self, parent=None, decisions: bool = False):
        super().__init__(parent)
        self.cell = 168
        self.decisions = decisions
        self._scaled: OrderedDict[tuple, QPixmap] = OrderedDict()
        self.hover_row = -1

    def sizeHint(self, option, index) -> QSize:
        return QSize(self.cell, self.cell)

    def image_rect(self, cell: QRect) -> QRect:
        return cell.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)

    def button_rects(self, cell: QRect) -> tuple[QRect, QRect]:
        """Where the confirm and reject buttons of a hovered cell are."""
        r = self.image_rect(cell)
        side = max(22, min(32, r.width() // 5))
        y = r.bottom() - side - 6
        reject = QRect(r.right() - side - 6, y, side, side)
        confirm = QRect(reject.left() - side - 6, y, side, side)
        return confirm, reject

    def _pixmap(self, image: QImage, key: tuple, side: int, dpr: float) -> QPixmap:
        full = (*key, side, dpr)
        pm = self._scaled.get(full)
        if pm is not None:
            self._scaled.move_to_end(full)
            return pm
        px = int(side * dpr)
        pm = QPixmap.fromImage(image.scaled(px, px, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
        pm.setDevicePixelRatio(dpr)
        self._scaled[full] = pm
        while len(self._scaled) > 800:
            self._scaled.popitem(last=False)
        return pm

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item: PhotoItem = index.data(ItemRole)
        if item is None:
            return
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        r = self.image_rect(option.rect)
        path = QPainterPath()
        path.addRoundedRect(QRectF(r), 6, 6)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.fillPath(path, palette.color(QPalette.ColorRole.AlternateBase).darker(104))
        if image is None or image.isNull():
            name = "photos" if image is None else "warning"
            side = min(32, r.width() // 3)
            painter.setOpacity(0.35)
            painter.drawPixmap(QRect(r.center().x() - side // 2, r.center().y() - side // 2, side, side),
                               pixmap(name, side, palette.color(QPalette.ColorRole.Text)))
            painter.setOpacity(1.0)
        else:
            dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
            # The whole photo, fitted into the tile: a crop could hide what the search found.
            pm = self._pixmap(image, (item.path, item.mtime_ns), r.width() - 8, dpr)
            size = pm.deviceIndependentSize().toSize()
            target = QRect(r.center().x() - size.width() // 2 + 1, r.center().y() - size.height() // 2 + 1,
                           size.width(), size.height())
            clip = QPainterPath()
            clip.addRoundedRect(QRectF(target), 3, 3)
            painter.setClipPath(clip)
            if item.state == REJECTED or item.weaker:
                painter.setOpacity(0.45)
            painter.drawPixmap(target, pm)
            painter.setOpacity(1.0)
            painter.setClipping(False)
        if hovered and not selected:
            painter.fillPath(path, QColor(255, 255, 255, 28))
        if selected:
            ring = palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(Qt.PenStyle.NoPen)
            tint = QColor(ring)
            tint.setAlpha(50)
            painter.fillPath(path, tint)
            pen = painter.pen()
            pen.setStyle(Qt.PenStyle.SolidLine)
            pen.setColor(ring)
            pen.setWidthF(3.0)
            painter.setPen(pen)
            painter.drawRoundedRect(QRectF(r).adjusted(1.5, 1.5, -1.5, -1.5), 5, 5)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if focused:  # the keyboard's place: a ring of its own, also inside a selected cell's
            pen = QPen(palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight))
            pen.setWidthF(2.0)
            pen.setStyle(Qt.PenStyle.DashLine if selected else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(r).adjusted(4, 4, -4, -4), 4, 4)
        if item.state in (CONFIRMED, REJECTED):
            self._badge(painter, r, item.state)
        tags = index.data(TagsRole)
        if tags and not self.decisions:
            self._tags_badge(painter, r, tags, option.font)
        if self.decisions and (hovered or focused):  # Y and N do the same from the keyboard
            confirm, reject = self.button_rects(option.rect)
            self._round_button(painter, confirm, "check", QColor("#2e9d5b"), item.state == CONFIRMED)
            self._round_button(painter, reject, "close", QColor("#d64545"), item.state == REJECTED)
        painter.restore()

    def _badge(self, painter: QPainter, r: QRect, state: str) -> None:
        side = max(18, min(26, r.width() // 7))
        badge = QRect(r.right() - side - 5, r.top() + 5, side, side)
        color = QColor("#2e9d5b") if state == CONFIRMED else QColor("#d64545")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(badge)
        inner = badge.adjusted(side // 5, side // 5, -side // 5, -side // 5)
        painter.drawPixmap(inner, pixmap("check" if state == CONFIRMED else "close", inner.width(), "#ffffff"))

    def _tags_badge(self, painter: QPainter, r: QRect, tags: tuple[str, ...], font) -> None:
        """A pill in the bottom left: the tag icon, the first tag's name, "+n" for the rest."""
        metrics = painter.fontMetrics()
        more = f" +{len(tags) - 1}" if len(tags) > 1 else ""
        height = metrics.height() + 4
        room = r.width() - 16 - height
        if room < 30:
            return
        text = metrics.elidedText(tags[0], Qt.TextElideMode.ElideRight,
                                  room - metrics.horizontalAdvance(more)) + more
        width = min(r.width() - 12, height + metrics.horizontalAdvance(text) + 8)
        pill = QRect(r.left() + 6, r.bottom() - height - 6, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(20, 20, 20, 180))
        painter.drawRoundedRect(QRectF(pill), height / 2, height / 2)
        glyph = QRect(pill.left() + 4, pill.top() + 3, height - 6, height - 6)
        painter.drawPixmap(glyph, pixmap("tag", glyph.width(), "#ffffff"))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill.adjusted(height, 0, -4, 0),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)

    def _round_button(self, painter: QPainter, rect: QRect, name: str, color: QColor, active: bool) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color if active else QColor(20, 20, 20, 170))
        painter.drawEllipse(rect)
        inner = rect.adjusted(rect.width() // 4, rect.height() // 4, -rect.width() // 4, -rect.height() // 4)
        painter.drawPixmap(inner, pixmap(name, inner.width(), "#ffffff"))

    def editorEvent(self, event, model, option, index) -> bool:
        if (self.decisions and event.type() == QEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton):
            confirm, reject = self.button_rects(option.rect)
            pos = event.position().toPoint()
            if confirm.contains(pos):
                self.decide.emit(index, CONFIRMED)
                return True
            if reject.contains(pos):
                self.decide.emit(index, REJECTED)
                return True
        return super().editorEvent(event, model, option, index)


class PhotoGrid(QListView):
    """A grid of square thumbnails that fills its width; Enter or Space opens a preview."""

    previewRequested = Signal(QModelIndex)
    zoomChanged = Signal(int)

    MIN_CELL, MAX_CELL = 96, 360

    def __init__(self, model: PhotoGridModel, parent=None, decisions: bool = False):
        super().__init__(parent)
        self.setModel(model)
        self.grid_delegate = PhotoDelegate(self, decisions=decisions)
        self.setItemDelegate(self.grid_delegate)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(2000)
        self.setMovement(QListView.Movement.Static)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setObjectName("PhotoGrid")
        self.target_cell = 168
        self.empty = EmptyState(self.viewport())
        self.empty.hide()
        self.doubleClicked.connect(self.previewRequested)

    def photo_model(self) -> PhotoGridModel:
        return self.model()

    def current_item(self) -> PhotoItem | None:
        index = self.currentIndex()
        return index.data(ItemRole) if index.isValid() else None

    def selected_items(self) -> list[PhotoItem]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        items = [self.photo_model().item(r) for r in rows]
        if not items and self.current_item() is not None:
            items = [self.current_item()]
        return [i for i in items if i is not None]

    def show_photos(self, photos: PhotoList, keep_place: bool) -> None:
        """New photos for the grid. With `keep_place` (the same query, the library changed) the
        selection stays, and what the user looks at stays where it is on screen: the current photo
        when it is in view, else the photo at the top left; else from the top."""
        model = self.photo_model()
        if not keep_place or not model.rowCount():
            model.set_photos(photos)
            self.scrollToTop()
            return
        current, top = self._anchors()
        if model.update_photos(photos):  # rows inserted and removed: the photos that stay kept their order
            anchors = (current, top)
        else:  # the order changed (the current photo may be the one that moved): a reset, then found again
            anchors = (top,)
            place = self.remember_place()
            model.set_photos(photos)
            self.restore_place(place, scroll=top is None)
        for anchor in anchors:
            if anchor is not None and self._to_anchor(*anchor):
                return

    def _anchors(self) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """(the current photo if it is in view, the photo at the top left), each as (photo id, how
        far its cell's top is from the viewport's). A grid shifts its columns differently when rows
        come in above (a photo may wrap to the next row), so one photo is kept in place: the one
        the user is on."""
        def anchor(index):
            return (index.data(ItemRole).photo_id, self.visualRect(index).top()) if index.isValid() else None

        current = self.currentIndex()
        in_view = current.isValid() and self.visualRect(current).intersects(self.viewport().rect())
        return (anchor(current) if in_view else None,
                anchor(self.indexAt(QPoint(self.grid_delegate.cell // 2, self.grid_delegate.cell // 2))))

    def _to_anchor(self, photo_id: int, top: int) -> bool:
        """Scroll so that this photo's cell top is `top` again; False if the photo is gone."""
        row = self.photo_model().row_of(photo_id)
        if row is None:
            return False
        self._layout_now()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.visualRect(self.photo_model().index(row)).top() - top)
        return True

    def _layout_now(self) -> None:
        """Lay out every row now (batched layout would place the rows past the first batch later,
        and the scroll range would not reach them yet)."""
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.doItemsLayout()
        self.setLayoutMode(QListView.LayoutMode.Batched)

    def remember_place(self) -> tuple[int | None, int | None, list[int]]:
        """(photo at the top left, current photo, selected photos), to find them again after a reset."""
        top = self.indexAt(QPoint(self.grid_delegate.cell // 2, self.grid_delegate.cell // 2))
        current = self.current_item()
        return (top.data(ItemRole).photo_id if top.isValid() else None,
                current.photo_id if current is not None else None,
                [i.photo_id for i in self.selected_items()])

    def restore_place(self, place: tuple[int | None, int | None, list[int]], scroll: bool = True) -> None:
        top, current, selected = place
        model = self.photo_model()
        if current is not None and (row := model.row_of(current)) is not None:
            self.setCurrentIndex(model.index(row))
        selection = self.selectionModel()
        for photo_id in selected:
            if (row := model.row_of(photo_id)) is not None:
                selection.select(model.index(row), selection.SelectionFlag.Select)
        if scroll and top is not None and (row := model.row_of(top)) is not None:
            self._layout_now()
            self.scrollTo(model.index(row), QAbstractItemView.ScrollHint.PositionAtTop)

    def set_zoom(self, cell: int) -> None:
        self.target_cell = max(self.MIN_CELL, min(self.MAX_CELL, cell))
        self._fit_cells()
        self.zoomChanged.emit(self.target_cell)

    def _fit_cells(self) -> None:
        """Cells as close to the target size as fills the width exactly (no ragged right edge)."""
        width = self.viewport().width() - 1
        if not self.verticalScrollBar().isVisible():  # it may appear once laid out: leave it room
            width -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        columns = max(1, round(width / self.target_cell))
        cell = max(self.MIN_CELL // 2, width // columns)
        if cell != self.grid_delegate.cell:
            self.grid_delegate.cell = cell
            self.verticalScrollBar().setSingleStep(max(20, cell // 3))
            self.scheduleDelayedItemsLayout()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self._paint_divider()

    def _paint_divider(self) -> None:
        """Where a search's relevant photos end: a line around the last relevant row's end and
        a "Weaker matches" label on the first weaker photo (which, like all below it, is dimmed)."""
        model = self.photo_model()
        first = model.photos().relevant
        if not first or first >= model.rowCount():
            return
        cell = self.visualRect(model.index(first))
        if not cell.isValid() or not self.viewport().rect().adjusted(0, -cell.height(), 0, 0).intersects(cell):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = self.palette().color(QPalette.ColorRole.Highlight)
        pen = painter.pen()
        pen.setColor(color)
        pen.setWidthF(2.0)
        painter.setPen(pen)
        left, right = 0, self.viewport().width() - 1
        top, bottom, x = cell.top() + 1, cell.bottom() + 1, cell.left() + 1
        if cell.left() <= self.grid_delegate.PAD:  # the weaker ones start a row: one straight line
            painter.drawLine(left, top, right, top)
        else:  # a step: over the weaker cells of this row, down, under the relevant ones
            painter.drawPolyline([QPoint(right, top), QPoint(x, top), QPoint(x, bottom), QPoint(left, bottom)])
        text = self.tr("Weaker matches")
        metrics = painter.fontMetrics()
        pill = QRect(x + 8, top - metrics.height() // 2 - 3, metrics.horizontalAdvance(text) + 16,
                     metrics.height() + 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(pill), pill.height() / 2, pill.height() / 2)
        painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_cells()
        self.empty.setGeometry(self.viewport().rect())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and \
                not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if self.currentIndex().isValid():
                self.previewRequested.emit(self.currentIndex())
                return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 24 if event.angleDelta().y() > 0 else -24
            self.set_zoom(self.target_cell + step)
            return
        super().wheelEvent(event)

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self.viewport().update()
