"""Searching a library: words, photos, and their combinations, with folder and date filters.

A query is a weighted sum of unit vectors: `beach -people` looks for photos close to "beach"
and far from "people". Scores are cosines between the (renormalised) query and each photo.

Every photo is also judged *relevant* or not, per query, so a search can say where the good
matches end (a fixed cutoff on the cosine cannot: its good and bad values move from query to
query and model to model). Each term of the query is judged as an auto-tag judges a line:
- a term in words competes, at CLIP's temperature, with neutral prompts true of any photo
  ("a photo", ...): the photo is relevant when the term's share of that softmax passes 1/2;
- a photo as a term ("more like this") competes with the library's average photo, the image
  side's "a photo": the photo must be closer to the example than to the average photo, by a
  quarter of the way from the average photo to the example (LIKE_MARGIN);
- the terms combine as a person reads them: every "+" term must hold and no "-" term may
  (the relevance logit is the least of the terms' logits, a "-" term's negated).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from . import phototext
from .imaging import decode
from .library import Library
from .tags.scoring import TEMPERATURE, _logsumexp, _sigmoid, line_vectors, neutral_vectors, prompt_variants

NEGATIVE_WEIGHT = 0.5  # a negative term pushes away without swamping what is asked for
# "More like this": how far from the average photo toward the example a photo must be, besides
# being closer to the example than to the average photo. Measured on the toy world
# (benchmarks/search_relevance.py): 0 keeps every photo sharing a colour or shape, 0.4 loses
# half the photos of the example's kind.
LIKE_MARGIN = 0.25


@dataclass
class Query:
    positives: list[str] = field(default_factory=list)
    negatives: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # "more like this"
    negative_images: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.positives or self.images or self.negatives or self.negative_images)


_TOKEN = re.compile(r'[+-]?"[^"]*"?|\S+')


def parse_query(text: str) -> Query:
    """`kids on a beach -people +sunset` -> positives [kids on a beach, sunset], negatives [people].

    A term runs until the next word that starts with + or -; quotes keep a term whole
    (`-"people in swimsuits"`); a hyphen inside a word (`black-and-white`) is part of it.
    """
    query = Query()
    sign, words = "+", []

    def flush():
        if words:
            (query.positives if sign == "+" else query.negatives).append(" ".join(words))

    for token in _TOKEN.findall(text):
        if token[0] in "+-":
            flush()
            sign, token = token[0], token[1:]
            words = []
        token = token.strip('"').strip()
        if token:
            words.append(token)
    flush()
    return query


@dataclass
class Hit:
    photo_id: int
    path: str
    score: float  # cosine with the query: the order within relevant and within weaker hits
    relevance: float = 1.0  # calibrated in [0, 1]: 0.5 and up is a relevant hit (see the module)
    # Words of the query found written in the photo (phototext): such photos are relevant and rank first.
    text: list[str] = field(default_factory=list)  # the photo's words that matched, as read
    text_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # where (fractions)

    @property
    def relevant(self) -> bool:
        return self.relevance >= 0.5


class Hits(list):
    """Hits, the relevant ones first (best first), then weaker ones; `relevant` and `weaker`
    count them in the whole library (or the filtered part), beyond the hits listed."""

    def __init__(self, hits=(), relevant: int = 0, weaker: int = 0):
        super().__init__(hits)
        self.relevant, self.weaker = relevant, weaker


@dataclass
class Filters:
    folder: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def active(self) -> bool:
        return bool(self.folder or self.date_from or self.date_to)


def allowed_ids(library: Library, filters: Filters) -> np.ndarray | None:
    """Photo ids that pass the filters, or None when nothing is filtered."""
    if not filters.active:
        return None
    # Date taken from EXIF, else the file's modification time; both in local time.
    ids = library.catalog.photo_ids_where(
        folder=str(Path(filters.folder).expanduser().resolve()) if filters.folder else None,
        taken_from=filters.date_from.isoformat() if filters.date_from else None,
        taken_before=(filters.date_to + timedelta(days=1)).isoformat() if filters.date_to else None)
    return np.array(ids, dtype=np.int64)


def image_vector(library: Library, path: str | Path) -> np.ndarray:
    """A photo's vector: from the catalog when it is in the library, else computed now."""
    path = str(Path(path).expanduser().resolve())
    row = library.catalog.photo_by_path(path)
    if row is not None:
        vec = library.catalog.vector_for_fingerprint(row.fingerprint, library.model)
        if vec is not None:
            return vec
    embedder = library.embedder
    decoded = decode(Path(path), embedder.preprocess)
    return embedder.encode_images(decoded.pixels[None])[0]


