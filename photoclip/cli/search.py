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
    p.add_argument("--json", action="store_true", help='print [{"path", "score"}], best first')


def cmd_search(args) -> int:
    from ..core.search import Filters, parse_query, search

    query = parse_query(args.query)
    query.negatives += args.negatives
    query.images += args.image
    if query.empty:
        print("photoclip search: give words to look for, or --image PATH", file=sys.stderr)
        return 2
    with open_library(args) as library:
        warn_if_empty(library)
        filters = Filters(folder=args.folder, date_from=args.date_from, date_to=args.date_to)
        hits = search(library, query, limit=args.limit, filters=filters)
    if args.json:
        print(json.dumps([{"path": h.path, "score": round(h.score, 6)} for h in hits], ensure_ascii=False))
    else:
        for h in hits:
            print(f"{h.score:6.3f}  {h.path}")
    return 0
