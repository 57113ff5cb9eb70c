"""The app's files that are not code: icons, the stylesheet and compiled translations.

They ship inside the package, in `photoclip/resources/`, and are read through
`importlib.resources`, so a checkout, an installed wheel and a PyInstaller bundle find them the
same way. (Their sources and the desktop files live in the repository's top-level `resources/`:
see resources/README.md.) Icons are single-colour SVGs drawn with `currentColor`, tinted here to
the palette so they suit light and dark themes alike.
"""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file of photoclip/resources (check .is_file(): a missing icon is no reason to crash)."""
    return files("photoclip").joinpath("resources", *parts)


@cache
def _svg(name: str) -> bytes | None:
    path = resource("icons", f"{name}.svg")
    return path.read_bytes() if path.is_file() else None


def render_svg(data: bytes, size: int, dpr: float = 1.0) -> QImage:
    image = QImage(int(size * dpr), int(size * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(QByteArray(data)).render(painter, QRectF(0, 0, size * dpr, size * dpr))
    painter.end()
    image.setDevicePixelRatio(dpr)
    return image


_icon_cache: dict[tuple[str, str], QIcon] = {}


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """A tinted icon from photoclip/resources/icons (an empty icon if the file is missing)."""
    app = QApplication.instance()
    if color is None:
        color = app.palette().color(QPalette.ColorRole.WindowText) if app else QColor("#333")
    color = QColor(color)
    key = (name, color.name(QColor.NameFormat.HexArgb))
    if key in _icon_cache:
        return _icon_cache[key]
    data = _svg(name)
    result = QIcon()
    if data is not None:
        tinted = data.replace(b"currentColor", color.name().encode())
        dpr = app.devicePixelRatio() if app and hasattr(app, "devicePixelRatio") else 1.0
        for size in (16, 20, 24, 32, 48):
            result.addPixmap(QPixmap.fromImage(render_svg(tinted, size, dpr)))
    _icon_cache[key] = result
    return result


def app_icon() -> QIcon:
    data = _svg("app")
    result = QIcon()
    if data is not None:
        for size in (16, 24, 32, 48, 64, 128, 256):
            result.addPixmap(QPixmap.fromImage(render_svg(data, size)))
    return result


def pixmap(name: str, size: int, color: QColor | str | None = None) -> QPixmap:
    return icon(name, color).pixmap(QSize(size, size))


def stylesheet() -> str:
    path = resource("style.qss")
    return path.read_text(encoding="utf-8") if path.is_file() else ""
