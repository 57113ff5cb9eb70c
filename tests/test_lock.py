"""One writer per library: a second writer is refused by name, readers are not, stale locks are taken over."""
import logging
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from photoclip.core.library import CATALOG_FILE, Library
from photoclip.core.lock import LibraryLocked, WriterLock
from photoclip.core.store import CatalogError

ROOT = Path(__file__).resolve().parents[1]
HOLD_LOCK = (
    "import sys, time\n"
    "from photoclip.core.library import Library\n"
    "lib = Library(sys.argv[1], model=sys.argv[2], device='cpu', writer=True)\n"
    "print('locked', flush=True)\n"
    "time.sleep(600)\n"
)


def test_second_writer_is_refused_naming_the_holder_while_readers_work(tmp_path, tiny_model):
    root = tmp_path / "lib"
    writer = Library(root, model=tiny_model, device="cpu", writer=True)
    try:
        with pytest.raises(LibraryLocked) as refused:
            Library(root, model=tiny_model, device="cpu", writer=True)
        holder = refused.value.holder
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
        assert holder["command"]
        message = str(refused.value)
        assert f"pid {os.getpid()}" in message and str(root) in message and "searching" in message
        with Library(root, device="cpu") as reader:  # readers never wait for the writer
            assert reader.status()["photos"] == 0
    finally:
        writer.close()
    assert WriterLock(root).holder() == {}  # a clean close leaves no holder behind
    Library(root, model=tiny_model, device="cpu", writer=True).close()  # and the lock is free


def test_lock_left_by_a_killed_process_is_taken_over(tmp_path, tiny_model, caplog):
    root = tmp_path / "lib"
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(root), tiny_model], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(LibraryLocked) as refused:
            Library(root, model=tiny_model, device="cpu", writer=True)
        assert refused.value.holder["pid"] == proc.pid
        assert "-c" in refused.value.holder["command"]
    finally:
        proc.kill()  # SIGKILL: the holder gets no chance to clean up
        proc.wait()
    assert WriterLock(root).holder()["pid"] == proc.pid  # its name is still in the file...
    with caplog.at_level(logging.WARNING, logger="photoclip.core.lock"):
        lib = Library(root, model=tiny_model, device="cpu", writer=True)  # ...but the lock is free
    try:
        assert f"left by process {proc.pid}" in caplog.text
        assert WriterLock(root).holder()["pid"] == os.getpid()
    finally:
        lib.close()


def test_a_writer_that_fails_to_open_releases_the_lock(tmp_path, tiny_model):
    root = tmp_path / "lib"
    Library(root, model=tiny_model, device="cpu").close()
    db = sqlite3.connect(root / CATALOG_FILE)
    db.execute("PRAGMA user_version=999")  # written by a newer PhotoClip
    db.close()
    with pytest.raises(CatalogError):
        Library(root, model=tiny_model, device="cpu", writer=True)
    with WriterLock(root) as lock:
        assert lock.held


def test_cli_index_reports_the_holder_and_exits_2(cli, tmp_path, toy_folder, tiny_model):
    writer = Library(cli.library, model=tiny_model, device="cpu", writer=True)
    try:
        r = cli("index", tmp_path / "photos")
    finally:
        writer.close()
    assert r.code == 2
    assert f"pid {os.getpid()}" in r.err and "Only one process at a time" in r.err
    assert r.err.startswith("photoclip: ") and "Traceback" not in r.err
