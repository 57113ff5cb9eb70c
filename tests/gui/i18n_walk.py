"""Every text a user can read in a window: for the tests that check nothing is left in English."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
_TAG = re.compile(r"<[^>]+>")


def readable(text: str) -> str:
    """What the user reads: no HTML tags, no mnemonic ampersands ("&File", "文件(&F)")."""
    text = _TAG.sub(" ", text).replace("&&", "\0")
    text = re.sub(r"\(&\w\)", "", text).replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def visible_texts(window: QWidget) -> list[str]:
    """Texts of the window, its menus and actions, every child widget (shown or on another page)
    and every row of its item views (display texts and tooltips)."""
    texts = [window.windowTitle()]
    if isinstance(window, QMainWindow):
        texts.append(window.statusBar().currentMessage())
    for action in window.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    for widget in window.findChildren(QWidget):
        texts += [widget.toolTip(), widget.statusTip(), widget.accessibleName()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.placeholderText()]
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts += [widget.placeholderText(), widget.toPlainText()]
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model(), QModelIndex())
    return [t for t in (readable(t) for t in texts if t) if t]


def _model_texts(model, parent: QModelIndex) -> list[str]:
    out = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    out.append(value)
            out += _model_texts(model, index)
    return out


def messages(language: str) -> list[dict]:
    """The messages of a committed .ts file: context, source, numerus, translation forms."""
    root = ET.parse(TRANSLATIONS / f"photoclip_{language}.ts").getroot()
    out = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            out.append({"context": context.findtext("name"), "source": message.findtext("source"),
                        "numerus": message.get("numerus") == "yes", "forms": forms,
                        "unfinished": translation.get("type") in ("unfinished", "vanished", "obsolete")})
    return out


def english_pattern(source: str) -> re.Pattern:
    """A source text as a pattern for what it looks like on screen once its {fields} and %Ln are filled."""
    text = readable(source)
    pattern = re.escape(text)
    pattern = re.sub(r"\\\{\w+\\\}", ".+", pattern)
    pattern = pattern.replace("%Ln", r"[\d,.\s]+").replace("%n", r"[\d,.\s]+").replace(r"\(s\)", "s?")
    return re.compile(pattern, re.DOTALL)
