"""Indexing speed, side by side with rclip, and against the pipeline's own ceiling.

    .venv/bin/python benchmarks/indexing.py --photos WORK/photos-120 --model WORK/models/ViT-B-32-256 \\
        [--rclip WORK/rclip-venv/bin/rclip --rclip-data WORK/rclip-data] [--rounds 3] [--device cpu] [--no-text]

(benchmarks/README.md says how to make WORK; the README's *Measured* has the figures and commands.)
It prints, with the machine's load average before and after every measurement:

1. Whole process, alternating, after one warm-up of each (bytecode cached: PYTHONDONTWRITEBYTECODE
   is removed for both, as on a user's machine): `photoclip index` into a fresh library (with
   --no-text: without reading the text in photos, which rclip does not do), then rclip 4.0.8 indexing
   the same folder from scratch (the order swaps every round, so drift in the machine's load
   hits both alike): images/s, the ratio per round, peak memory (max RSS), and PhotoClip's time
   split (read, fingerprint, decode, preprocess, model, catalog, index, model load) from its log.
2. The ceiling, in this process, in rounds: decode-only (the indexer's own read + decode and
   the ingest steps its decode threads run, on every core), model-only (the indexer's batch size,
   every core), their ceiling 1 / (1/decode + 1/model) when they share the cores, and the
   pipeline (Indexer.run on a fresh library, the model already loaded; --no-text applies to it
   too) as a fraction of it.
3. Inference options, interleaved: the image tower as the indexer runs it on a CPU (traced and
   frozen; int8: its ONNX Runtime export) in each format it measures (float32, bfloat16, int8),
   and rclip's ONNX Runtime model when --rclip is given: images/s and the cosine of each one's vectors to float32 torch's
   (the model itself, not traced) on every photo, and the format this machine's measurement chose.
4. With --device cuda: the same on the GPU, and JPEG decoding on the GPU against the CPU.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import machine  # noqa: E402

from photoclip.core import indexer as indexer_module  # noqa: E402
from photoclip.core import phototext  # noqa: E402
from photoclip.core.imageonnx import ImageTower  # noqa: E402
from photoclip.core.indexer import Indexer  # noqa: E402
from photoclip.core.library import Library  # noqa: E402
from photoclip.core.models import Embedder  # noqa: E402
from photoclip.core.scan import FileEntry  # noqa: E402

STAGES = ("read", "fingerprint", "decode", "preprocess", "wait_decode", "model", "catalog", "index", "load")


# -- reporting -------------------------------------------------------------------------------
def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f}/{five:.2f}"


def say(text: str = "") -> None:
    print(text, flush=True)


def median(values):
    return statistics.median(values) if values else float("nan")


# -- 1. whole processes ----------------------------------------------------------------------
def run_process(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB, stderr) of one process run to its end."""
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{text[-3000:]}")
    return wall, usage.ru_maxrss // 1024, text


def photoclip_run(args, n: int) -> dict:
    library = Path(tempfile.mkdtemp(prefix="photoclip-bench-lib-"))
    try:
        cmd = [sys.executable, "-m", "photoclip", "-v", "--library", str(library), "--model",
               f"local-dir:{args.model}", "--device", args.device, "index", str(args.photos)]
        if args.no_text:
            cmd.append("--no-text")
        wall, rss, err = run_process(cmd, cwd=ROOT, env=USER_ENV)
    finally:
        shutil.rmtree(library, ignore_errors=True)
    split = re.search(r"time split (\{.*\})", err)
    path = re.search(r"(?:image tower of .* in|inference on this CPU:) (\w+)", err)
    done = re.search(r"(\d+) photos indexed \((\d+) embedded", err)
    if not done or int(done.group(1)) != n:
        raise SystemExit(f"photoclip indexed {done.group(1) if done else '?'} of {n} photos:\n{err[-3000:]}")
    return {"wall": wall, "rss": rss, "ips": n / wall, "split": json.loads(split.group(1)) if split else {},
            "embedded": int(done.group(2)), "path": path.group(1) if path else "?"}


