"""Is it the same picture? A pixel-level test on small thumbnails, for the duplicate finder.

Embeddings say two photos show the same *kind* of thing; this module says whether one file was
made from the other: resized, re-encoded, brightened or faded, lightly cropped (up to 10 % a
side), blurred, turned by 90° steps or mirrored. Two shots of the same scene, even a second
apart, are not the same picture; `similar` is the looser test for those (bursts).

Every photo is boiled down once to a `PixelPrint`: the whole frame squashed to a 64×64 colour
thumbnail (the true aspect ratio kept beside it), and what the keep-best rule needs (JPEG
quality, EXIF richness). To find which pairs to compare among many photos, each also gets a
look-alike signature (`signatures`: 64 numbers, the same for a copy whatever its turn or
brightness), made by the indexer from pixels it has decoded anyway. Comparing two prints
(`compare_many` does many pairs at once):

1. Every turn/mirror of B and both directions (B inside A, A inside B), with the crop boxes the
   rules allow (uniform scale, so a box's shape follows from the two aspect ratios, and no side
   cut by more than 10 %): a few boxes each at 8 px pick the likely ones, a finer grid at 16 px
   rejects the pairs nothing fits (most pairs end here).
2. The best one or two are refined at 16 px, the best of them at 32 px, in ever smaller steps,
   scoring a box by the share of the picture's variation no brightness gain and offset explains.
3. The verdict on the best box. Structure: after the brightness fit, the error left must be
   small over the frame and in every cell of a 4×4 grid (a burst shot, new along one edge,
   fails); each channel is compared on its own, so a channel blown out in one copy only counts
   where the clip cannot explain the difference. Colour identity: the flat areas (sky, walls, a
   plain background, a solid shape) must keep their exact colours up to that one brightness
   change. A re-encode or resize keeps them to a level or two; a separately taken or drawn photo
   of the same thing almost never does (backgrounds and objects differ by a few levels per
   channel, each its own way), however well its shapes line up with a crop. A plain frame
   whose colours say little (a white background and one shape, say) must fit more closely.
"""
from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from .imaging import DECODE_THUMB_SIDE, Preprocess, _to_rgb, decode, read_file
from .ingest import IngestPhoto, IngestStep
from .util import chunked

SIDE = DECODE_THUMB_SIDE  # the thumbnail's side (RGB: 12 KB); verdicts are taken at half that, from resampled pixels
VERSION = 2  # bump when a print or a verdict would come out differently: caches are keyed on it

MAX_CUT = 0.10  # a crop may remove this much of the frame on each side
SCALE_SLACK = 0.02  # rounding in resizes: a box's sides may be this much off
GAIN_RANGE = (0.55, 1.8)  # brightness ±15 % and a 25 % blend of mid-grey noise, either way
DUP_RMS = 6.0  # levels (0-255, all channels) of error left after the brightness fit, whole frame
DUP_CELL = 10.0  # ... and in the worst of the 4×4 cells
DUP_COLOUR = 3.0  # ... and the most a flat area's colour may be off, in any channel
PLAIN = 0.5  # a frame at least this flat, with fewer than two colours to compare, ...
DUP_RMS_PLAIN = 4.5  # ... must fit this closely (a plain background and one shape line up by chance)
DUP_CELL_PLAIN = 8.0
FLAT = 6.0  # a 3×3 patch of the 32 px thumbnail varying less than this in every channel is flat
FLAT_AREA = 3  # pixels (of 32×32) of one colour that make a flat area worth comparing
FLAT_SHARE = 0.1  # colours are compared where at least this share of the frame is flat
COARSE_REJECT = 0.2  # misfit (1 - r²) at 16 px past which no refinement could make a duplicate
CLIPPED = 250.0  # a channel at or above this (or at 255 - CLIPPED or below) may have been clipped
SIM_SHIFT = 0.25  # similar shots: the frame may move this far ...
SIM_SCALE = (0.8, 1.25)  # ... and zoom this much
SIM_OVERLAP = 0.6  # ... and must still share this much of the frame
SIM_RMS = 15.0  # ... with this much error left on the shared part

_TINY = 8  # which turns could fit is tried on 8 px thumbnails, ...
_COARSE = 16  # boxes on 16 px ones ...
_JUDGE = SIDE // 2  # ... then refined and judged at 32 px
_GAINS = np.geomspace(*GAIN_RANGE, 41).astype(np.float32)  # brightness gains tried
_LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)  # ITU-R 601


@dataclass(eq=False)
class PixelPrint:
    """What the duplicate finder needs to know about one photo's content."""

    width: int  # as displayed (after the EXIF rotation)
    height: int
    thumb: np.ndarray  # SIDE×SIDE×3 uint8 RGB: the whole frame squashed to a square
    quality: int | None = None  # JPEG quality estimated from the quantisation tables (IJG scale)
    lossless: bool = False
    exif_fields: int = 0  # how much metadata the file carries
    software: str | None = None  # EXIF Software: which program last wrote the file

    @property
    def pixels(self) -> int:
        return self.width * self.height

    def levels(self) -> dict:
        """The thumbnails as the comparison uses them (float, [.., S, S]); made on demand, not kept:
        a run compares thousands of prints, and these are several times their size."""
        return {k: v[0] for k, v in _levels([self]).items()}


