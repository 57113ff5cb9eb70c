"""The main window: the library panel on the left, the photos / tags / duplicates pages, the status bar."""
from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMenuBar,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from .. import __version__
from ..core.phototext import TextSettings, load_settings
from .duplicatespage import DuplicatesPage
from .i18n import install_language
from .photospage import PhotosPage, pictures_folder
from .removedpage import RemovedPage
from .resources import app_icon, icon
from .session import Session
from .settings import (
    Choice,
    SettingsDialog,
    check_model,
    for_window,
    remember_model,
    save_choice,
    save_language,
    save_rate,
    saved_language,
    settings,
)
from .sidebar import ALL, DUPLICATES, FOLDER, REMOVED, TAG, TAG_EDITOR, Sidebar
from .statusbar import IndexStatusBar
from .tagspage import TagsPage
from .widgets import home_relative

PHOTOS, TAGS, DUPES, REMOVED_PAGE = 0, 1, 2, 3
RATE_SAMPLE = 50  # photos a run must have indexed for its speed to predict another's


def _spec(model: str) -> str:
    """The model as the catalog names it."""
    from ..core.models import ModelSpec

    try:
        return str(ModelSpec.parse(model))
    except ValueError:
        return model


class MainWindow(QMainWindow):
    sessionOpened = Signal()  # a (new) library session is running

    def __init__(self, choice: Choice, parent=None):
        super().__init__(parent)
        self.setWindowTitle("PhotoClip")
        self.setWindowIcon(app_icon())
        self.setObjectName("MainWindow")
        self.choice = choice
        self.session: Session | None = None
        self._build_menus()
        # "/" focuses the search too (text fields still take "/" as a character).
        QShortcut(QKeySequence("/"), self, self.focus_search)
        geometry = settings().value("window/geometry", QByteArray())
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        self.open_session(choice)

    # -- the library ------------------------------------------------------------------------------
    def open_session(self, choice: Choice) -> None:
        if self.session is not None:
            # The old library's threads finish their current step (at most a batch): say so.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.session.close()
            finally:
                QApplication.restoreOverrideCursor()
            self.session.deleteLater()
        self.choice = choice
        session = Session(choice.library, choice.model, choice.device, self)
        self.session = session
        self.photos = PhotosPage(session)
        self.tags = TagsPage(session)
        self.duplicates = DuplicatesPage(session)
        self.removed = RemovedPage(session)
        self.pages = QStackedWidget(objectName="Pages")
        for page in (self.photos, self.tags, self.duplicates, self.removed):
            self.pages.addWidget(page)
        self.sidebar = Sidebar(session)
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="MainSplitter")
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)
        splitter.setSizes([230, 1050])
        old = self.centralWidget()
        self.setCentralWidget(splitter)
        if old is not None:
            old.deleteLater()
        self.status = IndexStatusBar(session)
        self.status.openSettings.connect(self.open_settings)
        self.setStatusBar(self.status)

        # The library panel shows one thing at a time: choosing one drops the other filters.
        every = {"folder": None, "tag": None, "date_from": None, "date_to": None}
        self.sidebar.showAll.connect(lambda: self.show_photos(**every))
        self.sidebar.showFolder.connect(lambda path: self.show_photos(**{**every, "folder": path}))
        self.sidebar.showTag.connect(lambda name: self.show_photos(**{**every, "tag": name}))
        self.sidebar.editTag.connect(self.edit_tag)
        self.sidebar.showDuplicates.connect(self.show_duplicates)
        self.sidebar.showRemoved.connect(self.show_removed)
        self.sidebar.showDates.connect(
            lambda first, last: self.show_photos(folder=None, tag=None, date_from=first, date_to=last))
        self.sidebar.addFolder.connect(self.choose_folder)
        self.sidebar.removeFolder.connect(self.remove_folder)
        self.sidebar.openSettings.connect(self.open_settings)
        self.photos.openSettings.connect(self.open_settings)
        self.photos.addFolderRequested.connect(self.choose_folder)
        self.photos.addPicturesRequested.connect(lambda: self.add_folder(pictures_folder()))
        self.photos.filterChanged.connect(self._sync_sidebar)
        self.tags.tagsChanged.connect(self.refresh_tags)
        self.tags.tagsChanged.connect(self.photos.refresh_tags)
        self.photos.tagsEdited.connect(self.refresh_tags)
        self.duplicates.groupsChanged.connect(self.sidebar.set_duplicate_count)
        self.duplicates.resolved.connect(lambda result: self.removed.remember(result.batch))
        self.duplicates.undoRequested.connect(self.removed.undo)
        self.removed.undoAvailable.connect(self.duplicates.set_undo_available)
        session.opened.connect(self._opened)
        session.openFailed.connect(self._open_failed)
        session.libraryChanged.connect(self._library_changed)
        session.countChanged.connect(self.sidebar.set_photo_count)
        session.notice.connect(lambda text: self.status.show_notice(for_window(text)))
        session.start()
        self.status.connect_indexing()
        session.indexing.status.connect(self._index_progress)
        self._indexing_path: str | None = None
        self._missing: tuple[str, ...] = ()  # watched folders the worker found gone
        self.setWindowTitle(self.tr("PhotoClip – {library}").format(library=home_relative(choice.library)))
        self.sessionOpened.emit()

    def _opened(self) -> None:
        self.refresh_folders()
        self.refresh_tags()
        self.sidebar.set_photo_count(self.session.photo_count)

    def _open_failed(self, message: str) -> None:
        QMessageBox.critical(self, self.tr("Cannot open the library"),
                             self.tr("PhotoClip cannot open the library at {path}:\n\n{error}\n\nChoose another "
                                     "library folder in Settings.").format(path=self.choice.library, error=message))

    def _library_changed(self) -> None:
        self.refresh_folders()
        self.refresh_tags()

    def _index_progress(self, status) -> None:
        """Re-draw the folder list when indexing moves into another folder, or a folder vanished or
        came back (its state icon changes)."""
        path = status.current if status.state in ("indexing", "paused") else None
        moved = (path and os.path.dirname(path)) != (self._indexing_path and os.path.dirname(self._indexing_path))
        self._indexing_path = path
        if moved or status.missing != self._missing:
            self._missing = status.missing
            self.refresh_folders()

    def refresh_folders(self) -> None:
        from .queries import browse_library

        self.session.folders(lambda folders: self.sidebar.set_folders(folders, self._indexing_path))
        self.session.catalog.submit(lambda ctx: browse_library(ctx.library), self.sidebar.set_browse, key="browse")

    def refresh_tags(self) -> None:
        """The tags in the library panel: names at once, counts once the model can score them."""
        from .tagspage import tag_definitions, tag_summaries

        self.session.catalog.submit(tag_definitions,
                                    lambda tags: self.sidebar.set_tags([(t["name"], None) for t in tags]),
                                    key="sidebar-tag-names")
        self.session.ai.submit(tag_summaries,
                               lambda summaries: self.sidebar.set_tags([(s["name"], s["photos"]) for s in summaries]),
                               key="sidebar-tags")

    # -- folders ------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = pictures_folder() or os.path.expanduser("~")
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of photos"), start)
        if folder:
            self.add_folder(folder)

    def add_folder(self, folder: str | None) -> None:
        if not folder:
            return
        # The status bar shows the scan and indexing progress that follow (no message over it).
        self.session.add_folder(
            folder, failed=lambda e: QMessageBox.warning(self, self.tr("Cannot add this folder"), str(e)))

    def remove_folder(self, folder: str) -> None:
        answer = QMessageBox.question(
            self, self.tr("Remove folder"),
            self.tr("Remove {folder} from the library?\n\nPhotoClip forgets its photos and stops watching it. "
                    "The files themselves are not touched, and your tag decisions come back if you add the "
                    "folder again.").format(folder=folder))
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.session.remove_folder(folder)
            except PermissionError as e:
                QMessageBox.warning(self, self.tr("Remove folder"), str(e))
                return
            self.show_photos(folder=None, tag=None)

    # -- pages --------------------------------------------------------------------------------------
    def show_photos(self, **query) -> None:
        self.pages.setCurrentIndex(PHOTOS)
        if query:
            self.photos.set_query(**query)
        else:  # Ctrl+1 from another page: the library panel marks what the photos page shows
            self._sync_sidebar()

    def edit_tag(self, name: str = "") -> None:
        self.pages.setCurrentIndex(TAGS)
        if name:
            self.sidebar.select(TAG, name)
        else:
            self.sidebar.select(TAG_EDITOR)
        self.tags.edit(name)

    def show_tags(self) -> None:
        self.pages.setCurrentIndex(TAGS)
        self.sidebar.select(TAG_EDITOR)
        self.tags.open_page()

    def show_duplicates(self, look: bool = True) -> None:
        """The duplicates page; `look`: find groups now if the last look is not current (a click,
        Enter, the menu), not when the keyboard merely passes the entry in the library panel."""
        self.pages.setCurrentIndex(DUPES)
        self.sidebar.select(DUPLICATES)
        self.duplicates.activate(look)

    def show_removed(self) -> None:
        self.pages.setCurrentIndex(REMOVED_PAGE)
        self.sidebar.select(REMOVED)
        self.removed.reload()

    def undo(self) -> None:
        """Ctrl+Z: the last tag decision on the tags page; elsewhere the last duplicates resolved."""
        if self.pages.currentIndex() == TAGS and self.tags.undo_stack:
            self.tags.undo()
        else:
            self.removed.undo()

    def focus_search(self) -> None:
        if self.pages.currentIndex() != PHOTOS:
            self.pages.setCurrentIndex(PHOTOS)
            self._sync_sidebar()
        self.photos.focus_search()

    def _sync_sidebar(self) -> None:
        q = self.photos.query
        if q.tag:
            self.sidebar.select(TAG, q.tag)
        elif q.folder:
            self.sidebar.select(FOLDER, q.folder)
        elif q.date_from and q.date_to:
            self.sidebar.select_dates(q.date_from, q.date_to)
        else:
            self.sidebar.select(ALL)

    # -- menus and shortcuts ---------------------------------------------------------------------------
    def _action(self, menu, icon_name: str | None, text: str, shortcut, slot) -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), text, menu)
        if shortcut:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        """A new menu bar (the old one, its menus and actions go with it): also after a language change."""
        bar = QMenuBar(self)
        self.setMenuBar(bar)
        file = bar.addMenu(self.tr("&File"))
        self._action(file, "folder-add", self.tr("&Add Folder…"), QKeySequence.StandardKey.Open,
                     lambda: self.choose_folder())
        self._action(file, "settings", self.tr("&Settings…"), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Comma),
                     lambda: self.open_settings())
        self._action(file, "tag", self.tr("&Export Tags to XMP Sidecars…"), None, lambda: self.export_xmp())
        file.addSeparator()
        self._action(file, None, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        edit = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(edit, None, self.tr("&Undo"), QKeySequence.StandardKey.Undo,
                                        lambda: self.undo())
        view = bar.addMenu(self.tr("&View"))
        self._action(view, "search", self.tr("&Find Photos"), QKeySequence.StandardKey.Find, self.focus_search)
        self._action(view, "photos", self.tr("&Photos"), "Ctrl+1", lambda: self.show_photos())
        self._action(view, "tag", self.tr("&Tags"), "Ctrl+2", self.show_tags)
        self._action(view, "duplicates", self.tr("&Duplicates"), "Ctrl+3", lambda: self.show_duplicates())
        self._action(view, "trash", self.tr("&Recently Removed"), "Ctrl+4", self.show_removed)
        view.addSeparator()
        self._action(view, "plus", self.tr("Zoom &In"), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
                     lambda: self._zoom(+24))
        self._action(view, "minus", self.tr("Zoom &Out"), QKeySequence.StandardKey.ZoomOut, lambda: self._zoom(-24))
        library = bar.addMenu(self.tr("&Library"))
        self.pause_action = self._action(library, "pause", self.tr("&Pause or Resume Indexing"), "Ctrl+P",
                                         lambda: self.status.toggle_pause())
        self._action(library, "refresh", self.tr("&Rescan Folders"), QKeySequence.StandardKey.Refresh,
                     lambda: self.session.indexing.rescan())
        self._action(library, "warning", self.tr("S&kipped Files…"), None, lambda: self.status.show_skipped())
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, "search", self.tr("&Search Tips"), QKeySequence.StandardKey.HelpContents,
                     lambda: (self.focus_search(), self.photos._show_syntax()))
        self._action(help_menu, "info", self.tr("&About PhotoClip"), None, self._about)

    def _zoom(self, step: int) -> None:
        page = self.pages.currentWidget()
        grid = getattr(page, "grid", None)
        if grid is not None:
            grid.set_zoom(grid.target_cell + step)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About PhotoClip"), self.tr(
            "<h3>PhotoClip {version}</h3><p>Find photos by what is in them, tag them in your own words and "
            "clean up duplicates, all on this computer.</p><p>Library: {library}<br>Model: {model}</p>").format(
            version=__version__, library=self.choice.library, model=self.session.model or ""))

    def export_xmp(self):
        from .xmpexport import XmpExport

        self.xmp_export = XmpExport(self.session, self)
        self.xmp_export.start()
        return self.xmp_export

    # -- settings -----------------------------------------------------------------------------------
    def open_settings(self) -> None:
        # The library's text settings are read on the catalog thread, then the dialog opens.
        session = self.session
        session.catalog.submit(lambda ctx: load_settings(session.reader(ctx).catalog), self._settings_dialog)

    def _settings_dialog(self, text: TextSettings) -> None:
        session = self.session

        def to_read(model: str, done) -> None:
            session.catalog.submit(lambda ctx: len(ctx.library.catalog.photos_missing_vectors(_spec(model))), done,
                                   lambda e: done(session.photo_count), key="settings-to-read")

        def checker(model: str, done) -> None:
            session.files.submit(lambda ctx: check_model(model), done, lambda e: done(str(e)))

        dialog = SettingsDialog(self.choice, session.model, session.photo_count, self, to_read, checker, text)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        chosen_text = dialog.chosen_text()
        session = self.session

        def save_text(ctx) -> bool:
            # A change is read by the next scan.
            library = session.reader(ctx)
            changed = library.text_settings != chosen_text
            library.set_text_settings(chosen_text)
            return changed

        session.catalog.submit(save_text, lambda changed: session.indexing.rescan() if changed else None)
        choice = dialog.choice()
        language = dialog.chosen_language()
        relabel = language != saved_language()
        if relabel:  # Qt widgets keep the texts they were made with: make the window anew
            save_language(language)
            install_language(language)
            self._build_menus()
        if choice != self.choice:
            save_choice(choice)
            if choice.model:
                remember_model(session.model or self.choice.model, choice.model)
        if relabel or choice != self.choice:
            self.open_session(choice)

    # -- closing ------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        settings().setValue("window/geometry", self.saveGeometry())
        last = self.session.indexing.last if self.session and self.session.indexing else None
        if last is not None and last.rate > 0 and last.total >= RATE_SAMPLE and self.session.model:
            save_rate(self.session.model, last.rate)  # a real run's speed, for Settings' estimates
        self.status.clear_notice()
        self.hide()  # the threads finish their current step before the app quits: do not look frozen
        self.session.close()
        super().closeEvent(event)
