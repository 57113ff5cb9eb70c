"""`photoclip search`: photos by words, by example photos, or both."""
from __future__ import annotations

import json
import sys
from datetime import date

from .common import open_library, warn_if_empty


def register(sub) -> None:
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
    p.add_argument("--all", action="store_true",
                   help="rank every photo: the relevant ones, then the weaker matches (default: only relevant)")
    p.add_argument("--json", action="store_true",
                   help='print [{"path", "score", "relevant"}]: relevant ones first, best first; '
                        '"text": the words found written in the photo')


def cmd_search(args) -> int:
    from ..core.language import language_hint, unread_script
    from ..core.search import Filters, parse_query, search

    query = parse_query(args.query)
    query.negatives += args.negatives
    query.images += args.image
    if query.empty:
        print("photoclip search: give words to look for, or --image PATH", file=sys.stderr)
        return 2
    with open_library(args) as library:
        warn_if_empty(library)
        script = unread_script(" ".join([args.query, *args.negatives]), library)
        if script:
            print(language_hint(script), file=sys.stderr)
        filters = Filters(folder=args.folder, date_from=args.date_from, date_to=args.date_to)
        hits = search(library, query, limit=args.limit, filters=filters, weaker=args.all)
    if args.json:
        print(json.dumps([{"path": h.path, "score": round(h.score, 6), "relevant": h.relevant,
                           **({"text": h.text} if h.text else {})} for h in hits], ensure_ascii=False))
        return 0
    for i, h in enumerate(hits):
        if not h.relevant and (i == 0 or hits[i - 1].relevant):
            sys.stdout.flush()
            print("-- weaker matches --", file=sys.stderr, flush=True)
        print(f"{h.score:6.3f}  {h.path}" + (f"  [text: {' '.join(h.text)}]" if h.text else ""), flush=not h.relevant)
    shown = sum(h.relevant for h in hits)
    if not hits.relevant and hits.weaker and not args.all:
        print(f"No photo matches well; {hits.weaker} weaker matches (--all lists them).", file=sys.stderr)
    elif not args.all:
        more = f"; {hits.relevant - shown} more relevant (--limit)" if hits.relevant > shown else ""
        print(f"{hits.relevant} relevant{more}; {hits.weaker} weaker matches not shown (--all lists them).",
              file=sys.stderr)
    return 0
