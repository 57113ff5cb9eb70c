"""What PhotoClip removed (duplicates sent to the trash or moved away), and putting it back.

send2trash cannot restore, and does not say where a file went. PhotoClip still uses the
system trash (the files show up there, the system empties it, space comes back as users
expect) and finds the trashed copy itself: it lists the trash folders that could receive the
file before and after trashing it, and the one new entry of the same size is it. On a
freedesktop system (Linux, BSD) the new `.trashinfo` file must also name the original path, so
another program trashing a same-named file at that moment cannot be mistaken for ours; on macOS
the Finder's ~/.Trash is compared the same way. Where no trash folder can be read (Windows'
recycle bin renames files), the place stays unknown and the file must be restored from the
system's own trash; the log says so.

Why not a PhotoClip holding area: on another drive than the photos it would copy gigabytes, a
crash would leave files in a place nobody looks, and the space would not come back until
PhotoClip emptied it.

The log is a small JSON file in the library folder (`removed.json`), newest last; one resolve
is one batch, which Undo takes back as a whole.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote

from send2trash import send2trash

from .util import atomic_write
from .xmp import sidecar_path

LOG_FILE = "removed.json"
KEEP_DAYS = 30  # entries older than this are dropped from the log (the files stay in the trash)
TRASHED, MOVED = "trash", "move"


@dataclass
class Removed:
    """One file PhotoClip took away."""

    original: str
    where: str | None  # where it is now; None: somewhere in the system trash
    how: str = TRASHED  # TRASHED or MOVED
    batch: str = ""
    at: float = 0.0
    size: int = 0
    sidecars: list[tuple[str, str | None]] = field(default_factory=list)  # (original, where) of its .xmp
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def restorable(self) -> bool:
        return self.where is not None and os.path.lexists(self.where)


@dataclass
class Restored:
    done: list[tuple[str, str]] = field(default_factory=list)  # (original, restored as)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (original, why)


# -- trashing, with the place remembered ------------------------------------------------------
def trash(path: Path | str) -> str | None:
    """Move a file to the system trash; where it landed, if that can be known."""
    path = Path(path)
    size = path.stat().st_size
    folders = _trash_folders(path)
    before = {folder: _entries(folder, path) for folder in folders}
    send2trash(str(path))
    for folder in folders:
        for name in _entries(folder, path) - before[folder]:
            candidate = folder / name
            try:
                if candidate.stat().st_size == size and _names_original(candidate, path):
                    return str(candidate)
            except OSError:
                continue
    return None


def _trash_folders(path: Path) -> list[Path]:
    """Folders a trashed file may land in (their `files` folder on freedesktop systems)."""
    if sys.platform == "darwin":
        return [Path.home() / ".Trash"]
    if sys.platform == "win32":
        return []
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folders = [data / "Trash" / "files"]
    top = _mount_point(path.parent)
    uid = os.getuid()
    folders += [top / ".Trash" / str(uid) / "files", top / f".Trash-{uid}" / "files"]
    return folders


def _mount_point(path: Path) -> Path:
    path = Path(os.path.realpath(path))
    while not os.path.ismount(path) and path != path.parent:
        path = path.parent
    return path


def _entries(folder: Path, path: Path) -> set[str]:
    """Names in a trash folder that could be this file (trash tools keep the stem)."""
    try:
        return {e.name for e in os.scandir(folder) if e.name.startswith(path.stem)}
    except OSError:
        return set()


def _info_file(trashed: Path) -> Path:
    return trashed.parent.parent / "info" / (trashed.name + ".trashinfo")


def _names_original(trashed: Path, original: Path) -> bool:
    """On freedesktop systems the entry's info file must name the original path."""
    info = _info_file(trashed)
    if trashed.parent.name != "files" or not info.parent.is_dir():
        return True  # macOS: no info files; size and the fresh name decide
    try:
        text = info.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("Path="):
            recorded = unquote(line[5:])
            if not os.path.isabs(recorded):  # relative to the trash's top folder
                top = trashed.parents[3] if trashed.parents[2].name == ".Trash" else trashed.parents[2]
                recorded = os.path.join(top, recorded)
            return os.path.realpath(recorded) == os.path.realpath(original)
    return False


# -- the log ----------------------------------------------------------------------------------
class RemovedLog:
    """The files PhotoClip removed from one library, newest last."""

    def __init__(self, library_root: Path | str):
        self.path = Path(library_root) / LOG_FILE

    def entries(self) -> list[Removed]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError):
            return []  # a damaged log loses the undo history, never the files
        out = []
        for r in raw if isinstance(raw, list) else []:
            try:
                r["sidecars"] = [tuple(s) for s in r.get("sidecars", [])]
                out.append(Removed(**r))
            except TypeError:
                continue
        return out

    def add(self, removed: list[Removed]) -> None:
        if removed:
            cutoff = time.time() - KEEP_DAYS * 86400
            self._write([r for r in self.entries() if r.at >= cutoff] + removed)

    def restore(self, ids: list[str] | set[str]) -> Restored:
        """Put files back where they were (under a free name if that is taken); drop them from the log."""
        ids = set(ids)
        result = Restored()
        keep = []
        for r in self.entries():
            if r.id not in ids:
                keep.append(r)
                continue
            try:
                target = _put_back(r.where, r.original)
            except OSError as e:
                result.failed.append((r.original, e.strerror or str(e)))
                keep.append(r)
                continue
            for _original, where in r.sidecars:
                try:
                    _put_back(where, str(sidecar_path(target)))
                except OSError:
                    pass  # the photo is back; its sidecar stays in the trash
            result.done.append((r.original, target))
        self._write(keep)
        return result

    def _write(self, entries: list[Removed]) -> None:
        with atomic_write(self.path) as temp:
            temp.write_text(json.dumps([asdict(r) for r in entries], indent=1), encoding="utf-8")


def _put_back(where: str | None, original: str) -> str:
    if where is None or not os.path.lexists(where):
        raise FileNotFoundError(2, "no longer in the trash: restore it from the system trash")
    target = Path(original)
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 1
    while target.exists():  # a new file took its name meanwhile: keep both
        target = Path(original).with_name(f"{Path(original).stem} (restored{f' {n}' if n > 1 else ''})"
                                          f"{Path(original).suffix}")
        n += 1
    shutil.move(where, target)
    info = _info_file(Path(where))
    if Path(where).parent.name == "files" and info.is_file():
        info.unlink(missing_ok=True)  # the trash no longer lists it
    return str(target)


def new_batch() -> str:
    return uuid.uuid4().hex
