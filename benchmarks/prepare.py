"""Make the benchmark inputs: 12-megapixel JPEGs of real photos, a random-weight CLIP, rclip's model.

    .venv/bin/python benchmarks/prepare.py corpus WORK N        # WORK/photos-N: N JPEGs, 4000x3000, q88
    .venv/bin/python benchmarks/prepare.py model WORK [ARCH]    # WORK/models/ARCH: local-dir, random weights
    PY benchmarks/prepare.py rclip-data WORK                     # WORK/rclip-data (PY needs onnx, onnxscript)

The photos are cut from the real photographs and artwork of Debian's wallpaper packages
(downloaded with apt-get, unpacked with dpkg -x into WORK/src): random crops and mirrorings
scaled to 4000x3000 or 3000x4000, every file different (a crop of a flat background that would
repeat an earlier file is drawn again, so no tool gets free duplicates). The random-weight
model has the architecture's full compute, so its timings are real; its search results are
meaningless. rclip-data holds rclip's model layout exported from the same architecture with
random weights, for timing rclip on a machine that cannot download its weights.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = ("gnome-backgrounds", "mate-backgrounds", "ukui-wallpapers", "lomiri-wallpapers-20.04")
RCLIP_MODEL = "ViT-B-32-256-datacomp_s34b_b86k"  # rclip 3.3.0's default model folder


def sources(work: Path) -> list[Path]:
    """The wallpaper packages' photos of at least 2 megapixels, unpacked under WORK/src."""
    from PIL import Image

    src = work / "src"
    if not src.is_dir():
        debs = work / "debs"
        debs.mkdir(parents=True, exist_ok=True)
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=debs, check=True)
        for deb in sorted(debs.glob("*.deb")):
            subprocess.run(["dpkg", "-x", str(deb), str(src)], check=True)
    found = []
    for p in sorted(src.rglob("*")):
        if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"):
            with Image.open(p) as im:
                if im.size[0] * im.size[1] >= 2_000_000:
                    found.append(p)
    if not found:
        sys.exit(f"no photos under {src}")
    return found


def corpus(work: Path, n: int, seed: int = 1) -> Path:
    from PIL import Image, ImageOps

    out = work / f"photos-{n}"
    if out.is_dir() and len(list(out.glob("*.jpg"))) == n:
        return out
    out.mkdir(parents=True, exist_ok=True)
    srcs = sources(work)
    rng = random.Random(seed)
    seen: set[str] = set()
    i = 0
    while i < n:
        with Image.open(rng.choice(srcs)) as im:
            im = im.convert("RGB")
        w, h = im.size
        cw, ch = int(w * rng.uniform(0.6, 1.0)), int(h * rng.uniform(0.6, 1.0))
        x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
        im = im.crop((x, y, x + cw, y + ch))
        if rng.random() < 0.5:
            im = ImageOps.mirror(im)
        im = ImageOps.fit(im, (4000, 3000) if rng.random() < 0.7 else (3000, 4000), Image.BICUBIC)
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=88)
        digest = hashlib.blake2b(buf.getvalue(), digest_size=16).hexdigest()
        if digest in seen:  # a flat background cropped twice: draw again
            continue
        seen.add(digest)
        (out / f"IMG_{seed}_{i:05d}.jpg").write_bytes(buf.getvalue())
        i += 1
        if i % 50 == 0:
            print(f"{i}/{n} photos", file=sys.stderr)
    return out


def random_model(work: Path, arch: str = "ViT-B-32-256") -> Path:
    """An open_clip local-dir folder with random weights for a built-in architecture."""
    import open_clip
    import torch
    from safetensors.torch import save_file

    out = work / "models" / arch
    if (out / "open_clip_model.safetensors").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    cfg = open_clip.get_model_config(arch)
    if cfg is None:
        sys.exit(f"open_clip has no architecture {arch!r}")
    model = open_clip.create_model(arch, pretrained=None)
    preprocess = {"mean": list(open_clip.OPENAI_DATASET_MEAN), "std": list(open_clip.OPENAI_DATASET_STD),
                  "interpolation": "bicubic", "resize_mode": "shortest"}
    (out / "open_clip_config.json").write_text(json.dumps({"model_cfg": cfg, "preprocess_cfg": preprocess}, indent=1))
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(out / "open_clip_model.safetensors"))
    return out


def rclip_data(work: Path) -> Path:
    """rclip's RCLIP_DATADIR, its ONNX models exported from a random-weight ViT-B-32-256."""
    import open_clip
    import torch

    out = work / "rclip-data"
    sub = out / RCLIP_MODEL
    if (sub / "textual.onnx").exists():
        return out
    sub.mkdir(parents=True, exist_ok=True)
    (out / "tokenizer").mkdir(exist_ok=True)
    for name in ("LICENSE", "OPENAI-CLIP-MIT.txt", "README.md", "THIRD_PARTY_NOTICES.md"):
        (out / name).write_text("placeholder for a local benchmark\n")
    vocab = Path(open_clip.__file__).parent / "bpe_simple_vocab_16e6.txt.gz"
    shutil.copy(vocab, out / "tokenizer" / vocab.name)
    torch.manual_seed(0)
    model = open_clip.create_model("ViT-B-32-256", pretrained=None).eval()
    torch.backends.mha.set_fastpath_enabled(False)

    class Visual(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, x):
            return self.m.visual(x)

    class Textual(Visual):
        def forward(self, x):
            return self.m.encode_text(x)

    for module, example, name in ((Visual(model), torch.randn(1, 3, 256, 256), "visual.onnx"),
                                  (Textual(model), torch.zeros(1, 77, dtype=torch.long), "textual.onnx")):
        torch.onnx.export(module, (example,), str(sub / name), input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, dynamo=False)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("corpus", "model", "rclip-data"))
    parser.add_argument("work", type=Path, help="working folder, e.g. /tmp/photoclip-bench")
    parser.add_argument("arg", nargs="?", help="corpus: how many photos (default 120); model: architecture")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.what == "corpus":
        print(corpus(args.work, int(args.arg or 120), args.seed))
    elif args.what == "model":
        print(random_model(args.work, args.arg or "ViT-B-32-256"))
    else:
        print(rclip_data(args.work))


if __name__ == "__main__":
    main()
