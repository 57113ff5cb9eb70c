"""The `photoclip duplicates` command: list groups of duplicates (or similar shots), resolve or dismiss them."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.util import human_size
from .common import TerminalProgress, open_library, resolved, warn_if_empty


def register(sub) -> None:
    modes = ("duplicates", "similar")
    dup = sub.add_parser(
        "duplicates", help="find copies of the same photo (or bursts, with --mode similar)",
        description="Lists groups of duplicates: the same picture resized, re-encoded, brightened, cropped, "
                    "blurred, turned or mirrored. --mode similar lists shots of the same scene instead.")
    dup.set_defaults(func=cmd_list)
    dup.add_argument("--mode", choices=modes, default="duplicates",
                     help="duplicates: the same picture (default); similar: other shots of the same scene")
    dup.add_argument("--json", action="store_true",
                     help='print {"groups": [{"keep": path, "reason": text, "items": [paths]}]}')
    actions = dup.add_subparsers(dest="duplicates_action", metavar="ACTION")

    def mode_option(p):  # also accepted after the action; SUPPRESS keeps the value given before it
        p.add_argument("--mode", choices=modes, default=argparse.SUPPRESS, help="as above")

    p = actions.add_parser("resolve", help="keep the best photo of each group; trash or move the others",
                           description="Keeps one photo of each group (the suggested one, or --keep) and moves "
                                       "the others to the system trash or to a folder. Their tags and XMP "
                                       "keywords are carried over to the kept photo first. Nothing is deleted.")
    p.set_defaults(func=cmd_resolve)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--trash", action="store_true", help="move the others to the system trash")
    where.add_argument("--move-to", metavar="DIR", help="move the others into this folder")
    p.add_argument("--keep", action="append", default=[], metavar="PATH",
                   help="keep this photo in its group instead of the suggested one (repeatable)")
    p.add_argument("--only", action="append", default=[], metavar="PATH",
                   help="resolve only the group holding this photo (repeatable)")
    p.add_argument("--yes", "-y", action="store_true", help="do it without asking")
    p.add_argument("--json", action="store_true", help="print what was done as JSON")
    mode_option(p)

    p = actions.add_parser("dismiss", help='mark the groups holding these photos "not duplicates" for good')
    p.set_defaults(func=cmd_dismiss)
    p.add_argument("paths", nargs="+", metavar="PATH")
    mode_option(p)

    p = actions.add_parser("undismiss", help="show every dismissed group again")
    p.set_defaults(func=cmd_undismiss)
    mode_option(p)


def _find(library, mode: str):
    from ..core.duplicates import find_groups

    warn_if_empty(library)
    return find_groups(library, mode, progress=TerminalProgress())


def cmd_list(args) -> int:
    from ..core.duplicates import groups_as_json

    with open_library(args) as library:
        groups = _find(library, args.mode)
    if args.json:
        print(json.dumps(groups_as_json(groups), ensure_ascii=False))
        return 0
    what = "duplicates" if args.mode == "duplicates" else "similar shots"
    if not groups:
        print(f"No {what} found.")
        return 0
    spare = sum(it.bytes for g in groups for it in g.others)
    print(f"{len(groups)} groups of {what}: {sum(len(g.others) for g in groups)} photos could go ({human_size(spare)}).\n")
    for n, g in enumerate(groups, 1):
        print(f"{n}. keep  {g.keep.path}  ({g.keep.width}×{g.keep.height}, {human_size(g.keep.bytes)})")
        print(f"   why:  {g.reason}")
        for it in g.others:
            print(f"   also  {it.path}  ({it.width}×{it.height}, {human_size(it.bytes)})")
    print(f"\nphotoclip duplicates{' --mode similar' if args.mode == 'similar' else ''} resolve --trash "
          "keeps each group's first photo and moves the others to the trash (it asks first).")
    return 0


def cmd_resolve(args) -> int:
    from ..core.duplicates import ResolveError, resolve

    action = "trash" if args.trash else ("move", args.move_to)
    with open_library(args) as library:
        groups = _find(library, args.mode)
        by_path = {it.path: g for g in groups for it in g.items}
        for p in args.keep:
            group = by_path.get(resolved(p))
            if group is None:
                print(f"photoclip: not in any group: {p}", file=sys.stderr)
                return 2
            group.choose(resolved(p))
        if args.only:
            missing = [p for p in args.only if resolved(p) not in by_path]
            if missing:
                print(f"photoclip: not in any group: {', '.join(missing)}", file=sys.stderr)
                return 2
            wanted = {id(by_path[resolved(p)]) for p in args.only}
            groups = [g for g in groups if id(g) in wanted]
        if not groups:
            print("Nothing to resolve.", file=sys.stderr)
            return 0
        where = "the trash" if args.trash else str(Path(args.move_to).expanduser())
        count = sum(len(g.others) for g in groups)
        if not args.yes:
            for g in groups:
                print(f"keep {g.keep.path}  ({g.reason})")
                for it in g.others:
                    print(f"  -> {where}: {it.path}")
            if not sys.stdin.isatty():
                print(f"photoclip: add --yes to move these {count} photos to {where}", file=sys.stderr)
                return 1
            if input(f"Move {count} photos to {where}? [y/N] ").strip().lower() not in ("y", "yes"):
                print("Nothing was moved.", file=sys.stderr)
                return 1
        done, failed = [], 0
        for g in groups:
            try:
                r = resolve(library, g, action=action)
            except ResolveError as e:
                print(f"photoclip: {e}", file=sys.stderr)
                failed += 1
                continue
            done.append(r)
            for path, reason in r.failed:
                print(f"left alone: {path}: {reason}", file=sys.stderr)
                failed += 1
    moved = sum(len(r.moved) for r in done)
    if args.json:
        print(json.dumps({"resolved": [
            {"kept": r.kept, "moved": [{"from": a, "to": b} for a, b in r.moved],
             "failed": [{"path": p, "reason": why} for p, why in r.failed],
             "decisions_carried": r.decisions_carried, "keywords_carried": r.keywords_carried}
            for r in done]}, ensure_ascii=False))
    print(f"{moved} photos moved to {where}; {len(done)} kept"
          f"{f'; {failed} problems (see above)' if failed else ''}.", file=sys.stderr)
    return 1 if failed else 0


def cmd_dismiss(args) -> int:
    from ..core.duplicates import dismiss

    with open_library(args) as library:
        groups = _find(library, args.mode)
        by_path = {it.path: g for g in groups for it in g.items}
        missing = [p for p in args.paths if resolved(p) not in by_path]
        if missing:
            print(f"photoclip: not in any group: {', '.join(missing)}", file=sys.stderr)
            return 2
        chosen = {id(by_path[resolved(p)]): by_path[resolved(p)] for p in args.paths}
        for g in chosen.values():
            dismiss(library, g)
    print(f"{len(chosen)} groups dismissed; photoclip duplicates undismiss shows them again.", file=sys.stderr)
    return 0


def cmd_undismiss(args) -> int:
    from ..core.duplicates import forget_dismissals

    with open_library(args) as library:
        n = forget_dismissals(library, args.mode)
    print(f"{n} dismissed pairs will be shown again.", file=sys.stderr)
    return 0
