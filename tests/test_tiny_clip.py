"""The committed tiny CLIP meets the toy world's accuracy bar (shared/toy-world.md).

Photos come from seeds that `toyworld/train_tiny_clip.py` never used, drawn with the spec's
reference renderer across the whole spec (sizes 160-1024 at any aspect ratio plus 12-megapixel
ones, hard and anti-aliased edges, every variation, JPEG q70-95 / PNG / WebP in nested unicode
folders), written to disk and read back through PhotoClip's own `decode`, then classified
zero-shot through the model loaded as a user's `local-dir:` model.
"""
from __future__ import annotations

import json
import random

import numpy as np
import open_clip
import pytest
import torch

from photoclip.core.imaging import Preprocess, decode
from toyworld import (
    BACKGROUNDS,
    COLORS,
    SHAPES,
    TINY_CLIP_DIR,
    TINY_CLIP_SPEC,
    perturb,
    random_photo,
    render,
    write_image,
)

SEED = 7_345_019  # fresh: the training script's seeds are 2_024_060_100 and up
N_PHOTOS = 360
N_BIG = 6  # 12-megapixel photos among them
FOLDERS = ("", "2024/Sommer Urlaub", "фото/зима", "家族 写真", "a b/c d")
KINDS = ["noise", "blur", "brightness", "crop", "downscale"]

COLOR_NAMES, SHAPE_NAMES, BG_NAMES = list(COLORS), list(SHAPES), list(BACKGROUNDS)

# (label family, prompt template, required accuracy); every template is a caption from the spec
CHECKS = [
    ("color x shape", "a photo of a {color} {shape}", 0.95),
    ("color x shape", "a {color} {shape}", 0.95),
    ("shape", "a {shape}", 0.97),
    ("color", "something {color}", 0.97),
    ("background", "on a {bg} background", 0.95),
]


@pytest.fixture(scope="module")
def model():
    torch.set_num_threads(min(4, torch.get_num_threads()))
    model, _, _ = open_clip.create_model_and_transforms(TINY_CLIP_SPEC)
    model.eval()
    return model, open_clip.get_tokenizer(TINY_CLIP_SPEC), open_clip.get_model_preprocess_cfg(model)


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    """Write the photo set; returns [(path, color, shape, bg, description)]."""
    root = tmp_path_factory.mktemp("toy photos")
    rng = random.Random(SEED)
    out = []
    for i in range(N_PHOTOS):
        if i < N_BIG:
            w, h = rng.choice(((4000, 3000), (3000, 4000)))
        else:
            w, h = rng.randint(160, 1024), rng.randint(160, 1024)
        photo = random_photo(rng, width=w, height=h)
        ss = rng.choice((1, 2)) if i >= N_BIG else 1
        img = render(photo, supersample=ss)
        kinds = []
        if i >= N_BIG:
            mode = i % 4
            if mode == 1:  # one variation each, cycling through all of them
                kinds = [KINDS[(i // 4) % len(KINDS)]]
            elif mode == 2:  # a random subset in the reference order
                kinds = None
            elif mode == 3:  # a random subset in a random order
                kinds = [k for k in KINDS if rng.random() < 0.5]
                rng.shuffle(kinds)
            if kinds != []:
                img, kinds = perturb(img, rng, kinds)
        suffix = (".jpg", ".png", ".webp")[i % 3] if i >= N_BIG else ".jpg"
        path = root / rng.choice(FOLDERS) / f"toy {i:04d}{suffix}"
        write_image(img, path, rng, quality=rng.randint(70, 95))
        desc = f"{photo.label} {w}x{h} ss{ss} {'+'.join(kinds) or 'plain'} {suffix}"
        out.append((path, photo.color, photo.shape, photo.bg, desc))
    return out


@pytest.fixture(scope="module")
def image_features(model, photos):
    m, _, cfg = model
    prep = Preprocess.from_open_clip(cfg)
    assert prep.resize_mode == "squash"
    pixels = np.stack([decode(p[0], prep).pixels for p in photos])
    x = torch.from_numpy(pixels).permute(0, 3, 1, 2).float() / 255
    x = (x - torch.tensor(prep.mean).view(1, 3, 1, 1)) / torch.tensor(prep.std).view(1, 3, 1, 1)
    with torch.no_grad():
        return m.encode_image(x, normalize=True)


def _zero_shot(model, image_features, template):
    m, tok, _ = model
    if "{color}" in template and "{shape}" in template:
        classes = [(c, s) for c in COLOR_NAMES for s in SHAPE_NAMES]
        prompts = [template.format(color=c, shape=s) for c, s in classes]
    elif "{shape}" in template:
        classes = SHAPE_NAMES
        prompts = [template.format(shape=s) for s in classes]
    elif "{color}" in template:
        classes = COLOR_NAMES
        prompts = [template.format(color=c) for c in classes]
    else:
        classes = BG_NAMES
        prompts = [template.format(bg=b) for b in classes]
    with torch.no_grad():
        text = m.encode_text(tok(prompts), normalize=True)
    return [classes[j] for j in (image_features @ text.T).argmax(1).tolist()]


def _truth(photo, template):
    _, color, shape, bg, _ = photo
    if "{color}" in template and "{shape}" in template:
        return (color, shape)
    if "{shape}" in template:
        return shape
    if "{color}" in template:
        return color
    return bg


@pytest.mark.parametrize("family,template,required", CHECKS, ids=[f"{c[0]}: {c[1]}" for c in CHECKS])
def test_zero_shot_accuracy(model, photos, image_features, family, template, required):
    predicted = _zero_shot(model, image_features, template)
    wrong = [(p[4], pred) for p, pred in zip(photos, predicted) if pred != _truth(p, template)]
    accuracy = 1 - len(wrong) / len(photos)
    print(f"{family} via {template!r}: {accuracy:.1%} of {len(photos)}")
    assert accuracy >= required, (
        f"{family} zero-shot accuracy {accuracy:.1%} < {required:.0%} with {template!r}; "
        f"{len(wrong)} wrong, e.g. {wrong[:8]}")


def test_fixture_is_a_small_well_formed_local_dir_model(model):
    m, tok, cfg = model
    files = {f.name: f.stat().st_size for f in TINY_CLIP_DIR.iterdir()}
    assert set(files) == {"open_clip_config.json", "open_clip_model.safetensors"}
    assert sum(files.values()) < 10_000_000
    config = json.loads((TINY_CLIP_DIR / "open_clip_config.json").read_text())
    assert set(config) == {"model_cfg", "preprocess_cfg"}
    assert cfg["resize_mode"] == "squash"
    assert 10 <= m.logit_scale.exp().item() <= 100
    with torch.no_grad():
        t = m.encode_text(tok(["a red circle", "on a white background"]))
    assert t.shape[1] == config["model_cfg"]["embed_dim"]
