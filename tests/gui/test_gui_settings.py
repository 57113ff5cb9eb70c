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
        window.close()
