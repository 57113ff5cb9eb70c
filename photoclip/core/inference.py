"""Which number format the image tower runs in on this CPU: measured once, then remembered.

One CPU flag does not say what is fastest: bfloat16 is 3-4x float32 with Intel's AMX, about 2x
with AVX-512 BF16 (AMD Zen 4, Intel Cooper Lake and later), and slower than float32 where the
CPU has to emulate it; int8 matrix products (the tower exported to ONNX Runtime with int8
weights, `imageonnx`) gain most where the CPU has VNNI dot products, and a start that runs them
needs no torch. So the first indexing run on a machine times each format on its first photos, in
the form the indexer runs it (traced and frozen, or exported, at the thread count it was given),
interleaved and best of a few rounds so that a burst of other work does not decide, compares the
vectors with float32's, and keeps the fastest whose vectors stay within cosine MIN_COSINE of
float32 on every photo. The decision is kept in the user's model cache per model and machine
(CPU, its features, the oneDNN cap, the torch and ONNX Runtime versions), and `photoclip status`
and Settings show it. `--precision` (or $PHOTOCLIP_PRECISION) forces a format.
"""
from __future__ import annotations

import json
import logging
import os
import platform
import time
from pathlib import Path

import numpy as np

from . import imageonnx

log = logging.getLogger(__name__)

# On a CPU; the first is the reference. int8 before bf16: the export's transient memory is
# freed before the traced bfloat16 copy takes its own (a first run's peak ~1 GB lower).
CANDIDATES = ("fp32", "int8", "bf16")
MIN_COSINE = 0.99
MIN_PHOTOS = 4  # a decision is measured on a batch of at least this many photos
SAMPLE = 8  # photos each format is timed on: enough to time, little enough to cost a first run ~2 s a format
ROUNDS = 2  # timed rounds after the warm-up, interleaved; each format's fastest counts
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
    from importlib.metadata import version

    def version_of(package: str) -> str:
        try:
            return version(package)
        except Exception:
            return "?"

    return {"cpu": name, "features": sorted(flags & set(_FEATURES)), "cores": os.cpu_count(),
            "onednn_max_cpu_isa": os.environ.get("ONEDNN_MAX_CPU_ISA", ""), "torch": version_of("torch"),
            "onnxruntime": version_of("onnxruntime"), "int8_export": imageonnx.FORMAT}


def native_bfloat16() -> bool:
    """Whether the CPU computes bfloat16 (AVX-512 BF16, AMX, Arm's BF16) as oneDNN is allowed to
    use it; where its flags cannot be read (macOS, Windows), it is measured anyway."""
    _, flags = cpu_name_and_flags()
    if not flags:
        return True
    isa = os.environ.get("ONEDNN_MAX_CPU_ISA", "").upper()
    if isa and "BF16" not in isa and "AMX" not in isa and isa not in ("ALL", "DEFAULT"):
        return False  # capped below it, e.g. AVX2 or AVX512_CORE_VNNI
    return bool(flags & {"avx512_bf16", "amx_bf16", "bf16"})


def decision_file(spec: str) -> Path:
    from .models import _cache_file

    # The candidates too: a decision among fewer formats is measured again.
    return _cache_file(json.dumps([spec, "precision", machine(), CANDIDATES], sort_keys=True), ".precision.json")


def remembered(spec: str) -> dict | None:
    """The measured decision for this model on this machine: {"precision", "images_per_s", "cosine_min", ...}."""
    try:
        decision = json.loads(decision_file(spec).read_text(encoding="utf-8"))
        return decision if decision.get("precision") in CANDIDATES else None
    except (OSError, ValueError, AttributeError):
        return None


def measure(embedder, pixels: np.ndarray) -> dict:
    """Time each candidate on `pixels` (real photos) and compare its vectors with float32's;
    keep and return the decision, with the chosen tower under "tower".

    `embedder` has its model loaded in float32; each candidate is its image tower as the indexer
    runs it (`Embedder.traced_tower`), but float32 is timed as the model itself runs it: tracing
    and freezing it cost a first run ~12 s and 1.2 GB more on 2 cores, for a speed within a few
    per cent. The formats take turns, so load from other programs that comes and goes hits each
    alike, and each is timed by its fastest round."""
    import torch

    from .models import _write_atomically

    sample = pixels[:SAMPLE]
    towers, vectors, best, cosines, failed = {}, {}, {}, {}, {}
    for name in CANDIDATES:
        if name == "bf16" and not native_bfloat16():
            failed[name] = "no bfloat16 arithmetic in this CPU (it would be emulated, slower than float32)"
            continue
        try:
            towers[name] = embedder.model_visual if name == CANDIDATES[0] else \
                embedder.traced_tower(name, len(sample))
            vectors[name] = embedder.run_tower(towers[name], sample, name)  # also the warm-up
        except Exception as e:  # a format this model or CPU cannot run: not a candidate
            log.info("%s is not a candidate here: %s", name, e)
            failed[name] = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
            towers.pop(name, None)
            continue
        cosines[name] = float((vectors[name] * vectors[CANDIDATES[0]]).sum(1).min())
    for _ in range(ROUNDS):
        for name, tower in towers.items():
            started = time.perf_counter()
            embedder.run_tower(tower, sample, name)
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)
    rates = {n: len(sample) / t for n, t in best.items()}
    faithful = [n for n in towers if n == CANDIDATES[0] or cosines[n] >= MIN_COSINE]
    choice = max(faithful, key=lambda n: rates[n])
    decision = {"precision": choice, "images_per_s": {n: round(r, 2) for n, r in rates.items()},
                "cosine_min": {n: round(c, 5) for n, c in cosines.items()}, "photos": len(sample),
                "threads": torch.get_num_threads(), "load": [round(x, 2) for x in os.getloadavg()]
                if hasattr(os, "getloadavg") else None,
                "machine": machine(), "measured": time.strftime("%Y-%m-%d %H:%M")}
    if failed:
        decision["not_candidates"] = failed
    path = decision_file(str(embedder.spec))
    _write_atomically(path, lambda f: f.write_text(json.dumps(decision, indent=1), encoding="utf-8"))
    log.info("inference on this CPU: %s (%s)", choice, decision)
    decision["tower"] = towers[choice]
    return decision


def describe(decision: dict | None) -> str:
    """One line for `photoclip status`."""
    forced = os.environ.get("PHOTOCLIP_PRECISION", "")
    if forced and forced != "auto":
        return f"{forced} (forced: --precision, $PHOTOCLIP_PRECISION or Settings)"
    if not decision:
        return "not measured on this machine yet (the next indexing run measures it)"
    rates = ", ".join(f"{n} {r:.1f}" for n, r in decision["images_per_s"].items())
    cos = ", ".join(f"{n} {c:.5f}" for n, c in decision["cosine_min"].items() if n != CANDIDATES[0])
    return (f"{decision['precision']} on the CPU (measured {decision.get('measured', '')}: photos/s {rates}; "
            f"lowest cosine to float32 {cos})")
