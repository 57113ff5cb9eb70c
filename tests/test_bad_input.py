"""Bad input never costs more than itself: odd names, special files, hostile sidecars and tag names.

Each case is skipped or refused with a recorded reason and a one-line message; never a traceback,
a hang or a damaged sidecar. (Damage to the library itself: test_damage.py.)
"""
from __future__ import annotations

import os
import random
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import toyworld
from photoclip.core import xmp
from photoclip.core.imaging import SkipFile, read_file

DARKTABLE_SIDECAR = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
    '  <rdf:Description rdf:about="" xmlns:darktable="http://darktable.sf.net/"\n'
    '    xmlns:dc="http://purl.org/dc/elements/1.1/" darktable:xmp_version="5">\n'
    '   <darktable:history><rdf:Seq><rdf:li darktable:operation="exposure" darktable:enabled="1"/></rdf:Seq>'
    '</darktable:history>\n'
    '   <dc:subject><rdf:Bag><rdf:li>{keyword}</rdf:li></rdf:Bag></dc:subject>\n'
    '  </rdf:Description>\n'
    ' </rdf:RDF>\n'
    '</x:xmpmeta>\n')


def photo_at(path: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    return toyworld.write_image(toyworld.render(toyworld.random_photo(rng, 160, 120)), path, rng)


def finishes(fn, *args, timeout: float = 300.0):
    """fn(*args) on a thread; fails the test (instead of hanging it forever) if it does not return
    in a time far beyond what it takes on the busiest machine."""
    result: dict = {}

    def run():
        try:
            result["value"] = fn(*args)
        except BaseException as e:  # handed back to the test
            result["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"{getattr(fn, '__name__', fn)} hung"
    if "error" in result:
        raise result["error"]
    return result["value"]


def skipped_reasons(cli) -> dict[str, str]:
    return {s["path"]: s["reason"] for s in cli("status", "--json").json()["skipped"]}


# -- 2. control characters in tag names -----------------------------------------------------------
def test_a_control_character_in_a_tag_name_never_reaches_a_sidecar(tmp_path):
    photo = photo_at(tmp_path / "IMG_1.jpg")
    side = xmp.sidecar_path(photo)
    side.write_text(DARKTABLE_SIDECAR.format(keyword="Urlaub"), encoding="utf-8")
    assert xmp.write_tags(photo, {"bad\x01name\x1b[31m": False, "sea": False}, ["bad\x01name\x1b[31m", "sea"])
    root = ET.parse(side).getroot()  # still well-formed
    history = root.find(".//{http://darktable.sf.net/}history")
    assert history is not None and len(history.find("*")) == 1  # the other app's data is still reachable
    assert xmp.read_keywords(photo) == ["Urlaub", "badname[31m", "sea"]


def test_a_tag_name_with_control_characters_is_refused(cli, tmp_path):
    r = cli("tag", "add", "bad\x01name")
    assert r.code != 0 and "control character" in r.err and "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1


# -- 3. a FIFO or other special file where a photo was --------------------------------------------
def test_reading_a_fifo_never_hangs(tmp_path):
    fifo = tmp_path / "photo.jpg"
    os.mkfifo(fifo)
    with pytest.raises(SkipFile, match="named pipe"):
        finishes(read_file, fifo)


def test_a_photo_replaced_by_a_fifo_between_scan_and_read_is_skipped(library, tmp_path):
    from photoclip.core.indexer import Indexer

    folder = tmp_path / "photos"
    photos = [photo_at(folder / f"IMG_{i}.jpg", seed=i) for i in range(3)]
    library.add_folder(folder)
    indexer = Indexer(library, batch_size=2)
    changes = indexer.scan()
    photos[1].unlink()
    os.mkfifo(photos[1])
    no_suffix = folder / "IMG_x"  # an odd name is sniffed for an image header first
    photo_at(no_suffix.with_suffix(".png"), seed=9).rename(no_suffix)
    changes = indexer.scan()  # the FIFO is listed now, as a file whose read must not block
    no_suffix.unlink()
    os.mkfifo(no_suffix)
    report = finishes(indexer.run, None, changes)
    assert report.added == 2 and report.skipped == 2
    reasons = dict(library.catalog.skipped())
    assert "named pipe" in reasons[str(photos[1])] and "named pipe" in reasons[str(no_suffix)]


# -- 4. names so long that NAME.xmp is longer than a file name may be -----------------------------
def test_a_name_too_long_for_its_sidecar_is_indexed_and_the_batch_keeps_its_keywords(cli, tmp_path):
    folder = tmp_path / "photos"
    long_name = folder / ("ä" * 124 + "xyz.jpg")  # 248 + 3 + 4 = 255 bytes: the longest name allowed
    assert len(os.fsencode(long_name.name)) == 255
    photo_at(long_name)
    tagged = photo_at(folder / "tagged.jpg", seed=2)
    xmp.sidecar_path(tagged).write_text(DARKTABLE_SIDECAR.format(keyword="Urlaub"), encoding="utf-8")
    r = cli("index", folder)
    assert r.code == 0 and "Traceback" not in r.err, r.err
    assert cli("status", "--json").json()["photos"] == 2
    urlaub = {t["name"]: t for t in cli("tag", "list", "--json").json()}["Urlaub"]
    assert urlaub["confirmed"] == 1
    assert cli("tag", "confirm", "Urlaub", long_name).code == 0
    r = cli("tag", "export-xmp")
    assert r.code == 1 and "too long" in r.err and "Traceback" not in r.err, r.err
    assert xmp.read_keywords(tagged) == ["Urlaub"]  # the other photo's sidecar was still written


# -- 5. a sidecar in an encoding no one knows ------------------------------------------------------
def test_a_sidecar_in_an_unknown_encoding_is_reported_and_left_alone(cli, tmp_path):
    folder = tmp_path / "photos"
    photo = photo_at(folder / "IMG_1.jpg")
    side = xmp.sidecar_path(photo)
    data = DARKTABLE_SIDECAR.format(keyword="Urlaub").replace('encoding="UTF-8"', 'encoding="x-no-such"').encode()
    side.write_bytes(data)
    with pytest.raises(xmp.XmpError, match="unchanged"):
        xmp.read_keywords(photo)
    r = cli("index", folder)
    assert r.code == 0 and "Traceback" not in r.err, r.err
    assert cli("status", "--json").json()["photos"] == 1
    assert cli("tag", "add", "sea").code == 0
    assert cli("tag", "confirm", "sea", photo).code == 0
    r = cli("tag", "export-xmp")
    assert "Traceback" not in r.err and str(side) in r.err
    assert side.read_bytes() == data


# -- 6. another app's keyword that PhotoClip also wrote ----------------------------------------
def test_tag_clear_then_export_keeps_another_apps_keyword(cli, tmp_path):
    folder = tmp_path / "photos"
    photo = photo_at(folder / "IMG_1.jpg")
    side = xmp.sidecar_path(photo)
    side.write_text(DARKTABLE_SIDECAR.format(keyword="Paris"), encoding="utf-8")
    assert cli("index", folder).code == 0  # the keyword becomes a confirmed tag
    assert cli("tag", "export-xmp").code == 0  # PhotoClip writes PhotoClip|Paris beside it
    assert "PhotoClip|Paris" in side.read_text(encoding="utf-8")
    assert cli("tag", "clear", "Paris", photo).code == 0
    assert cli("tag", "export-xmp").code == 0
    assert "PhotoClip|Paris" not in side.read_text(encoding="utf-8")
    assert xmp.read_keywords(photo) == ["Paris"]  # the other app's keyword is still there


def test_a_keyword_photoclip_added_is_taken_back_out(tmp_path):
    photo = photo_at(tmp_path / "IMG_1.jpg")
    side = xmp.sidecar_path(photo)
    side.write_text(DARKTABLE_SIDECAR.format(keyword="Paris"), encoding="utf-8")
    assert xmp.write_tags(photo, {"Paris": False, "sea": False}, ["Paris", "sea"])
    assert xmp.read_keywords(photo) == ["Paris", "sea"]
    assert xmp.write_tags(photo, {}, ["Paris", "sea"])
    assert xmp.read_keywords(photo) == ["Paris"]


# -- 11. special files and links in a photo folder ---------------------------------------------
def test_fifos_broken_links_link_loops_and_devices_are_listed_with_a_reason(cli, tmp_path):
    folder = tmp_path / "photos"
    photo_at(folder / "IMG_1.jpg")
    os.mkfifo(folder / "pipe.jpg")
    os.symlink(folder / "gone.jpg", folder / "broken link.jpg")
    os.symlink(folder / "loop b.jpg", folder / "loop a.jpg")
    os.symlink(folder / "loop a.jpg", folder / "loop b.jpg")
    os.symlink("/dev/null", folder / "device.jpg")
    r = finishes(cli, "index", folder)
    assert r.code == 0 and "Traceback" not in r.err, r.err
    reasons = skipped_reasons(cli)
    assert "named pipe" in reasons[str(folder / "pipe.jpg")]
    assert "broken link" in reasons[str(folder / "broken link.jpg")]
    assert "link loop" in reasons[str(folder / "loop a.jpg")] and "link loop" in reasons[str(folder / "loop b.jpg")]
    assert "device" in reasons[str(folder / "device.jpg")]
    assert cli("status", "--json").json()["photos"] == 1
    again = cli("index")  # the same special files are not looked at again
    assert again.code == 0 and "0 photos indexed" in again.err and "0 skipped" in again.err, again.err


def test_special_files_appearing_in_a_watched_folder_are_listed_with_a_reason(tmp_path, tiny_model):
    from photoclip.core.library import Library
    from photoclip.core.worker import LibraryWorker

    folder = tmp_path / "photos"
    photo_at(folder / "IMG_1.jpg")
    lib_dir = tmp_path / "library"
    with Library(lib_dir, model=tiny_model, device="cpu", writer=True) as lib:
        lib.add_folder(folder)
    worker = LibraryWorker(lib_dir, device="cpu", quiet=0.2)
    worker.start()
    try:
        assert worker.wait_idle(300)  # bounds a stuck worker; a busy machine may take a while
        os.mkfifo(folder / "pipe.jpg")
        os.symlink(folder / "gone.jpg", folder / "broken link.jpg")
        with Library(lib_dir, device="cpu") as reader:
            deadline = time.monotonic() + 300
            while len(reader.catalog.skipped()) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            reasons = dict(reader.catalog.skipped())
    finally:
        assert worker.stop(300)
    assert "named pipe" in reasons[str(folder / "pipe.jpg")]
    assert "broken link" in reasons[str(folder / "broken link.jpg")]
