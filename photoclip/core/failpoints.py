"""Named fault-injection points, for the crash tests only.

`failpoint("embed")` does nothing unless the environment variable PHOTOCLIP_FAILPOINTS names that
point, which only tests set, e.g. `PHOTOCLIP_FAILPOINTS="embed=kill@3,decode=sleep:0.5"`:
- `kill`: the process SIGKILLs itself (the real thing: no cleanup, no flush, no finally);
- `sleep:SECONDS`: slows the point down, to catch a process in the middle of its work;
- `wait:PATH`: holds the point until the file PATH exists (a test's gate), after creating
  `PATH.reached`, so a test knows, without guessing at times, that the process is there;
- `full`: raises OSError(ENOSPC), as a full disk does;
- `@N`: act from the Nth time the point is reached (default: the first).
The points: `decode` (a photo being read), `embed` (a batch going to the model), `catalog.commit`
(a batch's transaction written but not committed), `index.save` (half of the index files written),
`int8.export` (the image tower's int8 export being written).
"""
from __future__ import annotations

import errno
import os
import signal
import sys
import threading
import time
from collections import Counter

ENV = "PHOTOCLIP_FAILPOINTS"

_hits: Counter = Counter()
_lock = threading.Lock()


def failpoint(name: str) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    for item in spec.split(","):
        point, _, action = item.strip().partition("=")
        if point != name:
            continue
        action, _, nth = action.partition("@")
        with _lock:
            _hits[name] += 1
            hit = _hits[name]
        if hit < int(nth or 1):
            return
        if action == "kill":
            sys.stderr.write(f"failpoint {name}: hit {hit}, killing process {os.getpid()}\n")
            sys.stderr.flush()
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
            time.sleep(60)  # the signal lands at once; never carry on past a kill point
        elif action.startswith("sleep:"):
            time.sleep(float(action[len("sleep:"):]))
        elif action == "full":
            raise OSError(errno.ENOSPC, f"No space left on device (failpoint {name})")
        elif action.startswith("wait:"):
            gate = action[len("wait:"):]
            open(gate + ".reached", "a").close()
            while not os.path.exists(gate):
                time.sleep(0.02)
        else:
            raise ValueError(f"{ENV}: unknown action {action!r} for {name}")
