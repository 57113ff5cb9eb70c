"""Near-duplicates and similar shots: find the groups, suggest which photo to keep, resolve safely.

Two stages. The vector index proposes pairs (every photo's nearest neighbours above a cosine
bound: no model work at all), and so do the look-alike signatures the indexer stored (a tiny
grey thumbnail stood upright, which a copy shares with its original: this catches the copies a
model sees as just another photo of the kind); a pixel check on small thumbnails
(photoclip.core.pixelmatch) decides. "duplicates" means the same picture (resized, re-encoded, brightened, cropped up to
10 % a side, blurred, turned or mirrored); "similar" means another shot of the same scene
(bursts) and never includes a pair that is a duplicate. Pairs link into groups (union-find).

Everything learnt is kept in the catalog by content fingerprint, so moves and renames cost
nothing: each photo's pixel print, each pair's verdict, and the groups the user dismissed. What
a run found (candidate and linked pairs, the look-alike table, the groups) is kept beside the
vector index with the change log position it reflects, so the next run costs what changed since.

For the CLI and the GUI (all of it Qt-free; run `find_groups` off the GUI thread):

    groups = find_groups(library, "duplicates", progress=callback, control=RunControl())
    group.items, group.keep, group.reason      # keep: the suggested Item, and why
    group.choose(item_or_path)                  # the user picks another keeper
    resolve(library, group, action="trash")     # or action=("move", folder)
    dismiss(library, group)                     # "not duplicates": stays dismissed
    forget_dismissals(library)                  # show dismissed groups again

`progress` gets jobs.Progress(state="reading"|"comparing"|"done", done, total, current);
`control.cancel()` stops a run at the next photo or pair (jobs.Cancelled is raised; what was
computed so far stays cached). Resolving first carries tag decisions and XMP keywords over to
the kept photo, then moves the others to the system trash (or a folder): nothing is ever
deleted, and a file that changed since it was checked is left alone.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path

import hnswlib
import numpy as np

from . import pixelmatch, removed, xmp
from .imaging import SkipFile, fingerprint_bytes, read_file
from .index import EXACT_BELOW
from .jobs import Progress, RunControl, default_workers
from .library import Library
from .store import NewPhoto, PhotoRow, Store
from .tags import TagStore
from .util import atomic_write, chunked, is_under

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    """How a mode proposes pairs from the vector index, before any pixel is looked at."""

    neighbours: int  # each photo's k nearest
    bound: float  # ... whose cosine is at least this
    breadth: int = 32  # the index's search breadth: close pairs are found early, so keep it small
    lookalikes: int = 0  # and each photo's k nearest by pixel signature (pixelmatch.signatures) ...
    lookalike_bound: float = 0.85  # ... whose cosine is at least this (copies: 0.92 or more in 95 of 100)


# A copy's vector sits very close to its original's, a turned one a little less so: the bounds
# are loose on purpose (the pixel check decides); `neighbours` caps the work per photo. A model
# that sees photos of one kind as nearly alike (or a noisy, cropped copy as another kind) can
# still bury a copy among them: the pixel signatures, which a copy shares with its original
# whatever its turn or brightness, propose the nearest look-alikes too.
RULES = {
    "duplicates": Rule(neighbours=12, bound=0.80, lookalikes=8),
    "similar": Rule(neighbours=12, bound=0.80),
}
MODES = tuple(RULES)
SIMILAR_WITHIN = 600.0  # seconds: two shots whose EXIF times are further apart are not a burst
_BATCH = 64  # prints and verdicts are committed this many at a time (a cancel keeps the rest)


# -- what a group holds ----------------------------------------------------------------------------
@dataclass
class Item:
    """One photo of a group, with what the keep-best rule weighs."""

    photo_id: int
    path: str
    fingerprint: str
    width: int
    height: int
    bytes: int
    taken: str | None
    camera: str | None
    quality: int | None  # JPEG quality estimate
    lossless: bool
    exif_fields: int
    software: str | None
    derived: bool = False  # looks like an edited copy of another member

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass
class Group:
    mode: str
    items: list[Item]  # the suggested keeper first, then by path
    keep: Item
    reason: str  # why `keep` was suggested, for people

    def choose(self, item: Item | str) -> None:
        """Make another member the one to keep (by Item or path)."""
        path = item.path if isinstance(item, Item) else str(item)
        for it in self.items:
            if it.path == path:
                self.keep, self.reason = it, "your choice"
                return
        raise ValueError(f"not in this group: {path}")

    @property
    def others(self) -> list[Item]:
        return [it for it in self.items if it.path != self.keep.path]


# -- finding groups ----------------------------------------------------------------------------------
def find_groups(library: Library, mode: str = "duplicates", progress: Callable[[Progress], None] | None = None,
                control: RunControl | None = None) -> list[Group]:
    """Every group of duplicates (or of similar shots) in the library, largest files' groups first."""
    if mode not in RULES:
        raise ValueError(f"unknown mode {mode!r}: choose {' or '.join(MODES)}")
    control = control or RunControl()
    catalog = library.catalog
    cache = _Cache(catalog)
    linked = _linked_pairs(library, cache, mode, progress, control)
    groups = _groups(library, cache, _wanted(catalog, linked, mode), mode, progress, control)
    if progress:
        progress(Progress("done", len(linked), len(linked)))
    return groups


