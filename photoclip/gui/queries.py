"""What the views ask of the library: plain functions that run in background jobs.

Each takes the job thread's reader `Library` and returns ready-made data for a view (a
`PhotoList` the grid model can swap in without further work on the GUI thread).
"""
from __future__ import annotations

from dataclasses import dataclass, field

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
    photos: PhotoList
    total: int  # photos in the library (or the folder)
    errors: list[str] = field(default_factory=list)


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
        items = items_from_rows([rows[h.photo_id] for h in hits if h.photo_id in rows], scores)
        read = {h.photo_id: h for h in hits if h.text}
        for item in items:
            if item.photo_id in read:
                item.text, item.text_boxes = tuple(read[item.photo_id].text), tuple(read[item.photo_id].text_boxes)
        if q.sort != SORT_RELEVANCE:
            items = sort_by_date(items)
    else:
        rows = catalog.all_photos() if allowed_array is None else list(catalog.photos(allowed_array).values())
        items = sort_by_date(items_from_rows(rows))
    if q.sort == SORT_OLDEST:
        items.reverse()
    return GridResult(q, PhotoList(items), total)
