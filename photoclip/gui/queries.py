"""What the views ask of the library: plain functions that run in background jobs.

Each takes the job thread's reader `Library` and returns ready-made data for a view (a
`PhotoList` the grid model can swap in without further work on the GUI thread).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.language import unread_script
from ..core.library import Library
from ..core.search import Filters, allowed_ids, parse_query, search
from .photogrid import PhotoList, items_from_rows, sort_by_date

SORT_RELEVANCE, SORT_NEWEST, SORT_OLDEST = "relevance", "newest", "oldest"


@dataclass(frozen=True)
class GridQuery:
    """What the photos page shows: words, example photos, a folder, a tag, and an order."""

    text: str = ""
    like: tuple[str, ...] = ()  # "more like this" photos
    folder: str | None = None
    tag: str | None = None
    sort: str = SORT_RELEVANCE

    @property
    def searching(self) -> bool:
        query = parse_query(self.text)
        query.images += list(self.like)
        return not query.empty

    @property
    def needs_model(self) -> bool:
        return self.searching or self.tag is not None


@dataclass
class GridResult:
    query: GridQuery
    photos: PhotoList  # a search's: the relevant photos first (photos.relevant of them), then weaker ones
    total: int  # photos in the library (or the folder)
    errors: list[str] = field(default_factory=list)
    unread_script: str | None = None  # the search is in a script the model cannot read


def tag_store(ctx):
    """The job thread's TagStore (it caches scores between calls), made on first use."""
    from ..core.tags import TagStore

    if "tags" not in ctx.values:
        ctx.set(tags=TagStore(ctx.library))
    return ctx.tags


def tag_photo_ids(tags, name: str) -> set[int]:
    """Photos that carry a tag (confirmed or automatic)."""
    return {a.photo_id for a in tags.assignments(name)}


def run_grid_query(library: Library, q: GridQuery, tags=None) -> GridResult:
    catalog = library.catalog
    filters = Filters(folder=q.folder)
    allowed = allowed_ids(library, filters)
    if q.tag is not None:
        carried = tag_photo_ids(tags, q.tag)
        allowed = carried if allowed is None else carried & set(allowed.tolist())
        allowed_array = sorted(allowed)
    else:
        allowed_array = None if allowed is None else allowed.tolist()
    total = catalog.photo_count() if allowed_array is None else len(allowed_array)
    if q.searching:
        query = parse_query(q.text)
        query.images += list(q.like)
        hits = search(library, query, limit=None, filters=filters)
        if allowed_array is not None:
            keep = set(allowed_array)
            hits = [h for h in hits if h.photo_id in keep]
        scores = {h.photo_id: h.score for h in hits}
        # Most of a large library: one pass over the table beats hundreds of lookups by id.
        rows = {r.id: r for r in catalog.all_photos()} if len(scores) > 20_000 else catalog.photos(scores)
        hits = [h for h in hits if h.photo_id in rows]
        items = items_from_rows([rows[h.photo_id] for h in hits], scores)
        for item, hit in zip(items, hits):
            item.relevance = hit.relevance
            if hit.text:
                item.text, item.text_boxes = tuple(hit.text), tuple(hit.text_boxes)
        relevant = sum(h.relevant for h in hits)
        groups = [items[:relevant], items[relevant:]]  # the relevant ones stay first in any order
        if q.sort != SORT_RELEVANCE:
            groups = [sort_by_date(g) for g in groups]
        if q.sort == SORT_OLDEST:
            groups = [g[::-1] for g in groups]
        return GridResult(q, PhotoList(groups[0] + groups[1], relevant), total,
                          unread_script=unread_script(q.text, library))
    rows = catalog.all_photos() if allowed_array is None else list(catalog.photos(allowed_array).values())
    items = sort_by_date(items_from_rows(rows))
    if q.sort == SORT_OLDEST:
        items.reverse()
    return GridResult(q, PhotoList(items), total)
