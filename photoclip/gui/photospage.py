"""The photos page: search as you type, a thumbnail grid of the results, the library by date.

A query runs as a background job; a newer query replaces a waiting one, and a result that
arrives after a newer query was asked is dropped (the generation number says which is which).
"""
from __future__ import annotations

import os

from PySide6.QtCore import QLocale, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from .actions import copy_paths, open_file, show_in_folder
from .jobs import settle_heap
from .photogrid import ItemRole, PhotoGrid, PhotoGridModel, PhotoItem, PhotoList, with_change
from .queries import (
    SORT_NEWEST,
    SORT_OLDEST,
    SORT_RELEVANCE,
    GridQuery,
    GridResult,
    photo_tags,
    run_grid_query,
    tag_store,
)
from .resources import icon
from .session import MODEL_DOWNLOADING, MODEL_READY, MODEL_UNAVAILABLE, Session
from .settings import for_window
from .texts import plural
from .widgets import Banner, home_relative, page_layout

SEARCH_DELAY_MS = 250  # typing pauses this long before a search starts


class Chip(QFrame):
    """A removable filter ("Folder: Holidays ×")."""

    removed = Signal()

    def __init__(self, icon_name: str, text: str, parent=None):
        super().__init__(parent)
        self.setObjectName("Chip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.setSpacing(4)
        glyph = QLabel()
        glyph.setPixmap(icon(icon_name).pixmap(14, 14))
        layout.addWidget(glyph)
        self.label = QLabel(text)
        layout.addWidget(self.label)
        close = QToolButton(autoRaise=True, icon=icon("close"))
        close.setToolTip(self.tr("Remove this filter"))
        close.clicked.connect(self.removed)
        layout.addWidget(close)


class PhotosPage(QWidget):
    openSettings = Signal()
    addFolderRequested = Signal()
    addPicturesRequested = Signal()
    filterChanged = Signal()
    searchFinished = Signal()  # a query's photos are in the grid (tests and screenshots wait on it)
    restListed = Signal()  # a long search's photos past its first page are in the grid too
    tagsShown = Signal()  # the grid knows which tags each photo carries
    tagsEdited = Signal()  # photos were tagged or untagged here

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.query = GridQuery()
        self.generation = 0
        self.shown_generation = -1
        self.last_result: GridResult | None = None
        self._has_folders: bool | None = None
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        session.opened.connect(self.refresh)
        session.opened.connect(self._check_folders)
        session.libraryChanged.connect(self._library_changed)
        session.modelStateChanged.connect(self._model_state_changed)
        session.modelStateChanged.connect(
            lambda: self.refresh_tags() if session.model_state == MODEL_READY else None)
        self.tag_names: list[str] = []
        self._model_state_changed()
        self._show_empty()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        layout, row = page_layout(self)
        self.search = QLineEdit(objectName="SearchField")
        self.search.setPlaceholderText(self.tr("Search photos by what is in them, e.g. beach -people"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setToolTip(self.tr(
            "<b>Search by describing the photo</b><br>"
            "<code>dog on a beach</code> finds photos that look like that.<br>"
            "<code>beach -people</code> leaves out photos with people.<br>"
            "<code>sunset +mountains</code> looks for both.<br>"
            "<code>-\"red car\"</code> quotes keep several words together.<br>"
            "Right-click a photo and choose <i>More like this</i> to search by example."))
        self.search.textChanged.connect(self._text_changed)
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        row.addWidget(self.search, 1)
        help_button = QToolButton(objectName="HelpButton", text="?", autoRaise=True)
        help_button.setToolTip(self.search.toolTip())
        help_button.clicked.connect(self._show_syntax)
        row.addWidget(help_button)
        self.sort = QComboBox(objectName="SortBox")
        self.sort.addItem(icon("similar"), self.tr("Best match"), SORT_RELEVANCE)
        self.sort.addItem(icon("clock"), self.tr("Newest first"), SORT_NEWEST)
        self.sort.addItem(icon("clock"), self.tr("Oldest first"), SORT_OLDEST)
        self.sort.setToolTip(self.tr("Order of the photos"))
        self.sort.currentIndexChanged.connect(self._sort_changed)
        row.addWidget(self.sort)
        self.dates_button = QToolButton(objectName="DatesButton", icon=icon("clock"), autoRaise=True)
        self.dates_button.setToolTip(self.tr("Only photos taken between two dates (D)"))
        self.dates_button.setShortcut(QKeySequence(Qt.Key.Key_D))
        self.dates_button.clicked.connect(self.choose_dates)
        row.addWidget(self.dates_button)

        chips = QWidget(objectName="ChipRow")
        self.chips = QHBoxLayout(chips)
        self.chips.setContentsMargins(16, 0, 16, 6)
        self.chips.setSpacing(6)
        self.summary = QLabel(objectName="Summary")
        self.chips.addWidget(self.summary)
        self.chips.addStretch(1)
        layout.addWidget(chips)

        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.language_banner = Banner(self)  # a search in a script the model cannot read
        self.language_banner.setObjectName("LanguageBanner")
        layout.addWidget(self.language_banner)

        self.model = PhotoGridModel(self.session.thumbnails, self)
        self.grid = PhotoGrid(self.model, self)
        self.grid.previewRequested.connect(self.open_preview)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.grid, 1)

        self.more_like_action = QAction(icon("similar"), self.tr("More like this"), self)
        self.more_like_action.setShortcut(QKeySequence(Qt.Key.Key_M))
        self.more_like_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.more_like_action.triggered.connect(self.more_like_selected)
        self.grid.addAction(self.more_like_action)
        self.copy_action = QAction(icon("copy"), self.tr("Copy path"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(lambda: copy_paths([i.path for i in self.grid.selected_items()]))
        self.grid.addAction(self.copy_action)
        self.tag_action = QAction(icon("tag"), self.tr("Tag…"), self)
        self.tag_action.setShortcut(QKeySequence(Qt.Key.Key_T))
        self.tag_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tag_action.triggered.connect(self._tag_menu_at_current)
        self.grid.addAction(self.tag_action)

    def eventFilter(self, obj, event) -> bool:
        from PySide6.QtCore import QEvent

        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.grid.setFocus()
                if not self.grid.currentIndex().isValid():
                    self.grid.setCurrentIndex(self.model.index(0))
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(obj, event)

    # -- querying -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_query(self, **changes) -> None:
        query = GridQuery(**{**self.query.__dict__, **changes})
        if query == self.query and self.shown_generation == self.generation and self._shown_query == query:
            return  # already showing it (a second click on the same folder)
        self.query = query
        self._update_chips()
        self.refresh()
        self.filterChanged.emit()

    def _text_changed(self, text: str) -> None:
        self.query = GridQuery(**{**self.query.__dict__, "text": text})
        self._timer.start()

    def _search_now(self) -> None:
        self._timer.stop()
        self.refresh()

    def _sort_changed(self) -> None:
        self.set_query(sort=self.sort.currentData())

    def more_like_selected(self) -> None:
        items = self.grid.selected_items()
        if items:
            self.more_like([i.path for i in items])

    def more_like(self, paths: list[str]) -> None:
        if self.sort.currentData() != SORT_RELEVANCE:
            self.sort.blockSignals(True)
            self.sort.setCurrentIndex(0)
            self.sort.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.set_query(like=tuple(paths), text="", sort=SORT_RELEVANCE)

    def refresh(self) -> None:
        """Run the current query in the background; its photos replace the grid's when they come."""
        if not self.session.is_open:
            return
        self._timer.stop()
        self.generation += 1
        generation, query = self.generation, self.query
        if query.searching and self.session.model_state == MODEL_UNAVAILABLE:
            self._show_result(generation, GridResult(query, PhotoList(), 0,
                                                     [for_window(self.session.model_message)]))
            return

        shown = self.model.photos() if self._shown_query == query and self.model.rowCount() else None

        def with_plan(result: GridResult) -> GridResult:
            with_change(result.photos, shown)
            return result

        whole = shown is not None  # in place of the shown photos: all at once, where the user is
        if query.needs_model:
            def job(ctx):
                return with_plan(run_grid_query(ctx.library, query, tag_store(ctx), whole))
            thread = self.session.ai
        else:
            def job(ctx):
                return with_plan(run_grid_query(ctx.library, query, whole=whole))
            thread = self.session.catalog
        for waiting in (self._job, self._rest_job):
            if waiting is not None:
                waiting.cancel()  # not needed any more, if it has not started yet
        self._job = thread.submit(job, lambda result: self._show_result(generation, result),
                                  lambda e: self._show_error(generation, e), key="grid")
        self._show_waiting()

    def _library_changed(self) -> None:
        self.refresh()
        self._check_folders()
        self.refresh_tags()

    def refresh_tags(self) -> None:
        """Which tags each photo carries, for the grid's badges (scores need the model)."""
        if not self.session.is_open or self.session.model_state != MODEL_READY:
            return

        def shown(result) -> None:
            self.tag_names, carried = result
            self.model.set_tags(carried)
            self.tagsShown.emit()

        self.session.ai.submit(lambda ctx: photo_tags(tag_store(ctx)), shown, key="photo-tags")

    def tag_menu(self, items: list[PhotoItem]) -> QMenu:
        """Each tag, checked where every chosen photo carries it; choosing one tags or untags them all."""
        menu = QMenu(self.tr("&Tags"), self)
        menu.setIcon(icon("tag"))
        if not self.tag_names:
            none = menu.addAction(self.tr("No tags yet"))
            none.setEnabled(False)
        ids = [i.photo_id for i in items]
        for name in self.tag_names:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(all(name in self.model.tags_of(i) for i in items))
            action.toggled.connect(lambda on, n=name: self.set_tag(n, ids, on))
        return menu

    def _tag_menu_at_current(self) -> None:
        items = self.grid.selected_items()
        index = self.grid.currentIndex()
        if items and index.isValid():
            self.tag_menu(items).exec(self.grid.viewport().mapToGlobal(self.grid.visualRect(index).center()))

    def set_tag(self, name: str, photo_ids: list[int], on: bool) -> None:
        """Tag the photos (a confirmation) or untag them (a rejection: automatic tagging leaves them be)."""
        def save(ctx):
            store = tag_store(ctx)
            (store.confirm if on else store.reject)(name, photo_ids)

        def saved(_) -> None:
            self.refresh_tags()
            self.tagsEdited.emit()
            if self.query.tag:
                self.refresh()

        self.session.ai.submit(save, saved, lambda e: self.banner.show_message("warning", str(e)))

    def _show_result(self, generation: int, result: GridResult) -> None:
        if generation < self.generation:
            return  # a newer query is on its way
        self.shown_generation = generation
        self.last_result = result
        self.session.thumbnails.forget_waiting()
        photos = result.photos
        if photos.relevant == 0 and self._weaker_shown_for != result.query:
            photos = PhotoList()  # nothing matches well: the empty state says so and offers the rest
        # The library changed under the same query: new photos come in around what the user looks at.
        self.grid.show_photos(photos, keep_place=self._shown_query == result.query)
        if len(result.photos) > 10_000:
            settle_heap()
        if result.rest is not None and photos is result.photos:
            rest = result.rest
            self._rest_job = self.session.catalog.submit(
                lambda ctx: rest(ctx.library), lambda whole: self._show_rest(generation, result, whole),
                lambda e: self._show_error(generation, e), key="grid-rest")
        self._shown_query = result.query
        self._update_summary(result)
        self._show_empty(result)
        self._show_language_hint(result)
        self.searchFinished.emit()

    def _show_rest(self, generation: int, result: GridResult, photos: PhotoList) -> None:
        """The whole list of a search whose first page is shown: the rest come in below it."""
        if generation < self.generation:
            return
        first, result.photos, result.rest = result.photos, photos, None
        if self.model.photos() is first:
            self.model.extend(photos)
        if len(photos) > 10_000:
            settle_heap()
        self._update_summary(result)
        self.restListed.emit()

    _shown_query: GridQuery | None = None
    _rest_job = None
    _weaker_shown_for: GridQuery | None = None  # the search whose weaker matches the user asked to see
    _job = None

    def show_weaker(self) -> None:
        """Show the weaker matches of a search that matched nothing well."""
        if self.last_result is not None:
            self._weaker_shown_for = self.last_result.query
            self._show_result(self.shown_generation, self.last_result)

    def _show_language_hint(self, result: GridResult) -> None:
        if result.unread_script:
            self.language_banner.show_message(
                "info", self.tr("Your search is not in English, but the current model reads English only. "
                                "To search in your language, switch to the multilingual model in Settings."),
                self.tr("Open Settings…"), self.openSettings.emit)
        else:
            self.language_banner.hide()

    def _show_error(self, generation: int, error: Exception) -> None:
        if generation < self.generation:
            return
        self.banner.show_message("warning", str(error))
        self.searchFinished.emit()

    def _show_waiting(self) -> None:
        if self.query.needs_model and self.session.model_state != MODEL_READY:
            self.summary.setText(self.tr("Waiting for the model to load…"))
        elif self.query.searching:
            self.summary.setText(self.tr("Searching…"))
        else:  # a listing: nothing to say (an empty line shown meanwhile made the grid shorter, then taller)
            return
        self.summary.show()

    def _update_summary(self, result: GridResult) -> None:
        n = result.photos.count
        good = result.photos.relevant
        if result.query.searching:
            if good == 0:
                text = plural(self.tr("No good matches; %Ln weaker match(es)", "", n), n)
            elif result.query.sort == SORT_RELEVANCE:
                text = plural(self.tr("%Ln good match(es), best first", "", good), good)
            else:
                text = plural(self.tr("%Ln good match(es) by date", "", good), good)
            if good and n > good:
                text += " · " + plural(self.tr("%Ln weaker match(es) below", "", n - good), n - good)
        elif result.query.filtered:
            text = plural(self.tr("%Ln photo(s)", "", n), n)
        else:
            text = ""  # all photos: their count is in the library panel, shown once
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    def _update_chips(self) -> None:
        while self.chips.count() > 2:
            item = self.chips.takeAt(1)
            if item.widget():
                item.widget().deleteLater()
        chips = []
        if self.query.folder:
            chip = Chip("folder", self.tr("In {folder}").format(folder=os.path.basename(self.query.folder)))
            chip.setToolTip(self.query.folder)
            chip.removed.connect(lambda: self.set_query(folder=None))
            chips.append(chip)
        if self.query.tag:
            chip = Chip("tag", self.tr("Tagged {tag}").format(tag=self.query.tag))
            chip.removed.connect(lambda: self.set_query(tag=None))
            chips.append(chip)
        if self.query.date_from or self.query.date_to:
            chip = Chip("clock", date_span(self.query.date_from, self.query.date_to))
            chip.setToolTip(self.tr("Taken in this period (the file's date where the photo has none)"))
            chip.removed.connect(lambda: self.set_query(date_from=None, date_to=None))
            chips.append(chip)
        if self.query.like:
            names = ", ".join(os.path.basename(p) for p in self.query.like[:3])
            chip = Chip("similar", self.tr("Like {photos}").format(photos=names))
            chip.setToolTip("\n".join(self.query.like))
            chip.removed.connect(lambda: self.set_query(like=()))
            chips.append(chip)
        for i, chip in enumerate(chips):
            self.chips.insertWidget(1 + i, chip)

    # -- states --------------------------------------------------------------------------------
    def _model_state_changed(self) -> None:
        state = self.session.model_state
        if state == MODEL_UNAVAILABLE:
            self.banner.show_message(
                "warning",
                self.tr("Searching needs the model, which is not available: {message}").format(
                    message=for_window(self.session.model_message)),
                self.tr("Choose a model…"), self.openSettings.emit)
        elif state == MODEL_DOWNLOADING:
            done, total = self.session.download
            self.banner.show_message("info", self.tr("Downloading the model ({done} of {total} MB); "
                                                     "you can browse your photos meanwhile.").format(
                done=done // 1_000_000, total=max(1, total // 1_000_000)))
        else:
            self.banner.hide()
            if state == MODEL_READY and self.query.needs_model and self.shown_generation < self.generation:
                self._show_waiting()

    def _check_folders(self) -> None:
        def seen(folders):
            self._has_folders = bool(folders)
            self._show_empty(self.last_result)

        self.session.folders(seen)

    def _show_empty(self, result: GridResult | None = None) -> None:
        empty = self.grid.empty
        if self.model.rowCount():
            empty.hide()
            return
        if not self.session.is_open or result is None:
            empty.show_state("photos", self.tr("Opening your library…"))
        elif result.errors:
            empty.show_state("warning", self.tr("Cannot search right now"), result.errors[0],
                             [(self.tr("Open Settings"), self.openSettings.emit, True)])
        elif self._has_folders is False:
            pictures = pictures_folder()
            actions = []
            if pictures:
                actions.append((self.tr("Add {folder}").format(folder=home_relative(pictures)),
                                self.addPicturesRequested.emit, True))
            actions.append((self.tr("Choose a folder…"), self.addFolderRequested.emit, not pictures))
            empty.show_state(
                "photos", self.tr("Welcome to PhotoClip"),
                self.tr("Add a folder of photos to get started. PhotoClip looks at each photo on this "
                        "computer, so you can find it by describing it, tag it and clean up copies. "
                        "Your photos never leave this computer and are never changed."),
                actions)
        elif result.query.searching and result.photos.count:
            n = result.photos.count
            empty.show_state(
                "search", self.tr("No photo matches your search well"),
                self.tr("None of your photos looks much like what you asked for. Try other words, "
                        "describe what is in the photo rather than where or when it was taken, "
                        "or remove a filter."),
                [(plural(self.tr("Show %Ln weaker match(es)", "", n), n), self.show_weaker, True)])
        elif result.query.searching:
            empty.show_state("search", self.tr("No photos match"),
                             self.tr("Try other words, or remove a filter."))
        elif result.query.folder or result.query.tag:
            empty.show_state("photos", self.tr("No photos here yet"),
                             self.tr("Photos appear as soon as they are indexed."))
        else:
            empty.show_state("photos", self.tr("No photos yet"),
                             self.tr("Photos appear here as PhotoClip finds them in your folders."))

    def choose_dates(self) -> None:
        dialog = DateRangeDialog(self.query.date_from, self.query.date_to, self)
        dialog.chosen.connect(lambda first, last: self.set_query(date_from=first, date_to=last))
        dialog.open()

    def _show_syntax(self) -> None:
        from PySide6.QtWidgets import QToolTip

        QToolTip.showText(self.search.mapToGlobal(QPoint(0, self.search.height())), self.search.toolTip(),
                          self.search)

    # -- photos ---------------------------------------------------------------------------------
    def open_preview(self, index: QModelIndex) -> None:
        from .preview import PreviewDialog

        if not index.isValid():
            return
        dialog = PreviewDialog(self.session, self.model, index.row(), self)
        dialog.moreLikeThis.connect(lambda path: self.more_like([path]))
        dialog.open()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.grid.indexAt(pos)
        if not index.isValid():
            return
        if not self.grid.selectionModel().isSelected(index):
            self.grid.setCurrentIndex(index)
        items: list[PhotoItem] = self.grid.selected_items()
        menu = QMenu(self)
        menu.addAction(icon("eye"), self.tr("Preview"), lambda: self.open_preview(index))
        menu.addAction(self.more_like_action)
        menu.addSeparator()
        item = index.data(ItemRole)
        menu.addAction(icon("open-external"), self.tr("Open"), lambda: open_file(item.path))
        menu.addAction(icon("folder-open"), self.tr("Show in folder"), lambda: show_in_folder(item.path))
        menu.addAction(icon("copy"), self.tr("Copy path"), lambda: copy_paths([i.path for i in items]))
        menu.addSeparator()
        menu.addMenu(self.tag_menu(items))
        menu.exec(self.grid.viewport().mapToGlobal(pos))


def pictures_folder() -> str | None:
    from PySide6.QtCore import QStandardPaths

    path = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return path if path and os.path.isdir(path) else None


def date_span(first, last) -> str:
    """A period the user's locale's way: "3 Mar 2024 – 9 Jun 2024", "from …", "until …"."""
    from PySide6.QtCore import QCoreApplication, QDate

    locale = QLocale()

    def day(d):
        return locale.toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)

    if first and last:
        return f"{day(first)} – {day(last)}"
    if first:
        return QCoreApplication.translate("PhotosPage", "From {date}").format(date=day(first))
    return QCoreApplication.translate("PhotosPage", "Until {date}").format(date=day(last))


class DateRangeDialog(QDialog):
    """Two dates, either may be left open."""

    chosen = Signal(object, object)  # datetime.date or None, twice

    def __init__(self, first, last, parent=None):
        from PySide6.QtCore import QDate

        super().__init__(parent)
        self.setWindowTitle(self.tr("Photos taken between"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form = QFormLayout(self)
        today = QDate.currentDate()
        self.use_from = QCheckBox(self.tr("&From"), checked=first is not None)
        self.use_to = QCheckBox(self.tr("&Until"), checked=last is not None)
        self.date_from = QDateEdit(QDate(first.year, first.month, first.day) if first else today.addYears(-1),
                                   calendarPopup=True)
        self.date_to = QDateEdit(QDate(last.year, last.month, last.day) if last else today, calendarPopup=True)
        for check, edit in ((self.use_from, self.date_from), (self.use_to, self.date_to)):
            edit.setEnabled(check.isChecked())
            check.toggled.connect(edit.setEnabled)
            form.addRow(check, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        first = self.date_from.date().toPython() if self.use_from.isChecked() else None
        last = self.date_to.date().toPython() if self.use_to.isChecked() else None
        if first and last and last < first:
            first, last = last, first
        self.chosen.emit(first, last)
        super().accept()
