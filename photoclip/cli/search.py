"""`photoclip search`: photos by words, by example photos, or both."""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from .common import open_library, warn_if_empty


def register(sub) -> None:
    p = sub.add_parser("search", help="search the library by words or by a photo")
    p.set_defaults(func=cmd_search)
    p.add_argument("query", nargs="?", default="",
                   help='what to look for; "beach -people +sunset" adds and subtracts terms')
    p.add_argument("--image", action="append", default=[], metavar="PATH", help="more like this photo")
    p.add_argument("--not", dest="negatives", action="append", default=[], metavar="QUERY",
                   help="less like this (words)")
    p.add_argument("--limit", type=positive, default=20, help="how many results (default 20)")
    p.add_argument("--folder", help="only photos below this folder")
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="only photos taken on or after this day")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="only photos taken on or before this day")
    p.add_argument("--all", action="store_true",
                   help="rank every photo: the relevant ones, then the weaker matches (default: only relevant)")
    p.add_argument("--json", action="store_true",
                   help='print [{"path", "score", "relevant"}]: relevant ones first, best first; '
                        '"text": the words found written in the photo')


def positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return n


def cmd_search(args) -> int:
    """Exit status as grep's: 0 photos found, 1 none matched, 2 a problem."""
    from ..core.imaging import SkipFile, decode
    from ..core.language import language_hint, unread_script
    from ..core.search import Filters, parse_query, search

    query = parse_query(args.query)
    query.negatives += args.negatives
    query.images += args.image
    if query.empty:
        print("photoclip search: give words to look for, or --image PATH", file=sys.stderr)
        return 2
    for image in query.images:  # checked before the model loads: one line, not a traceback
        if not os.path.isfile(image):
            print(f"photoclip search: no such photo: {image}", file=sys.stderr)
            return 2
        try:
            decode(Path(image), None)
        except SkipFile as e:
            print(f"photoclip search: cannot use {image}: {e}", file=sys.stderr)
            return 2
    if args.folder and not os.path.isdir(args.folder):
        print(f"photoclip search: no such folder: {args.folder}", file=sys.stderr)
        return 2
    with open_library(args) as library:
        warn_if_empty(library)
        waiting = library.catalog.missing_vector_count(library.model)
        if waiting:
            print(f"photoclip: {waiting} photos have no vectors yet, so no search finds them; "
                  "photoclip index adds them once the model is at hand.", file=sys.stderr)
        script = unread_script(" ".join([args.query, *args.negatives]), library)
        if script:
            print(language_hint(script), file=sys.stderr)
        filters = Filters(folder=args.folder, date_from=args.date_from, date_to=args.date_to)
        hits = search(library, query, limit=args.limit, filters=filters, weaker=args.all)
    if args.json:
        print(json.dumps([{"path": h.path, "score": round(h.score, 6), "relevant": h.relevant,
                           **({"text": h.text} if h.text else {})} for h in hits], ensure_ascii=False))
    else:
        for i, h in enumerate(hits):
            if not h.relevant and (i == 0 or hits[i - 1].relevant):
                sys.stdout.flush()
                print("-- weaker matches --", file=sys.stderr, flush=True)
            print(f"{h.score:6.3f}  {h.path}" + (f"  [text: {' '.join(h.text)}]" if h.text else ""),
                  flush=not h.relevant)
        shown = sum(h.relevant for h in hits)
        if not hits.relevant and hits.weaker and not args.all:
            print(f"No photo matches well; {hits.weaker} weaker matches (--all lists them).", file=sys.stderr)
        elif hits and not args.all:
            more = f"; {hits.relevant - shown} more relevant (--limit)" if hits.relevant > shown else ""
            print(f"{hits.relevant} relevant{more}; {hits.weaker} weaker matches not shown (--all lists them).",
                  file=sys.stderr)
    if not hits:
        if not hits.weaker:
            limits = [f"below {args.folder}" if args.folder else "",
                      f"taken from {args.date_from}" if args.date_from else "",
                      f"taken until {args.date_to}" if args.date_to else ""]
            limits = " and ".join(x for x in limits if x)
            print(f"photoclip search: no photo matches{' among those ' + limits if limits else ''}.",
                  file=sys.stderr)
        return 1
    return 0
