"""The `photoclip tag` command: define auto-tags, review them, export them as XMP keywords."""
from __future__ import annotations

import json
import sys

from .common import open_library, resolved


def register(sub) -> None:
    tag = sub.add_parser("tag", help="auto-tags: categories in your own words, assigned by what is in the photos")
    tsub = tag.add_subparsers(dest="tag_command", metavar="ACTION", required=True)

    p = tsub.add_parser("add", help="define a tag by the words that describe it")
    p.set_defaults(func=cmd_add)
    p.add_argument("name", help="the tag's name (also its keyword in XMP sidecars)")
    _definition_options(p)

    p = tsub.add_parser("edit", help="change a tag's prompts, sensitivity or name (decisions are kept)")
    p.set_defaults(func=cmd_edit)
    p.add_argument("name")
    _definition_options(p)
    p.add_argument("--rename", metavar="NEW", help="give the tag a new name")
    p.add_argument("--auto", dest="auto", action="store_true", default=None,
                   help="let the tag find photos by itself (a keyword imported from sidecars starts without)")
    p.add_argument("--no-auto", dest="auto", action="store_false",
                   help="only photos you confirmed carry the tag")

    p = tsub.add_parser("list", help="the tags and how many photos carry each")
    p.set_defaults(func=cmd_list)
    p.add_argument("--json", action="store_true", help="print a JSON list")

    p = tsub.add_parser("show", help="the photos that carry a tag, best first")
    p.set_defaults(func=cmd_show)
    p.add_argument("name")
    p.add_argument("--sensitivity", type=float, metavar="X",
                   help="preview another sensitivity (0-1) without changing the tag")
    p.add_argument("--rejected", action="store_true", help="also list the photos you rejected")
    p.add_argument("--json", action="store_true", help='print [{"path", "score", "state"}]')

    p = tsub.add_parser("suggest", help="photos worth reviewing to teach a tag (confirm or reject them)")
    p.set_defaults(func=cmd_suggest)
    p.add_argument("name")
    p.add_argument("--count", type=int, default=12, help="how many (default 12)")
    p.add_argument("--json", action="store_true", help='print [{"path", "score"}]')

    for action, helptext in (("confirm", "say that these photos carry the tag"),
                             ("reject", "say that these photos do not carry the tag"),
                             ("clear", "forget your decision on these photos (the automatic one applies)")):
        p = tsub.add_parser(action, help=helptext)
        p.set_defaults(func=cmd_decide, action=action)
        p.add_argument("name")
        p.add_argument("paths", nargs="+", metavar="PATH", help="photos in the library")

    p = tsub.add_parser("remove", help="delete a tag and your decisions about it (photos are not touched)")
    p.set_defaults(func=cmd_remove)
    p.add_argument("name")

    p = tsub.add_parser("export-xmp", help="write tags as keywords into XMP sidecars (PHOTO.EXT.xmp)")
    p.set_defaults(func=cmd_export)
    p.add_argument("names", nargs="*", metavar="NAME", help="tags to export (default: all)")


def _definition_options(p) -> None:
    p.add_argument("--prompt", dest="prompts", action="append", metavar="TEXT",
                   help="words describing what the tag is; repeat for more (default: the name)")
    p.add_argument("--negative", dest="negatives", action="append", metavar="TEXT",
                   help="what the tag is not, though it looks alike; repeat for more")
    p.add_argument("--sensitivity", type=float, metavar="X",
                   help="0-1: higher tags more photos (default 0.5)")


def _store(library):
    from ..core.tags import TagStore

    return TagStore(library)


def _carried(store, tag) -> str:
    return f"{store.count_at(tag, tag.sensitivity)} of {store.library.catalog.photo_count()} photos"


def cmd_add(args) -> int:
    from ..core.tags import DEFAULT_SENSITIVITY

    with open_library(args) as library:
        store = _store(library)
        tag = store.add(args.name, args.prompts, args.negatives or (),
                        DEFAULT_SENSITIVITY if args.sensitivity is None else args.sensitivity)
        print(f"Added tag {tag.name!r}: {_carried(store, tag)} at sensitivity {tag.sensitivity:g}.", file=sys.stderr)
    return 0


