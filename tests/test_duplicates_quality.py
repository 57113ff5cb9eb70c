"""How right the duplicate finder is: the pixel check on every allowed edit, and the whole finder
(tiny CLIP neighbours + pixel check) on a toy corpus with near-duplicate sets hidden among many
distinct photos of the same classes.

The photos come from the toy-world renderer (tests/toyworld, written to the spec by someone
else); the edits are made here, by this file's own code, from seeds nothing was tuned on.
"""
from __future__ import annotations

import io
import itertools
import random

import numpy as np
import pytest
from PIL import Image, ImageEnhance, ImageFilter, ImageOps

import toyworld
from photoclip.core import duplicates as D
from photoclip.core import pixelmatch as pm
from photoclip.core.indexer import Indexer
from photoclip.core.library import Library

EDITS = ("crop", "downscale", "upscale", "brightness", "blur", "noise", "turn", "mirror", "reencode")


def edit(img: Image.Image, kind: str, rng: random.Random) -> Image.Image:
    """One edit that keeps the picture the same picture (the toy-world spec, plus turns/mirrors)."""
    w, h = img.size
    if kind == "crop":  # up to 10 % off each side, each side its own amount
        cut = [rng.uniform(0.0, 0.10) for _ in range(4)]
        return img.crop((round(w * cut[0]), round(h * cut[1]), w - round(w * cut[2]), h - round(h * cut[3])))
    if kind == "downscale":
        f = rng.uniform(0.4, 0.8)
        return img.resize((max(32, round(w * f)), max(32, round(h * f))), rng.choice((Image.BILINEAR, Image.LANCZOS)))
    if kind == "upscale":
        f = rng.uniform(1.1, 1.6)
        return img.resize((round(w * f), round(h * f)), Image.BICUBIC)
    if kind == "brightness":
        return ImageEnhance.Brightness(img).enhance(rng.choice((rng.uniform(0.85, 0.92), rng.uniform(1.08, 1.15))))
    if kind == "blur":
        return img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.5)))
    if kind == "noise":
        noise = Image.effect_noise(img.size, rng.uniform(20, 90)).convert("RGB")
        return Image.blend(img, noise, rng.uniform(0.05, 0.25))
    if kind == "turn":
        return img.transpose(rng.choice((Image.ROTATE_90, Image.ROTATE_180, Image.ROTATE_270)))
    if kind == "mirror":
        return rng.choice((ImageOps.mirror, ImageOps.flip))(img)
    if kind == "reencode":
        return Image.open(io.BytesIO(_encode(img, "JPEG", rng.randint(60, 80)))).convert("RGB")
    raise ValueError(kind)


def variant(img: Image.Image, rng: random.Random) -> tuple[Image.Image, list[str]]:
    kinds = rng.sample(EDITS, rng.randint(1, 3))
    for kind in kinds:
        img = edit(img, kind, rng)
    return img, kinds


def _encode(img: Image.Image, fmt: str, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **({"quality": quality} if fmt in ("JPEG", "WEBP") else {}))
    return buf.getvalue()


def pixel_print(img: Image.Image, fmt: str = "JPEG") -> pm.PixelPrint:
    return pm.read_print(f"in-memory.{fmt.lower()}", data=_encode(img, fmt, 90))


def texture(rng: random.Random, w: int = 480, h: int = 360) -> Image.Image:
    """A photo-like image (smooth structure at every scale), for tests that need real texture."""
    arr = np.zeros((h, w, 3), dtype=np.float32)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    for cells in (3, 6, 12, 24, 48):
        layer = nrng.uniform(-1, 1, (cells, cells, 3)).astype(np.float32)
        up = Image.fromarray(((layer + 1) * 127.5).astype(np.uint8)).resize((w, h), Image.BICUBIC)
        arr += (np.asarray(up, dtype=np.float32) - 127.5) * (24 / cells) ** 0.5
    return Image.fromarray(np.clip(arr * 0.35 + 128, 0, 255).astype(np.uint8))


# -- the pixel check, edit by edit ------------------------------------------------------------------
@pytest.mark.parametrize("kind", EDITS)
def test_every_allowed_edit_is_the_same_picture(kind):
    rng = random.Random(f"edit-{kind}")
    missed = []
    for i in range(12):
        photo = toyworld.random_photo(rng, width=rng.randint(200, 640), height=rng.randint(200, 640))
        original = toyworld.render(photo)
        copy = edit(original, kind, rng)
        verdict = pm.compare(pixel_print(original), pixel_print(copy, rng.choice(("JPEG", "PNG", "WEBP"))))
        if not verdict.same:
            missed.append((i, round(verdict.error, 1), round(verdict.cell_error, 1)))
    assert len(missed) <= 1, f"{kind}: {missed}"


def lookalike(a: pm.PixelPrint, b: pm.PixelPrint) -> float:
    """How alike two prints' signatures are, as the finder's search sees them (each stood
    upright its best way, and each also its second-best way against the other's best)."""
    sig = pm.signatures(np.stack([a.thumb, b.thumb])).astype(np.float32)
    second = pm.runner_up(sig)
    return float(max(sig[0] @ sig[1], second[0] @ sig[1], sig[0] @ second[1]))


