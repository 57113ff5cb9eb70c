"""Reading photos: one read of the file, a content fingerprint, a fast reduced decode, EXIF.

Everything here is a pure function of the file and the model's preprocessing config, so it runs
on a thread pool (Pillow releases the GIL while decoding) and in tests without a model.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import stat
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC/HEIF/AVIF through the optional extra `photoclip[heic]`
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - depends on the extra
    pass

# Pillow warns at 89 Mpx and refuses at twice that; a photo library holds panoramas but a
# 200 Mpx PNG would take 600 MB to decode, so anything above this is skipped with a reason.
MAX_PIXELS = 180_000_000
Image.MAX_IMAGE_PIXELS = None  # our own check below gives the clearer message

IMAGE_SUFFIXES = frozenset(
    ext for ext, fmt in Image.registered_extensions().items() if fmt in Image.OPEN
) | {".heic", ".heif", ".avif"}

_EXIF_IFD = 0x8769
_DATE_TAKEN = (0x9003, 0x9004)  # DateTimeOriginal, DateTimeDigitized
_DATETIME, _MAKE, _MODEL = 0x0132, 0x010F, 0x0110


DECODE_THUMB_SIDE = 64  # Decoded.thumb's side


class SkipFile(Exception):
    """A file that cannot be indexed; the message is the reason recorded for the user."""


@dataclass(frozen=True)
class Preprocess:
    """How a model wants its pixels: a pure function of the open_clip preprocessing config."""

    size: int = 224
    mean: tuple[float, float, float] = (0.48145466, 0.4578275, 0.40821073)
    std: tuple[float, float, float] = (0.26862954, 0.26130258, 0.27577711)
    interpolation: str = "bicubic"
    resize_mode: str = "shortest"  # shortest: resize + centre crop; longest: fit + pad; squash
    fill_color: int = 0

    @classmethod
    def from_open_clip(cls, cfg: dict) -> Preprocess:
        size = cfg.get("size", 224)
        if isinstance(size, (list, tuple)):
            if size[0] != size[1]:
                raise ValueError(f"non-square model input {size} is not supported")
            size = size[0]
        return cls(
            size=int(size),
            mean=tuple(cfg.get("mean", cls.mean)),
            std=tuple(cfg.get("std", cls.std)),
            interpolation=cfg.get("interpolation", "bicubic"),
            resize_mode=cfg.get("resize_mode", "shortest"),
            fill_color=int(cfg.get("fill_color", 0)),
        )

    def draft_size(self, width: int, height: int) -> tuple[int, int]:
        """The smallest size a reduced JPEG decode may give without losing needed detail."""
        s = self.size
        if self.resize_mode == "shortest":
            k = s / min(width, height)
        elif self.resize_mode == "longest":
            k = s / max(width, height)
        else:  # squash needs both sides at least s
            return s, s
        return max(1, round(width * k)), max(1, round(height * k))

    def geometry(self, width: int, height: int) -> tuple[int, int, int, int]:
        """(w, h, left, top): resize to w x h, then keep the size x size square at (left, top);
        a negative offset pads instead (longest side mode). Shared by the CPU and GPU paths."""
        s = self.size
        if self.resize_mode == "squash":
            return s, s, 0, 0
        if self.resize_mode == "longest":
            k = s / max(width, height)
            nw, nh = max(1, round(width * k)), max(1, round(height * k))
            return nw, nh, -((s - nw) // 2), -((s - nh) // 2)
        k = s / min(width, height)
        nw, nh = max(s, round(width * k)), max(s, round(height * k))
        return nw, nh, (nw - s) // 2, (nh - s) // 2

    def __call__(self, img: Image.Image) -> np.ndarray:
        """An RGB image -> the model's input as uint8 HxWx3 (normalisation happens on the device)."""
        s = self.size
        resample = Image.BICUBIC if self.interpolation == "bicubic" else Image.BILINEAR
        w, h = img.size
        nw, nh, left, top = self.geometry(w, h)
        if self.resize_mode == "longest":
            canvas = Image.new("RGB", (s, s), (self.fill_color,) * 3)
            canvas.paste(img.resize((nw, nh), resample), (-left, -top))
            img = canvas
        else:
            # Resize and crop in one resample: only the kept square is computed (a third less
            # work for 4:3 photos in the shortest side mode) and no cropped copy is made.
            kx, ky = nw / w, nh / h
            img = img.resize((s, s), resample, box=(left / kx, top / ky, (left + s) / kx, (top + s) / ky))
        return np.asarray(img, dtype=np.uint8)


