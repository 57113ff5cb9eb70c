"""Crash safety: a real indexing process is SIGKILLed at many points (failpoints, see
photoclip.core.failpoints); the next start must find the catalog whole, the index matching it (or
rebuilt), no photo lost or listed twice, and carry the work on to the end."""
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import toyworld
from photoclip.core.library import CATALOG_FILE, Library
from photoclip.core.worker import LibraryWorker

ROOT = Path(__file__).resolve().parents[1]
N_PHOTOS = 40
BATCH = ("--batch-size", "8", "--workers", "2")

# (failpoint, the time it is reached when the process is killed)
KILL_POINTS = [
    ("decode", 1),  # the very first photo being read: nothing done yet
    ("decode", 30),  # reading ahead while earlier batches are committed
    ("embed", 1),  # the first batch in the model
    ("embed", 3),  # a later batch in the model, two committed
    ("catalog.commit", 1),  # the first batch written to the catalog but not committed
    ("catalog.commit", 4),  # a later one
    ("index.save", 1),  # every photo committed, the first index half written
]


def _cli_child(argv: list[str], env: dict, output: str) -> None:
    """A process forked from a server that imported torch and open_clip once (seconds each time
    otherwise): it runs the real CLI, `photoclip ARGV`, its output going to a file."""
    os.environ.clear()
    os.environ.update(env)
    out = open(output, "w", buffering=1)
    os.dup2(out.fileno(), 1)
    os.dup2(out.fileno(), 2)
    sys.stdout = sys.stderr = out
    from photoclip.cli import main

    sys.exit(main(argv))


@pytest.fixture(scope="module")
def cli_process():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["torch", "open_clip", "photoclip.cli", "photoclip.core.indexer", "test_crash"])
    return context


@pytest.fixture
def photoclip(cli_process, tiny_model, tmp_path):
    """photoclip(lib_dir, *args, failpoints=...) runs the CLI in its own process -> (exit code, output)."""
    runs = iter(range(1000))

    def run(lib_dir: Path, *args, failpoints: str = "") -> tuple[int, str]:
        output = tmp_path / f"run-{next(runs)}.log"
        argv = ["--library", str(lib_dir), "--model", tiny_model, "--device", "cpu", *map(str, args)]
        proc = cli_process.Process(target=_cli_child,
                                   args=(argv, {**os.environ, "PHOTOCLIP_FAILPOINTS": failpoints}, str(output)))
        proc.start()
        proc.join(300)
        assert proc.exitcode is not None, "the CLI process hung"
        return proc.exitcode, output.read_text()

    return run


def assert_killed_at(result: tuple[int, str], point: str, hit: int) -> None:
    code, output = result
    assert code == -signal.SIGKILL, output
    assert f"failpoint {point}: hit {hit}," in output


def check_library(lib_dir: Path) -> set[str]:
    """The catalog is whole and consistent and the index matches it; returns the photos' paths."""
    db = sqlite3.connect(lib_dir / CATALOG_FILE)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        paths = [r[0] for r in db.execute("SELECT path FROM photos")]
        assert len(paths) == len(set(paths)), "a photo listed twice"
        stored = db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
        counted = db.execute("SELECT coalesce(max(value), 0) FROM counters WHERE name='embeddings_computed'").fetchone()[0]
        assert counted == stored  # a vector and its count land in the same transaction
        without = db.execute("SELECT count(*) FROM photos p LEFT JOIN embeddings e ON e.fingerprint = p.fingerprint "
                             "WHERE e.fingerprint IS NULL").fetchone()[0]
        assert without == 0  # a photo lands with its vector or not at all
        last_word = dict(db.execute("SELECT photo_id, added FROM index_log ORDER BY seq").fetchall())
        ids = {r[0] for r in db.execute("SELECT id FROM photos")}
        assert {pid for pid, added in last_word.items() if added} == ids  # the log the index follows is true
    finally:
        db.close()
    with Library(lib_dir, device="cpu") as lib:  # loads the saved index (or rebuilds it) and catches up
        live_ids, live_vectors = lib.index.live()
        assert sorted(live_ids.tolist()) == sorted(ids) and len(live_vectors) == len(ids)
    return set(paths)


def check_finished(lib_dir: Path, photos: set[Path]) -> None:
    assert check_library(lib_dir) == {str(p) for p in photos}
    with Library(lib_dir, device="cpu") as lib:
        fingerprints = {r.fingerprint for r in lib.catalog.all_photos()}
        assert lib.status()["embeddings_computed"] == len(fingerprints) == len(photos)
        assert lib.status()["missing_vectors"] == 0


@pytest.mark.parametrize("point,hit", KILL_POINTS, ids=[f"{p}@{h}" for p, h in KILL_POINTS])
def test_index_killed_then_carried_on(point, hit, tmp_path, photoclip, cli):
    photos = set(toyworld.write_corpus(tmp_path / "photos", N_PHOTOS, seed=hit, max_side=320))
    lib_dir = tmp_path / "library"
    killed = photoclip(lib_dir, "index", tmp_path / "photos", *BATCH, failpoints=f"{point}=kill@{hit}")
    assert_killed_at(killed, point, hit)
    survived = check_library(lib_dir)
    assert survived < {str(p) for p in photos} or point == "index.save"
    again = cli("index", *BATCH, library=lib_dir)  # the next start
    assert again.code == 0, again.err
    assert f"{N_PHOTOS - len(survived)} photos indexed" in again.err
    check_finished(lib_dir, photos)


