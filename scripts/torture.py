"""Torture PhotoClip and print what survived (run by hand, with `nice`; not a test).

    nice .venv/bin/python scripts/torture.py [--index-kills 30] [--watch-kills 10] [--work DIR] [--seed 1]

Uses the tiny CLIP (tests/toyworld), so each start and kill is cheap. Four parts:

1. kill -9 during `photoclip index`: a folder that keeps growing, a process killed at a random
   moment once it is indexing (every third run instead at a random failpoint: inside a commit,
   while saving the index, at the model, while reading). After every kill the library is checked
   (catalog and index agree, no photo without its vector); at the end one run completes and every
   photo on disk must be in the catalog once (lost = on disk, not in the catalog; doubled = a path
   or an index entry twice, or a content embedded twice).
2. kill -9 during `photoclip watch`: copies, renames, moves, overwrites and deletions while the
   watcher runs; killed at a random moment; restarted; at the end the catalog must equal the disk.
3. a folder of bad input (a FIFO, a broken link, a link loop, a link to a device, a folder link,
   an empty and a truncated file, a name that is not UTF-8, a 255-byte name, a sidecar in an
   unknown encoding): indexing must finish, the photos among them be indexed and every other
   one be listed by `photoclip status` with a reason.
4. damage: scribbled index files (search must not change), a damaged, an emptied and a deleted
   catalog (refused in one line, the file untouched), and a full disk (a 24 MB tmpfs, when this
   runs as root; else the check says it was not run).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import toyworld  # noqa: E402

MODEL = toyworld.TINY_CLIP_SPEC
FAILPOINTS = ["catalog.commit=kill@{n}", "index.save=kill@1", "embed=kill@{n}", "decode=kill@{n}"]


class Torture:
    def __init__(self, work: Path, seed: int):
        self.work = work
        self.rng = random.Random(seed)
        self.env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data"),
                    "HF_HUB_OFFLINE": "1", "PHOTOCLIP_FAILPOINTS": ""}
        self.made = 0

    # -- running photoclip ----------------------------------------------------------------------
    def cmd(self, library: Path, *args: str) -> list[str]:
        return [sys.executable, "-m", "photoclip", "--library", str(library), "--model", MODEL, "--device", "cpu",
                *map(str, args)]

    def run(self, library: Path, *args: str, failpoints: str = "", timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run(self.cmd(library, *args), cwd=ROOT, env={**self.env, "PHOTOCLIP_FAILPOINTS": failpoints},
                              capture_output=True, text=True, timeout=timeout, errors="replace")

    def photos(self, folder: Path, n: int) -> list[Path]:
        made = []
        for _ in range(n):
            self.made += 1
            photo = toyworld.random_photo(self.rng, width=self.rng.randint(120, 220), height=self.rng.randint(120, 220))
            sub = folder / self.rng.choice(["", "a", "b/c", "фото"])
            made.append(toyworld.write_image(toyworld.render(photo, supersample=1), sub / f"IMG_{self.made:05d}.jpg",
                                             self.rng))
        return made

    # -- checking a library -----------------------------------------------------------------------
    @staticmethod
    def sql(library: Path, query: str) -> list[tuple]:
        with contextlib.closing(sqlite3.connect(f"file:{library / 'catalog.sqlite3'}?mode=ro", uri=True,
                                                timeout=30)) as db:
            return db.execute(query).fetchall()

    def consistent(self, library: Path) -> str | None:
        """None if the catalog and the index agree; else what is wrong."""
        from photoclip.core.library import Library

        (missing,), = self.sql(library, "SELECT count(*) FROM photos p LEFT JOIN embeddings e ON e.fingerprint ="
                                        " p.fingerprint AND e.model = (SELECT value FROM meta WHERE key='model')"
                                        " WHERE e.fingerprint IS NULL")
        (count,), = self.sql(library, "SELECT count(*) FROM photos")
        if missing:
            return f"{missing} photos without a vector"
        with Library(library, device="cpu") as lib:
            if len(lib.index) != count:
                return f"index holds {len(lib.index)} photos, catalog {count}"
        return None

    @staticmethod
    def on_disk(folder: Path) -> set[str]:
        from photoclip.core.imaging import IMAGE_SUFFIXES

        return {os.path.join(d, f) for d, _, files in os.walk(folder) for f in files
                if os.path.splitext(f)[1].lower() in IMAGE_SUFFIXES and not f.startswith(".")}

    def lost_and_doubled(self, library: Path, folder: Path) -> tuple[int, int]:
        """lost: photos on disk not in the catalog; doubled: a path twice, more index entries than
        photos, or a content embedded twice (the counter of embeddings made exceeds the vectors kept)."""
        from photoclip.core.library import Library

        paths = [p for p, in self.sql(library, "SELECT path FROM photos")]
        (vectors,), = self.sql(library, "SELECT count(*) FROM embeddings")
        made = dict(self.sql(library, "SELECT name, value FROM counters")).get("embeddings_computed", 0)
        with Library(library, device="cpu") as lib:
            in_index = len(lib.index)
        lost = len(self.on_disk(folder) - set(paths))
        doubled = (len(paths) - len(set(paths))) + max(0, in_index - len(paths)) + max(0, made - vectors)
        return lost, doubled

    # -- 1. kill -9 during index ----------------------------------------------------------------
    def index_kills(self, kills: int) -> dict:
        library, folder = self.work / "index-lib", self.work / "index-photos"
        self.photos(folder, 300)
        done = corrupt = runs = 0
        by = {"random moment": 0, "failpoint": 0}
        while done < kills:
            runs += 1
            self.photos(folder, 40)  # work for every run
            if runs % 3 == 0:
                point = self.rng.choice(FAILPOINTS).format(n=self.rng.randint(1, 4))
                r = self.run(library, "index", folder, "--batch-size", "8", failpoints=point)
                killed = r.returncode == -signal.SIGKILL
                by["failpoint"] += killed
            else:
                killed = self.kill_while_indexing(library, folder)
                by["random moment"] += killed
            done += killed
            problem = self.consistent(library)
            if problem:
                corrupt += 1
                print(f"  after kill {done}: {problem}")
        final = self.run(library, "index", folder)
        assert final.returncode == 0, final.stderr[-2000:]
        lost, doubled = self.lost_and_doubled(library, folder)
        return {"kills": done, **by, "runs": runs, "photos": len(self.on_disk(folder)), "lost": lost,
                "doubled": doubled, "corrupt": corrupt + (self.consistent(library) is not None)}

    def kill_while_indexing(self, library: Path, folder: Path) -> bool:
        """Start `index`, wait until it has committed something new, kill it a moment later."""
        before = self.photo_count(library)
        proc = subprocess.Popen(self.cmd(library, "index", folder, "--batch-size", "8"), cwd=ROOT, env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while proc.poll() is None and self.photo_count(library) <= before and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(self.rng.uniform(0.0, 0.6))
            if proc.poll() is not None:
                return False  # it finished first
            proc.send_signal(signal.SIGKILL)
            return proc.wait() == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    def photo_count(self, library: Path) -> int:
        try:
            return self.sql(library, "SELECT count(*) FROM photos")[0][0]
        except sqlite3.Error:
            return 0

    # -- 2. kill -9 during watch ------------------------------------------------------------------
    def watch_kills(self, kills: int) -> dict:
        library, folder = self.work / "watch-lib", self.work / "watch-photos"
        staging = self.work / "watch-staging"
        self.photos(folder, 60)
        ops = converged = 0
        for _ in range(kills):
            proc = subprocess.Popen(self.cmd(library, "watch", folder), cwd=ROOT, env=self.env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
            try:
                self.wait_ready(proc)
                stop_at = time.monotonic() + self.rng.uniform(0.5, 3.0)
                while time.monotonic() < stop_at:
                    ops += self.file_operation(folder, staging)
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            # The next start must bring the catalog back in line with the disk.
            r = self.run(library, "index")
            assert r.returncode == 0, r.stderr[-2000:]
            paths = {p for p, in self.sql(library, "SELECT path FROM photos")}
            converged += paths == self.on_disk(folder) and self.consistent(library) is None
        lost, doubled = self.lost_and_doubled(library, folder)
        return {"kills": kills, "file operations": ops, "converged": converged, "lost": lost, "doubled": doubled}

    def wait_ready(self, proc: subprocess.Popen) -> None:
        for line in proc.stderr:
            if "Ready" in line:
                return
        raise RuntimeError("photoclip watch exited before it was ready")

    def file_operation(self, folder: Path, staging: Path) -> int:
        files = sorted(p for p in folder.rglob("*.jpg"))
        kind = self.rng.choice(["copy", "copy", "rename", "move", "overwrite", "delete", "folder"])
        try:
            if kind == "copy" or not files:
                for p in self.photos(staging, self.rng.randint(1, 4)):
                    target = folder / self.rng.choice(["", "new"]) / p.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(p, target)
            elif kind == "rename":
                p = self.rng.choice(files)
                p.rename(p.with_name(f"renamed {self.made}-{p.name}"))
                self.made += 1
            elif kind == "move":
                p = self.rng.choice(files)
                (folder / "moved").mkdir(exist_ok=True)
                p.rename(folder / "moved" / p.name)
            elif kind == "overwrite":
                p, (new,) = self.rng.choice(files), self.photos(staging, 1)
                shutil.copyfile(new, p)
                new.unlink()
            elif kind == "delete":
                self.rng.choice(files).unlink()
            else:  # a whole folder moved
                sub = [d for d in folder.iterdir() if d.is_dir()]
                if sub:
                    d = self.rng.choice(sub)
                    d.rename(folder / f"{d.name}-{self.made}")
                    self.made += 1
        except FileNotFoundError:
            return 0
        return 1

    # -- 3. a folder of bad input -----------------------------------------------------------------
    def bad_input(self) -> dict:
        library, folder = self.work / "bad-lib", self.work / "bad-photos"
        good = self.photos(folder, 3)
        photos = set(map(str, good))
        bad = {}

        def make(name: str, action) -> None:
            path = os.path.join(folder, name) if isinstance(name, str) else os.fsdecode(os.fsencode(folder) + b"/" + name)
            action(path)
            bad[path] = None

        make("pipe.jpg", os.mkfifo)
        make("broken link.jpg", lambda p: os.symlink(folder / "gone.jpg", p))
        make("loop a.jpg", lambda p: os.symlink(folder / "loop b.jpg", p))
        make("loop b.jpg", lambda p: os.symlink(folder / "loop a.jpg", p))
        make("device.jpg", lambda p: os.symlink("/dev/null", p))
        make("folder link", lambda p: os.symlink(self.work, p))
        make("empty.jpg", lambda p: Path(p).write_bytes(b""))
        make("truncated.jpg", lambda p: Path(p).write_bytes(good[0].read_bytes()[:300]))
        make("not a photo.jpg", lambda p: Path(p).write_text("hello"))
        odd = os.fsdecode(os.fsencode(folder) + b"/caf\xe9 \xff.jpg")
        shutil.copyfile(good[1], odd)
        long_name = str(folder / ("ä" * 124 + "xyz.jpg"))
        shutil.copyfile(good[2], long_name)
        Path(long_name[:-4] + ".xmp").write_bytes(b'<?xml version="1.0" encoding="x-none"?><x/>')  # Lightroom's name
        photos |= {odd, long_name}
        r = self.run(library, "index", folder, timeout=300)
        status = json.loads(self.run(library, "status", "--json").stdout)
        from photoclip.core.library import Library

        with Library(library, device="cpu") as lib:
            indexed = {p.path for p in lib.catalog.all_photos()}
            reasons = dict(lib.catalog.skipped())
        listed = sum(1 for p in bad if reasons.get(p))
        return {"index exit": r.returncode, "no traceback": "Traceback" not in r.stderr, "bad inputs": len(bad),
                "listed with a reason": listed, "photos": len(photos), "photos indexed": len(photos & indexed),
                "status photos": status["photos"]}

    # -- 4. damage --------------------------------------------------------------------------------
    def damage(self) -> dict:
        library, folder = self.work / "damage-lib", self.work / "damage-photos"
        self.photos(folder, 40)
        assert self.run(library, "index", folder).returncode == 0
        query = ("search", "a red circle", "--limit", "10", "--all", "--json")
        before = json.loads(self.run(library, *query).stdout)
        out = {}
        (vec,) = (library / "index").glob("*.vec.npy")
        m = np.load(vec)
        m[self.rng.randrange(len(m))] = 1.4e38
        np.save(vec, m)
        (ids,) = (library / "index").glob("*.ids.npy")
        i = np.load(ids)
        i[[0, 1]] = i[[1, 0]]
        np.save(ids, i)
        out["scribbled index: search unchanged"] = json.loads(self.run(library, *query).stdout) == before
        catalog = library / "catalog.sqlite3"
        keep = catalog.read_bytes()
        for side in ("-wal", "-shm"):
            Path(f"{catalog}{side}").unlink(missing_ok=True)
        for what, change in (("damaged", lambda: catalog.write_bytes(os.urandom(100) + keep[100:])),
                             ("emptied", lambda: catalog.write_bytes(b"")),
                             ("deleted", catalog.unlink)):
            change()
            state = catalog.read_bytes() if catalog.exists() else None
            r = self.run(library, "index", folder)
            untouched = (catalog.read_bytes() if catalog.exists() else None) == state
            said = [line for line in r.stderr.splitlines() if line.startswith("photoclip:")]
            out[f"{what} catalog: refused in one line, untouched"] = (
                r.returncode == 2 and "Traceback" not in r.stderr and len(said) == 1 and untouched)
            catalog.write_bytes(keep)
        out["disk full"] = self.disk_full()
        return out

    def disk_full(self) -> str:
        mount = self.work / "tiny-disk"
        mount.mkdir(exist_ok=True)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)],
                          capture_output=True).returncode != 0:
            return "not run (mounting a tmpfs needs root)"
        try:
            folder = self.work / "full-photos"
            self.photos(folder, 200)
            library = mount / "library"
            (mount / "filler").write_bytes(b"\0" * (23 << 20))  # leave about 1 MB
            r = self.run(library, "index", folder)
            said = [line for line in r.stderr.splitlines() if line.startswith("photoclip:")]  # beside the progress
            one_line = (r.returncode == 2 and "Traceback" not in r.stderr and len(said) == 1
                        and "disk is full" in said[0])
            (mount / "filler").unlink()
            again = self.run(library, "index", folder)
            lost, doubled = self.lost_and_doubled(library, folder)
            ok = one_line and again.returncode == 0 and not lost and not doubled and not self.consistent(library)
            return ("stopped in one line, carried on once space came back, 0 lost, 0 doubled" if ok
                    else f"FAILED: exit {r.returncode}: {r.stderr.strip()[-300:]!r}; again {again.returncode}; "
                         f"lost {lost}, doubled {doubled}")
        finally:
            subprocess.run(["umount", str(mount)], capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index-kills", type=int, default=30)
    parser.add_argument("--watch-kills", type=int, default=10)
    parser.add_argument("--work", type=Path, help="a folder to work in (default: a new temporary one)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="photoclip-torture-"))
    work.mkdir(parents=True, exist_ok=True)
    torture = Torture(work, args.seed)
    print(f"working in {work}; load average {os.getloadavg()[0]:.2f}", flush=True)
    failed = False
    for name, part in (("bad input", torture.bad_input), ("damage", torture.damage),
                       ("kill -9 during index", lambda: torture.index_kills(args.index_kills)),
                       ("kill -9 during watch", lambda: torture.watch_kills(args.watch_kills))):
        started = time.monotonic()
        result = part()
        print(f"{name} ({time.monotonic() - started:.0f} s): " + ", ".join(f"{k} {v}" for k, v in result.items()),
              flush=True)
        failed |= bool(result.get("lost") or result.get("doubled") or result.get("corrupt") or result.get("index exit")
                       or result.get("listed with a reason", 0) != result.get("bad inputs", 0)
                       or any(v is False for v in result.values())
                       or "FAILED" in str(result.get("disk full", "")))
    print(f"load average {os.getloadavg()[0]:.2f}; {'FAILED' if failed else 'all held'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
