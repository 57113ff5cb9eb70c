"""What every command shares: opening the library, a terminal progress line, paths as given."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def open_library(args, writer: bool = False):
    """The library of --library (or $PHOTOCLIP_LIBRARY, or the user's own). One that is not there
    is made only by a command that writes, and only at the default place or with --create: a
    mistyped name or an unplugged drive must not become a new, empty library."""
    from ..core.library import Library, LibraryMissing

    try:
        return Library(args.library, model=args.model, device=args.device, writer=writer,
                       create=may_create(args, writer))
    except LibraryMissing as e:
        place = args.library or os.environ.get("PHOTOCLIP_LIBRARY") or ""
        if not place:  # the user's own library, not made yet
            raise LibraryMissing(f"{e}; photoclip index FOLDER makes it") from None
        raise LibraryMissing(f"{e}; to make a new library there: photoclip --library {place} --create "
                             "index FOLDER") from None


def may_create(args, writer: bool) -> bool:
    """Whether a library folder that is not there may be made: asked for, or the default one by
    a command that writes."""
    return args.create or (writer and not args.library and not os.environ.get("PHOTOCLIP_LIBRARY"))


def resolved(path: str) -> str:
    """A path as the user typed it, as the catalog stores it (absolute, ~ expanded, links resolved)."""
    return str(Path(path).expanduser().resolve())


def warn_if_empty(library) -> None:
    if library.catalog.photo_count() == 0:
        print("The library is empty: photoclip index FOLDER first.", file=sys.stderr)


STEP_WORDS = {"text": "reading text"}  # ingest steps a run may only catch up with, in words


class TerminalProgress:
    """A long run's progress on stderr: a tqdm bar on a terminal, a line every few seconds otherwise.

    It tells the truth: the speed and the time left are measured from the first photo done (the
    seconds before it load the model, and say nothing about the rest), and the time left is
    shown only once enough photos are done to tell; a run stopped early keeps its real count.
    What the run reports as a problem (no model: photos wait for their vectors) is said once,
    on a line of its own.
    """

    LINE_EVERY = 5.0  # seconds between lines when stderr is not a terminal
    ETA_AFTER = (32, 2.0)  # photos done and seconds passed before a time left is shown

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr  # looked up now: tests redirect it
        self.tty = self.stream.isatty()
        self.bar = None
        self.stage = ""
        self.first: tuple[float, int] | None = None  # (when, done) at the first photo done
        self.last_line = time.monotonic()  # not a terminal: a line after LINE_EVERY s, and at the end
        self.said: set[str] = set()

    def say(self, text: str) -> None:
        """A line of its own, above the bar."""
        from tqdm import tqdm

        tqdm.write(text.replace("\n", " "), file=self.stream)

    def __call__(self, p) -> None:
        problem = getattr(p, "model_problem", None)
        if problem and problem not in self.said:
            self.said.add(problem)
            self.say(f"photoclip: {problem}")
        if p.state in ("scanning", "saving", "paused"):
            return
        if p.state in ("done", "cancelled"):
            self.close(p)
            return
        if p.state != self.stage:
            self.close()
            self.stage, self.first = p.state, None
        text = self.describe(p)
        if self.tty:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=p.total, file=self.stream, unit="photo", dynamic_ncols=True, leave=True,
                                bar_format="{desc}{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} {postfix}",
                                desc=f"{self.label(p)} " if self.label(p) != "indexing" else "")
            self.bar.total = p.total
            self.bar.n = p.done
            self.bar.set_postfix_str(text, refresh=True)
        elif p.done and time.monotonic() - self.last_line >= self.LINE_EVERY:
            self.last_line = time.monotonic()
            print(f"{self.label(p)}: {p.done}/{p.total} {text}".rstrip(), file=self.stream, flush=True)

    @staticmethod
    def label(p) -> str:
        """What the run does: "indexing", or what it only catches up with ("reading text")."""
        step = getattr(p, "step", "")
        return STEP_WORDS.get(step, step) if step and p.state == "indexing" else p.state

    def describe(self, p) -> str:
        """Speed, time left and skipped files, as far as they can be told yet."""
        now = time.monotonic()
        if self.first is None:
            if not p.done:
                return ""
            self.first = (now, p.done)
        parts = []
        seconds, done = now - self.first[0], p.done - self.first[1]
        if done > 0 and seconds > 0:
            rate = done / seconds
            parts.append(f"{rate:.1f} photos/s")
            if done >= self.ETA_AFTER[0] and seconds >= self.ETA_AFTER[1] and p.total > p.done:
                parts.append(f"about {clock((p.total - p.done) / rate)} left")
        if p.skipped:
            parts.append(f"{p.skipped} skipped")
        return ", ".join(parts)

    def close(self, p=None) -> None:
        """End the bar; with the run's last progress, at the count it really reached."""
        if p is not None and not self.tty and p.state == "done":  # a stopped run's caller says what is left
            print(f"{p.state}: {p.done}/{p.total}", file=self.stream, flush=True)
        if self.bar is not None:
            if p is not None:
                self.bar.total, self.bar.n = p.total, p.done
                self.bar.set_postfix_str("stopped" if p.state == "cancelled" else "", refresh=False)
            self.bar.close()
            self.bar = None


def clock(seconds: float) -> str:
    """H:MM:SS from an hour on, else M:SS."""
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"