@dataclass
class Decoded:
    """One photo read for indexing."""

    fingerprint: str
    width: int
    height: int
    taken: str | None  # ISO 8601, from EXIF
    camera: str | None
    pixels: np.ndarray | None  # the model's input, None when only metadata was asked for
    # A JPEG left whole for the model's device to decode (`decode(keep_jpeg=True)`): its bytes
    # and the EXIF orientation to apply after decoding; pixels is None then.
    jpeg: bytes | None = None
    orientation: int = 1
    # The whole frame squashed to DECODE_THUMB_SIDE² RGB, made beside the model input while the pixels
    # are at hand: the duplicate finder's look-alike signature comes from it (pixelmatch).
    thumb: np.ndarray | None = None
    # The whole frame as decoded (reduced by the JPEG draft, oriented, RGB), for ingest steps
    # that look at the photo itself (text recognition); dropped once they have run.
    frame: Image.Image | None = None


def fingerprint_bytes(data: bytes) -> str:
    """Content identity: the same bytes anywhere in the library are the same photo."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _not_regular(mode: int, path: Path) -> str | None:
    """Why a file of this kind is no photo (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a link to a folder (links to folders are not followed)" if os.path.islink(path) \
            else "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a photo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a photo"
    if stat.S_ISSOCK(mode):
        return "a socket, not a photo"
    return "not a regular file"


@contextlib.contextmanager
def open_photo_file(path: Path) -> Iterator[BinaryIO]:
    """The file, opened for reading, if it is a regular file; else SkipFile with the reason.

    A FIFO, device or socket in a photo's place (even one swapped in since the folder was
    scanned) is refused without blocking: the kind is checked before opening (opening some
    devices does something), the open does not wait for a writer, and the kind is checked
    again on the opened descriptor."""
    try:
        reason = _not_regular(os.stat(path).st_mode, path)
        if reason is None:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                         | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise SkipFile("a broken link: what it points to does not exist") from None
        raise SkipFile("vanished before it could be read") from None
    except PermissionError:
        raise SkipFile("permission denied") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise SkipFile("a link loop: links that point at each other, never at a file") from None
        raise SkipFile(f"cannot be read: {e.strerror or e}") from None
    if reason is not None:
        raise SkipFile(reason)
    with open(fd, "rb") as f:
        reason = _not_regular(os.fstat(fd).st_mode, path)
        if reason is not None:
            raise SkipFile(reason)
        yield f


def read_file(path: Path) -> bytes:
    with open_photo_file(path) as f:
        try:
            data = f.read()
        except OSError as e:
            raise SkipFile(f"cannot be read: {e.strerror or e}") from None
    if not data:
        raise SkipFile("empty file (0 bytes)")
    return data


def _exif_fields(img: Image.Image) -> tuple[str | None, str | None]:
    try:
        exif = img.getexif()
    except Exception:  # broken EXIF never costs the photo
        return None, None
    taken = None
    sub = exif.get_ifd(_EXIF_IFD)
    for raw in [sub.get(t) for t in _DATE_TAKEN] + [exif.get(_DATETIME)]:
        if isinstance(raw, str):
            try:
                taken = datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S").isoformat()
                break
            except ValueError:
                continue
    make, model = (str(exif.get(t, "")).strip("\x00 ") for t in (_MAKE, _MODEL))
    if make and model.lower().startswith(make.lower()):
        make = ""  # "Canon" + "Canon EOS R5" reads better once
    camera = " ".join(p for p in (make, model) if p) or None
    return taken, camera


def decode(path: Path, prep: Preprocess | None, data: bytes | None = None, fingerprint: str | None = None,
           keep_jpeg: bool = False, times: dict[str, float] | None = None, frame_side: int = 0) -> Decoded:
    """Read, fingerprint and (if `prep` is given) turn a photo into model input.

    Without `prep` only the header and EXIF are read: enough for a photo whose content
    already has a vector. With `keep_jpeg`, a colour or grey JPEG is not decoded here: its bytes
    are returned for a GPU decoder. `times`, if given, gains the CPU seconds this thread spent
    decoding and preprocessing. `frame_side`: the reduced decode keeps at least this long a side
    (the model may need less), for `Decoded.frame`. Raises SkipFile with a user-readable reason for anything that
    is not a usable image.
    """
    if data is None:
        data = read_file(path)
    fp = fingerprint or fingerprint_bytes(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's EXIF/ICC chatter is not the user's problem
            img = Image.open(io.BytesIO(data))
            w, h = img.size
            if w * h > MAX_PIXELS:
                raise SkipFile(f"image too large: {w}x{h} is over {MAX_PIXELS // 1_000_000} megapixels")
            taken, camera = _exif_fields(img)
            orientation = img.getexif().get(0x0112, 1) if hasattr(img, "getexif") else 1
            if orientation in (5, 6, 7, 8):
                w, h = h, w
            pixels = thumb = frame = None
            if prep is not None and keep_jpeg and img.format == "JPEG" and img.mode in ("RGB", "L"):
                return Decoded(fp, w, h, taken, camera, None, jpeg=data, orientation=orientation)
            if prep is not None:
                started = time.thread_time()
                if img.format == "JPEG":
                    # DCT-domain downscaling: decode at 1/2, 1/4 or 1/8 size straight away.
                    dw, dh = prep.draft_size(w, h)
                    if frame_side and max(dw, dh) < frame_side:
                        k = frame_side / max(w, h)
                        dw, dh = max(dw, round(w * k)), max(dh, round(h * k))
                    img.draft("RGB", (dh, dw) if orientation in (5, 6, 7, 8) else (dw, dh))
                if getattr(img, "n_frames", 1) > 1:
                    img.seek(0)
                img.load()
                if orientation in range(2, 9):  # exif_transpose copies even when nothing turns
                    img = ImageOps.exif_transpose(img)
                img = _to_rgb(img)
                decoded = time.thread_time()
                pixels = prep(img)
                thumb = np.asarray(img.resize((DECODE_THUMB_SIDE, DECODE_THUMB_SIDE), Image.BICUBIC), dtype=np.uint8)
                frame = img
                if times is not None:
                    times["decode"] = times.get("decode", 0.0) + decoded - started
                    times["preprocess"] = times.get("preprocess", 0.0) + time.thread_time() - decoded
    except SkipFile:
        raise
    except UnidentifiedImageError:
        raise SkipFile("not an image (unknown format)") from None
    except Image.DecompressionBombError as e:
        raise SkipFile(f"image too large: {e}") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as e:
        text = str(e) or type(e).__name__
        if "truncated" in text.lower() or isinstance(e, EOFError):
            raise SkipFile("truncated or damaged image data") from None
        raise SkipFile(f"damaged image: {text}") from None
    return Decoded(fp, w, h, taken, camera, pixels, thumb=thumb, frame=frame)


def _to_rgb(img: Image.Image) -> Image.Image:
    """Flatten transparency onto white (as a viewer shows it) and convert any mode to RGB."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        img = img.convert("RGBA")
        canvas = Image.new("RGB", img.size, (255, 255, 255))
        canvas.paste(img, mask=img.getchannel("A"))
        return canvas
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.float32)
        top = float(arr.max()) or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8)).convert("RGB")
    return img if img.mode == "RGB" else img.convert("RGB")
