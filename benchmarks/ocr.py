"""Text in photos: recognition quality, search by a sign's word, and what recognition costs.

    .venv/bin/python benchmarks/ocr.py quality SRC [--per-script 40] [--plain 120] [--size 2000x1500]
    .venv/bin/python benchmarks/ocr.py overhead --photos WORK/photos-120 [--model local-dir:WORK/models/ViT-B-32-256]

quality: real photos (crops of the Debian wallpapers under SRC, see signs.py) with a sign rendered
into each (Latin, Cyrillic, Chinese; `--per-script` of each), among `--plain` photos without text,
indexed with recognition on (English, Spanish, Russian, Chinese) and the tiny CLIP, so that only the
text channel can find a sign. For each sign, one of its words is searched: is its photo first?
Also: was the word read exactly (before fuzzy matching), how many plain photos had "text" read,
and the recogniser's CPU time per photo, with and without text (thread time on the decode pool).

overhead: indexes the same photos with recognition off and on, alternating, each round in a new
library (the model loaded once, before), and prints the wall times side by side with the ratio.
The load average is printed beside each figure: the build machine is shared.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import signs as S  # noqa: E402

from photoclip.core import phototext  # noqa: E402
from photoclip.core.indexer import Indexer  # noqa: E402
from photoclip.core.library import Library  # noqa: E402
from photoclip.core.search import search  # noqa: E402
from photoclip.core.textengine import fold  # noqa: E402

ALL_LANGUAGES = ["en", "es", "ru", "zh"]


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def tiny_model() -> str:
    import toyworld

    return toyworld.TINY_CLIP_SPEC


class StepClock:
    """Thread CPU time of the text step per photo, by path."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    def wrap(self, step):
        inner = step.photo

        def timed(photo, data):
            started = time.thread_time()
            try:
                return inner(photo, data)
            finally:
                with self._lock:
                    self.seconds[photo.path] = time.thread_time() - started

        step.photo = timed


def write_corpus(src: Path, out: Path, per_script: int, plain: int, size: tuple[int, int], seed: int):
    rng = random.Random(seed)
    files = S.sources(src)
    signs, plains = {}, []
    for i, sign in enumerate(S.make_signs(per_script, rng)):
        img = S.photo(rng.choice(files), size, rng)
        S.draw_sign(img, sign, rng)
        path = out / f"sign-{i:04d}.jpg"
        S.blur_and_save(img, path, rng)
        signs[str(path)] = sign
    for i in range(plain):
        path = out / f"plain-{i:04d}.jpg"
        S.photo(rng.choice(files), size, rng).save(path, quality=88)
        plains.append(str(path))
    return signs, plains


