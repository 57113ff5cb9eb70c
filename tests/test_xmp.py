"""XMP sidecars, checked with a real XMP parser: exiftool (Debian: libimage-exiftool-perl)."""
from __future__ import annotations

import hashlib
import json
import subprocess

import pytest
from outside_tools import outside_tool
from PIL import Image

from photoclip.core import xmp


def exiftool(*args) -> dict:
    out = subprocess.run([outside_tool("exiftool"), "-j", "-struct", *map(str, args)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)[0]


def as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "Ferien 2024" / "IMG_0001.jpg"
    path.parent.mkdir()
    Image.new("RGB", (64, 48), (220, 40, 40)).save(path, quality=90)
    return path


def digest(path) -> str:
    return hashlib.blake2b(path.read_bytes()).hexdigest()


def test_sidecar_naming_is_what_digikam_and_darktable_read(photo):
    assert xmp.sidecar_path(photo) == photo.with_name("IMG_0001.jpg.xmp")


def test_new_sidecar_is_read_by_exiftool_with_the_keywords_intact(photo):
    before = digest(photo)
    assert xmp.write_tags(photo, {"a triangle": True, "Weiße Katze": False}, ["a triangle", "Weiße Katze"])
    meta = exiftool(xmp.sidecar_path(photo))
    assert as_list(meta["Subject"]) == ["a triangle", "Weiße Katze"]
    assert as_list(meta["HierarchicalSubject"]) == ["PhotoClip|a triangle", "PhotoClip|Weiße Katze"]
    assert digest(photo) == before, "the image file itself must never change"
    # automatic decisions are marked, so that reading the sidecar back does not confirm them
    assert xmp.read_keywords(photo) == ["Weiße Katze"]
    assert xmp.read_sidecar(photo).keywords == ["a triangle", "Weiße Katze"]


def test_existing_sidecar_keeps_its_other_fields(photo):
    side = xmp.sidecar_path(photo)
    subprocess.run([outside_tool("exiftool"), "-q", "-o", str(side), "-XMP-xmp:Rating=4", "-XMP-dc:Title=Am Strand",
                    "-XMP-dc:Subject=family", "-XMP-lr:HierarchicalSubject=People|family",
                    "-XMP-xmp:Label=Red", str(photo)], check=True)
    before = exiftool(side)
    assert xmp.write_tags(photo, {"beach": True}, ["beach"])
    after = exiftool(side)
    assert after["Rating"] == 4 and after["Title"] == "Am Strand" and after["Label"] == "Red"
    assert as_list(after["Subject"]) == ["family", "beach"]
    assert as_list(after["HierarchicalSubject"]) == ["People|family", "PhotoClip|beach"]
    for key, value in before.items():  # nothing else changed
        if key not in ("Subject", "HierarchicalSubject", "FileModifyDate", "FileAccessDate",
                       "FileInodeChangeDate", "FileSize"):
            assert after.get(key) == value, key


def test_unknown_namespaces_and_comments_survive_a_merge(photo):
    side = xmp.sidecar_path(photo)
    side.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="" xmlns:darktable="http://darktable.sf.net/"\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/" darktable:xmp_version="5" darktable:auto_presets_applied="1">\n'
        '   <!-- edited in darktable -->\n'
        '   <darktable:history><rdf:Seq><rdf:li darktable:operation="exposure" darktable:enabled="1"/></rdf:Seq>'
        '</darktable:history>\n'
        '   <dc:subject><rdf:Bag><rdf:li>Urlaub</rdf:li></rdf:Bag></dc:subject>\n'
        '  </rdf:Description>\n'
        ' </rdf:RDF>\n'
        '</x:xmpmeta>\n', encoding="utf-8")
    assert xmp.write_tags(photo, {"sea": False}, ["sea"])
    text = side.read_text(encoding="utf-8")
    assert "xmlns:darktable=" in text and "<!-- edited in darktable -->" in text
    meta = exiftool(side)
    assert str(meta["Xmp_version"]) == "5"
    assert meta["History"][0]["Operation"] == "exposure"
    assert as_list(meta["Subject"]) == ["Urlaub", "sea"]


