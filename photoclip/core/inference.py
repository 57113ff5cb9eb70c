"""Which number format the image tower runs in on this CPU: measured once, then remembered.

One CPU flag does not say what is fastest: bfloat16 is 3-4x float32 with Intel's AMX, about 2x
with AVX-512 BF16 (AMD Zen 4, Intel Cooper Lake and later), and slower than float32 where the
CPU has to emulate it. So the first indexing run on a machine times each format on its first
batch of photos, compares the vectors with float32's, and keeps the fastest whose vectors stay
within cosine MIN_COSINE of float32 on every photo. The decision is kept in the user's model
cache per model and machine (CPU, its features, the oneDNN cap, the torch version), and
`photoclip status` shows it. `--precision` (or $PHOTOCLIP_PRECISION) forces a format.
"""
from __future__ import annotations

import json
import logging
import os
import platform
import time
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CANDIDATES = ("fp32", "bf16")  # on a CPU; the first is the reference
MIN_COSINE = 0.99
MIN_PHOTOS = 4  # a decision is measured on a batch of at least this many photos
_FEATURES = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8",
             "asimd", "bf16", "i8mm", "sve")


def cpu_name_and_flags() -> tuple[str, set[str]]:
    """The processor's name and, on Linux, its feature flags (/proc/cpuinfo)."""
    name, flags = platform.processor() or platform.machine(), set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name":
                    name = value.strip()
                elif key.strip() in ("flags", "Features"):
                    flags = set(value.split())
    except OSError:  # macOS, Windows: the processor's name says enough
        pass
    return name, flags


def machine() -> dict:
    """What decides which format is fastest here."""
    name, flags = cpu_name_and_flags()
    try:
        from importlib.metadata import version

        torch_version = version("torch")
    except Exception:
        torch_version = "?"
    return {"cpu": name, "features": sorted(flags & set(_FEATURES)), "cores": os.cpu_count(),
            "onednn_max_cpu_isa": os.environ.get("ONEDNN_MAX_CPU_ISA", ""), "torch": torch_version}


def decision_file(spec: str) -> Path:
    from .models import _cache_file

    return _cache_file(json.dumps([spec, "precision", machine()], sort_keys=True), ".precision.json")


def remembered(spec: str) -> dict | None:
    """The measured decision for this model on this machine: {"precision", "images_per_s", "cosine_min", ...}."""
    try:
        decision = json.loads(decision_file(spec).read_text(encoding="utf-8"))
        return decision if decision.get("precision") in CANDIDATES else None
    except (OSError, ValueError, AttributeError):
        return None


def measure(spec, pixels: np.ndarray, loaded: dict) -> dict:
    """Time each candidate on `pixels` (a batch of real photos) and compare its vectors with
    float32's; keep and return the decision. `loaded`: Embedders already loaded, by precision."""
    import torch

    from .models import Embedder, _write_atomically

    rates, cosines, vectors, towers = {}, {}, {}, {}
    for name in CANDIDATES:
        embedder = loaded.get(name) or Embedder(spec, "cpu", precision=name).load_images()
        towers[name] = embedder
        embedder.encode_images(pixels[:2])  # the first run's set-up is not the format's speed
        started, runs = time.perf_counter(), 0
        while runs < 2 or time.perf_counter() - started < 0.3:
            vectors[name] = embedder.encode_images(pixels)
            runs += 1
        rates[name] = runs * len(pixels) / (time.perf_counter() - started)
        cosines[name] = float((vectors[name] * vectors[CANDIDATES[0]]).sum(1).min())
    faithful = [CANDIDATES[0]] + [n for n in CANDIDATES[1:] if cosines[n] >= MIN_COSINE]
    choice = max(faithful, key=lambda n: rates[n])
    decision = {"precision": choice, "images_per_s": {n: round(r, 2) for n, r in rates.items()},
                "cosine_min": {n: round(c, 5) for n, c in cosines.items()}, "photos": len(pixels),
                "threads": torch.get_num_threads(), "machine": machine(), "measured": time.strftime("%Y-%m-%d %H:%M")}
    path = decision_file(str(spec))
    _write_atomically(path, lambda f: f.write_text(json.dumps(decision, indent=1), encoding="utf-8"))
    log.info("inference on this CPU: %s (%s)", choice, decision)
    decision["embedder"] = towers[choice]
    return decision


def describe(decision: dict | None) -> str:
    """One line for `photoclip status`."""
    forced = os.environ.get("PHOTOCLIP_PRECISION", "")
    if forced and forced != "auto":
        return f"{forced} (forced by PHOTOCLIP_PRECISION / --precision)"
    if not decision:
        return "not measured on this machine yet (the next indexing run measures it)"
    rates = ", ".join(f"{n} {r:.1f}" for n, r in decision["images_per_s"].items())
    cos = ", ".join(f"{n} {c:.5f}" for n, c in decision["cosine_min"].items() if n != CANDIDATES[0])
    return (f"{decision['precision']} on the CPU (measured {decision.get('measured', '')}: photos/s {rates}; "
            f"lowest cosine to float32 {cos})")
