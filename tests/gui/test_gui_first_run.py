"""The first start asks which languages the user searches in and proposes the model for them."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def never_asked(qapp):
    """QSettings keep one file per process: each test starts as a first start, and leaves none."""
    from photoclip.gui.firstrun import LANGUAGES_KEY
    from photoclip.gui.settings import Choice, save_choice, saved_choice, settings

    before = saved_choice()
    settings().remove(LANGUAGES_KEY)
    yield
    settings().remove(LANGUAGES_KEY)
    save_choice(Choice(before.library, before.model, before.device))


def test_the_first_start_asks_once_and_keeps_english_on_the_default_model(qtbot, make_window):
    from photoclip.gui.firstrun import ask_search_languages, saved_search_languages

    window = make_window()
    qtbot.waitUntil(lambda: window.session.is_open, timeout=30_000)
    assert saved_search_languages() is None
    dialog = ask_search_languages(window)
    assert dialog.isVisible() and dialog.languages() == ["en"]  # the system language here is English
    assert "default model" in dialog.proposal.text()
    model = window.choice.model
    dialog.accept()
    assert saved_search_languages() == ["en"] and window.choice.model == model
    assert ask_search_languages(window) is None, "asked once"


def test_searching_in_russian_proposes_the_multilingual_model(qtbot, make_window, monkeypatch):
    from photoclip.core.language import MULTILINGUAL_MODEL
    from photoclip.gui import firstrun
    from photoclip.gui.settings import saved_choice

    window = make_window()
    qtbot.waitUntil(lambda: window.session.is_open, timeout=30_000)
    opened = []
    monkeypatch.setattr(window, "open_session", opened.append)  # no download in a test
    dialog = firstrun.ask_search_languages(window)
    dialog.boxes["ru"].click()
    assert "multilingual model" in dialog.proposal.text()
    assert dialog.proposed_model() == MULTILINGUAL_MODEL
    dialog.boxes["ru"].click()
    assert dialog.proposed_model() != MULTILINGUAL_MODEL, "English alone keeps the model"
    dialog.boxes["ru"].click()
    dialog.accept()
    assert firstrun.saved_search_languages() == ["en", "ru"]
    assert [c.model for c in opened] == [MULTILINGUAL_MODEL] and saved_choice().model == MULTILINGUAL_MODEL


def test_a_multilingual_model_needs_no_change_and_closing_asks_no_more(qtbot, make_window):
    from photoclip.core.language import MULTILINGUAL_MODEL
    from photoclip.gui.firstrun import SearchLanguagesDialog, ask_search_languages, saved_search_languages

    dialog = SearchLanguagesDialog(MULTILINGUAL_MODEL)
    qtbot.addWidget(dialog)
    dialog.boxes["zh"].setChecked(True)
    assert dialog.proposed_model() == MULTILINGUAL_MODEL and "nothing to change" in dialog.proposal.text()

    window = make_window()
    qtbot.waitUntil(lambda: window.session.is_open, timeout=30_000)
    ask_search_languages(window).reject()
    assert saved_search_languages() == ["en"] and ask_search_languages(window) is None
