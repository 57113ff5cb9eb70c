"""Settings: which model, which device, where the library lives, the UI language; kept in QSettings.

Command-line options and PHOTOCLIP_LIBRARY win over saved settings for the run they start.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QSettings,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.library import default_library_dir, thumbnail_cache_dir
from ..core.models import DEFAULT_MODEL, MODEL_CHOICES, ModelSpec
from ..core.phototext import TextSettings
from .i18n import SOURCE_LANGUAGE, SYSTEM, available_languages, effective_language, language_name
from .texts import plural

LOCAL_PREFIX = "local-dir:"
# Models whose text tower reads more than English: a non-English UI suggests the first one.
MULTILINGUAL_MODELS = ("xlm-roberta-base-ViT-B-32:laion5b_s13b_b90k", "ViT-B-16-SigLIP-i18n-256:webli")

# The core's model titles and notes, marked here so pyside6-lupdate extracts them for translators
# (tests/gui checks they match photoclip.core.models.MODEL_CHOICES word for word).
MODEL_TEXTS = (
    QT_TRANSLATE_NOOP("ModelChoice", "Default (English)"),
    QT_TRANSLATE_NOOP("ModelChoice", "Fast and accurate: ImageNet zero-shot 72.8 % at 11.5 GFLOPs per image; "
                                     "about 580 MB."),
    QT_TRANSLATE_NOOP("ModelChoice", "Multilingual"),
    QT_TRANSLATE_NOOP("ModelChoice", "Search and tags in Spanish, Russian, Chinese and 100 other languages; "
                                     "about 1.4 GB."),
    QT_TRANSLATE_NOOP("ModelChoice", "Multilingual, higher quality"),
    QT_TRANSLATE_NOOP("ModelChoice", "SigLIP trained on many languages; slower to index; about 1.5 GB."),
    QT_TRANSLATE_NOOP("ModelChoice", "Higher quality (English)"),
    QT_TRANSLATE_NOOP("ModelChoice", "ImageNet zero-shot 79.2 %, but about 7x slower to index than the "
                                     "default; 1.7 GB."),
)


def _model_text(text: str) -> str:
    return QCoreApplication.translate("ModelChoice", text)


@dataclass
class Choice:
    library: str
    model: str | None  # None: the library's own model (or the default for a new library)
    device: str


def settings() -> QSettings:
    return QSettings()


def saved_choice() -> Choice:
    s = settings()
    return Choice(s.value("library", "", str), s.value("model", "", str) or None, s.value("device", "auto", str))


def save_choice(choice: Choice) -> None:
    s = settings()
    s.setValue("library", choice.library)
    s.setValue("model", choice.model or "")
    s.setValue("device", choice.device)


PRECISIONS = ("auto", "fp32", "bf16", "int8")  # what Settings offers for the model on a CPU


def saved_precision() -> str:
    """The model's number format chosen in Settings: auto (measured on this computer) or one forced."""
    value = settings().value("precision", "auto", str)
    return value if value in PRECISIONS else "auto"


def apply_precision(value: str | None = None) -> None:
    """Models loaded from now on run in `value` (default: the saved choice); --precision or
    $PHOTOCLIP_PRECISION given at start win over the saved choice."""
    if value is None:
        os.environ.setdefault("PHOTOCLIP_PRECISION", saved_precision())
    else:
        os.environ["PHOTOCLIP_PRECISION"] = value


def saved_language() -> str:
    """The UI language chosen in Settings ("es", "zh_CN"), or SYSTEM to follow the system."""
    return settings().value("ui/language", SYSTEM, str)


def save_language(code: str) -> None:
    settings().setValue("ui/language", code)


def model_key(model: str) -> str:
    """A model spec as a QSettings key (no slashes or colons)."""
    try:
        model = str(ModelSpec.parse(model))
    except ValueError:
        pass
    return "".join(c if c.isalnum() else "_" for c in model)


