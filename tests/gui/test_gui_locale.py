"""Dates and sizes the user's locale's way; the bare C locale reads as US English, not "1 12 2026 20:44"."""
from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QLocale


@pytest.fixture
def default_locale(qapp):
    from photoclip.gui.i18n import SYSTEM, install_language

    yield
    install_language(SYSTEM)


def test_the_c_locale_reads_as_english_and_others_their_own_way(default_locale):
    from photoclip.gui.i18n import SYSTEM, install_language
    from photoclip.gui.texts import date_text, size_text

    when = datetime(2026, 12, 1, 20, 44)
    assert QLocale.system().language() == QLocale.Language.C  # the tests run under LANG=C.UTF-8
    install_language(SYSTEM)
    assert date_text(when).startswith("12/1/26") and "1 12 2026" not in date_text(when)
    assert "December" in date_text(when, long=True)
    english = size_text(3_456_789)
    assert english[0] == "3" and english[1] == "." and english.endswith("MB")

    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert date_text(when).startswith("01.12.26")
    assert size_text(3_456_789) == english.replace(".", ","), "the same size, a German decimal comma"
    assert "Dezember" in date_text(when, long=True)
