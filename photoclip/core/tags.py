"""User-defined auto-tags: categories named in the user's own words, assigned zero-shot.

A tag is a name, one or more text prompts and optional negative prompts. Which photos carry it
is *derived*, never stored: every photo's vector is scored against the tag (a matrix product
over the vector index), so a new photo has its tags the moment it has a vector, and editing a
tag re-scores the library at once. Only the tag definitions and the user's decisions (confirm /
reject, keyed by content fingerprint so they follow moves, renames and copies) are stored.

The decision, without tuning (CLIP cosines are not probabilities, and their scale varies by
prompt and model, so a fixed cutoff fails):
- each of the tag's lines (prompts) is ensembled as in the CLIP paper (templates such as
  "a photo of {}", unit embeddings averaged) into one vector per line;
- each photo's cosine with each line competes in a softmax, at CLIP's temperature, against
  neutral prompts true of any photo ("a photo", ...) and the tag's negative prompts. The best
  line's share, the photo's *score*, is a probability-like number in [0, 1]: several lines
  mean *any* of them ("a red circle / a blue square"), as a person reads a list;
- a photo carries the tag when its score reaches `threshold(sensitivity)`: sensitivity 0.5
  (the default) asks for the tag to beat its references; higher tags more photos.
- once the user has confirmed and rejected a few photos, a logistic-regression probe on the
  embeddings refines the score. Its prior is the zero-shot decision (the text prompts): it
  learns a weight on the zero-shot logit (prior 1) plus a correction direction (prior 0).
- every decision also carries over to the photos that look like it (a burst, an edited copy):
  a decided photo's vote on another photo weighs exp(T * (cosine - LOOKALIKE_COSINE)) against
  the score's one, so rejecting four shots of a burst also takes the tag off the fifth, while
  photos that merely show the same kind of thing keep their own score.

Photos the user confirmed always carry the tag; photos they rejected never do; automatic
decisions never overwrite either.
"""
from __future__ import annotations

import logging
import math
import os
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from . import xmp
from .ingest import IngestPhoto, IngestStep
from .store import Store

if TYPE_CHECKING:
    from .library import Library

log = logging.getLogger(__name__)

DEFAULT_SENSITIVITY = 0.5
TEMPERATURE = 100.0  # CLIP's learnt logit scale (open_clip models converge to, or clamp at, 100)
SENSITIVITY_SPAN = 5.0  # sensitivity 0..1 moves the logit threshold over +5..-5 (score 0.993..0.007)
NEUTRAL_PROMPTS = ("a photo", "a picture", "an image", "a photo of something")
# CLIP-paper style prompt ensembling; a prompt that already says what it is (a photo of ...)
# is used as written, and a phrase that starts with a preposition reads "a photo on ...".
TEMPLATES = ("{}", "a photo of {}", "a picture of {}", "an image of {}")
PREPOSITION_TEMPLATES = ("{}", "a photo {}", "a picture {}", "an image {}")
_PREPOSITIONS = ("on ", "in ", "at ", "with ", "under ", "near ", "by ", "from ", "during ", "inside ",
                 "outside ", "against ", "behind ", "above ", "below ")
_SELF_DESCRIBING = ("a photo", "a picture", "an image", "a photograph", "a drawing", "a painting")
MIN_EXAMPLES = 2  # confirmed and rejected photos each, before the probe refines a tag
SUGGEST_WIDER = 0.25  # review suggestions also cover photos the tag would carry this much more sensitive
PROBE_PRIOR = 1.0  # strength of the zero-shot prior, in examples' worth (see fit_probe)
# A decided photo's vote weighs as much as the score on a photo this alike (cosine), e^5 times
# more at cosine 1 and e^-5 times less 0.05 below: near-identical shots of the tiny CLIP sit
# above 0.97 and distinct photos of one kind below 0.85 (tests/test_tags_teaching.py measures it).
LOOKALIKE_COSINE = 0.95
MAX_NAME = 100



class TagError(ValueError):
    """A tag request that cannot be done; the message says why, for the user."""


@dataclass(frozen=True)
class Tag:
    id: int
    name: str
    prompts: tuple[str, ...]
    negatives: tuple[str, ...] = ()
    sensitivity: float = DEFAULT_SENSITIVITY
    auto: bool = True  # False: a keyword only (from a sidecar); only confirmed photos carry it

    @property
    def definition(self) -> tuple:
        return (self.prompts, self.negatives)


@dataclass(frozen=True)
class Assignment:
    photo_id: int
    score: float | None  # None: the photo has no vector yet
    state: str  # auto, confirmed or rejected


@dataclass(frozen=True)
class Reason:
    """One reason why a photo carries a tag or not, for `TagStore.why` (the GUI words it).

    kind: "confirmed" / "rejected" (the user said so), "keyword" (a keyword-only tag the user did
    not confirm), "no_vector" (not looked at yet), "line" (it matches this line: `text`, with
    `strength`), "no_line" (it matches no line well: best `strength`), "negative" (`text`, one of
    the tag's "not" prompts, describes it better), "alike_confirmed" / "alike_rejected" (it
    looks like `count` photos the user decided on), "taught" (the `count` examples changed the
    zero-shot decision).
    """

    kind: str
    text: str = ""
    strength: str = ""
    count: int = 0


