"""The duplicate finder as a user meets it: groups, the photo to keep, resolving safely (trash or
move, tags and keywords carried over), dismissals that last, caching, cancel, and the CLI."""
from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageOps

import toyworld
from photoclip.core import duplicates as D
from photoclip.core import pixelmatch, xmp
from photoclip.core.indexer import Indexer
from photoclip.core.jobs import Cancelled, RunControl
from photoclip.core.library import Library
from photoclip.core.tags import TagStore


def trash_files() -> Path:
    """Where send2trash puts files on this (freedesktop) system; conftest points it into tmp."""
    return Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"


@pytest.fixture
def photos(tmp_path):
    """Three duplicate sets among distinct photos of the same class (red circles on white)."""
    rng = random.Random(8080)
    root = tmp_path / "photos"

    def draw(**kw):
        return toyworld.render(toyworld.random_photo(rng, width=rng.randint(240, 400), height=rng.randint(240, 400),
                                                     color="red", shape="circle", bg="white", **kw))

    a, b, c = draw(), draw(), draw()
    p = {
        "a": toyworld.write_image(a, root / "a.jpg", quality=92),
        "a copy": toyworld.write_image(a.resize((a.width // 2, a.height // 2)), root / "a copy.jpg", quality=75),
        "b": toyworld.write_image(b, root / "b.png"),
        "b turned": toyworld.write_image(ImageOps.mirror(b.transpose(Image.ROTATE_90)), root / "sub" / "b2.jpg",
                                         quality=90),
        "c": toyworld.write_image(c, root / "c.webp", quality=90),
    }
    p["c again"] = root / "фото" / "c.webp"
    p["c again"].parent.mkdir()
    shutil.copyfile(p["c"], p["c again"])
    for i in range(4):
        p[f"other {i}"] = toyworld.write_image(draw(), root / "others" / f"o{i}.jpg", quality=90)
    return {k: v.resolve() for k, v in p.items()}


@pytest.fixture
def library(tmp_path, tiny_model, photos):
    lib = Library(tmp_path / "lib", model=tiny_model, device="cpu", writer=True)
    lib.add_folder(tmp_path / "photos")
    assert not Indexer(lib, workers=2).run().cancelled
    yield lib
    lib.close()


def by_members(groups) -> dict[frozenset, D.Group]:
    return {frozenset(Path(it.path).name for it in g.items): g for g in groups}


EXPECTED = {frozenset({"a.jpg", "a copy.jpg"}), frozenset({"b.png", "b2.jpg"}), frozenset({"c.webp"})}


def test_groups_hold_the_copies_and_suggest_the_best(library, photos):
    groups = D.find_groups(library)
    found = {frozenset(it.path for it in g.items) for g in groups}
    assert found == {frozenset({str(photos["a"]), str(photos["a copy"])}),
                     frozenset({str(photos["b"]), str(photos["b turned"])}),
                     frozenset({str(photos["c"]), str(photos["c again"])})}
    keep = {Path(g.keep.path).name: g for g in groups}
    assert keep["a.jpg"].reason.startswith("largest resolution")
    assert keep["b.png"].reason.startswith("largest resolution") or "lossless" in keep["b.png"].reason
    identical = next(g for g in groups if g.keep.fingerprint == g.others[0].fingerprint)
    assert "first by name" in identical.reason and identical.keep.path == str(photos["c"])
    for g in groups:
        assert g.items[0] is g.keep
    assert D.groups_as_json(groups)["groups"][0].keys() == {"keep", "reason", "items"}


def test_resolving_moves_the_others_to_the_trash_and_carries_tags_and_keywords(library, photos):
    store = TagStore(library)
    store.add("Holiday", ["a red circle"])
    store.confirm("Holiday", [library.catalog.photo_by_path(str(photos["a copy"])).id])  # ids or fingerprints
    xmp.merge_keywords(photos["a copy"], ["Paris", "Family"])
    xmp.merge_keywords(photos["a"], ["Family"])
    group = next(g for g in D.find_groups(library) if g.keep.path == str(photos["a"]))

    result = D.resolve(library, group, action="trash")

    assert result.moved == [(str(photos["a copy"]), None)] and not result.failed
    assert not photos["a copy"].exists() and photos["a"].exists()
    trashed = {p.name for p in trash_files().iterdir()}
    assert {"a copy.jpg", "a copy.jpg.xmp"} <= trashed, "the file and its sidecar are in the trash, not gone"
    assert (trash_files() / "a copy.jpg").read_bytes()[:2] == b"\xff\xd8"
    kept_fp = library.catalog.photo_by_path(str(photos["a"])).fingerprint
    assert store.decisions("Holiday").get(kept_fp) is True, "the confirmation follows the kept photo"
    assert result.decisions_carried == 1
    assert set(xmp.read_keywords(photos["a"])) == {"Paris", "Family"} and result.keywords_carried == 1
    assert library.catalog.photo_by_path(str(photos["a copy"])) is None, "the trashed photo left the library"
    assert by_members(D.find_groups(library)).keys() == EXPECTED - {frozenset({"a.jpg", "a copy.jpg"})}


def test_resolving_can_be_undone_from_the_removed_log(library, photos):
    from photoclip.core.removed import RemovedLog

    before = photos["a copy"].read_bytes()
    group = next(g for g in D.find_groups(library) if g.keep.path == str(photos["a"]))
    result = D.resolve(library, group, action="trash")
    log = RemovedLog(library.root)
    batch = [r for r in log.entries() if r.batch == result.batch]
    assert [(r.original, r.batch) for r in batch] == [(str(photos["a copy"]), result.batch)]
    assert batch[0].restorable and batch[0].sidecars == []

    restored = log.restore([r.id for r in batch])

    assert restored.done == [(str(photos["a copy"]), str(photos["a copy"]))]
    assert photos["a copy"].read_bytes() == before and list(trash_files().iterdir()) == []
    assert not Indexer(library, workers=1).run().cancelled
    assert library.catalog.photo_by_path(str(photos["a copy"])) is not None, "indexed again"


def test_resolving_can_keep_another_photo_and_move_the_rest_to_a_folder(library, photos, tmp_path):
    group = next(g for g in D.find_groups(library) if str(photos["b"]) in [it.path for it in g.items])
    group.choose(str(photos["b turned"]))
    assert group.reason == "your choice"
    aside = tmp_path / "photos" / "set aside"
    (aside).mkdir()
    (aside / "b.png").write_bytes(b"someone else's file")  # a name taken: a free one is used
    b_content = library.catalog.photo_by_path(str(photos["b"])).fingerprint

    result = D.resolve(library, group, action=("move", aside))

    assert result.kept == str(photos["b turned"]) and photos["b turned"].exists()
    assert result.moved == [(str(photos["b"]), str(aside / "b (1).png"))]
    assert (aside / "b.png").read_bytes() == b"someone else's file"
    moved = library.catalog.photo_by_path(str(aside / "b (1).png"))
    assert moved is not None and moved.fingerprint == b_content, "moved within the library"
    assert library.catalog.photo_by_path(str(photos["b"])) is None
    with pytest.raises(ValueError):
        group.choose("/not/in/the/group.jpg")


def test_nothing_is_touched_when_files_changed_since_the_check(library, photos):
    groups = {Path(g.keep.path).name: g for g in D.find_groups(library)}
    toyworld.write_image(toyworld.render(toyworld.random_photo(random.Random(1))), photos["a copy"], quality=80)
    result = D.resolve(library, groups["a.jpg"])
    assert result.moved == [] and "changed" in result.failed[0][1] and photos["a copy"].exists()

    photos["b"].unlink()
    with pytest.raises(D.ResolveError, match="keep is missing"):
        D.resolve(library, groups["b.png"])
    assert photos["b turned"].exists()
    assert not trash_files().exists() or not any(trash_files().iterdir())


def test_dismissed_groups_stay_dismissed_until_forgotten(library, photos, tmp_path, tiny_model):
    group = next(g for g in D.find_groups(library) if g.keep.path == str(photos["a"]))
    assert D.dismiss(library, group) == 1
    with Library(tmp_path / "lib", model=tiny_model, device="cpu") as reader:  # another process, later
        assert frozenset({"a.jpg", "a copy.jpg"}) not in by_members(D.find_groups(reader))
        assert D.forget_dismissals(reader) == 1
        assert frozenset({"a.jpg", "a copy.jpg"}) in by_members(D.find_groups(reader))


def test_similar_shots_are_their_own_mode(library, photos, tmp_path):
    rng = random.Random(3)
    photo = toyworld.random_photo(rng, width=480, height=360, color="blue", shape="square", bg="gray")
    photo.box = (40, 80, 200, 240)
    first = toyworld.render(photo)
    photo.box = (120, 70, 280, 230)  # the subject moved a sixth of the frame: another shot
    second = toyworld.render(photo)
    toyworld.write_image(first, tmp_path / "photos" / "burst" / "1.jpg", quality=90)
    toyworld.write_image(second, tmp_path / "photos" / "burst" / "2.jpg", quality=90)
    Indexer(library, workers=2).run()
    similar = by_members(D.find_groups(library, "similar"))
    assert frozenset({"1.jpg", "2.jpg"}) in similar
    assert not any(frozenset({"a.jpg", "a copy.jpg"}) <= k for k in similar), "duplicates are not similar shots"
    assert frozenset({"1.jpg", "2.jpg"}) not in by_members(D.find_groups(library, "duplicates"))
    with pytest.raises(ValueError, match="unknown mode"):
        D.find_groups(library, "alike")


def test_a_second_run_reads_no_file_and_compares_no_pair(library, photos, monkeypatch):
    first = by_members(D.find_groups(library))
    counts = [library.catalog.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("pixel_prints", "duplicate_verdicts")]
    assert all(counts)

    def forbidden(*args, **kw):
        raise AssertionError("should have come from the catalog")

    monkeypatch.setattr(pixelmatch, "read_print", forbidden)
    monkeypatch.setattr(pixelmatch, "compare_many", forbidden)
    monkeypatch.setattr(D, "_candidates", forbidden)  # the pairs to check are kept too
    monkeypatch.setattr(D, "_lookalikes", forbidden)
    assert by_members(D.find_groups(library)).keys() == first.keys()


def test_kept_pairs_are_found_again_when_photos_change(library, photos):
    D.find_groups(library)
    shutil.copyfile(photos["other 0"], photos["other 0"].with_name("o0 again.jpg"))
    Indexer(library, workers=2).run()
    assert frozenset({"o0.jpg", "o0 again.jpg"}) in by_members(D.find_groups(library))


def test_a_run_after_a_change_looks_only_at_the_photos_that_changed(library, photos, monkeypatch):
    first = by_members(D.find_groups(library))
    with Image.open(photos["other 0"]) as im:  # a turned copy: a pair the look-alikes bring
        im.transpose(Image.Transpose.ROTATE_90).save(photos["other 0"].with_name("o0 turned.jpg"), quality=90)
    photos["a"].unlink()  # and a photo gone
    Indexer(library, workers=2).run()
    queried = []
    nearest = D._nearest

    def forbidden(*args, **kw):
        raise AssertionError("every candidate pair was looked for again")

    def spy(vectors, queries, k, exact=False):
        queried.append(len(queries))
        return nearest(vectors, queries, k, exact)

    monkeypatch.setattr(D, "_candidates", forbidden)
    monkeypatch.setattr(D, "_nearest", spy)
    later = by_members(D.find_groups(library))
    assert queried == [2], "the new photo's look-alikes, each way up, and nothing else"
    assert frozenset({"o0.jpg", "o0 turned.jpg"}) in later
    assert not any("a.jpg" in k for k in later) and any("a.jpg" in k for k in first)
    monkeypatch.undo()
    assert by_members(D.find_groups(library)) == later  # nothing changed since: the same pairs


def test_a_run_after_a_change_judges_and_ranks_only_the_groups_the_change_touched(library, photos, monkeypatch):
    """The pixel check's verdicts and the facts that rank the copies are read from the catalog
    only for what changed: the new photo's pairs, and the groups it or a photo gone was in."""
    assert by_members(D.find_groups(library)).keys() == EXPECTED
    with Image.open(photos["b turned"]) as im:  # a new copy (other bytes) joins b's group
        im.save(photos["b"].with_name("b again.jpg"), quality=80)
    photos["a copy"].unlink()  # and a's group loses its copy
    Indexer(library, workers=2).run()
    catalog = library.catalog
    new_fp = catalog.photo_by_path(str(photos["b"].with_name("b again.jpg"))).fingerprint
    group_fps = {catalog.photo_by_path(str(photos[k])).fingerprint for k in ("b", "b turned", "a")}
    asked = {"verdicts": [], "pixels": [], "facts": []}
    verdicts, prints = catalog.duplicate_verdicts, catalog.pixel_prints

    def verdicts_spy(mode, version, pairs=None):
        asked["verdicts"] += ["every pair"] if pairs is None else list(pairs)
        return verdicts(mode, version, pairs) if pairs is not None else verdicts(mode, version)

    def prints_spy(version, fingerprints, thumbs=True):  # with the pixels to compare, or the facts to rank
        asked["pixels" if thumbs else "facts"] += list(fingerprints)
        return prints(version, fingerprints, thumbs)

    monkeypatch.setattr(catalog, "duplicate_verdicts", verdicts_spy)
    monkeypatch.setattr(catalog, "pixel_prints", prints_spy)
    later = by_members(D.find_groups(library))
    assert later.keys() == {frozenset({"b.png", "b2.jpg", "b again.jpg"}), frozenset({"c.webp"})}
    assert asked["verdicts"] and all(new_fp in pair for pair in asked["verdicts"]), "only the new photo's pairs"
    assert set(asked["pixels"]) <= {fp for pair in asked["verdicts"] for fp in pair}
    assert set(asked["facts"]) <= group_fps | {new_fp}, "c's group is taken as it was kept"
    assert later[frozenset({"c.webp"})].keep.path == str(photos["c"])

    group = later[frozenset({"b.png", "b2.jpg", "b again.jpg"})]
    result = D.resolve(library, group, action="trash")  # then undone from Recently removed
    assert by_members(D.find_groups(library)).keys() == {frozenset({"c.webp"})}
    from photoclip.core.removed import RemovedLog

    log = RemovedLog(library.root)
    log.restore([r.id for r in log.entries() if r.batch == result.batch])
    Indexer(library, workers=2).run()

    def forbidden(*args, **kw):
        raise AssertionError("the photos back were compared before: their verdicts are kept by content")

    monkeypatch.setattr(pixelmatch, "compare_many", forbidden)
    assert by_members(D.find_groups(library)).keys() == later.keys()


def test_copies_stay_a_group_when_the_photo_that_linked_them_goes(library, photos, monkeypatch):
    monkeypatch.setitem(D.RULES, "duplicates", D.Rule(neighbours=12, bound=1.01))  # identical files only
    third = photos["c"].with_name("c third.webp")
    shutil.copyfile(photos["c"], third)
    Indexer(library, workers=2).run()
    copies = [photos["c"], photos["c again"], third]
    assert any({str(p) for p in copies} == {it.path for it in g.items} for g in D.find_groups(library))
    # identical files are paired with the first of them: that one goes, the other two are paired anew
    first = min(copies, key=lambda p: library.catalog.photo_by_path(str(p)).id)
    first.unlink()
    Indexer(library, workers=2).run()
    rest = {str(p) for p in copies if p != first}
    assert any(rest == {it.path for it in g.items} for g in D.find_groups(library))


def test_damaged_kept_files_are_made_again(library, photos):
    first = by_members(D.find_groups(library)).keys()
    folder = library.root / "index"
    kept = [p for p in folder.iterdir() if p.name.startswith(("pairs-", "groups-", "lookalikes"))]
    assert len(kept) == 4, "the candidate and linked pairs, the groups, the look-alike table and its signatures"
    for path in kept:
        path.write_bytes(b"\x00 not what was kept")
    assert by_members(D.find_groups(library)).keys() == first
    (folder / "groups-duplicates.json").write_text(json.dumps(  # readable, but not groups
        {"key": ["duplicates", pixelmatch.VERSION], "groups": [[[1, 2], [], 5, "why", [[1], [2]]]]}))
    assert by_members(D.find_groups(library)).keys() == first


def test_look_alikes_find_the_copies_the_model_misses(library, photos, monkeypatch):
    """The indexer stores each photo's look-alike signature; with the model's neighbours made
    useless (bound 1.01: no pair qualifies), those signatures still bring every copy forward."""
    stored = library.catalog.db.execute("SELECT count(*) FROM look_alike_signatures").fetchone()[0]
    assert stored == len({p.read_bytes() for p in photos.values()})  # one per content, made while indexing
    blind = D.Rule(neighbours=12, bound=1.01, lookalikes=8)
    monkeypatch.setitem(D.RULES, "duplicates", blind)
    assert by_members(D.find_groups(library)).keys() == EXPECTED
    monkeypatch.setitem(D.RULES, "duplicates", D.Rule(neighbours=12, bound=1.01))
    assert by_members(D.find_groups(library)).keys() == {frozenset({"c.webp"})}  # identical bytes only


def test_cancel_stops_the_run_and_keeps_what_was_done(library, photos):
    control = RunControl()
    seen = []

    def progress(p):
        seen.append(p.state)
        if p.state == "comparing":
            control.cancel()

    with pytest.raises(Cancelled):
        D.find_groups(library, progress=progress, control=control)
    assert "reading" in seen
    assert library.catalog.db.execute("SELECT count(*) FROM pixel_prints").fetchone()[0] > 0
    assert by_members(D.find_groups(library)).keys() == EXPECTED


# -- the command line ------------------------------------------------------------------------------
@pytest.fixture
def indexed_cli(cli, photos, tmp_path):
    assert cli("index", tmp_path / "photos").code == 0
    return cli


def test_cli_lists_groups_as_json_and_text(indexed_cli, photos):
    out = indexed_cli("duplicates", "--json")
    assert out.code == 0
    groups = out.json()["groups"]
    assert {frozenset(Path(p).name for p in g["items"]) for g in groups} == EXPECTED
    for g in groups:
        assert g["keep"] in g["items"] and g["reason"]
    text = indexed_cli("duplicates")
    assert "3 groups of duplicates" in text.out and "why:" in text.out
    assert indexed_cli("duplicates", "--mode", "similar", "--json").code == 0


def test_cli_resolve_asks_first_then_trashes(indexed_cli, photos):
    out = indexed_cli("duplicates", "resolve", "--trash")
    assert out.code == 1 and "--yes" in out.err
    assert photos["a copy"].exists() and photos["b turned"].exists()

    out = indexed_cli("duplicates", "resolve", "--trash", "--yes", "--keep", photos["b turned"],
                      "--only", photos["a"], "--only", photos["b"], "--json")
    assert out.code == 0, out.err
    moved = {m["from"] for r in out.json()["resolved"] for m in r["moved"]}
    assert moved == {str(photos["a copy"]), str(photos["b"])}
    assert {p.name for p in trash_files().iterdir()} == {"a copy.jpg", "b.png"}
    assert photos["c again"].exists(), "--only left the other group alone"
    left = indexed_cli("duplicates", "--json").json()["groups"]
    assert [sorted(Path(p).name for p in g["items"]) for g in left] == [["c.webp", "c.webp"]]


def test_cli_dismiss_and_undismiss(indexed_cli, photos):
    assert indexed_cli("duplicates", "dismiss", photos["a copy"]).code == 0
    names = {frozenset(Path(p).name for p in g["items"]) for g in indexed_cli("duplicates", "--json").json()["groups"]}
    assert names == EXPECTED - {frozenset({"a.jpg", "a copy.jpg"})}
    assert indexed_cli("duplicates", "dismiss", photos["other 0"]).code == 2
    assert indexed_cli("duplicates", "undismiss").code == 0
    assert len(indexed_cli("duplicates", "--json").json()["groups"]) == 3


def test_cli_move_to_a_folder(indexed_cli, photos, tmp_path):
    out = indexed_cli("duplicates", "resolve", "--move-to", tmp_path / "aside", "--yes")
    assert out.code == 0, out.err
    assert sorted(p.name for p in (tmp_path / "aside").iterdir()) == ["a copy.jpg", "b2.jpg", "c.webp"]
    assert photos["a"].exists() and photos["b"].exists() and photos["c"].exists()


def test_reading_a_group_s_prints_can_be_cancelled(library, photos, monkeypatch):
    """Identical files are grouped without a comparison: their prints are read while the groups
    are made, and a cancel then stops that reading too."""
    monkeypatch.setitem(D.RULES, "duplicates", D.Rule(neighbours=12, bound=1.01))  # identical bytes only
    control = RunControl()
    seen = []

    def progress(p):
        seen.append(p.state)
        if p.state == "reading":
            control.cancel()

    with pytest.raises(Cancelled):
        D.find_groups(library, progress=progress, control=control)
    assert seen and seen[-1] == "reading"
