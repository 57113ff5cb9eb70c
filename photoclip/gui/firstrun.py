"""The first start asks which languages the user searches in, and proposes the model that reads them.

The default model reads English only; asked in another language it finds arbitrary photos. A
user who searches in Spanish, Russian or Chinese is better off with the multilingual model from
the start (switching later re-reads every photo). The answer is kept in the settings, so the
question comes once.
"""
from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ..core.language import MULTILINGUAL_MODEL, is_multilingual
from ..core.models import DEFAULT_MODEL
from .settings import Choice, save_choice, settings

LANGUAGES_KEY = "search/languages"
ENGLISH = "en"


def saved_search_languages() -> list[str] | None:
    """The languages the user said they search in (["en", "ru"]), or None if never asked."""
    s = settings()
    return [code for code in s.value(LANGUAGES_KEY, "", str).split(",") if code] if s.contains(LANGUAGES_KEY) \
        else None


def save_search_languages(codes: list[str]) -> None:
    settings().setValue(LANGUAGES_KEY, ",".join(codes))


class SearchLanguagesDialog(QDialog):
    """Which languages will you search in? The model to use follows from the answer."""

    def __init__(self, model: str | None, parent=None):
        super().__init__(parent)
        self.model = model or DEFAULT_MODEL
        self.setObjectName("SearchLanguagesDialog")
        self.setWindowTitle(self.tr("Welcome to PhotoClip"))
        layout = QVBoxLayout(self)
        question = QLabel(self.tr("<b>Which languages will you search in?</b><br>PhotoClip finds photos by "
                                  "the words you type; the model that reads them depends on the language."),
                          wordWrap=True)
        layout.addWidget(question)
        self.proposal = QLabel(wordWrap=True, objectName="LanguageProposal")
        self.proposal.setMinimumWidth(420)
        self.boxes: dict[str, QCheckBox] = {}
        # Languages in their own words, as Settings lists them.
        for code, name in ((ENGLISH, "English"), ("es", "Español"), ("ru", "Русский"), ("zh", "中文"),
                           ("other", self.tr("Other languages"))):
            box = QCheckBox(name)
            box.toggled.connect(self._update_proposal)
            self.boxes[code] = box
            layout.addWidget(box)
        self.boxes[ENGLISH].setChecked(True)
        system = QLocale.system().name().split("_")[0]  # the system's language is likely one of them
        if system not in (ENGLISH, "C", "POSIX"):
            self.boxes[system if system in self.boxes else "other"].setChecked(True)
        layout.addWidget(self.proposal)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Continue"))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)
        self._update_proposal()

    def languages(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def proposed_model(self) -> str:
        """The multilingual model for any language but English, unless the current one reads them."""
        others = any(code != ENGLISH for code in self.languages())
        if others and not is_multilingual(self.model):
            return MULTILINGUAL_MODEL
        return self.model

    def _update_proposal(self) -> None:
        if self.proposed_model() != self.model:
            text = self.tr("PhotoClip will use the multilingual model: it reads Spanish, Russian, Chinese and "
                           "about 100 other languages. It is a larger download (about 1.4 GB).")
        elif is_multilingual(self.model):
            text = self.tr("The model in use reads many languages: nothing to change.")
        else:
            text = self.tr("PhotoClip will use its default model: fast and accurate, for English.")
        self.proposal.setText(text)


def ask_search_languages(window) -> SearchLanguagesDialog | None:
    """On the first start, ask (without blocking the window); None when asked before."""
    if saved_search_languages() is not None:
        return None
    dialog = SearchLanguagesDialog(window.choice.model, window)

    def answered() -> None:
        save_search_languages(dialog.languages())
        model = dialog.proposed_model()
        if model != (window.choice.model or DEFAULT_MODEL):
            choice = Choice(window.choice.library, model, window.choice.device)
            save_choice(choice)
            window.open_session(choice)

    dialog.accepted.connect(answered)
    dialog.rejected.connect(lambda: save_search_languages([ENGLISH]))  # closed: ask no more, change nothing
    dialog.open()
    return dialog