def _wanted(catalog: Store, linked: dict[tuple[int, int], str | None], mode: str) -> list[tuple[int, int, str | None]]:
    """The linked pairs to show, as (photo, photo, which one looks edited): none the user
    dismissed (read fresh: a dismissal is no change to the photos), and in "similar" mode only
    shots taken close in time. The photos' rows are read only where that can matter."""
    dismissed = catalog.dismissed_pairs(mode)
    if not dismissed and mode == "duplicates":
        return [(a, b, inner) for (a, b), inner in linked.items()]
    photos = catalog.photos({i for p in linked for i in p})
    links = []
    for (a, b), inner in linked.items():
        if a not in photos or b not in photos:
            continue
        if _key(photos[a].fingerprint, photos[b].fingerprint) in dismissed:
            continue
        if mode == "similar" and not _close_in_time(photos[a], photos[b]):
            continue
        links.append((a, b, inner))
    return links


@dataclass
class _Kept:
    """What a run leaves for the next, as of a position in the catalog's change log: the
    candidate pairs (photo ids, smaller first), those the pixel check linked (with which of the
    two looks edited: "a", "b" or None) and those not judged yet (a print could not be read)."""

    seq: int
    pairs: np.ndarray  # [n, 2]: kept as an array (a hundred thousand pairs as Python tuples cost a run 0.1 s)
    linked: dict[tuple[int, int], str | None]
    pending: set[tuple[int, int]]


def _linked_pairs(library: Library, cache: _Cache, mode: str, progress, control) -> dict[tuple[int, int], str | None]:
    """The photo pairs the pixel check links in `mode`: pair -> which one looks edited.

    Finding the candidate pairs costs the library's size (every photo's neighbours among the
    vectors and among the pixel signatures: tens of seconds at 100,000 photos on 2 cores), and
    so does reading every verdict back. So what a run learnt is kept in the library folder with
    the catalog's change log position it reflects: a later run reads it back, looks for the
    pairs of the photos that came or changed since (the photos a photo that went was linked to
    are paired with each other: a third copy stays linked to the second), judges only the pairs
    that are new, and so costs what the change costs. (A new photo could also push an old pair
    out of an old photo's nearest; the kept pair stays a candidate.) Dismissals are applied by
    the caller, fresh.
    """
    rule = RULES[mode]
    catalog = library.catalog
    key = json.dumps([mode, repr(rule), pixelmatch.VERSION, pixelmatch.SIGNATURE_VERSION, library.model])
    path = library.root / "index" / f"pairs-{mode}-{hashlib.sha1(library.model.encode()).hexdigest()[:12]}.npz"
    head = catalog.log_head()
    kept = _load_kept(path, key)
    if kept is not None and kept.seq == head and not kept.pending:
        return kept.linked
    changed: dict[int, int] = {}
    if kept is not None:
        for _, photo_id, added in catalog.log_since(kept.seq):
            changed[photo_id] = added  # the last word about a photo is the one that counts
    if kept is not None and len(changed) <= CATCH_UP_MAX:
        gone = np.fromiter(changed, np.int64, len(changed))
        pairs = kept.pairs[~(np.isin(kept.pairs[:, 0], gone) | np.isin(kept.pairs[:, 1], gone))]
        linked = {p: inner for p, inner in kept.linked.items() if p[0] not in changed and p[1] not in changed}
        added = {pid for pid, added in changed.items() if added}
        partners: dict[int, list[int]] = {}  # photo gone -> the photos it was linked to
        for a, b in kept.linked:
            if a in changed and a not in added and b not in changed:
                partners.setdefault(a, []).append(b)
            elif b in changed and b not in added and a not in changed:
                partners.setdefault(b, []).append(a)
        found = {(min(a, b), max(a, b)) for ids in partners.values() for i, a in enumerate(ids) for b in ids[i + 1:]}
        found |= _pairs_of(library, cache, rule, added, progress, control) if added else set()
        found = np.array(sorted(found), dtype=np.int64).reshape(-1, 2)
        keys = _pair_keys(pairs)
        found = found[~np.isin(_pair_keys(found), keys[np.isin(keys, _pair_keys(found))])]  # (the few in the many: fast)
        todo = set(map(tuple, found.tolist())) | {p for p in kept.pending if p[0] not in changed and p[1] not in changed}
        pairs = np.concatenate([pairs, found])
    else:
        todo = _candidates(library, rule)[1]
        if rule.lookalikes:
            todo |= _lookalikes(library, cache, rule, progress, control)
        linked, pairs = {}, np.array(sorted(todo), dtype=np.int64).reshape(-1, 2)
    more, pending = _judge_pairs(cache, catalog.photos({i for p in todo for i in p}), todo, mode, progress, control)
    linked.update(more)
    _save_kept(path, key, _Kept(head, pairs, linked, pending))
    return linked


def _pair_keys(pairs: np.ndarray) -> np.ndarray:
    """[n, 2] photo id pairs -> one int64 each (ids stay below 2³¹)."""
    return pairs[:, 0] << 32 | pairs[:, 1]


# A run catches what was kept up photo by photo while fewer than this many photos changed;
# beyond, finding every pair again is the cheaper way.
CATCH_UP_MAX = 5000
_INNER = (None, "a", "b")  # how `inner` is kept


def _load_kept(path: Path, key: str) -> _Kept | None:
    """What an earlier run kept, if anything and of this kind."""
    try:
        with np.load(path, allow_pickle=False) as kept:
            if str(kept["key"]) != key:
                return None
            linked = kept["linked"].tolist()
            return _Kept(int(kept["seq"]), kept["pairs"].reshape(-1, 2),
                         {(a, b): _INNER[inner] for a, b, inner in linked}, set(map(tuple, kept["pending"].tolist())))
    except (OSError, ValueError, KeyError, IndexError):
        pass  # none yet, of an older version, or damaged: found again
    return None


