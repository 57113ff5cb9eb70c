"""The app in Spanish, Russian and Simplified Chinese: complete, correct and switchable translations."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from i18n_walk import TRANSLATIONS, english_pattern, messages, visible_texts

from guitools import when_modal

ROOT = Path(__file__).resolve().parents[2]
QM_DIR = ROOT / "photoclip" / "resources" / "translations"
GUI_SOURCES = sorted(str(p) for p in (ROOT / "photoclip" / "gui").glob("*.py"))
BIN = Path(sys.executable).parent
LANGUAGES = {"es": 2, "ru": 3, "zh_CN": 1}  # and how many plural forms each has
MENUS = {
    "en": ["&File", "&Edit", "&View", "&Library", "&Help"],
    "es": ["&Archivo", "&Editar", "&Ver", "&Biblioteca", "A&yuda"],
    "ru": ["&Файл", "&Правка", "&Вид", "&Библиотека", "&Справка"],
    "zh_CN": ["文件(&F)", "编辑(&E)", "视图(&V)", "图库(&L)", "帮助(&H)"],
}
# Latin words a Russian or Chinese window may show: names, units, keys, technical terms.
LATIN_OK = {"PhotoClip", "Ctrl", "Delete", "JPEG", "XMP", "ISO", "CPU", "GPU", "CUDA", "NVIDIA", "Apple", "Metal",
            "MB", "GB", "ImageNet", "zero", "shot", "GFLOPs", "SigLIP", "open_clip_config", "json",
            "open_clip_model", "safetensors", "float", "bfloat", "int"}  # float32, bfloat16, int8: number formats


def _tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).exists() else shutil.which(name)


@pytest.fixture
def english_afterwards():
    """The test may switch the language; later tests get the system's (English here) again."""
    from photoclip.gui.i18n import SYSTEM, install_language
    from photoclip.gui.settings import save_language

    yield
    save_language(SYSTEM)
    install_language(SYSTEM)


# -- the translation files -----------------------------------------------------------------------
def test_ts_files_hold_every_string_of_the_code_translated(tmp_path):
    """pyside6-lupdate over the code changes nothing in the committed .ts files, and every
    message there is finished: no string was added, changed or removed without its translations."""
    for language in LANGUAGES:
        committed = TRANSLATIONS / f"photoclip_{language}.ts"
        fresh = tmp_path / committed.name
        shutil.copy(committed, fresh)
        subprocess.run([_tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                        "-target-language", language, *GUI_SOURCES, "-ts", str(fresh)], check=True)
        assert fresh.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), \
            f"{committed.name} is out of date: run packaging/build_resources.py translations"
        unfinished = [m["source"] for m in messages(language) if m["unfinished"] or not all(m["forms"])]
        assert not unfinished, f"{language}: untranslated {unfinished}"
        assert len(messages(language)) > 200


def test_qm_files_are_compiled_from_the_ts_files(tmp_path):
    for language in LANGUAGES:
        built = tmp_path / f"photoclip_{language}.qm"
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TRANSLATIONS / f"photoclip_{language}.ts"),
                        "-qm", str(built)], check=True)
        assert built.read_bytes() == (QM_DIR / built.name).read_bytes(), \
            f"{built.name} is stale: run packaging/build_resources.py translations"
    assert sorted(p.name for p in QM_DIR.glob("*.qm")) == sorted(f"photoclip_{lang}.qm" for lang in LANGUAGES)


def test_translations_keep_fields_counts_markup_and_one_mnemonic():
    fields = re.compile(r"\{\w*\}")
    tags = re.compile(r"</?\w+>")
    mnemonic = re.compile(r"&(?!&|amp;|lt;|gt;)")
    for language, plural_forms in LANGUAGES.items():
        for m in messages(language):
            source, where = m["source"], f"{language}: {m['source']!r}"
            assert len(m["forms"]) == (plural_forms if m["numerus"] else 1), where
            for form in m["forms"]:
                assert sorted(fields.findall(form)) == sorted(fields.findall(source)), where
                assert sorted(tags.findall(form)) == sorted(tags.findall(source)), where
                assert len(mnemonic.findall(form)) == len(mnemonic.findall(source)) <= 1, where
                assert form.count("\n") == source.count("\n") or "\n\n" not in source, where
                if m["numerus"]:
                    assert "%Ln" in form, where


def test_russian_counts_take_the_right_form(qapp, english_afterwards):
    from PySide6.QtCore import QCoreApplication

    from photoclip.gui.i18n import install_language
    from photoclip.gui.texts import plural

    install_language("ru")

    def photos(n):
        return plural(QCoreApplication.translate("Sidebar", "%Ln photo(s)", "", n), n)

    assert [photos(n) for n in (1, 3, 5, 21, 1000)] == [
        "1 фотография", "3 фотографии", "5 фотографий", "21 фотография", "1\u00a0000 фотографий"]
    install_language("es")
    assert photos(1) == "1 foto" and photos(2) == "2 fotos" and photos(12000) == "12.000 fotos"
    install_language("zh_CN")
    assert photos(7) == "7 张照片"


