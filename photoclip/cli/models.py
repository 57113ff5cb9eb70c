"""`photoclip models`: which models there are, which one the library uses, and checking one."""
from __future__ import annotations

import json
import os


def register(sub) -> None:
    p = sub.add_parser("models", help="the models to choose from, the library's, and whether one can be used now")
    p.set_defaults(func=cmd_models)
    p.add_argument("--check", metavar="SPEC",
                   help="say whether this model can be used now: ok (exit 0), offline (1) or not found (2)")
    p.add_argument("--json", action="store_true", help="print a JSON object")


def cmd_models(args) -> int:
    from ..core import known_models
    from ..core.models import MODEL_CHOICES, check_model

    if args.check:
        check = check_model(args.check)
        if args.json:
            print(json.dumps({"model": check.spec, "state": check.state, "message": check.message}))
        else:
            print(f"{check.spec}: {check.state}" + (f": {check.message}" if check.message else ""))
        return {"ok": 0, "offline": 1}.get(check.state, 2)
    current = previous = None
    if args.library or os.environ.get("PHOTOCLIP_LIBRARY") or _default_exists():
        from .common import open_library

        with open_library(args) as library:
            current, previous = library.model, library.previous_model
    out = {"library_model": current, "previous_model": previous,
           "offered": [{"model": c.spec, "title": c.title, "note": c.note} for c in MODEL_CHOICES],
           "local_folders": known_models.local_folders()}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if current:
        print(f"This library: {current}")
    if previous:
        print(f"Before:       {previous} (photoclip --model {previous} index switches back; its vectors are kept)")
    print("Offered:")
    for c in MODEL_CHOICES:
        print(f"  {c.spec}  {c.title}: {c.note}")
    if out["local_folders"]:
        print("Local folders used before:")
        for spec in out["local_folders"]:
            print(f"  {spec}")
    return 0


def _default_exists() -> bool:
    from ..core.library import default_library_dir

    return default_library_dir().is_dir()
