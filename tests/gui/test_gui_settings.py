"""Offline without the model: the app says why and how to choose a local model folder; Settings."""
from __future__ import annotations

from PySide6.QtCore import QLocale, Qt

from guitools import when_modal
from photoclip.core.models import DEFAULT_MODEL, MODEL_CHOICES


def test_model_unavailable_offline_explains_and_settings_fix_it(qtbot, tmp_path, gui_model):
    from photoclip.gui.app import make_app
    from photoclip.gui.mainwindow import MainWindow
    from photoclip.gui.settings import Choice, SettingsDialog, saved_choice

    make_app()
    # The default model has never been downloaded here, and the hub is offline (see conftest).
    window = MainWindow(Choice(str(tmp_path / "library"), DEFAULT_MODEL, "cpu"))
    qtbot.addWidget(window)
    window.show()
    try:
        banner = window.photos.banner
        qtbot.waitUntil(lambda: window.session.model_state == "unavailable", timeout=60_000)
        assert banner.isVisible()
        assert "cannot be downloaded" in banner.text.text()
        assert "Settings > Model > Local folder" in banner.text.text()
        assert window.status.model_state.text() == "Model: unavailable"

        local = gui_model.removeprefix("local-dir:")

        def choose_local_folder(dialog: SettingsDialog):
            dialog.local.setChecked(True)
            dialog.local_path.setText(local)
            dialog.accept()

        when_modal(SettingsDialog, choose_local_folder)
        with qtbot.waitSignal(window.sessionOpened, timeout=30_000):
            qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.session.model_state == "ready", timeout=60_000)
        assert not window.photos.banner.isVisible()
        assert saved_choice().model == gui_model  # remembered for the next start
    finally:
        window.close()


def test_settings_say_what_a_model_change_costs(qtbot):
    from photoclip.gui.settings import MODEL_TEXTS, Choice, SettingsDialog

    dialog = SettingsDialog(Choice("/tmp/lib", None, "auto"), DEFAULT_MODEL, 12_000, rate=50.0)
    qtbot.addWidget(dialog)
    assert dialog.model_buttons[DEFAULT_MODEL].isChecked()
    assert dialog.cost.text() == ""
    dialog.model_buttons[MODEL_CHOICES[1].spec].setChecked(True)
    assert f"re-reads all {QLocale().toString(12_000)} photos" in dialog.cost.text()
    assert "about 4 minutes" in dialog.cost.text()  # 12,000 photos at 50 photos/s
    assert dialog.choice().model == MODEL_CHOICES[1].spec
    # The texts marked for translation are the core's, word for word.
    assert list(MODEL_TEXTS) == [t for c in MODEL_CHOICES for t in (c.title, c.note)]


def test_a_library_another_process_writes_opens_read_only(qtbot, make_window, tmp_path, monkeypatch):
    import os

    from PySide6.QtWidgets import QMessageBox

    from photoclip.core.lock import WriterLock

    library = tmp_path / "library"
    library.mkdir()
    with WriterLock(library):  # as `photoclip watch` would hold it
        window = make_window(library)
        qtbot.waitUntil(lambda: window.session.is_open, timeout=30_000)
        assert not window.session.indexing.writable
        assert f"pid {os.getpid()}" in window.session.read_only_reason
        qtbot.waitUntil(lambda: window.status.state.text().startswith("Read only"), timeout=10_000)
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
        window.add_folder(str(tmp_path))
        qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
        assert "being updated by" in warned[0]
        # Removing a folder is refused out loud too (it used to do nothing, without a word).
        monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
        window.remove_folder(str(tmp_path))
        assert len(warned) == 2 and "being updated by" in warned[1]
        window.close()


def test_settings_turn_text_in_photos_off_and_choose_its_languages(qtbot):
    from photoclip.core.phototext import TextSettings
    from photoclip.gui.settings import Choice, SettingsDialog

    dialog = SettingsDialog(Choice("/tmp/lib", None, "auto"), DEFAULT_MODEL, 0, None,
                            text=TextSettings(True, ["en", "ru"]))
    qtbot.addWidget(dialog)
    assert dialog.read_text.isChecked()
    assert [c for c, box in dialog.text_languages.items() if box.isChecked()] == ["en", "ru"]
    dialog.text_languages["zh"].setChecked(True)
    assert dialog.chosen_text() == TextSettings(True, ["en", "ru", "zh"])
    dialog.read_text.setChecked(False)
    assert not dialog.text_languages["en"].isEnabled()  # languages wait until reading is on again
    assert dialog.chosen_text().enabled is False


def test_the_preview_marks_the_words_a_search_found():
    from PySide6.QtGui import QColor, QImage

    from photoclip.gui.preview import _highlight

    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))
    marked = _highlight(image, [(0.5, 0.5, 0.9, 0.8)])
    inside, outside = QColor(marked.pixel(140, 65)), QColor(marked.pixel(20, 20))
    assert inside.red() > 50 and inside.blue() < inside.red()  # tinted yellow where the word is
    assert outside.red() == 0  # untouched elsewhere
    assert _highlight(image, []) is image
