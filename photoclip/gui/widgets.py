"""Small widgets the pages share: a page's header bar, a message banner, an empty state."""
from __future__ import annotations

import os

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
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
        # Its whole text where there is room, down to nothing where not (Ignored got it no room at
        # all beside a stretch: the status bar's state was an icon without words).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

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


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto a new line where the width ends (Qt has none built in):
    in a narrow window the duplicates' cards stack instead of scrolling sideways."""

    def __init__(self, parent=None, spacing: int = 12):
        super().__init__(parent)
        self._items = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in `rect` (or only measure); returns the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            size = item.sizeHint()
            if x > area.x() and x + size.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), size))
            x += size.width() + self.spacing()
            line = max(line, size.height())
        return y + line - rect.y() + m.bottom()
