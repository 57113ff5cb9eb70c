"""The language of the user interface: the system's by default, or the one chosen in Settings.

PhotoClip's translations are `photoclip/resources/translations/photoclip_<code>.qm`, compiled from
the `.ts` files in the repository's `resources/translations/` (packaging/build_resources.py).
Qt's own translation (qtbase: the OK / Cancel / Yes / No of standard buttons) is loaded with it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .resources import resource

SOURCE_LANGUAGE = "en"  # the language the code is written in: no translation needed
SYSTEM = ""  # the saved setting meaning "follow the system"

_installed: list[QTranslator] = []


def available_languages() -> list[str]:
    """English and every language a translation ships for, as Qt locale names ("es", "zh_CN")."""
    folder = resource("translations")
    shipped = sorted(f.name[len("photoclip_"):-len(".qm")] for f in folder.iterdir()
                     if f.name.startswith("photoclip_") and f.name.endswith(".qm")) if folder.is_dir() else []
    return [SOURCE_LANGUAGE, *shipped]


# Languages in their own words, as their speakers look for them in a list (Qt would say
# "American English", "español de España").
NATIVE_NAMES = {"en": "English", "es": "Español", "ru": "Русский", "zh_CN": "简体中文"}


def language_name(code: str) -> str:
    """A language in its own words, for the Settings list."""
    return NATIVE_NAMES.get(code) or QLocale(code).nativeLanguageName()


def system_language() -> str:
    """The shipped language that best fits the system's preferred UI languages (else English)."""
    shipped = available_languages()
    for wanted in QLocale.system().uiLanguages():  # e.g. ["es-ES", "es", "en-US"], best first
        wanted = wanted.replace("-", "_")
        for candidate in (wanted, wanted.split("_")[0]):
            if candidate in shipped:
                return candidate
        # "zh_Hans_CN" / "zh_CN": the Simplified Chinese translation
        if wanted.startswith("zh") and "Hant" not in wanted and not wanted.endswith(("_TW", "_HK", "_MO")):
            for code in shipped:
                if code.startswith("zh_"):
                    return code
    return SOURCE_LANGUAGE


def effective_language(chosen: str) -> str:
    """The language the UI shows for a saved choice (SYSTEM: the system's)."""
    return chosen if chosen in available_languages() else system_language()


def system_locale() -> QLocale:
    """The system's locale for numbers and dates; the bare C (POSIX) locale reads as US English
    (it writes a date as "1 12 2026 20:44")."""
    system = QLocale.system()
    if system.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return system


def install_language(chosen: str = SYSTEM) -> str:
    """Replace the installed translators with those for `chosen` (SYSTEM: follow the system).

    A language chosen in Settings also becomes the default QLocale, so numbers and dates read the
    way that language writes them. Returns the language now shown. Widgets built before the call
    keep their texts: the caller rebuilds them.
    """
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = effective_language(chosen)
    QLocale.setDefault(QLocale(language) if chosen else system_locale())
    if language == SOURCE_LANGUAGE:
        return language
    ours = resource("translations", f"photoclip_{language}.qm")
    if ours.is_file():
        _install(app, ours.read_bytes())
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return language


def _install(app, data: bytes) -> None:
    translator = QTranslator(app)
    translator._qm = data  # Qt reads the bytes in place: they must live as long as the translator
    if translator.load(data):
        app.installTranslator(translator)
        _installed.append(translator)
