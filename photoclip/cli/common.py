"""What every command shares: opening the library, a terminal progress line, paths as given."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def open_library(args, writer: bool = False):
    from ..core.library import Library

    return Library(args.library, model=args.model, device=args.device, writer=writer)


def resolved(path: str) -> str:
    """A path as the user typed it, as the catalog stores it (absolute, ~ expanded, links resolved)."""
    return str(Path(path).expanduser().resolve())


def warn_if_empty(library) -> None:
    if library.catalog.photo_count() == 0:
        print("The library is empty: photoclip index FOLDER first.", file=sys.stderr)


class TerminalProgress:
    """A one-line progress bar on stderr when it is a terminal; occasional lines otherwise."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()
        self.last_line = 0.0

    def __call__(self, p) -> None:
        if p.state in ("scanning", "saving"):
            text = f"{p.state} {p.current}"
        else:
            width = 30
            filled = int(width * p.done / p.total) if p.total else width
            eta = f" ETA {clock(p.eta)}" if p.eta is not None and p.state == "indexing" else ""
            text = (f"[{'#' * filled}{'.' * (width - filled)}] {p.done}/{p.total} {p.rate:.1f} photos/s"
                    f"{eta} {p.state if p.state != 'indexing' else ''}")
        if self.tty:
            columns = os.get_terminal_size(self.stream.fileno()).columns
            self.stream.write("\r" + text[: columns - 1].ljust(columns - 1))
            if p.state in ("done", "cancelled"):
                self.stream.write("\n")
            self.stream.flush()
        elif time.monotonic() - self.last_line > 5 or p.state in ("done", "cancelled"):
            self.last_line = time.monotonic()
            print(text, file=self.stream, flush=True)


def clock(seconds: float) -> str:
    """H:MM:SS from an hour on, else M:SS."""
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"
