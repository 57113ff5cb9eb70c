"""Resolving duplicates can be taken back: Undo (banner button, Edit menu, Ctrl+Z) and Recently removed."""
from __future__ import annotations

import random

from PySide6.QtCore import Qt
from test_gui_duplicates import _accept_dialog_when_shown

import toyworld
from guitools import wait_indexed


def _copies(tmp_path, seed):
    rng = random.Random(seed)
    folder = tmp_path / "photos"
    image = toyworld.render(toyworld.random_photo(rng, 700, 500, color="green", shape="circle", bg="white"))
    keep = toyworld.write_image(image, folder / "garden.png", rng)
    small, _ = toyworld.perturb(image, rng, ["downscale"])
    copy = toyworld.write_image(small, folder / "garden small.jpg", rng, quality=75)
    others = toyworld.write_corpus(folder / "others", 6, seed=seed + 1)
    return folder, keep.resolve(), copy.resolve(), len(others)


def _in_library(window, path) -> bool:
    """The photo at `path` is catalogued with a vector for the library's model: a scan can find it."""
    from photoclip.core.library import Library

    with Library(window.session.root, model=window.session.requested_model, device="cpu") as library:
        row = library.catalog.photo_by_path(str(path))
        return row is not None and library.catalog.vector_for_fingerprint(row.fingerprint, library.model) is not None


def _resolve(qtbot, page):
    with qtbot.waitSignal(page.scanFinished, timeout=120_000):
        page.scan()
    assert len(page.groups) == 1
    _accept_dialog_when_shown(qtbot, [])
    with qtbot.waitSignal(page.resolved, timeout=60_000):
        qtbot.mouseClick(page.trash_button, Qt.MouseButton.LeftButton)


def test_undo_brings_trashed_duplicates_back_and_recently_removed_restores(qtbot, make_window, tmp_path):
    folder, keep, copy, n_others = _copies(tmp_path, 901)
    window = make_window()
    window.add_folder(str(folder))
    wait_indexed(qtbot, window, 2 + n_others)
    content = copy.read_bytes()
    page = window.duplicates
    window.show_duplicates()

    # 1. Resolve, then the banner's Undo button.
    _resolve(qtbot, page)
    assert not copy.exists() and window.removed.undo_batch
    assert page.banner.button.isVisible() and "Undo" in page.banner.button.text()
    with qtbot.waitSignal(window.removed.restored, timeout=30_000) as restored:
        qtbot.mouseClick(page.banner.button, Qt.MouseButton.LeftButton)
    assert restored.args[0].done == [(str(copy), str(copy))]
    assert copy.read_bytes() == content and window.removed.undo_batch is None
    assert not page.banner.button.isVisible()
    window.show_photos(folder=None, tag=None)
    qtbot.waitUntil(lambda: _in_library(window, copy), timeout=120_000)  # the writer's rescan took it back
    wait_indexed(qtbot, window, 2 + n_others)  # back in the library, its vector and prints too

    # 2. Resolve again, then Ctrl+Z (the Edit menu's Undo).
    window.show_duplicates()
    _resolve(qtbot, page)
    assert not copy.exists()
    window.activateWindow()  # the confirmation dialog had it
    qtbot.waitUntil(window.isActiveWindow)
    page.group_list.setFocus()
    with qtbot.waitSignal(window.removed.restored, timeout=30_000):
        qtbot.keyClick(page.group_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert copy.read_bytes() == content

    # 3. Resolve once more; Recently removed lists the file; select it and Restore.
    # The restore only asked the writer to rescan: wait till the copy is back with its vector.
    qtbot.waitUntil(lambda: _in_library(window, copy), timeout=120_000)
    wait_indexed(qtbot, window, 2 + n_others)
    _resolve(qtbot, page)
    with qtbot.waitSignal(window.removed.listed, timeout=10_000):
        qtbot.mouseClick(window.sidebar.tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.sidebar.tree.visualItemRect(window.sidebar.removed_item).center())
    removed = window.removed
    assert window.pages.currentWidget() is removed
    assert removed.list.topLevelItemCount() == 1 and removed.list.topLevelItem(0).text(0) == copy.name
    assert removed.list.topLevelItem(0).text(1) == str(copy.parent)
    removed.list.setFocus()
    removed.list.setCurrentItem(removed.list.topLevelItem(0))
    assert removed.restore_button.isEnabled()
    with qtbot.waitSignal(removed.restored, timeout=30_000):
        qtbot.mouseClick(removed.restore_button, Qt.MouseButton.LeftButton)
    assert copy.read_bytes() == content and keep.exists()
    # Listings asked for before the restore (on resolving, on opening the page) may still land
    # first and show the file; the restore's own listing follows them and empties the list.
    qtbot.waitUntil(lambda: removed.list.topLevelItemCount() == 0 and removed.empty.isVisible(), timeout=30_000)
    window.show_photos(folder=None, tag=None)
    wait_indexed(qtbot, window, 2 + n_others)  # back in the library, its vector and prints too


def test_arrowing_past_duplicates_does_not_start_a_scan_enter_does(qtbot, make_window, tmp_path):
    folder, _keep, _copy, n_others = _copies(tmp_path, 905)
    window = make_window()
    window.add_folder(str(folder))
    wait_indexed(qtbot, window, 2 + n_others)
    tree = window.sidebar.tree
    tree.setFocus()
    tree.setCurrentItem(window.sidebar.all_item)
    scans = []
    window.duplicates.scanFinished.connect(lambda: scans.append(1))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentItem() is window.sidebar.duplicates_item
    assert window.pages.currentWidget() is window.duplicates
    assert window.duplicates.control is None and not scans, "passing by started no scan"
    start = window.duplicates.empty.button("&Look for duplicates")
    assert start is not None
    qtbot.waitUntil(start.isVisible)
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # on to Recently removed: still nothing
    assert window.pages.currentWidget() is window.removed and not scans
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    with qtbot.waitSignal(window.duplicates.scanFinished, timeout=120_000):
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert len(window.duplicates.groups) == 1