@dataclass
class RemovedTag:
    """What `TagStore.remove` took away, so that `TagStore.restore` can put it back (undo)."""

    tag: Tag
    decisions: list[tuple[str, int, str, float]]  # fingerprint, confirmed, source, at


def threshold(sensitivity: float) -> float:
    """The score a photo needs to carry a tag at this sensitivity (0.5 -> 0.5; higher -> lower)."""
    return 1.0 / (1.0 + math.exp(-SENSITIVITY_SPAN * (1.0 - 2.0 * float(sensitivity))))


def strength(score: float) -> str:
    """A score in words, for people: "strong" (0.9 and up), "good" (0.5), "weak" (0.1) or "none"."""
    return "strong" if score >= 0.9 else "good" if score >= 0.5 else "weak" if score >= 0.1 else "none"


def prompt_variants(prompt: str) -> list[str]:
    """The texts one prompt is ensembled from."""
    text = " ".join(prompt.split())
    lower = text.lower()
    if lower.startswith(_SELF_DESCRIBING):
        return [text]
    templates = PREPOSITION_TEMPLATES if lower.startswith(_PREPOSITIONS) else TEMPLATES
    return list(dict.fromkeys(t.format(text) for t in templates))


# -- tag definitions (catalog only, no model) -------------------------------------------------
def list_tags(catalog: Store) -> list[Tag]:
    return [Tag(*row) for row in catalog.tags()]


def find_tag(catalog: Store, name: str) -> Tag | None:
    row = catalog.tag_named(name.strip())
    return Tag(*row) if row else None


def get_tag(catalog: Store, name: str) -> Tag:
    tag = find_tag(catalog, name)
    if tag is None:
        raise TagError(f"there is no tag named {name!r} (photoclip tag list shows the tags)")
    return tag


def _clean_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise TagError("a tag needs a name")
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise TagError(f"a tag name cannot contain control characters ({name!a})")
    if xmp.SEPARATOR in name:
        raise TagError(f"a tag name cannot contain {xmp.SEPARATOR!r} (it separates keyword levels)")
    if len(name) > MAX_NAME:
        raise TagError(f"a tag name can have at most {MAX_NAME} characters")
    return name


def _clean_prompts(prompts: Iterable[str], what: str) -> tuple[str, ...]:
    if isinstance(prompts, str):
        prompts = [prompts]
    out = tuple(dict.fromkeys(" ".join(p.split()) for p in prompts if p and p.strip()))
    if what == "prompts" and not out:
        raise TagError("a tag needs at least one prompt (the words that describe it)")
    return out


def _clean_sensitivity(sensitivity: float) -> float:
    s = float(sensitivity)
    if not 0.0 <= s <= 1.0:
        raise TagError(f"sensitivity must be between 0 and 1 (got {sensitivity})")
    return s


# -- decisions (catalog only) -------------------------------------------------------------------
def decisions(catalog: Store, tag_id: int) -> dict[str, bool]:
    """fingerprint -> True (confirmed) / False (rejected)."""
    return catalog.tag_decisions(tag_id)


def set_decisions(catalog: Store, tag_id: int, changes: dict[str, bool | None],
                  source: str = "user") -> dict[str, bool | None]:
    """Apply fingerprint -> True / False / None (forget); returns what each was before (for undo)."""
    return catalog.set_tag_decisions(tag_id, changes, source)


def carry_over_decisions(catalog: Store, from_fingerprints: list[str], to_fingerprint: str) -> int:
    """Copy confirmations and rejections from removed duplicates onto the kept photo's content.

    The kept photo's own decisions win; where the removed copies disagree about a tag, the most
    recent decision wins. Returns how many decisions were added.
    """
    sources = [fp for fp in dict.fromkeys(from_fingerprints) if fp != to_fingerprint]
    if not sources:
        return 0
    with catalog.transaction():
        latest: dict[int, tuple[float, bool]] = {}
        for tag_id, confirmed, at in catalog.decisions_on(sources):
            if tag_id not in latest or at > latest[tag_id][0]:
                latest[tag_id] = (at, confirmed)
        return catalog.add_tag_decisions((tag_id, to_fingerprint, confirmed, "duplicate", at)
                                         for tag_id, (at, confirmed) in latest.items())


