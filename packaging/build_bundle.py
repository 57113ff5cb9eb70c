"""Build the one-folder PhotoClip with PyInstaller, then smoke-test what was built.

    uv run --group bundle packaging/build_bundle.py              # build + test (slow: torch is big)
    uv run --group bundle packaging/build_bundle.py --test-only  # test an existing build

The test runs the built programs the way a user's machine would: with an empty environment
(no virtualenv, no PYTHONPATH, a fresh HOME), so nothing outside the folder can help them.
  1. No test data came along (the tiny toy model, the tests); the app's resources did.
  2. `photoclip-cli --version` and `--help` work.
  3. The model download path is there: a built-in model, offline, fails with the clear message,
     not an ImportError.
  4. `photoclip-cli index` embeds toy photos with a model folder given at run time (the
     repository's tiny CLIP: it exercises torch and open_clip inside the bundle), and a tiny
     multilingual model indexes and answers a Spanish search (transformers inside the bundle).
  5. `PhotoClip` opens its window offscreen on that library, lists the photos, runs on Python
     from the bundle only (checked in /proc/PID/maps), and quits cleanly on SIGTERM.
Prints the folder's size and the build time.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tiny_multilingual import write_tiny_multilingual

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "photoclip.spec"
BUILD = ROOT / "build" / "bundle"
DIST = BUILD / "dist" / "PhotoClip"
TINY_MODEL = ROOT / "tests" / "toyworld" / "tiny_clip"
EXE = ".exe" if sys.platform == "win32" else ""


def build() -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(BUILD / "dist"), "--workpath", str(BUILD / "work"), str(SPEC)],
                   check=True, cwd=ROOT)
    return time.monotonic() - started


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a fresh desktop session has: no Python variables, a new home, no network for models."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "en_US.UTF-8",
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "HF_HUB_OFFLINE": "1", "QT_QPA_PLATFORM": "offscreen"}
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    print(f"$ {' '.join(Path(a).name if i == 0 else a for i, a in enumerate(args))}  -> exit {result.returncode}")
    return result


def check(condition: bool, what: str, detail: str = "") -> None:
    print(f"  {'ok  ' if condition else 'FAIL'} {what}")
    if not condition:
        raise SystemExit(f"smoke test failed: {what}\n{detail}")


def write_toy_photos(folder: Path, count: int = 12) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    import toyworld

    toyworld.write_corpus(folder, count, seed=7)


def smoke_test(dist: Path) -> None:
    app, cli = dist / f"PhotoClip{EXE}", dist / f"photoclip-cli{EXE}"
    check(app.is_file() and cli.is_file(), f"{app.name} and {cli.name} are in {dist}")
    leaked = [p for p in dist.rglob("*") if p.name in ("tiny_clip", "toyworld", "conftest.py")
              or p.name == "open_clip_model.safetensors"]
    check(not leaked, "no test data or model in the folder", str(leaked))
    shipped = {p.name for p in dist.rglob("photoclip/resources/**/*") if p.is_file()}
    check({"style.qss", "app.svg", "photoclip_es.qm", "photoclip_ru.qm", "photoclip_zh_CN.qm"} <= shipped,
          "icons, stylesheet and translations are in the folder", str(sorted(shipped)))

    with tempfile.TemporaryDirectory(prefix="photoclip-smoke-") as tmp:
        tmp = Path(tmp)
        env = clean_env(tmp / "home")
        library, photos = tmp / "library", tmp / "photos"

        r = run([str(cli), "--version"], env)
        check(r.returncode == 0 and "PhotoClip" in r.stdout, "photoclip-cli --version", r.stdout + r.stderr)
        r = run([str(cli), "--help"], env)
        check(r.returncode == 0 and "index" in r.stdout and "search" in r.stdout, "photoclip-cli --help",
              r.stdout + r.stderr)

        write_toy_photos(photos)
        r = run([str(cli), "--library", str(tmp / "offline-library"), "--model",
                 "ViT-B-32-256:datacomp_s34b_b86k", "--device", "cpu", "index", str(photos)], env)
        check(r.returncode == 2 and "Traceback" not in r.stderr and "ImportError" not in r.stderr
              and "download" in r.stderr.lower(),
              "a built-in model offline: the download is tried and fails with a clear message", r.stderr)

        r = run([str(cli), "--library", str(library), "--model", f"local-dir:{TINY_MODEL}", "--device", "cpu",
                 "index", str(photos)], env, timeout=600)
        check(r.returncode == 0, "photoclip-cli index embeds photos with a run-time model folder", r.stderr)
        r = run([str(cli), "--library", str(library), "status", "--json"], env)
        check(r.returncode == 0 and re.search(r'"photos": 12\b', r.stdout) is not None,
              "the library holds the 12 photos", r.stdout + r.stderr)
        multilingual = ["--library", str(tmp / "multilingual-library"), "--model",
                        write_tiny_multilingual(tmp / "multilingual-model"), "--device", "cpu"]
        r = run([str(cli), *multilingual, "index", str(photos)], env, timeout=600)
        check(r.returncode == 0, "a multilingual (XLM-RoBERTa) model indexes the photos", r.stderr)
        r = run([str(cli), *multilingual, "search", "un círculo rojo", "--limit", "3", "--json"], env)
        check(r.returncode == 0 and len(json.loads(r.stdout or "[]")) == 3, "and answers a Spanish search",
              r.stdout + r.stderr)

        gui_env = clean_env(tmp / "home", PHOTOCLIP_LIBRARY=str(library), PHOTOCLIP_STARTUP_TIMING="1")
        started = time.monotonic()
        proc = subprocess.Popen([str(app), "--device", "cpu"], env=gui_env, stderr=subprocess.PIPE, text=True)
        lines = []
        try:
            for line in proc.stderr:
                lines.append(line)
                if "grid listed" in line:
                    break
            maps = Path(f"/proc/{proc.pid}/maps")
            mapped = maps.read_text() if maps.exists() else ""
            proc.send_signal(signal.SIGTERM)
            rest = proc.communicate(timeout=120)[1]
        finally:
            if proc.poll() is None:
                proc.kill()
        output = "".join(lines) + (rest or "")
        check(any("window shown" in line for line in lines), "PhotoClip shows its window (offscreen)", output)
        check(any("grid listed 12 photos" in line for line in lines), "the window lists the library's 12 photos",
              output)
        if mapped:
            outside = sorted({line.split()[-1] for line in mapped.splitlines()
                              if "python" in line.split()[-1].lower() and str(dist) not in line})
            check(not outside, "the running app uses the bundle's Python only", "\n".join(outside))
        check(proc.returncode == 0, f"PhotoClip quits cleanly on SIGTERM (after {time.monotonic() - started:.1f} s)",
              output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--test-only", action="store_true", help="smoke-test an existing build")
    args = parser.parse_args()
    if not args.test_only:
        shutil.rmtree(DIST, ignore_errors=True)
        seconds = build()
        print(f"built {DIST} in {seconds / 60:.1f} min")
    print(f"{DIST}: {folder_size(DIST) / 2**30:.2f} GiB")
    smoke_test(DIST)
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
