"""The duplicates view: find a group of copies, see the suggested keeper, resolve into the trash."""
from __future__ import annotations

import os
import random
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

import toyworld
from guitools import wait_indexed


def _accept_dialog_when_shown(qtbot, seen: list):
    """Click the confirmation dialog's OK once it is up (it is modal), remembering what it said."""
    from photoclip.gui.duplicatespage import ConfirmResolve

    def check():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConfirmResolve):
            seen.append(dialog.details.toPlainText())
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(50, check)


def test_resolve_a_duplicate_group_into_the_trash(qtbot, make_window, tmp_path):
    rng = random.Random(801)
    folder = tmp_path / "photos"
    original = toyworld.random_photo(rng, 800, 600, color="blue", shape="square", bg="white")
    image = toyworld.render(original)
    keep = toyworld.write_image(image, folder / "holiday.png", rng)  # lossless, full size: the keeper
    small, _ = toyworld.perturb(image, rng, ["downscale"])
    copy1 = toyworld.write_image(small, folder / "holiday small.jpg", rng, quality=75)
    bright, _ = toyworld.perturb(image, rng, ["brightness", "crop"])
    copy2 = toyworld.write_image(bright, folder / "sub" / "holiday edited.jpg", rng, quality=80)
    others = toyworld.write_corpus(folder / "others", 12, seed=802)
    window = make_window()
    window.add_folder(str(folder))
    wait_indexed(qtbot, window, 3 + len(others))

    page = window.duplicates
    with qtbot.waitSignal(page.scanFinished, timeout=120_000):
        qtbot.mouseClick(window.sidebar.tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.sidebar.tree.visualItemRect(window.sidebar.duplicates_item).center())
    assert window.pages.currentWidget() is page
    assert len(page.groups) == 1, [[it.path for it in g.items] for g in page.groups]
    group = page.current_group
    assert {Path(it.path) for it in group.items} == {keep.resolve(), copy1.resolve(), copy2.resolve()}
    # The suggestion is preselected, with its reason; the cards show how the copies differ.
    assert Path(group.keep.path) == keep.resolve()
    chosen = [c for c in page.cards if c.keep.isChecked()]
    assert [Path(c.item.path) for c in chosen] == [keep.resolve()]
    assert "resolution" in page.reason.text()
    assert window.sidebar.duplicates_item.text(1) == "1"

    trash = Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"
    said = []
    _accept_dialog_when_shown(qtbot, said)
    with qtbot.waitSignal(page.resolved, timeout=60_000):
        qtbot.mouseClick(page.trash_button, Qt.MouseButton.LeftButton)
    # The confirmation named every file and where it goes.
    assert str(keep.resolve()) in said[0] and str(copy1.resolve()) in said[0] and "trash" in said[0]
    assert keep.exists() and not copy1.exists() and not copy2.exists()
    assert sorted(p.name for p in trash.iterdir()) == sorted([copy1.name, copy2.name])
    assert page.groups == [] and not page.empty.isHidden()
    # The photos page no longer lists the trashed copies.
    window.show_photos(folder=None, tag=None)
    qtbot.waitUntil(lambda: len(window.photos.model.items()) == 1 + len(others), timeout=30_000)
