"""The `photoclip` command. With no subcommand it opens the app.

One module per command group; each adds its subcommands with register(subparsers). A command's
function gets the parsed args (global options included) and returns the exit status. Shared
helpers (opening the library, progress on the terminal) live in common.py.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from .. import __version__

COMMAND_MODULES = ("index", "search", "status", "watch", "tags", "duplicates", "models")


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake in the command line is one line (not the usage text and then the error)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} ({self.prog} --help tells more)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "fp16", "int8"),
                        help="the model's number format (default: $PHOTOCLIP_PRECISION, else auto = on a GPU "
                             "fp16, on a CPU the fastest measured to keep the vectors; int8: the image tower in "
                             "ONNX Runtime with int8 matrix products, CPU only; `status` shows it)")
    parser.add_argument("--create", action="store_true",
                        help="make the library folder if it is not there (else a missing one is refused: "
                             "an unplugged drive or a mistyped name must not become a new, empty library)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what is happening")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.precision:
        os.environ["PHOTOCLIP_PRECISION"] = args.precision  # the one place the embedders read it
    if args.command is None:
        from ..gui.app import main as gui_main

        return gui_main(args)
    from ..core.lock import LibraryLocked
    from ..core.models import ModelUnavailable
    from ..core.store import DISK_FULL_HELP, CatalogError, damaged, disk_full

    # File names that are not UTF-8 are printed as the bytes they are (as ls does), never a crash.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="surrogateescape")
    try:
        return args.func(args)
    except (ModelUnavailable, CatalogError, LibraryLocked, FileNotFoundError, ValueError) as e:
        print(f"photoclip: {one_line(e)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nphotoclip: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `photoclip … | head`: the reader had enough; nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as e:  # still one line; -v shows where
        if disk_full(e):
            print(f"photoclip: {DISK_FULL_HELP} ({e})", file=sys.stderr)
        elif damaged(e):
            print(f"photoclip: the catalog is damaged ({e}): restore it from a backup", file=sys.stderr)
        else:  # a bug or a case not foreseen
            logging.getLogger("photoclip").debug("unexpected error", exc_info=True)
            print(f"photoclip: {type(e).__name__}: {one_line(e)}"
                  + ("" if args.verbose else " (photoclip -v … shows where)"), file=sys.stderr)
        return 2


def one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__

