"""The keyboard: a visible focus ring in the grid and the library panel, keys for every action."""
from __future__ import annotations

import toyworld
from guitools import wait_indexed


def test_the_keyboard_place_is_visible_and_reaches_the_photo_actions(qtbot, make_window, tmp_path):
    photos = toyworld.write_corpus(tmp_path / "photos", 6, seed=1401, max_side=300)
    window = make_window()
    window.add_folder(str(tmp_path / "photos"))
    wait_indexed(qtbot, window, len(photos))
    grid = window.photos.grid
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # The grid's current photo gets a ring when the grid has the focus, not otherwise.
    grid.setCurrentIndex(grid.model().index(1))
    grid.selectionModel().clearSelection()
    cell = grid.visualRect(grid.model().index(1))
    window.sidebar.tree.setFocus()
    qtbot.waitUntil(lambda: not grid.hasFocus())
    without = grid.viewport().grab(cell).toImage()
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    grid.viewport().repaint()
    with_ring = grid.viewport().grab(cell).toImage()
    assert with_ring != without, "the focused cell looks different"

    # The library panel's selection is strong only where the keyboard is.
    from photoclip.gui.resources import stylesheet

    assert "#SidebarTree::item:selected:focus" in stylesheet()

    # Keys reach the photo's actions: T tags (menu), D dates (dialog), M more like this.
    names = {a.shortcut().toString() for a in grid.actions()}
    assert {"T", "M"} <= names
    assert window.photos.dates_button.shortcut().toString() == "D"
