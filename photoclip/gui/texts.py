"""Plural texts in English without a translation file.

Counted texts are written `plural(self.tr("%Ln photo(s)", "", n), n)`: translators give each language its
plural forms (pyside6-lupdate marks them numerus), and `plural` turns the untranslated English
into "1 photo" / "2 photos" ("match(es)": "1 match" / "2 matches"). %Ln writes the number the user's locale's way (12,000).
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale

from ..core.util import human_size


def plural(text: str, n: int) -> str:
    return text.replace("(s)", "" if n == 1 else "s").replace("(es)", "" if n == 1 else "es")


def number(n: int) -> str:
    """A count the way the user's locale writes it."""
    return QLocale().toString(int(n))


def date_text(when: datetime | QDateTime | float, long: bool = False) -> str:
    """A date and time the user's locale's way (a datetime, a QDateTime or seconds since 1970)."""
    if isinstance(when, (int, float)):
        when = QDateTime.fromSecsSinceEpoch(int(when))
    elif isinstance(when, datetime):
        when = QDateTime(when)
    if not when.isValid():
        return ""
    return QLocale().toString(when, QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat)


def size_text(n: int) -> str:
    """A file size as the one helper writes it ("3.4 MB"), its number in the user's locale ("3,4 MB")."""
    value, _, unit = human_size(n).partition(" ")
    decimals = len(value.partition(".")[2])
    return f"{QLocale().toString(float(value), 'f', decimals)} {unit}"