def _save_kept(path: Path, key: str, kept: _Kept) -> None:
    linked = np.array([(a, b, _INNER.index(inner)) for (a, b), inner in kept.linked.items()],
                      dtype=np.int64).reshape(-1, 3)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, durable=False) as temp, open(temp, "wb") as f:  # np.savez(temp) would add .npz
            np.savez(f, key=np.array(key), seq=np.array(kept.seq), pairs=kept.pairs, linked=linked,
                     pending=np.array(sorted(kept.pending), dtype=np.int64).reshape(-1, 2))
    except OSError as e:  # a cache: the next run finds them again
        log.info("could not keep the duplicate finder's pairs: %s", e)


def _pairs_of(library: Library, cache: _Cache, rule: Rule, photo_ids: set[int], progress, control
              ) -> set[tuple[int, int]]:
    """Candidate pairs of these (new or changed) photos: their near neighbours in the index and
    among the look-alike signatures, and their identical files."""
    pairs: set[tuple[int, int]] = set()
    index = library.index
    found, vectors = index.vectors_of(sorted(photo_ids))
    for pid, neighbours in zip(found.tolist(), index.nearest(vectors, rule.neighbours + 1)):
        for other, score in neighbours:
            if other != pid and score >= rule.bound:
                pairs.add((min(pid, other), max(pid, other)))
    fingerprints = {p.fingerprint for p in library.catalog.photos(photo_ids).values()}
    for members in library.catalog.content_copies(fingerprints):
        pairs.update((members[0], m) for m in members[1:])
    if rule.lookalikes:
        pairs |= _lookalikes(library, cache, rule, progress, control, only=photo_ids)
    return pairs


def _candidates(library: Library, rule: Rule) -> tuple[dict[int, PhotoRow], set[tuple[int, int]]]:
    """Photo pairs worth a pixel check: near neighbours in the index, and identical files."""
    ids, labels, scores = library.index.neighbours(rule.neighbours, ef=rule.breadth)
    pairs: set[tuple[int, int]] = set()
    if labels.size:
        rows, cols = np.nonzero((scores >= rule.bound) & (labels != ids[:, None]) & (labels >= 0))
        a, b = ids[rows], labels[rows, cols]
        for x, y in zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist()):
            pairs.add((x, y))
    photos = library.catalog.photos({i for p in pairs for i in p})
    # Byte-identical copies are duplicates whatever the index says (there may be more than k).
    for members in library.catalog.content_copies():
        photos.update(library.catalog.photos(m for m in members if m not in photos))
        pairs.update((members[0], m) for m in members[1:])
    pairs = {p for p in pairs if p[0] in photos and p[1] in photos}
    return photos, pairs


def _lookalikes(library: Library, cache: _Cache, rule: Rule, progress, control, only: set[int] | None = None
                ) -> set[tuple[int, int]]:
    """Photo pairs whose pixel signatures are near neighbours (`only`: the pairs with one of these photos)."""
    table = _look_alike_table(library, cache, progress, control, fresh=only is None)
    ids, n = table.ids, len(table.ids)
    if n < 2:
        return set()
    best, second = np.asarray(table.best, np.float32), np.asarray(table.second, np.float32)
    if only is None:
        labels, scores = _nearest(best, np.concatenate([best, second]), rule.lookalikes)
        a, b = np.repeat(np.concatenate([ids, ids]), labels.shape[1]), ids[labels.ravel()]
    else:  # both ways up on both sides: the photo as another's look-alike, and the other as its
        rows = np.nonzero(np.isin(ids, np.fromiter(only, np.int64, len(only))))[0]
        if not len(rows):
            return set()
        mine = np.concatenate([best[rows], second[rows]])
        labels, scores = _nearest(np.concatenate([best, second]), mine, 2 * rule.lookalikes, exact=True)
        a, b = np.repeat(np.concatenate([ids[rows], ids[rows]]), labels.shape[1]), ids[labels.ravel() % n]
    keep = (a != b) & (scores.ravel() >= rule.lookalike_bound)
    return set(zip(np.minimum(a, b)[keep].tolist(), np.maximum(a, b)[keep].tolist()))


@dataclass
class _Table:
    """What look-alikes are searched in: a photo per content (identical files are paired anyway)
    and its content's signature stood its best and its second-best way up (a copy's own ranking
    of two close ways may come out the other way round, so searches try both), as of a position
    in the change log."""

    seq: int
    ids: np.ndarray  # [n] photo ids
    fingerprints: np.ndarray  # [n] their contents
    best: np.ndarray  # [n, 64] float32 (kept as such and mapped: turning float16 costs more than reading it)
    second: np.ndarray  # [n, 64] float32


_TABLE_SAVE_BEHIND = 1000  # changes a caught-up table may lag behind its file before it is saved again


