"""Offline without the model: the app says why and how to choose a local model folder; Settings."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt

from guitools import when_modal
from photoclip.core.models import DEFAULT_MODEL, MODEL_CHOICES


def test_model_unavailable_offline_explains_and_settings_fix_it(qtbot, tmp_path, gui_model):
    from photoclip.gui.app import make_app
    from photoclip.gui.mainwindow import MainWindow
    from photoclip.gui.settings import Choice, SettingsDialog, saved_choice

    make_app()
    # The default model has never been downloaded here, and the hub is offline (see conftest).
    (tmp_path / "library").mkdir()  # a library folder chosen in Settings is there
    window = MainWindow(Choice(str(tmp_path / "library"), DEFAULT_MODEL, "cpu"))
    qtbot.addWidget(window)
    window.show()
    try:
        banner = window.photos.banner
        qtbot.waitUntil(lambda: window.session.model_state == "unavailable", timeout=60_000)
        assert banner.isVisible()
        assert "cannot be downloaded" in banner.text.text()
        assert "Settings" in banner.text.text() and "--model" not in banner.text.text(), \
            "a window user is not told command-line syntax"
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


def test_settings_say_what_a_model_change_costs(qtbot, forget_models):
    from photoclip.gui.settings import MODEL_TEXTS, Choice, SettingsDialog, save_rate

    asked = []
    dialog = SettingsDialog(Choice("/tmp/lib", None, "auto"), DEFAULT_MODEL, 12_000,
                            to_read=lambda model, done: asked.append((model, done)))
    qtbot.addWidget(dialog)
    assert dialog.model_buttons[DEFAULT_MODEL].isChecked()
    assert dialog.cost.text() == ""
    other = MODEL_CHOICES[1].spec
    dialog.model_buttons[other].setChecked(True)
    assert [m for m, _ in asked] == [other]
    asked[-1][1](12_000)  # none of the photos has a vector of that model yet
    assert f"re-reads {QLocale().toString(12_000)} photos" in dialog.cost.text()
    assert "minute" not in dialog.cost.text(), "no time is guessed without a measured speed for that model"
    save_rate(other, 50.0)
    dialog.model_buttons[DEFAULT_MODEL].setChecked(True)
    dialog.model_buttons[other].setChecked(True)
    asked[-1][1](12_000)
    assert "about 4 minutes" in dialog.cost.text()  # 12,000 photos at the 50 photos/s measured with it
    asked[-1][1](0)  # switching back to a model whose vectors are kept: nothing to re-read
    assert "re-reads" not in dialog.cost.text() and "at once" in dialog.cost.text()
    assert dialog.choice().model == other
    # The texts marked for translation are the core's, word for word.
    assert list(MODEL_TEXTS) == [t for c in MODEL_CHOICES for t in (c.title, c.note)]


def test_an_empty_library_has_no_cost_to_tell(qtbot):
    from photoclip.gui.settings import Choice, SettingsDialog

    dialog = SettingsDialog(Choice("/tmp/lib", None, "auto"), DEFAULT_MODEL, 0)
    qtbot.addWidget(dialog)
    dialog.model_buttons[MODEL_CHOICES[1].spec].setChecked(True)
    assert dialog.cost.text() == ""


@pytest.fixture
def forget_models():
    """The models this test remembers stay out of later tests' Settings (QSettings outlives a test)."""
    from photoclip.gui.settings import settings

    yield
    settings().remove("models")
    settings().remove("indexing")


