"""How long the window's event loop stalls while it indexes, searches and re-scores tags (by hand).

    .venv/bin/python benchmarks/gui_heartbeat.py [--photos 600]

Runs `benchmark_event_loop_gaps` in tests/gui/test_gui_heartbeat.py (the window, the tiny CLIP, the
steps its test takes) on a folder of N toy photos, and prints the slowest gaps of a 10 ms heartbeat
timer beside the load average. A gap over 100 ms is a freeze a user would see.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FREEZE = 100.0  # ms


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=600)
    args = parser.parse_args()
    env = {**os.environ, "PHOTOCLIP_HEARTBEAT_PHOTOS": str(args.photos)}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                          "-o", "python_functions=benchmark_*", "tests/gui/test_gui_heartbeat.py"], cwd=ROOT, env=env, capture_output=True, text=True)
    line = next((x for x in run.stdout.splitlines() if "heartbeat:" in x), None)
    if run.returncode or line is None:
        print(run.stdout[-4000:], run.stderr[-2000:], sep="\n")
        return 1
    slowest = max(float(v) for v in re.findall(r"\d+", line.split("(ms):")[1]))
    print(line[line.index("heartbeat:"):])
    print(f"load average {os.getloadavg()[0]:.2f}; slowest gap {slowest:.0f} ms: "
          f"{'a visible freeze' if slowest > FREEZE else 'no visible freeze'} (over {FREEZE:.0f} ms is one)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
