"""A large preview of one photo with its EXIF details; Left and Right step through the grid."""
from __future__ import annotations

import warnings
from dataclasses import dataclass

from PIL import ExifTags, Image
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .actions import copy_paths, open_file, show_in_folder
from .matchwords import match_text
from .photogrid import PhotoGridModel, PhotoItem
from .resources import icon
from .texts import date_text, size_text
from .thumbnails import load_image, qimage_from_pil

PREVIEW_SIDE = 2048  # decoded no larger than this: sharp on a 4K screen, quick to load

# EXIF fields worth showing, in this order (PIL's names).
_EXIF_FIELDS = ("Make", "Model", "LensModel", "DateTimeOriginal", "ExposureTime", "FNumber",
                "ISOSpeedRatings", "FocalLength", "Flash", "Software", "Artist", "Copyright")


@dataclass
class Preview:
    image: QImage
    width: int
    height: int
    exif: list[tuple[str, str]]


def read_preview(path: str) -> Preview:
    """Runs in a job: the photo at screen size plus its EXIF fields."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(path) as img:
            width, height = img.size
            raw = img.getexif()
            fields = dict(raw.items())
            fields.update(raw.get_ifd(0x8769).items())  # the Exif sub-IFD: exposure, lens, date taken
    named = {ExifTags.TAGS.get(k, str(k)): v for k, v in fields.items()}
    exif = []
    for name in _EXIF_FIELDS:
        value = named.get(name)
        if value is None or value == "":
            continue
        if name == "ExposureTime" and float(value) and float(value) < 1:
            value = f"1/{round(1 / float(value))} s"
        elif name == "FNumber":
            value = f"f/{float(value):.1f}"
        elif name == "FocalLength":
            value = f"{float(value):.0f} mm"
        exif.append((name, str(value).strip("\x00 ")))
    return Preview(qimage_from_pil(load_image(path, PREVIEW_SIDE)), width, height, exif)


class ScaledImage(QLabel):
    """Shows an image as large as fits, keeping its aspect ratio."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(200, 200)
        self._pixmap: QPixmap | None = None

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = QPixmap.fromImage(image) if image is not None and not image.isNull() else None
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._pixmap is None:
            self.setPixmap(QPixmap())
            return
        dpr = self.devicePixelRatioF()
        target = self.size() * dpr
        scaled = self._pixmap.scaled(target, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(dpr)
        self.setPixmap(scaled)


class PreviewDialog(QDialog):
    moreLikeThis = Signal(str)
    loaded = Signal()

    def __init__(self, session, model: PhotoGridModel, row: int, parent=None):
        super().__init__(parent)
        self.setObjectName("Preview")
        self.session = session
        self.grid_model = model
        self.row = row
        self._job = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        room = (parent.screen() if parent is not None else self.screen()).availableGeometry().size()
        self.resize(QSize(1100, 720).boundedTo(room))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        stage = QWidget(objectName="PreviewStage")
        stage_layout = QHBoxLayout(stage)
        self.back = QToolButton(icon=icon("chevron-left", "#ffffff"), autoRaise=True)
        self.back.setIconSize(QSize(28, 28))
        self.back.setToolTip(self.tr("Previous photo (Left)"))
        self.back.clicked.connect(lambda: self.step(-1))
        self.forward = QToolButton(icon=icon("chevron-right", "#ffffff"), autoRaise=True)
        self.forward.setIconSize(QSize(28, 28))
        self.forward.setToolTip(self.tr("Next photo (Right)"))
        self.forward.clicked.connect(lambda: self.step(1))
        self.image = ScaledImage()
        stage_layout.addWidget(self.back)
        stage_layout.addWidget(self.image, 1)
        stage_layout.addWidget(self.forward)
        layout.addWidget(stage, 1)

        side = QWidget(objectName="PreviewSide")
        side.setFixedWidth(300)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(16, 16, 16, 16)
        self.title = QLabel(objectName="PreviewTitle", wordWrap=True)
        side_layout.addWidget(self.title)
        buttons = QHBoxLayout()
        for name, tip, slot in (
                ("similar", self.tr("More like this (M)"), self._more_like),
                ("open-external", self.tr("Open in the default viewer"), lambda: open_file(self.item.path)),
                ("folder-open", self.tr("Show in folder"), lambda: show_in_folder(self.item.path)),
                ("copy", self.tr("Copy path"), lambda: copy_paths([self.item.path]))):
            b = QToolButton(icon=icon(name), toolTip=tip)
            b.setIconSize(QSize(20, 20))
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        side_layout.addLayout(buttons)
        self.details = QFormLayout()
        self.details.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        details = QWidget()
        details.setLayout(self.details)
        scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        scroll.setWidget(details)
        side_layout.addWidget(scroll, 1)
        layout.addWidget(side)

        for key, slot in ((Qt.Key.Key_Left, lambda: self.step(-1)), (Qt.Key.Key_Right, lambda: self.step(1)),
                          (Qt.Key.Key_M, self._more_like)):
            QShortcut(QKeySequence(key), self, slot)
        self.show_row(row)

    @property
    def item(self) -> PhotoItem:
        return self.grid_model.item(self.row)

    def step(self, delta: int) -> None:
        row = self.row + delta
        if 0 <= row < self.grid_model.rowCount():
            self.show_row(row)

    def show_row(self, row: int) -> None:
        self.row = row
        item = self.item
        self.setWindowTitle(self.tr("{name} – PhotoClip").format(name=item.name))
        self.back.setEnabled(row > 0)
        self.forward.setEnabled(row + 1 < self.grid_model.rowCount())
        self.title.setText(item.name)
        thumb = self.session.thumbnails.get(item.path, item.mtime_ns)
        self.image.set_image(thumb)  # the thumbnail until the full picture arrives
        self._fill_details(item, None)
        if self._job is not None:
            self._job.cancel()
        path = item.path
        self._job = self.session.files.submit(lambda ctx: read_preview(path), lambda p: self._loaded(row, p),
                                              lambda e: self._failed(row, e), key="preview")

    def _loaded(self, row: int, preview: Preview) -> None:
        if row != self.row:
            return
        self.image.set_image(_highlight(preview.image, self.item.text_boxes))
        self._fill_details(self.item, preview)
        self.loaded.emit()

    def _failed(self, row: int, error: Exception) -> None:
        if row == self.row:
            self.image.set_image(None)
            self.image.setText(self.tr("This photo cannot be shown: {error}").format(error=error))

    def _fill_details(self, item: PhotoItem, preview: Preview | None) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        rows = [(self.tr("Folder"), item.folder)]
        if item.relevance is not None:
            rows.append((self.tr("Match"), match_text(item.relevance)))
        if item.text:
            rows.append((self.tr("Text found"), " ".join(item.text)))
        width, height = (preview.width, preview.height) if preview else (item.width, item.height)
        if width and height:
            rows.append((self.tr("Size"), self.tr("{width} × {height} pixels").format(width=width, height=height)))
        rows.append((self.tr("File"), size_text(item.size)))

        when = date_text(item.when, long=True)
        rows.append((self.tr("Taken") if item.taken else self.tr("Modified"), when))
        tags = self.grid_model.tags_of(item)
        rows.append((self.tr("Tags"), ", ".join(tags) if tags else self.tr("None")))
        for name, value in (preview.exif if preview else []):
            rows.append((_exif_label(name), value))
        for label, value in rows:
            text = QLabel(value, wordWrap=True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(QLabel(label, objectName="DetailLabel"), text)

    def _more_like(self) -> None:
        self.moreLikeThis.emit(self.item.path)
        self.accept()

    def done(self, result: int) -> None:
        if self._job is not None:
            self._job.cancel()
        super().done(result)


def _highlight(image: QImage, boxes) -> QImage:
    """The photo with the words a search found in it marked (boxes are fractions of its size)."""
    if not boxes or image.isNull():
        return image
    marked = image.convertToFormat(QImage.Format.Format_ARGB32)
    painter = QPainter(marked)
    w, h = marked.width(), marked.height()
    painter.setPen(QPen(QColor(255, 200, 0), max(2, round(min(w, h) / 300))))
    painter.setBrush(QColor(255, 220, 0, 70))
    for x0, y0, x1, y1 in boxes:
        pad = 0.004
        painter.drawRect(round((x0 - pad) * w), round((y0 - pad) * h), round((x1 - x0 + 2 * pad) * w),
                         round((y1 - y0 + 2 * pad) * h))
    painter.end()
    return marked


def _exif_label(name: str) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        "Make": QCoreApplication.translate("Exif", "Camera maker"),
        "Model": QCoreApplication.translate("Exif", "Camera"),
        "LensModel": QCoreApplication.translate("Exif", "Lens"),
        "DateTimeOriginal": QCoreApplication.translate("Exif", "Original date"),
        "ExposureTime": QCoreApplication.translate("Exif", "Exposure"),
        "FNumber": QCoreApplication.translate("Exif", "Aperture"),
        "ISOSpeedRatings": QCoreApplication.translate("Exif", "ISO"),
        "FocalLength": QCoreApplication.translate("Exif", "Focal length"),
        "Flash": QCoreApplication.translate("Exif", "Flash"),
        "Software": QCoreApplication.translate("Exif", "Software"),
        "Artist": QCoreApplication.translate("Exif", "Artist"),
        "Copyright": QCoreApplication.translate("Exif", "Copyright"),
    }
    return labels.get(name, name)
