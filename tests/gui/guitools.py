"""Helpers for the app's tests (fixtures are in conftest.py)."""
from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import toyworld


def when_modal(kind, act):
    """Run act(dialog) once a modal dialog of this kind is up (exec() blocks the test until closed)."""
    def check():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(50, check)


def wait_indexed(qtbot, window, count: int, timeout: int = 120_000) -> None:
    """Until the grid shows `count` photos and indexing is over."""
    def done():
        status = window.session.indexing.last
        return (window.photos.model.rowCount() == count and status.state in ("watching", "idle")
                and window.session.model_state == "ready")

    qtbot.waitUntil(done, timeout=timeout)


def write_photos(folder: Path, specs: list[tuple[str, str, str]], seed: int) -> dict[Path, toyworld.Photo]:
    """Toy photos of the given (colour, shape, background)s, as JPEGs of random sizes."""
    rng = random.Random(seed)
    out = {}
    for i, (color, shape, bg) in enumerate(specs):
        photo = toyworld.random_photo(rng, rng.randint(200, 640), rng.randint(200, 640),
                                      color=color, shape=shape, bg=bg)
        path = toyworld.write_image(toyworld.render(photo), folder / f"photo_{seed}_{i:03d}.jpg", rng)
        out[path] = photo
    return out