def import_keywords(catalog: Store, keywords_by_fingerprint: dict[str, list[str]],
                    source: str = "sidecar") -> int:
    """Keywords found on photos become confirmed tags; returns how many decisions were added.

    A keyword that names a tag confirms it (unless the user decided otherwise already); an
    unknown keyword becomes a keyword-only tag (`auto` off: it tags nothing by itself until
    the user turns auto-tagging on for it).
    """
    now = time.time()
    with catalog.transaction():
        found = []
        for fp, keywords in keywords_by_fingerprint.items():
            for keyword in keywords:
                try:
                    name = _clean_name(keyword)
                except TagError:
                    log.info("keyword %r is not usable as a tag name; ignored", keyword)
                    continue
                tag = find_tag(catalog, name)
                tag_id = tag.id if tag else catalog.insert_tag(name, [name], [], DEFAULT_SENSITIVITY, False)
                found.append((tag_id, fp, True, source, now))
        return catalog.add_tag_decisions(found)


def sidecar_keywords(path: str) -> list[str]:
    """The keywords in a photo's XMP sidecar; one that cannot be read is logged (and left as it is)."""
    try:
        return xmp.read_keywords(path)
    except xmp.XmpError as e:
        log.warning("%s", e)
        return []


class SidecarKeywordsStep(IngestStep):
    """Ingest step: keywords other apps wrote into the XMP sidecars of newly added photos
    become confirmed tags (read on the decode pool, stored with the batch)."""

    name = "sidecar_keywords"

    def photo(self, photo: IngestPhoto, _data: bytes) -> list[str]:
        return sidecar_keywords(photo.path)

    def batch(self, store: Store, photos: list[IngestPhoto]) -> None:
        found: dict[str, list[str]] = {}
        for p in photos:
            keywords = p.results.get(self.name)
            if keywords:
                found.setdefault(p.fingerprint, []).extend(keywords)
        if found:
            import_keywords(store, found)


# -- text vectors of prompts (shared with search's relevance) --------------------------------------
def line_vectors(library: Library, prompts: Iterable[str]) -> np.ndarray:
    """(lines, d): each prompt ensembled over its phrasings (see prompt_variants), unit length."""
    vecs = []
    for prompt in prompts:
        v = np.mean([library.text_vector(t) for t in prompt_variants(prompt)], axis=0)
        vecs.append(v / max(float(np.linalg.norm(v)), 1e-12))
    return np.stack(vecs).astype(np.float32) if vecs else np.zeros((0, library.embedder.dim), np.float32)


def neutral_vectors(library: Library) -> np.ndarray:
    """(m, d): the prompts true of any photo, that a tag or a search term must beat."""
    return np.stack([library.text_vector(n) for n in NEUTRAL_PROMPTS]).astype(np.float32)


# -- the decision function ------------------------------------------------------------------------
@dataclass(eq=False)  # compared by identity: a cached model stands for its inputs
class TagModel:
    """One tag's scoring function: zero-shot against references, refined by a probe if taught.

    Zero-shot logit: max over lines of T*cos(line) - logsumexp(T*cos(references)), the logit of
    the best line's share in a softmax over [line, negatives, neutrals]. Taught: alpha * that +
    direction . x + bias. Then the votes of decided look-alike photos (see `_lookalike_votes`).
    """

    positive: np.ndarray  # (lines, d): each line's ensembled prompt; a (d,) vector is one line
    negatives: np.ndarray  # (k, d) the tag's negative prompts, k may be 0
    neutrals: np.ndarray  # (m, d) prompts true of any photo
    alpha: float = 1.0  # probe: weight of the zero-shot logit
    bias: float = 0.0
    direction: np.ndarray | None = None  # probe: correction direction (d,), None when untaught
    examples: int = 0  # how many decided photos the probe learnt from
    decided: np.ndarray | None = None  # (e, d) vectors of the photos the user decided on
    verdicts: np.ndarray | None = None  # (e,) True: confirmed, False: rejected

    def __post_init__(self):
        self.positive = np.atleast_2d(self.positive)

    def logits(self, vectors: np.ndarray) -> np.ndarray:
        return _logits(vectors, [self])[0]

    def line_logits(self, vectors: np.ndarray) -> np.ndarray:
        """Zero-shot logits [lines, n] of each line alone (to say which line a photo matches)."""
        return np.stack([_logits(vectors, [TagModel(line, self.negatives, self.neutrals)])[0]
                         for line in self.positive])


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    if x.shape[axis] == 1:
        return x.squeeze(axis)
    m = np.max(x, axis=axis, keepdims=True)
    return (m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))).squeeze(axis)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # stable for any z


