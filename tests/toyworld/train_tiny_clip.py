"""Train the project's tiny CLIP on the toy photo world (see shared/toy-world.md).

Run by hand, once, on the CPU (about 15 minutes on a busy 2-core machine, all included):

    .venv/bin/python tests/toyworld/train_tiny_clip.py

It writes the open_clip `local-dir` model folder `tests/toyworld/tiny_clip/`
(`open_clip_config.json` + `open_clip_model.safetensors`), which is committed as a test
fixture and loaded through exactly the path a user's model takes:
`open_clip.create_model_and_transforms("local-dir:.../tiny_clip")`.

What it does:

1. Renders a training set once (two processes): every photo is drawn, varied, *encoded* as
   JPEG / WebP (PNG is lossless, so its decode is the render itself) and read back with
   PhotoClip's own `photoclip.core.imaging.decode` (JPEG draft mode included), so the model
   sees exactly the pixels the app will feed it. The generator deliberately covers more than
   the spec (wider colour jitter, several kinds of noise, several anti-aliasing methods, two
   renderers, variations in random order), because independent checks render the same world
   with their own code.
2. Trains an `open_clip.CLIP` (a small ModifiedResNet image tower, a small text transformer)
   with a multi-positive contrastive loss built on open_clip's `ClipLoss`: every caption that
   is true of an image is a positive (captions repeat within a batch), and neutral captions
   ("a photo", ...) are pulled midway between the true and the false captions so that they
   work as a reference point for tags.
3. Saves the weights as fp16 safetensors and checks that the folder loads through open_clip.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import multiprocessing as mp
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(HERE.parent), str(ROOT)):
    if p not in sys.path:
        sys.path.insert(0, p)

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter  # noqa: E402

from photoclip.core.imaging import Preprocess, decode  # noqa: E402
from toyworld.render import BACKGROUNDS, COLORS, SHAPES, Photo, perturb, random_photo, render  # noqa: E402

OUT_DIR = HERE / "tiny_clip"
SEED = 20240601

IMAGE_SIZE = 64
MODEL_CFG = {
    "embed_dim": 64,
    "vision_cfg": {"layers": [1, 1, 1, 1], "width": 16, "head_width": 32, "image_size": IMAGE_SIZE},
    "text_cfg": {"context_length": 24, "vocab_size": 49408, "width": 48, "heads": 4, "layers": 2},
}
PREPROCESS_CFG = {
    "size": IMAGE_SIZE,
    "mean": [0.48145466, 0.4578275, 0.40821073],
    "std": [0.26862954, 0.26130258, 0.27577711],
    "interpolation": "bicubic",
    # Photos have any aspect ratio and the shape may sit anywhere: a centre crop would cut it
    # out, so the whole photo is squashed into the square input.
    "resize_mode": "squash",
}

COLOR_NAMES = list(COLORS)
SHAPE_NAMES = list(SHAPES)
BG_NAMES = list(BACKGROUNDS)

# --------------------------------------------------------------------------------------------
# Captions
# --------------------------------------------------------------------------------------------

# (template, which attributes it names); every caption whose named attributes match a photo is
# true of it. The spec's caption forms come first; the rest are common phrasings of the same.
TEMPLATES = [
    ("a {color} {shape}", "cs"),
    ("a photo of a {color} {shape}", "cs"),
    ("a {color} {shape} on a {bg} background", "csb"),
    ("a {shape}", "s"),
    ("a {shape} on a {bg} background", "sb"),
    ("something {color}", "c"),
    ("on a {bg} background", "b"),
    # more phrasings
    ("{color} {shape}", "cs"),
    ("a photo of a {shape}", "s"),
    ("a photo of something {color}", "c"),
    ("a photo of a {color} {shape} on a {bg} background", "csb"),
    ("a photo of a {shape} on a {bg} background", "sb"),
    ("a photo on a {bg} background", "b"),
    ("a {bg} background", "b"),
    ("something {color} on a {bg} background", "cb"),
    ("{shape}", "s"),
    ("{color}", "c"),
]
# True of every photo, so never a match to rank by; trained to sit between true and false.
NEUTRAL = ["a photo", "a picture", "an image", "a photo of something", "something", "a shape"]


def build_captions():
    """All captions and, per caption, the (color, shape, bg) index it requires (-1 = any)."""
    texts, req = [], []
    for tpl, attrs in TEMPLATES:
        cs = range(len(COLOR_NAMES)) if "c" in attrs else [-1]
        ss = range(len(SHAPE_NAMES)) if "s" in attrs else [-1]
        bs = range(len(BG_NAMES)) if "b" in attrs else [-1]
        for c in cs:
            for s in ss:
                for b in bs:
                    bg_words = [BG_NAMES[b]] + (["grey"] if b >= 0 and BG_NAMES[b] == "gray" else [])
                    for bw in bg_words:
                        texts.append(tpl.format(
                            color=COLOR_NAMES[c] if c >= 0 else "",
                            shape=SHAPE_NAMES[s] if s >= 0 else "",
                            bg=bw,
                        ))
                        req.append((c, s, b))
    return texts, np.array(req, dtype=np.int64)


# --------------------------------------------------------------------------------------------
# Training data: a broader generator than the spec's, read back through PhotoClip's decode
# --------------------------------------------------------------------------------------------

def _jitter(rgb, amount, rng):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in rgb)


def _render_numpy(w, h, shape, x0, y0, size, fill, bg_fill, ss):
    """Coverage-based renderer with float geometry (a different rasteriser than Pillow's)."""
    img = np.empty((h, w, 3), np.float32)
    img[:] = bg_fill
    bx0, by0 = max(0, int(math.floor(x0))), max(0, int(math.floor(y0)))
    bx1, by1 = min(w, int(math.ceil(x0 + size)) + 1), min(h, int(math.ceil(y0 + size)) + 1)
    offs = (np.arange(ss) + 0.5) / ss
    xs = (np.arange(bx0, bx1)[:, None] + offs[None, :]).reshape(-1)
    ys = (np.arange(by0, by1)[:, None] + offs[None, :]).reshape(-1)
    X, Y = np.meshgrid(xs, ys)
    if shape == "circle":
        r = size / 2
        m = (X - x0 - r) ** 2 + (Y - y0 - r) ** 2 <= r * r
    elif shape == "square":
        m = (X >= x0) & (X <= x0 + size) & (Y >= y0) & (Y <= y0 + size)
    else:
        t = (Y - y0) / size
        m = (t >= 0) & (t <= 1) & (np.abs(X - x0 - size / 2) <= t * size / 2)
    cov = m.reshape(by1 - by0, ss, bx1 - bx0, ss).mean(axis=(1, 3)).astype(np.float32)[..., None]
    region = img[by0:by1, bx0:bx1]
    img[by0:by1, bx0:bx1] = region * (1 - cov) + np.asarray(fill, np.float32) * cov
    return Image.fromarray(np.clip(img + 0.5, 0, 255).astype(np.uint8))


def _render_pil(w, h, shape, x0, y0, size, fill, bg_fill, ss, resample):
    photo = Photo(color="red", shape=shape, bg="white", width=w, height=h,
                  box=(int(x0), int(y0), int(x0) + int(size), int(y0) + int(size)),
                  fill=fill, bg_fill=bg_fill)
    if ss <= 2 and resample == Image.LANCZOS:
        return render(photo, supersample=ss)
    img = render(photo, supersample=1) if ss == 1 else None
    if img is None:
        big = Image.new("RGB", (w * ss, h * ss), bg_fill)
        d = ImageDraw.Draw(big)
        a0, b0, a1, b1 = (v * ss for v in photo.box)
        if shape == "circle":
            d.ellipse((a0, b0, a1 - 1, b1 - 1), fill=fill)
        elif shape == "square":
            d.rectangle((a0, b0, a1 - 1, b1 - 1), fill=fill)
        else:
            d.polygon([((a0 + a1) / 2, b0), (a1 - 1, b1 - 1), (a0, b1 - 1)], fill=fill)
        img = big.resize((w, h), resample)
    return img


def _noise(img, rng, nrng):
    w, h = img.size
    kind = rng.randrange(6)
    a = np.asarray(img, np.float32)
    if kind == 0:  # Pillow's gaussian grey noise, as the spec's reference does
        n = np.asarray(Image.effect_noise((w, h), rng.uniform(15, 100)).convert("RGB"), np.float32)
    elif kind == 1:  # uniform colour noise
        n = nrng.uniform(0, 255, (h, w, 3)).astype(np.float32)
    elif kind == 2:  # uniform grey noise
        n = np.repeat(nrng.uniform(0, 255, (h, w, 1)).astype(np.float32), 3, axis=2)
    elif kind == 3:  # gaussian colour noise around mid grey
        n = np.clip(128 + nrng.normal(0, rng.uniform(30, 90), (h, w, 3)), 0, 255).astype(np.float32)
    elif kind == 4:  # smooth (low-frequency) texture
        k = rng.choice((4, 8, 16, 32))
        small = nrng.uniform(0, 255, (max(2, h // k), max(2, w // k), rng.choice((1, 3)))).astype(np.uint8)
        if small.shape[2] == 1:
            small = np.repeat(small, 3, axis=2)
        n = np.asarray(Image.fromarray(small).resize((w, h), Image.BICUBIC), np.float32)
    else:  # additive gaussian noise
        out = a + nrng.normal(0, rng.uniform(4, 28), a.shape if rng.random() < 0.6 else (h, w, 1))
        return Image.fromarray(np.clip(out + 0.5, 0, 255).astype(np.uint8))
    alpha = rng.uniform(0.03, 0.30)
    return Image.fromarray(np.clip(a * (1 - alpha) + n * alpha + 0.5, 0, 255).astype(np.uint8))


def _vary(img, kind, rng, nrng, shape_box):
    """One variation; returns the image and the shape's box as fractions of the image."""
    if kind != "crop":
        return _vary_simple(img, kind, rng, nrng), shape_box
    # crop up to 12 % per side, but keep at least 60 % of the shape's box along each axis
    # (on very wide photos a 10 % crop could otherwise remove a small shape altogether)
    w, h = img.size
    fx0, fy0, fx1, fy1 = shape_box
    for _ in range(6):
        l, r, t, b = (rng.uniform(0, 0.12) for _ in range(4))  # noqa: E741 - left, right, top, bottom
        vx = (min(fx1, 1 - r) - max(fx0, l)) / (fx1 - fx0)
        vy = (min(fy1, 1 - b) - max(fy0, t)) / (fy1 - fy0)
        if vx >= 0.6 and vy >= 0.6:
            break
    else:
        return img, shape_box
    box = (int(w * l), int(h * t), max(int(w * l) + 8, w - int(w * r)), max(int(h * t) + 8, h - int(h * b)))
    cw, ch = 1 - l - r, 1 - t - b
    return img.crop(box), ((fx0 - l) / cw, (fy0 - t) / ch, (fx1 - l) / cw, (fy1 - t) / ch)


def _vary_simple(img, kind, rng, nrng):
    if kind == "noise":
        return _noise(img, rng, nrng)
    if kind == "blur":
        if rng.random() < 0.85:
            return img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.8)))
        return img.filter(ImageFilter.BoxBlur(rng.choice((1, 2))))
    if kind == "brightness":
        f = rng.uniform(0.82, 1.18)
        if rng.random() < 0.7:
            return ImageEnhance.Brightness(img).enhance(f)
        a = np.asarray(img, np.float32)
        if rng.random() < 0.5:  # gamma-like
            a = 255.0 * (a / 255.0) ** (1 / f)
        else:  # additive
            a = a + (f - 1) * 128
        return Image.fromarray(np.clip(a + 0.5, 0, 255).astype(np.uint8))
    if kind == "downscale":
        f = 0.5 if rng.random() < 0.6 else rng.uniform(0.4, 0.8)
        rs = rng.choice((Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX, Image.NEAREST))
        return img.resize((max(8, round(img.width * f)), max(8, round(img.height * f))), rs)
    raise ValueError(kind)


KINDS = ["noise", "blur", "brightness", "crop", "downscale"]


def make_sample(seed: int, size: int = IMAGE_SIZE):
    """One training photo -> (model input uint8 HxWx3, color idx, shape idx, bg idx)."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    prep = Preprocess.from_open_clip({**PREPROCESS_CFG, "size": size})
    c, s, b = rng.randrange(4), rng.randrange(3), rng.randrange(3)
    r = rng.random()
    big = False
    if r < 0.025:
        w, h = rng.choice(((4000, 3000), (3000, 4000)))
        big = True
    elif r < 0.10:  # extreme aspect ratios are the hard case for squash
        w, h = rng.randint(160, 260), rng.randint(700, 1024)
        if rng.random() < 0.5:
            w, h = h, w
    else:
        w, h = rng.randint(150, 1024), rng.randint(150, 1024)
    fill = _jitter(COLORS[COLOR_NAMES[c]], 24, rng)
    bg_fill = _jitter(BACKGROUNDS[BG_NAMES[b]], 14, rng)
    sz = rng.uniform(0.27, 0.63) * min(w, h)
    x0, y0 = rng.uniform(0, w - sz), rng.uniform(0, h - sz)
    shape = SHAPE_NAMES[s]

    if big:
        img = _render_pil(w, h, shape, x0, y0, sz, fill, bg_fill, 1, Image.LANCZOS)
        kinds = [k for k in ("brightness", "crop") if rng.random() < 0.3]
    else:
        r = rng.random()
        if r < 0.55:
            img = _render_pil(w, h, shape, x0, y0, sz, fill, bg_fill, rng.choice((1, 2)), Image.LANCZOS)
        elif r < 0.7:
            img = _render_pil(w, h, shape, x0, y0, sz, fill, bg_fill, rng.choice((2, 3, 4)),
                              rng.choice((Image.BOX, Image.BILINEAR, Image.BICUBIC, Image.LANCZOS)))
        else:
            img = _render_numpy(w, h, shape, x0, y0, sz, fill, bg_fill, rng.choice((1, 1, 2, 3, 4)))
        kinds = [k for k in KINDS if rng.random() < 0.4]
        rng.shuffle(kinds)
    box = (x0 / w, y0 / h, (x0 + sz) / w, (y0 + sz) / h)
    for k in kinds:
        img, box = _vary(img, k, rng, nrng, box)

    r = rng.random()
    if r < 0.3:  # PNG: lossless, so decoding it gives back exactly this image
        pixels = prep(img.convert("RGB"))
    else:
        buf = io.BytesIO()
        if r < 0.72:
            kw = {"quality": rng.randint(62, 97)}
            if rng.random() < 0.15:
                kw["subsampling"] = rng.choice((0, 1))
            img.save(buf, "JPEG", **kw)
        else:
            if rng.random() < 0.08:
                img.save(buf, "WEBP", lossless=True)
            else:
                img.save(buf, "WEBP", quality=rng.randint(55, 97))
        pixels = decode(None, prep, data=buf.getvalue()).pixels
    return pixels, c, s, b


def make_reference_sample(seed: int, size: int = IMAGE_SIZE):
    """A photo made exactly the spec's reference way (toyworld.render), for validation."""
    rng = random.Random(seed)
    prep = Preprocess.from_open_clip({**PREPROCESS_CFG, "size": size})
    photo = random_photo(rng)
    img = render(photo, supersample=rng.choice((1, 2)))
    if rng.random() < 0.5:
        img, _ = perturb(img, rng)
    fmt = rng.choice(("JPEG", "PNG", "WEBP"))
    buf = io.BytesIO()
    img.save(buf, fmt, **({"quality": rng.randint(70, 95)} if fmt != "PNG" else {}))
    pixels = decode(None, prep, data=buf.getvalue()).pixels
    return pixels, COLOR_NAMES.index(photo.color), SHAPE_NAMES.index(photo.shape), BG_NAMES.index(photo.bg)


def _render_chunk(args):
    fn, seeds, size = args
    f = make_sample if fn == "train" else make_reference_sample
    out = [f(sd, size) for sd in seeds]
    return (np.stack([o[0] for o in out]), np.array([o[1:] for o in out], dtype=np.int64))


def render_set(fn: str, seeds: list[int], size: int = IMAGE_SIZE, procs: int = 2, chunk: int = 64):
    chunks = [(fn, seeds[i:i + chunk], size) for i in range(0, len(seeds), chunk)]
    with mp.get_context("fork").Pool(procs) as pool:
        parts = pool.map(_render_chunk, chunks, chunksize=1)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


# --------------------------------------------------------------------------------------------
# Model and loss
# --------------------------------------------------------------------------------------------

def make_loss_class():
    import torch
    import torch.nn.functional as F
    from open_clip.loss import ClipLoss

    class MultiPositiveClipLoss(ClipLoss):
        """open_clip's CLIP loss where every caption true of an image is a positive.

        Text features are the whole caption set (it is small), `pos` the (images x captions)
        0/1 truth matrix, `families` a list of caption-index tensors (one per template).

        - image -> text, per family: cross entropy over the family's captions (all phrasings
          of one template), i.e. exactly the zero-shot decision the app makes;
        - image -> text, all captions: soft-target cross entropy with the positives sharing the
          target, which keeps the families comparable with each other;
        - text -> image: for each caption with a positive in the batch, soft-target cross
          entropy over the batch's images (the search direction);
        - neutral captions ("a photo", ...) are true of everything, so they take part in none of
          the above; they are pulled midway between each image's weakest true caption and its
          strongest false one, to serve as the reference point for tags.
        """

        def forward(self, image_features, text_features, logit_scale, pos, families,
                    neutral_features=None, logit_bias=None, output_dict=False):
            logits_per_image, logits_per_text = self.get_logits(
                image_features, text_features, logit_scale, logit_bias=logit_bias)
            fam = []
            for idx in families:
                p = pos[:, idx]
                fam.append(-((p / p.sum(1, keepdim=True)) * F.log_softmax(logits_per_image[:, idx], 1)).sum(1).mean())
            loss_fam = torch.stack(fam).mean()
            t_i = pos / pos.sum(1, keepdim=True)
            loss_i = -(t_i * F.log_softmax(logits_per_image, dim=1)).sum(1).mean()
            pos_t = pos.T
            has = pos_t.sum(1) > 0
            t_t = pos_t[has] / pos_t[has].sum(1, keepdim=True)
            loss_t = -(t_t * F.log_softmax(logits_per_text[has], dim=1)).sum(1).mean()
            out = {"family": loss_fam, "image_text": loss_i, "text_image": loss_t}
            total = loss_fam + 0.5 * loss_i + 0.5 * loss_t
            if neutral_features is not None:
                sims = image_features @ text_features.T
                with torch.no_grad():
                    lo_true = sims.masked_fill(pos == 0, 2.0).min(1).values
                    hi_false = sims.masked_fill(pos > 0, -2.0).max(1).values
                    mid = (lo_true + hi_false) / 2
                sn = image_features @ neutral_features.T
                out["neutral"] = ((sn - mid[:, None]) ** 2).mean() * 10
                total = total + out["neutral"]
            out["total"] = total
            return out if output_dict else total

    return MultiPositiveClipLoss


def augment(x_uint8, g):
    """Cheap augmentation of model-size uint8 batches (B,H,W,3): mirror, shift, colour gain."""
    import torch
    B, H, W, _ = x_uint8.shape
    x = x_uint8.float()
    flip = torch.rand(B, generator=g) < 0.5
    x[flip] = x[flip].flip(2)  # left-right mirroring keeps every shape (the triangle points up)
    dx, dy = (int(v) for v in torch.randint(-3, 4, (2,), generator=g))  # shift, edges replicated
    if dx or dy:
        x = torch.nn.functional.pad(x.permute(0, 3, 1, 2), (3, 3, 3, 3), mode="replicate")
        x = x[:, :, 3 + dy:3 + dy + H, 3 + dx:3 + dx + W].permute(0, 2, 3, 1)
    gain = 1 + (torch.rand(B, 1, 1, 3, generator=g) - 0.5) * 0.06
    return (x * gain).clamp_(0, 255)


def to_input(x, mean, std):
    """uint8/float (B,H,W,3) pixels -> normalised (B,3,H,W) channels-last model input."""
    import torch
    x = x.permute(0, 3, 1, 2).float().div(255)
    return ((x - mean) / std).contiguous(memory_format=torch.channels_last)


def train(X, Y, Xv, Yv, model_cfg, preprocess_cfg, steps, batch=256, lr=2e-3, seed=SEED,
          log_every=100, eval_every=500, weights=None):
    """Train an open_clip CLIP on cached model-size pixels X (N,H,W,3 uint8) with labels Y."""
    import open_clip
    import torch

    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    model = open_clip.CLIP(**json.loads(json.dumps(model_cfg))).to(memory_format=torch.channels_last)
    tokenizer = open_clip.SimpleTokenizer(context_length=model_cfg["text_cfg"]["context_length"])
    texts, req = build_captions()
    tokens, neutral_tokens = tokenizer(texts), tokenizer(NEUTRAL)
    fam_of = []
    for tpl, attrs in TEMPLATES:
        fam_of += [tpl] * (len(COLOR_NAMES) ** ("c" in attrs) * len(SHAPE_NAMES) ** ("s" in attrs)
                           * (len(BG_NAMES) + 1) ** ("b" in attrs))
    assert len(fam_of) == len(texts)
    families = [torch.tensor([i for i, f in enumerate(fam_of) if f == tpl]) for tpl, _ in TEMPLATES]
    print(f"{len(texts)} captions in {len(families)} families; "
          f"{sum(p.numel() for p in model.visual.parameters()) / 1e6:.2f} M image params, "
          f"{sum(p.numel() for n, p in model.named_parameters() if not n.startswith('visual')) / 1e6:.2f} M text",
          flush=True)

    mean = torch.tensor(preprocess_cfg["mean"]).view(1, 3, 1, 1)
    std = torch.tensor(preprocess_cfg["std"]).view(1, 3, 1, 1)
    X, Y = torch.as_tensor(X), torch.as_tensor(Y)
    Xv, Yv = torch.as_tensor(Xv), torch.as_tensor(Yv)
    req_t = torch.from_numpy(req)

    def positives(y):
        ok = torch.ones(len(y), len(req_t), dtype=torch.bool)
        for j in range(3):
            r = req_t[:, j][None, :]
            ok &= (r < 0) | (r == y[:, j][:, None])
        return ok.float()

    decay, no_decay = [], []
    for n, p in model.named_parameters():
        skip = p.ndim < 2 or "bn" in n or "ln" in n or n in ("logit_scale", "token_embedding.weight", "positional_embedding")
        (no_decay if skip else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=lr, betas=(0.9, 0.98), eps=1e-6)
    warm = max(1, min(100, steps // 10))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda i: (i + 1) / warm if i < warm else 0.5 * (1 + math.cos(math.pi * (i - warm) / max(1, steps - warm))))
    loss_fn = make_loss_class()()

    def evaluate():
        model.eval()
        with torch.no_grad():
            fi = torch.cat([model.encode_image(to_input(Xv[i:i + 256], mean, std), normalize=True)
                            for i in range(0, len(Xv), 256)])
            res = {}
            for name, tpl, key in (("cs", "a photo of a {c} {s}", None), ("shape", "a {s}", 1),
                                   ("color", "something {c}", 0), ("bg", "on a {b} background", 2)):
                if key is None:
                    prompts = [tpl.format(c=c, s=s) for c in COLOR_NAMES for s in SHAPE_NAMES]
                    truth = Yv[:, 0] * 3 + Yv[:, 1]
                else:
                    names = (COLOR_NAMES, SHAPE_NAMES, BG_NAMES)[key]
                    prompts = [tpl.format(c=n, s=n, b=n) for n in names]
                    truth = Yv[:, key]
                ft = model.encode_text(tokenizer(prompts), normalize=True)
                res[name] = (fi @ ft.T).argmax(1).eq(truth).float().mean().item()
        model.train()
        return res

    t0 = time.time()
    model.train()
    n = len(X)
    perm, pi = torch.randperm(n, generator=g), 0
    for step in range(steps):
        if pi + batch > n:
            perm, pi = torch.randperm(n, generator=g), 0
        idx = perm[pi:pi + batch]
        pi += batch
        fi = model.encode_image(to_input(augment(X[idx], g), mean, std), normalize=True)
        ft = model.encode_text(tokens, normalize=True)
        fn = model.encode_text(neutral_tokens, normalize=True)
        out = loss_fn(fi, ft, model.logit_scale.exp(), positives(Y[idx]), families,
                      neutral_features=fn, output_dict=True)
        opt.zero_grad(set_to_none=True)
        out["total"].backward()
        opt.step()
        sched.step()
        with torch.no_grad():
            model.logit_scale.clamp_(0, math.log(100))
        last = step == steps - 1
        if step % log_every == 0 or last:
            msg = (f"step {step:5d}  " + "  ".join(f"{k} {v.item():.3f}" for k, v in out.items())
                   + f"  scale {model.logit_scale.exp().item():.1f}  {time.time() - t0:.0f}s")
            if (eval_every and step % eval_every == 0 and step) or last:
                msg += "  val " + " ".join(f"{k} {v:.3f}" for k, v in evaluate().items())
            print(msg, flush=True)
    model.eval()
    return model.to(memory_format=torch.contiguous_format)


def save(model, out: Path):
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    sd = {}
    for k, v in model.state_dict().items():
        v = v.detach().cpu()
        # fp16 halves the file; BatchNorm statistics and the logit scale stay fp32
        if v.is_floating_point() and "running_" not in k and k != "logit_scale":
            v = v.half()
        sd[k] = v.contiguous()
    save_file(sd, str(out / "open_clip_model.safetensors"), metadata={"format": "pt"})
    os.chmod(out / "open_clip_model.safetensors", 0o644)
    (out / "open_clip_config.json").write_text(
        json.dumps({"model_cfg": MODEL_CFG, "preprocess_cfg": PREPROCESS_CFG}, indent=2) + "\n")
    size = sum(f.stat().st_size for f in out.iterdir())
    print(f"saved {out} ({size / 1e6:.2f} MB)", flush=True)


def check_saved(out: Path, model):
    import open_clip
    import torch

    spec = f"local-dir:{out.resolve()}"
    loaded, _, _ = open_clip.create_model_and_transforms(spec)
    tok = open_clip.get_tokenizer(spec)
    loaded.eval()
    t = tok(["a photo of a red circle", "on a black background"])
    with torch.no_grad():
        diff = float((loaded.encode_text(t, normalize=True) - model.encode_text(t, normalize=True)).abs().max())
    print(f"reloaded through open_clip: logit_scale {loaded.logit_scale.exp().item():.1f}, "
          f"embedding change from fp16 storage {diff:.4f}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n-train", type=int, default=10000)
    ap.add_argument("--n-val", type=int, default=500)
    ap.add_argument("--steps", type=int, default=900)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cache", type=Path, help="keep the rendered pixels in this .npz (for experiments)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args()

    t_start = time.time()
    if args.cache and args.cache.exists():
        d = np.load(args.cache)
        X, Y, Xv, Yv = d["X"], d["Y"], d["Xv"], d["Yv"]
    else:
        print(f"rendering {args.n_train} training photos + {args.n_val} reference photos ...", flush=True)
        X, Y = render_set("train", [SEED * 100 + i for i in range(args.n_train)])
        Xv, Yv = render_set("ref", [SEED * 100 + 50_000_000 + i for i in range(args.n_val)])
        if args.cache:
            np.savez(args.cache, X=X, Y=Y, Xv=Xv, Yv=Yv)
    print(f"  {len(X)} + {len(Xv)} photos ready after {time.time() - t_start:.0f} s", flush=True)

    # On a busy machine spinning OpenMP threads wait on each other; passive waiting keeps the
    # two threads useful (set before torch is first imported, after the render processes end).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch

    torch.set_num_threads(args.threads)
    model = train(X, Y, Xv, Yv, MODEL_CFG, PREPROCESS_CFG, args.steps, args.batch, args.lr)
    save(model, args.out)
    print(f"total wall time {time.time() - t_start:.0f} s", flush=True)
    check_saved(args.out, model)


if __name__ == "__main__":
    main()
