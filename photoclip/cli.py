"""The `photoclip` command. With no subcommand it opens the app."""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
import time
from datetime import date
from pathlib import Path

from . import __version__

# Each module of photoclip.commands adds its subcommands with register(subparsers); a command's
# function gets the parsed args (global options included) and returns the exit status.
COMMAND_MODULES = ("watch", "tags", "duplicates")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="photoclip",
        description="Find photos by what is in them. With no command, opens the PhotoClip app.",
    )
    parser.add_argument("--version", action="version", version=f"PhotoClip {__version__}")
    parser.add_argument("--library", metavar="DIR",
                        help="library folder (default: $PHOTOCLIP_LIBRARY or your user data folder)")
    parser.add_argument("--model", metavar="SPEC",
                        help="CLIP model: ARCH:PRETRAINED, hf-hub:org/repo or local-dir:/path "
                             "(default: the library's model, for a new library ViT-B-32-256:datacomp_s34b_b86k)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"), default="auto",
                        help="where the model runs (default: auto = CUDA, then Apple MPS, then CPU)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what is happening")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="add folders to the library and index their photos")
    p.set_defaults(func=cmd_index)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="folders to add (none: bring the library's folders up to date)")
    p.add_argument("--batch-size", type=int, help="photos per model batch")
    p.add_argument("--workers", type=int, help="decoding threads")

    p = sub.add_parser("search", help="search the library by words or by a photo")
    p.set_defaults(func=cmd_search)
    p.add_argument("query", nargs="?", default="",
                   help='what to look for; "beach -people +sunset" adds and subtracts terms')
    p.add_argument("--image", action="append", default=[], metavar="PATH", help="more like this photo")
    p.add_argument("--not", dest="negatives", action="append", default=[], metavar="QUERY",
                   help="less like this (words)")
    p.add_argument("--limit", type=int, default=20, help="how many results (default 20)")
    p.add_argument("--folder", help="only photos below this folder")
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="only photos taken on or after this day")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="only photos taken on or before this day")
    p.add_argument("--json", action="store_true", help='print [{"path", "score"}], best first')

    p = sub.add_parser("status", help="what the library holds")
    p.set_defaults(func=cmd_status)
    p.add_argument("--json", action="store_true", help="print a JSON object")
    for name in COMMAND_MODULES:
        importlib.import_module(f"photoclip.commands.{name}").register(sub)
    return parser


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
            eta = f" ETA {_clock(p.eta)}" if p.eta is not None and p.state == "indexing" else ""
            text = (f"[{'#' * filled}{'.' * (width - filled)}] {p.done}/{p.total} {p.rate:.1f} photos/s"
                    f"{eta} {p.state if p.state != 'indexing' else ''}")
        if self.tty:
            columns = os.get_terminal_size(self.stream.fileno()).columns if self.tty else 100
            self.stream.write("\r" + text[: columns - 1].ljust(columns - 1))
            if p.state in ("done", "cancelled"):
                self.stream.write("\n")
            self.stream.flush()
        elif time.monotonic() - self.last_line > 5 or p.state in ("done", "cancelled"):
            self.last_line = time.monotonic()
            print(text, file=self.stream, flush=True)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"


def open_library(args, writer: bool = False):
    from .core.library import Library

    return Library(args.library, model=args.model, device=args.device, writer=writer)


def cmd_index(args) -> int:
    from .core.indexer import Indexer
    from .core.jobs import RunControl

    with open_library(args, writer=True) as library:
        if library.previous_model:
            print(f"Model changed from {library.previous_model} to {library.model}: "
                  "photos are re-embedded with the new model.", file=sys.stderr)
        for path in args.paths:
            library.add_folder(path)
        if not library.folders():
            print("No folders yet: photoclip index FOLDER adds one.", file=sys.stderr)
            return 1
        control = RunControl()
        indexer = Indexer(library, progress=TerminalProgress(), control=control,
                          batch_size=args.batch_size, workers=args.workers)
        try:
            report = indexer.run()
        except KeyboardInterrupt:  # a second Ctrl-C during the final save lands here
            return 130
        print(f"{report.added} photos indexed ({report.embedded} embedded, {report.relinked} already known), "
              f"{report.removed} removed, {report.unchanged} unchanged, {report.skipped} skipped "
              f"in {report.seconds:.1f} s", file=sys.stderr)
        for folder in report.missing_folders:
            print(f"warning: folder not found (unplugged drive?), its photos are kept: {folder}", file=sys.stderr)
        if report.skipped:
            print("photoclip status lists the skipped files and why.", file=sys.stderr)
    return 0


def cmd_search(args) -> int:
    from .core.search import Filters, parse_query, search

    query = parse_query(args.query)
    query.negatives += args.negatives
    query.images += args.image
    if query.empty:
        print("photoclip search: give words to look for, or --image PATH", file=sys.stderr)
        return 2
    with open_library(args) as library:
        if library.catalog.photo_count() == 0:
            print("The library is empty: photoclip index FOLDER first.", file=sys.stderr)
        filters = Filters(folder=args.folder, date_from=args.date_from, date_to=args.date_to)
        hits = search(library, query, limit=args.limit, filters=filters)
    if args.json:
        print(json.dumps([{"path": h.path, "score": round(h.score, 6)} for h in hits], ensure_ascii=False))
    else:
        for h in hits:
            print(f"{h.score:6.3f}  {h.path}")
    return 0


def cmd_status(args) -> int:
    with open_library(args) as library:
        status = library.status()
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=1))
        return 0
    print(f"Library: {status['library']}")
    print(f"Model:   {status['model']}")
    print(f"Photos:  {status['photos']} ({status['embeddings_computed']} embedded over the library's life)")
    if status["missing_vectors"]:
        print(f"Waiting: {status['missing_vectors']} photos need vectors for this model (photoclip index)")
    for f in status["folders"]:
        print(f"Folder:  {f}")
    if status["skipped"]:
        print(f"Skipped: {len(status['skipped'])} files")
        for s in status["skipped"]:
            print(f"  {s['path']}: {s['reason']}")
    return 0




def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command is None:
        from .gui.app import main as gui_main

        return gui_main(args)
    from .core.store import CatalogError
    from .core.lock import LibraryLocked
    from .core.models import ModelUnavailable

    try:
        return args.func(args)
    except (ModelUnavailable, CatalogError, LibraryLocked, FileNotFoundError, ValueError) as e:
        print(f"photoclip: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nphotoclip: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
