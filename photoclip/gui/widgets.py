"""Small widgets the pages share: a page's header bar, a message banner, an empty state."""
from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.util import is_under
from .resources import icon, pixmap


def page_layout(page: QWidget) -> tuple[QVBoxLayout, QHBoxLayout]:
    """A page's outer layout and the row of its header bar (search field, title, buttons)."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    bar = QWidget(objectName="SearchBar")
    row = QHBoxLayout(bar)
    row.setContentsMargins(16, 12, 16, 8)
    row.setSpacing(8)
    layout.addWidget(bar)
    return layout, row


class Banner(QFrame):
    """A one-line message across the top of a page, with an optional button."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("Banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self.icon = QLabel()
        self.text = QLabel(wordWrap=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        self._callback = None
        self.button.clicked.connect(lambda: self._callback and self._callback())

    def show_message(self, icon_name: str, text: str, button: str | None = None, callback=None) -> None:
        self.icon.setPixmap(icon(icon_name).pixmap(20, 20))
        self.text.setText(text)
        self.button.setVisible(bool(button))
        self.button.setText(button or "")
        self._callback = callback
        self.show()


class ElidedLabel(QLabel):
    """One line that shortens itself ("…") to the room it gets, the whole text in its tooltip:
    a long message never makes the window wider than the screen."""

    def __init__(self, text: str = "", parent=None, **kw):
        super().__init__(text, parent, **kw)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


class EmptyState(QWidget):
    """A centred icon, title, explanation and buttons, shown where a view has nothing to show."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("EmptyState")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.icon = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter)
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter, objectName="EmptyTitle")
        self.body = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter, objectName="EmptyBody", wordWrap=True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setFixedWidth(480)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addStretch(1)
        for w in (self.icon, self.title):
            layout.addWidget(w)
        layout.addWidget(self.body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(self.buttons)
        layout.addStretch(2)
        self._buttons: list[QPushButton] = []

    def show_state(self, icon_name: str, title: str, body: str = "",
                   actions: list[tuple[str, object, bool]] = ()) -> None:
        """actions: (label, callback, primary)."""
        color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.icon.setPixmap(pixmap(icon_name, 64, color))
        self.title.setText(title)
        self.body.setText(body)
        if body:
            self.body.setFixedHeight(self.body.heightForWidth(self.body.width()))  # all of it, wrapped
        self.body.setVisible(bool(body))
        for b in self._buttons:
            b.deleteLater()
        self._buttons = []
        for i, (label, callback, primary) in enumerate(actions):
            button = QPushButton(label)
            if primary:
                button.setObjectName("Primary")
                button.setDefault(True)
            button.clicked.connect(callback)
            self.buttons.insertWidget(1 + i, button)
            self._buttons.append(button)
        self.show()
        self.raise_()

    def button(self, text: str) -> QPushButton | None:
        return next((b for b in self._buttons if b.text() == text), None)



def home_relative(path: str) -> str:
    home = os.path.expanduser("~")
    return "~" + path[len(home):] if is_under(path, home, strict=True) else path