def saved_rate(model: str) -> float | None:
    """Photos a second this computer indexed with this model, when that was measured."""
    return settings().value(f"indexing/rate/{model_key(model)}", 0.0, float) or None


def save_rate(model: str, rate: float) -> None:
    settings().setValue(f"indexing/rate/{model_key(model)}", rate)


def local_model_folders() -> list[str]:
    """Model folders on this computer chosen before, newest first."""
    value = settings().value("models/local-folders", [])
    return [value] if isinstance(value, str) else list(value or [])


def remember_model(previous: str | None, chosen: str) -> None:
    """A model change was accepted: keep the one before (Settings offers it back) and a local folder."""
    if previous and previous != chosen:
        settings().setValue("models/previous", previous)
    if chosen.startswith(LOCAL_PREFIX):
        folder = chosen[len(LOCAL_PREFIX):]
        settings().setValue("models/local-folders", [folder, *[f for f in local_model_folders() if f != folder]][:8])


def previous_model() -> str | None:
    return settings().value("models/previous", "", str) or None


def check_model(spec: str) -> str | None:
    """None when the model can be used now, else why not (quick: nothing is loaded or downloaded)."""
    try:
        from ..core.models import (
            check_model as core_check,  # the core's check, where it has one
        )
    except ImportError:
        core_check = None
    if core_check is not None:
        result = core_check(spec)
        return None if result.ok else result.message
    try:
        parsed = ModelSpec.parse(spec)
    except ValueError as e:
        return str(e)
    if parsed.schema == "local-dir":
        folder = parsed.name
        if not os.path.isfile(os.path.join(folder, "open_clip_config.json")):
            return QCoreApplication.translate("SettingsDialog", "{folder} holds no open_clip_config.json: it is "
                                              "not an open_clip model folder.").format(folder=folder)
        if not any(os.path.isfile(os.path.join(folder, f)) for f in
                   ("open_clip_model.safetensors", "open_clip_pytorch_model.bin")):
            return QCoreApplication.translate("SettingsDialog", "{folder} holds no model weights "
                                              "(open_clip_model.safetensors).").format(folder=folder)
        return None
    # Until the core has its check: cached weights, else the hub must be reachable.
    from ..core import models

    repo, candidates, url = models._hub_source(parsed)
    if repo and any(models._cached(repo, f) for f in candidates):
        return None
    if repo and os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0"):
        return models._offline_message(parsed, "HF_HUB_OFFLINE is set")
    if not models.network_reachable(None if repo else url):
        return models._offline_message(parsed, "the download site cannot be reached (offline?)")
    return None


def model_cache_dir() -> str:
    """Where downloaded models are kept: the Hugging Face cache ($HF_HOME, $HF_HUB_CACHE)."""
    from huggingface_hub import constants

    return constants.HF_HUB_CACHE


def resolve(args) -> Choice:
    """What this run uses: command line, then PHOTOCLIP_LIBRARY, then saved settings, then defaults."""
    saved = saved_choice()
    if getattr(args, "library", None):
        library = args.library
    elif os.environ.get("PHOTOCLIP_LIBRARY") or not saved.library:
        library = str(default_library_dir())
    else:
        library = saved.library
    model = getattr(args, "model", None) or saved.model
    device = getattr(args, "device", "auto")
    if device == "auto":
        device = saved.device or "auto"
    return Choice(library, model, device)