def query_vector(library: Library, query: Query) -> np.ndarray:
    parts = [library.text_vector(t) for t in query.positives]
    parts += [image_vector(library, p) for p in query.images]
    negs = [library.text_vector(t) for t in query.negatives]
    negs += [image_vector(library, p) for p in query.negative_images]
    vec = np.sum(parts, axis=0) / len(parts) if parts else 0.0
    if negs:  # only negatives ("-people") ranks what is furthest from them first
        vec = vec - (NEGATIVE_WEIGHT if parts else 1.0) * np.sum(negs, axis=0) / len(negs)
    return vec / max(float(np.linalg.norm(vec)), 1e-12)


def relevance_logits(library: Library, query: Query, vectors: np.ndarray, average: np.ndarray | None = None,
                     neutral: np.ndarray | None = None) -> np.ndarray:
    """The query's relevance logit for each photo vector [n, d]: >= 0 is relevant.

    `average`: the library's average photo (unit), for photo terms; by default the mean of `vectors`.
    `neutral`: each photo's logsumexp of T * cosine with the neutral prompts, when already known
    (`neutral_logsumexp`); it does not depend on the query.
    """
    vectors = np.asarray(vectors, np.float32)
    if neutral is None:
        neutral = neutral_logsumexp(library, vectors)

    def said(text: str) -> np.ndarray:  # a term in words against the neutral prompts
        return TEMPERATURE * (vectors @ line_vectors(library, [text])[0]) - neutral

    terms = [said(t) for t in query.positives]
    against = [-said(t) for t in query.negatives]
    if query.images or query.negative_images:
        if average is None:
            average = vectors.mean(axis=0)
        average = average / max(float(np.linalg.norm(average)), 1e-12)
        from_average = vectors @ average

        def like(path) -> np.ndarray:  # a photo as a term, against the average photo
            example = image_vector(library, path)
            margin = LIKE_MARGIN * (1.0 - float(example @ average))
            return TEMPERATURE * (vectors @ example - from_average - margin)

        terms += [like(p) for p in query.images]
        against += [-like(p) for p in query.negative_images]
    return np.min(terms + against, axis=0) if terms or against else np.zeros(len(vectors), np.float32)


def neutral_logsumexp(library: Library, vectors: np.ndarray) -> np.ndarray:
    """Per photo: logsumexp of T * cosine with the neutral prompts (what a term must beat)."""
    return _logsumexp(TEMPERATURE * (neutral_vectors(library) @ np.asarray(vectors, np.float32).T), axis=0)


_neutral_cache: dict[int, tuple[tuple, np.ndarray]] = {}  # id(index) -> (its state, per row)


def _index_neutral(library: Library, index, vectors: np.ndarray) -> np.ndarray:
    """neutral_logsumexp of the index's live `vectors`, kept while the index does not change
    (call with its lock held)."""
    state = (str(library.root), library.model, index.state)
    cached = _neutral_cache.get(id(index))
    if cached is None or cached[0] != state:
        cached = (state, neutral_logsumexp(library, vectors))
        _neutral_cache.clear()  # one library's at a time
        _neutral_cache[id(index)] = cached
    return cached[1]


def prepare(library: Library) -> None:
    """What every search needs whatever its words, done ahead (the app, once the model is
    loaded): the neutral prompts' vectors, the vector index, and each photo's part against the
    neutral prompts. The first search then costs what any other does."""
    neutral_vectors(library)
    index = library.index
    with index.lock:
        vectors = index.live()[1]
        if len(vectors):  # an empty library has nothing to compare yet
            _index_neutral(library, index, vectors)


@dataclass
class Ranking:
    """A search's order as arrays (cheap at 100,000 photos, where a Hit per photo is not): the
    relevant photos first, best first, then the weaker ones. `relevant` and `weaker` count them
    in the whole library (or its filtered part), beyond the photos kept here."""

    ids: np.ndarray  # photo ids, in order
    scores: np.ndarray  # cosine with the query (the order within relevant and within weaker photos)
    relevance: np.ndarray  # calibrated, 0.5 and up is relevant (see Hit)
    written: dict  # photo id -> phototext match, for the photos whose text holds the query's words
    relevant: int = 0
    weaker: int = 0

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def leading(self) -> int:
        """How many photos at the front are relevant."""
        return int(np.count_nonzero(self.relevance >= 0.5))

    def take(self, rows: np.ndarray) -> Ranking:
        """The photos at these rows (indexes, or a bool per photo), in that order; same counts."""
        return Ranking(self.ids[rows], self.scores[rows], self.relevance[rows], self.written,
                       self.relevant, self.weaker)


