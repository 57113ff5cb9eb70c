"""Text in photos: signs rendered into toy photos are read at indexing and found by their words.

The engine needs the PP-OCR models (the rapidocr-onnxruntime package), Tesseract's Russian data
(Debian: tesseract-ocr-rus) and, to draw the signs, Debian's fonts-dejavu-core and
fonts-noto-cjk; without them these tests skip with the reason, except under CI=true, where
they fail (.ci/run installs them).
"""
from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

import toyworld
from photoclip.core import phototext
from photoclip.core.indexer import Indexer
from photoclip.core.search import search
from photoclip.core.textengine import TextReader, fold

LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# (words on the sign, the word searched for, font)
SIGNS = [
    ("FARMACIA abierto", "farmacia", LATIN_FONT),
    ("Hotel Miramar", "miramar", LATIN_FONT),
    ("Panadería", "panaderia", LATIN_FONT),  # typed without the accent
    ("АПТЕКА", "аптека", LATIN_FONT),
    ("Книжный магазин", "магазин", LATIN_FONT),
    ("火车站", "火车站", CJK_FONT),
    ("欢迎 银行", "银行", CJK_FONT),
]


def _missing() -> str | None:
    problem = TextReader(["en", "ru", "zh"]).problem()
    if problem:
        return problem
    fonts = [f for f in (LATIN_FONT, CJK_FONT) if not Path(f).exists()]
    if fonts:
        return f"fonts to draw signs are missing: {', '.join(fonts)} (apt install fonts-dejavu-core fonts-noto-cjk)"
    return None


@pytest.fixture(scope="module")
def engine_ready():
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must have text recognition: {reason}")
        pytest.skip(reason)


def _sign_photo(text: str, font: str, rng: random.Random) -> Image.Image:
    """A toy photo (a coloured shape) with a sign on it: a plate, tilted, anywhere."""
    photo = toyworld.random_photo(rng, width=rng.randint(700, 1000), height=rng.randint(500, 750))
    img = toyworld.render(photo)
    size = round(img.height * rng.uniform(0.06, 0.1))
    f = ImageFont.truetype(font, size)
    x0, y0, x1, y1 = f.getbbox(text)
    pad = size // 2
    plate = Image.new("RGBA", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad), (250, 250, 235, 255))
    ImageDraw.Draw(plate).text((pad - x0, pad - y0), text, font=f, fill=(rng.randrange(80), 30, 90, 255))
    plate = plate.rotate(rng.uniform(-8, 8), expand=True, resample=Image.BICUBIC)
    x = rng.randrange(0, max(1, img.width - plate.width))
    y = rng.randrange(0, max(1, img.height - plate.height))
    img.paste(plate, (x, y), plate)
    return img.filter(ImageFilter.GaussianBlur(0.5))


@pytest.fixture(scope="module")
def sign_folder(tmp_path_factory, engine_ready):
    rng = random.Random(15)
    root = tmp_path_factory.mktemp("signs")
    paths = {}
    for i, (text, query, font) in enumerate(SIGNS):
        path = root / f"sign {i}.jpg"
        _sign_photo(text, font, rng).save(path, quality=90)
        paths[query] = path.resolve()
    toyworld.write_corpus(root / "plain", len(SIGNS), seed=151, max_side=900)  # as many without text
    return root, paths


def _text_library(library, languages=("en", "ru", "zh"), enabled=True):
    library.set_text_settings(phototext.TextSettings(enabled, list(languages)))
    return library


def test_one_word_of_a_sign_finds_its_photo_first(library, sign_folder):
    root, paths = sign_folder
    _text_library(library)
    library.add_folder(root)
    Indexer(library).run()
    done, total, with_text = library.catalog.text_progress(library.text_settings.engine)
    assert (done, total) == (total, 2 * len(SIGNS))
    assert with_text >= len(SIGNS) - 1  # a plain toy photo may show "text" to a detector, not read as words
    for query, path in paths.items():
        hits = search(library, query, limit=5)
        assert hits[0].path == str(path), f"{query!r}: {[Path(h.path).name for h in hits]}"
        assert hits[0].text, query  # marked as a text match, with the words as read
    # Partial words and a recognition error (one letter off) still find it; case and accents do not matter.
    for query, sign in [("farm", "farmacia"), ("FARMACLA", "farmacia"), ("Miramr", "miramar"), ("АПТЕК", "аптека")]:
        hits = search(library, query, limit=3)
        assert hits[0].path == str(paths[sign]) and hits[0].text, query
    # Boxes: where the word is, as fractions of the photo
    hit = search(library, "miramar", limit=1)[0]
    x0, y0, x1, y1 = hit.text_boxes[0]
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1


def test_search_json_says_which_words_matched_and_status_reports_progress(cli, sign_folder):
    root, paths = sign_folder
    assert cli("index", root, "--text-languages", "en,ru,zh").code == 0
    hits = cli("search", "hotel", "--json").json()
    assert hits[0]["path"] == str(paths["miramar"])
    assert [fold(w) for w in hits[0]["text"]] == ["hotel"]
    assert all("text" not in h for h in hits[1:] if h["path"] not in map(str, paths.values()))
    status = cli("status").out
    assert f"{2 * len(SIGNS)} of {2 * len(SIGNS)} photos read" in status, status
    assert json.loads(cli("status", "--json").out)["text"].startswith("Text in photos (English, Russian, Chinese)")


