"""The text tower without torch: the standalone tokenizer gives open_clip's tokens, the ONNX
export gives torch's vectors, and a search from the shell runs without importing torch."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from photoclip.core import textonnx
from photoclip.core.models import Embedder, _open_clip_version
from photoclip.core.tokenizer import SimpleTokenizer, packaged_vocab

TEXTS = ["red", "a big red circle on a blue background", "three small yellow triangles",
         "Café crème, naïve résumé — 123 !!", "Fish &amp; chips <b>bold</b>", "  spaced\tout \n text ",
         "фото зимой", "写真", "it's what we'd've done", "ＦＵＬＬＷＩＤＴＨ", "x" * 300, ""]


def test_tokenizer_gives_open_clips_tokens(tiny_model):
    import open_clip

    theirs = open_clip.get_tokenizer(tiny_model)
    mine = SimpleTokenizer(packaged_vocab(), theirs.context_length)
    for text in TEXTS:
        want = theirs([text])[0].numpy()
        got = mine([text])[0]
        assert list(got) == list(want[: len(got)]) and not want[len(got):].any(), text
    batch = mine(TEXTS[:3])  # padded to the longest, not to the context length
    assert batch.shape == (3, len(mine([TEXTS[1]])[0]))


def _exported(spec: str, precision: str) -> Embedder:
    loaded = Embedder(spec, "cpu", precision=precision).load()
    loaded.wait_for_caches()
    return loaded


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_onnx_text_vectors_match_torch_float32(tiny_model, precision):
    loaded = _exported(tiny_model, precision)  # a bfloat16 model exports the checkpoint's float32
    files = textonnx.files(str(loaded.spec), _open_clip_version())
    assert textonnx.valid(files)
    reference = Embedder(tiny_model, "cpu", precision="fp32").load()
    fresh = Embedder(tiny_model, "cpu")  # not loaded: takes the export
    got = fresh.encode_texts(TEXTS)
    assert fresh._model is None and fresh._text_onnx
    cos = (got * reference.encode_texts(TEXTS)).sum(1)
    assert cos.min() >= 0.99, cos
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_stale_or_damaged_export_falls_back_to_the_model(tiny_model):
    _exported(tiny_model, "fp32")
    files = textonnx.files(str(Embedder(tiny_model).spec), _open_clip_version())
    manifest = json.loads(files["manifest"].read_text())
    manifest["stat"][1] += 1  # the weights changed since
    files["manifest"].write_text(json.dumps(manifest))
    stale = Embedder(tiny_model, "cpu")
    stale.encode_texts(["red"])
    assert stale._model is not None  # the full path, which exports again
    stale.wait_for_caches()
    assert textonnx.valid(files)
    files["onnx"].write_bytes(b"not an onnx file")
    damaged = Embedder(tiny_model, "cpu")
    assert damaged.encode_texts(["red"]).shape == (1, damaged.dim) and damaged._model is not None


SEARCH = """
import json, sys
from photoclip.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in ("torch", "open_clip", "torchvision", "transformers", "PySide6") if m in sys.modules)
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def test_shell_search_imports_no_torch(cli, toy_folder, tmp_path, tiny_model):
    from photoclip.core.library import Library
    from photoclip.core.search import search

    assert cli("index", str(tmp_path / "photos")).code == 0
    reference = Embedder(tiny_model, "cpu", precision="fp32").load()
    reference.wait_for_caches()  # any full load leaves the export
    run = subprocess.run([sys.executable, "-c", SEARCH, "--library", str(cli.library), "--device", "cpu",
                          "search", "a red circle on grass", "--json", "--limit", "5"], capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert json.loads(run.stderr.strip().splitlines()[-1]) == {"code": 0, "heavy": []}, run.stderr
    fast = json.loads(run.stdout)
    with Library(cli.library, device="cpu") as library:
        library._embedder = reference  # float32 torch
        full = search(library, "a red circle on grass", limit=5)
    assert [h["path"] for h in fast] == [h.path for h in full]
    assert np.allclose([h["score"] for h in fast], [h.score for h in full], atol=1e-4)