def rank(library: Library, query: Query | str, limit: int | None = None,
         filters: Filters | None = None, weaker: bool = True) -> Ranking:
    """Photos matching the query as a Ranking: the relevant ones best first, then (`weaker`) the
    others; `limit` keeps that many (None: every photo)."""
    if isinstance(query, str):
        query = parse_query(query)
    if query.empty:
        raise ValueError("a search needs words or a photo to look for")
    # Every text the query and its relevance need, in one run of the text tower.
    library.text_vectors([v for t in query.positives + query.negatives for v in (t, *prompt_variants(t))])
    vec = query_vector(library, query)
    allowed = allowed_ids(library, filters or Filters())
    # A photo used as the query is its own best match: leave it out.
    exclude = []
    for p in query.images:
        row = library.catalog.photo_by_path(str(Path(p).expanduser().resolve()))
        if row:
            exclude.append(row.id)
    written = phototext.text_matches(library.catalog, " ".join(query.positives),
                                     None if allowed is None else set(allowed.tolist()))
    nothing = Ranking(np.zeros(0, np.int64), np.zeros(0, np.float32), np.zeros(0, np.float32), {})
    index = library.index
    with index.lock:  # one pass over every vector: the relevant ones are counted wherever they rank
        ids, vectors = index.live()
        if not len(ids):  # no photo has a vector yet
            return nothing
        neutral = _index_neutral(library, index, vectors)
    average = vectors.T @ np.ones(len(ids), np.float32) if query.images or query.negative_images else None
    if allowed is not None:
        keep = np.isin(ids, allowed)
        ids, vectors, neutral = ids[keep], vectors[keep], neutral[keep]
    if not len(ids):
        return nothing
    scores = vectors @ vec
    logits = relevance_logits(library, query, vectors, average, neutral)
    if exclude:
        mine = np.isin(ids, exclude)
        ids, scores, logits = ids[~mine], scores[~mine], logits[~mine]
    relevance = _sigmoid(logits)
    # The query's words written in a photo make it relevant, and first (best text match first).
    text_score = np.zeros(len(ids))
    if written:
        where = np.nonzero(np.isin(ids, np.fromiter(written, np.int64, len(written))))[0]
        text_score[where] = [written[int(ids[i])].score for i in where]
        relevance[where] = np.maximum(relevance[where], 0.5 + 0.5 * text_score[where])
    relevant = relevance >= 0.5
    rank_by = 3.0 * text_score + scores  # within each group: written in the photo first, then the best

    def best(rows: np.ndarray, k: int | None) -> np.ndarray:  # the k best of these rows, best first
        if k is not None and k < len(rows):
            rows = rows[np.argpartition(-rank_by[rows], k)[:k]]
        return rows[np.argsort(-rank_by[rows], kind="stable")]

    order = best(np.nonzero(relevant)[0], limit)
    if weaker and (limit is None or len(order) < limit):
        order = np.concatenate([order, best(np.nonzero(~relevant)[0], None if limit is None else limit - len(order))])
    return Ranking(ids[order], scores[order], relevance[order], written,
                   relevant=int(relevant.sum()), weaker=int((~relevant).sum()))


def search(library: Library, query: Query | str, limit: int | None = 20,
           filters: Filters | None = None, weaker: bool = True) -> Hits:
    """Photos matching the query as Hits: the relevant ones best first, then (`weaker`) the others.

    limit=None lists them all; the counts on the result cover every photo whatever the limit.
    """
    ranked = rank(library, query, limit, filters, weaker)
    paths = library.catalog.paths(ranked.ids.tolist())
    hits = []
    for pid, score, relevance in zip(ranked.ids.tolist(), ranked.scores.tolist(), ranked.relevance.tolist()):
        if pid in paths:
            found = ranked.written.get(pid)
            hits.append(Hit(pid, paths[pid], score, relevance, *((found.words, found.boxes) if found else ())))
    return Hits(hits, relevant=ranked.relevant, weaker=ranked.weaker)