def test_recognition_off_then_on_reads_the_photos_indexed_meanwhile(library, sign_folder):
    root, paths = sign_folder
    _text_library(library, enabled=False)
    library.add_folder(root)
    report = Indexer(library).run()
    assert report.added == 2 * len(SIGNS)
    assert "off" in library.status()["text"]
    assert not search(library, "miramar", limit=3)[0].text  # nothing read: pictures only, still works
    # Turned on (Russian only now): the next run reads what was indexed meanwhile, without re-embedding.
    _text_library(library, languages=("ru",))
    report = Indexer(library).run()
    assert report.embedded == 0
    done, total, _ = library.catalog.text_progress(library.text_settings.engine)
    assert done == total == 2 * len(SIGNS)
    assert search(library, "аптека", limit=1)[0].path == str(paths["аптека"])
    assert Indexer(library).run().added == 0  # all read: nothing left to do


def test_reading_the_text_of_photos_indexed_before_has_its_own_progress_is_cancelled_and_resumes(
        library, sign_folder, monkeypatch):
    from photoclip.cli.common import TerminalProgress
    from photoclip.core.jobs import RunControl

    root, _ = sign_folder
    _text_library(library, enabled=False)
    library.add_folder(root)
    Indexer(library).run()
    _text_library(library, languages=("en",))  # turned on: the next run only reads text
    control, seen = RunControl(), []
    step = library.text_step
    stored = step.batch

    def store_then_cancel(store, photos):  # the user cancels once the first batch is read
        stored(store, photos)
        control.cancel()

    monkeypatch.setattr(step, "batch", store_then_cancel)
    report = Indexer(library, progress=seen.append, control=control, batch_size=2).run()
    running = [p for p in seen if p.state == "indexing"]
    assert running and {p.step for p in running} == {"text"}  # its own progress: "reading text", not "indexing"
    assert TerminalProgress.label(running[0]) == "reading text"
    done, total, _ = library.catalog.text_progress(library.text_settings.engine)
    assert report.cancelled and done == 2 and report.left == total - 2
    # The next run reads what is left, and only that.
    monkeypatch.setattr(step, "batch", stored)
    seen.clear()
    report = Indexer(library, progress=seen.append).run()
    assert not report.cancelled and report.added == total - 2
    assert [p.total for p in seen if p.state == "indexing"][0] == total - 2
    assert library.catalog.text_progress(library.text_settings.engine)[0] == total


def test_a_missing_engine_says_so_and_indexing_goes_on(library, toy_folder, monkeypatch):
    monkeypatch.setattr(TextReader, "problem", lambda self: "Russian text needs Tesseract's Russian data")
    _text_library(library)
    library.add_folder(next(iter(toy_folder)).parents[1])
    report = Indexer(library).run()
    assert report.added > 0 and report.skipped == 0
    assert library.status()["text"] == "Text in photos: cannot run: Russian text needs Tesseract's Russian data"
    assert search(library, "a red circle", limit=3)


@pytest.mark.parametrize("hidden, said", [
    ("rapidocr_onnxruntime", "text recognition needs the rapidocr-onnxruntime package (uv sync installs it)"),
    ("onnxruntime", "text recognition needs the onnxruntime package (uv sync installs it)"),
    ("tesserocr", "Russian text needs the tesserocr package (uv sync installs it)"),
])
def test_an_engine_package_missing_is_named_in_the_status_line(library, monkeypatch, hidden, said):
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == hidden else find_spec(name, *a))
    _text_library(library, languages=("en", "ru"))
    assert library.status()["text"] == f"Text in photos: cannot run: {said}"
    assert not library.text_step.active  # the indexer leaves the step out; indexing goes on (test above)


def test_a_photo_the_engine_fails_on_is_recorded_once_not_read_on_every_run(library, toy_folder, monkeypatch):
    def broken(self, frame, data):
        raise RuntimeError("engine fault")

    monkeypatch.setattr(TextReader, "problem", lambda self: None)
    monkeypatch.setattr(TextReader, "read", broken)
    _text_library(library, languages=("en",))
    library.add_folder(next(iter(toy_folder)).parents[1])
    assert Indexer(library).run().added == len(toy_folder)
    done, total, with_text = library.catalog.text_progress(library.text_settings.engine)
    assert done == total == len(toy_folder) and with_text == 0
    assert Indexer(library).run().added == 0  # nothing pending: the next run does not try again