def rclip_run(args, n: int) -> dict:
    (args.rclip_data / "db.sqlite3").unlink(missing_ok=True)
    env = {**USER_ENV, "RCLIP_DATADIR": str(args.rclip_data)}
    wall, rss, _ = run_process([str(args.rclip), "-t", "1", "x"], cwd=args.photos, env=env)
    return {"wall": wall, "rss": rss, "ips": n / wall}


# As on a user's machine: Python keeps the compiled bytecode (build machines turn that off).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def whole_process(args, n: int) -> dict:
    say(f"\n== 1. Whole process, {n} photos, {args.rounds} rounds, alternating, after one warm-up each ==")
    runs = {"photoclip": [], "rclip": []}
    tools = ["photoclip"] + (["rclip"] if args.rclip else [])
    for tool in tools:  # bytecode compiled, model caches made, files in the page cache
        photoclip_run(args, n) if tool == "photoclip" else rclip_run(args, n)
    for r in range(args.rounds):
        for tool in tools if r % 2 == 0 else tools[::-1]:
            before = load()
            result = photoclip_run(args, n) if tool == "photoclip" else rclip_run(args, n)
            runs[tool].append(result)
            say(f"round {r + 1} {tool:9s} {result['wall']:7.1f} s {result['ips']:7.2f} images/s "
                f"peak {result['rss']:5d} MB   ({before} -> {load()})"
                + (f"   image tower in {result['path']}" if tool == "photoclip" else ""))
    summary = {t: {"images_per_s": median([x["ips"] for x in runs[t]]),
                   "peak_mb": max(x["rss"] for x in runs[t])} for t in tools}
    say(f"PhotoClip: median {summary['photoclip']['images_per_s']:.2f} images/s, "
        f"peak memory {summary['photoclip']['peak_mb']} MB")
    if args.rclip:
        pairs = [p["ips"] / r["ips"] for p, r in zip(runs["photoclip"], runs["rclip"])]
        summary["ratio_per_round"] = pairs
        summary["ratio"] = median(pairs)
        say(f"rclip:     median {summary['rclip']['images_per_s']:.2f} images/s, "
            f"peak memory {summary['rclip']['peak_mb']} MB")
        say(f"PhotoClip / rclip: median {summary['ratio']:.2f}x (per round: {', '.join(f'{x:.2f}' for x in pairs)})")
    splits = [x["split"] for x in runs["photoclip"] if x["split"]]
    if splits:
        embedded = runs["photoclip"][0]["embedded"]
        med = {k: median([s.get(k, 0.0) for s in splits]) for k in STAGES}
        summary["split_seconds"] = med
        say("PhotoClip time split (median seconds; read is wall time in the decode threads, fingerprint,")
        say("decode and preprocess CPU time summed over them, the rest wall time of the main thread;")
        say("load overlaps decoding):")
        say("  " + "  ".join(f"{k} {v:.2f}" for k, v in med.items()))
        say("  per photo (ms): " + "  ".join(f"{k} {1000 * v / embedded:.1f}" for k, v in med.items() if k != "load"))
    return summary