def _look_alike_table(library: Library, cache: _Cache, progress, control, fresh: bool) -> _Table:
    """The look-alike table, made from every signature (`fresh`, or none kept), else the kept
    one caught up with the change log: made afresh, it reads and turns every signature in the
    catalog (seconds at 100,000 photos), caught up only the photos that changed."""
    catalog = library.catalog
    path = library.root / "index" / "lookalikes.npz"
    key = str(pixelmatch.SIGNATURE_VERSION)
    head = catalog.log_head()
    table = None if fresh else _load_table(path, key)
    changes = catalog.log_since(table.seq) if table is not None else []
    if table is None or len(changes) > CATCH_UP_MAX:
        photos = {p.id: p for p in catalog.all_photos(order="path")}
        table = _with_rows(_Table(head, np.zeros(0, np.int64), np.zeros(0, "S1"), *[np.zeros((0, 64), np.float32)] * 2),
                           photos.values(), cache.signatures(photos, progress, control), set())
        _save_table(path, key, table)
        return table
    changed = {photo_id for _, photo_id, _ in changes}
    if not changed:
        return table
    drop = np.isin(table.ids, np.fromiter(changed, np.int64, len(changed)))
    lost = {fp.decode() for fp in table.fingerprints[drop].tolist()}  # contents that may have another photo
    table.seq = head
    if lost:  # (else the mapped signatures stay as they are, not copied)
        table = _Table(head, table.ids[~drop], table.fingerprints[~drop], table.best[~drop], table.second[~drop])
    photos = catalog.photos(pid for pid, added in {pid: a for _, pid, a in changes}.items() if added)
    photos.update(catalog.photos_of_contents(lost))
    holders = catalog.photos_of_contents({p.fingerprint for p in photos.values()})  # a row of theirs: theirs
    have = {holders[pid].fingerprint for pid in table.ids[np.isin(table.ids, list(holders))].tolist()}
    table = _with_rows(table, photos.values(), cache.signatures(photos, progress, control), have)
    if len(changes) >= _TABLE_SAVE_BEHIND:
        _save_table(path, key, table)
    return table


def _with_rows(table: _Table, photos: Iterable[PhotoRow], signatures: dict[str, np.ndarray], have: set[str]
               ) -> _Table:
    """The table with a row for each content among these photos that has none (`have`: those
    that have one), the first photo of it."""
    new: dict[str, int] = {}
    for p in photos:
        if p.fingerprint in signatures and p.fingerprint not in have:
            new.setdefault(p.fingerprint, p.id)
    if not new:
        return table
    best = np.stack([signatures[fp] for fp in new]).astype(np.float32)
    second = pixelmatch.runner_up(best)
    return _Table(table.seq, np.concatenate([table.ids, np.fromiter(new.values(), np.int64, len(new))]),
                  np.concatenate([table.fingerprints, np.array([fp.encode() for fp in new])]),
                  np.concatenate([table.best, best]), np.concatenate([table.second, second]))


def _load_table(path: Path, key: str) -> _Table | None:
    """The kept table: its rows in `path`, their signatures in the file it names, mapped (read
    through a zip they cost a run 0.1 s at 100,000 photos)."""
    try:
        with np.load(path, allow_pickle=False) as kept:
            if str(kept["key"]) != key:
                return None
            seq, ids, fingerprints = int(kept["seq"]), kept["ids"], kept["fingerprints"]
            signatures = np.load(path.with_name(str(kept["signatures"])), mmap_mode="r", allow_pickle=False)
        if signatures.shape != (len(ids), 2, 64) or signatures.dtype != np.float32:
            raise ValueError("the signatures do not match the rows")
        return _Table(seq, ids, fingerprints, signatures[:, 0], signatures[:, 1])
    except (OSError, ValueError, KeyError):
        pass  # none yet, or damaged: made again
    return None


def _save_table(path: Path, key: str, table: _Table) -> None:
    """The signatures first, in a file of their own (never written over: a run may have the old
    one mapped), then the rows naming it; then the older signatures' files go."""
    name = f"{path.stem}-{table.seq}-{os.getpid()}.npy"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path.with_name(name), durable=False) as temp, open(temp, "wb") as f:
            np.save(f, np.stack([table.best, table.second], axis=1))
        with atomic_write(path, durable=False) as temp, open(temp, "wb") as f:
            np.savez(f, key=np.array(key), seq=np.array(table.seq), ids=table.ids, fingerprints=table.fingerprints,
                     signatures=np.array(name))
    except OSError as e:  # a cache: made again next time
        log.info("could not keep the look-alike table: %s", e)
        return
    for old in path.parent.glob(f"{path.stem}-*.npy"):
        if old.name != name:
            with contextlib.suppress(OSError):  # Windows: a run still has it open; next time
                old.unlink()


