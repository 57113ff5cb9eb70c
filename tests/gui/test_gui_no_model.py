"""The window on a library whose model cannot be had (offline): photos listed, thumbnailed and their
copies found; what waits for the model, and a folder that vanished, said in the window."""
from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import toyworld
from guitools import when_modal
from photoclip.core.models import DEFAULT_MODEL
from photoclip.gui.sidebar import VALUE


@pytest.fixture
def gui_model(monkeypatch) -> str:
    """The default model, offline: the hub's address refuses connections; downloading fails the test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    import huggingface_hub

    def no_download(*a, **k):
        raise AssertionError("a download was started although the model is known to be out of reach")

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", no_download)
    return DEFAULT_MODEL


def test_offline_window_lists_thumbnails_finds_copies_and_says_what_waits(qtbot, make_window, tmp_path):
    from photoclip.gui.settings import SettingsDialog

    folder = tmp_path / "Pictures"
    photos = toyworld.write_corpus(folder, 12, seed=77)
    original = sorted(p for p in photos if p.suffix == ".jpg")[0]
    # Long names: the group list shortens them rather than scroll sideways at 900 px.
    original = original.rename(original.parent / "the photo from our holiday by the lake, summer 2024.jpg")
    photos = [p for p in photos if p.exists()] + [original]
    same = folder / "copies" / "the photo from our holiday by the lake, summer 2024 (copy).jpg"
    same.parent.mkdir()
    shutil.copyfile(original, same)
    resized = folder / "copies" / "smaller.png"
    with Image.open(original) as im:
        im.resize((im.width // 2, im.height // 2), Image.LANCZOS).save(resized)
    expected = {p.resolve() for p in photos} | {same.resolve(), resized.resolve()}
    window = make_window()
    window.resize(900, 640)
    window.session.indexing.add_folder(str(folder))
    model = window.photos.model
    qtbot.waitUntil(lambda: model.rowCount() == len(expected)
                    and window.session.indexing.last.state == "watching", timeout=120_000)
    assert {Path(item.path) for item in model.items()} == expected
    status = window.session.indexing.last
    assert status.waiting == len(expected) and "cannot be downloaded" in status.model_problem
    qtbot.waitUntil(lambda: model.data(model.index(0), Qt.ItemDataRole.DecorationRole) is not None, timeout=30_000)
    assert not model.data(model.index(0), Qt.ItemDataRole.DecorationRole).isNull()

    # The status bar says what waits, in words, with the way out; a long reason never widens the window.
    bar = window.status
    assert bar.state.text() == f"Waiting for the model: {len(expected)} photos cannot be searched or tagged yet"
    assert "cannot be downloaded" in bar.state.toolTip() and "--model" not in bar.state.toolTip()
    assert "Settings" in bar.state.toolTip()
    assert bar.model_fix.isVisible()
    assert bar.state.width() >= bar.state.fontMetrics().horizontalAdvance("Waiting for the model"), "words shown"
    QApplication.processEvents()
    assert window.width() == 900 and window.minimumSizeHint().width() <= 900
    opened = []
    when_modal(SettingsDialog, lambda dialog: (opened.append(dialog), dialog.reject()))
    qtbot.mouseClick(bar.model_fix, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)

    # The duplicate finder compares pixels: it needs no model.
    page = window.duplicates
    with qtbot.waitSignal(page.scanFinished, timeout=120_000):
        window.show_duplicates()
    groups = [{Path(item.path) for item in group.items} for group in page.groups]
    assert {original.resolve(), same.resolve(), resized.resolve()} in groups, groups
    # At 900 px the group's cards wrap: nothing scrolls sideways.
    page.group_list.setCurrentRow(groups.index({original.resolve(), same.resolve(), resized.resolve()}))
    qtbot.waitUntil(lambda: len(page.cards) == 3 and all(card.isVisible() for card in page.cards))
    QApplication.processEvents()
    room = page.card_area.viewport().width()
    assert page.card_area.horizontalScrollBar().maximum() == 0
    assert page.group_list.horizontalScrollBar().maximum() == 0
    assert all(0 <= card.geometry().left() and card.geometry().right() < room for card in page.cards), \
        ([card.geometry() for card in page.cards], room)


def test_a_vanished_folder_is_marked_within_seconds_and_unmarked_when_back(qtbot, make_window, tmp_path):
    holiday, garden = tmp_path / "Holiday", tmp_path / "Garden"
    toyworld.write_corpus(holiday, 3, seed=78)
    toyworld.write_corpus(garden, 3, seed=79)
    window = make_window()
    for folder in (holiday, garden):
        window.session.indexing.add_folder(str(folder))
    qtbot.waitUntil(lambda: window.photos.model.rowCount() == 6
                    and window.session.indexing.last.state == "watching", timeout=120_000)
    sidebar = window.sidebar

    def entry(folder: Path):
        header = sidebar.folders_header
        return next(header.child(i) for i in range(header.childCount())
                    if header.child(i).data(0, VALUE) == str(folder.resolve()))

    def marked(folder: Path) -> bool:
        said = entry(folder).data(0, Qt.ItemDataRole.AccessibleTextRole) or ""
        return "Not found" in said and "drive" in entry(folder).toolTip(0)

    qtbot.waitUntil(lambda: entry(holiday).text(0) == "Holiday" and not marked(holiday))
    holiday.rename(tmp_path / "Holiday 2024")  # renamed (or deleted, or its drive unplugged)
    qtbot.waitUntil(lambda: marked(holiday), timeout=15_000)
    assert not marked(garden) and entry(holiday).text(1) == "3", "its photos are kept"
    assert entry(holiday).text(0) == "Holiday", "the name is not cut short"
    assert window.status.state.text().startswith("1 folder not found: Holiday")
    (tmp_path / "Holiday 2024").rename(holiday)
    qtbot.waitUntil(lambda: not marked(holiday), timeout=15_000)
    qtbot.waitUntil(lambda: "not found" not in window.status.state.text(), timeout=15_000)


def test_a_photo_whose_folder_vanished_is_explained_not_errno(tmp_path):
    from photoclip.gui.preview import read_preview

    with pytest.raises(FileNotFoundError, match="not plugged in") as e:
        read_preview(str(tmp_path / "unplugged" / "photo.jpg"))
    assert "Errno" not in str(e.value)
