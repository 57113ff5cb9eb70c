"""Reading the text in a photo: where it is, then what it says.

    frame (the reduced decode) ──edge gate──▶ text-like regions? ──no──▶ done (most photos: ~2 ms)
                                                │ yes
                                  detector ──▶ lines (not square)? ──no──▶ done
                                                │ yes
                  first look: each line's start read on the frame ──▶ says something? ──no──▶ done
                                                │ yes
    the file's bytes ──decode larger──▶ line crops ──▶ PP-OCR recogniser (Latin, Chinese)
                                                   └─▶ Tesseract (Cyrillic, when Russian is chosen)

The gate, the detector's scale over large regions and the first look keep the cost on photos
without text low (benchmarks/ocr.py overhead); each was checked against the quality benchmark.

Measured on real photos with rendered signs (benchmarks/ocr.py, README "Text in photos"): the
PP-OCRv4 models inside the rapidocr-onnxruntime wheel detect every script and read Latin and
Chinese well, but read Cyrillic as Latin look-alikes ("pecmopaH"); Tesseract (Debian's
tesseract-ocr-rus through tesserocr) reads Cyrillic lines well once they are cut out and
straightened, yet is slow and poor on whole photos. So the detector finds the lines and gates
everything else, and each recogniser reads the lines it is good at.

Boxes are fractions of the (EXIF-oriented) photo's width and height, so any view can draw them.
Engines load lazily, once, under a lock; sessions are shared by the decode threads.
"""
from __future__ import annotations

import importlib.util
import io
import logging
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "es": "Spanish", "ru": "Russian", "zh": "Chinese"}
DETECT_SIDE = 500  # the detector's input, long side (a 12 MP JPEG's 1/8 decode): signs of 2.5 % of a photo's height and up
LINE_HEIGHT = 48  # the recogniser's input height; crops are cut from a decode that gives it
MAX_READ_SIDE = 2000  # the largest decode recognition asks for (a 12 MP JPEG's 1/2 decode)
MIN_LINE_SCORE = 0.5  # PP-OCR's own threshold for keeping a reading
# A line read on the frame this well (2+ letters) is worth reading properly. Texture read as text
# scores 0.26-0.38 at first look on the benchmark's real photos and would cost a larger decode
# (~100 ms); 0.4 keeps every sign the quality benchmark found at 0.2 (benchmarks/ocr.py quality).
FIRST_LOOK_SCORE = 0.4
FIRST_LOOK_RATIO = 4  # the first look reads a line's start, up to this many times its height
MIN_WORD_CONFIDENCE = 55  # Tesseract's, in percent
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                  "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata")


@dataclass
class Word:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 as fractions of the photo's size
    score: float


class EngineMissing(RuntimeError):
    """Recognition cannot run here; the message says why and what to install."""


def _model_dir() -> Path:
    """The PP-OCR models inside the rapidocr-onnxruntime wheel, found without importing it."""
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        raise EngineMissing("text recognition needs the rapidocr-onnxruntime package (uv sync installs it)")
    return Path(list(spec.submodule_search_locations)[0]) / "models"