def test_a_tag_carries_the_photos_whose_text_holds_its_words(library, sign_folder):
    from photoclip.core.tags import Reason, TagStore
    from photoclip.core.tags.scoring import threshold

    root, paths = sign_folder
    _text_library(library)
    library.add_folder(root)
    Indexer(library).run()
    tags = TagStore(library)
    ids = {q: library.catalog.photo_by_path(str(p)).id for q, p in paths.items()}
    tag = tags.add("pharmacy", ["farmacia", "a red circle"])  # any line will do: a word, or what it shows
    carried = {a.photo_id for a in tags.assignments(tag)}
    pharmacy = ids["farmacia"]
    # The text decides: the tiny CLIP cannot read, its score alone leaves the sign's photo out.
    found, x = library.index.vectors_of([pharmacy])
    assert tags.scorer(tag).logits(x)[0] < 0 and threshold(tag.sensitivity) == 0.5
    assert pharmacy in carried
    assert tags.written(tag) == {pharmacy}  # the other signs' words are not its words
    assert tags.why(tag, pharmacy)[0] and tags.why(tag, pharmacy)[1][-1] == Reason("text")
    # Every word of a line must be there: "hotel miramar" is on one sign, "hotel farmacia" on none.
    assert tags.written(tags.add("stay", ["Hotel Miramar"])) == {ids["miramar"]}
    assert not tags.written(tags.add("nowhere", ["hotel farmacia"]))
    # The user's word still wins: rejected, it is off however its text reads.
    tags.reject(tag, [pharmacy])
    assert pharmacy not in {a.photo_id for a in tags.assignments(tag)}


# -- the parts that need no engine -----------------------------------------------------------
def test_words_are_folded_for_the_index_and_queries():
    assert fold("PANADERÍA Ёлка") == "panaderia елка"
    assert phototext.query_terms("a Panadería on 银行 st") == [["panaderia"], ["银", "行"]]
    assert phototext.query_terms("欢迎 银行") == [["欢", "迎"], ["银", "行"]]


def test_cyrillic_read_as_latin_look_alikes_is_indexed_as_cyrillic_too():
    from photoclip.core.textengine import as_cyrillic

    assert as_cyrillic("6eper") == "берег" and as_cyrillic("pecTopaH") == "ресторан"
    assert as_cyrillic("PBIHOK") == "рынок"
    assert as_cyrillic("museum") is None and as_cyrillic("2024") is None  # not look-alikes only


def test_close_words_are_one_or_two_edits_away():
    assert phototext._close("farmacia", "farmacla")
    assert phototext._close("улица", "улища")
    assert not phototext._close("улица", "улитка")
    assert phototext._close("departures", "deparutres")  # two edits in a long word
    assert not phototext._close("hotel", "motels")


def test_the_text_index_finds_words_accent_and_case_blind_with_prefixes(library):
    from photoclip.core.store import NewPhoto

    store = library.catalog
    store.add_photos([NewPhoto(f"/p/{i}.jpg", 1, 1, f"fp{i}", 10, 10, None, None) for i in range(3)], "m", {})
    rows = {"fp0": [["PANADERÍA", 0.1, 0.1, 0.4, 0.2]], "fp1": [["欢迎光临", 0, 0, 1, 0.1]], "fp2": []}
    with store.transaction():
        store.store_text("e", {fp: (r, phototext.index_text(r)) for fp, r in rows.items()})
    assert store.text_progress("e") == (3, 3, 2)
    assert store.photos_missing_text("other") and not store.photos_missing_text("e")
    ids = {r.fingerprint: r.id for r in store.all_photos()}
    assert set(phototext.text_matches(store, "panaderia")) == {ids["fp0"]}
    assert set(phototext.text_matches(store, "Panad")) == {ids["fp0"]}
    assert set(phototext.text_matches(store, "光临")) == {ids["fp1"]}
    assert phototext.text_matches(store, "panaderia")[ids["fp0"]].words == ["PANADERÍA"]
    # A Chinese word is highlighted where it is in its line, not over the whole line.
    match = phototext.text_matches(store, "光临")[ids["fp1"]]
    assert match.words == ["光临"] and match.boxes == [(0.5, 0, 1.0, 0.1)]
    assert phototext.text_matches(store, "欢迎光临")[ids["fp1"]].boxes == [(0, 0, 1, 0.1)]
    assert not phototext.text_matches(store, "bakery")


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "es_ES.UTF-8"}, ["en", "es"]),
    ({"LANGUAGE": "ru:en", "LANG": "es_ES.UTF-8"}, ["en", "ru"]),  # LANGUAGE comes first, as gettext reads it
    ({"LANG": "C.UTF-8"}, ["en"]),
    ({"LANG": "de_DE.UTF-8"}, ["en"]),  # a language recognition does not read adds nothing
])
def test_one_default_for_languages_serves_the_indexer_the_cli_and_settings(cli, monkeypatch, env, expected):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert phototext.default_languages() == expected
    photos = cli.library.parent / "photos"
    photos.mkdir()
    assert cli("index", "--no-text", photos).code == 0  # makes the library; nothing chosen but "off"
    from photoclip.core.library import Library

    library = Library(cli.library, device="cpu")
    try:
        # What the indexer reads with, what the CLI reports and what Settings is shown: one default.
        assert library.text_step.settings.languages == expected
        assert phototext.load_settings(library.catalog).languages == expected
    finally:
        library.close()
    names = ", ".join(phototext.LANGUAGES[c] for c in expected)
    assert cli("index", "--text", photos).code == 0
    assert cli("status").out.count(f"Text in photos ({names})") == 1
