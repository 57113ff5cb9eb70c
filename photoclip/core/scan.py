"""Finding photos on disk and telling what changed since the catalog last looked."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from .imaging import IMAGE_SUFFIXES
from .store import Store

# Files that live beside photos but are not photos, nor worth a "skipped" line each.
COMPANION_SUFFIXES = frozenset({
    ".xmp", ".aae", ".thm", ".json", ".db", ".ini", ".lrdata", ".pp3", ".dop", ".on1",
})
# Work in progress of editors, browsers and sync tools: looked at once they are finished.
TEMPORARY_SUFFIXES = frozenset({
    ".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".swx", ".lock",
    ".!ut", ".opdownload", ".filepart",
})
TEMPORARY_PREFIXES = ("~$", ".~", "~lock.", ".#")
NOT_PHOTOS = {  # common kinds in a photo folder that PhotoClip does not index, with the reason shown
    **dict.fromkeys((".mp4", ".mov", ".avi", ".mkv", ".m4v", ".3gp", ".mts", ".m2ts", ".wmv", ".webm"),
                    "a video, not a photo (videos are not indexed yet)"),
    **dict.fromkeys((".mp3", ".wav", ".m4a", ".aac", ".flac", ".ogg"), "an audio file, not a photo"),
    **dict.fromkeys((".zip", ".rar", ".7z", ".tar", ".gz"), "an archive, not a photo"),
    **dict.fromkeys((".pdf", ".doc", ".docx", ".txt", ".md", ".html", ".xls", ".xlsx"), "a document, not a photo"),
}


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    mtime_ns: int


def is_ignored(name: str) -> bool:
    """Hidden, temporary and companion files are not looked at at all."""
    if name.startswith(".") or name.startswith(TEMPORARY_PREFIXES) or name.endswith("~"):
        return True
    suffix = os.path.splitext(name)[1].lower()
    return suffix in TEMPORARY_SUFFIXES or suffix in COMPANION_SUFFIXES or name in ("Thumbs.db", "desktop.ini")


def is_photo_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES


def walk(folder: str, exclude: tuple[str, ...] = ()) -> Iterator[FileEntry]:
    """Every file below `folder` worth a look, depth first, without following folder links.

    Not only photos: anything else (a FIFO, a device, a broken link, a link loop, a link to a
    folder) is listed too, so that the indexer records why it is skipped."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                entries = list(it)
        except OSError:
            continue  # an unreadable or vanished folder holds nothing we can index
        for entry in entries:
            if is_ignored(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.path not in exclude:
                        stack.append(entry.path)
                    continue
                try:
                    st = entry.stat()  # what a link points at
                except OSError:  # a broken link or a link loop: the link itself
                    st = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # vanished
            yield FileEntry(entry.path, st.st_size, st.st_mtime_ns)


@dataclass
class Changes:
    """What the disk says that the catalog does not know yet."""

    todo: list[FileEntry] = field(default_factory=list)  # new or changed files to read
    removed: list[str] = field(default_factory=list)  # catalog photos gone from disk
    unchanged: int = 0
    still_skipped: int = 0
    missing_folders: list[str] = field(default_factory=list)  # e.g. an unplugged drive: kept as is

    def merge(self, other: Changes) -> None:
        """Add what `other` found (another folder's scan) to this."""
        self.todo += other.todo
        self.removed += other.removed
        self.unchanged += other.unchanged
        self.still_skipped += other.still_skipped
        self.missing_folders += [f for f in other.missing_folders if f not in self.missing_folders]


def diff_folder(catalog: Store, folder: str, exclude: tuple[str, ...] = ()) -> Changes:
    changes = Changes()
    if not os.path.isdir(folder):
        changes.missing_folders.append(folder)
        return changes
    known = catalog.photos_under(folder)
    skipped = catalog.skipped_under(folder)
    seen: set[str] = set()
    for entry in walk(folder, exclude):
        seen.add(entry.path)
        photo = known.get(entry.path)
        if photo is not None and photo[1:] == (entry.size, entry.mtime_ns):
            changes.unchanged += 1
        elif skipped.get(entry.path) == (entry.size, entry.mtime_ns):
            changes.still_skipped += 1
        else:
            changes.todo.append(entry)
    changes.removed = [p for p in known if p not in seen]
    changes.removed += [p for p in skipped if p not in seen]  # a bad file that went away
    return changes