def test_a_model_change_is_checked_remembered_and_can_be_taken_back(qtbot, make_window, gui_model, tmp_path,
                                                                    forget_models):
    from photoclip.gui.settings import SettingsDialog, local_model_folders, saved_choice

    window = make_window()
    qtbot.waitUntil(lambda: window.session.model_state == "ready", timeout=60_000)
    local = gui_model.removeprefix("local-dir:")
    empty = tmp_path / "not a model"
    empty.mkdir()
    refused = []

    def choose_a_folder_that_is_no_model(dialog: SettingsDialog):
        assert dialog.local.isChecked() and dialog.local_path.text() == local
        dialog.local_path.setText(str(empty))
        dialog.checked.connect(lambda why: (refused.append((dialog.isVisible(), dialog.problem.text())),
                                            dialog.reject()))
        dialog.accept()

    when_modal(SettingsDialog, choose_a_folder_that_is_no_model)
    window.open_settings()  # the dialog opens once the library's text settings are read
    qtbot.waitUntil(lambda: len(refused) == 1, timeout=30_000)
    assert refused[0][0], "the dialog stayed open"
    assert "nothing was changed" in refused[0][1] and "open_clip_config.json" in refused[0][1]
    assert window.session.model == gui_model and saved_choice().model != "local-dir:" + str(empty)

    # The default model is not on this offline computer: refused too, and the banner-free way back is kept.
    def choose_default(dialog: SettingsDialog):
        dialog.model_buttons[DEFAULT_MODEL].setChecked(True)
        dialog.checked.connect(lambda why: (refused.append(why), dialog.reject()))
        dialog.accept()

    when_modal(SettingsDialog, choose_default)
    window.open_settings()
    qtbot.waitUntil(lambda: len(refused) == 2, timeout=30_000)
    assert window.session.model == gui_model

    # A model that can be used is accepted; the folder used before is remembered and offered back.
    other = tmp_path / "copy of the model"
    import shutil

    shutil.copytree(local, other)

    def choose_copy(dialog: SettingsDialog):
        dialog.local_path.setText(str(other))
        dialog.accept()

    when_modal(SettingsDialog, choose_copy)
    with qtbot.waitSignal(window.sessionOpened, timeout=30_000):
        window.open_settings()
    assert window.choice.model == f"local-dir:{other}"
    assert local_model_folders()[0] == str(other)
    seen = []

    def go_back(dialog: SettingsDialog):
        seen.append([dialog.local_folders.itemText(i) for i in range(dialog.local_folders.count())])
        assert dialog.go_back.isVisible()
        qtbot.mouseClick(dialog.go_back, Qt.MouseButton.LeftButton)
        dialog.accept()

    when_modal(SettingsDialog, go_back)
    with qtbot.waitSignal(window.sessionOpened, timeout=30_000):
        window.open_settings()
    assert str(other) in seen[0]
    assert window.choice.model == gui_model, "the previous model is back"


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


def test_turning_text_in_photos_on_in_settings_reads_the_library(qtbot, make_window, tmp_path, gui_model):
    import os

    import pytest

    import toyworld
    from photoclip.core.library import Library
    from photoclip.core.phototext import TextSettings
    from photoclip.core.textengine import TextReader
    from photoclip.gui.settings import SettingsDialog

    problem = TextReader(["en"]).problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    toyworld.write_corpus(tmp_path / "photos", 4, seed=5, max_side=400)
    with Library(tmp_path / "library", model=gui_model, device="cpu", writer=True) as library:
        library.add_folder(tmp_path / "photos")
        library.set_text_settings(TextSettings(False, ["en"]))
    window = make_window(tmp_path / "library")
    qtbot.waitUntil(lambda: window.status.text_state.text() == "Text: off", timeout=60_000)

    def turn_on(dialog: SettingsDialog):
        assert not dialog.read_text.isChecked()
        dialog.read_text.setChecked(True)
        dialog.accept()

    when_modal(SettingsDialog, turn_on)
    window.open_settings()
    qtbot.waitUntil(lambda: window.status.text_state.text() == "Text: 4 of 4 read", timeout=60_000)


def test_settings_show_the_measured_number_format_and_force_one(qtbot, tiny_model, monkeypatch):
    import os

    import numpy as np

    from photoclip.core import inference
    from photoclip.core.models import Embedder
    from photoclip.gui.settings import Choice, SettingsDialog, apply_precision, saved_precision

    monkeypatch.delenv("PHOTOCLIP_PRECISION")
    dialog = SettingsDialog(Choice("/tmp/lib", tiny_model, "auto"), tiny_model, 0)
    qtbot.addWidget(dialog)
    assert "Not measured" in dialog.runs_in.text() and dialog.chosen_precision() == "auto"
    e = Embedder(tiny_model, "cpu").load_images()  # the first indexing measures on its first photos
    e.encode_images(np.random.default_rng(0).integers(0, 256, (6, 64, 64, 3), dtype=np.uint8))
    e.wait_for_caches()  # as an indexing run does when its library closes
    decision = inference.remembered(tiny_model)
    dialog = SettingsDialog(Choice("/tmp/lib", tiny_model, "auto"), tiny_model, 0)
    qtbot.addWidget(dialog)
    assert f"Measured: {decision['precision']} is the fastest" in dialog.runs_in.text()
    dialog.precision.setCurrentIndex(dialog.precision.findData("int8"))
    dialog.accept()
    assert saved_precision() == "int8" and os.environ["PHOTOCLIP_PRECISION"] == "int8"
    monkeypatch.delenv("PHOTOCLIP_PRECISION")
    apply_precision()  # the next start
    assert os.environ["PHOTOCLIP_PRECISION"] == "int8"
    monkeypatch.setenv("PHOTOCLIP_PRECISION", "bf16")  # --precision at start wins
    apply_precision()
    assert os.environ["PHOTOCLIP_PRECISION"] == "bf16"