def tessdata_dir() -> str | None:
    for d in ([os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []) + list(_TESSDATA_DIRS):
        if Path(d, "rus.traineddata").exists():
            return d
    return None


def _import_cv2():
    """rapidocr needs cv2; a cv2 built with Qt points Qt's plugin path at its own Qt 5 when imported,
    which would break the app's Qt 6: keep the environment as it was."""
    saved = {k: os.environ.get(k) for k in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")}
    import cv2  # noqa: F401

    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


class TextReader:
    """Finds and reads text in photos for the chosen languages (codes of LANGUAGES)."""

    def __init__(self, languages: list[str] | tuple[str, ...] = ("en",)):
        self.languages = tuple(sorted(set(languages) & set(LANGUAGES))) or ("en",)
        self._lock = threading.Lock()
        self._det = self._rec = None
        self._tess = threading.local()
        self._tessdata: str | None = None

    # -- what can run here ----------------------------------------------------------------------
    def problem(self) -> str | None:
        """None when every chosen language can be read, else one line saying what is missing."""
        try:
            _model_dir()
        except EngineMissing as e:
            return str(e)
        if importlib.util.find_spec("onnxruntime") is None:
            return "text recognition needs the onnxruntime package (uv sync installs it)"
        if "ru" in self.languages:
            if importlib.util.find_spec("tesserocr") is None:
                return "Russian text needs the tesserocr package (uv sync installs it)"
            if tessdata_dir() is None:
                return "Russian text needs Tesseract's Russian data (Debian/Ubuntu: apt install tesseract-ocr-rus)"
        return None

    def load(self) -> None:
        with self._lock:
            if self._det is not None:
                return
            models = _model_dir()
            _import_cv2()
            from rapidocr_onnxruntime.ch_ppocr_det import TextDetector
            from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer

            # One thread per session: the decode pool runs many photos at once.
            common = {"intra_op_num_threads": 1, "inter_op_num_threads": 1, "use_cuda": False, "use_dml": False}
            self._rec = TextRecognizer({**common, "model_path": str(models / "ch_PP-OCRv4_rec_infer.onnx"),
                                        "rec_img_shape": [3, LINE_HEIGHT, 2 * LINE_HEIGHT], "rec_batch_num": 6})
            self._det = TextDetector({**common, "model_path": str(models / "ch_PP-OCRv4_det_infer.onnx"),
                                      "limit_side_len": DETECT_SIDE, "limit_type": "max",
                                      "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "thresh": 0.2,
                                      "box_thresh": 0.4, "max_candidates": 200, "unclip_ratio": 1.6,
                                      "use_dilation": True, "score_mode": "fast"})
            self._tessdata = tessdata_dir() if "ru" in self.languages else None

    # -- reading --------------------------------------------------------------------------------
    def detect(self, frame: Image.Image) -> list[np.ndarray]:
        """Text lines in the frame (any size; it is reduced to DETECT_SIDE): quadrilaterals as
        fractions of the frame, clockwise from the top left."""
        self.load()
        k = min(1.0, DETECT_SIDE / max(frame.size))
        small = frame if k >= 1 else frame.resize((max(1, round(frame.width * k)), max(1, round(frame.height * k))),
                                                   Image.BILINEAR)
        small = small.convert("RGB")
        found = []
        regions = text_like_regions(small)
        # Regions over much of the frame are mostly texture (leaves, gravel, water): see REGION_SCALES.
        area = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in regions)
        share = area / (small.width * small.height)
        shrink = next((scale for above, scale in REGION_SCALES if share > above), 1.0)
        for x0, y0, x1, y1 in regions:
            crop = small.crop((x0, y0, x1, y1))
            if shrink < 1:
                crop = crop.resize((round(crop.width * shrink), round(crop.height * shrink)), Image.BILINEAR)
            boxes, _ = self._det(np.ascontiguousarray(np.asarray(crop)[:, :, ::-1]))
            if boxes is not None and len(boxes):
                found += [(b.astype(np.float32) / shrink + np.array([x0, y0], np.float32))
                          / np.array([small.width, small.height], np.float32) for b in boxes]
        return found

    def read(self, frame: Image.Image, data: bytes | None = None) -> list[Word]:
        """The words in a photo. `frame` is the photo (reduced, oriented); `data` its file's
        bytes, decoded larger only for lines that look like text but that the frame shows too small.

        Most lines the detector finds in photos without text are textures (leaves, tiles,
        gravel): square blobs, or lines that read as a stray character or two. So each line
        is first read as the frame shows it (no larger decode), and only lines whose first
        look says something are read properly: in a photo without text that first look is
        usually all recognition costs.
        """
        quads = [q for q in self.detect(frame) if not _square(q, frame.size)]
        if not quads:
            return []
        looks = [_crop(frame, q) for q in quads]
        looks = [c.crop((0, 0, min(c.width, FIRST_LOOK_RATIO * c.height), c.height)) for c in looks]
        first = self._rec([np.asarray(c)[:, :, ::-1] for c in looks])[0]
        quads = [q for q, (text, score) in zip(quads, first)
                 if score >= FIRST_LOOK_SCORE and sum(c.isalnum() for c in text) >= 2]
        if not quads:
            return []
        # Lines the frame shows too small are read from a larger decode of the file.
        big = frame
        smallest = min(_quad_size(q, frame.size)[1] for q in quads)
        want = min(MAX_READ_SIDE, round(max(frame.size) * LINE_HEIGHT / max(smallest, 1.0)))
        if data is not None and want > max(frame.size) * 1.2:
            big = decode_reduced(data, want) or frame
        crops = [_crop(big, q) for q in quads]
        lines = [(q, text.strip(), float(score)) for q, (text, score)
                 in zip(quads, self._rec([np.asarray(c)[:, :, ::-1] for c in crops])[0])]
        words: list[Word] = []
        for (quad, text, score), crop in zip(lines, crops):
            if text and score >= MIN_LINE_SCORE:
                line = _split_line(text, quad, score)
                words += line
                if "ru" in self.languages:  # Cyrillic read as Latin look-alikes: "6eper" is "берег"
                    words += [Word(c, w.box, w.score * 0.9) for w in line if (c := as_cyrillic(w.text))]
            if self._tessdata and len(CJK.findall(text)) * 2 < len(text.replace(" ", "")) + 1:  # not a Chinese line
                words += self._read_cyrillic(crop, quad)
        return words

    def _read_cyrillic(self, crop: Image.Image, quad: np.ndarray) -> list[Word]:
        api = getattr(self._tess, "api", None)
        if api is None:
            import tesserocr

            api = self._tess.api = tesserocr.PyTessBaseAPI(path=self._tessdata, lang="rus",
                                                           psm=tesserocr.PSM.SINGLE_LINE)
        gray = ImageOps.autocontrast(crop.convert("L"))
        if gray.height < 40:  # Tesseract reads lines of ~30-50 px best
            gray = gray.resize((round(gray.width * 40 / gray.height), 40), Image.BICUBIC)
        api.SetImage(ImageOps.expand(gray, border=8, fill=int(np.median(np.asarray(gray)))))
        text = api.GetUTF8Text()
        confidences = api.AllWordConfidences()
        tokens = text.split()
        if len(tokens) != len(confidences):
            confidences = [api.MeanTextConf()] * len(tokens)
        kept = " ".join(t for t, c in zip(tokens, confidences) if c >= MIN_WORD_CONFIDENCE and _CYRILLIC.search(t))
        return _split_line(kept, quad, float(np.mean(confidences or [0])) / 100) if kept else []


GATE_TILE = 16  # px of the detector's input
GATE_EDGE = 32  # grey levels between neighbours that make an edge
GATE_GROW = 4  # tiles
# Text-like regions over half the frame (together) are detected at 0.8 of the scale: largely
# textured photos cost the detector two thirds. Smaller scales, or shrinking smaller regions,
# lost signs of the quality benchmark (2.5 % of a photo's height and up; Cyrillic first).
REGION_SCALES = ((0.5, 0.8),)  # (share of the frame over which, the detector's scale), largest first
GATE_DENSITY = (0.13, 0.07)  # edges across and along a tile that text has at least (its best tiles: 0.2-0.6)


def text_like_regions(img: Image.Image) -> list[tuple[int, int, int, int]]:
    """Where in the image text may be, as pixel rectangles; [] where it cannot be.

    Text is dense in sharp edges both across and along its lines; smooth skies, walls and
    blurred backgrounds are not, so the detector looks only at the tiles that are (a photo
    without them costs ~1 ms instead of a detection). Neighbouring text-like tiles make one
    region; when they cover most of the image, the whole image is one region.
    """
    g = np.asarray(img.convert("L"), dtype=np.int16)
    t = GATE_TILE
    th, tw = (g.shape[0] - 1) // t, (g.shape[1] - 1) // t
    if th == 0 or tw == 0:
        return [(0, 0, img.width, img.height)]
    across = (np.abs(np.diff(g, axis=1))[:-1] > GATE_EDGE)[:th * t, :tw * t].reshape(th, t, tw, t).mean((1, 3))
    along = (np.abs(np.diff(g, axis=0))[:, :-1] > GATE_EDGE)[:th * t, :tw * t].reshape(th, t, tw, t).mean((1, 3))
    texty = (across > GATE_DENSITY[0]) & (along > GATE_DENSITY[1])
    if not texty.any():
        return []
    # Grow by a tile up and down (a line's plate) and GATE_GROW tiles sideways (a line's ends,
    # whose strokes may be sparser than its middle's), then group touching tiles.
    grown = texty.copy()
    grown[1:] |= texty[:-1]
    grown[:-1] |= texty[1:]
    for _ in range(GATE_GROW):
        grown[:, 1:] |= grown[:, :-1].copy()
        grown[:, :-1] |= grown[:, 1:].copy()
    if grown.mean() > 0.5:
        return [(0, 0, img.width, img.height)]
    seen = np.zeros_like(grown)
    regions = []
    for start in zip(*np.nonzero(grown)):
        if seen[start]:
            continue
        seen[start] = True
        stack, cells = [start], []
        while stack:
            r, c = stack.pop()
            cells.append((r, c))
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < th and 0 <= nc < tw and grown[nr, nc] and not seen[nr, nc]:
                    seen[nr, nc] = True
                    stack.append((nr, nc))
        rows, cols = [r for r, _ in cells], [c for _, c in cells]
        regions.append((min(cols) * t, min(rows) * t, min(img.width, (max(cols) + 1) * t + t // 2),
                        min(img.height, (max(rows) + 1) * t + t // 2)))
    return regions


# Latin letters and digits the PP-OCR recogniser (which knows no Cyrillic) reads Cyrillic ones as.
_LOOK_ALIKES = {"bI": "ы", "bl": "ы", "BI": "ы", "Bl": "ы", "A": "а", "a": "а", "B": "в", "b": "ь", "C": "с", "c": "с", "E": "е",
                "e": "е", "H": "н", "h": "н", "K": "к", "k": "к", "M": "м", "m": "т", "O": "о", "o": "о",
                "P": "р", "p": "р", "T": "т", "t": "т", "X": "х", "x": "х", "Y": "у", "y": "у", "u": "и",
                "n": "п", "r": "г", "3": "з", "6": "б", "N": "и", "W": "ш", "w": "ш", "J": "л", "R": "я",
                "g": "д", "0": "о"}
_LOOK_ALIKE_WORD = re.compile("(?:" + "|".join(sorted(_LOOK_ALIKES, key=len, reverse=True)) + ")+")


def as_cyrillic(word: str) -> str | None:
    """The Cyrillic word a reading made only of look-alikes may be ("pecTopaH": "ресторан"), for
    the index beside the reading itself; None for a word that cannot be one."""
    core = word.strip(".,:;!?\"'()")
    if len(core) < 3 or not _LOOK_ALIKE_WORD.fullmatch(core) or core.isdigit():
        return None
    return _LOOK_ALIKE_WORD.sub(lambda m: "".join(_look_alike_run(m.group())), core)


def _look_alike_run(run: str):
    i = 0
    while i < len(run):
        if run[i:i + 2] in _LOOK_ALIKES:
            yield _LOOK_ALIKES[run[i:i + 2]]
            i += 2
        else:
            yield _LOOK_ALIKES[run[i]]
            i += 1


def _quad_size(quad: np.ndarray, size: tuple[int, int]) -> tuple[float, float]:
    q = quad * np.array(size, np.float32)
    return (float(max(np.linalg.norm(q[0] - q[1]), np.linalg.norm(q[3] - q[2]))),
            float(max(np.linalg.norm(q[0] - q[3]), np.linalg.norm(q[1] - q[2]))))


def _square(quad: np.ndarray, size: tuple[int, int]) -> bool:
    """A square box holds a blob or a single character, which search cannot rely on anyway."""
    w, h = _quad_size(quad, size)
    return 1 / 1.3 < w / max(h, 1.0) < 1.3


def _crop(img: Image.Image, quad: np.ndarray) -> Image.Image:
    """The line cut out along its (possibly tilted) box and straightened."""
    w, h = _quad_size(quad, img.size)
    w, h = max(1, round(w)), max(1, round(h))
    q = quad * np.array(img.size, np.float32)
    # PIL's QUAD wants the source corners top-left, bottom-left, bottom-right, top-right.
    data = [float(v) for p in (q[0], q[3], q[2], q[1]) for v in p]
    out = img.transform((w, h), Image.QUAD, data, Image.BICUBIC)
    return out.rotate(90, expand=True) if h >= 1.5 * w else out


def decode_reduced(data: bytes, side: int) -> Image.Image | None:
    """The photo, EXIF-oriented RGB, its long side at most `side` (JPEGs decode reduced); None
    when it cannot be decoded (the indexer's own decode reports why)."""
    try:
        img = Image.open(io.BytesIO(data))
        if img.format == "JPEG":
            k = side / max(img.size)
            img.draft("RGB", (max(1, round(img.width * k)), max(1, round(img.height * k))))
        img = ImageOps.exif_transpose(img).convert("RGB")
        k = side / max(img.size)
        return img.resize((round(img.width * k), round(img.height * k)), Image.BILINEAR) if k < 1 else img
    except Exception:
        log.debug("decoding for text recognition failed", exc_info=True)
        return None


def _split_line(text: str, quad: np.ndarray, score: float) -> list[Word]:
    """A line's words, each with its share of the line's box (by characters: close enough to
    highlight a word). Chinese runs stay whole: the index splits them into characters."""
    x0, y0 = quad.min(0)
    x1, y1 = quad.max(0)
    n = max(1, len(text))
    words = []
    for m in re.finditer(r"\S+", text):
        a, b = m.start() / n, m.end() / n
        words.append(Word(m.group(), (float(x0 + (x1 - x0) * a), float(y0), float(x0 + (x1 - x0) * b), float(y1)), score))
    return words


def fold(text: str) -> str:
    """The form words are indexed and searched in: lower case, no accents, Chinese characters
    as words of their own (FTS5's unicode61 keeps a run of them as one token)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return CJK.sub(lambda m: f" {m.group()} ", text)
