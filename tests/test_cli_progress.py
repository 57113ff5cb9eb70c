"""The command line as a person reads it: progress that tells the truth, Ctrl-C, one-line errors."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import toyworld
from photoclip.core.library import Library

ROOT = Path(__file__).parent.parent


def test_progress_ends_on_the_real_count_and_speed(cli, toy_folder):
    r = cli("index", _root(toy_folder))
    assert r.code == 0, r.err
    assert "0.0 photos/s" not in r.err
    assert re.search(rf"^done: {len(toy_folder)}/{len(toy_folder)}$", r.err, re.M), r.err


def _root(photos) -> Path:
    return Path(os.path.commonpath([str(p) for p in photos]))


def test_ctrl_c_stops_after_the_batch_and_says_what_is_left(tmp_path, tiny_model):
    photos = toyworld.write_corpus(tmp_path / "photos", 40, seed=99)
    lib = tmp_path / "library"
    env = {**os.environ, "PHOTOCLIP_FAILPOINTS": "embed=sleep:0.5"}  # slow enough to be caught midway
    proc = subprocess.Popen([sys.executable, "-m", "photoclip", "--library", str(lib), "--create", "--model",
                             tiny_model, "--device", "cpu", "index", str(tmp_path / "photos"), "--batch-size", "4",
                             "--workers", "1"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not _count(lib):  # the first batch is committed
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    err = proc.stderr.read()
    assert proc.wait(60) == 130, err
    assert "Traceback" not in err
    stopped = re.search(r"Stopped: (\d+) photos done, (\d+) left", err)
    assert stopped, err
    done, left = map(int, stopped.groups())
    assert done + left == len(photos) and left > 0
    assert done == _count(lib)  # what it says is what the catalog holds


def _count(lib: Path) -> int:
    if not (lib / "catalog.sqlite3").exists():
        return 0
    with Library(lib, create=False) as reader:
        return reader.catalog.photo_count() + len(reader.catalog.skipped())


def test_errors_are_one_line(cli, toy_folder, tmp_path):
    assert cli("index", _root(toy_folder)).code == 0
    cases = {
        ("search", "--image", str(tmp_path / "missing.jpg")): "no such photo",
        ("search", "red", "--limit", "-3"): "must be a whole number of 1 or more",
        ("search", "red", "--folder", str(tmp_path / "nowhere")): "no such folder",
    }
    (tmp_path / "notes.jpg").write_text("not a photo")
    cases[("search", "--image", str(tmp_path / "notes.jpg"))] = "cannot use"
    for args, said in cases.items():
        try:
            r = cli(*args)
        except SystemExit as e:  # argparse's own refusals
            assert e.code == 2
            continue
        assert r.code == 2, (args, r.err)
        assert said in r.err and "Traceback" not in r.err, (args, r.err)
        assert said in r.err.strip().splitlines()[-1]


def test_a_mistaken_option_is_one_line(capsys):
    from photoclip.cli import main

    try:
        main(["search", "red", "--limit", "-3"])
    except SystemExit as e:
        assert e.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--limit: must be a whole number of 1 or more" in err


def test_a_filter_that_matches_nothing_says_so_and_exits_1(cli, toy_folder):
    assert cli("index", _root(toy_folder)).code == 0
    r = cli("search", "red circle", "--from", "2100-01-01", "--json")
    assert r.code == 1 and r.json() == []
    assert "no photo matches among those taken from 2100-01-01" in r.err
