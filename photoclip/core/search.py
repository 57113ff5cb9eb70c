"""Searching a library: words, photos, and their combinations, with folder and date filters.

A query is a weighted sum of unit vectors: `beach -people` looks for photos close to "beach"
and far from "people". Scores are cosines between the (renormalised) query and each photo.
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

NEGATIVE_WEIGHT = 0.5  # a negative term pushes away without swamping what is asked for


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
    score: float
    # Words of the query found written in the photo (phototext): such photos rank first.
    text: list[str] = field(default_factory=list)  # the photo's words that matched, as read
    text_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # where (fractions)


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


def search(library: Library, query: Query | str, limit: int | None = 20,
           filters: Filters | None = None) -> list[Hit]:
    """Photos best matching the query, best first; limit=None ranks them all."""
    if isinstance(query, str):
        query = parse_query(query)
    if query.empty:
        raise ValueError("a search needs words or a photo to look for")
    vec = query_vector(library, query)
    allowed = allowed_ids(library, filters or Filters())
    # A photo used as the query is its own best match: leave it out.
    exclude = set()
    for p in query.images:
        row = library.catalog.photo_by_path(str(Path(p).expanduser().resolve()))
        if row:
            exclude.add(row.id)
    hits = library.index.search(vec, limit, allowed=allowed, exclude=exclude)
    hits = _text_first(library, query, vec, hits, limit, allowed, exclude)
    paths = library.catalog.paths([pid for pid, *_ in hits])
    return [Hit(pid, paths[pid], score, *found) for pid, score, *found in hits if pid in paths]


def _text_first(library: Library, query: Query, vec: np.ndarray, hits: list, limit: int | None,
                allowed: np.ndarray | None, exclude: set[int]) -> list[tuple]:
    """Photos with the query's words written in them first (best text match, then picture
    score), then the rest as the picture search ranked them."""
    matches = phototext.text_matches(library.catalog, " ".join(query.positives),
                                     None if allowed is None else set(allowed.tolist()))
    matches = {pid: m for pid, m in matches.items() if pid not in exclude}
    if not matches:
        return hits
    scores = dict(hits)
    unscored = [pid for pid in matches if pid not in scores]
    if unscored:
        ids, vectors = library.catalog.vectors(unscored, library.model)
        scores.update(zip(ids.tolist(), (vectors @ vec).tolist()))
    first = sorted(matches, key=lambda pid: (-matches[pid].score, -scores.get(pid, -1.0)))
    ranked = [(pid, scores.get(pid, 0.0), matches[pid].words, matches[pid].boxes) for pid in first]
    ranked += [(pid, score) for pid, score in hits if pid not in matches]
    return ranked[:limit] if limit is not None else ranked