def fit_probe(z0: np.ndarray, vectors: np.ndarray, labels: np.ndarray,
              prior: float = PROBE_PRIOR) -> tuple[float, float, np.ndarray]:
    """Logistic regression z = alpha * z0 + v . x + b, pulled toward the zero-shot decision.

    The prior (alpha = 1, v = 0, b = 0) is an L2 penalty worth `prior` examples; v is measured
    in CLIP's logit units (TEMPERATURE x cosine), so the pull does not depend on the model's
    embedding size. Classes weigh the same however many of each there are. With an L2 penalty
    the best v lies in the span of the examples, so the problem is solved there (at most one
    dimension per example, whatever the embedding size), by Newton's method: it is small and
    strictly convex. Returns (alpha, b, v).
    """
    y = labels.astype(np.float64)
    n = len(y)
    positives = max(1, int(y.sum()))
    weights = np.where(y > 0, 0.5 / positives, 0.5 / max(1, n - positives))
    x = TEMPERATURE * vectors.astype(np.float64)
    basis = _span(x)  # (r, d) orthonormal rows spanning the examples
    phi = np.hstack([z0[:, None].astype(np.float64), np.ones((n, 1)), x @ basis.T])
    penalty = np.full(phi.shape[1], prior / n)  # on the scale of one example (the weights sum to 1)
    penalty[1] *= 0.1  # the bias is the freest part
    centre = np.zeros(phi.shape[1])
    centre[0] = 1.0
    theta = centre.copy()

    def loss(t):
        z = phi @ t
        return float(np.sum(weights * (np.logaddexp(0, z) - y * z)) + 0.5 * np.sum(penalty * (t - centre) ** 2))

    current = loss(theta)
    for _ in range(100):
        p = _sigmoid(phi @ theta)
        grad = phi.T @ (weights * (p - y)) + penalty * (theta - centre)
        hess = (phi * (weights * p * (1 - p))[:, None]).T @ phi + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-6:  # backtracking keeps every step a descent
            candidate = theta - t * step
            new = loss(candidate)
            if new <= current:
                break
            t /= 2
        else:
            break
        theta, improvement, current = candidate, current - new, new
        if improvement < 1e-12:
            break
    direction = TEMPERATURE * (theta[2:] @ basis)
    return float(theta[0]), float(theta[1]), direction.astype(np.float32)


def _span(x: np.ndarray) -> np.ndarray:
    """Orthonormal rows spanning the rows of x, from the smaller of its two Gram matrices
    (an eigendecomposition of a small matrix is far cheaper than an SVD of x)."""
    n, d = x.shape
    if n <= d:
        lam, u = np.linalg.eigh(x @ x.T)
        keep = lam > 1e-9 * max(float(lam.max(initial=0.0)), 1e-12)
        return ((x.T @ u[:, keep]) / np.sqrt(lam[keep])).T
    lam, v = np.linalg.eigh(x.T @ x)
    keep = lam > 1e-9 * max(float(lam.max(initial=0.0)), 1e-12)
    return v[:, keep].T


def _logits(vectors: np.ndarray, models: list[TagModel]) -> np.ndarray:
    """Logits [tags, n] of photo vectors [n, d]: one matrix product for all the tags' prompts
    (columns shared by tags, like the neutral prompts, computed once), then per-tag arithmetic
    vectorised across tags."""
    columns, where = [], {}

    def col(vec: np.ndarray) -> int:
        key = vec.tobytes()
        if key not in where:
            where[key] = len(columns)
            columns.append(vec.astype(np.float32))
        return where[key]

    pos = [[col(v) for v in m.positive] for m in models]
    votes = [[col(v) for v in m.decided] if m.decided is not None else [] for m in models]
    negs = [[col(v) for v in m.negatives] for m in models]
    neutral_sets = [tuple(col(v) for v in m.neutrals) for m in models]
    taught = [j for j, m in enumerate(models) if m.direction is not None]
    dirs = [col(models[j].direction) for j in taught]
    # Rows, not columns: every per-tag step below then reads contiguous memory.
    sims = np.stack(columns) @ np.asarray(vectors, np.float32).T  # [columns, n]
    sims *= TEMPERATURE
    lse = {cols: _logsumexp(sims[list(cols)], axis=0) for cols in set(neutral_sets)}
    z = sims[[p[0] for p in pos]]  # [tags, n], a copy
    for j in range(len(models)):
        if len(pos[j]) > 1:  # any line: the best one
            z[j] = sims[pos[j]].max(axis=0)
        ref = lse[neutral_sets[j]]
        if negs[j]:
            ref = np.logaddexp(ref, _logsumexp(sims[negs[j]], axis=0))
        z[j] -= ref
    for j, d in zip(taught, dirs):
        z[j] = z[j] * models[j].alpha + sims[d] / TEMPERATURE + models[j].bias
    for j, cols in enumerate(votes):
        if cols:
            z[j] = _lookalike_votes(z[j], sims[cols], models[j].verdicts)
    return z


def _lookalike_votes(z: np.ndarray, sims: np.ndarray, verdicts: np.ndarray) -> np.ndarray:
    """The logit of (p + sum w_i y_i) / (1 + sum w_i): the score p pooled with the verdicts y_i
    of the decided photos, each weighing w_i = exp(T * (cos_i - LOOKALIKE_COSINE)).
    `sims` are T * cos [e, n]."""
    w = np.exp(np.minimum(sims.astype(np.float64) - TEMPERATURE * LOOKALIKE_COSINE, 50.0))
    yes = w[verdicts].sum(axis=0)
    no = w[~verdicts].sum(axis=0)
    z = z.astype(np.float64)
    p, q = _sigmoid(z), _sigmoid(-z)
    return (np.log(p + yes + 1e-300) - np.log(q + no + 1e-300)).astype(np.float32)


