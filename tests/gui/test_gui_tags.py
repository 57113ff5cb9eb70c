"""The tag editor: create a tag, see its count and photos, move the sensitivity, confirm and reject."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from guitools import wait_indexed, write_photos


def _count(page) -> int:
    match = re.match(r"Tags ([\d,]+) of", page.count.text())
    assert match, page.count.text()
    return int(match.group(1).replace(",", ""))


def test_create_a_tag_and_see_its_count(qtbot, make_window, tmp_path, gui_model):
    specs = [("red", shape, bg) for shape in ("circle", "square", "triangle") for bg in ("white", "black", "gray")]
    specs += [(color, shape, bg) for color in ("green", "blue", "yellow") for shape in ("circle", "square")
              for bg in ("white", "gray")]
    photos = write_photos(tmp_path / "photos", specs, seed=701)
    red = {p.resolve() for p, ph in photos.items() if ph.color == "red"}
    window = make_window()
    window.add_folder(str(tmp_path / "photos"))
    wait_indexed(qtbot, window, len(photos))

    # "New tag" in the library panel opens an empty tag form.
    window.sidebar.editTag.emit("")
    page = window.tags
    assert window.pages.currentWidget() is page
    qtbot.keyClicks(page.name, "Red")
    page.prompts.setPlainText("something red")
    with qtbot.waitSignal(page.previewShown, timeout=60_000):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    count = _count(page)
    tagged = {Path(i.path).resolve() for i in page.model.items() if i.state == "auto"}
    assert count == len(tagged)
    assert len(tagged & red) >= 0.9 * len(red) and len(tagged - red) <= 0.1 * len(tagged), \
        (len(tagged & red), len(red), len(tagged))
    # The library panel lists the tag with the same count.
    qtbot.waitUntil(lambda: any(window.sidebar.tags_header.child(i).text(0) == "Red"
                                and window.sidebar.tags_header.child(i).text(1) == str(count)
                                for i in range(window.sidebar.tags_header.childCount())), timeout=30_000)

    # More sensitivity tags more photos; the count follows the slider before anything is saved.
    with qtbot.waitSignal(page.previewShown, timeout=30_000):
        page.slider.setValue(95)
    assert _count(page) >= count
    with qtbot.waitSignal(page.previewShown, timeout=30_000):
        page.slider.setValue(50)
    assert _count(page) == count

    # Y confirms the selected photo, N rejects one; both are saved and survive the automatic tagging.
    page.grid.setFocus()
    page.grid.setCurrentIndex(page.model.index(0))
    first = page.model.item(0)
    with qtbot.waitSignal(page.previewShown, timeout=30_000):
        qtbot.keyClick(page.grid, Qt.Key.Key_Y)
    page.grid.setCurrentIndex(page.model.index(page.model.row_of(_other(page, first.photo_id))))
    second = page.grid.current_item()
    with qtbot.waitSignal(page.previewShown, timeout=30_000):
        qtbot.keyClick(page.grid, Qt.Key.Key_N)
    states = {i.photo_id: i.state for i in page.model.items()}
    assert states[first.photo_id] == "confirmed" and states[second.photo_id] == "rejected"

    from photoclip.core.library import Library
    from photoclip.core.tags import TagStore

    with Library(tmp_path / "library", model=gui_model, device="cpu") as library:
        decided = TagStore(library).decisions("Red")
        rows = library.catalog.photos([first.photo_id, second.photo_id])
        assert decided == {rows[first.photo_id].fingerprint: True, rows[second.photo_id].fingerprint: False}

    # Ctrl+Z takes the rejection back.
    with qtbot.waitSignal(page.previewShown, timeout=30_000):
        qtbot.keyClick(page.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {i.photo_id: i.state for i in page.model.items()}[second.photo_id] == "auto"


def _other(page, photo_id: int) -> int:
    return next(i.photo_id for i in page.model.items() if i.photo_id != photo_id and i.state == "auto")