# Between every two steps of a batch's commit (photoclip.core.indexer.Indexer._commit): one
# transaction holds the skips, the photos and vectors, and every ingest step's results.
COMMIT_STEPS = ["commit.skips", "commit.photos", "commit.signatures", "commit.sidecar_keywords", "commit.text",
                "catalog.commit"]


@pytest.mark.parametrize("point", COMMIT_STEPS)
def test_index_killed_inside_a_batch_commit_loses_nothing(point, tmp_path, photoclip, cli):
    from photoclip.core import xmp
    from photoclip.core.phototext import TextSettings, TextStep

    text_step = TextStep(TextSettings(True, ["en"]))
    if not text_step.active:  # the recognition engine is an outside tool
        message = f"text in photos cannot run here: {text_step.problem}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)

    photos = sorted(toyworld.write_corpus(tmp_path / "photos", 24, seed=7, max_side=320))
    keywords = {str(p): f"kw{i}" for i, p in enumerate(photos) if i % 3 == 0}
    for path, keyword in keywords.items():
        xmp.merge_keywords(path, [keyword])
    (tmp_path / "photos" / "empty.jpg").write_bytes(b"")  # a skip, recorded with a batch
    lib_dir = tmp_path / "library"
    killed = photoclip(lib_dir, "index", tmp_path / "photos", *BATCH, failpoints=f"{point}=kill@2")
    assert_killed_at(killed, point, 2)
    survived = check_library(lib_dir)
    assert 0 < len(survived) < len(photos)  # the first batch landed, the second was in flight
    assert cli("index", *BATCH, library=lib_dir).code == 0  # the next run
    check_finished(lib_dir, set(photos))
    db = sqlite3.connect(lib_dir / CATALOG_FILE)
    try:
        unsigned = db.execute("SELECT count(*) FROM photos p LEFT JOIN look_alike_signatures s"
                              " ON s.fingerprint = p.fingerprint WHERE s.fingerprint IS NULL").fetchone()[0]
        assert unsigned == 0
        confirmed = set(db.execute("SELECT p.path, t.name FROM tag_decisions d JOIN tags t ON t.id = d.tag_id"
                                   " JOIN photos p ON p.fingerprint = d.fingerprint WHERE d.confirmed = 1"))
        assert confirmed == set(keywords.items())
        assert db.execute("SELECT path FROM skipped").fetchall() == [(str(tmp_path / "photos" / "empty.jpg"),)]
        unread = db.execute("SELECT count(*) FROM photos p LEFT JOIN photo_text t ON t.fingerprint = p.fingerprint"
                            " WHERE t.id IS NULL").fetchone()[0]
        assert unread == 0  # every photo's text reading (none found is a reading too)
    finally:
        db.close()


def test_index_killed_while_saving_over_a_saved_index(tmp_path, photoclip, cli):
    lib_dir = tmp_path / "library"
    first = set(toyworld.write_corpus(tmp_path / "photos" / "first", 16, seed=20, max_side=320))
    assert cli("index", tmp_path / "photos", library=lib_dir).code == 0  # a saved index generation
    saved = sorted(p.name for p in (lib_dir / "index").iterdir())
    later = set(toyworld.write_corpus(tmp_path / "photos" / "later", 16, seed=21, max_side=320))
    killed = photoclip(lib_dir, "index", *BATCH, failpoints="index.save=kill@1")
    assert_killed_at(killed, "index.save", 1)
    assert set(saved) <= {p.name for p in (lib_dir / "index").iterdir()}  # the old generation is whole
    check_library(lib_dir)
    assert cli("index", library=lib_dir).code == 0
    check_finished(lib_dir, first | later)
    assert len(list((lib_dir / "index").glob("*.hnsw"))) == 1  # the half-written generation was cleared away


def test_watch_killed_mid_batch_then_carried_on(tmp_path, tiny_model):
    photos = tmp_path / "photos"
    before = set(toyworld.write_corpus(photos, 4, seed=30, max_side=320))
    lib_dir = tmp_path / "library"
    env = {**os.environ, "PHOTOCLIP_FAILPOINTS": "catalog.commit=kill@2"}  # the 1st is the start-up rescan
    proc = subprocess.Popen([sys.executable, "-m", "photoclip", "--library", str(lib_dir), "--model", tiny_model,
                             "--device", "cpu", "watch", str(photos), "--batch-size", "4"],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if "Ready" in line:
                break
        staged = set(toyworld.write_corpus(tmp_path / "card", 8, seed=31, max_side=320))
        shutil.copytree(tmp_path / "card", photos / "card")
        proc.wait(timeout=120)
        assert proc.returncode == -signal.SIGKILL
        assert "failpoint catalog.commit: hit 2," in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert check_library(lib_dir) == {str(p) for p in before}  # the batch in flight is gone whole
    worker = LibraryWorker(lib_dir, device="cpu")  # the next start rescans and carries on
    worker.start()
    try:
        assert worker.wait_idle(120)
    finally:
        assert worker.stop(60)
    copied = {photos / "card" / p.relative_to(tmp_path / "card") for p in staged}
    check_finished(lib_dir, before | copied)
