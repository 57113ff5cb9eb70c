"""Shared fixtures: the tiny CLIP, toy photo folders, a library, and a CLI runner.

Tests never download anything: the hub is switched offline for every test, and the only model
is the committed tiny CLIP, loaded as a `local-dir:` model like a user's own offline copy.
"""
from __future__ import annotations

import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # import toyworld

import toyworld  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app follows the system language; the tests read English texts (the i18n tests start the
# app in other languages themselves).
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _offline_and_private(tmp_path_factory, monkeypatch):
    """No test may reach the network or the user's own library and caches."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("PHOTOCLIP_LIBRARY", raising=False)
    # One number format everywhere, not one measured per test's fresh cache (the measuring has
    # tests of its own: tests/test_fast_paths.py).
    monkeypatch.setenv("PHOTOCLIP_PRECISION", "fp32")
    # send2trash reads XDG_DATA_HOME once, at import: make its trash follow each test's own.
    from send2trash import plat_other

    data = os.fsencode(home / "data")
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", data)
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.path.join(data, b"Trash"))
    monkeypatch.setattr(plat_other, "HOMETRASH", os.fsdecode(os.path.join(data, b"Trash")))


@pytest.fixture(scope="session")
def tiny_model() -> str:
    """The model spec of the committed tiny CLIP."""
    assert (toyworld.TINY_CLIP_DIR / "open_clip_config.json").is_file(), "the tiny CLIP is missing"
    return toyworld.TINY_CLIP_SPEC


@pytest.fixture(scope="session")
def tiny_vit(tmp_path_factory) -> str:
    """A tiny CLIP with a vision transformer (random weights, made once a session): the tower
    kind whose linear layers int8 takes, as in the real models (the tiny CLIP is a ResNet)."""
    import json

    import open_clip
    import torch
    from safetensors.torch import save_file

    folder = tmp_path_factory.mktemp("tiny-vit")
    config = json.loads((toyworld.TINY_CLIP_DIR / "open_clip_config.json").read_text())
    config["model_cfg"]["vision_cfg"] = {"image_size": 64, "patch_size": 16, "width": 64, "head_width": 32, "layers": 2}
    (folder / "open_clip_config.json").write_text(json.dumps(config))
    torch.manual_seed(0)
    model = open_clip.CLIP(**config["model_cfg"])
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(folder / "open_clip_model.safetensors"))
    return f"local-dir:{folder}"


@pytest.fixture(scope="session")
def shared_embedder(tiny_model):
    """One loaded tiny CLIP for the whole session (loading is cheap, but not free)."""
    from photoclip.core.models import Embedder

    return Embedder(tiny_model, device="cpu").load()


@pytest.fixture
def library(tmp_path, tiny_model):
    from photoclip.core.library import Library

    lib = Library(tmp_path / "library", model=tiny_model, device="cpu")
    yield lib
    lib.close()


@pytest.fixture
def toy_folder(tmp_path):
    """A folder of 48 toy photos of mixed formats, sizes and unicode folders: {path: Photo}."""
    return toyworld.write_corpus(tmp_path / "photos", 48, seed=1001)


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path, tiny_model):
    """Run `photoclip --library L --device cpu --create --model TINY ARGS...` in this process."""
    from photoclip.cli import main

    lib_dir = tmp_path / "cli-library"

    def run(*args: str, model: str | None = tiny_model, library: Path | None = None,
            create: bool = True) -> CliResult:
        # --create: a test's library is new, made on first use (create=False: as a user who did not ask)
        argv = ["--library", str(library or lib_dir), "--device", "cpu"] + (["--create"] if create else [])
        if model:
            argv += ["--model", model]
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(argv + [str(a) for a in args])
        return CliResult(code, out.getvalue(), err.getvalue())

    run.library = lib_dir
    return run
