"""`photoclip index`: add folders to the library and bring its index up to date."""
from __future__ import annotations

import argparse
import sys

from ..core.textengine import LANGUAGES
from .common import TerminalProgress, open_library


def register(sub) -> None:
    p = sub.add_parser("index", help="add folders to the library and index their photos")
    p.set_defaults(func=cmd_index)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="folders to add (none: bring the library's folders up to date)")
    p.add_argument("--batch-size", type=int, help="photos per model batch")
    p.add_argument("--workers", type=int, help="decoding threads")
    p.add_argument("--text", action=argparse.BooleanOptionalAction, default=None,
                   help="read the text in photos (signs, receipts, screenshots) to search it; "
                        "kept as the library's setting (default: on)")
    p.add_argument("--text-languages", metavar="CODES",
                   help=f"languages to read, kept as the library's setting: some of {','.join(LANGUAGES)} "
                        "(default: English and the system's language)")


def cmd_index(args) -> int:
    from ..core.indexer import Indexer
    from ..core.jobs import RunControl

    with open_library(args, writer=True) as library:
        if library.previous_model:
            print(f"Model changed from {library.previous_model} to {library.model}: "
                  "photos are re-embedded with the new model.", file=sys.stderr)
        for path in args.paths:
            library.add_folder(path)
        if args.text is not None or args.text_languages:
            if not set_text_settings(library, args.text, args.text_languages):
                return 2
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
        if library.text_step.read:
            print(f"Read the text in {library.text_step.read} photos ({library.text_step.found} with text).",
                  file=sys.stderr)
        print(library.status()["text"], file=sys.stderr)
        for folder in report.missing_folders:
            print(f"warning: folder not found (unplugged drive?), its photos are kept: {folder}", file=sys.stderr)
        if report.skipped:
            print("photoclip status lists the skipped files and why.", file=sys.stderr)
    return 0


def set_text_settings(library, enabled: bool | None, languages: str | None) -> bool:
    settings = library.text_settings
    if enabled is not None:
        settings.enabled = enabled
    if languages:
        codes = [c.strip() for c in languages.split(",") if c.strip()]
        unknown = [c for c in codes if c not in LANGUAGES]
        if unknown or not codes:
            print(f"photoclip index: unknown language {', '.join(unknown) or languages!r}; "
                  f"choose from {','.join(LANGUAGES)}", file=sys.stderr)
            return False
        settings.languages = codes
    library.set_text_settings(settings)
    return True
