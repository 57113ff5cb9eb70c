"""The window at 900 px: library names readable, no page wider than the window, long messages shortened."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

import toyworld
from guitools import wait_indexed


def test_at_900_pixels_everything_fits_and_a_long_error_does_not_widen_the_window(qtbot, make_window, tmp_path):
    photos = toyworld.write_corpus(tmp_path / "photos", 4, seed=1501, max_side=300)
    window = make_window()
    window.resize(900, 640)
    window.add_folder(str(tmp_path / "photos"))
    wait_indexed(qtbot, window, len(photos))
    tree = window.sidebar.tree
    names = tree.fontMetrics().horizontalAdvance("All photos")
    for show in (window.show_photos, window.show_tags, lambda: window.show_duplicates(look=False),
                 window.show_removed):
        show()
        qtbot.waitUntil(lambda: window.width() == 900)
        assert window.minimumSizeHint().width() <= 900, window.pages.currentWidget()
        assert window.pages.currentWidget().width() + window.sidebar.width() <= 900
        # The library panel keeps its names beside every page: "All photos" is not cut to "All ph…".
        assert tree.columnWidth(0) - tree.indentation() - tree.iconSize().width() >= names, \
            window.pages.currentWidget()

    # A long error in the status bar is shortened, the whole text in its tooltip.
    error = "could not read /mnt/photos/" + "very long folder name/" * 40 + "IMG_0001.JPG: Input/output error"
    window.status.show_notice(error)
    window.status._show("warning", error, error)
    QApplication.processEvents()  # the layout takes the new texts
    assert window.width() == 900 and window.minimumSizeHint().width() <= 900
    assert window.status.state.toolTip() == error and window.status.note.toolTip() == error