class SettingsDialog(QDialog):
    """Model (with what a change costs); device, library location, UI language and where data lives."""

    def __init__(self, current: Choice, active_model: str | None, photo_count: int, parent=None,
                 to_read=None, checker=None, text: TextSettings | None = None):
        """`to_read(model, done)` calls done(n): how many photos a switch to `model` must re-read
        (their vectors for it are not kept yet); `checker(model, done)` calls done(None or why not).
        Both run their work off the GUI thread; without them every photo counts and no check runs.
        `text`: the library's settings for reading text in photos."""
        super().__init__(parent)
        self.text = text or TextSettings()
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("Settings")
        self.current = current
        self.active_model = active_model or current.model or DEFAULT_MODEL
        self.photo_count = photo_count
        self.to_read = to_read
        self.checker = checker
        self._asked = None  # the model whose re-read count is on its way
        layout = QVBoxLayout(self)
        # Two pages keep the dialog short enough for a laptop screen.
        self.tabs = QTabWidget(objectName="SettingsTabs")
        layout.addWidget(self.tabs)

        model_box = QWidget()
        model_layout = QVBoxLayout(model_box)
        intro = QLabel(self.tr("The model is what understands your photos. All of them run on this computer."),
                       wordWrap=True, objectName="Hint")
        model_layout.addWidget(intro)
        self.model_group = QButtonGroup(self)
        self.model_buttons: dict[str, QRadioButton] = {}
        for choice in MODEL_CHOICES:
            self._model_option(model_layout, choice.spec, _model_text(choice.title), _model_text(choice.note))
        known = {c.spec for c in MODEL_CHOICES}
        if not self.active_model.startswith(LOCAL_PREFIX) and self.active_model not in known:
            self._model_option(model_layout, self.active_model, self.tr("Other"), self.active_model)
        self.local = QRadioButton(self.tr("A model folder on this computer"))
        self.model_group.addButton(self.local)
        model_layout.addWidget(self.local)
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        # Folders chosen before are offered again (one may be an offline copy used last month).
        self.local_folders = QComboBox(editable=True)
        self.local_folders.addItems(local_model_folders())
        self.local_folders.setCurrentIndex(-1)
        self.local_path = self.local_folders.lineEdit()
        self.local_path.setPlaceholderText(self.tr("A folder with open_clip_config.json and "
                                                   "open_clip_model.safetensors"))
        self.local_folders.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_model)
        row.addWidget(self.local_folders, 1)
        row.addWidget(browse)
        model_layout.addLayout(row)
        hint = QLabel(self.tr("Without internet access, copy a model folder from another computer (it holds "
                              "open_clip_config.json and open_clip_model.safetensors) and choose it here."),
                      wordWrap=True, objectName="Hint")
        hint.setContentsMargins(24, 0, 0, 0)
        model_layout.addWidget(hint)
        self.cost = QLabel(wordWrap=True, objectName="CostNote")
        model_layout.addWidget(self.cost)
        self.problem = QLabel(wordWrap=True, objectName="ErrorText")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        model_layout.addWidget(self.problem)
        back = previous_model()
        self.go_back = QPushButton(self.tr("Use the previous model again ({model})").format(
            model=_short_model(back) if back else ""))
        self.go_back.setToolTip(back or "")
        self.go_back.setVisible(bool(back) and not _same_model(back, self.active_model))
        self.go_back.clicked.connect(lambda: self._select_model(back))
        model_layout.addWidget(self.go_back, 0, Qt.AlignmentFlag.AlignLeft)
        model_layout.addStretch(1)
        # Scrolls rather than squeezes: on a small screen nothing overlaps or is cut off.
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(model_box)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs.addTab(scroll, self.tr("Model"))

        general = QWidget()
        general_layout = QVBoxLayout(general)
        other = QGroupBox(self.tr("Computer"))
        form = QFormLayout(other)
        self.device = QComboBox()
        for value, label in (("auto", self.tr("Automatic (a GPU if there is one)")),
                             ("cuda", self.tr("NVIDIA GPU (CUDA)")), ("mps", self.tr("Apple GPU (Metal)")),
                             ("cpu", self.tr("Processor (CPU)"))):
            self.device.addItem(label, value)
        self.device.setCurrentIndex(max(0, self.device.findData(current.device)))
        form.addRow(self.tr("Run the model on"), self.device)
        # On a CPU, the fastest number format that keeps the results is measured once; one can be forced.
        self.precision = QComboBox(objectName="Precision")
        self.precision.addItem(self.tr("The fastest measured on this computer"), "auto")
        for value, label in (("fp32", "float32"), ("bf16", "bfloat16"), ("int8", "int8")):
            self.precision.addItem(label, value)
        self.precision.setCurrentIndex(max(0, self.precision.findData(saved_precision())))
        form.addRow(self.tr("Number format"), self.precision)
        self.runs_in = QLabel(self._runs_in(), wordWrap=True, objectName="Hint")
        form.addRow(self.runs_in)
        lib_row = QHBoxLayout()
        self.library = QLineEdit(current.library)
        browse_lib = QPushButton(self.tr("Browse…"))
        browse_lib.clicked.connect(self._browse_library)
        lib_row.addWidget(self.library, 1)
        lib_row.addWidget(browse_lib)
        form.addRow(self.tr("Library folder"), lib_row)
        general_layout.addWidget(other)
        general_layout.addWidget(self._language_box())
        general_layout.addWidget(self._text_box())
        general_layout.addWidget(self._data_box())
        general_layout.addStretch(1)
        self.tabs.addTab(general, self.tr("General"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.setMaximumSize(screen.size())
        self.resize(min(640, screen.width()), min(620, screen.height()))

        if self.active_model.startswith(LOCAL_PREFIX):
            self.local.setChecked(True)
            self.local_path.setText(self.active_model[len(LOCAL_PREFIX):])
        elif self.active_model in self.model_buttons:
            self.model_buttons[self.active_model].setChecked(True)
        self.model_group.buttonToggled.connect(self._update_cost)
        self.local_path.textChanged.connect(self._update_cost)
        self.model_group.buttonToggled.connect(lambda *_: self.problem.hide())
        self.local_path.textChanged.connect(lambda *_: self.problem.hide())
        self._update_cost()
        self.model_group.buttonToggled.connect(self._update_language_hint)
        self.language.currentIndexChanged.connect(self._update_language_hint)
        self._update_language_hint()

    def _runs_in(self) -> str:
        """What the model's image tower runs in on this computer's CPU, as measured."""
        from ..core import inference

        decision = inference.remembered(self.active_model)
        if not decision:
            return self.tr("Not measured on this computer yet: the next indexing measures it. "
                           "A change applies from the next start.")
        rates = decision["images_per_s"]
        return self.tr("Measured: {format} is the fastest that keeps the results here ({rate} photos a "
                       "second; float32 {float32}). A change applies from the next start.").format(
            format=decision["precision"], rate=f"{rates[decision['precision']]:.1f}",
            float32=f"{rates.get('fp32', 0):.1f}")

    def chosen_precision(self) -> str:
        return self.precision.currentData()

    def done(self, result: int) -> None:
        """An accepted number format is kept, for the models loaded from now on."""
        if result == QDialog.DialogCode.Accepted and self.chosen_precision() != saved_precision():
            settings().setValue("precision", self.chosen_precision())
            apply_precision(self.chosen_precision())
        super().done(result)

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Language"))
        form = QFormLayout(box)
        self.language = QComboBox()
        system = language_name(effective_language(SYSTEM))
        self.language.addItem(self.tr("As the system ({language})").format(language=system), SYSTEM)
        for code in available_languages():
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(saved_language())))
        form.addRow(self.tr("Interface language"), self.language)
        # Words typed in another language need a model that reads it: say so, and offer one.
        self.language_hint = QLabel(wordWrap=True, objectName="CostNote")
        self.use_multilingual = QPushButton(self.tr("Use the multilingual model"))
        # A bound method, not a lambda holding self: PySide may free such a cycle twice at exit.
        self.use_multilingual.clicked.connect(self._choose_multilingual)
        form.addRow(self.language_hint)
        button_row = QHBoxLayout()
        button_row.addWidget(self.use_multilingual)
        button_row.addStretch(1)
        form.addRow(button_row)
        return box

    def _text_box(self) -> QGroupBox:
        """Text in photos: on or off, and which languages to read."""
        box = QGroupBox(self.tr("Text in photos"))
        layout = QVBoxLayout(box)
        self.read_text = QCheckBox(self.tr("Read the text in photos (signs, receipts, screenshots) so that "
                                           "searches find their words"), checked=self.text.enabled)
        layout.addWidget(self.read_text)
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        self.text_languages: dict[str, QCheckBox] = {}
        # Each language in its own words, as the interface languages are listed.
        for code, name in (("en", "English"), ("es", "Español"), ("ru", "Русский"), ("zh", "中文")):
            check = QCheckBox(name, checked=code in self.text.languages)
            self.text_languages[code] = check
            row.addWidget(check)
        row.addStretch(1)
        layout.addLayout(row)
        self.read_text.toggled.connect(self._update_text_languages)
        self._update_text_languages()
        return box

    def _update_text_languages(self) -> None:
        for check in self.text_languages.values():
            check.setEnabled(self.read_text.isChecked())

    def chosen_text(self) -> TextSettings:
        languages = [code for code, check in self.text_languages.items() if check.isChecked()]
        return TextSettings(self.read_text.isChecked(), languages or ["en"])

    def _data_box(self) -> QGroupBox:
        """Where PhotoClip keeps what it makes: the library above, thumbnails and downloaded models."""
        box = QGroupBox(self.tr("Where your data lives"))
        form = QFormLayout(box)
        for label, path in ((self.tr("Thumbnails"), str(thumbnail_cache_dir())),
                            (self.tr("Downloaded models"), model_cache_dir())):
            row = QHBoxLayout()
            shown = QLabel(path, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setToolTip(path)
            show = QPushButton(self.tr("Open"))
            show.clicked.connect(lambda _=False, p=path: QDesktopServices.openUrl(QUrl.fromLocalFile(p)))
            row.addWidget(shown, 1)
            row.addWidget(show)
            form.addRow(label, row)
        note = QLabel(self.tr("Thumbnails and models are caches: PhotoClip makes them again if they are "
                              "deleted. To move the library, quit PhotoClip, move the library folder, then "
                              "start PhotoClip and choose the folder's new place above."),
                      wordWrap=True, objectName="Hint")
        form.addRow(note)
        return box

    def _choose_multilingual(self) -> None:
        self.model_buttons[MULTILINGUAL_MODELS[0]].setChecked(True)
        self.tabs.setCurrentIndex(0)  # show what was chosen, and what the change costs

    def chosen_language(self) -> str:
        return self.language.currentData()

    def _update_language_hint(self) -> None:
        """A non-English interface suggests a multilingual model, unless one is chosen already."""
        language = effective_language(self.chosen_language())
        model = self.chosen_model() or self.active_model
        suggest = language != SOURCE_LANGUAGE and not any(_same_model(model, m) for m in MULTILINGUAL_MODELS)
        self.language_hint.setText(self.tr("To search and name tags in your language, choose the multilingual "
                                           "model: the default model reads only English.") if suggest else "")
        self.language_hint.setVisible(suggest)
        self.use_multilingual.setVisible(suggest)

    def _model_option(self, layout, spec: str, title: str, note: str) -> None:
        button = QRadioButton(title)
        button.setToolTip(spec)
        self.model_group.addButton(button)
        self.model_buttons[spec] = button
        layout.addWidget(button)
        label = QLabel(note, wordWrap=True, objectName="Hint")
        label.setContentsMargins(24, 0, 0, 4)
        layout.addWidget(label)

    def chosen_model(self) -> str | None:
        if self.local.isChecked():
            path = self.local_path.text().strip()
            return LOCAL_PREFIX + os.path.expanduser(path) if path else None
        for spec, button in self.model_buttons.items():
            if button.isChecked():
                return spec
        return None

    def choice(self) -> Choice:
        return Choice(self.library.text().strip() or self.current.library, self.chosen_model() or self.active_model,
                      self.device.currentData())

    def _update_cost(self) -> None:
        model = self.chosen_model()
        if not model or _same_model(model, self.active_model):
            self._asked = None
            self.cost.setText("")
            return
        if model == self._asked:
            return  # asked already (a radio group reports the button unchecked and the one checked)
        self._asked = model
        if self.to_read is None:
            self._show_cost(model, self.photo_count)
        else:
            self.cost.setText("")
            self.to_read(model, lambda n, m=model: self._show_cost(m, n))

    def _show_cost(self, model: str, n: int) -> None:
        """What switching costs: the photos to re-read and, where this computer's speed with that
        model was measured, about how long. Nothing to re-read, nothing said."""
        if model != self._asked:
            return  # another model was chosen meanwhile
        if not n:
            self.cost.setText(self.tr("Searches and tags use the new model at once: its results for your "
                                      "photos are kept already.") if self.photo_count else "")
            return
        text = plural(self.tr("Changing the model re-reads %Ln photo(s) with the new one; searches and tags "
                              "use the new model at once, and find each photo as soon as it is re-read.", "", n), n)
        rate = saved_rate(model)
        if rate:
            minutes = max(1, round(n / rate / 60))
            text += " " + plural(self.tr("At the speed this computer had with that model ({rate} photos/s) it "
                                         "takes about %Ln minute(s).", "", minutes), minutes).format(
                rate=QLocale().toString(rate, "f", 0))
        self.cost.setText(text)

    def _select_model(self, spec: str | None) -> None:
        if not spec:
            return
        if spec.startswith(LOCAL_PREFIX):
            self.local.setChecked(True)
            self.local_path.setText(spec[len(LOCAL_PREFIX):])
        elif spec in self.model_buttons:
            self.model_buttons[spec].setChecked(True)

    def accept(self) -> None:
        """A new model is checked first (its folder, its download); a problem keeps the dialog open."""
        model = self.chosen_model()
        if self.checker is None or not model or _same_model(model, self.active_model):
            super().accept()
            return
        self.ok.setEnabled(False)
        self.problem.setText(self.tr("Checking the model…"))
        self.problem.setObjectName("Hint")
        self.problem.show()
        self.checker(model, lambda why, m=model: self._checked(m, why))

    def _checked(self, model: str, why: str | None) -> None:
        self.ok.setEnabled(True)
        if model != self.chosen_model():
            self.problem.hide()
            return
        if why is None:
            super().accept()
            return
        self.tabs.setCurrentIndex(0)
        self.problem.setObjectName("ErrorText")
        self.problem.setText(self.tr("This model cannot be used now, so nothing was changed: {why}").format(
            why=for_window(why)))
        self.problem.style().polish(self.problem)
        self.checked.emit(why)

    checked = Signal(str)  # a model was refused (tests wait on it)

    def _browse_model(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"), self.local_path.text())
        if folder:
            self.local_path.setText(folder)
            self.local.setChecked(True)

    def _browse_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the library folder"), self.library.text())
        if folder:
            self.library.setText(folder)


def _short_model(spec: str) -> str:
    for choice in MODEL_CHOICES:
        if _same_model(choice.spec, spec):
            return _model_text(choice.title)
    return spec.removeprefix(LOCAL_PREFIX)


def for_window(message: str) -> str:
    """A core message for a window user: sentences naming command-line options (--model …) give way
    to where the window does the same."""
    sentences = re.split(r"(?<=[.!?])\s+", message.strip())
    kept = [s for s in sentences if "--" not in s]
    if len(kept) == len(sentences):
        return message
    return " ".join(kept + [QCoreApplication.translate(
        "SettingsDialog", "Settings > Model chooses another model, or a model folder on this computer.")])


def _same_model(a: str, b: str) -> bool:
    try:
        return str(ModelSpec.parse(a)) == str(ModelSpec.parse(b))
    except ValueError:
        return a == b