# -- the main window -----------------------------------------------------------------------------
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_no_text_of_the_main_window_is_left_in_english(qtbot, make_window, tmp_path, language,
                                                        english_afterwards):
    """Every text of the window, its menus, actions, pages (shown or not), lists and tooltips, and of
    its Settings, is in the chosen language: none looks like an English source text whose translation
    differs, and a Russian or Chinese window shows no English words besides names and units."""
    from photoclip.core.library import thumbnail_cache_dir
    from photoclip.core.models import MODEL_CHOICES
    from photoclip.gui.i18n import available_languages, install_language, language_name
    from photoclip.gui.settings import SettingsDialog, model_cache_dir

    install_language(language)
    window = make_window()
    qtbot.waitUntil(lambda: window.session.model_state == "ready", timeout=60_000)
    qtbot.waitUntil(lambda: window.status.state.text() != "", timeout=10_000)
    assert [a.text() for a in window.menuBar().actions()] == MENUS[language]

    settings = SettingsDialog(window.choice, window.session.model, 0, window)  # its Settings too
    translated = [m for m in messages(language) if any(f != m["source"] for f in m["forms"])]
    patterns = [english_pattern(m["source"]) for m in translated]
    texts = visible_texts(window) + visible_texts(settings)
    assert len(texts) > 100  # the walk sees the whole window
    english = [t for t in texts if any(p.fullmatch(t) for p in patterns)]
    assert not english, f"left in English: {english}"
    if language in ("ru", "zh_CN"):
        # The user's own paths and names, and the models' names, are not for translating.
        # (Languages are listed in their own words.)
        data = (window.choice.library, window.session.model or "", str(thumbnail_cache_dir()), model_cache_dir(),
                *(c.spec for c in MODEL_CHOICES), *(language_name(c) for c in available_languages()))
        words = {w for t in texts for w in re.findall(r"[A-Za-z_]{3,}", _without(t, data))} - LATIN_OK
        assert not words, f"English words in the {language} window: {sorted(words)}"
    settings.deleteLater()


def _without(text: str, parts) -> str:
    for part in sorted(parts, key=len, reverse=True):
        text = text.replace(part, "")
    return text


