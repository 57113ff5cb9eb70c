"""`photoclip watch`: keep the library true to its folders, headless, until Ctrl-C or SIGTERM.

It rescans the folders first (changes made while nothing watched), then indexes changes as they
happen and logs what it does. Ctrl-C or SIGTERM finish or roll back the batch in flight, save
the index and exit 0; a second Ctrl-C quits at once (the catalog stays consistent either way).
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time

PROGRESS_EVERY = 10.0  # seconds between progress lines during a long run
LOG_INFO_FROM = ("photoclip", "photoclip.core.worker", "photoclip.core.watcher")


def register(sub) -> None:
    p = sub.add_parser("watch", help="index changes in the library's folders as they happen, until Ctrl-C")
    p.set_defaults(func=cmd_watch)
    p.add_argument("paths", nargs="*", metavar="FOLDER", help="folders to add to the library first")
    p.add_argument("--poll", type=float, metavar="SECONDS",
                   help="look for changes every SECONDS instead of waiting to be told (for network "
                        "shares, where changes made by other machines are not reported)")
    p.add_argument("--batch-size", type=int, help="photos per model batch")
    p.add_argument("--workers", type=int, help="decoding threads")


class _Reporter:
    """Turns the worker's status into log lines: ready, progress now and then, errors."""

    def __init__(self, log: logging.Logger):
        self.log = log
        self.ready = False
        self.started = time.monotonic()
        self.last_progress = 0.0
        self.last_error: str | None = None

    def __call__(self, status) -> None:
        if status.state == "watching" and not self.ready:
            self.ready = True
            self.log.info("Ready: watching %d folder%s (start-up rescan took %.1f s). Ctrl-C to stop.",
                          len(status.folders), "" if len(status.folders) == 1 else "s",
                          time.monotonic() - self.started)
        elif status.state == "indexing" and status.total and time.monotonic() - self.last_progress >= PROGRESS_EVERY:
            self.last_progress = time.monotonic()
            eta = f", {status.eta:.0f} s left" if status.eta is not None else ""
            self.log.info("indexing %d/%d (%.1f photos/s%s)", status.done, status.total, status.rate, eta)
        if status.error and status.error != self.last_error:
            self.last_error = status.error
            self.log.error("error: %s", status.error)


def cmd_watch(args) -> int:
    from ..core.worker import LibraryWorker

    log = logging.getLogger("photoclip")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    if not args.verbose:  # what was done, warnings and errors; -v adds every module's details
        handler.addFilter(lambda r: r.levelno >= logging.WARNING or r.name in LOG_INFO_FROM)
    log.addHandler(handler)
    old_level, old_propagate = log.level, log.propagate
    log.setLevel(logging.INFO)
    log.propagate = False
    stop = threading.Event()

    def on_signal(signum, frame):
        if stop.is_set():
            print("photoclip: stopping at once", file=sys.stderr, flush=True)
            os._exit(130)
        stop.set()

    old_handlers = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        reporter = _Reporter(log)
        worker = LibraryWorker(args.library, model=args.model, device=args.device, watch=True,
                               on_status=reporter, poll_interval=args.poll,
                               batch_size=args.batch_size, workers=args.workers)
        for path in args.paths:
            worker.add_folder(path)  # before the start-up rescan, which then covers them
        worker.start()  # LibraryLocked names the process that holds the library
        try:
            if worker.previous_model:
                log.info("Model changed from %s to %s: photos are re-embedded with the new model.",
                         worker.previous_model, worker.model)
            if not args.paths and not worker.status.folders:
                print("No folders yet: photoclip watch FOLDER adds one.", file=sys.stderr)
                return 1
            log.info("Watching the library %s (model %s); rescanning its folders first.", worker.root, worker.model)
            while not stop.wait(0.5):
                if worker.status.state == "stopped":
                    log.error("the worker stopped unexpectedly")
                    return 1
            log.info("Stopping: finishing or rolling back the batch in flight (Ctrl-C again to quit at once).")
        finally:
            worker.stop()
        log.info("Stopped.")
        return 0
    finally:
        for s, h in old_handlers.items():
            signal.signal(s, h)
        log.removeHandler(handler)
        log.setLevel(old_level)
        log.propagate = old_propagate
