"""How a tag scores photos: its lines' prompts ensembled into text vectors, each photo's zero-shot
logit against neutral and negative prompts, refined by a probe once the user taught it, and the
votes of look-alike photos the user decided on. Pure numbers: no catalog, no library state.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..library import Library

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
# A photo whose text holds every word of one of a tag's lines ("receipt" printed on a receipt)
# carries the tag with at least this score ("strong"), whatever the picture model makes of it.
TEXT_SCORE = 0.9


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


# -- text vectors of prompts (shared with search's relevance) --------------------------------------
def line_vectors(library: Library, prompts: Iterable[str], keep: bool = False) -> np.ndarray:
    """(lines, d): each prompt ensembled over its phrasings (see prompt_variants), unit length.
    All phrasings are encoded in one batch; `keep`: remember them on disk (a tag's prompts)."""
    variants = [prompt_variants(p) for p in prompts]
    if not variants:
        return np.zeros((0, library.embedder.dim), np.float32)
    every = library.text_vectors([t for v in variants for t in v], keep=keep)
    vecs, at = [], 0
    for v in variants:
        mean = every[at:at + len(v)].mean(axis=0)
        vecs.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
        at += len(v)
    return np.stack(vecs).astype(np.float32)


def neutral_vectors(library: Library) -> np.ndarray:
    """(m, d): the prompts true of any photo, that a tag or a search term must beat (the same on
    every run: kept on disk)."""
    return library.text_vectors(list(NEUTRAL_PROMPTS), keep=True).astype(np.float32)


# -- the decision function ------------------------------------------------------------------------
@dataclass(eq=False)  # compared by identity: a cached model stands for its inputs
class TagScorer:
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
        return np.stack([_logits(vectors, [TagScorer(line, self.negatives, self.neutrals)])[0]
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


def _logits(vectors: np.ndarray, models: list[TagScorer]) -> np.ndarray:
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


def with_text(probs: np.ndarray, ids: np.ndarray, written: set[int]) -> np.ndarray:
    """Scores raised to TEXT_SCORE for the photos (ids) whose text holds a line's words."""
    if not written:
        return probs
    hit = np.isin(ids, np.fromiter(written, np.int64, len(written)))
    return np.where(hit, np.maximum(probs, TEXT_SCORE), probs).astype(np.float32)


def score_vectors(vectors: np.ndarray, models: list[TagScorer]) -> list[np.ndarray]:
    """Scores in [0, 1] of photo vectors [n, d] for several tags (float32 [n] each)."""
    if len(vectors) == 0 or not models:
        return [np.zeros(len(vectors), np.float32) for _ in models]
    return list(_sigmoid(_logits(vectors, models)).astype(np.float32))