# -- 2. the ceiling ----------------------------------------------------------------------------
def entries(photos: Path) -> list[FileEntry]:
    files = sorted(p for p in photos.iterdir() if p.suffix.lower() in (".jpg", ".jpeg"))
    return [FileEntry(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files]


def decode_only(todo: list[FileEntry], prep, threads: int, steps=()) -> float:
    """images/s of the indexer's own read + fingerprint + decode + preprocess, and the ingest
    `steps` its decode threads run with them, on `threads` threads."""
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        items = list(pool.map(lambda e: indexer_module._read(e, prep, set(), steps=steps), todo))
    wall = time.perf_counter() - started
    bad = [i.reason for i in items if i.reason]
    if bad:
        raise SystemExit(f"decode failed: {bad[:3]}")
    return len(todo) / wall


def model_only(embedder: Embedder, n: int, batch: int) -> float:
    """images/s of encode_images alone, on random pixels."""
    size = embedder.preprocess.size
    x = np.random.default_rng(0).integers(0, 256, (batch, size, size, 3), dtype=np.uint8)
    embedder.encode_images(x)  # warm
    done, started = 0, time.perf_counter()
    while done < n:
        embedder.encode_images(x)
        done += batch
    return done / (time.perf_counter() - started)


def best_model_only(embedder: Embedder, n: int, batch: int, cores: int) -> tuple[float, dict[int, float]]:
    """Model-only images/s at the best thread count: torch's threads wait for each other after
    every operation, so on cores that other programs also use, fewer threads can be faster."""
    rates = {}
    for threads in sorted({1, cores}, reverse=True):
        embedder.cpu_threads = threads
        rates[threads] = model_only(embedder, n, batch)
    embedder.cpu_threads = cores
    return max(rates.values()), rates


def bench_library(args, root: Path) -> Library:
    """A fresh library as the benchmark indexes it: without reading text in photos if --no-text."""
    library = Library(root, model=f"local-dir:{args.model}", device=args.device, writer=True)
    if args.no_text:
        settings = phototext.load_settings(library.catalog)
        settings.enabled = False
        phototext.save_settings(library.catalog, settings)
    return library


def ingest_steps(args) -> list:
    """The ingest steps the pipeline's decode threads run (the decode-only rate includes them)."""
    root = Path(tempfile.mkdtemp(prefix="photoclip-bench-lib-"))
    try:
        with bench_library(args, root) as library:
            return [s for s in library.ingest_steps if s.active]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def pipeline(args) -> tuple[float, dict]:
    """images/s of Indexer.run on a fresh library, the model loaded beforehand (not timed)."""
    root = Path(tempfile.mkdtemp(prefix="photoclip-bench-lib-"))
    try:
        with bench_library(args, root) as library:
            library.embedder.load_images()
            library.add_folder(args.photos)
            started = time.perf_counter()
            report = Indexer(library, gpu_decode=not args.no_gpu_decode).run()
            wall = time.perf_counter() - started
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return (report.added + report.skipped) / wall, report.timings


def ceiling(args, n: int) -> dict:
    cores = indexer_module._cpu_count()
    say(f"\n== 2. Pipeline against its ceiling, {n} photos, {args.rounds} rounds, {cores} cores ==")
    embedder = Embedder(f"local-dir:{args.model}", args.device).load_images()  # as the indexer runs it
    batch = embedder.batch_size
    todo = entries(args.photos)
    steps = ingest_steps(args)
    say(f"decode-only runs the ingest steps the pipeline runs: {', '.join(s.name for s in steps)}")
    rows = []
    for r in range(args.rounds):
        before = load()
        d = decode_only(todo, embedder.preprocess, cores, steps)
        m, by_threads = best_model_only(embedder, n, batch, cores)
        p, timings = pipeline(args)
        c = 1 / (1 / d + 1 / m)
        rows.append((d, m, c, p))
        threads = ", ".join(f"{v:.1f} on {t} thread{'s' if t > 1 else ''}" for t, v in by_threads.items())
        say(f"round {r + 1}: decode-only {d:6.1f}  model-only {m:6.1f} ({threads}; batch {batch})  "
            f"ceiling {c:6.1f}  pipeline {p:6.1f} images/s = {p / c:.0%} of the ceiling   ({before} -> {load()})")
    d, m, c, p = (median([row[i] for row in rows]) for i in range(4))
    ratios = [row[3] / row[2] for row in rows]
    say(f"image tower in {embedder.precision_used}")
    say(f"median: decode-only {d:.1f}, model-only {m:.1f}, ceiling {c:.1f}, pipeline {p:.1f} images/s; "
        f"pipeline / ceiling per round {', '.join(f'{x:.0%}' for x in ratios)}, median {median(ratios):.0%}")
    return {"decode_only": d, "model_only": m, "ceiling": c, "pipeline": p, "pipeline_vs_ceiling": median(ratios),
            "batch": batch, "precision": embedder.precision_used}


# -- 3. inference options -----------------------------------------------------------------------
ORT_SCRIPT = """
import sys, time, numpy as np, onnxruntime as ort
path, batch, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.load(sys.argv[5]).astype(np.float32)
o = ort.SessionOptions(); o.intra_op_num_threads = threads
s = ort.InferenceSession(path, sess_options=o, providers=["CPUExecutionProvider"])
out = s.run(None, {"input": x})[0]
np.save(sys.argv[6], out)
b = x[:batch]; s.run(None, {"input": b}); done = 0; t = time.perf_counter()
while done < n:
    s.run(None, {"input": b}); done += batch
print(done / (time.perf_counter() - t))
"""


def tower_only(embedder: Embedder, tower, precision: str, pixels: np.ndarray, n: int, cores: int) -> float:
    """images/s of one image tower on a batch of photos, best of 1 and `cores` threads."""
    best = 0.0
    for threads in sorted({1, cores}, reverse=True):
        embedder.cpu_threads = threads
        if isinstance(tower, ImageTower):  # its own thread count, not torch's
            tower.threads = threads
        embedder.run_tower(tower, pixels, precision)  # warm
        done, started = 0, time.perf_counter()
        while done < n:
            embedder.run_tower(tower, pixels, precision)
            done += len(pixels)
        best = max(best, done / (time.perf_counter() - started))
    embedder.cpu_threads = cores
    return best


def inference_options(args, n: int) -> dict:
    from photoclip.core import inference
    from photoclip.core.imaging import decode

    say(f"\n== 3. Inference options on {args.device}: images/s (model only, interleaved) and cosine to float32 ==")
    cores = indexer_module._cpu_count()
    spec = f"local-dir:{args.model}"
    fp32 = Embedder(spec, args.device, precision="fp32").load()
    say(f"this machine's measured choice (photoclip status): {inference.describe(inference.remembered(spec))}")
    prep = fp32.preprocess
    pixels = np.stack([decode(Path(e.path), prep).pixels for e in entries(args.photos)])  # cosines on every photo
    batch = fp32.batch_size
    variants = {"float32 torch (the model)": (fp32._image_tower, "fp32")}
    if args.device == "cpu":
        for name in inference.CANDIDATES:
            form = "ONNX Runtime export" if name == "int8" else "traced, frozen"
            variants[f"{name} {form}"] = (fp32.traced_tower(name, batch), name)

    def encode(tower, precision):
        return np.concatenate([fp32.run_tower(tower, pixels[i:i + batch], precision)
                               for i in range(0, len(pixels), batch)])

    reference = encode(*variants["float32 torch (the model)"])
    cosine = {name: (reference * encode(*v)).sum(1) for name, v in variants.items()}
    ort_path = args.rclip_data / "ViT-B-32-256-datacomp_s34b_b86k" / "visual.onnx" if args.rclip_data else None
    rclip_python = args.rclip.parent / "python" if args.rclip else None
    rates = {name: [] for name in variants}
    if ort_path and ort_path.exists() and args.device == "cpu":
        rates["onnxruntime (rclip's)"] = []
    with tempfile.TemporaryDirectory() as tmp:
        mean, std = (t.cpu().numpy() for t in fp32._norm)
        np.save(f"{tmp}/x.npy", (pixels[:32].transpose(0, 3, 1, 2).astype(np.float32) - mean) / std)
        for _ in range(args.rounds):
            for name, (tower, precision) in variants.items():
                rates[name].append(tower_only(fp32, tower, precision, pixels[:batch], n, cores))
            if "onnxruntime (rclip's)" in rates:
                best = 0.0
                for threads in sorted({1, cores}, reverse=True):
                    out = subprocess.run([str(rclip_python), "-c", ORT_SCRIPT, str(ort_path), str(batch), str(n),
                                          str(threads), f"{tmp}/x.npy", f"{tmp}/y.npy"],
                                         capture_output=True, text=True, check=True)
                    best = max(best, float(out.stdout.split()[-1]))
                rates["onnxruntime (rclip's)"].append(best)
                y = np.load(f"{tmp}/y.npy")
                y /= np.linalg.norm(y, axis=1, keepdims=True)
                cosine["onnxruntime (rclip's)"] = (reference[:32] * y).sum(1)  # same seed, same weights as prepare.py's model
    result = {}
    for name, r in rates.items():
        cos = cosine.get(name)
        result[name] = {"images_per_s": median(r), "cosine_min": float(cos.min()) if cos is not None else None,
                        "photos": len(cos) if cos is not None else 0}
        say(f"{name:28s} {median(r):7.1f} images/s (batch {batch}, best of 1 and {cores} threads)   "
            + (f"cosine to float32 over {len(cos)} photos: min {cos.min():.5f} mean {cos.mean():.5f}"
               if cos is not None else ""))
    return result


# -- 4. GPU -----------------------------------------------------------------------------------
def gpu_decode(args) -> dict:
    import torch

    from photoclip.core import gpujpeg

    say("\n== 4. JPEG decoding on the GPU against the CPU (to model input) ==")
    embedder = Embedder(f"local-dir:{args.model}", args.device).load()
    if not gpujpeg.available(embedder.device):
        say("torchvision cannot decode JPEGs on this GPU (no nvJPEG): the indexer decodes on the CPU")
        return {}
    todo = entries(args.photos)
    jpegs = [Path(e.path).read_bytes() for e in todo]
    chunk = embedder.batch_size
    gpujpeg.to_model_input(jpegs[:8], [1] * 8, embedder.preprocess, embedder.device)  # warm
    torch.cuda.synchronize()
    started = time.perf_counter()
    for i in range(0, len(jpegs), chunk):
        gpujpeg.to_model_input(jpegs[i:i + chunk], [1] * len(jpegs[i:i + chunk]), embedder.preprocess, embedder.device)
    torch.cuda.synchronize()
    gpu = len(jpegs) / (time.perf_counter() - started)
    cpu = decode_only(todo, embedder.preprocess, indexer_module._cpu_count())
    say(f"GPU decode (bytes in memory -> model input): {gpu:.1f} images/s; CPU decode on "
        f"{indexer_module._cpu_count()} cores (reading the files): {cpu:.1f} images/s")
    rates = {}
    for flag in (True, False):
        args.no_gpu_decode = not flag
        rates[flag] = pipeline(args)[0]
    say(f"pipeline with GPU JPEG decoding {rates[True]:.1f} images/s, with CPU decoding {rates[False]:.1f} images/s")
    return {"gpu_decode": gpu, "cpu_decode": cpu, "pipeline_gpu_decode": rates[True], "pipeline_cpu_decode": rates[False]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=Path, required=True, help="a folder of JPEGs (benchmarks/prepare.py corpus)")
    parser.add_argument("--model", type=Path, required=True, help="an open_clip local-dir model folder")
    parser.add_argument("--rclip", type=Path, help="the rclip 4.0.8 executable (in its own environment)")
    parser.add_argument("--rclip-data", type=Path, help="RCLIP_DATADIR (benchmarks/prepare.py rclip-data)")
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=("whole", "ceiling", "options", "gpu"), action="append",
                        help="run only these parts (repeatable)")
    parser.add_argument("--no-gpu-decode", action="store_true", help="decode JPEGs on the CPU even on a GPU")
    parser.add_argument("--no-text", action="store_true", help="index without reading the text in photos")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    args.photos, args.model = args.photos.resolve(), args.model.resolve()
    if args.rclip:
        args.rclip = args.rclip.absolute()  # rclip runs in the photos' folder
    if args.rclip_data:
        args.rclip_data = args.rclip_data.resolve()
    if args.rclip and not args.rclip_data:
        parser.error("--rclip needs --rclip-data")
    if args.device == "cuda":
        import torch

        if not torch.cuda.is_available():
            say("No CUDA GPU here: nothing to measure with --device cuda.")
            return
    n = len(entries(args.photos))
    parts = args.only or ["whole", "ceiling", "options"] + (["gpu"] if args.device == "cuda" else [])
    import torch

    say(f"PhotoClip indexing benchmark: {n} photos in {args.photos}, model {args.model.name}, device {args.device}")
    say(f"machine: {machine.cpu()}; torch {torch.__version__}; {load()}")
    figures = {"photos": n, "device": args.device}
    if "whole" in parts:
        figures["whole_process"] = whole_process(args, n)
    if "ceiling" in parts:
        figures["ceiling"] = ceiling(args, n)
    if "options" in parts:
        figures["inference_options"] = inference_options(args, n)
    if "gpu" in parts and args.device == "cuda":
        figures["gpu"] = gpu_decode(args)
    from photoclip.core import inference

    say(f"\nthis machine's format for the model (photoclip status): "
        f"{inference.describe(inference.remembered(f'local-dir:{args.model}'))}")
    say(f"finished ({load()})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
