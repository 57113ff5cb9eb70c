"""The writer lock: one process at a time may write a library; any number may read it.

The lock is an OS file lock (`flock` on Linux and macOS, `msvcrt.locking` on Windows) on
`writer.lock` in the library folder. The operating system drops it when its process ends, however
it ends, so a lock left by a killed or crashed process is simply free: the next writer takes it
over and says so in the log. The file's content names the holder (pid, host, command, start time)
for the message a second writer gets; it is never what decides who holds the lock.
"""
from __future__ import annotations

import json
import logging
import os
import shlex
import socket
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_FILE = "writer.lock"
_WINDOWS_LOCK_OFFSET = 1 << 20  # lock a byte past the holder text, which others must still read


class LibraryLocked(RuntimeError):
    """Another process is writing this library; `holder` says who (may be empty while it starts)."""

    def __init__(self, root: Path, holder: dict):
        self.root, self.holder = root, holder
        super().__init__(describe_holder(root, holder))


def describe_holder(root: Path, holder: dict) -> str:
    who = "another PhotoClip process"
    if holder.get("pid"):
        host = holder.get("host")
        where = "" if host == socket.gethostname() else f" on {host}"
        since = time.strftime("%Y-%m-%d %H:%M", time.localtime(holder["started"])) if holder.get("started") else "?"
        who += f" (pid {holder['pid']}{where}, `{holder.get('command', '?')}`, since {since})"
    return (f"the library {root} is being updated by {who}. Only one process at a time can add photos "
            "to a library (searching it works meanwhile): stop that one first, or let it do the work.")


class WriterLock:
    """`with WriterLock(root):` or acquire()/release(); acquire raises LibraryLocked when taken."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.path = self.root / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> WriterLock:
        if self._fd is not None:
            return self
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                raise LibraryLocked(self.root, self._read_holder(wait=True))
            previous = self._read_holder()
            if previous.get("pid"):  # a holder that never released: it was killed or crashed
                log.warning("taking over the writer lock of %s left by process %s (%s), which has ended",
                            self.root, previous.get("pid"), previous.get("command", "?"))
            _write_holder(fd, {"pid": os.getpid(), "host": socket.gethostname(),
                               "command": _command_line(), "started": time.time()})
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)  # an empty file tells the next writer this one ended cleanly
            _unlock(fd)
        finally:
            os.close(fd)

    def holder(self) -> dict:
        """Who holds (or last held) the lock, as written in the lock file."""
        return self._read_holder()

    def _read_holder(self, wait: bool = False) -> dict:
        # A new holder writes its name just after locking: give it a moment when asked to.
        deadline = time.monotonic() + (1.0 if wait else 0.0)
        while True:
            try:
                text = self.path.read_text(encoding="utf-8")
                if text.strip():
                    return json.loads(text)
            except (OSError, ValueError):
                pass
            if time.monotonic() >= deadline:
                return {}
            time.sleep(0.05)

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _command_line() -> str:
    argv = list(sys.argv) or ["python"]
    argv[0] = os.path.basename(argv[0])
    if argv[0] == "__main__.py":  # python -m photoclip
        argv[0] = os.path.basename(os.path.dirname(sys.argv[0]))
    text = shlex.join(argv)
    return text if len(text) <= 200 else text[:197] + "..."


def _write_holder(fd: int, holder: dict) -> None:
    data = json.dumps(holder, ensure_ascii=False).encode("utf-8")
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
    os.fsync(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # flock locks belong to the open file, so a second writer in the same process is refused too.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as e:  # a file system without locks (some network shares): run, but say so
            log.warning("cannot lock %s (%s): make sure only one PhotoClip updates this library at a time",
                        LOCK_FILE, e.strerror or e)
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