def _levels(prints: Sequence[PixelPrint]) -> dict:
    """The comparison's thumbnails of several prints, stacked: {level: [N, .., S, S]}."""
    rgb = np.moveaxis(np.stack([p.thumb for p in prints]).astype(np.float32), 3, 1)  # [N, 3, 64, 64]
    grey = np.einsum("c,ncij->nij", _LUMA, rgb)
    return {
        "tiny": _pool(grey, _TINY),  # where to search
        "coarse": _pool(grey, _COARSE),
        "fine": _pool(grey, _JUDGE),
        "outer": _soften(rgb, 2),  # what to judge: the frame resampled ...
        "inner": _pool(_soften(rgb, 3), _JUDGE),  # ... and the frame it is held against
        "flat": _pool(rgb, _JUDGE),  # colours as they are
    }


THUMB_PREP = Preprocess(size=SIDE, interpolation="bicubic", resize_mode="squash")
_LOSSLESS = {"PNG", "TIFF", "BMP", "GIF", "PPM", "TGA"}


def read_print(path: Path, data: bytes | None = None) -> PixelPrint:
    """One photo's print (raises imaging.SkipFile with a reason for an unusable file)."""
    data = read_file(Path(path)) if data is None else data
    decoded = decode(Path(path), THUMB_PREP, data=data, fingerprint="-")
    quality, lossless, fields, software = None, False, 0, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = Image.open(io.BytesIO(data))  # the header only: no pixels are decoded here
            lossless = img.format in _LOSSLESS or (img.format == "WEBP" and bool(img.info.get("lossless")))
            if img.format == "JPEG":
                quality = jpeg_quality(img.quantization)
            exif = img.getexif()
            fields = len(exif) + len(exif.get_ifd(0x8769)) + len(exif.get_ifd(0x8825))
            software = str(exif.get(0x0131, "")).strip("\x00 ") or None
    except Exception:  # metadata only ranks the copies; a photo that decoded is still compared
        pass
    return PixelPrint(decoded.width, decoded.height, np.ascontiguousarray(decoded.pixels, dtype=np.uint8),
                      quality, lossless, fields, software)


_IJG_LUMA = np.array([
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99], dtype=np.float64)
_IJG_SORTED = np.sort(np.stack([
    np.clip(np.floor((_IJG_LUMA * (5000 / q if q < 50 else 200 - 2 * q) + 50) / 100), 1, 255)
    for q in range(1, 101)]), axis=1)


def jpeg_quality(tables: dict) -> int | None:
    """The IJG quality (1-100) whose luminance table is nearest the file's (libjpeg, Pillow, most
    cameras). Sorted values are compared, so the table's scan order does not matter."""
    luma = tables.get(0) if tables else None
    if luma is None or len(luma) != 64:
        return None
    diff = np.abs(_IJG_SORTED - np.sort(np.asarray(luma, dtype=np.float64))).mean(axis=1)
    return int(np.argmin(diff)) + 1


def sharpness(path: Path) -> float:
    """Detail at the file's own resolution: mean squared Laplacian of the grey image (higher: sharper)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        img = Image.open(io.BytesIO(read_file(Path(path))))
        img = ImageOps.exif_transpose(img)
        grey = np.asarray(_to_rgb(img).convert("L"), dtype=np.float32)
    lap = grey[1:-1, :-2] + grey[1:-1, 2:] + grey[:-2, 1:-1] + grey[2:, 1:-1] - 4 * grey[1:-1, 1:-1]
    return float(np.mean(lap * lap)) if lap.size else 0.0


# -- finding look-alikes -------------------------------------------------------------------------
SIGNATURE_SIDE = 8
SIGNATURE_VERSION = 1  # bump when `signatures` would come out differently
# Which way up a signature is stored: the turn or mirror that brings the frame's brightness
# nearest this slanted ramp (its weight towards the top left). A slant, so no two turns tie.
_RAMP = (np.add.outer(np.arange(SIGNATURE_SIDE), 0.37 * np.arange(SIGNATURE_SIDE)) - 3.5 * 1.37).astype(np.float32)


def signatures(thumbs: np.ndarray) -> np.ndarray:
    """[N, SIDE, SIDE, 3] uint8 thumbnails -> [N, 64] float16 unit vectors that a copy's print
    shares with its original, for a nearest-neighbour search of candidate pairs: the 8×8 grey
    image with brightness and contrast taken out, turned and mirrored to a standard way up
    (`upright`), so that a turned or mirrored copy comes out alike."""
    grey = _pool(np.einsum("c,nijc->nij", _LUMA, thumbs.astype(np.float32)), SIGNATURE_SIDE)
    grey -= grey.mean(axis=(1, 2), keepdims=True)
    grey /= np.maximum(np.sqrt((grey * grey).sum(axis=(1, 2), keepdims=True)), 1e-3)
    return upright(grey, 0).reshape(len(grey), -1).astype(np.float16)


def stored_signature(blob) -> np.ndarray | None:
    """A signature as the store keeps it; None for a damaged row (it is made again)."""
    if not isinstance(blob, bytes) or len(blob) != SIGNATURE_SIDE ** 2 * 2:
        return None
    signature = np.frombuffer(blob, dtype=np.float16)
    return signature if np.isfinite(signature).all() else None


def make_and_store_signatures(store, thumbs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The signatures of these thumbnails (content fingerprint -> SIDE² RGB), made and stored
    in the catalog (photoclip.core.store.Store); returns them."""
    if not thumbs:
        return {}
    made = dict(zip(thumbs, signatures(np.stack(list(thumbs.values())))))
    store.store_signatures(SIGNATURE_VERSION, {fp: sig.tobytes() for fp, sig in made.items()})
    return made


