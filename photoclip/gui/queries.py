"""What the views ask of the library: plain functions that run in background jobs.

Each takes the job thread's reader `Library` and returns ready-made data for a view (a
`PhotoList` the grid model can swap in without further work on the GUI thread).
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..core.language import unread_script
from ..core.library import Library
from ..core.search import Filters, Ranking, allowed_ids, parse_query, rank
from ..core.util import is_under, newest_first, photo_time
from .photogrid import PhotoList, RankedItems, items_from_rows, sort_by_date

SORT_RELEVANCE, SORT_NEWEST, SORT_OLDEST = "relevance", "newest", "oldest"


@dataclass(frozen=True)
class GridQuery:
    """What the photos page shows: words, example photos, a folder, a tag, and an order."""

    text: str = ""
    like: tuple[str, ...] = ()  # "more like this" photos
    folder: str | None = None
    tag: str | None = None
    sort: str = SORT_RELEVANCE
    date_from: date | None = None  # taken (or file time) on or after
    date_to: date | None = None  # on or before

    @property
    def searching(self) -> bool:
        query = parse_query(self.text)
        query.images += list(self.like)
        return not query.empty

    @property
    def filtered(self) -> bool:
        """Shows part of the library."""
        return (self.searching or self.folder is not None or self.tag is not None
                or self.date_from is not None or self.date_to is not None)

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
    # The whole list when `photos` is a long search's first page: run it in a job (any thread's library).
    rest: Callable[[Library], PhotoList] | None = None


def tag_store(ctx):
    """The job thread's TagStore (it caches scores between calls), made on first use."""
    from ..core.tags import TagStore

    if "tags" not in ctx.values:
        ctx.set(tags=TagStore(ctx.library))
    return ctx.tags


def tag_photo_ids(tags, name: str) -> set[int]:
    """Photos that carry a tag (confirmed or automatic)."""
    return {a.photo_id for a in tags.assignments(name)}


def by_date(details: list[tuple], rows) -> list[int]:
    """These rows newest first, by their `store.photo_details` (the EXIF date, else the file's)."""
    return newest_first(rows, lambda row: (details[row][5], details[row][2]))


FIRST_PAGE = 2_000  # a long search lists this many photos at once, the rest in a second job


def ranked_photos(catalog, ranking: Ranking, upto: int | None = None, known: dict[int, tuple] | None = None,
                  sort: str = SORT_RELEVANCE) -> PhotoList:
    """The ranking's photos that the catalog still holds, of its first `upto` rows (None: all),
    the others counted as they are. `known`: the details of rows listed before, kept as they
    were (a first page stays the start of the whole list). A sort by date needs every row."""
    head = ranking if upto is None else ranking.take(slice(0, upto))
    ids = head.ids.tolist()
    if known:
        known = {**catalog.photo_details([i for i in ids if i not in known]), **known}
    else:
        known = catalog.photo_details(ids)
    head = head.take(np.array([i in known for i in ids], bool))  # none removed since they were indexed
    details = [known[i] for i in head.ids.tolist()]
    relevant = head.leading  # the relevant ones stay first in any order
    if sort != SORT_RELEVANCE:
        groups = [by_date(details, range(relevant)), by_date(details, range(relevant, len(details)))]
        if sort == SORT_OLDEST:
            groups = [g[::-1] for g in groups]
        order = groups[0] + groups[1]
        head, details = head.take(np.array(order, np.int64)), [details[i] for i in order]
    beyond = ranking.take(slice(len(ids), None))
    return PhotoList(RankedItems(head, details), relevant + beyond.leading, len(head) + len(beyond))


def run_grid_query(library: Library, q: GridQuery, tags=None, whole: bool = False) -> GridResult:
    """The photos `q` shows. A search over many photos lists its first page, and the result's
    `rest` the whole list; `whole` lists them all at once (a refresh keeping the user's place)."""
    catalog = library.catalog
    filters = Filters(folder=q.folder, date_from=q.date_from, date_to=q.date_to)
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
        ranking = rank(library, query, filters=filters)
        if allowed_array is not None:
            ranking = ranking.take(np.isin(ranking.ids, allowed_array))
        paged = not whole and q.sort == SORT_RELEVANCE
        photos = ranked_photos(catalog, ranking, FIRST_PAGE if paged else None, sort=q.sort)

        def rest(library: Library) -> PhotoList:
            return ranked_photos(library.catalog, ranking, known=dict(zip(photos.items.ids, photos.items.details)))

        return GridResult(q, photos, total, unread_script=unread_script(q.text, library),
                          rest=rest if len(photos) < photos.count else None)
    rows = catalog.all_photos() if allowed_array is None else list(catalog.photos(allowed_array).values())
    items = sort_by_date(items_from_rows(rows))
    if q.sort == SORT_OLDEST:
        items.reverse()
    return GridResult(q, PhotoList(items), total)


def photo_tags(tags) -> tuple[list[str], dict[int, tuple[str, ...]]]:
    """Every tag's name, and the tags each photo carries (confirmed or automatic)."""
    names, carried = [], {}
    for tag in tags.list():
        names.append(tag.name)
        for a in tags.assignments(tag):
            carried.setdefault(a.photo_id, []).append(tag.name)
    return names, {pid: tuple(v) for pid, v in carried.items()}


@dataclass
class Browse:
    """What the library panel lists besides folders' own counts: months and subfolders."""

    months: list[tuple[int, int, int]]  # (year, month, photos), newest first
    subfolders: dict[str, dict[str, int]]  # watched folder -> {subfolder path: photos in it and below}


def browse_library(library: Library) -> Browse:
    catalog = library.catalog
    months: Counter = Counter()
    folders = catalog.folders()
    subfolders: dict[str, Counter] = {f: Counter() for f in folders}
    for row in catalog.all_photos(order="path"):
        when = photo_time(row.taken, row.mtime_ns)
        try:
            months[(int(when[:4]), int(when[5:7]))] += 1
        except ValueError:
            pass
        for folder in folders:
            top = folder.rstrip(os.sep)
            if is_under(row.path, top, strict=True):
                parent = os.path.dirname(row.path)
                while len(parent) > len(top):  # every folder on the way up holds this photo
                    subfolders[folder][parent] += 1
                    parent = os.path.dirname(parent)
                break
    return Browse(sorted(((y, m, n) for (y, m), n in months.items()), reverse=True),
                  {f: dict(c) for f, c in subfolders.items()})
