"""A library without its model: catalogued, browsable and de-duplicated at once; vectors later.

"Offline" here is real: the hub's address points at a local port where nothing listens, so the
connection is refused as on a laptop without network. Only the download function itself (the
boundary) is replaced, by one that fails the test if anything tries to download.
"""
from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path

import pytest
from PIL import Image

import toyworld
from photoclip.core.models import DEFAULT_MODEL, check_model


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again on leaving: nothing listens there


@pytest.fixture
def offline(monkeypatch):
    """No network, as a user without it has: the hub's address refuses connections."""
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")
    import huggingface_hub

    def no_download(*a, **k):
        raise AssertionError("a download was started although the model is known to be out of reach")

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", no_download)


@pytest.fixture
def photos_with_copies(tmp_path) -> dict[str, Path]:
    """Toy photos plus a byte-identical copy and a resized copy of one of them."""
    corpus = toyworld.write_corpus(tmp_path / "photos", 12, seed=4242)
    original = sorted(p for p in corpus if p.suffix == ".jpg")[0]
    same = tmp_path / "photos" / "copies" / "same bytes.jpg"
    same.parent.mkdir()
    shutil.copyfile(original, same)
    resized = same.parent / "smaller.png"
    with Image.open(original) as im:
        im.resize((im.width // 2, im.height // 2), Image.LANCZOS).save(resized)
    return {"folder": tmp_path / "photos", "original": original, "same": same, "resized": resized,
            "count": len(corpus) + 2}


def test_check_model_tells_ok_offline_and_not_found(offline, tmp_path, tiny_model):
    assert check_model(tiny_model).state == "ok"
    gone = check_model(DEFAULT_MODEL)
    assert gone.state == "offline" and "local-dir:" in gone.message
    assert check_model("ViT-B-32-256:no_such_tag").state == "not found"
    assert check_model(f"local-dir:{tmp_path / 'nothing here'}").state == "not found"
    assert check_model("no colon").state == "not found"


def test_offline_is_known_without_loading_torch(offline, tmp_path, photos_with_copies):
    """Telling that the default model is out of reach imports neither torch nor open_clip (their
    import is most of the seconds it took), and cataloguing without it does not need them either."""
    script = (
        "import sys, json\n"
        "from photoclip.core.models import check_model, DEFAULT_MODEL\n"
        "from photoclip.cli import main\n"
        "state = check_model(DEFAULT_MODEL).state\n"
        f"code = main(['--library', {str(tmp_path / 'lib')!r}, '--create', 'index', {str(photos_with_copies['folder'])!r}])\n"
        "print(json.dumps([state, code, [m for m in ('torch', 'open_clip') if m in sys.modules]]))\n")
    import json
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ})
    assert done.stdout and json.loads(done.stdout.splitlines()[-1]) == ["offline", 0, []], done.stderr


def test_index_offline_catalogs_every_photo_and_finds_copies(cli, offline, photos_with_copies):
    started = time.monotonic()
    r = cli("index", photos_with_copies["folder"], model=DEFAULT_MODEL)
    assert r.code == 0, r.err
    assert time.monotonic() - started < 15
    offline_lines = [line for line in r.err.splitlines() if "cannot be downloaded now" in line]
    assert len(offline_lines) == 1 and "local-dir:" in offline_lines[0]  # said once, in one line

    status = cli("status", "--json", model=None).json()
    assert status["model"] == DEFAULT_MODEL
    assert status["photos"] == photos_with_copies["count"]
    assert status["missing_vectors"] == photos_with_copies["count"]
    assert "cannot be downloaded" in status["waiting_for_model"]

    # The duplicate finder needs pixels only: the identical and the resized copy are found.
    groups = cli("duplicates", "--json", model=None).json()["groups"]
    original = str(photos_with_copies["original"].resolve())
    group = next(g for g in groups if original in g["items"])
    assert {str(photos_with_copies[k].resolve()) for k in ("same", "resized")} <= set(group["items"])


def test_vectors_catch_up_once_the_model_can_be_had(cli, tmp_path, tiny_model, photos_with_copies):
    """A local model folder that has no weights yet (a copy still being made) is 'not found';
    the photos are catalogued, and the run after the weights arrive embeds every one of them."""
    folder = tmp_path / "model copy"
    folder.mkdir()
    shutil.copy(toyworld.TINY_CLIP_DIR / "open_clip_config.json", folder)
    spec = f"local-dir:{folder}"
    r = cli("index", photos_with_copies["folder"], model=spec)
    assert r.code == 0, r.err
    assert "no weights" in r.err
    assert cli("status", "--json", model=spec).json()["missing_vectors"] == photos_with_copies["count"]

    for weights in toyworld.TINY_CLIP_DIR.glob("open_clip_*"):
        shutil.copy(weights, folder)
    r = cli("index", model=spec)
    assert r.code == 0, r.err
    status = cli("status", "--json", model=spec).json()
    assert status["missing_vectors"] == 0 and status["waiting_for_model"] is None
    assert status["embeddings_computed"] == photos_with_copies["count"] - 1  # one pair is byte-identical
    hits = cli("search", "a red circle", "--json", model=spec).json()
    assert hits


def test_worker_catalogs_without_the_model_and_embeds_when_it_comes(tmp_path, photos_with_copies, monkeypatch):
    from photoclip.core import worker as worker_module
    from photoclip.core.worker import LibraryWorker

    folder = tmp_path / "model copy"
    folder.mkdir()
    shutil.copy(toyworld.TINY_CLIP_DIR / "open_clip_config.json", folder)
    monkeypatch.setattr(worker_module, "MODEL_RECHECK", 0.2)
    import threading

    caught_up = threading.Event()
    seen = []

    def on_status(status):
        seen.append(status)
        if status.waiting == 0 and not status.model_problem and status.state == "watching" and len(seen) > 3:
            caught_up.set()

    w = LibraryWorker(tmp_path / "library", model=f"local-dir:{folder}", device="cpu", on_status=on_status)
    w.add_folder(photos_with_copies["folder"])
    w.start()
    try:
        assert w.wait_idle(60)
        status = w.status
        assert status.model_problem and "no weights" in status.model_problem
        assert status.waiting == photos_with_copies["count"]
        assert status.state == "watching"
        for weights in toyworld.TINY_CLIP_DIR.glob("open_clip_*"):
            shutil.copy(weights, folder)
        assert caught_up.wait(60), seen[-1]
    finally:
        assert w.stop(30)
