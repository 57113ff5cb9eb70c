"""The window shows where good matches end, says when nothing matches well, tells why in words,
and hints at the multilingual model for a query the model cannot read."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from guitools import wait_indexed, when_modal, write_photos

SPECS = [(c, s, bg) for c, s in (("red", "circle"), ("blue", "square"), ("green", "triangle"))
         for bg in ("white", "black", "gray", "white")]


def search(qtbot, page, text: str) -> None:
    with qtbot.waitSignal(page.searchFinished, timeout=60_000):
        page.search.setText(text)  # (QTest cannot type Cyrillic)
        qtbot.keyClick(page.search, Qt.Key.Key_Return)


def indexed_window(qtbot, make_window, tmp_path, specs, seed: int):
    """A window on a library of these toy photos, indexed: (window, {path: Photo})."""
    photos = write_photos(tmp_path / "photos", specs, seed=seed)
    window = make_window()
    window.add_folder(str(tmp_path / "photos"))
    wait_indexed(qtbot, window, len(photos))
    return window, photos


def tooltip(model, row: int) -> str:
    return model.data(model.index(row), Qt.ItemDataRole.ToolTipRole)


def test_the_grid_shows_where_good_matches_end(qtbot, make_window, tmp_path):
    window, photos = indexed_window(qtbot, make_window, tmp_path, SPECS, 1301)
    page = window.photos
    search(qtbot, page, "a red circle")
    model = page.model
    assert model.rowCount() == len(photos) and model.photos().relevant == 4
    red = {str(p.resolve()) for p, ph in photos.items() if ph.color == "red"}
    assert {i.path for i in model.items()[:4]} == red
    assert page.summary.text() == "4 good matches, best first · 8 weaker matches below"
    # Tooltips say how well in words, never a raw score.
    assert "A strong match for your search" in tooltip(model, 0)
    assert "A weaker match" in tooltip(model, 4)
    assert not re.search(r"\d\.\d\d", tooltip(model, 0) + tooltip(model, 4))
    # The divider: a line in the highlight colour along the top of the first weaker cell.
    window.grab()
    cell = page.grid.visualRect(model.index(4))
    image = page.grid.viewport().grab().toImage()
    line = QColor(image.pixel(page.grid.viewport().width() - 6, cell.top() + 1))
    highlight = page.grid.palette().color(QPalette.ColorRole.Highlight)
    assert abs(line.red() - highlight.red()) + abs(line.green() - highlight.green()) + \
        abs(line.blue() - highlight.blue()) < 40, (line.name(), highlight.name())


def test_a_search_that_matches_nothing_well_says_so_and_offers_the_rest(qtbot, make_window, tmp_path):
    window, photos = indexed_window(qtbot, make_window, tmp_path, SPECS, 1302)
    page = window.photos
    search(qtbot, page, "a yellow square")  # there is none
    assert page.model.rowCount() == 0
    empty = page.grid.empty
    assert empty.isVisible() and empty.title.text() == "No photo matches your search well"
    button = empty.button(f"Show {len(photos)} weaker matches")
    assert button is not None
    with qtbot.waitSignal(page.searchFinished, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == len(photos) and empty.isHidden()
    assert all(item.weaker for item in page.model.items())
    assert page.summary.text() == f"No good matches; {len(photos)} weaker matches"
    search(qtbot, page, "a blue square")  # a new search matches well again
    assert page.model.photos().relevant == 4


def test_a_query_the_model_cannot_read_gets_a_hint_with_a_way_to_settings(qtbot, make_window, tmp_path):
    from photoclip.gui.settings import SettingsDialog

    window, photos = indexed_window(qtbot, make_window, tmp_path, SPECS[:4], 1303)
    page = window.photos
    search(qtbot, page, "красный круг")
    banner = page.language_banner
    assert banner.isVisible() and "reads English only" in banner.text.text()
    seen = []
    when_modal(SettingsDialog, lambda dialog: (seen.append(dialog.windowTitle()), dialog.reject()))
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: seen == ["Settings"], timeout=30_000)  # it opens once the library's settings are read
    search(qtbot, page, "a red circle")
    assert banner.isHidden()


def test_the_tag_review_says_why_a_photo_is_tagged(qtbot, make_window, tmp_path):
    window, photos = indexed_window(qtbot, make_window, tmp_path, SPECS, 1304)
    window.edit_tag("")
    page = window.tags
    qtbot.keyClicks(page.name, "Round or square")
    page.prompts.setPlainText("a red circle\na blue square")
    with qtbot.waitSignal(page.previewShown, timeout=60_000):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    items = page.model.items()
    kinds = {(photos[Path(i.path)].color if Path(i.path) in photos else None) for i in items}
    assert len(items) == 8 and kinds == {"red", "blue"}, "each line tags its photos"
    row = next(r for r, i in enumerate(items) if Path(i.path) in photos and photos[Path(i.path)].color == "blue")
    assert "It matches “a blue square” clearly." in tooltip(page.model, row)
    assert not re.search(r"\d\.\d\d", tooltip(page.model, row))
