"""The window on a library whose model cannot be had (offline): photos listed and thumbnailed."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import toyworld
from photoclip.core.models import DEFAULT_MODEL


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


def test_offline_window_lists_and_thumbnails_the_photos(qtbot, make_window, tmp_path):
    photos = toyworld.write_corpus(tmp_path / "Pictures", 16, seed=77)
    window = make_window()
    window.session.indexing.add_folder(str(tmp_path / "Pictures"))
    model = window.photos.model
    qtbot.waitUntil(lambda: model.rowCount() == len(photos)
                    and window.session.indexing.last.state == "watching", timeout=120_000)
    assert {Path(item.path) for item in model.items()} == {p.resolve() for p in photos}
    status = window.session.indexing.last
    assert status.waiting == len(photos) and "cannot be downloaded" in status.model_problem
    qtbot.waitUntil(lambda: model.data(model.index(0), Qt.ItemDataRole.DecorationRole) is not None, timeout=30_000)
    assert not model.data(model.index(0), Qt.ItemDataRole.DecorationRole).isNull()


def test_a_photo_whose_folder_vanished_is_explained_not_errno(tmp_path):
    from photoclip.gui.preview import read_preview

    with pytest.raises(FileNotFoundError, match="not plugged in") as e:
        read_preview(str(tmp_path / "unplugged" / "photo.jpg"))
    assert "Errno" not in str(e.value)