class SignatureStep(IngestStep):
    """Ingest step: each new content's look-alike signature, made from the decode's thumbnail
    while the pixels are at hand (the duplicate finder makes the missing ones from the file)."""

    name = "signatures"

    def batch(self, store, photos: list[IngestPhoto]) -> None:
        make_and_store_signatures(store, {p.fingerprint: p.decoded.thumb for p in photos
                                          if p.decoded.thumb is not None})


def upright(grey: np.ndarray, rank: int) -> np.ndarray:
    """[N, 8, 8] -> each image turned/mirrored the way that scores best (rank 0), or second best."""
    turned = np.stack([_orient(grey, o) for o in range(8)], axis=1)  # [N, 8, 8, 8]
    score = np.einsum("noij,ij->no", turned, _RAMP)
    pick = np.argsort(-score, axis=1)[:, rank]
    return turned[np.arange(len(grey)), pick]


def runner_up(signatures_: np.ndarray) -> np.ndarray:
    """[N, 64] stored signatures -> the same images stood their second-best way up: a copy's
    own ranking of two close ways may come out the other way round, so searches try both."""
    grey = signatures_.astype(np.float32).reshape(-1, SIGNATURE_SIDE, SIGNATURE_SIDE)
    return upright(grey, 1).reshape(len(grey), -1)


# -- comparing two prints -------------------------------------------------------------------------
@dataclass
class Verdict:
    """How well the best alignment of two prints fits, and what the rules make of it."""

    same: bool  # duplicate (compare) or similar shot (similar)
    error: float  # grey levels of error left after the brightness fit (whole frame or shared part)
    cell_error: float  # ... in the worst cell of a 4×4 grid
    orientation: int = 0  # the turn/mirror of B that lines up with A: 4 * mirrored + quarter turns
    inner: str | None = None  # "a" or "b": the one that is a crop of the other; None if neither
    colour_error: float | None = None  # the worst flat-area colour mismatch; None: no flat area to compare


_NONE = Verdict(False, float("inf"), float("inf"))
_CHUNK = 96  # pairs compared together: numpy's per-call cost is paid once for all of them


def compare(a: PixelPrint, b: PixelPrint) -> Verdict:
    """Is B the same picture as A after any of the allowed edits, made in either direction?"""
    return compare_many([(a, b)])[0]


def compare_many(pairs: Sequence[tuple[PixelPrint, PixelPrint]]) -> list[Verdict]:
    """`compare` for many pairs: the same verdicts, several times faster (each step runs on a
    whole chunk of pairs at once). Pairs that share a print are best kept close together."""
    verdicts: list[Verdict] = []
    for chunk in chunked(pairs, _CHUNK):
        verdicts += _Chunk(chunk).verdicts()
    return verdicts


