"""Small helpers with one home each: the bottom layer, importing nothing else of PhotoClip."""
from __future__ import annotations

import contextlib
import itertools
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


# -- paths -------------------------------------------------------------------------------------
def folder_prefix(folder: str | os.PathLike) -> str:
    """`folder` with one trailing separator: every path strictly below it starts with this.

    The separator is the one the folder is written with (a Windows path keeps its backslash
    even when the catalog is read elsewhere), else the platform's."""
    folder = os.fspath(folder)
    sep = "\\" if "\\" in folder and "/" not in folder else ("/" if "/" in folder else os.sep)
    return folder.rstrip("/\\") + sep


def is_under(path: str | os.PathLike, folder: str | os.PathLike, *, strict: bool = False) -> bool:
    """Whether `path` is `folder` or lies below it (with strict=True: only below it).

    By the letters alone, as the catalog stores paths (absolute and resolved): no disk access,
    and "/photos2" is not under "/photos"."""
    path, folder = os.fspath(path), os.fspath(folder)
    if path.rstrip("/\\") == folder.rstrip("/\\"):
        return not strict
    return path.startswith(folder_prefix(folder))


# -- files -------------------------------------------------------------------------------------
@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, *, durable: bool = True, keep_mode: bool = False) -> Iterator[Path]:
    """Yields a temporary path beside `path` to write; when the block ends without an error the
    temporary file replaces `path` in one rename, so a reader sees the old file or the new one,
    never half of one. On an error the temporary file is removed and the error raised.

    durable: the file (and on POSIX its folder entry) reaches the disk before and after the
    rename, so a power cut keeps the old or the new file (for what the user owns; a cache may
    skip it). keep_mode: the new file gets the old one's permissions.
    """
    path = Path(path)
    # Hidden (a sidecar beside a photo stays out of sight) and unique per process and thread.
    temp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        yield temp
        if keep_mode:
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temp, path.stat().st_mode & 0o7777)
        if durable:
            fsync_file(temp)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if durable:
        fsync_folder(path.parent)


def fsync_file(path: str | os.PathLike) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def fsync_folder(folder: str | os.PathLike) -> None:
    """Make a rename or a new file in `folder` durable (POSIX; Windows has no folder handles)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- sequences ---------------------------------------------------------------------------------
def chunked(items: Iterable[T], n: int) -> Iterator[list[T]]:
    """`items` in lists of `n` (the last one shorter); any iterable, read once."""
    it = iter(items)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


def photo_time(taken: str | None, mtime_ns: int) -> str:
    """When a photo was taken, as a sortable ISO string in local time: the EXIF date where there
    is one, else the file's modification time (EXIF dates are local time too)."""
    if taken:
        return taken
    return datetime.fromtimestamp(mtime_ns / 1e9).isoformat(timespec="seconds")


def newest_first(items: Iterable[T], when: Callable[[T], tuple[str | None, int]]) -> list[T]:
    """`items` by photo_time, newest first; `when(item)` gives (taken, mtime_ns)."""
    return sorted(items, key=lambda it: photo_time(*when(it)), reverse=True)


# -- numbers for people ------------------------------------------------------------------------
# File sizes the way the system's file manager shows them, so PhotoClip and the file manager agree:
# Windows Explorer counts in 1024s; macOS Finder and the Linux desktops (GNOME, KDE) in 1000s.
SIZE_BASE = 1024 if sys.platform == "win32" else 1000


def human_size(n: float, base: int = SIZE_BASE) -> str:
    """A byte count for people: "512 B", "3.4 MB" (one home: the CLI and the app show the same)."""
    units: Sequence[str] = ("B", "KB", "MB", "GB", "TB")
    for unit in units:
        if abs(n) < base or unit == units[-1]:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= base
    raise AssertionError("unreachable")
