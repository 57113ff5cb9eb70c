"""A cold search from the shell, whole processes, side by side with rclip 4.0.8.

    .venv/bin/python benchmarks/shell_search.py --library LIB --photos WORK/photos-240 \\
        --rclip WORK/rclip-venv/bin/rclip --rclip-data WORK/rclip-data [--rounds 5] [--query "words"]

LIB is a PhotoClip library holding WORK/photos-240, indexed with WORK/models/ViT-B-32-256 (`photoclip
--library LIB --model local-dir:WORK/models/ViT-B-32-256 index WORK/photos-240`; indexing loads the
model once, which exports the text tower for torch-free searches). rclip's database must hold the
same photos (`cd WORK/photos-240 && RCLIP_DATADIR=WORK/rclip-data rclip -t 1 x`).

Each round runs `photoclip --library LIB search QUERY --limit 5` and `rclip -n -t 5 QUERY` (in the
photos' folder, as rclip wants), alternating which goes first; one warm-up of each before. Both
run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed), as on a user's machine. It prints
the wall time and peak memory (max RSS) of every run, the medians and their ratio, the CPU and
the load average. A user's second search is as cold as the first: nothing stays in memory.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import machine  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def measured(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one whole process, read from wait4()."""
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path, required=True, help="a PhotoClip library holding the photos")
    parser.add_argument("--photos", type=Path, required=True, help="the photos' folder (rclip runs there)")
    parser.add_argument("--rclip", type=Path, required=True, help="the rclip 4.0.8 executable")
    parser.add_argument("--rclip-data", type=Path, required=True, help="RCLIP_DATADIR")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--query", default="a dog in the snow")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    photoclip = Path(sys.executable).with_name("photoclip")
    tools = {
        "photoclip": ([str(photoclip)] if photoclip.exists() else [sys.executable, "-m", "photoclip"])
        + ["--library", str(args.library.resolve()), "search", args.query, "--limit", "5"],
        "rclip": [str(args.rclip.absolute()), "-n", "-t", "5", args.query],
    }
    cwd = {"photoclip": ROOT, "rclip": args.photos.resolve()}
    envs = {"photoclip": env, "rclip": {**env, "RCLIP_DATADIR": str(args.rclip_data.resolve())}}
    print(f"Cold shell search, whole processes, {args.rounds} rounds alternating after one warm-up each")
    print(f"machine: {machine.cpu()}")
    print(f"{machine.load()}")
    for name in tools:  # warm-up: bytecode compiled, files in the page cache
        measured(tools[name], cwd[name], envs[name])
    runs = {name: [] for name in tools}
    for r in range(args.rounds):
        order = list(tools) if r % 2 == 0 else list(tools)[::-1]
        for name in order:
            before = machine.load()
            wall, rss = measured(tools[name], cwd[name], envs[name])
            runs[name].append((wall, rss))
            print(f"round {r + 1} {name:9s} {wall:6.2f} s  peak {rss:6.0f} MB   ({before})", flush=True)
    med = {name: (statistics.median(w for w, _ in v), max(m for _, m in v)) for name, v in runs.items()}
    for name, (wall, rss) in med.items():
        print(f"{name:9s} median {wall:.2f} s, peak memory {rss:.0f} MB")
    ratios = [p[0] / r[0] for p, r in zip(runs["photoclip"], runs["rclip"])]
    print(f"photoclip / rclip time: median {statistics.median(ratios):.2f} (per round: "
          f"{', '.join(f'{x:.2f}' for x in ratios)}); memory {med['photoclip'][1] / med['rclip'][1]:.2f}")
    print(f"finished ({machine.load()})")


if __name__ == "__main__":
    main()
