"""Text engines side by side, as measured before choosing (figures in README "Text in photos").

    .venv/bin/pip install pytesseract   # not a dependency: this comparison calls the tesseract program
    apt install tesseract-ocr tesseract-ocr-rus tesseract-ocr-spa tesseract-ocr-chi-sim
    .venv/bin/python benchmarks/ocr_engines.py [N]   # N signs per script (default 12), 1600x1200, SRC below

Engines: rapidocr-onnxruntime's whole pipeline (PP-OCRv4 detection, direction, recognition), the
same on the photo reduced to 640 px, whole-photo Tesseract (eng+spa+rus+chi_sim), and rapidocr's
detector with Tesseract `rus` on each detected line (axis-aligned crops). A sign counts as read
when its query word appears in the reading (case and accents ignored). Times are wall seconds
with onnxruntime's default threads. ENGINES=a,b limits the run; V=1 prints the misses.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image
from rapidocr_onnxruntime import RapidOCR

sys.path.insert(0, str(Path(__file__).resolve().parent))
import signs as S  # noqa: E402


def corpus(n: int):
    rng = random.Random(7)
    srcs = S.sources(Path(os.environ.get("SRC", "/work/bench/src")))
    out = Path(tempfile.mkdtemp())
    items = []
    for i, sign in enumerate(S.make_signs(n, rng)):
        img = S.photo(rng.choice(srcs), (1600, 1200), rng)
        S.draw_sign(img, sign, rng)
        path = out / f"s{i}.jpg"
        S.blur_and_save(img, path, rng)
        items.append((path, sign))
    for i in range(n):
        path = out / f"p{i}.jpg"
        S.photo(rng.choice(srcs), (1600, 1200), rng).save(path, quality=88)
        items.append((path, None))
    return items


def norm(t: str) -> str:
    t = unicodedata.normalize("NFKD", t.lower())
    return "".join(c for c in t if not unicodedata.combining(c)).replace(" ", "")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    items = corpus(n)
    ocr = RapidOCR()

    def bgr(img):
        return np.asarray(img)[:, :, ::-1].copy()

    def rapid(img):
        res, _ = ocr(bgr(img))
        return " ".join(r[1] for r in res or [])

    def rapid_small(img, side=640):
        k = side / max(img.size)
        return rapid(img.resize((round(img.width * k), round(img.height * k)), Image.BILINEAR))

    def tess(img):
        return pytesseract.image_to_string(img, lang="eng+spa+rus+chi_sim")

    def det_then_tess(img):
        boxes, _ = ocr.text_det(bgr(img))
        texts = []
        for b in [] if boxes is None else boxes:
            (x0, y0), (x1, y1) = b.min(0), b.max(0)
            crop = img.crop((max(0, x0 - 4), max(0, y0 - 4), x1 + 4, y1 + 4))
            texts.append(pytesseract.image_to_string(crop, lang="rus+eng", config="--psm 7"))
        return " ".join(texts)

    engines = {"rapidocr": rapid, "rapidocr@640": rapid_small, "tesseract": tess, "rapid-det+tess-rus": det_then_tess}
    only = os.environ.get("ENGINES")
    for name, read in engines.items():
        if only and name not in only.split(","):
            continue
        hits = {"latin": [0, 0], "cyrillic": [0, 0], "chinese": [0, 0]}
        t_sign = t_plain = 0.0
        false_text = 0
        for path, sign in items:
            img = Image.open(path).convert("RGB")
            started = time.perf_counter()
            text = read(img)
            seconds = time.perf_counter() - started
            if sign:
                t_sign += seconds
                ok = norm(sign.query) in norm(text)
                hits[sign.script][0] += ok
                hits[sign.script][1] += 1
                if not ok and os.environ.get("V"):
                    print("  miss", sign.script, sign.query, "|", " ".join(sign.words), "->", text.strip()[:80])
            else:
                t_plain += seconds
                false_text += bool(norm(text).strip())
        print(name, {k: f"{a}/{b}" for k, (a, b) in hits.items()},
              f"sign {t_sign / (3 * n):.3f} s/photo, plain {t_plain / n:.3f} s/photo, "
              f"plain with text read {false_text}/{n}", f"load {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
