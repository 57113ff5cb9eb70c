"""`photoclip index`: add folders to the library and bring its index up to date."""
from __future__ import annotations

import sys

from .common import TerminalProgress, open_library


def register(sub) -> None:
    p = sub.add_parser("index", help="add folders to the library and index their photos")
    p.set_defaults(func=cmd_index)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="folders to add (none: bring the library's folders up to date)")
    p.add_argument("--batch-size", type=int, help="photos per model batch")
    p.add_argument("--workers", type=int, help="decoding threads")


def cmd_index(args) -> int:
    from ..core.indexer import Indexer, RunControl

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