def test_export_takes_back_only_what_photoclip_wrote(photo):
    side = xmp.sidecar_path(photo)
    subprocess.run([outside_tool("exiftool"), "-q", "-o", str(side), "-XMP-dc:Subject=red", "-XMP-dc:Subject=Paris",
                    "-XMP-lr:HierarchicalSubject=Places|Paris", str(photo)], check=True)
    xmp.write_tags(photo, {"red": True, "sea": True, "Paris": True}, ["red", "sea", "Paris"])
    assert as_list(exiftool(side)["Subject"]) == ["red", "Paris", "sea"]
    # Later none of them applies any more: PhotoClip's own entries go; "red" and "Paris" stay:
    # another app wrote them (and the user's Places|Paris still uses "Paris").
    assert xmp.write_tags(photo, {}, ["red", "sea", "Paris"])
    meta = exiftool(side)
    assert as_list(meta["Subject"]) == ["red", "Paris"]
    assert as_list(meta["HierarchicalSubject"]) == ["Places|Paris"]
    assert "AutoKeywords" not in meta
    assert not xmp.write_tags(photo, {}, ["red", "sea", "Paris"]), "nothing left to change"


def test_no_sidecar_is_created_for_a_photo_without_tags(photo):
    assert not xmp.write_tags(photo, {}, ["beach"])
    assert not xmp.sidecar_path(photo).exists()


def test_merge_and_read_keywords_for_the_duplicate_finder(photo, tmp_path):
    assert xmp.read_keywords(photo) == []
    assert xmp.merge_keywords(photo, ["Oma", "Geburtstag"])
    assert not xmp.merge_keywords(photo, ["oma"]), "keywords are compared without regard to case"
    assert xmp.merge_keywords(photo, ["Kuchen"])
    assert as_list(exiftool(xmp.sidecar_path(photo))["Subject"]) == ["Oma", "Geburtstag", "Kuchen"]
    assert xmp.read_keywords(photo) == ["Oma", "Geburtstag", "Kuchen"]


def test_lightroom_style_sidecar_is_read(photo):
    subprocess.run([outside_tool("exiftool"), "-q", "-o", str(photo.with_suffix(".xmp")), "-XMP-dc:Subject=Hund", str(photo)],
                   check=True)
    assert xmp.read_keywords(photo) == ["Hund"]
    assert xmp.merge_keywords(photo, ["Katze"])  # written to IMG_0001.jpg.xmp, the other left alone
    assert as_list(exiftool(xmp.sidecar_path(photo))["Subject"]) == ["Katze"]
    assert as_list(exiftool(photo.with_suffix(".xmp"))["Subject"]) == ["Hund"]
    assert xmp.read_keywords(photo) == ["Katze", "Hund"]


def test_a_broken_sidecar_is_reported_and_left_alone(photo):
    side = xmp.sidecar_path(photo)
    side.write_bytes(b"<x:xmpmeta><rdf:RDF>not closed")
    with pytest.raises(xmp.XmpError, match="left unchanged"):
        xmp.write_tags(photo, {"beach": False}, ["beach"])
    with pytest.raises(xmp.XmpError):
        xmp.read_keywords(photo)
    assert side.read_bytes() == b"<x:xmpmeta><rdf:RDF>not closed"
    assert sorted(p.name for p in side.parent.iterdir()) == sorted([photo.name, side.name])


def test_an_empty_sidecar_file_is_filled(photo):
    xmp.sidecar_path(photo).write_bytes(b"")
    assert xmp.merge_keywords(photo, ["Berg"])
    assert as_list(exiftool(xmp.sidecar_path(photo))["Subject"]) == ["Berg"]