def quality(args) -> None:
    size = tuple(int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        photos = args.keep or tmp / "photos"
        photos.mkdir(exist_ok=True)
        started = time.perf_counter()
        signs, plains = write_corpus(args.src, photos, args.per_script, args.plain, size, args.seed)
        print(f"corpus: {len(signs)} photos with a sign, {len(plains)} without, {size[0]}x{size[1]} "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
        lib = Library(tmp / "library", model=args.model, device="cpu", writer=True)
        try:
            lib.set_text_settings(phototext.TextSettings(True, ALL_LANGUAGES))
            clock = StepClock()
            clock.wrap(lib.text_step)
            lib.add_folder(photos)
            started = time.perf_counter()
            report = Indexer(lib).run()
            print(f"indexed {report.added} photos in {time.perf_counter() - started:.1f} s ({load()})", flush=True)
            first, read = defaultdict(list), defaultdict(list)
            misses = []
            for path, sign in signs.items():
                hits = search(lib, sign.query, limit=3)
                ok = bool(hits) and hits[0].path == str(Path(path).resolve())
                first[sign.script].append(ok)
                row = lib.catalog.photo_by_path(str(Path(path).resolve()))
                words = lib.catalog.text_words(row.fingerprint)
                read[sign.script].append(fold(sign.query).replace(" ", "") in
                                         fold(" ".join(w[0] for w in words)).replace(" ", ""))
                if not ok:
                    misses.append(f"  {sign.script}: {sign.query!r} on {' '.join(sign.words)!r}, read "
                                  f"{' '.join(w[0] for w in words)!r}; first hit "
                                  f"{Path(hits[0].path).name if hits else None}")
            plain_text = []
            for path in plains:
                row = lib.catalog.photo_by_path(str(Path(path).resolve()))
                plain_text.append(bool(lib.catalog.text_words(row.fingerprint)))
            print("\nsearching one word of a sign puts its photo first:")
            for script in first:
                n = len(first[script])
                print(f"  {script:9s} {sum(first[script]) / n:6.1%} ({sum(first[script])}/{n}); word read exactly "
                      f"{sum(read[script]) / n:6.1%}")
            print(f"plain photos with some text read: {sum(plain_text)}/{len(plain_text)}")
            sign_cpu = [clock.seconds[str(Path(p).resolve())] for p in signs if str(Path(p).resolve()) in clock.seconds]
            plain_cpu = [clock.seconds[str(Path(p).resolve())] for p in plains if str(Path(p).resolve()) in clock.seconds]
            print(f"recognition CPU per photo: with a sign median {statistics.median(sign_cpu) * 1000:.0f} ms "
                  f"(mean {statistics.mean(sign_cpu) * 1000:.0f}), without text median "
                  f"{statistics.median(plain_cpu) * 1000:.0f} ms (mean {statistics.mean(plain_cpu) * 1000:.0f}) ({load()})")
            if misses and args.verbose:
                print("misses:\n" + "\n".join(misses))
        finally:
            lib.close()


def overhead(args) -> None:
    photos = sorted(p for p in args.photos.iterdir() if p.suffix.lower() in (".jpg", ".jpeg"))[: args.limit]
    times = {False: [], True: []}
    cpu = {False: [], True: []}
    step_cpu: list[float] = []  # the text step's thread time per photo
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "photos"
        folder.mkdir()
        for p in photos:
            (folder / p.name).symlink_to(p.resolve())
        runs = [False, True] * args.rounds
        for i, text in enumerate([True] + runs):  # the first run warms up the model and the OCR sessions
            lib = Library(Path(tmp) / f"lib{i}", model=args.model, device="cpu", writer=True)
            try:
                lib.set_text_settings(phototext.TextSettings(text, ALL_LANGUAGES))
                clock = StepClock()
                clock.wrap(lib.text_step)
                lib.add_folder(folder)
                started, started_cpu = time.perf_counter(), time.process_time()
                report = Indexer(lib).run()
                seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
                found = lib.text_step.found
            finally:
                lib.close()
            if i:
                times[text].append(seconds)
                cpu[text].append(cpu_seconds)
            print(f"{'warm-up' if not i else ('text on ' if text else 'text off')}: {report.added} photos "
                  f"{seconds:.2f} s ({len(photos) / seconds:.1f}/s), CPU {cpu_seconds:.2f} s"
                  f"{f', text found in {found}' if text else ''} ({load()})", flush=True)
            if text and i:
                step_cpu.extend(clock.seconds.values())
    off, on = statistics.median(times[False]), statistics.median(times[True])
    print(f"median wall: off {off:.2f} s, on {on:.2f} s: recognition adds {on / off - 1:+.1%}")
    off, on = statistics.median(cpu[False]), statistics.median(cpu[True])
    print(f"median CPU (all threads; steadier on a shared machine): off {off:.2f} s, on {on:.2f} s: "
          f"recognition adds {on / off - 1:+.1%}")
    # Each on-run against the off-run just before it: the load drifts less within a pair.
    pairs = [b / a - 1 for a, b in zip(cpu[False], cpu[True])]
    print(f"CPU, pair by pair: {', '.join(f'{r:+.1%}' for r in pairs)}; median {statistics.median(pairs):+.1%}")
    print(f"the text step per photo (thread CPU): median {statistics.median(step_cpu) * 1000:.1f} ms, "
          f"mean {statistics.mean(step_cpu) * 1000:.1f} ms; indexing with it off: "
          f"{off / len(photos) * 1000:.0f} ms CPU per photo")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    q = sub.add_parser("quality")
    q.add_argument("src", type=Path)
    q.add_argument("--per-script", type=int, default=40)
    q.add_argument("--plain", type=int, default=120)
    q.add_argument("--size", default="2000x1500")
    q.add_argument("--seed", type=int, default=1)
    q.add_argument("--model", default=None, help="default: the tiny CLIP (the text channel alone)")
    q.add_argument("--verbose", action="store_true")
    q.add_argument("--keep", type=Path, help="write the photos here (and keep them)")
    o = sub.add_parser("overhead")
    o.add_argument("--photos", type=Path, required=True)
    o.add_argument("--model", default=None, help="default: the tiny CLIP")
    o.add_argument("--limit", type=int, default=120)
    o.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    args.model = args.model or tiny_model()
    quality(args) if args.what == "quality" else overhead(args)


if __name__ == "__main__":
    main()
