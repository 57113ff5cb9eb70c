"""Plural texts in English without a translation file.

Counted texts are written `plural(self.tr("%Ln photo(s)", "", n), n)`: translators give each language its
plural forms (pyside6-lupdate marks them numerus), and `plural` turns the untranslated English
into "1 photo" / "2 photos" ("match(es)": "1 match" / "2 matches"). %Ln writes the number the user's locale's way (12,000).
"""
from __future__ import annotations

from PySide6.QtCore import QLocale


def plural(text: str, n: int) -> str:
    return text.replace("(s)", "" if n == 1 else "s").replace("(es)", "" if n == 1 else "es")


def number(n: int) -> str:
    """A count the way the user's locale writes it."""
    return QLocale().toString(int(n))
