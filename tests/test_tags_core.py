"""Auto-tags: definitions, review decisions, derivation from vectors, sidecar import, CLI."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

import toyworld
from photoclip.core import tags as T
from photoclip.core import xmp
from photoclip.core.indexer import Indexer
from photoclip.core.library import Library
from photoclip.core.tags import records, scoring


def index(library: Library, folder=None) -> None:
    if folder is not None:
        library.add_folder(folder)
    report = Indexer(library, workers=2).run()
    assert not report.cancelled


@pytest.fixture
def indexed(tmp_path, tiny_model):
    """A writer library holding 24 small toy photos; yields (library, {path: Photo})."""
    photos = toyworld.write_corpus(tmp_path / "photos", 24, seed=4242, max_side=320)
    lib = Library(tmp_path / "lib", model=tiny_model, device="cpu", writer=True)
    index(lib, tmp_path / "photos")
    yield lib, photos
    lib.close()


def photo_id(library, path) -> int:
    return library.catalog.photo_by_path(str(path.resolve())).id


# -- definitions ---------------------------------------------------------------------------------
def test_tag_definitions_are_validated_and_unique(indexed):
    library, _ = indexed
    store = T.TagStore(library)
    tag = store.add("Beach", ["a photo of a beach", "sand and sea"], ["a swimming pool"])
    assert (tag.name, tag.prompts, tag.negatives, tag.sensitivity, tag.auto) == \
        ("Beach", ("a photo of a beach", "sand and sea"), ("a swimming pool",), 0.5, True)
    assert store.add("a triangle").prompts == ("a triangle",), "the name is the prompt by default"
    with pytest.raises(T.TagError, match="already a tag named 'Beach'"):
        store.add("beach")
    for bad, message in (("", "needs a name"), ("Places|Paris", "cannot contain"), ("x" * 101, "at most")):
        with pytest.raises(T.TagError, match=message):
            store.add(bad, ["a prompt"])
    with pytest.raises(T.TagError, match="at least one prompt"):
        store.add("empty", ["  "])
    with pytest.raises(T.TagError, match="between 0 and 1"):
        store.add("odd", ["a circle"], sensitivity=1.5)
    renamed = store.update("beach", name="Seaside", sensitivity=0.7)
    assert (renamed.name, renamed.prompts, renamed.sensitivity) == ("Seaside", tag.prompts, 0.7)
    with pytest.raises(T.TagError, match="already a tag named 'a triangle'"):
        store.update("Seaside", name="A Triangle")
    with pytest.raises(T.TagError, match="no tag named 'Beach'"):
        store.get("Beach")
    assert [t.name for t in store.list()] == ["a triangle", "Seaside"]


def test_removing_a_tag_can_be_undone_with_its_decisions(indexed):
    library, photos = indexed
    store = T.TagStore(library)
    store.add("red", ["something red"])
    ids = [photo_id(library, p) for p in list(photos)[:3]]
    store.confirm("red", ids[:2])
    store.reject("red", ids[2:])
    removed = store.remove("red")
    assert store.list() == [] and library.catalog.db.execute("SELECT count(*) FROM tag_decisions").fetchone()[0] == 0
    restored = store.restore(removed)
    assert restored.prompts == ("something red",)
    assert sorted(store.decisions("red").values()) == [False, True, True]


# -- derivation and review ---------------------------------------------------------------------------
def test_scores_are_probabilities_and_sensitivity_previews_counts(indexed):
    library, photos = indexed
    store = T.TagStore(library)
    tag = store.add("a circle")
    scores = store.score_all([tag])[tag.id]
    assert len(scores.ids) == len(photos) and np.all((scores.probs >= 0) & (scores.probs <= 1))
    counts = [store.count_at(tag, s) for s in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert counts == sorted(counts), "a higher sensitivity never tags fewer photos"
    for s in (0.0, 0.5, 0.9, 1.0):
        assert store.count_at(tag, s) == len(store.assignments(tag, sensitivity=s))
    assert T.threshold(0.5) == 0.5 and T.threshold(0.9) < 0.5 < T.threshold(0.1)
    found = store.assignments(tag)
    assert all(a.state == "auto" and a.score >= 0.5 for a in found)
    assert [a.score for a in found] == sorted((a.score for a in found), reverse=True)


def test_tag_list_counts_are_kept_until_something_they_follow_from_changes(indexed, monkeypatch):
    from photoclip.core.tags import service

    library, photos = indexed
    T.TagStore(library).add("a circle", sensitivity=0.5)
    first = T.TagStore(library).summary()[0]
    real = service.score_vectors

    def forbidden(*args):
        raise AssertionError("should have been read back")

    monkeypatch.setattr(service, "score_vectors", forbidden)
    assert T.TagStore(library).summary()[0] == first  # a later run: nothing scored
    monkeypatch.setattr(service, "score_vectors", real)
    store = T.TagStore(library)
    store.update("a circle", sensitivity=1.0)  # the sensitivity changed: counted again
    assert store.summary()[0]["photos"] == store.count_at("a circle", 1.0) >= first["photos"]
    carried = [a.photo_id for a in store.assignments("a circle")]
    store.reject("a circle", carried[:1])  # a decision changed: counted again
    assert T.TagStore(library).summary()[0]["photos"] == len(carried) - 1


def test_tag_list_after_photos_come_and_go_scores_only_those_photos(indexed, tmp_path, monkeypatch):
    from photoclip.core.tags import service

    library, photos = indexed
    store = T.TagStore(library)
    for name in ("a circle", "something red"):
        store.add(name, sensitivity=0.6)
    store.confirm("something red", [photo_id(library, next(iter(photos)))])
    T.TagStore(library).summary()  # counted once, from scratch
    gone = sorted(photos)[-3:]
    for p in gone:
        p.unlink()
    toyworld.write_corpus(tmp_path / "photos" / "new", 5, seed=77, max_side=320)
    index(library)  # the library's folder again: 3 photos gone, 5 new
    assert library.catalog.photo_count() == len(photos) - len(gone) + 5
    scored = []
    real = service.score_vectors
    monkeypatch.setattr(service, "score_vectors", lambda vectors, models: scored.append(len(vectors))
                        or real(vectors, models))
    later = T.TagStore(library).summary()
    assert scored == [5], "only the photos that came (those that went are dropped unscored)"
    fresh = T.TagStore(library)
    assert [t["photos"] for t in later] == [fresh.count_at(n, 0.6) for n in ("a circle", "something red")]
    scored.clear()
    assert T.TagStore(library).summary() == later and scored == []  # nothing changed: nothing scored


def test_decisions_are_never_overwritten_by_automatic_ones(indexed):
    library, _ = indexed
    store = T.TagStore(library)
    tag = store.add("a square")
    ranked = store.score_all([tag])[tag.id]
    order = np.argsort(-ranked.probs)
    best, worst = int(ranked.ids[order[0]]), int(ranked.ids[order[-1]])
    store.reject(tag, [best])
    store.confirm(tag, [worst])
    for s in (0.0, 0.5, 1.0):  # whatever the setting
        found = {a.photo_id: a.state for a in store.assignments(tag, sensitivity=s)}
        assert found.get(worst) == "confirmed" and best not in found
    everything = {a.photo_id: a.state for a in store.assignments(tag, include_rejected=True)}
    assert everything[best] == "rejected"
    store.update(tag, prompts=["a photo of a square", "a square"])  # editing re-scores, decisions stay
    assert {a.photo_id: a.state for a in store.assignments(tag)}.get(worst) == "confirmed"
    carried = {a.photo_id for a in store.assignments(tag)}
    assert best not in carried and worst in carried


def test_undo_of_a_decision(indexed):
    library, photos = indexed
    store = T.TagStore(library)
    store.add("blue", ["something blue"])
    pid = photo_id(library, next(iter(photos)))
    fp = library.catalog.photo(pid).fingerprint
    previous = store.confirm("blue", [pid])
    assert previous == {fp: None} and store.decisions("blue") == {fp: True}
    assert store.reject("blue", [fp]) == {fp: True}
    store.restore_decisions("blue", {fp: True})
    assert store.decisions("blue") == {fp: True}
    store.restore_decisions("blue", previous)
    assert store.decisions("blue") == {}
    with pytest.raises(T.TagError, match="no photo with id 999999"):
        store.confirm("blue", [999999])


def test_decisions_follow_moves_and_copies(indexed, tmp_path):
    library, photos = indexed
    store = T.TagStore(library)
    store.add("green", ["something green"])
    path = next(iter(photos))
    store.reject("green", [photo_id(library, path)])
    moved = tmp_path / "photos" / "moved here" / "renamed.png"
    moved.parent.mkdir()
    shutil.copyfile(path, moved.with_name("copy" + path.suffix))
    path.rename(moved.with_suffix(path.suffix))
    index(library)
    for p in (moved.with_suffix(path.suffix), moved.with_name("copy" + path.suffix)):
        pid = photo_id(library, p)
        assert {a.photo_id: a.state for a in store.assignments("green", include_rejected=True)}[pid] == "rejected"


def test_new_photos_carry_tags_as_soon_as_they_are_indexed(indexed, tmp_path):
    library, _ = indexed
    reader = Library(library.root, model=library.model, device="cpu")  # e.g. the GUI, beside the indexer
    try:
        store = T.TagStore(reader)
        tag = store.add("on a white background")
        before = store.score_all([tag])[tag.id]
        new = toyworld.write_corpus(tmp_path / "photos" / "new", 4, seed=777, max_side=300)
        index(library)
        scored = store.score_all([tag])[tag.id]
        new_ids = [photo_id(library, p) for p in new]
        assert set(new_ids) <= set(scored.ids.tolist()) and not set(new_ids) & set(before.ids.tolist())
        model = store.scorer(tag)
        for pid in new_ids:  # scored exactly like the others, and counted
            vec = library.catalog.vector_for_fingerprint(library.catalog.photo(pid).fingerprint, library.model)
            row = scored.ids.tolist().index(pid)
            assert scored.probs[row] == pytest.approx(float(scoring._sigmoid(model.logits(vec[None]))[0]), abs=1e-5)
        assert store.count_at(tag, 0.5) == int(np.sum(scored.probs >= 0.5))
    finally:
        reader.close()


def test_the_probe_needs_confirmed_and_rejected_examples(indexed):
    library, photos = indexed
    store = T.TagStore(library)
    store.add("a circle")
    truth = {photo_id(library, p): ph.shape == "circle" for p, ph in photos.items()}
    yes = [pid for pid, c in truth.items() if c]
    no = [pid for pid, c in truth.items() if not c]
    store.confirm("a circle", yes[:T.MIN_EXAMPLES])
    store.reject("a circle", no[:T.MIN_EXAMPLES - 1])
    assert store.scorer("a circle").examples == 0
    store.reject("a circle", no[T.MIN_EXAMPLES - 1:T.MIN_EXAMPLES])
    model = store.scorer("a circle")
    assert model.examples == 2 * T.MIN_EXAMPLES and model.direction is not None


def test_review_suggestions_are_varied_and_skip_what_is_decided(indexed):
    library, photos = indexed
    store = T.TagStore(library)
    tag = store.add("anything", ["a shape"], sensitivity=1.0)
    carried = {a.photo_id for a in store.assignments(tag, sensitivity=1.0)}
    first = store.suggest(tag, 6)
    assert len(first) == len(set(first)) == min(6, len(carried)) and set(first) <= carried
    top = store.assignments(tag)[0].photo_id
    assert first[0] == top, "with nothing decided yet, the best-scored photo comes first"
    by_id = {photo_id(library, p): ph for p, ph in photos.items()}
    kinds = {(by_id[i].color, by_id[i].shape, by_id[i].bg) for i in first}
    assert len(kinds) >= 5, "suggestions cover different kinds of photos"
    store.confirm(tag, first[:2])
    again = store.suggest(tag, 6, exclude=first[2:4])
    assert not set(again) & set(first[:4]), "decided and skipped photos are not suggested again"
    assert store.suggest(tag, 0) == []


def test_fit_probe_learns_a_direction_the_prompt_misses():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((40, 16))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    truth = x[:, 0] > 0
    z0 = np.where(x[:, 1] > 0, 4.0, -4.0)  # a zero-shot logit that looks at the wrong thing
    alpha, bias, direction = T.fit_probe(z0, x, truth)
    learnt = alpha * z0 + x @ direction + bias
    assert np.mean((learnt > 0) == truth) == 1.0
    assert np.mean((z0 > 0) == truth) < 0.8
    # with examples that agree with the prompt, the probe stays close to the prompt
    alpha, bias, direction = T.fit_probe(z0, x, z0 > 0)
    assert alpha > 0.5 and np.mean(((alpha * z0 + x @ direction + bias) > 0) == (z0 > 0)) == 1.0


# -- duplicates and sidecars -------------------------------------------------------------------------
def test_carry_over_decisions_keeps_the_kept_photos_own(indexed):
    library, _ = indexed
    store = T.TagStore(library)
    for name in ("red", "blue", "green"):
        store.add(name, [f"something {name}"])
    cat = library.catalog
    records.set_decisions(cat, store.get("red").id, {"dupA": True, "kept": False})
    records.set_decisions(cat, store.get("blue").id, {"dupA": False})
    records.set_decisions(cat, store.get("blue").id, {"dupB": True})  # the later word about "blue"
    records.set_decisions(cat, store.get("green").id, {"dupB": False})
    assert records.carry_over_decisions(cat, ["dupA", "dupB", "kept"], "kept") == 2
    assert store.decisions("red")["kept"] is False, "the kept photo's own decision stays"
    assert store.decisions("blue")["kept"] is True
    assert store.decisions("green")["kept"] is False
    assert records.carry_over_decisions(cat, ["dupA", "dupB"], "kept") == 0
    assert records.carry_over_decisions(cat, [], "kept") == 0


def test_sidecar_keywords_become_confirmed_tags_on_import(indexed):
    library, photos = indexed
    store = T.TagStore(library)
    store.add("red", ["something red"])
    paths = list(photos)
    rows = [library.catalog.photo_by_path(str(p.resolve())) for p in paths[:4]]
    store.reject("red", [rows[2].id])
    xmp.merge_keywords(paths[0], ["red", "Oma"])
    xmp.write_tags(paths[1], {"red": True}, ["red"])  # an automatic decision exported earlier
    xmp.merge_keywords(paths[2], ["Red"])  # the user rejected it here: their word stands
    xmp.sidecar_path(paths[3]).write_text("<broken")
    added = records.import_keywords(library.catalog, {r.fingerprint: records.sidecar_keywords(r.path) for r in rows})
    assert added == 2
    assert store.decisions("red") == {rows[0].fingerprint: True, rows[2].fingerprint: False}
    oma = store.get("oma")
    assert (oma.name, oma.prompts, oma.auto) == ("Oma", ("Oma",), False)
    assert [(a.photo_id, a.state) for a in store.assignments(oma)] == [(rows[0].id, "confirmed")]
    assert xmp.sidecar_path(paths[3]).read_text() == "<broken", "an unreadable sidecar is left alone"


def test_export_writes_carried_tags_and_takes_back_rejected_ones(indexed):
    library, photos = indexed
    store = T.TagStore(library)
    tag = store.add("squares", ["a square"])
    by_id = {photo_id(library, p): p for p in photos}
    carriers = [by_id[a.photo_id] for a in store.assignments(tag)]
    assert len(carriers) >= 4
    report = store.export_xmp()
    assert (report.written, report.unchanged, report.failed) == (len(carriers), 0, [])
    for p in photos:
        assert xmp.read_sidecar(p).keywords == (["squares"] if p in carriers else [])
    assert xmp.read_keywords(carriers[0]) == [], "automatic decisions are marked as such"
    store.confirm(tag, [photo_id(library, carriers[0])])
    store.reject(tag, [photo_id(library, p) for p in carriers[1:3]])
    report = store.export_xmp(["squares"])
    assert report.written == 3 and report.unchanged == len(carriers) - 3
    assert xmp.read_keywords(carriers[0]) == ["squares"], "now a confirmation"
    assert xmp.read_sidecar(carriers[1]).keywords == []
    carriers[3].unlink()
    assert store.export_xmp().missing == 1


# -- the command line --------------------------------------------------------------------------------
def test_cli_tag_commands(cli, tmp_path):
    photos = toyworld.write_corpus(tmp_path / "photos", 12, seed=99, max_side=300)
    assert cli("index", tmp_path / "photos").code == 0
    r = cli("tag", "add", "red", "--prompt", "something red", "--negative", "something blue",
            "--sensitivity", "0.6")
    assert r.code == 0 and "Added tag 'red'" in r.err
    assert cli("tag", "add", "a triangle").code == 0
    r = cli("tag", "add", "RED", "--prompt", "x")
    assert r.code == 2 and "already a tag named 'red'" in r.err
    listed = {t["name"]: t for t in cli("tag", "list", "--json").json()}
    assert listed["red"]["prompts"] == ["something red"] and listed["red"]["negatives"] == ["something blue"]
    assert listed["red"]["sensitivity"] == 0.6
    shown = cli("tag", "show", "red", "--json").json()
    assert len(shown) == listed["red"]["photos"]
    assert all(set(o) == {"path", "score", "state"} and o["state"] == "auto" for o in shown)
    more = cli("tag", "show", "red", "--sensitivity", "1", "--json").json()
    assert len(more) >= len(shown)
    paths = sorted(str(p.resolve()) for p in photos)
    assert cli("tag", "confirm", "red", paths[0]).code == 0
    assert cli("tag", "reject", "red", paths[1], paths[2]).code == 0
    states = {o["path"]: o["state"] for o in cli("tag", "show", "red", "--sensitivity", "1", "--json").json()}
    assert states[paths[0]] == "confirmed" and paths[1] not in states and paths[2] not in states
    r = cli("tag", "confirm", "red", paths[3], tmp_path / "nope.jpg")
    assert r.code == 2 and "nope.jpg" in r.err
    assert cli("tag", "list", "--json").json()[1]["confirmed"] == 1, "a bad call changes nothing"
    suggested = cli("tag", "suggest", "red", "--count", "3", "--json").json()
    assert len(suggested) <= 3 and all(o["path"] not in paths[:3] for o in suggested)
    assert cli("tag", "clear", "red", paths[1]).code == 0
    assert cli("tag", "edit", "red", "--rename", "rot").code == 0
    r = cli("tag", "export-xmp")
    assert r.code == 0 and "sidecars written" in r.err
    assert "rot" in xmp.read_sidecar(paths[0]).keywords
    r = cli("tag", "show", "blau")
    assert r.code == 2 and "no tag named 'blau'" in r.err
    assert cli("tag", "remove", "rot").code == 0
    assert [t["name"] for t in cli("tag", "list", "--json").json()] == ["a triangle"]
    text = cli("tag", "list")
    assert text.code == 0 and text.out.startswith("a triangle:")
