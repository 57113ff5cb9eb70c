"""`photoclip watch` as a user runs it: its own process holding the library, searched from another."""
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import toyworld
from photoclip.core.library import Library
from photoclip.core.search import search

ROOT = Path(__file__).resolve().parents[1]
SEARCHABLE_WITHIN = 60.0  # a bound for a stuck watcher, not a speed goal: benchmarks/watch_latency.py times it


class WatchProcess:
    """`photoclip watch FOLDER` in its own process; its log is collected line by line."""

    def __init__(self, lib_dir: Path, model: str, folder: Path, *options: str, failpoints: str = ""):
        env = {**os.environ, "PHOTOCLIP_FAILPOINTS": failpoints}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "photoclip", "--library", str(lib_dir), "--model", model, "--device", "cpu",
             "watch", str(folder), *options], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def wait_for_line(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            assert self.proc.poll() is None, f"photoclip watch exited early:\n{self.log}"
            assert time.monotonic() < deadline, f"no {text!r} in the log:\n{self.log}"
            time.sleep(0.05)

    def wait_for_file(self, path: Path, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not path.exists():
            assert self.proc.poll() is None, f"photoclip watch exited early:\n{self.log}"
            assert time.monotonic() < deadline, f"no {path} made:\n{self.log}"
            time.sleep(0.05)

    def join(self) -> None:
        """Once the process has exited: until its whole log is read."""
        self._reader.join(5)

    def stop(self, sig: int, timeout: float = 60) -> int:
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout)
        self.join()
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def watch_process():
    started = []

    def start(*args, **kwargs) -> WatchProcess:
        started.append(WatchProcess(*args, **kwargs))
        return started[-1]

    yield start
    for w in started:
        w.kill()


def photos_of(root: Path, n: int, seed: int, **fixed) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        photo = toyworld.random_photo(rng, width=rng.randint(200, 480), height=rng.randint(200, 480), **fixed)
        paths.append(toyworld.write_image(toyworld.render(photo), root / f"photo {seed}-{i}.jpg", rng))
    return paths


def test_copied_photo_becomes_searchable_from_another_process(tmp_path, tiny_model, watch_process, cli):
    photos = tmp_path / "photos"
    photos_of(photos, 6, seed=1, color="blue", shape="square")  # the library holds no red circle yet
    lib_dir = tmp_path / "library"
    watch = watch_process(lib_dir, tiny_model, photos)
    watch.wait_for_line("Ready: watching 1 folder")
    reader = Library(lib_dir, device="cpu")  # this process: a second one, a reader
    try:
        search(reader, "a red circle", limit=1)  # this process loads its model first: not the watcher's time
        latencies = []
        for i, source in enumerate(photos_of(tmp_path / "camera", 5, seed=2, color="red", shape="circle")):
            target = photos / "new" / source.name
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(source, target)
            copied = time.monotonic()
            while str(target) not in {h.path for h in search(reader, "a red circle", limit=i + 1)}:
                assert time.monotonic() - copied < SEARCHABLE_WITHIN, f"{target.name} never became searchable"
                time.sleep(0.02)
            latencies.append(time.monotonic() - copied)
        print(f"copy -> searchable from another process: {', '.join(f'{s:.2f}' for s in latencies)} s")
        assert {h.path for h in search(reader, "a red circle", limit=5)} == {
            str(photos / "new" / p.name) for p in (tmp_path / "camera").iterdir()}
    finally:
        reader.close()

    # A second writer is refused, naming the watcher; searching kept working throughout (above).
    refused = cli("index", library=lib_dir)
    assert refused.code == 2 and f"pid {watch.proc.pid}" in refused.err and "watch" in refused.err

    assert watch.stop(signal.SIGINT) == 0, watch.log
    assert "photos indexed" in watch.log and "Stopped." in watch.log and "Traceback" not in watch.log


def test_sigterm_mid_batch_exits_0_and_the_next_start_carries_on(tmp_path, tiny_model, watch_process, cli):
    photos = tmp_path / "photos"
    card = photos_of(photos / "card", 24, seed=4)
    lib_dir = tmp_path / "library"
    # The start-up rescan indexes the 24 photos in one run of six batches. The first batch waits
    # at the model for the gate, so the signal lands with a batch in flight however busy the
    # machine is (the watcher may split photos arriving later into runs of any size).
    gate = tmp_path / "gate"
    watch = watch_process(lib_dir, tiny_model, photos, "--batch-size", "4", failpoints=f"embed=wait:{gate}")
    watch.wait_for_file(Path(f"{gate}.reached"))
    watch.proc.send_signal(signal.SIGTERM)
    watch.wait_for_line("Stopping")
    gate.touch()
    assert watch.proc.wait(30) == 0, watch.log
    watch.join()
    assert "Stopped." in watch.log and "Traceback" not in watch.log
    assert "cancelled after 4 photos indexed" in watch.log
    with Library(lib_dir, device="cpu") as lib:
        # The batch in flight finished; the other five were left for later.
        assert lib.catalog.photo_count() == 4
        assert len(lib.index) == 4 and not lib.catalog.photos_missing_vectors(lib.model)
    assert cli("index", library=lib_dir).code == 0
    with Library(lib_dir, device="cpu") as lib:
        assert lib.catalog.photo_count() == len(card)
        assert lib.status()["embeddings_computed"] == len(card)


def test_watch_needs_a_folder(cli, tmp_path):
    r = cli("watch")
    assert r.code == 1 and "photoclip watch FOLDER" in r.err
    r = cli("watch", tmp_path / "no such folder")
    assert r.code == 2 and "not a folder" in r.err and "Traceback" not in r.err
