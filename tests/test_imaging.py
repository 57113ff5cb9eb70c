"""Reading photos: reduced decode, orientation, EXIF, and a clear reason for every bad file."""
import io
import os
import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import toyworld
from photoclip.core.imaging import MAX_PIXELS, Preprocess, SkipFile, decode

SQUASH64 = Preprocess(size=64, resize_mode="squash")


def _exif_jpeg(path: Path, size=(400, 200), orientation=1, when="2021:07:04 18:30:00"):
    img = Image.new("RGB", size, (200, 30, 30))
    img.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue: shows the orientation
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS R5"
    exif.get_ifd(0x8769)[0x9003] = when
    img.save(path, "JPEG", exif=exif, quality=90)
    return path


def test_exif_date_camera_and_orientation(tmp_path):
    path = _exif_jpeg(tmp_path / "a.jpg", orientation=6)  # stored landscape, shown rotated 90° cw
    d = decode(path, Preprocess(size=32, resize_mode="squash"))
    assert (d.width, d.height) == (200, 400)  # as shown, after orientation
    assert d.taken == "2021-07-04T18:30:00"
    assert d.camera == "Canon EOS R5"
    # Orientation 6 turns the blue left half to the top.
    top, bottom = d.pixels[2, 16], d.pixels[-3, 16]
    assert top[2] > 150 and top[0] < 100, top
    assert bottom[0] > 150 and bottom[2] < 100, bottom


def test_jpeg_draft_decodes_reduced_but_sufficient(tmp_path):
    img = toyworld.render(toyworld.random_photo(random.Random(3), 4000, 3000))
    path = tmp_path / "big.jpg"
    img.save(path, "JPEG", quality=85)
    prep = Preprocess(size=224, resize_mode="shortest")
    assert prep.draft_size(4000, 3000) == (299, 224)
    with Image.open(path) as im:
        im.draft("RGB", prep.draft_size(4000, 3000))
        assert min(im.size) >= 224 and im.size[0] < 4000 // 4  # decoded at 1/8 scale: 500x375
    d = decode(path, prep)
    assert d.pixels.shape == (224, 224, 3) and d.pixels.dtype == np.uint8
    assert (d.width, d.height) == (4000, 3000)


@pytest.mark.parametrize("mode", ["shortest", "longest", "squash"])
def test_preprocess_modes_give_model_size(mode):
    img = Image.new("RGB", (300, 100), (10, 200, 10))
    out = Preprocess(size=48, resize_mode=mode, fill_color=0)(img)
    assert out.shape == (48, 48, 3)
    if mode == "longest":  # letterboxed: padding rows are the fill colour
        assert out[0, 24].tolist() == [0, 0, 0] and out[24, 24, 1] > 150
    else:
        assert out[0, 24, 1] > 150


def test_transparent_png_is_flattened_on_white(tmp_path):
    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    img.paste((255, 0, 0, 255), (16, 16, 48, 48))
    img.save(tmp_path / "t.png")
    px = decode(tmp_path / "t.png", Preprocess(size=64, resize_mode="squash")).pixels
    assert px[0, 0].tolist() == [255, 255, 255] and px[32, 32].tolist() == [255, 0, 0]


def test_metadata_only_decode_reads_no_pixels(tmp_path):
    path = _exif_jpeg(tmp_path / "a.jpg")
    d = decode(path, None)
    assert d.pixels is None and (d.width, d.height) == (400, 200) and d.fingerprint


def test_same_bytes_same_fingerprint_anywhere(tmp_path):
    a = _exif_jpeg(tmp_path / "a.jpg")
    b = tmp_path / "sub" / "renamed.jpg"
    b.parent.mkdir()
    b.write_bytes(a.read_bytes())
    c = _exif_jpeg(tmp_path / "c.jpg", when="2022:01:01 00:00:00")
    fa, fb, fc = (decode(p, None).fingerprint for p in (a, b, c))
    assert fa == fb != fc


def _truncated(tmp_path):
    good = io.BytesIO()
    toyworld.render(toyworld.random_photo(random.Random(1), 300, 300)).save(good, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    return path


def _written(name, content):
    def make(folder):
        (folder / name).write_bytes(content)
        return folder / name
    return make


def _folder_named(name):
    def make(folder):
        (folder / name).mkdir()
        return folder / name
    return make


@pytest.mark.parametrize("make, reason", [
    (_written("empty.jpg", b""), "empty file"),
    (_written("text.png", b"not a png"), "not an image"),
    (_truncated, "truncated"),
    (lambda folder: folder / "missing.jpg", "vanished"),
    (_folder_named("dir.jpg"), "folder"),
])
def test_bad_files_raise_skip_with_reason(tmp_path, make, reason):
    with pytest.raises(SkipFile, match=reason):
        decode(make(tmp_path), SQUASH64)


def test_decompression_bomb_is_skipped_before_decoding(tmp_path):
    side = int((MAX_PIXELS * 1.1) ** 0.5)
    path = tmp_path / "bomb.png"
    Image.new("1", (side, side)).save(path)  # a tiny file claiming ~200 megapixels
    assert path.stat().st_size < 5_000_000
    with pytest.raises(SkipFile, match="too large"):
        decode(path, SQUASH64)


def test_unreadable_file_reason(tmp_path, monkeypatch):
    """Tests run as root in CI, where chmod 0 does not stop a read: raise the OS error itself."""
    path = _exif_jpeg(tmp_path / "locked.jpg")

    real_open = os.open

    def denied(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(SkipFile, match="permission denied"):
        decode(path, SQUASH64)
