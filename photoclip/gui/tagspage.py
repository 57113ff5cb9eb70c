"""The tag editor: a tag's prompts and negatives, a sensitivity slider with a live count and
preview, and confirm / reject on the photos (clicking the ✓ / ✗ on a thumbnail, or Y / N).

Every TagStore call runs on the model thread (scores need the model's text vectors); the store
caches scores, so moving the slider re-counts in milliseconds.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .photogrid import (
    AUTO,
    CONFIRMED,
    REJECTED,
    PhotoGrid,
    PhotoGridModel,
    PhotoList,
    items_from_rows,
    with_change,
)
from .queries import tag_store
from .resources import icon
from .session import Session
from .texts import number

SLIDER_STEPS = 100
NEAR_MISSES = 300  # "not tagged" shows the untagged photos that came closest, this many


@dataclass
class TagPreview:
    name: str
    sensitivity: float
    count: int
    total: int
    photos: PhotoList
    tagged: bool  # the "tagged" view (else: the closest photos that are not tagged)


def tag_preview(ctx, name: str, sensitivity: float, tagged: bool) -> TagPreview:
    """Runs on the model thread: the count at a sensitivity and the photos to show."""
    store = tag_store(ctx)
    catalog = ctx.library.catalog
    count = store.count_at(name, sensitivity)
    if tagged:
        assigned = store.assignments(name, sensitivity, include_rejected=True)
        ids = [a.photo_id for a in assigned]
        scores = {a.photo_id: a.score for a in assigned if a.score is not None}
        states = {a.photo_id: a.state for a in assigned}
    else:
        near = store.near_misses(name, sensitivity, NEAR_MISSES)
        ids, scores, states = [pid for pid, _ in near], dict(near), {}
    rows = catalog.photos(ids)
    items = items_from_rows([rows[i] for i in ids if i in rows], scores)
    explained = store.explain(name, [item.photo_id for item in items], sensitivity)
    for item in items:
        item.state = states.get(item.photo_id)
        item.reasons = tuple(explained.get(item.photo_id, (False, ()))[1])
    return TagPreview(name, sensitivity, count, catalog.photo_count(), PhotoList(items), tagged)


def tag_summaries(ctx) -> list[dict]:
    """Definitions and counts (the counts need the model: run it on the model thread)."""
    return tag_store(ctx).summary()


def tag_definitions(ctx) -> list[dict]:
    """Definitions only, straight from the catalog: shown before the model has loaded."""
    return [{"name": t.name, "prompts": list(t.prompts), "negatives": list(t.negatives),
             "sensitivity": t.sensitivity} for t in tag_store(ctx).list()]


class TagsPage(QWidget):
    tagsChanged = Signal()  # a tag was created, changed or removed: the sidebar re-counts
    previewShown = Signal()  # the preview grid shows the latest count (tests wait on it)
    showTagged = Signal(str)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.current: str | None = None  # the tag being edited; None while creating a new one
        self.saved: dict | None = None
        self.generation = 0
        self.undo_stack: list[tuple[str, dict]] = []  # (tag, previous decisions)
        self._shown: tuple[str, bool] | None = None  # (tag, tagged view) the grid shows
        self._build()
        self._preview_timer = QTimer(self, singleShot=True, interval=120)
        self._preview_timer.timeout.connect(self.refresh_preview)
        session.libraryChanged.connect(self._library_changed)
        self.new_tag()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter)

        left = QWidget(objectName="TagListPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 6, 12)
        title = QLabel(self.tr("Tags"), objectName="PaneTitle")
        left_layout.addWidget(title)
        self.tag_list = QListWidget(objectName="TagList")
        self.tag_list.setIconSize(QSize(16, 16))
        self.tag_list.currentItemChanged.connect(self._tag_selected)
        left_layout.addWidget(self.tag_list, 1)
        new = QPushButton(icon("tag-add"), self.tr("New tag"))
        new.setShortcut(QKeySequence.StandardKey.New)
        new.setToolTip(self.tr("Create a tag (Ctrl+N)"))
        new.clicked.connect(self.new_tag)
        left_layout.addWidget(new)
        left.setMinimumWidth(180)
        splitter.addWidget(left)

        right = QWidget(objectName="TagEditorPane")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(16, 12, 16, 0)
        self.heading = QLabel(objectName="PaneTitle")
        right_layout.addWidget(self.heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.name = QLineEdit(objectName="TagName")
        self.name.setPlaceholderText(self.tr("e.g. Beach"))
        self.prompts = QPlainTextEdit(objectName="TagPrompts")
        self.prompts.setPlaceholderText(self.tr("Describe it in your own words, one description per line:\n"
                                                "a photo of a beach\nsand and sea"))
        self.prompts.setFixedHeight(64)
        self.negatives = QPlainTextEdit(objectName="TagNegatives")
        self.negatives.setPlaceholderText(self.tr("Optional: what it is not, one per line (a swimming pool)"))
        self.negatives.setFixedHeight(48)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Looks like"), self.prompts)
        form.addRow(self.tr("But not"), self.negatives)
        slider_row = QHBoxLayout()
        fewer = QLabel(self.tr("Fewer"), objectName="Hint")
        more = QLabel(self.tr("More"), objectName="Hint")
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="Sensitivity")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(5)
        self.slider.setToolTip(self.tr("Sensitivity: how sure PhotoClip must be before it tags a photo. "
                                       "The middle is a good start."))
        self.slider.valueChanged.connect(self._sensitivity_moved)
        self.count = QLabel(objectName="TagCount")
        slider_row.addWidget(fewer)
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(more)
        slider_row.addSpacing(12)
        slider_row.addWidget(self.count)
        form.addRow(self.tr("Sensitivity"), slider_row)
        right_layout.addLayout(form)
        for edit in (self.name,):
            edit.textChanged.connect(self._edited)
        for edit in (self.prompts, self.negatives):
            edit.textChanged.connect(self._edited)

        buttons = QHBoxLayout()
        self.delete_button = QPushButton(icon("trash"), self.tr("Delete tag…"))
        self.delete_button.clicked.connect(self.delete_tag)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.error = QLabel(objectName="ErrorText", wordWrap=True)
        buttons.addWidget(self.error, 2)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self._revert)
        buttons.addWidget(self.revert_button)
        self.apply_button = QPushButton(objectName="Primary")
        self.apply_button.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_S))
        self.apply_button.clicked.connect(self.apply)
        buttons.addWidget(self.apply_button)
        right_layout.addLayout(buttons)

        line = QFrame(frameShape=QFrame.Shape.HLine, objectName="Separator")
        right_layout.addWidget(line)
        view_row = QHBoxLayout()
        self.show_tagged = QRadioButton(self.tr("Tagged"))
        self.show_untagged = QRadioButton(self.tr("Closest untagged"))
        self.show_tagged.setChecked(True)
        group = QButtonGroup(self)
        for b in (self.show_tagged, self.show_untagged):
            group.addButton(b)
            view_row.addWidget(b)
        group.buttonClicked.connect(lambda _: self.refresh_preview())
        view_row.addSpacing(16)
        hint = QLabel(self.tr("Teach it: click ✓ or ✗ on a photo, or select photos and press Y (yes) or "
                              "N (no); U forgets the decision, Ctrl+Z undoes."), objectName="Hint", wordWrap=True)
        view_row.addWidget(hint, 1)
        right_layout.addLayout(view_row)

        self.model = PhotoGridModel(self.session.thumbnails, self)
        self.grid = PhotoGrid(self.model, self, decisions=True)
        self.grid.set_zoom(132)
        self.grid.grid_delegate.decide.connect(self._decide_index)
        right_layout.addWidget(self.grid, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 900])

        for keys, state in (((Qt.Key.Key_Y, Qt.Key.Key_Plus), CONFIRMED), ((Qt.Key.Key_N, Qt.Key.Key_Minus), REJECTED),
                            ((Qt.Key.Key_U, Qt.Key.Key_0), None)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, s=state: self.decide_selected(s))
            self.grid.addAction(action)
        # Ctrl+Z: the window's Edit > Undo calls undo() while this page is shown.

    # -- which tag ------------------------------------------------------------------------------
    def reload_tags(self, select: str | None = None, first: bool = False) -> None:
        """Re-read the tags; show `select` (or the current one, or with `first` the first one)."""
        def shown(definitions: list[dict]) -> None:
            wanted = select if select is not None else self.current
            if wanted is None and first and definitions:
                wanted = definitions[0]["name"]
            self.tag_list.blockSignals(True)
            self.tag_list.clear()
            for s in definitions:
                item = QListWidgetItem(icon("tag"), s["name"])
                item.setData(Qt.ItemDataRole.UserRole, s)
                item.setToolTip("\n".join(s["prompts"]))
                self.tag_list.addItem(item)
                if s["name"] == wanted:
                    self.tag_list.setCurrentItem(item)
            self.tag_list.blockSignals(False)
            if wanted and self.tag_list.currentItem() is not None:
                self._tag_selected(self.tag_list.currentItem())
            self.tagsChanged.emit()

        self.session.catalog.submit(tag_definitions, shown, self._show_error, key="tag-definitions")

    def edit(self, name: str) -> None:
        """Show a tag (or, for "", a blank form for a new one)."""
        if not name:
            self.new_tag()
        self.reload_tags(select=name or None)

    def open_page(self) -> None:
        """The Tags view: the tag being edited, else the first tag, else a form for a new one."""
        self.reload_tags(first=True)

    def new_tag(self) -> None:
        self.current = None
        self.saved = None
        self.tag_list.blockSignals(True)
        self.tag_list.setCurrentItem(None)
        self.tag_list.clearSelection()
        self.tag_list.blockSignals(False)
        self.heading.setText(self.tr("New tag"))
        self._fill({"name": "", "prompts": [], "negatives": [], "sensitivity": 0.5})
        self.model.set_photos(PhotoList())
        self.grid.empty.show_state("tag", self.tr("Describe a tag"),
                                   self.tr("Give it a name and say in your own words what its photos look like. "
                                           "PhotoClip then finds them all, and keeps tagging new photos as "
                                           "they arrive."))
        self.count.setText("")
        self.name.setFocus()

    def _tag_selected(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        summary = item.data(Qt.ItemDataRole.UserRole)
        self.current = summary["name"]
        self.saved = summary
        self.heading.setText(self.tr("Tag “{tag}”").format(tag=summary["name"]))
        self._fill(summary)
        self.refresh_preview()

    def _fill(self, s: dict) -> None:
        for w in (self.name, self.prompts, self.negatives, self.slider):
            w.blockSignals(True)
        self.name.setText(s["name"])
        self.prompts.setPlainText("\n".join(s["prompts"]))
        self.negatives.setPlainText("\n".join(s["negatives"]))
        self.slider.setValue(round(s["sensitivity"] * SLIDER_STEPS))
        for w in (self.name, self.prompts, self.negatives, self.slider):
            w.blockSignals(False)
        self.error.setText("")
        self._edited()

    def form(self) -> dict:
        lines = lambda edit: [t.strip() for t in edit.toPlainText().splitlines() if t.strip()]  # noqa: E731
        name = " ".join(self.name.text().split())
        return {"name": name, "prompts": lines(self.prompts) or ([name] if name else []),
                "negatives": lines(self.negatives), "sensitivity": self.slider.value() / SLIDER_STEPS}

    def _edited(self) -> None:
        creating = self.current is None
        self.apply_button.setText(self.tr("Create tag") if creating else self.tr("Apply changes"))
        self.delete_button.setVisible(not creating)
        changed = creating or any(self.form()[k] != self.saved.get(k) for k in
                                  ("name", "prompts", "negatives", "sensitivity"))
        self.apply_button.setEnabled(bool(self.form()["name"]) and changed)
        self.revert_button.setEnabled(not creating and changed)

    # -- saving ----------------------------------------------------------------------------------
    def apply(self) -> None:
        form = self.form()
        current = self.current
        if not form["name"]:
            return

        def save(ctx):
            store = tag_store(ctx)
            if current is None:
                return store.add(form["name"], form["prompts"], form["negatives"], form["sensitivity"]).name
            return store.update(current, name=form["name"], prompts=form["prompts"],
                                negatives=form["negatives"], sensitivity=form["sensitivity"]).name

        self.apply_button.setEnabled(False)
        self.session.ai.submit(save, lambda name: self.reload_tags(select=name), self._show_error)

    def _revert(self) -> None:
        if self.saved:
            self._fill(self.saved)
            self.refresh_preview()

    def delete_tag(self) -> None:
        name = self.current
        if name is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete tag"),
            self.tr("Delete the tag “{tag}” and your confirmations and rejections for it? "
                    "Your photos are not touched.").format(tag=name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.session.ai.submit(lambda ctx: tag_store(ctx).remove(name),
                               lambda removed: (self.new_tag(), self.reload_tags()), self._show_error)

    def _show_error(self, error: Exception) -> None:
        self.error.setText(str(error))
        self._edited()

    # -- preview ---------------------------------------------------------------------------------
    def _sensitivity_moved(self) -> None:
        self._edited()
        if self.current is not None:
            self._preview_timer.start()

    def refresh_preview(self) -> None:
        if self.current is None:
            return
        self.generation += 1
        generation, name = self.generation, self.current
        sensitivity = self.slider.value() / SLIDER_STEPS
        tagged = self.show_tagged.isChecked()
        self.count.setText(self.tr("Counting…"))
        # The same view again (a decision, the slider): the grid's change is worked out in the job too.
        shown = self.model.photos() if self._shown == (name, tagged) and self.model.rowCount() else None

        def job(ctx) -> TagPreview:
            preview = tag_preview(ctx, name, sensitivity, tagged)
            with_change(preview.photos, shown)
            return preview

        # A newer edit replaces a preview still waiting (the key); an older one that comes back is dropped.
        self.session.ai.submit(job, lambda p: self._show_preview(generation, p), self._show_error, key="tag-preview")

    def _show_preview(self, generation: int, preview: TagPreview) -> None:
        if generation < self.generation:
            return
        self.count.setText(self.tr("Tags {count} of {total} photos").format(
            count=number(preview.count), total=number(preview.total)))
        # A decision or a new sensitivity: stay where the user was.
        self.grid.show_photos(preview.photos, keep_place=self._shown == (preview.name, preview.tagged))
        self._shown = (preview.name, preview.tagged)
        if preview.photos.items:
            self.grid.empty.hide()
        elif preview.tagged:
            self.grid.empty.show_state("tag", self.tr("No photos at this sensitivity"),
                                       self.tr("Move the slider towards More, or describe the tag differently."))
        else:
            self.grid.empty.show_state("check", self.tr("Every photo carries this tag"))
        self.previewShown.emit()

    def _library_changed(self) -> None:
        if self.isVisible() and self.current is not None:
            self.refresh_preview()

    # -- confirm and reject ------------------------------------------------------------------------
    def _decide_index(self, index: QModelIndex, state: str) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.decide([item.photo_id], None if item.state == state else state)

    def decide_selected(self, state: str | None) -> None:
        items = self.grid.selected_items()
        if items:
            self.decide([i.photo_id for i in items], state)

    def decide(self, photo_ids: list[int], state: str | None) -> None:
        """Confirm (CONFIRMED), reject (REJECTED) or forget (None) the current tag on these photos."""
        name = self.current
        if name is None:
            return
        self.model.set_states({pid: state or AUTO for pid in photo_ids})  # shown at once, saved below
        method = {CONFIRMED: "confirm", REJECTED: "reject", None: "clear"}[state]

        def save(ctx):
            return getattr(tag_store(ctx), method)(name, photo_ids)

        def saved(previous: dict) -> None:
            self.undo_stack.append((name, previous))
            self._after_decisions()

        self.session.ai.submit(save, saved, self._show_error)

    def undo(self) -> None:
        if not self.undo_stack:
            return
        name, previous = self.undo_stack.pop()
        self.session.ai.submit(lambda ctx: tag_store(ctx).restore_decisions(name, previous),
                               lambda _: self._after_decisions(), self._show_error)

    def _after_decisions(self) -> None:
        self.refresh_preview()
        self.tagsChanged.emit()