def _nearest(vectors: np.ndarray, queries: np.ndarray, k: int, exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Each query's k + 1 nearest unit vectors (a query's own vector may be among them): row
    numbers and cosines, [queries, k + 1] each. Exact for a few thousand vectors (or `exact`:
    a few queries); beyond, an HNSW graph built for the occasion."""
    n = len(vectors)
    k = min(k + 1, n)
    if n <= EXACT_BELOW or exact:
        labels, scores = [], []
        for start in range(0, len(queries), 1024):
            sims = queries[start:start + 1024] @ vectors.T
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            labels.append(top)
            scores.append(np.take_along_axis(sims, top, axis=1))
        return np.concatenate(labels), np.concatenate(scores)
    graph = hnswlib.Index(space="ip", dim=vectors.shape[1])
    graph.init_index(max_elements=n, ef_construction=64, M=12)
    graph.add_items(vectors, np.arange(n), num_threads=default_workers())
    graph.set_ef(max(32, k))
    labels, distances = graph.knn_query(queries, k=k, num_threads=default_workers())
    return labels.astype(np.int64), 1.0 - distances


def _key(fa: str, fb: str) -> tuple[str, str]:
    return (fa, fb) if fa <= fb else (fb, fa)


def _close_in_time(a: PhotoRow, b: PhotoRow) -> bool:
    if not (a.taken and b.taken):
        return True
    try:
        from datetime import datetime

        gap = abs((datetime.fromisoformat(a.taken) - datetime.fromisoformat(b.taken)).total_seconds())
    except ValueError:
        return True
    return gap <= SIMILAR_WITHIN


def _judge_pairs(cache, photos, pairs, mode, progress, control
                 ) -> tuple[dict[tuple[int, int], str | None], set[tuple[int, int]]]:
    """The pairs that are linked in `mode` (pair -> which one looks edited), and those that
    could not be judged now (a print unreadable: tried again next time)."""
    content = {}
    for a, b in pairs:
        if a in photos and b in photos:  # else gone meanwhile
            content.setdefault(_key(photos[a].fingerprint, photos[b].fingerprint), []).append((a, b))
    wanted_modes = ("duplicates",) if mode == "duplicates" else ("duplicates", "similar")
    keys = [k for k in content if k[0] != k[1]]
    verdicts = {m: cache.verdicts(m, keys) for m in wanted_modes}
    todo = sorted(k for k in keys if any(k not in verdicts[m] for m in wanted_modes))
    prints = cache.prints({fp for k in todo for fp in k}, photos, progress, control)
    todo = [k for k in todo if k[0] in prints and k[1] in prints]
    # Chunks are compared on every core (numpy lets go of the GIL), a few ahead of the one
    # whose verdicts are stored, so that a cancel waits for little.
    compared = 0

    def take(future) -> None:
        nonlocal compared
        if progress:
            progress(Progress("comparing", compared, len(todo)))
        control.checkpoint()
        found = future.result()
        for k, m, v in found:
            verdicts[m][k] = (v.same, v.inner)
        cache.store_verdicts(found)
        compared = min(compared + _BATCH, len(todo))

    workers = default_workers()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        ahead: deque = deque()
        for chunk in chunked(todo, _BATCH):
            ahead.append(pool.submit(_compare_chunk, chunk, prints, verdicts))
            if len(ahead) > 2 * workers:
                take(ahead.popleft())
        while ahead:
            take(ahead.popleft())
    linked, pending = {}, set()
    for k, members in content.items():
        if k[0] == k[1]:  # the very same bytes
            same, inner = mode == "duplicates", None
        elif k not in verdicts[mode]:
            pending.update(members)
            continue
        else:
            same, inner = verdicts[mode][k]
            if mode == "similar" and verdicts["duplicates"][k][0]:
                same = False
        if same:
            for a, b in members:
                linked[(a, b)] = inner if photos[a].fingerprint == k[0] else _swap(inner)
    return linked, pending


def _compare_chunk(chunk: list[tuple[str, str]], prints: dict, verdicts: dict) -> list[tuple]:
    """The verdicts still missing for these content pairs: [(pair, mode, Verdict)]."""
    out = []
    need = [k for k in chunk if k not in verdicts["duplicates"]]
    same = {k: verdicts["duplicates"][k][0] for k in chunk if k in verdicts["duplicates"]}
    for k, v in zip(need, pixelmatch.compare_many([(prints[k[0]], prints[k[1]]) for k in need])):
        out.append((k, "duplicates", v))
        same[k] = v.same
    for k in chunk if "similar" in verdicts else ():
        if k not in verdicts["similar"]:
            v = pixelmatch.similar(prints[k[0]], prints[k[1]]) if not same[k] else \
                pixelmatch.Verdict(False, 0.0, 0.0)  # a duplicate is never a mere similar shot
            out.append((k, "similar", v))
    return out


def _swap(inner: str | None) -> str | None:
    return {"a": "b", "b": "a"}.get(inner)


# -- the caches in the catalog -------------------------------------------------------------------
class _Cache:
    def __init__(self, catalog: Store):
        self.catalog = catalog
        self.loaded: dict[str, pixelmatch.PixelPrint] = {}
        self.sharpness: dict[str, float | None] = {}

    def verdicts(self, mode: str, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[bool, str | None]]:
        return self.catalog.duplicate_verdicts(mode, pixelmatch.VERSION, pairs)

    def store_verdicts(self, rows: list[tuple]) -> None:
        if not rows:
            return
        self.catalog.store_duplicate_verdicts(pixelmatch.VERSION, [
            (k[0], k[1], mode, v.same, v.inner, v.error if np.isfinite(v.error) else None) for k, mode, v in rows])

    def prints(self, fingerprints: set[str], photos: dict[int, PhotoRow], progress, control
               ) -> dict[str, pixelmatch.PixelPrint]:
        """The prints of these contents: from the catalog, or read from a file (then stored)."""
        wanted = [fp for fp in fingerprints if fp not in self.loaded]
        for row in self.catalog.pixel_prints(pixelmatch.VERSION, wanted):
            if len(row[3]) == pixelmatch.SIDE ** 2 * 3:  # a damaged row is read again from the file
                self.loaded[row[0]] = _print_from_row(row)
                self.sharpness[row[0]] = row[8]
        missing = [fp for fp in fingerprints if fp not in self.loaded]
        if missing:
            self._read(missing, _paths_by_content(photos), progress, control)
        return {fp: self.loaded[fp] for fp in fingerprints if fp in self.loaded}

    def facts(self, fingerprints: set[str], photos: dict[int, PhotoRow], progress, control
              ) -> dict[str, pixelmatch.PixelPrint]:
        """What ranks the copies of these contents (size, compression, metadata; thumb None where
        the catalog gave it, which saves reading every group's pixels on every run)."""
        out = {fp: self.loaded[fp] for fp in fingerprints if fp in self.loaded}
        for row in self.catalog.pixel_prints(pixelmatch.VERSION, [fp for fp in fingerprints if fp not in out],
                                             thumbs=False):
            out[row[0]] = _print_from_row(row)
            self.sharpness[row[0]] = row[8]
        missing = {fp for fp in fingerprints if fp not in out}
        if missing:
            out.update(self.prints(missing, photos, progress, control))
        return out

    def _read(self, missing: list[str], paths: dict[str, list[str]], progress, control) -> None:
        """Read these contents' prints from their files and store them (a batch at a time)."""
        done = 0
        with ThreadPoolExecutor(max_workers=default_workers()) as pool:
            for chunk in chunked(missing, _BATCH):
                got = []
                for fp, result in zip(chunk, pool.map(lambda f: _read_print(f, paths.get(f, [])), chunk)):
                    if result is not None:
                        self.loaded[fp] = result
                        got.append((fp, result))
                done += len(chunk)
                if progress:
                    progress(Progress("reading", done, len(missing), current=paths.get(chunk[-1], [""])[0]))
                self.catalog.store_pixel_prints(pixelmatch.VERSION, [
                    (fp, p.width, p.height, p.thumb.tobytes(), p.quality, int(p.lossless), p.exif_fields, p.software)
                    for fp, p in got])
                control.checkpoint()  # what was read is kept

    def signatures(self, photos: dict[int, PhotoRow], progress, control) -> dict[str, np.ndarray]:
        """The look-alike signature of every content among these photos: stored by the indexer,
        or made now from the print (read from the file and stored, when the GPU decoded the
        photo or an older version indexed it)."""
        wanted = {p.fingerprint for p in photos.values()}
        stored = self.catalog.look_alike_signatures(pixelmatch.SIGNATURE_VERSION,
                                                    wanted if len(wanted) < 5000 else None)  # many: in one pass
        out = {fp: sig for fp, blob in stored.items()
               if fp in wanted and (sig := pixelmatch.stored_signature(blob)) is not None}  # a damaged row: made again
        missing = [fp for fp in wanted if fp not in out]
        if missing:
            self.prints(set(missing), photos, progress, control)
            out.update(pixelmatch.make_and_store_signatures(
                self.catalog, {fp: self.loaded[fp].thumb for fp in missing if fp in self.loaded}))
        return out

    def sharpness_of(self, item: Item) -> float:
        """Measured once per content, on demand (it reads the whole file)."""
        value = self.sharpness.get(item.fingerprint)
        if value is None:
            try:
                value = pixelmatch.sharpness(Path(item.path))
            except (SkipFile, OSError, ValueError) as e:
                log.info("cannot measure sharpness of %s: %s", item.path, e)
                return 0.0
            self.sharpness[item.fingerprint] = value
            self.catalog.store_sharpness(item.fingerprint, value)
        return value


def _paths_by_content(photos: dict[int, PhotoRow]) -> dict[str, list[str]]:
    paths: dict[str, list[str]] = {}
    for p in photos.values():
        paths.setdefault(p.fingerprint, []).append(p.path)
    return paths


def _read_print(fingerprint: str, paths: list[str]) -> pixelmatch.PixelPrint | None:
    """A print from the first of the content's files that still holds that content."""
    for path in paths:
        try:
            data = read_file(Path(path))
            if fingerprint_bytes(data) != fingerprint:
                continue  # changed since it was indexed: the next index run sorts it out
            return pixelmatch.read_print(Path(path), data)
        except SkipFile as e:
            log.info("duplicates: skipping %s: %s", path, e)
    return None


def _print_from_row(row) -> pixelmatch.PixelPrint:
    _, w, h, thumb, quality, lossless, fields, software, _ = row
    side = pixelmatch.SIDE
    pixels = None if thumb is None else np.frombuffer(thumb, dtype=np.uint8).reshape(side, side, 3)
    return pixelmatch.PixelPrint(w, h, pixels, quality, bool(lossless), fields, software)




# -- groups and the photo to keep --------------------------------------------------------------
def _groups(library: Library, cache: _Cache, links, mode, progress, control) -> list[Group]:
    """The groups these links make, the photo to keep chosen in each. A group whose members, links
    and files' sizes are as an earlier run left them is taken as that run kept it (ranking the
    copies reads every member's facts from the catalog, and sometimes whole files); only the
    others are made, so a run after a change costs what the groups it touched cost."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    derived: set[int] = set()
    for a, b, inner in links:
        parent[find(a)] = find(b)
        if inner == "a":
            derived.add(a)
        elif inner == "b":
            derived.add(b)
    members: dict[int, list[int]] = {}
    for x in sorted(parent):  # in photo order: the same groups read the same on every run
        members.setdefault(find(x), []).append(x)
    path = library.root / "index" / f"groups-{mode}.json"
    key = [mode, pixelmatch.VERSION]
    kept = _load_groups(path, key)
    groups, todo = [], []
    for ids in members.values():
        known = kept.get(_group_key(ids, derived))
        if known is not None and _unchanged(known):
            groups.append(known)
        else:
            todo.append(ids)
    if todo:
        made = _make_groups(cache, todo, derived, mode, progress, control)
        groups += made
        if len(made) >= _GROUPS_SAVE_AFTER or not kept:
            _save_groups(path, key, groups, derived)
    groups.sort(key=lambda g: (-max(it.bytes for it in g.items), g.keep.path))
    return groups


# Groups made anew are kept once this many are: rewriting every group (a few megabytes at 100,000
# photos) costs more than making a few groups again on the next runs.
_GROUPS_SAVE_AFTER = 50


def _make_groups(cache: _Cache, members: list[list[int]], derived: set[int], mode, progress, control) -> list[Group]:
    photos = cache.catalog.photos({i for ids in members for i in ids})
    prints = cache.facts({p.fingerprint for p in photos.values()}, photos, progress, control)
    groups = []
    for ids in members:
        control.checkpoint()  # choosing the photo to keep may read whole files (sharpness)
        items = []
        for i in ids:
            row = photos.get(i)
            pp = prints.get(row.fingerprint) if row else None
            if pp is None:
                continue
            try:
                size = os.stat(row.path).st_size
            except OSError:
                continue  # gone since it was indexed
            items.append(Item(i, row.path, row.fingerprint, pp.width, pp.height, size, row.taken, row.camera,
                              pp.quality, pp.lossless, pp.exif_fields, pp.software,
                              derived=i in derived or _looks_edited(row.path, pp.software)))
        if len(items) < 2:
            continue
        keep, reason = choose_keep(items, cache)
        items.sort(key=lambda it: (it.path != keep.path, it.path))
        groups.append(Group(mode, items, keep, reason))
    return groups


def _group_key(ids: list[int], derived: set[int]) -> tuple:
    """What a group was made from: its photos (ascending) and which of them the pixel check found edited."""
    return tuple(ids), tuple(i for i in ids if i in derived)


def _unchanged(group: Group) -> bool:
    """Every member's file is there, of the size it had when the group was made."""
    for it in group.items:
        try:
            if os.stat(it.path).st_size != it.bytes:
                return False
        except OSError:
            return False
    return True


_ITEM_FIELDS = [f.name for f in fields(Item)]


def _load_groups(path: Path, key: list) -> dict[tuple, Group]:
    """The groups an earlier run made, by what they were made from."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept["key"] != key:
            return {}
        out = {}
        for ids, derived, keep, reason, items in kept["groups"]:
            items = [Item(*it) for it in items]
            out[(tuple(ids), tuple(derived))] = Group(kept["key"][0], items, items[keep], reason)
        return out
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}  # none yet, or damaged: made again


def _save_groups(path: Path, key: list, groups: list[Group], derived: set[int]) -> None:
    rows = []
    for g in groups:
        ids, flagged = _group_key(sorted(it.photo_id for it in g.items), derived)
        # the members that made it (a member whose file is gone is not an item, and makes it again)
        rows.append([ids, flagged, g.items.index(g.keep), g.reason, [[getattr(it, f) for f in _ITEM_FIELDS]
                                                                     for it in g.items]])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, durable=False) as temp:
            temp.write_text(json.dumps({"key": key, "groups": rows}), encoding="utf-8")  # any path, \u-escaped
    except OSError as e:  # a cache: made again next time
        log.info("could not keep the groups: %s", e)


_EDITED_NAME = re.compile(r"(copy|kopie|copie|copia|edit|edited|bearbeitet|modified|retouch|[(~]\d+\)?$)", re.I)
_EDITORS = re.compile(r"photoshop|gimp|lightroom|snapseed|darktable|affinity|pixelmator|paint|picasa|"
                      r"rawtherapee|luminar|capture one|acdsee|photoscape|fotor|vsco|instagram", re.I)


def _looks_edited(path: str, software: str | None) -> bool:
    """An edited copy by its name ("IMG_1 copy", "IMG_1 (2)", "IMG_1-edited") or its EXIF Software."""
    stem = os.path.splitext(os.path.basename(path))[0]  # os.path: thousands of items a run
    return bool(_EDITED_NAME.search(stem) or (software and _EDITORS.search(software)))


def choose_keep(items: list[Item], cache: _Cache | None = None) -> tuple[Item, str]:
    """The member to keep and why: largest resolution; then an original before an edited copy;
    then least compressed; sharpest; richest metadata; then the first by path."""
    left = list(items)
    why: list[str] = []

    def narrow(label: str, keep: list[Item]) -> None:
        nonlocal left
        if keep and len(keep) < len(left):
            left = keep
            why.append(label)

    most = max(it.pixels for it in left)
    best = [it for it in left if it.pixels >= most * 0.99]
    narrow(f"largest resolution ({best[0].width}×{best[0].height})", best)
    narrow("the original, not an edited copy", [it for it in left if not it.derived])
    if len(left) > 1:
        label, best = _least_compressed(left)
        narrow(label, best)
    if len(left) > 1 and cache is not None:
        sharp = {it.path: cache.sharpness_of(it) for it in left}
        top = max(sharp.values())
        narrow("sharpest", [it for it in left if sharp[it.path] >= top * 0.9])
    if len(left) > 1:
        richest = max(it.exif_fields for it in left)
        narrow("richest metadata", [it for it in left if it.exif_fields == richest])
    if len(left) > 1:
        left.sort(key=lambda it: (len(it.path), it.path))
        why.append("alike in every way that counts; the first by name")
    return left[0], "; then ".join(why) if why else "the only readable copy"


def _least_compressed(items: list[Item]) -> tuple[str, list[Item]]:
    lossless = [it for it in items if it.lossless]
    if lossless and len(lossless) < len(items):
        return "least compressed (lossless)", lossless
    if all(it.quality for it in items):
        top = max(it.quality for it in items)
        return f"least compressed (JPEG quality {top})", [it for it in items if it.quality >= top - 2]
    bpp = {it.path: it.bytes / max(1, it.pixels) for it in items}
    top = max(bpp.values())
    return "least compressed (most bytes per pixel)", [it for it in items if bpp[it.path] >= top / 1.15]


# -- acting on a group ----------------------------------------------------------------------------
class ResolveError(RuntimeError):
    """Nothing was done (the reason says why)."""


@dataclass
class Resolution:
    kept: str
    moved: list[tuple[str, str | None]] = field(default_factory=list)  # (from, to); to None: the trash
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): left where it is
    decisions_carried: int = 0
    keywords_carried: int = 0
    batch: str = ""  # its entry in the library's removed log (removed.RemovedLog): Undo restores it


def resolve(library: Library, group: Group, keep: Item | str | None = None,
            action: str | tuple[str, str | Path] = "trash") -> Resolution:
    """Keep one photo of the group; the others go to the system trash or ("move", folder).

    Tag decisions and XMP keywords of the others are carried over to the kept photo first; a
    photo whose file changed since the group was found is left alone (listed in `failed`).
    The catalog follows: trashed photos leave the library, moved ones move with their files.
    """
    if keep is not None:
        group.choose(keep)
    kept = group.keep
    folder = _destination(action)
    if not _holds(kept):
        raise ResolveError(f"the photo to keep is missing or changed, nothing was done: {kept.path}")
    result = Resolution(kept.path)
    others = []
    for it in group.others:
        if it.path == kept.path:
            continue
        if _holds(it):
            others.append(it)
        else:
            result.failed.append((it.path, "missing or changed since it was checked; left alone"))
    if not others:
        return result
    catalog = library.catalog
    result.decisions_carried = TagStore(library).carry_over([it.fingerprint for it in others], kept.fingerprint)
    keywords = list(dict.fromkeys(k for it in others for k in xmp.read_keywords(it.path)))
    new = [k for k in keywords if k not in set(xmp.read_keywords(kept.path))]
    if new and xmp.merge_keywords(kept.path, new):
        result.keywords_carried = len(new)
    gone, arrived, record = [], [], []
    result.batch = removed.new_batch()
    for it in others:
        try:
            entry = _move_away(Path(it.path), folder)
        except OSError as e:
            result.failed.append((it.path, f"could not be moved: {e.strerror or e}"))
            continue
        entry.batch, entry.size = result.batch, it.bytes
        record.append(entry)
        target = Path(entry.where) if folder is not None else None
        result.moved.append((it.path, str(target) if target else None))
        gone.append(it.path)
        if target and _in_library(catalog, target):
            arrived.append((target, it))
    removed.RemovedLog(library.root).add(record)
    catalog.remove_paths(gone)
    if arrived:
        catalog.add_photos([_moved_photo(path, it) for path, it in arrived], library.model, {})
    return result


def _destination(action) -> Path | None:
    if action == "trash":
        return None
    if isinstance(action, (tuple, list)) and len(action) == 2 and action[0] == "move":
        folder = Path(action[1]).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        return folder.resolve()
    raise ValueError(f"action must be 'trash' or ('move', folder), not {action!r}")


def _holds(item: Item) -> bool:
    """The file is still there with the content that was compared."""
    try:
        return fingerprint_bytes(read_file(Path(item.path))) == item.fingerprint
    except SkipFile:
        return False


def _move_away(path: Path, folder: Path | None) -> removed.Removed:
    """Trash or move into `folder` under a free name; its own sidecar goes along. Where they went."""
    sidecar = xmp.sidecar_path(path)
    now = time.time()
    if folder is None:
        entry = removed.Removed(str(path), removed.trash(path), removed.TRASHED, at=now)
        if sidecar.is_file():
            entry.sidecars.append((str(sidecar), removed.trash(sidecar)))
        return entry
    target = folder / path.name
    n = 1
    while target.exists() or xmp.sidecar_path(target).exists():
        target = folder / f"{path.stem} ({n}){path.suffix}"
        n += 1
    shutil.move(str(path), str(target))
    entry = removed.Removed(str(path), str(target), removed.MOVED, at=now)
    if sidecar.is_file():
        shutil.move(str(sidecar), str(xmp.sidecar_path(target)))
        entry.sidecars.append((str(sidecar), str(xmp.sidecar_path(target))))
    return entry


def _in_library(catalog: Store, path: Path) -> bool:
    return any(is_under(path, f, strict=True) for f in catalog.folders())


def _moved_photo(path: Path, it: Item) -> NewPhoto:
    st = path.stat()
    return NewPhoto(str(path), st.st_size, st.st_mtime_ns, it.fingerprint, it.width, it.height, it.taken, it.camera)


def dismiss(library: Library, group: Group) -> int:
    """Mark the group "not duplicates" (or "not similar"): its members are never linked again in
    this mode, wherever their files move. Returns how many pairs were recorded."""
    fps = sorted({it.fingerprint for it in group.items})
    same = [fp for fp in fps if sum(it.fingerprint == fp for it in group.items) > 1]
    keys = [(a, b) for i, a in enumerate(fps) for b in fps[i + 1:]] + [(fp, fp) for fp in same]
    library.catalog.dismiss_pairs(group.mode, keys)
    return len(keys)


def forget_dismissals(library: Library, mode: str | None = None) -> int:
    """Undo every "not duplicates" decision (of one mode, or all). Returns how many pairs."""
    return library.catalog.forget_dismissals(mode)


def groups_as_json(groups: Iterable[Group]) -> dict:
    return {"groups": [{"keep": g.keep.path, "reason": g.reason, "items": [it.path for it in g.items]}
                       for g in groups]}
