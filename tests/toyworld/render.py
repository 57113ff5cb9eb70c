"""Render toy photos exactly to the spec: one solid shape of one colour on a plain background."""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

BACKGROUNDS = {"white": (245, 245, 245), "black": (15, 15, 15), "gray": (128, 128, 128)}
COLORS = {
    "red": (220, 40, 40),
    "green": (40, 170, 60),
    "blue": (40, 80, 220),
    "yellow": (235, 210, 40),
}
SHAPES = ("circle", "square", "triangle")


@dataclass
class Photo:
    """What a toy photo *is* (its labels) plus how it was drawn."""

    color: str
    shape: str
    bg: str
    width: int = 320
    height: int = 240
    box: tuple[int, int, int, int] = (0, 0, 0, 0)  # x0, y0, x1, y1 of the shape
    fill: tuple[int, int, int] = (0, 0, 0)
    bg_fill: tuple[int, int, int] = (0, 0, 0)
    variations: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.color} {self.shape} on {self.bg}"


def _jitter(rgb, amount, rng):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in rgb)


def random_photo(rng: random.Random, width: int | None = None, height: int | None = None,
                 color: str | None = None, shape: str | None = None, bg: str | None = None) -> Photo:
    """Draw the free parameters of one toy photo (anything left as None is random)."""
    w = width or rng.randint(160, 1024)
    h = height or rng.randint(160, 1024)
    size = int(min(w, h) * rng.uniform(0.30, 0.60))
    x0, y0 = rng.randint(0, w - size), rng.randint(0, h - size)
    color = color or rng.choice(list(COLORS))
    bg = bg or rng.choice(list(BACKGROUNDS))
    return Photo(
        color=color, shape=shape or rng.choice(SHAPES), bg=bg, width=w, height=h,
        box=(x0, y0, x0 + size, y0 + size),
        fill=_jitter(COLORS[color], 18, rng), bg_fill=_jitter(BACKGROUNDS[bg], 10, rng),
    )


def render(photo: Photo, supersample: int = 2) -> Image.Image:
    """Draw the photo; supersampling anti-aliases the shape's edges (1 = hard edges)."""
    s = supersample
    img = Image.new("RGB", (photo.width * s, photo.height * s), photo.bg_fill)
    draw = ImageDraw.Draw(img)
    x0, y0, x1, y1 = (v * s for v in photo.box)
    if photo.shape == "circle":
        draw.ellipse((x0, y0, x1 - 1, y1 - 1), fill=photo.fill)
    elif photo.shape == "square":
        draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=photo.fill)
    elif photo.shape == "triangle":
        draw.polygon([((x0 + x1) / 2, y0), (x1 - 1, y1 - 1), (x0, y1 - 1)], fill=photo.fill)
    else:
        raise ValueError(f"unknown shape {photo.shape!r}")
    if s > 1:
        img = img.resize((photo.width, photo.height), Image.LANCZOS)
    return img


def perturb(img: Image.Image, rng: random.Random, kinds: list[str] | None = None) -> tuple[Image.Image, list[str]]:
    """Apply variations that must not change what the photo is (see the spec).

    `kinds` picks from: noise, blur, brightness, crop, downscale; None picks a random subset.
    """
    all_kinds = ["noise", "blur", "brightness", "crop", "downscale"]
    if kinds is None:
        kinds = [k for k in all_kinds if rng.random() < 0.4]
    for kind in kinds:
        if kind == "noise":
            noise = Image.effect_noise(img.size, rng.uniform(20, 90)).convert("RGB")
            img = Image.blend(img, noise, rng.uniform(0.05, 0.25))
        elif kind == "blur":
            img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.5)))
        elif kind == "brightness":
            img = ImageEnhance.Brightness(img).enhance(rng.uniform(0.85, 1.15))
        elif kind == "crop":
            w, h = img.size
            left, right = (int(w * rng.uniform(0, 0.10)) for _ in range(2))
            top, bottom = (int(h * rng.uniform(0, 0.10)) for _ in range(2))
            img = img.crop((left, top, w - right, h - bottom))
        elif kind == "downscale":
            img = img.resize((max(1, img.width // 2), max(1, img.height // 2)), Image.BILINEAR)
        else:
            raise ValueError(f"unknown variation {kind!r}")
    return img, kinds


def write_image(img: Image.Image, path: Path, rng: random.Random | None = None, quality: int | None = None) -> Path:
    """Save by the path's suffix; JPEG quality 70-95 (random unless given)."""
    rng = rng or random.Random(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}[path.suffix.lower()]
    kwargs = {"quality": quality or rng.randint(70, 95)} if fmt in ("JPEG", "WEBP") else {}
    img.save(path, fmt, **kwargs)
    return path


def encode(img: Image.Image, fmt: str = "JPEG", quality: int = 85) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, quality=quality)
    return buf.getvalue()


FOLDERS = ("", "2024/Sommer Urlaub", "фото/зима", "家族 写真", "a b/c d")


def write_corpus(root: Path, n: int, seed: int, formats=(".jpg", ".png", ".webp"),
                 folders=FOLDERS, max_side: int = 1024, **fixed) -> dict[Path, Photo]:
    """Write n random toy photos into nested (unicode, spaced) folders; returns path -> labels."""
    rng = random.Random(seed)
    out = {}
    for i in range(n):
        photo = random_photo(rng, width=rng.randint(160, max_side), height=rng.randint(160, max_side), **fixed)
        img = render(photo, supersample=rng.choice((1, 2)))
        path = root / rng.choice(folders) / f"toy_{seed}_{i:04d}{rng.choice(formats)}"
        write_image(img, path, rng)
        out[path] = photo
    return out
