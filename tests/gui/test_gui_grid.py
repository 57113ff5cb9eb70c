"""A stable grid: photos arriving while the user looks do not move what they look at; one count."""
from __future__ import annotations

import os
import re
import time

import toyworld
from guitools import wait_indexed


def test_new_photos_come_in_without_moving_the_selected_photo_or_else_the_top_left_one(qtbot, make_window,
                                                                                       tmp_path):
    folder = tmp_path / "photos"
    first = toyworld.write_corpus(folder, 48, seed=1201, max_side=300)
    old = time.time() - 86400
    for path in first:  # a day old: the photos added below are newer, so they sort in above these
        os.utime(path, (old, old))
    window = make_window()
    window.resize(900, 600)
    window.add_folder(str(folder))
    assert window.statusBar().currentMessage() == "", "no message covers the indexing progress"
    wait_indexed(qtbot, window, len(first))
    grid, model = window.photos.grid, window.photos.model

    # The count is shown once: in the library panel, not again in the page or the status bar.
    assert window.sidebar.all_item.text(1) == str(len(first))
    assert window.photos.summary.isHidden()
    assert not re.search(r"\d", window.status.state.text()), window.status.state.text()

    def top(photo_id: int) -> int:
        return grid.visualRect(model.index(model.row_of(photo_id))).top()

    def add_newer(name: str, count: int, seed: int) -> None:  # the watcher finds them
        before = model.rowCount()
        toyworld.write_corpus(folder / name, count, seed=seed, max_side=300)
        qtbot.waitUntil(lambda: model.rowCount() == before + count, timeout=120_000)

    bar = grid.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    row_tops = [grid.visualRect(model.index(r)).top() for r in range(model.rowCount())]
    columns = row_tops.count(row_tops[0])
    # The last photo of a row in view: columns + 1 photos sorting in above move it down two rows,
    # the top-left photo (first column) one row: only one of them can keep its place.
    middle = grid.indexAt(grid.viewport().rect().center()).row()
    looked_at = model.item(middle // columns * columns + columns - 1).photo_id
    grid.setCurrentIndex(model.index(model.row_of(looked_at)))
    looked_y = top(looked_at)
    top_id, _ = grid._anchors()[1]
    top_y = top(top_id)
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))

    add_newer("new", columns + 1, seed=1202)

    assert not resets, "rows were inserted, the grid was not reset (no blank, no jump)"
    assert model.row_of(looked_at) >= columns + 1, "the new photos sorted in above the one looked at"
    assert top(looked_at) == looked_y, "the selected photo stayed where it was on screen"
    assert top(top_id) != top_y, "the columns shifted differently: the test would not tell the two apart"
    assert grid.current_item().photo_id == looked_at
    assert [i.photo_id for i in grid.selected_items()] == [looked_at]

    # The selected photo scrolled out of view, the grid at its end: the photo at the top left keeps its
    # place (also while the list refreshes: the grid keeps its height).
    bar.setValue(bar.maximum())
    assert not grid.visualRect(grid.currentIndex()).intersects(grid.viewport().rect())
    assert grid._anchors()[0] is None
    top_id, _ = grid._anchors()[1]
    top_y = top(top_id)

    add_newer("newer", columns + 1, seed=1203)

    assert not resets
    assert top(top_id) == top_y, "the view stayed where it was"
    assert grid.current_item().photo_id == looked_at


def test_a_tag_decision_keeps_the_view_where_it_was(qtbot, make_window, tmp_path):
    from PySide6.QtCore import Qt

    photos = toyworld.write_corpus(tmp_path / "photos", 60, seed=1211, max_side=300, color="red")
    window = make_window()
    window.resize(900, 600)
    window.add_folder(str(tmp_path / "photos"))
    wait_indexed(qtbot, window, len(photos))
    window.sidebar.editTag.emit("")
    page = window.tags
    qtbot.keyClicks(page.name, "Red")
    page.prompts.setPlainText("something red")
    with qtbot.waitSignal(page.previewShown, timeout=60_000):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    grid, model = page.grid, page.model
    bar = grid.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    below = grid.indexAt(grid.viewport().rect().center())
    grid.setFocus()
    grid.setCurrentIndex(below)
    bar.setValue(bar.value() + grid.grid_delegate.cell // 3)  # rows cut at the top: kept as they are
    top_id, top_y = grid._anchors()[1]
    assert model.item(below.row()).photo_id != top_id

    with qtbot.waitSignal(page.previewShown, timeout=30_000):
        qtbot.keyClick(grid, Qt.Key.Key_Y)  # confirmed photos sort first: rows move under the view

    assert bar.value() > 0, "not scrolled to the top"
    assert grid.visualRect(model.index(model.row_of(top_id))).top() == top_y, "the top photo stayed put"
