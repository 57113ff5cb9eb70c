"""HEIC and camera RAW out of the box: made here (pillow-heif writes HEIC; the DNG is written
byte by byte, with a raw CFA image and an embedded JPEG preview, as a camera does)."""
from __future__ import annotations

import io
import struct
from pathlib import Path

import numpy as np
from PIL import Image

from photoclip.core import imaging
from photoclip.core.indexer import Indexer

# TIFF field types: BYTE, ASCII, SHORT, LONG, SRATIONAL (the ones a DNG needs here).
_PACK = {1: "B", 2: "B", 3: "H", 4: "I", 10: "ii"}


def _ifd(entries, at: int) -> bytes:
    """A TIFF directory of (tag, type, values) placed at offset `at`, its long values right after it."""
    entries = sorted(entries)
    data_at = at + 2 + 12 * len(entries) + 4
    table, data = struct.pack("<H", len(entries)), b""
    for tag, kind, values in entries:
        if kind == 2:
            raw = values.encode() + b"\0"
        elif kind == 10:
            raw = b"".join(struct.pack("<ii", *v) for v in values)
        elif isinstance(values, bytes):
            raw = values
        else:
            raw = struct.pack("<" + _PACK[kind] * len(values), *values)
        count = len(values) if kind == 10 else len(raw) // struct.calcsize(_PACK[kind])
        if len(raw) <= 4:
            table += struct.pack("<HHI", tag, kind, count) + raw.ljust(4, b"\0")
        else:
            table += struct.pack("<HHII", tag, kind, count, data_at + len(data))
            data += raw + b"\0" * (len(raw) % 2)
    return table + struct.pack("<I", 0) + data


def make_dng(preview: Image.Image, taken: str = "2021:07:04 10:20:30") -> bytes:
    """A DNG as a camera writes one: IFD0 holds the JPEG preview and the EXIF, a sub-IFD the raw
    sensor data (a 64x48 Bayer mosaic, RGGB, 16 bits)."""
    buf = io.BytesIO()
    preview.convert("RGB").save(buf, "JPEG", quality=90)
    jpeg = buf.getvalue() + b"\0" * (len(buf.getvalue()) % 2)
    width, height = 64, 48
    mosaic = np.random.default_rng(1).integers(1000, 4000, (height, width)).astype("<u2").tobytes()
    jpeg_at = 8
    mosaic_at = jpeg_at + len(jpeg)
    exif_at = mosaic_at + len(mosaic)
    exif = _ifd([(36867, 2, taken), (36868, 2, taken)], exif_at)  # DateTimeOriginal, DateTimeDigitized
    raw_at = exif_at + len(exif)
    raw = _ifd([
        (254, 4, [0]), (256, 4, [width]), (257, 4, [height]), (258, 3, [16]), (259, 3, [1]),
        (262, 3, [32803]), (273, 4, [mosaic_at]), (277, 3, [1]), (278, 4, [height]), (279, 4, [len(mosaic)]),
        (284, 3, [1]), (33421, 3, [2, 2]), (33422, 1, bytes([0, 1, 1, 2])), (50717, 4, [4095]),
    ], raw_at)
    ifd0_at = raw_at + len(raw)
    ifd0 = _ifd([
        (254, 4, [1]), (256, 4, [preview.width]), (257, 4, [preview.height]), (258, 3, [8, 8, 8]),
        (259, 3, [7]), (262, 3, [6]), (271, 2, "PhotoClip"), (272, 2, "Test Camera"),
        (273, 4, [jpeg_at]), (274, 3, [1]), (277, 3, [3]), (278, 4, [preview.height]), (279, 4, [len(jpeg)]),
        (284, 3, [1]), (306, 2, taken), (330, 4, [raw_at]), (34665, 4, [exif_at]),
        (50706, 1, bytes([1, 4, 0, 0])), (50707, 1, bytes([1, 1, 0, 0])), (50708, 2, "PhotoClip Test Camera"),
        (50721, 10, [(1, 1), (0, 1), (0, 1), (0, 1), (1, 1), (0, 1), (0, 1), (0, 1), (1, 1)]),  # ColorMatrix1
        (50778, 3, [21]),
    ], ifd0_at)
    return b"II" + struct.pack("<HI", 42, ifd0_at) + jpeg + mosaic + exif + raw + ifd0


def test_heic_and_dng_are_read_with_date_and_camera(tmp_path):
    photo = Image.new("RGB", (320, 240), (200, 30, 30))
    heic = tmp_path / "iphone.HEIC"
    photo.save(heic, quality=90)
    dng = tmp_path / "camera.dng"
    dng.write_bytes(make_dng(photo))
    for path in (heic, dng):
        assert path.suffix.lower() in imaging.IMAGE_SUFFIXES
        d = imaging.decode(path, imaging.Preprocess(), thumb=True)
        assert (d.width, d.height) == (320, 240)
        assert np.abs(d.pixels[112, 112].astype(int) - (200, 30, 30)).max() < 12
    d = imaging.decode(dng, None)
    assert d.taken == "2021-07-04T10:20:30" and d.camera == "PhotoClip Test Camera"  # the RAW's own EXIF


def test_a_plain_tiff_stays_a_tiff(tmp_path):
    Image.new("RGB", (50, 40), (1, 2, 3)).save(tmp_path / "scan.tif")
    with Image.open(tmp_path / "scan.tif") as img:
        assert img.format == "TIFF" and img.size == (50, 40)


def test_raw_without_a_preview_is_skipped_with_a_reason(tmp_path):
    bad = tmp_path / "broken.nef"
    bad.write_bytes(b"II*\0" + bytes(200))
    try:
        imaging.decode(bad, imaging.Preprocess())
    except imaging.SkipFile as e:
        assert str(e)
    else:
        raise AssertionError("a RAW without a preview was read")


def test_library_indexes_heic_and_raw(library, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (320, 240), (30, 30, 200)).save(folder / "a.heic", quality=90)
    (folder / "b.DNG").write_bytes(make_dng(Image.new("RGB", (320, 240), (200, 30, 30))))
    library.add_folder(folder)
    report = Indexer(library, workers=1).run()
    assert report.added == 2 and report.skipped == 0, library.catalog.skipped()
    assert library.catalog.missing_vector_count(library.model) == 0
    taken = {Path(p.path).name: p.taken for p in library.catalog.all_photos()}
    assert taken["b.DNG"] == "2021-07-04T10:20:30"