def test_the_system_language_is_followed_from_the_first_start(tmp_path):
    """`LANG=es_ES.UTF-8 photoclip` (and ru_RU, zh_CN): the window's menus and buttons are in that language."""
    script = (
        "import json, sys\n"
        "from photoclip.gui.app import make_app\n"
        "from photoclip.gui.mainwindow import MainWindow\n"
        "from photoclip.gui.settings import Choice\n"
        "app = make_app()\n"
        "w = MainWindow(Choice(sys.argv[1], sys.argv[2], 'cpu'))\n"
        "print(json.dumps({'menus': [a.text() for a in w.menuBar().actions()],\n"
        "                  'search': w.photos.search.placeholderText()}))\n"
        "w.close()\n"
    )
    import toyworld

    expected_search = {"es": "Busca fotos por lo que muestran, p. ej. playa -personas",
                       "ru": "Ищите фотографии по содержимому, например: пляж -люди",
                       "zh_CN": "按内容搜索照片，例如：海滩 -人",
                       "en": "Search photos by what is in them, e.g. beach -people"}
    for lang, code in (("es_ES.UTF-8", "es"), ("ru_RU.UTF-8", "ru"), ("zh_CN.UTF-8", "zh_CN"),
                       ("en_US.UTF-8", "en")):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANGUAGE"))}
        env["LANG"] = lang
        result = subprocess.run([sys.executable, "-c", script, str(tmp_path / f"library-{code}"),
                                 toyworld.TINY_CLIP_SPEC], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        shown = json.loads(result.stdout.strip().splitlines()[-1])
        assert shown["menus"] == MENUS[code], lang
        assert shown["search"] == expected_search[code], lang


# -- Settings ------------------------------------------------------------------------------------
def test_settings_switch_the_language_at_once_and_suggest_the_multilingual_model(qtbot, make_window,
                                                                                  english_afterwards):
    from photoclip.gui.settings import MULTILINGUAL_MODELS, SettingsDialog, saved_language

    window = make_window()
    qtbot.waitUntil(lambda: window.session.is_open, timeout=30_000)
    assert window.menuBar().actions()[0].text() == "&File"
    seen = {}

    def choose_russian(dialog: SettingsDialog):
        names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
        seen["names"] = names
        seen["hint_in_english"] = not dialog.language_hint.isHidden()
        dialog.language.setCurrentIndex(dialog.language.findData("ru"))
        seen["hint_in_russian"] = not dialog.language_hint.isHidden() and not dialog.use_multilingual.isHidden()
        dialog.use_multilingual.click()  # what the suggestion offers ...
        seen["multilingual"] = dialog.chosen_model()
        seen["hint_after"] = not dialog.language_hint.isHidden()
        seen["cost"] = dialog.cost.text()
        dialog.local.setChecked(True)  # ... but this test keeps its offline tiny model
        dialog.accept()

    when_modal(SettingsDialog, choose_russian)
    with qtbot.waitSignal(window.sessionOpened, timeout=30_000):
        window.open_settings()
    assert seen["names"][1:] == ["English", "Español", "Русский", "简体中文"]
    assert seen["names"][0] == "As the system (English)"
    assert not seen["hint_in_english"] and seen["hint_in_russian"]
    assert seen["multilingual"] == MULTILINGUAL_MODELS[0] and not seen["hint_after"]
    assert seen["cost"] == ""  # an empty library: nothing to re-read, so no "re-reads all 0 photos"
    assert saved_language() == "ru"
    assert [a.text() for a in window.menuBar().actions()] == MENUS["ru"]
    assert window.photos.search.placeholderText().startswith("Ищите")
    assert window.session.model == window.choice.model  # the model stayed

    def back_to_system(dialog: SettingsDialog):
        assert dialog.windowTitle() == "Настройки"
        dialog.language.setCurrentIndex(0)
        dialog.accept()

    when_modal(SettingsDialog, back_to_system)
    with qtbot.waitSignal(window.sessionOpened, timeout=30_000):
        window.open_settings()
    assert saved_language() == ""
    assert [a.text() for a in window.menuBar().actions()] == MENUS["en"]


def test_settings_show_where_the_data_lives(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    from photoclip.core.library import thumbnail_cache_dir
    from photoclip.gui.settings import Choice, SettingsDialog, model_cache_dir

    dialog = SettingsDialog(Choice(str(tmp_path / "lib"), None, "auto"), None, 0)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert str(thumbnail_cache_dir()) in labels
    assert model_cache_dir() in labels and "hub" in model_cache_dir()
    assert dialog.library.text() == str(tmp_path / "lib")
    assert any("To move the library" in text for text in labels)


def test_why_a_duplicate_is_kept_is_told_in_the_users_language(qapp, english_afterwards):
    """The core explains its choice in English phrases; the duplicates page translates each one
    (the core is made to produce every phrase it has)."""
    from dataclasses import replace

    from photoclip.core.duplicates import Group, choose_keep
    from photoclip.core.duplicates import Item as Photo
    from photoclip.gui.duplicatespage import KEEP_REASONS, keep_reason
    from photoclip.gui.i18n import install_language

    base = Photo(1, "/p/a.jpg", "f1", 4000, 3000, 2_000_000, None, None, 90, False, 10, None)
    other = replace(base, photo_id=2, path="/p/b.jpg", fingerprint="f2")

    class Sharpness:
        def sharpness_of(self, item):
            return 2.0 if item is sharp else 1.0

    sharp = replace(other, quality=None)
    cases = [
        ([base, replace(other, width=2000, height=1500)], None),  # largest resolution
        ([base, replace(other, derived=True)], None),  # the original
        ([replace(base, lossless=True, quality=None), replace(other, quality=None)], None),  # lossless
        ([base, replace(other, quality=70)], None),  # JPEG quality
        ([replace(base, quality=None, bytes=4_000_000), replace(other, quality=None)], None),  # bytes per pixel
        ([replace(base, quality=None), sharp], Sharpness()),  # sharpest
        ([base, replace(other, exif_fields=3)], None),  # richest metadata
        ([base, other], None),  # alike
        ([base], None),  # the only readable copy
    ]
    reasons = {choose_keep(items, cache)[1] for items, cache in cases}
    group = Group("same", [base, other], base, "")
    group.choose(other)
    reasons.add(group.reason)
    phrases = {p for r in reasons for p in r.split("; then ")}
    assert len(phrases) == len(KEEP_REASONS), sorted(phrases)  # the core said every phrase the page knows

    install_language("zh_CN")
    for reason in reasons:
        shown = keep_reason(reason)
        assert not (set(re.findall(r"[A-Za-z]{3,}", shown)) - {"JPEG"}), (reason, shown)
    install_language("es")
    assert keep_reason("largest resolution (4000×3000); then the original, not an edited copy") == \
        "mayor resolución (4000×3000); después, original, no una copia editada"
