"""Model names, the offline path, downloads (stubbed only at the network boundary) and encoding."""
import numpy as np
import pytest

from photoclip.core import models
from photoclip.core.models import DEFAULT_MODEL, MODEL_CHOICES, Embedder, ModelSpec, ModelUnavailable


def test_spec_parsing_round_trips(tmp_path):
    assert str(ModelSpec.parse(DEFAULT_MODEL)) == "ViT-B-32-256:datacomp_s34b_b86k"
    assert ModelSpec.parse("hf-hub:timm/ViT-B-16-SigLIP").schema == "hf-hub"
    local = ModelSpec.parse(f"local-dir:{tmp_path}/../{tmp_path.name}")
    assert local.schema == "local-dir" and local.name == str(tmp_path)  # normalised, so the key is stable
    assert ModelSpec.parse(str(local)) == local
    for bad in ("ViT-B-32", "local-dir:", "hf-hub:justaname"):
        with pytest.raises(ValueError):
            ModelSpec.parse(bad)


def test_choices_include_a_multilingual_model():
    assert any("ultilingual" in c.title for c in MODEL_CHOICES)
    for c in MODEL_CHOICES:
        ModelSpec.parse(c.spec)


def test_offline_error_starts_no_download_and_says_what_to_do(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")  # as a user without network would be
    monkeypatch.setattr(models, "network_reachable", lambda url=None, timeout=3.0: False)
    import huggingface_hub

    def download(*a, **k):  # here a download would retry for a minute before failing
        raise AssertionError("a download was started although the network is unreachable")

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", download)
    with pytest.raises(ModelUnavailable) as e:
        Embedder(DEFAULT_MODEL, device="cpu").load()
    text = str(e.value)
    assert DEFAULT_MODEL in text and "local-dir:" in text


def test_hub_offline_setting_is_honoured_without_trying(monkeypatch):
    def no_network(*a, **k):
        raise AssertionError("must not probe the network when HF_HUB_OFFLINE is set")

    monkeypatch.setattr(models, "network_reachable", no_network)
    with pytest.raises(ModelUnavailable, match="HF_HUB_OFFLINE"):
        models.fetch_weights(ModelSpec.parse(DEFAULT_MODEL))


def test_download_reports_progress(monkeypatch, tmp_path):
    """The hub itself is the outer boundary: a stand-in serves the file through the tqdm we pass."""
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(models, "network_reachable", lambda url=None, timeout=3.0: True)
    asked = []

    def fake_download(repo, filename, tqdm_class=None):
        asked.append((repo, filename))
        bar = tqdm_class(total=300, disable=True)
        for _ in range(3):
            bar.update(100)
        bar.close()
        target = tmp_path / filename
        target.write_bytes(b"weights")
        return str(target)

    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", fake_download)
    seen = []
    path = models.fetch_weights(ModelSpec.parse(DEFAULT_MODEL), progress=lambda what, done, total: seen.append((done, total)))
    assert path.endswith("open_clip_model.safetensors")
    assert asked == [("laion/CLIP-ViT-B-32-256x256-DataComp-s34B-b86K", "open_clip_model.safetensors")]
    assert seen[-1] == (300, 300) and len(seen) == 3


def test_unknown_pretrained_tag_names_the_known_ones():
    with pytest.raises(ModelUnavailable, match="datacomp_s34b_b86k"):
        models.fetch_weights(ModelSpec.parse("ViT-B-32-256:no_such_tag"))


def test_local_dir_without_config_or_weights(tmp_path):
    with pytest.raises(ModelUnavailable, match="open_clip_config.json"):
        Embedder(f"local-dir:{tmp_path}").load()
    (tmp_path / "open_clip_config.json").write_text('{"model_cfg": {"embed_dim": 8, "vision_cfg": {}}}')
    with pytest.raises(ModelUnavailable, match="no weights"):
        Embedder(f"local-dir:{tmp_path}", device="cpu").load()


def test_device_choice_on_this_machine():
    import torch

    assert models.pick_device("cpu") == "cpu"
    assert models.pick_device("auto") == ("cuda" if torch.cuda.is_available() else
                                          "mps" if torch.backends.mps.is_available() else "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(ModelUnavailable, match="no CUDA GPU"):
            models.pick_device("cuda")


def test_tiny_model_encodes_unit_vectors_consistently(shared_embedder):
    e = shared_embedder
    s = e.preprocess.size
    pixels = np.random.default_rng(0).integers(0, 255, (5, s, s, 3), dtype=np.uint8)
    batch = e.encode_images(pixels)
    single = e.encode_images(pixels[2:3])
    assert batch.shape == (5, e.dim) and batch.dtype == np.float32
    assert np.allclose(np.linalg.norm(batch, axis=1), 1, atol=1e-5)
    assert np.allclose(batch[2], single[0], atol=1e-4)  # batching does not change a photo's vector
    texts = e.encode_texts(["a red circle", "a blue square"])
    assert texts.shape == (2, e.dim) and np.allclose(np.linalg.norm(texts, axis=1), 1, atol=1e-5)


def test_lazy_load_is_shared_between_threads(tiny_model):
    from concurrent.futures import ThreadPoolExecutor

    e = Embedder(tiny_model, device="cpu")
    assert not e.loaded
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda t: e.encode_texts([t]), ["a", "b", "c", "d"]))
    assert e.loaded and all(r.shape == (1, e.dim) for r in results)


def test_indexing_starts_from_a_traced_image_tower_made_on_the_first_load(tmp_path):
    """The first load for indexing keeps a traced copy of the image tower in the user's cache
    (conftest points it into tmp); the next one uses it without loading the whole model, with
    the same vectors; new weights make it load the model again."""
    import shutil

    import toyworld

    folder = tmp_path / "model"
    shutil.copytree(toyworld.TINY_CLIP_DIR, folder)
    spec = f"local-dir:{folder}"
    size = Embedder(spec).preprocess.size
    pixels = np.random.default_rng(3).integers(0, 256, (6, size, size, 3), dtype=np.uint8)

    first = Embedder(spec, device="cpu").load_images()
    assert first.loaded and first.images_ready  # nothing to start from yet: the whole model
    expected = first.encode_images(pixels)
    first.tracing.join()

    second = Embedder(spec, device="cpu").load_images()
    assert second.images_ready and not second.loaded
    assert np.min(np.sum(second.encode_images(pixels) * expected, axis=1)) > 0.999

    weights = next(p for p in folder.iterdir() if p.name in models.WEIGHT_FILES)
    weights.write_bytes(weights.read_bytes())  # the same name, a new file: trace again
    third = Embedder(spec, device="cpu").load_images()
    assert third.loaded
    third.tracing.join()
    assert not Embedder(spec, device="cpu").load_images().loaded  # ... once, for the new weights


def test_offered_models_name_the_weights_open_clip_names():
    """The sources kept beside the offered models (so that checking one imports no open_clip)."""
    from open_clip.pretrained import get_pretrained_cfg

    for choice in MODEL_CHOICES:
        spec = ModelSpec.parse(choice.spec)
        assert get_pretrained_cfg(spec.name, spec.tag)["hf_hub"].rstrip("/") == choice.hub