@pytest.mark.parametrize("kind", EDITS)
def test_every_allowed_edit_keeps_the_look_alike_signature(kind):
    rng = random.Random(f"signature-{kind}")
    bound = D.RULES["duplicates"].lookalike_bound
    scores = []
    for _ in range(12):
        original = texture(rng, rng.randint(200, 640), rng.randint(200, 640))
        copy = edit(original, kind, rng)
        scores.append(round(lookalike(pixel_print(original), pixel_print(copy, rng.choice(("JPEG", "PNG")))), 3))
    assert sum(s >= bound for s in scores) >= 11, scores
    if kind in ("turn", "mirror"):  # nothing but the way up changed: the same signature
        assert min(scores) > 0.99, scores


def test_distinct_photos_are_rarely_look_alikes():
    rng = random.Random(404)
    prints = [pixel_print(texture(rng, 320, 240)) for _ in range(40)]
    close = sum(lookalike(a, b) >= D.RULES["duplicates"].lookalike_bound for a, b in itertools.combinations(prints, 2))
    assert close <= 8, close  # of 780 pairs: each would cost one pixel check, and no more


def test_crops_know_which_copy_is_cut_and_turns_which_way():
    rng = random.Random(77)
    img = texture(rng)
    cropped = img.crop((40, 30, 440, 330))
    v = pm.compare(pixel_print(img), pixel_print(cropped))
    assert v.same and v.inner == "b"
    v = pm.compare(pixel_print(cropped), pixel_print(img))
    assert v.same and v.inner == "a"
    turned = img.transpose(Image.ROTATE_90)
    v = pm.compare(pixel_print(img), pixel_print(turned))
    assert v.same and v.inner is None and v.orientation % 4 in (1, 3)


def test_other_photos_of_the_same_class_are_not_duplicates():
    rng = random.Random(91)
    wrong = 0
    for _ in range(40):
        labels = dict(color=rng.choice(list(toyworld.COLORS)), shape=rng.choice(toyworld.SHAPES),
                      bg=rng.choice(list(toyworld.BACKGROUNDS)))
        a, b = (toyworld.render(toyworld.random_photo(rng, **labels)) for _ in range(2))
        wrong += pm.compare(pixel_print(a), pixel_print(b)).same
    assert wrong <= 1


def test_a_burst_is_similar_but_not_a_duplicate():
    rng = random.Random(5)
    for _ in range(6):
        scene = texture(rng, 640, 480)
        dx, dy = rng.choice((-1, 1)) * rng.randint(25, 60), rng.randint(-20, 20)  # the camera moved 4-9 %
        first = scene.crop((60, 60, 580, 420))
        second = scene.crop((60 + dx, 60 + dy, 580 + dx, 420 + dy))
        second = ImageEnhance.Brightness(second).enhance(rng.uniform(0.95, 1.05))
        a, b = pixel_print(first), pixel_print(second)
        assert not pm.compare(a, b).same
        assert pm.similar(a, b).same
        assert not pm.similar(a, pixel_print(texture(rng, 520, 360))).same


# -- the whole finder on a toy corpus ------------------------------------------------------------
def write_corpus(root, seed: int):
    """Near-duplicate sets among many distinct photos of few classes; returns (sets, singles)."""
    rng = random.Random(seed)
    classes = [dict(color=c, shape=s, bg="white") for c, s in itertools.product(("red", "blue"), toyworld.SHAPES)]
    classes += [dict(color="green", shape="circle", bg="black"), dict(color="yellow", shape="square", bg="gray")]
    folders = ("", "2024/Sommer Urlaub", "фото", "a b")
    sets, singles = [], []
    n = 0

    def save(img):
        nonlocal n
        n += 1
        path = root / rng.choice(folders) / f"IMG_{n:04d}{rng.choice(('.jpg', '.jpg', '.png', '.webp'))}"
        toyworld.write_image(img, path, rng)
        return path

    for i in range(120):
        labels = classes[i % len(classes)]
        photo = toyworld.random_photo(rng, width=rng.randint(200, 480), height=rng.randint(200, 480), **labels)
        img = toyworld.render(photo, supersample=rng.choice((1, 2)))
        if i % 3 == 0:  # a set: the original and 1-3 edited copies
            members = [save(img)] + [save(variant(img, rng)[0]) for _ in range(rng.randint(1, 3))]
            sets.append(members)
        else:
            singles.append(save(img))
    return sets, singles


def pairs_of(groups):
    return {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}


def test_finder_precision_and_recall_on_a_toy_corpus(tmp_path, tiny_model):
    sets, singles = write_corpus(tmp_path / "photos", seed=20261123)
    truth = pairs_of([[str(p.resolve()) for p in s] for s in sets])
    with Library(tmp_path / "lib", model=tiny_model, device="cpu", writer=True) as library:
        library.add_folder(tmp_path / "photos")
        assert not Indexer(library, workers=2).run().cancelled
        groups = D.find_groups(library, "duplicates")
    found = pairs_of([[it.path for it in g.items] for g in groups])
    hits = len(found & truth)
    precision, recall = hits / max(1, len(found)), hits / len(truth)
    assert precision >= 0.95 and recall >= 0.9, (precision, recall, len(found), len(truth))
    for g in groups:
        assert g.keep in g.items and g.items[0] is g.keep and g.reason