def score_vectors(vectors: np.ndarray, models: list[TagModel]) -> list[np.ndarray]:
    """Scores in [0, 1] of photo vectors [n, d] for several tags (float32 [n] each)."""
    if len(vectors) == 0 or not models:
        return [np.zeros(len(vectors), np.float32) for _ in models]
    return list(_sigmoid(_logits(vectors, models)).astype(np.float32))


# -- the store the CLI and the GUI use ---------------------------------------------------------------
@dataclass
class TagScores:
    """One tag's score for every row of the vector index (what `TagStore.score_all` returns)."""

    key: tuple  # what the scores were computed from (the tag's model and the index's state)
    ids: np.ndarray  # every photo in the index
    probs: np.ndarray  # score in [0, 1] per photo
    vectors: np.ndarray  # the photos' vectors, as scored (read-only)


@dataclass
class ExportReport:
    written: int = 0
    unchanged: int = 0
    missing: int = 0  # photos whose file is not there (an unplugged drive?)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


class TagStore:
    """Tags of one library: definitions, scores, review decisions and XMP export.

    Scores are computed on demand from the library's vector index and cached in memory per
    (tag definition, decisions, index state), so repeated calls (a GUI slider, a grid) are cheap
    and any change, in this process or another, is picked up on the next call. Methods take a
    tag as a `Tag` or its name; photos as photo ids (int) or content fingerprints (str).
    """

    def __init__(self, library: Library):
        self.library = library
        self.catalog = library.catalog
        self._lock = threading.RLock()
        self._models: dict[int, tuple[tuple, TagModel]] = {}
        self._scores: dict[int, TagScores] = {}

    # -- definitions ----------------------------------------------------------------------
    def list(self) -> list[Tag]:
        return list_tags(self.catalog)

    def get(self, tag: Tag | str) -> Tag:
        return get_tag(self.catalog, tag.name if isinstance(tag, Tag) else tag)

    def add(self, name: str, prompts: Iterable[str] | None = None, negatives: Iterable[str] = (),
            sensitivity: float = DEFAULT_SENSITIVITY) -> Tag:
        """A new tag (prompts default to the name itself). Raises TagError if the name is taken."""
        name = _clean_name(name)
        prompts = _clean_prompts(prompts if prompts is not None else [name], "prompts")
        negatives = _clean_prompts(negatives, "negatives")
        sensitivity = _clean_sensitivity(sensitivity)
        with self.catalog.transaction():
            existing = find_tag(self.catalog, name)
            if existing:
                raise TagError(f"there is already a tag named {existing.name!r}")
            self.catalog.insert_tag(name, prompts, negatives, sensitivity, True)
        return self.get(name)

    def update(self, tag: Tag | str, *, name: str | None = None, prompts: Iterable[str] | None = None,
               negatives: Iterable[str] | None = None, sensitivity: float | None = None,
               auto: bool | None = None) -> Tag:
        """Change any part of a tag; its decisions stay. Returns the updated tag."""
        old = self.get(tag)
        new = Tag(
            old.id,
            _clean_name(name) if name is not None else old.name,
            _clean_prompts(prompts, "prompts") if prompts is not None else old.prompts,
            _clean_prompts(negatives, "negatives") if negatives is not None else old.negatives,
            _clean_sensitivity(sensitivity) if sensitivity is not None else old.sensitivity,
            bool(auto) if auto is not None else old.auto,
        )
        with self.catalog.transaction():
            clash = find_tag(self.catalog, new.name)
            if clash and clash.id != old.id:
                raise TagError(f"there is already a tag named {clash.name!r}")
            self.catalog.update_tag(old.id, new.name, new.prompts, new.negatives, new.sensitivity, new.auto)
        return new

    def remove(self, tag: Tag | str) -> RemovedTag:
        """Delete a tag and its decisions; the returned record lets `restore` undo it."""
        tag = self.get(tag)
        rows = self.catalog.delete_tag(tag.id)
        with self._lock:
            self._models.pop(tag.id, None)
            self._scores.pop(tag.id, None)
        return RemovedTag(tag, rows)

    def restore(self, removed: RemovedTag) -> Tag:
        t = removed.tag
        with self.catalog.transaction():
            if find_tag(self.catalog, t.name):
                raise TagError(f"there is already a tag named {t.name!r}")
            tag_id = self.catalog.insert_tag(t.name, t.prompts, t.negatives, t.sensitivity, t.auto)
            self.catalog.add_tag_decisions((tag_id, *d) for d in removed.decisions)
        return self.get(t.name)

    # -- review ---------------------------------------------------------------------------
    def confirm(self, tag: Tag | str, photos: Iterable[int | str]) -> dict[str, bool | None]:
        """The user says these photos carry the tag. Returns the previous decisions (for undo)."""
        return self._decide(tag, photos, True)

    def reject(self, tag: Tag | str, photos: Iterable[int | str]) -> dict[str, bool | None]:
        """The user says these photos do not carry the tag. Returns the previous decisions."""
        return self._decide(tag, photos, False)

    def clear(self, tag: Tag | str, photos: Iterable[int | str]) -> dict[str, bool | None]:
        """Forget the user's decisions on these photos: the automatic one applies again."""
        return self._decide(tag, photos, None)

    def restore_decisions(self, tag: Tag | str, previous: dict[str, bool | None]) -> None:
        """Undo confirm / reject / clear with what they returned."""
        set_decisions(self.catalog, self.get(tag).id, dict(previous))

    def _decide(self, tag, photos, confirmed: bool | None) -> dict[str, bool | None]:
        tag = self.get(tag)
        fps = self.fingerprints(photos)
        return set_decisions(self.catalog, tag.id, dict.fromkeys(fps, confirmed))

    def fingerprints(self, photos: Iterable[int | str]) -> list[str]:
        """Content fingerprints of photos given by id or by fingerprint."""
        photos = list(photos)
        ids = [int(p) for p in photos if not isinstance(p, str)]
        rows = self.catalog.photos(ids)
        missing = [i for i in ids if i not in rows]
        if missing:
            raise TagError(f"no photo with id {', '.join(map(str, missing[:5]))} in this library")
        return list(dict.fromkeys(p if isinstance(p, str) else rows[int(p)].fingerprint for p in photos))

    def decisions(self, tag: Tag | str) -> dict[str, bool]:
        return decisions(self.catalog, self.get(tag).id)

    # -- scores -------------------------------------------------------------------------------
    def model(self, tag: Tag | str) -> TagModel:
        """The tag's decision function (zero-shot, refined by the probe once it has examples)."""
        tag = self.get(tag)
        decided = decisions(self.catalog, tag.id)
        return self._model(tag, decided)

    def _model(self, tag: Tag, decided: dict[str, bool]) -> TagModel:
        key = (tag.definition, self.library.model, tuple(sorted(decided.items())))
        with self._lock:
            cached = self._models.get(tag.id)
            if cached and cached[0] == key:
                return cached[1]
        model = TagModel(line_vectors(self.library, tag.prompts), line_vectors(self.library, tag.negatives),
                         neutral_vectors(self.library))
        fps, vecs = self._decided_vectors(decided)
        labels = np.array([decided[fp] for fp in fps], dtype=bool)
        if labels.sum() >= MIN_EXAMPLES and (~labels).sum() >= MIN_EXAMPLES:
            self._teach(model, vecs, labels)
        if len(fps):  # after the probe: it learns from the zero-shot logits alone
            model.decided, model.verdicts = vecs, labels
        with self._lock:
            self._models[tag.id] = (key, model)
        return model

    def _decided_vectors(self, decided: dict[str, bool]) -> tuple[list[str], np.ndarray]:
        """The decided photos that have a vector for this model: fingerprints and vectors."""
        fps, vecs = [], []
        for fp in decided:
            v = self.catalog.vector_for_fingerprint(fp, self.library.model)
            if v is not None:
                fps.append(fp)
                vecs.append(v)
        return fps, (np.stack(vecs).astype(np.float32) if vecs else
                     np.zeros((0, self.library.embedder.dim), np.float32))

    def _teach(self, model: TagModel, vecs: np.ndarray, labels: np.ndarray) -> None:
        z0 = model.logits(vecs)
        model.alpha, model.bias, model.direction = fit_probe(z0, vecs, labels)
        model.examples = len(labels)

    def score_all(self, tags: Iterable[Tag | str] | None = None) -> dict[int, TagScores]:
        """Scores of every photo in the index for these tags (all by default), tag id -> scores.

        Tags whose cached scores are stale are scored together in one matrix product.
        """
        tags = self.list() if tags is None else [self.get(t) for t in tags]
        index = self.library.index  # catches up with the catalog's log
        models = {t.id: self._model(t, decisions(self.catalog, t.id)) for t in tags}
        return self._scores_of(index, tags, models)

    def _scores_of(self, index, tags: list[Tag], models: dict[int, TagModel]) -> dict[int, TagScores]:
        """score_all's work: stale tags scored together over a snapshot of the index."""
        with self._lock:
            state = index.state  # read first: if the index changes meanwhile, the next call scores again
            stale = [t for t in tags if t.id not in self._scores or self._scores[t.id].key != (models[t.id], state)]
            if stale:
                ids, vectors = index.live()
                probs = score_vectors(vectors, [models[t.id] for t in stale])
                for t, p in zip(stale, probs):
                    self._scores[t.id] = TagScores((models[t.id], state), ids, p, vectors)
            return {t.id: self._scores[t.id] for t in tags}

    def assignments(self, tag: Tag | str, sensitivity: float | None = None,
                    include_rejected: bool = False) -> list[Assignment]:
        """Photos that carry the tag, best score first: confirmed ones, then automatic ones.

        `sensitivity` previews another setting than the tag's own; `include_rejected` adds the
        photos the user rejected (state "rejected"), for a review view.
        """
        tag = self.get(tag)
        s = tag.sensitivity if sensitivity is None else _clean_sensitivity(sensitivity)
        states = {pid: ("confirmed" if c else "rejected") for pid, c in self._decided_photos(tag).items()}
        score_of: dict[int, float] = {}
        out = []
        if tag.auto:  # a keyword-only tag is not scored at all: only confirmed photos carry it
            scores = self.score_all([tag])[tag.id]
            ids, probs = scores.ids, scores.probs
            decided = np.isin(ids, np.fromiter(states, np.int64, len(states)))
            score_of = dict(zip(ids[decided].tolist(), probs[decided].tolist()))
            carried = np.nonzero((probs >= threshold(s)) & ~decided)[0]
            out = [Assignment(pid, prob, "auto") for pid, prob in zip(ids[carried].tolist(), probs[carried].tolist())]
        out += [Assignment(pid, score_of.get(pid), state) for pid, state in states.items()
                if state == "confirmed" or include_rejected]
        order = {"confirmed": 0, "auto": 1, "rejected": 2}
        out.sort(key=lambda a: (order[a.state], -(a.score if a.score is not None else 2.0), a.photo_id))
        return out

    def count_at(self, tag: Tag | str, sensitivity: float) -> int:
        """How many photos would carry the tag at this sensitivity (for a preview before applying)."""
        tag = self.get(tag)
        sensitivity = _clean_sensitivity(sensitivity)
        decided = self._decided_photos(tag)
        confirmed = sum(decided.values())
        if not tag.auto:
            return confirmed
        scores = self.score_all([tag])[tag.id]
        undecided = ~np.isin(scores.ids, np.fromiter(decided, np.int64, len(decided)))
        return confirmed + int(np.count_nonzero(scores.probs[undecided] >= threshold(sensitivity)))

    def near_misses(self, tag: Tag | str, sensitivity: float, count: int) -> list[tuple[int, float]]:
        """The photos that came closest to carrying the tag at this sensitivity without carrying
        it (and that the user did not decide on), best first: (photo id, score)."""
        tag = self.get(tag)
        cut = threshold(_clean_sensitivity(sensitivity))
        if not tag.auto:
            return []
        decided = self._decided_photos(tag)
        scores = self.score_all([tag])[tag.id]
        rows = np.nonzero((scores.probs < cut) & ~np.isin(scores.ids, np.fromiter(decided, np.int64, len(decided))))[0]
        rows = rows[np.argsort(-scores.probs[rows], kind="stable")[:count]]
        return list(zip(scores.ids[rows].tolist(), scores.probs[rows].tolist()))

    def why(self, tag: Tag | str, photo_id: int) -> tuple[bool, list[Reason]]:
        """Whether the photo carries the tag, and why, in reasons the GUI can put in words."""
        return self.explain(tag, [photo_id])[photo_id]

    def explain(self, tag: Tag | str, photo_ids: Iterable[int],
                sensitivity: float | None = None) -> dict[int, tuple[bool, list[Reason]]]:
        """`why` for many photos at once (a review grid): photo id -> (carries it, reasons).

        `sensitivity` previews another setting than the tag's own."""
        tag = self.get(tag)
        cut = threshold(tag.sensitivity if sensitivity is None else _clean_sensitivity(sensitivity))
        rows = self.catalog.photos(list(photo_ids))
        decided = decisions(self.catalog, tag.id)
        out: dict[int, tuple[bool, list[Reason]]] = {}
        undecided = []
        for pid, photo in rows.items():
            if photo.fingerprint in decided:
                confirmed = decided[photo.fingerprint]
                out[pid] = (confirmed, [Reason("confirmed" if confirmed else "rejected")])
            elif not tag.auto:
                out[pid] = (False, [Reason("keyword")])
            else:
                undecided.append(pid)
        if not undecided:
            return out
        found, x = self.library.index.vectors_of(undecided)
        looked_at = found.tolist()
        for pid in set(undecided) - set(looked_at):
            out[pid] = (False, [Reason("no_vector")])
        if not looked_at:
            return out
        model = self._model(tag, decided)
        scores = _sigmoid(model.logits(x))
        lines = model.line_logits(x)
        best = np.argmax(lines, axis=0)
        zero_shot = _sigmoid(lines.max(axis=0))
        # a "not" prompt took it away when the best line beats the neutral prompts but not the negatives
        bare = TagModel(model.positive, model.negatives[:0], model.neutrals).logits(x) if len(tag.negatives) \
            else None
        alike = (model.decided @ x.T >= LOOKALIKE_COSINE) if model.decided is not None else None
        for j, pid in enumerate(looked_at):
            carried, matches = bool(scores[j] >= cut), bool(zero_shot[j] >= cut)
            reasons = [Reason("line", tag.prompts[best[j]], strength(zero_shot[j])) if matches
                       else Reason("no_line", strength=strength(zero_shot[j]))]
            if bare is not None and bare[j] >= 0 > lines[best[j], j]:
                reasons.append(Reason("negative", tag.negatives[int(np.argmax(model.negatives @ x[j]))]))
            yes = no = 0
            if alike is not None:
                yes = int(np.count_nonzero(alike[:, j] & model.verdicts))
                no = int(np.count_nonzero(alike[:, j] & ~model.verdicts))
            if yes:
                reasons.append(Reason("alike_confirmed", count=yes))
            if no:
                reasons.append(Reason("alike_rejected", count=no))
            if model.direction is not None and not (yes or no) and matches != carried:
                reasons.append(Reason("taught", count=model.examples))
            out[pid] = (carried, reasons)
        return out

    def suggest(self, tag: Tag | str, count: int = 12, exclude: Iterable[int] = ()) -> list[int]:
        """Photos worth reviewing next, to teach the tag by example (photo ids, ask in this order).

        They are drawn from the undecided photos the tag carries or nearly carries, each as
        unlike the photos already decided (and the ones suggested before it) as possible, so a
        few answers cover the variety the tag has caught: reviewing the best-scored photos
        instead tends to show one kind of mistake over and over, which teaches little.
        `exclude`: photos the user skipped.
        """
        tag = self.get(tag)
        if not tag.auto or count <= 0:
            return []
        decided = self._decided_photos(tag)
        skip = np.fromiter([*decided, *exclude], np.int64)
        index = self.library.index
        model = self._model(tag, decisions(self.catalog, tag.id))
        scores = self._scores_of(index, [tag], {tag.id: model})[tag.id]
        wanted = threshold(min(1.0, tag.sensitivity + SUGGEST_WIDER))
        rows = np.nonzero(~np.isin(scores.ids, skip) & (scores.probs >= wanted))[0]
        rows = rows[np.argsort(-scores.probs[rows], kind="stable")]
        ids = scores.ids[rows]
        candidates = scores.vectors[rows]
        seeds = index.vectors_of(decided)[1]
        known = seeds if len(seeds) else None
        if not len(rows):
            return []
        # farthest-point order: each pick is the candidate least like everything picked before
        far = np.full(len(rows), np.inf) if known is None else 1.0 - (candidates @ known.T).max(axis=1)
        picked = []
        for _ in range(min(count, len(rows))):
            i = 0 if known is None and not picked else int(np.argmax(far))
            if picked and far[i] <= 0:
                break
            picked.append(i)
            far = np.minimum(far, 1.0 - candidates @ candidates[i])
            far[picked] = -np.inf
        return [int(ids[i]) for i in picked]

    def summary(self) -> list[dict]:
        """Per tag: its definition and how many photos carry it, are confirmed, are rejected."""
        out = []
        for tag in self.list():
            decided = self._decided_photos(tag)
            model = self._model(tag, decisions(self.catalog, tag.id)) if tag.auto else None
            out.append({
                "name": tag.name, "prompts": list(tag.prompts), "negatives": list(tag.negatives),
                "sensitivity": tag.sensitivity, "auto": tag.auto,
                "photos": self.count_at(tag, tag.sensitivity),
                "confirmed": sum(decided.values()), "rejected": len(decided) - sum(decided.values()),
                "learnt_from": model.examples if model else 0,
            })
        return out

    def _decided_photos(self, tag: Tag) -> dict[int, bool]:
        """photo id -> confirmed, for every photo whose content the user decided on."""
        return self.catalog.decided_photos(tag.id)

    # -- XMP export -----------------------------------------------------------------------------
    def export_xmp(self, tags: Iterable[Tag | str] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   control=None) -> ExportReport:
        """Write the tags (all by default) as keywords into the photos' XMP sidecars.

        A photo that carries none of them gets no new sidecar; an existing one is merged (see
        photoclip.core.xmp), so keywords of tags that no longer apply are taken back out.
        `control` is an indexer RunControl (pause / cancel between photos).
        """
        tags = self.list() if tags is None else [self.get(t) for t in tags]
        carried: dict[int, dict[str, bool]] = {}
        for tag in tags:
            for a in self.assignments(tag):
                carried.setdefault(a.photo_id, {})[tag.name] = a.state == "auto"
        managed = [t.name for t in tags]
        report = ExportReport()
        photos = self.catalog.all_photos(order="path")
        for done, photo in enumerate(photos):
            if control is not None:
                control.checkpoint()
            if progress:
                progress(done, len(photos))
            mine = carried.get(photo.id, {})
            try:
                if not mine and not xmp.has_sidecar(photo.path):
                    continue
                if not os.path.isfile(photo.path):
                    report.missing += 1
                    continue
                if xmp.write_tags(photo.path, mine, managed):
                    report.written += 1
                else:
                    report.unchanged += 1
            except xmp.XmpError as e:
                report.failed.append((photo.path, str(e)))
        if progress:
            progress(len(photos), len(photos))
        return report

