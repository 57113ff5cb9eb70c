"""The app as a user drives it: add a folder, see its photos, search, preview, keyboard."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import toyworld
from guitools import wait_indexed, when_modal, write_photos


def test_first_run_add_pictures_and_see_its_photos(qtbot, make_window, tmp_path, monkeypatch):
    home = tmp_path / "home"
    photos = toyworld.write_corpus(home / "Pictures", 24, seed=601)
    monkeypatch.setenv("HOME", str(home))
    window = make_window()
    empty = window.photos.grid.empty
    qtbot.waitUntil(lambda: empty.title.text() == "Welcome to PhotoClip", timeout=30_000)
    # A new user is offered their Pictures folder, or any other (the platform dialog is the boundary).
    assert empty.button("Choose a folder…") is not None
    qtbot.mouseClick(empty.button("Add ~/Pictures"), Qt.MouseButton.LeftButton)

    wait_indexed(qtbot, window, len(photos))
    shown = {Path(item.path) for item in window.photos.model.items()}
    assert shown == {p.resolve() for p in photos}
    assert empty.isHidden()
    # The library panel lists the folder with its photo count.
    folder = window.sidebar.folders_header.child(0)
    assert folder.toolTip(0).startswith(str((home / "Pictures").resolve()))
    assert folder.text(1) == str(len(photos))
    # Visible cells get their thumbnails, made in the background and cached on disk.
    model = window.photos.model
    qtbot.waitUntil(lambda: model.data(model.index(0), Qt.ItemDataRole.DecorationRole) is not None, timeout=30_000)
    image = model.data(model.index(0), Qt.ItemDataRole.DecorationRole)
    assert not image.isNull() and max(image.width(), image.height()) <= 320
    cached = list((Path(window.session.thumbnails.cache_dir)).rglob("*.jpg"))
    assert cached

    # Removing the folder (after a confirmation) forgets its photos; the files stay.
    window.sidebar.tree.setCurrentItem(window.sidebar.folders_header.child(0))  # (the list may have been redrawn)
    assert window.photos.query.folder == str((home / "Pictures").resolve())
    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(window.sidebar.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.photos.model.rowCount() == 0 and window.photos.query.folder is None,
                    timeout=30_000)
    qtbot.waitUntil(lambda: empty.title.text() == "Welcome to PhotoClip", timeout=30_000)
    assert all(p.exists() for p in photos)


def test_search_as_you_type_puts_red_circles_first(qtbot, make_window, tmp_path):
    specs = [("red", "circle", bg) for bg in ("white", "black", "gray", "white", "gray", "black")]
    specs += [(c, s, b) for c in ("green", "blue", "yellow", "red") for s in ("square", "triangle", "circle")
              for b in ("white", "black") if not (c == "red" and s == "circle")]
    photos = write_photos(tmp_path / "photos", specs, seed=602)
    window = make_window()
    window.add_folder(str(tmp_path / "photos"))
    wait_indexed(qtbot, window, len(photos))

    page = window.photos
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    with qtbot.waitSignal(page.searchFinished, timeout=60_000):
        qtbot.keyClicks(page.search, "a red circle")
    qtbot.waitUntil(lambda: page.last_result.query.text == "a red circle", timeout=60_000)
    top = [Path(item.path) for item in page.model.items()[:6]]
    labels = {p.resolve(): (ph.color, ph.shape) for p, ph in photos.items()}
    red_circles = sum(labels[p] == ("red", "circle") for p in top)
    assert red_circles >= 5, [labels[p] for p in top]
    assert page.model.items()[0].score is not None
    assert page.summary.text().startswith("6 good matches, best first")

    # A negative term drops what it names: "a circle -red" puts no red circle first.
    page.search.clear()
    with qtbot.waitSignal(page.searchFinished, timeout=60_000):
        qtbot.keyClicks(page.search, "a circle -red")
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_result.query.text == "a circle -red", timeout=60_000)
    first = labels[Path(page.model.items()[0].path).resolve()]
    assert first[1] == "circle" and first[0] != "red"

    # Down moves into the grid, Enter opens the preview, M searches for more like it.
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.grid.hasFocus() and page.grid.currentIndex().row() == 0
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    from photoclip.gui.preview import PreviewDialog

    qtbot.waitUntil(lambda: any(isinstance(w, PreviewDialog) and w.isVisible()
                                for w in window.findChildren(PreviewDialog)), timeout=10_000)
    dialog = next(w for w in window.findChildren(PreviewDialog) if w.isVisible())
    qtbot.waitSignal(dialog.loaded, timeout=30_000)
    example = dialog.item.path
    with qtbot.waitSignal(page.searchFinished, timeout=60_000):
        qtbot.keyClick(dialog, Qt.Key.Key_M)
    assert page.query.like == (example,)
    assert example not in [i.path for i in page.model.items()]  # the example itself is left out
