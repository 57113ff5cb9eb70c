"""`photoclip status`: what the library holds, and the files it skipped with the reason."""
from __future__ import annotations

import json

from .common import open_library


def register(sub) -> None:
    p = sub.add_parser("status", help="what the library holds")
    p.set_defaults(func=cmd_status)
    p.add_argument("--json", action="store_true", help="print a JSON object")


def cmd_status(args) -> int:
    with open_library(args) as library:
        status = library.status()
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=1))
        return 0
    print(f"Library: {status['library']}")
    print(f"Model:   {status['model']}")
    print(f"Runs in: {status['inference']}")
    print(f"Photos:  {status['photos']} ({status['embeddings_computed']} embedded over the library's life)")
    if status["missing_vectors"]:
        print(f"Waiting: {status['missing_vectors']} photos need vectors for this model (photoclip index)")
    print(status["text"])
    for f in status["folders"]:
        print(f"Folder:  {f}")
    if status["skipped"]:
        print(f"Skipped: {len(status['skipped'])} files")
        for s in status["skipped"]:
            print(f"  {s['path']}: {s['reason']}")
    return 0
