"""JPEG decoding on the model's GPU (nvJPEG through torchvision), for indexing at GPU speed.

On a GPU the model embeds photos faster than the CPU cores can decode 12-megapixel JPEGs, so
the indexer hands whole JPEG files to the card: nvJPEG decodes a batch, and orientation,
resize and crop happen there too (`Preprocess.geometry`, as on the CPU). Files it cannot
decode go back to the CPU decoder. Nothing here is CUDA-only: the tests run the same code
with torchvision's CPU decoder.
"""
from __future__ import annotations

import functools
import io
import warnings

from .imaging import Preprocess

# Full-size images decoded at once: a 12-megapixel photo is 36 MB on the card (144 MB as float
# while it is resized), so a big batch is decoded in chunks.
CHUNK = 32


@functools.cache
def available(device: str) -> bool:
    """Whether JPEGs can be decoded on this CUDA device (torchvision built with nvJPEG)."""
    if not device.startswith("cuda"):
        return False  # before importing torch: indexing on a CPU may not need it at all
    import torch
    from PIL import Image

    if not torch.cuda.is_available():
        return False

    sample = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 100, 50)).save(sample, "JPEG")
    try:
        return decode([sample.getvalue()], device)[0] is not None
    except Exception:  # no torchvision, or one without nvJPEG
        return False


def decode(jpegs: list[bytes], device: str) -> list:
    """JPEG files -> uint8 RGB tensors [3, h, w] on `device`; None for a file it cannot decode."""
    import torch
    from torchvision.io import ImageReadMode, decode_jpeg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torchvision's deprecation notice; read-only byte buffers
        data = [torch.frombuffer(j, dtype=torch.uint8) for j in jpegs]
        try:
            return list(decode_jpeg(data, mode=ImageReadMode.RGB, device=device))
        except Exception:  # one file it cannot decode fails the whole batch: find which
            out = []
            for d in data:
                try:
                    out.append(decode_jpeg(d, mode=ImageReadMode.RGB, device=device))
                except Exception:
                    out.append(None)
            return out


def orient(img, orientation: int):
    """Apply an EXIF orientation to a [c, h, w] tensor, as PIL's exif_transpose does."""
    import torch

    if orientation == 2:
        return img.flip(-1)
    if orientation == 3:
        return img.flip(-1).flip(-2)
    if orientation == 4:
        return img.flip(-2)
    if orientation == 5:
        return img.transpose(-1, -2)
    if orientation == 6:
        return torch.rot90(img, -1, (-2, -1))
    if orientation == 7:
        return img.transpose(-1, -2).flip(-1).flip(-2)
    if orientation == 8:
        return torch.rot90(img, 1, (-2, -1))
    return img


def fit(img, prep: Preprocess):
    """An oriented uint8 [3, h, w] image -> float32 [3, s, s] in 0..255, as Preprocess does."""
    import torch
    import torch.nn.functional as F

    s = prep.size
    nw, nh, left, top = prep.geometry(img.shape[-1], img.shape[-2])
    mode = "bicubic" if prep.interpolation == "bicubic" else "bilinear"
    x = F.interpolate(img[None].float(), size=(nh, nw), mode=mode, antialias=True, align_corners=False)
    x = x[0].clamp_(0, 255).round_()  # the CPU path hands the model whole uint8 levels too
    if left < 0 or top < 0:  # letterbox
        canvas = torch.full((3, s, s), float(prep.fill_color), device=x.device)
        canvas[:, -top:-top + nh, -left:-left + nw] = x
        return canvas
    return x[:, top:top + s, left:left + s]


def to_model_input(jpegs: list[bytes], orientations: list[int], prep: Preprocess, device: str):
    """Decode, orient and fit JPEG files on `device`: (float32 [n, 3, s, s] or None, failed positions)."""
    import torch

    out, failed = [], []
    for start in range(0, len(jpegs), CHUNK):
        for i, img in enumerate(decode(jpegs[start:start + CHUNK], device), start):
            if img is None:
                failed.append(i)
            else:
                out.append(fit(orient(img, orientations[i]), prep))
    return (torch.stack(out) if out else None), failed