class _Chunk:
    """One chunk of pairs on their way through the stages of the comparison."""

    def __init__(self, pairs: Sequence[tuple[PixelPrint, PixelPrint]]):
        self.pairs = pairs
        slots: dict[int, int] = {}
        prints = []
        for pair in pairs:
            for p in pair:
                if id(p) not in slots:
                    slots[id(p)] = len(prints)
                    prints.append(p)
        self.levels = _levels(prints)
        a_slot = np.array([slots[id(a)] for a, _ in pairs], dtype=np.int64)
        b_slot = np.array([slots[id(b)] for _, b in pairs], dtype=np.int64)
        aspect = np.array([[a.width / a.height, b.width / b.height] for a, b in pairs])
        # Hypotheses: every pair × turn of B (o = 4 * mirrored + quarter turns) × direction, kept
        # where some allowed crop turns one frame's shape into the other's; grouped by pair.
        pair, turn, a_in = (g.ravel() for g in np.meshgrid(np.arange(len(pairs)), np.arange(8), [False, True],
                                                            indexing="ij"))
        b_aspect = np.where(turn % 2 == 1, 1 / aspect[pair, 1], aspect[pair, 1])
        ratio = aspect[pair, 0] / b_aspect  # h/w of B's box inside A
        ratio = np.round(np.where(a_in, 1 / ratio, ratio), 3)
        lo = 1 - 2 * MAX_CUT
        ok = (np.maximum(lo, lo / ratio) - SCALE_SLACK <= np.minimum(1.0, 1.0 / ratio) + SCALE_SLACK)
        self.pair_of, self.turn, self.a_in, self.ratio = pair[ok], turn[ok], a_in[ok], ratio[ok]
        # Where each hypothesis finds its outer and inner photo: (print slot, turn); A is never turned.
        slot_a, slot_b = a_slot[self.pair_of], b_slot[self.pair_of]
        self.where = {"outer": (np.where(self.a_in, slot_b, slot_a), np.where(self.a_in, self.turn, 0)),
                      "inner": (np.where(self.a_in, slot_a, slot_b), np.where(self.a_in, 0, self.turn))}

    def stack(self, hs: np.ndarray, level: str, role: str) -> np.ndarray:
        """One thumbnail level of these hypotheses' outer (the uncut frame) or inner photos."""
        slot, turn = (v[hs] for v in self.where[role])
        out = self.levels[level][slot]
        for o in np.unique(turn):
            if o:
                m = turn == o
                out[m] = _orient(out[m], int(o))
        return out

    def verdicts(self) -> list[Verdict]:
        out = [_NONE] * len(self.pairs)
        if not len(self.pair_of):
            return out
        # 1. Which turns and directions could fit: a few boxes each, at 8 px.
        hs = np.arange(len(self.pair_of))
        err, owner, _ = self.try_boxes(hs, 0.1, "tiny")
        per = self.best_per_hyp(err, owner)
        likely = []
        for _, mine in self.by_pair(hs):
            ranked = mine[np.argsort(per[mine])][:3]
            likely += [h for h in ranked if per[h] <= 2 * per[ranked[0]] + 0.05]
        # 2. The likely ones on a finer grid; a pair nothing fits ends here (most pairs do).
        likely = np.array(likely)
        err, owner, boxes = self.try_boxes(likely, 0.05, "coarse")
        per = self.best_per_hyp(err, owner)
        tracks, starts, start_owner = [], [], []
        for _, mine in self.by_pair(likely):
            best = per[mine].min()
            if best > COARSE_REJECT:
                continue
            for h in mine[np.argsort(per[mine])][:2]:  # the best two go on
                if per[h] <= 2 * best + 0.02:
                    rows = np.nonzero(owner == h)[0]
                    starts.append(boxes[rows[np.argsort(err[rows])[:1]]])
                    start_owner.append(np.full(len(starts[-1]), len(tracks)))
                    tracks.append(h)
        if not tracks:
            return out
        # 3. Refine at 16 px, then the best of each pair at 32 px.
        tracks = np.array(tracks)
        err, owner, boxes = _refine(self.stack(tracks, "coarse", "inner"), self.stack(tracks, "coarse", "outer"),
                                    np.concatenate(starts), np.concatenate(start_owner), _allowed_crops,
                                    (0.025, 0.0125), keep=1)
        order = np.lexsort((err, self.pair_of[tracks[owner]]))
        first = np.unique(self.pair_of[tracks[owner[order]]], return_index=True)[1]
        best = order[first]  # each pair's best box over its tracks
        hyps, boxes = tracks[owner[best]], boxes[best]
        _, _, boxes = _refine(self.stack(hyps, "fine", "inner"), self.stack(hyps, "fine", "outer"),
                              boxes, np.arange(len(hyps)), _allowed_crops, (0.006, 0.003), keep=1)
        # 4. The verdicts. An uncut frame fits either way round, and which one is resampled
        # matters to the judge (a blurred copy is best compared as the inner one): both are tried.
        index = {key: k for k, key in enumerate(zip(self.pair_of.tolist(), self.turn.tolist(), self.a_in.tolist()))}
        swapped = np.array([index.get((int(self.pair_of[h]), int(self.turn[h]), not self.a_in[h]), -1) for h in hyps])
        extra = np.flatnonzero((boxes[:, 2] >= 0.985) & (boxes[:, 3] >= 0.985) & (swapped >= 0))
        n = len(hyps)
        hyps = np.concatenate([hyps, swapped[extra]])
        boxes = np.concatenate([boxes, np.tile(np.array([[0, 0, 1, 1]], np.float32), (len(extra), 1))])
        rms, cell = _judge({"inner": self.stack(hyps, "inner", "inner")}, {"outer": self.stack(hyps, "outer", "outer")},
                           boxes)
        score = np.maximum(rms / DUP_RMS, cell / DUP_CELL)
        take = np.zeros(n, dtype=np.int64) - 1
        take[extra] = np.where(score[n:] < score[extra], np.arange(n, len(hyps)), -1)
        pick = np.where(take >= 0, take, np.arange(n))
        hyps, boxes, rms, cell = hyps[pick], boxes[pick], rms[pick], cell[pick]
        shaped = (rms <= DUP_RMS) & (cell <= DUP_CELL)
        colour = _colour_mismatch(self.stack(hyps, "flat", "inner"), self.stack(hyps, "flat", "outer"), boxes, shaped)
        for k, h in enumerate(hyps):
            i, o, a_inside = int(self.pair_of[h]), int(self.turn[h]), bool(self.a_in[h])
            mismatch, colours, plain = colour[k]
            same = bool(shaped[k]) and (mismatch is None or mismatch <= DUP_COLOUR)
            if same and colours < 2 and plain >= PLAIN:  # colours tell little: the shapes must fit closely
                same = bool(rms[k] <= DUP_RMS_PLAIN and cell[k] <= DUP_CELL_PLAIN)
            crop = boxes[k, 2] < 0.985 or boxes[k, 3] < 0.985
            out[i] = Verdict(same, float(rms[k]), float(cell[k]), o, ("a" if a_inside else "b") if crop else None,
                             mismatch)
        return out

    def by_pair(self, hs: np.ndarray):
        """(pair, its hypotheses among hs) for each pair with any; hs in pair order."""
        pairs = self.pair_of[hs]
        bounds = np.flatnonzero(np.diff(pairs)) + 1
        for chunk in np.split(hs, bounds):
            yield int(self.pair_of[chunk[0]]), chunk

    def try_boxes(self, hs: np.ndarray, step: float, level: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The misfit of every allowed box (on a grid of `step`) of these hypotheses on one level
        of thumbnails: (misfits, the hypothesis of each box, boxes)."""
        grids = [_crop_boxes(float(r), step) for r in self.ratio[hs]]
        pick = np.repeat(np.arange(len(hs)), [len(g) for g in grids])
        boxes = np.concatenate(grids)
        inners = self.stack(hs, level, "inner")
        err = _misfit(inners[pick], _sample(self.stack(hs, level, "outer"), boxes, owner=pick))
        return err, hs[pick], boxes

    def best_per_hyp(self, err, owner) -> np.ndarray:
        """Each hypothesis's lowest misfit over the boxes tried for it (inf where none was)."""
        per = np.full(len(self.pair_of), np.inf, dtype=np.float32)
        np.minimum.at(per, owner, err)
        return per


def _orient(img: np.ndarray, o: int) -> np.ndarray:
    t = np.rot90(img, o % 4, axes=(-2, -1))
    return t[..., ::-1] if o >= 4 else t


def _pool(img: np.ndarray, n: int) -> np.ndarray:
    """Mean-pool the last two axes down to n×n."""
    m = _pool_matrix(img.shape[-1], n)
    return m @ img @ m.T


@cache
def _pool_matrix(size: int, n: int) -> np.ndarray:
    f = size // n
    return np.kron(np.eye(n, dtype=np.float32), np.full((1, f), 1 / f, dtype=np.float32))


def _soften(img: np.ndarray, passes: int) -> np.ndarray:
    """A slight blur ([1 2 1]/4, `passes` times), a little more for the image compared against:
    resampling the other one blurs it by up to half a pixel, which would otherwise show as
    error along every sharp edge."""
    k = _blur_matrix(img.shape[-1], passes)
    return k @ img @ k.T


@cache
def _blur_matrix(n: int, passes: int) -> np.ndarray:
    step = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j, w in ((i - 1, 0.25), (i, 0.5), (i + 1, 0.25)):
            step[i, min(max(j, 0), n - 1)] += w  # edges repeated
    return np.linalg.matrix_power(step, passes)


@cache
def _centres(n: int) -> np.ndarray:
    return ((np.arange(n) + 0.5) / n).astype(np.float32)


def _axis_weights(start: np.ndarray, span: np.ndarray, n: int, size: int) -> np.ndarray:
    """[K, n, size] bilinear weights: n samples spread over [start, start + span] of a side of `size` px."""
    pos = np.clip((start[:, None] + span[:, None] * _centres(n)) * size - 0.5, 0, size - 1).ravel()
    i0 = np.minimum(pos.astype(np.int32), size - 2)
    f = (pos - i0).astype(np.float32)
    w = np.zeros(len(pos) * size, dtype=np.float32)
    at = np.arange(len(pos), dtype=np.int32) * size + i0
    w[at] = 1 - f
    w[at + 1] = f
    return w.reshape(len(start), n, size)


def _sample(images: np.ndarray, boxes: np.ndarray, n: int | None = None, owner: np.ndarray | None = None,
            channels: bool = False) -> np.ndarray:
    """Each box (x0, y0, w, h) of an image, on an n×n grid: [K, n, n], or [K, C, n, n] with
    `channels`. `images`: one image for every box, or a stack that `owner` picks from (one
    index per box)."""
    size = images.shape[-1]
    n = n or size
    ry = _axis_weights(boxes[:, 1], boxes[:, 3], n, size)
    rx = _axis_weights(boxes[:, 0], boxes[:, 2], n, size)
    if owner is not None:
        images = images[owner]
    if channels:
        ry, rx = ry[:, None], rx[:, None]
    return ry @ images @ rx.swapaxes(-1, -2)


def _inside(boxes: np.ndarray, n: int) -> np.ndarray:
    """[K, n, n]: which of a box's n×n sample points fall inside the outer frame."""
    def side(start, span):
        pos = start[:, None] + span[:, None] * _centres(n)
        return (pos >= 0) & (pos <= 1)
    return side(boxes[:, 1], boxes[:, 3])[:, :, None] & side(boxes[:, 0], boxes[:, 2])[:, None, :]


def _misfit(inner: np.ndarray, sampled: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """1 - r² per box (r: the correlation of inner and sampled pixels): the share of the inner
    image's variation that no brightness gain and offset can explain."""
    k = len(sampled)
    y = np.broadcast_to(inner, sampled.shape).reshape(k, -1)
    x = sampled.reshape(k, -1)
    if mask is None:
        xc = x - x.mean(axis=1, keepdims=True)
        yc = y - y.mean(axis=1, keepdims=True)
    else:
        m = mask.reshape(k, -1).astype(np.float32)
        cnt = m.sum(axis=1, keepdims=True) + 1e-6
        xc = (x - (x * m).sum(axis=1, keepdims=True) / cnt) * m
        yc = (y - (y * m).sum(axis=1, keepdims=True) / cnt) * m
    sxx = np.einsum("ij,ij->i", xc, xc) + 1e-3
    syy = np.einsum("ij,ij->i", yc, yc) + 1e-3
    sxy = np.einsum("ij,ij->i", xc, yc)
    return 1 - sxy * sxy / (sxx * syy)


@lru_cache(maxsize=4096)
def _crop_boxes(ratio: float, step: float) -> np.ndarray:
    """Boxes (x0, y0, w, h) that an inner image may cover of an outer one: h = ratio * w (fixed by
    the two aspect ratios), each side between 1 - 2 * MAX_CUT and 1, no side cut by more than MAX_CUT."""
    lo = 1 - 2 * MAX_CUT
    w_lo = max(lo, lo / ratio) - SCALE_SLACK
    w_hi = min(1.0, 1.0 / ratio) + SCALE_SLACK
    if w_lo > w_hi:
        return np.zeros((0, 4), dtype=np.float32)
    boxes = []
    for w in np.unique(np.clip(np.append(np.arange(w_hi, w_lo, -step), w_lo), lo, 1.0)):
        h = min(max(w * ratio, lo), 1.0)
        gx, gy = np.meshgrid(_offsets(w, step), _offsets(h, step), indexing="ij")
        boxes.append(np.stack([gx.ravel(), gy.ravel(), np.full(gx.size, w), np.full(gx.size, h)], axis=1))
    return np.concatenate(boxes).astype(np.float32)


def _offsets(size: float, step: float) -> np.ndarray:
    lo, hi = max(0.0, 1 - size - MAX_CUT), min(MAX_CUT, 1 - size)
    if hi - lo < step / 2:
        return np.array([(lo + hi) / 2])
    return np.linspace(lo, hi, int(round((hi - lo) / step)) + 1)


_MOVES = np.stack(np.meshgrid([-1, 0, 1], [-1, 0, 1], [-1, 0, 1], indexing="ij"), -1).reshape(-1, 3)


def _neighbours(boxes: np.ndarray, step: float) -> np.ndarray:
    """Each box and those one step away in size and position (size changes keep the centre): [K * 27, 4]."""
    x0, y0, w, h = (boxes[:, i, None] for i in range(4))
    dw, dx, dy = (_MOVES[None, :, i] * step for i in range(3))
    ratio = h / w
    nw = w + dw
    out = np.stack([x0 + dx - dw / 2, y0 + dy - dw * ratio / 2, nw, nw * ratio], axis=-1)
    return out.reshape(-1, 4).astype(np.float32)


def _allowed_crops(boxes: np.ndarray) -> np.ndarray:
    lo, tol = 1 - 2 * MAX_CUT - SCALE_SLACK, 1e-4
    x, y, w, h = boxes.T
    return ((w >= lo) & (h >= lo) & (x >= -tol) & (y >= -tol) & (x + w <= 1 + tol) & (y + h <= 1 + tol)
            & (x <= MAX_CUT + tol) & (y <= MAX_CUT + tol)
            & (1 - x - w <= MAX_CUT + tol) & (1 - y - h <= MAX_CUT + tol))


def _refine(inners: np.ndarray, outers: np.ndarray, boxes: np.ndarray, owner: np.ndarray, allowed, steps,
            keep: int, shared: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Move boxes in ever smaller steps while that lowers their misfit. owner[k]: which of the
    stacked inner/outer images box k belongs to; each keeps its `keep` best boxes.
    Returns (misfits, owners, boxes) of the boxes kept, `keep` (or fewer) per owner."""
    err = None
    for step in steps:
        cand = _neighbours(boxes, step)
        cand_owner = np.repeat(owner, len(_MOVES))
        ok = allowed(cand)
        cand, cand_owner = cand[ok], cand_owner[ok]
        mask = _inside(cand, inners.shape[-1]) if shared else None
        cand_err = _misfit(inners[cand_owner], _sample(outers, cand, owner=cand_owner), mask)
        order = np.lexsort((cand_err, cand_owner))
        rank = np.arange(len(order)) - np.searchsorted(cand_owner[order], cand_owner[order])
        kept = order[rank < keep]
        err, owner, boxes = cand_err[kept], cand_owner[kept], cand[kept]
    return err, owner, boxes


def _judge(inner: dict, outer: dict, boxes: np.ndarray, shared: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Error left (whole frame, worst cell; levels, all channels) when inner ≈ gain × outer +
    offset, for each of K aligned pairs: inner/outer hold their stacked thumbnails, boxes [K, 4].

    Each channel is compared on its own, so clipping cannot throw the verdict: where a channel
    is blown out (or crushed) in either photo its true value may lie beyond, and only an error
    the clip cannot explain counts. `shared`: judge only the part of the inner frame that the
    outer one also shows (similar shots).
    """
    k = len(boxes)
    x = _pool(_sample(outer["outer"], boxes, SIDE, channels=True), _JUDGE)  # [K, 3, 32, 32]
    y = inner["inner"]
    keep = _inside(boxes, _JUDGE) if shared else np.ones((k, _JUDGE, _JUDGE), dtype=bool)
    keep[:, [0, -1], :] = keep[:, :, [0, -1]] = False  # frame edges: smoothing mixed in what lies beyond
    # The fit rests on channel values clipped in neither photo.
    usable = keep[:, None] & (x > 255 - CLIPPED) & (x < CLIPPED) & (y > 255 - CLIPPED) & (y < CLIPPED)
    few = usable.sum(axis=(1, 2, 3)) < 0.05 * 3 * keep.sum(axis=(1, 2))
    usable[few] = np.broadcast_to(keep[few, None], usable[few].shape)
    gains = _judge_gains(x, y, usable)[:, :, None, None, None]  # [K, G, 1, 1, 1]
    xs, ys, use = x[:, None], y[:, None], usable[:, None]
    count = np.maximum(1, usable.sum(axis=(1, 2, 3))).astype(np.float32)
    offsets = ((ys - gains * xs) * use).sum(axis=(2, 3, 4)) / count[:, None]
    err = ys - np.clip(gains * xs + offsets[:, :, None, None, None], 0, 255)  # [K, G, 3, 32, 32]
    explained = ((((xs >= CLIPPED) | (ys <= 255 - CLIPPED)) & (err > 0))
                 | (((xs <= 255 - CLIPPED) | (ys >= CLIPPED)) & (err < 0)))
    sq = np.where(explained, 0, err * err).mean(axis=2) * keep[:, None]  # [K, G, 32, 32]
    kept = keep.astype(np.float32)
    total = sq.sum(axis=(2, 3)) / np.maximum(1, kept.sum(axis=(1, 2)))[:, None]
    g = np.argmin(total, axis=1)
    rows = np.arange(k)
    cells = _pool(sq[rows, g], 4) / np.maximum(_pool(kept, 4), 1e-6)
    counted = _pool(kept, 4) > 0.25
    worst = np.where(counted, cells, -1).max(axis=(1, 2))
    cell = np.where(worst >= 0, np.sqrt(np.maximum(worst, 0)), np.inf)
    return np.sqrt(total[rows, g]), cell


def _judge_gains(x: np.ndarray, y: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """[K, G]: the brightness gains worth trying for each pair: around the least-squares gain of
    the usable values, and a coarse spread over the whole range (in case that fit went wrong)."""
    m = usable.astype(np.float32)
    axes = tuple(range(1, x.ndim))
    cnt = np.maximum(m.sum(axis=axes), 1)
    shape = (-1,) + (1,) * (x.ndim - 1)
    xc = x - ((x * m).sum(axis=axes) / cnt).reshape(shape)
    yc = y - ((y * m).sum(axis=axes) / cnt).reshape(shape)
    fit = (xc * yc * m).sum(axis=axes) / np.maximum((xc * xc * m).sum(axis=axes), 1e-3)
    fit = np.clip(fit, *GAIN_RANGE).astype(np.float32)
    near = fit[:, None] * np.geomspace(0.95, 1 / 0.95, 5, dtype=np.float32)[None]
    return np.concatenate([np.clip(near, *GAIN_RANGE), np.broadcast_to(_GAINS[::10], (len(x), 5))], axis=1)


def _colour_mismatch(inner: np.ndarray, outer: np.ndarray, boxes: np.ndarray, which: np.ndarray
                     ) -> list[tuple[float | None, int, float]]:
    """For each aligned pair of RGB thumbnails [K, 3, 32, 32] (those `which` marks; the rest get
    (None, 0, 0.0)): how far, in grey
    levels and the worst channel, the colours of the flat areas of the inner photo are from the
    outer's at the same place, after the best brightness gain and offset common to all; how many
    distinct, unclipped colours that rests on; and the share of the frame that is flat.

    A flat area is a patch of like colour in both (so resampling and blur leave it alone); its
    colour is the median of its pixels, so noise and JPEG ringing average out. None: no flat area.
    """
    out: list[tuple[float | None, int, float]] = [(None, 0, 0.0)] * len(boxes)
    rows = np.flatnonzero(which)
    if not len(rows):
        return out
    x = _sample(outer[rows], boxes[rows], channels=True)  # [K, 3, 32, 32]
    y = inner[rows]
    flat = (_local_range(x) < FLAT) & (_local_range(y) < FLAT)
    flat[:, [0, -1], :] = flat[:, :, [0, -1]] = False
    for k, row in enumerate(rows):
        plain = float(flat[k].mean())
        if plain < FLAT_SHARE:  # a detailed photo: its shapes identify it, colours add little
            out[row] = (None, 0, plain)
            continue
        xs, ys = x[k][:, flat[k]].T, y[k][:, flat[k]].T  # [N, 3]
        q = np.floor(ys / 12).astype(np.int32)
        _, area, size = np.unique((q[:, 0] * 32 + q[:, 1]) * 32 + q[:, 2], return_inverse=True, return_counts=True)
        big = np.flatnonzero(size >= FLAT_AREA)
        if not len(big):
            out[row] = (None, 0, plain)
            continue
        mx = np.stack([np.median(xs[area == i], axis=0) for i in big])  # [A, 3]
        my = np.stack([np.median(ys[area == i], axis=0) for i in big])
        worst, g = _colour_fit(mx, my, _GAINS)
        step = _GAINS[1] / _GAINS[0]
        worst, _ = _colour_fit(mx, my, g * np.geomspace(1 / step, step, 15).astype(np.float32))
        # distinct colours that still tell something: unclipped in two channels or more
        told = ((my > 255 - CLIPPED) & (my < CLIPPED) & (mx > 255 - CLIPPED) & (mx < CLIPPED)).sum(axis=1) >= 2
        distinct: list[np.ndarray] = []
        for c in my[told]:
            if all(np.abs(c - d).max() > 12 for d in distinct):
                distinct.append(c)
        out[row] = (worst, len(distinct), plain)
    return out


def _colour_fit(mx: np.ndarray, my: np.ndarray, gains: np.ndarray) -> tuple[float, float]:
    """The smallest worst-channel error of my ≈ gain × mx + offset over these gains (each with its
    best offset), and that gain."""
    usable = (mx > 255 - CLIPPED) & (mx < CLIPPED) & (my > 255 - CLIPPED) & (my < CLIPPED)
    if not usable.any():
        usable = np.ones_like(usable)
    r = my[None] - gains[:, None, None] * mx[None]
    offsets = (np.where(usable, r, -np.inf).max(axis=(1, 2)) + np.where(usable, r, np.inf).min(axis=(1, 2))) / 2
    err = my - np.clip(gains[:, None, None] * mx + offsets[:, None, None], 0, 255)
    # A clipped channel only bounds the true value: an error the clip explains is none.
    err = np.where(((mx >= CLIPPED) & (err > 0)) | ((mx <= 255 - CLIPPED) & (err < 0))
                   | ((my >= CLIPPED) & (err < 0)) | ((my <= 255 - CLIPPED) & (err > 0)), 0, err)
    worst = np.abs(err).max(axis=(1, 2))
    best = int(np.argmin(worst))
    return float(worst[best]), float(gains[best])


def _local_range(rgb: np.ndarray) -> np.ndarray:
    """[..., 3, S, S] -> [..., S, S]: the largest spread of any channel over each pixel's 3×3 neighbourhood."""
    s = rgb.shape[-1]
    p = np.pad(rgb, [(0, 0)] * (rgb.ndim - 2) + [(1, 1), (1, 1)], mode="edge")
    shifts = [p[..., i:i + s, j:j + s] for i in range(3) for j in range(3)]
    return (np.max(shifts, axis=0) - np.min(shifts, axis=0)).max(axis=-3)


# -- similar shots ------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def _shift_boxes(ratio: float, step: float) -> np.ndarray:
    """B's frame inside A's coordinates for a camera that moved and zoomed a little: h = ratio * w."""
    boxes = []
    for w in np.arange(SIM_SCALE[0], SIM_SCALE[1] + 1e-6, step * 2):
        h = w * ratio
        if not SIM_SCALE[0] - 1e-6 <= h <= SIM_SCALE[1] + 1e-6:
            continue
        shifts = np.arange(-SIM_SHIFT, SIM_SHIFT + 1e-6, step)
        cx, cy = np.meshgrid(0.5 + shifts, 0.5 + shifts, indexing="ij")
        boxes.append(np.stack([cx.ravel() - w / 2, cy.ravel() - h / 2,
                               np.full(cx.size, w), np.full(cx.size, h)], axis=1))
    return np.concatenate(boxes).astype(np.float32) if boxes else np.zeros((0, 4), np.float32)


def _allowed_shifts(boxes: np.ndarray) -> np.ndarray:
    x, y, w, h = boxes.T
    return ((w >= SIM_SCALE[0] - 1e-6) & (w <= SIM_SCALE[1] + 1e-6) & (h >= SIM_SCALE[0] - 1e-6)
            & (h <= SIM_SCALE[1] + 1e-6) & (np.abs(x + w / 2 - 0.5) <= SIM_SHIFT + 1e-6)
            & (np.abs(y + h / 2 - 0.5) <= SIM_SHIFT + 1e-6) & (_overlap(boxes) >= SIM_OVERLAP))


def _overlap(boxes: np.ndarray) -> np.ndarray:
    """The share of each box that lies inside the unit frame."""
    x, y, w, h = boxes.T
    ix = np.clip(np.minimum(x + w, 1) - np.maximum(x, 0), 0, None)
    iy = np.clip(np.minimum(y + h, 1) - np.maximum(y, 0), 0, None)
    return ix * iy / (w * h)


def similar(a: PixelPrint, b: PixelPrint) -> Verdict:
    """Are A and B shots of the same scene (the camera moved or zoomed a little, the light or the
    subject changed a little)? A looser test than `compare`, for bursts; as taken (no turns)."""
    ratio = (a.width / a.height) / (b.width / b.height)
    boxes = _shift_boxes(round(ratio, 3), 0.05)
    boxes = boxes[_allowed_shifts(boxes)]
    if not len(boxes):
        return _NONE
    la, lb = a.levels(), b.levels()
    err = _misfit(lb["coarse"], _sample(la["coarse"], boxes), _inside(boxes, _COARSE))
    start = boxes[np.argsort(err)[:3]]
    _, _, box = _refine(lb["fine"][None], la["fine"][None], start, np.zeros(len(start), np.int64),
                        _allowed_shifts, (0.0125, 0.006, 0.003), keep=1, shared=True)
    rms, cell = _judge({k: v[None] for k, v in lb.items()}, {k: v[None] for k, v in la.items()}, box, shared=True)
    return Verdict(bool(rms[0] <= SIM_RMS), float(rms[0]), float(cell[0]))