def cmd_edit(args) -> int:
    with open_library(args) as library:
        store = _store(library)
        tag = store.update(args.name, name=args.rename, prompts=args.prompts, negatives=args.negatives,
                           sensitivity=args.sensitivity, auto=args.auto)
        print(f"Tag {tag.name!r}: {_carried(store, tag)} at sensitivity {tag.sensitivity:g}.", file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    with open_library(args) as library:
        summary = _store(library).summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return 0
    if not summary:
        print('No tags yet: photoclip tag add NAME --prompt "what it shows" adds one.', file=sys.stderr)
    for t in summary:
        words = "; ".join(t["prompts"]) + (f"; not: {'; '.join(t['negatives'])}" if t["negatives"] else "")
        mode = f"sensitivity {t['sensitivity']:g}" if t["auto"] else "keyword only"
        learnt = f", learnt from {t['learnt_from']} examples" if t["learnt_from"] else ""
        print(f"{t['name']}: {t['photos']} photos ({t['confirmed']} confirmed, {t['rejected']} rejected{learnt}), "
              f"{mode} [{words}]")
    return 0


def _print_photos(out: list[dict], as_json: bool) -> None:
    """[{"path", "score", "state"?}] as JSON, or as aligned lines: score, state, path."""
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
        return
    for o in out:
        score = "   -  " if o["score"] is None else f"{o['score']:6.3f}"
        state = f"  {o['state']:9s}" if "state" in o else ""
        print(f"{score}{state}  {o['path']}")


def cmd_show(args) -> int:
    with open_library(args) as library:
        store = _store(library)
        tag = store.get(args.name)
        found = store.assignments(tag, sensitivity=args.sensitivity, include_rejected=args.rejected)
        rows = library.catalog.photos(a.photo_id for a in found)
    out = [{"path": rows[a.photo_id].path, "score": None if a.score is None else round(a.score, 6), "state": a.state}
           for a in found if a.photo_id in rows]
    _print_photos(out, args.json)
    if args.json:
        return 0
    carried = sum(o["state"] != "rejected" for o in out)
    at = args.sensitivity if args.sensitivity is not None else tag.sensitivity
    print(f"{carried} photos carry {tag.name!r} at sensitivity {at:g}.", file=sys.stderr)
    return 0


def cmd_suggest(args) -> int:
    with open_library(args) as library:
        store = _store(library)
        tag = store.get(args.name)
        ids = store.suggest(tag, args.count)
        scores = store.score_all([tag])[tag.id]
        score_of = dict(zip(scores.ids.tolist(), scores.probs.tolist()))
        rows = library.catalog.photos(ids)
    out = [{"path": rows[i].path, "score": round(score_of[i], 6)} for i in ids if i in rows]
    _print_photos(out, args.json)
    if args.json:
        return 0
    print(f"Confirm the right ones and reject the wrong ones (photoclip tag confirm|reject {tag.name!r} PATH...):"
          " a few of each teach the tag what you mean.", file=sys.stderr)
    return 0


def cmd_decide(args) -> int:
    with open_library(args) as library:
        store = _store(library)
        tag = store.get(args.name)
        ids, unknown = [], []
        for p in args.paths:
            row = library.catalog.photo_by_path(resolved(p))
            (ids.append(row.id) if row else unknown.append(p))
        if unknown:  # all or nothing: a typo must not leave half a decision behind
            print("photoclip tag: not in the library (nothing was changed): " + ", ".join(unknown), file=sys.stderr)
            return 2
        previous = getattr(store, args.action)(tag, ids)
    verb = {"confirm": "Confirmed", "reject": "Rejected", "clear": "Cleared the decisions on"}[args.action]
    print(f"{verb} {tag.name!r} for {len(ids)} photos ({len(previous)} distinct contents).", file=sys.stderr)
    return 0


def cmd_remove(args) -> int:
    with open_library(args) as library:
        removed = _store(library).remove(args.name)
    print(f"Removed tag {removed.tag.name!r} and {len(removed.decisions)} decisions about it; "
          "no photo or sidecar was changed.", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    with open_library(args) as library:
        store = _store(library)
        report = store.export_xmp(args.names or None)
    for _path, reason in report.failed:
        print(f"photoclip tag: {reason}", file=sys.stderr)
    print(f"{report.written} sidecars written, {report.unchanged} already up to date"
          + (f", {report.missing} photos not found (their sidecars were not touched)" if report.missing else "")
          + (f", {len(report.failed)} failed" if report.failed else "") + ".", file=sys.stderr)
    return 1 if report.failed else 0
