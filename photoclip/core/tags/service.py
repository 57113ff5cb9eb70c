"""The tags of one library as the CLI and the GUI use them: `TagStore`, the one API over the tag
records (records.py), their scores (scoring.py) and their export (export.py).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .. import phototext
from ..util import atomic_write
from . import scoring
from .export import ExportReport, export_xmp
from .records import (
    RemovedTag,
    Tag,
    TagError,
    _clean_name,
    _clean_prompts,
    _clean_sensitivity,
    carry_over_decisions,
    decisions,
    find_tag,
    get_tag,
    list_tags,
    set_decisions,
)
from .scoring import (
    DEFAULT_SENSITIVITY,
    LOOKALIKE_COSINE,
    MIN_EXAMPLES,
    NEUTRAL_PROMPTS,
    SUGGEST_WIDER,
    TagScorer,
    _sigmoid,
    fit_probe,
    line_vectors,
    neutral_vectors,
    prompt_variants,
    score_vectors,
    strength,
    threshold,
    with_text,
)

if TYPE_CHECKING:
    from ..library import Library

log = logging.getLogger(__name__)

# `summary` catches kept counts up photo by photo while fewer than this many changed; beyond,
# one pass over the whole index is faster than reading that many vectors from the catalog.
CATCH_UP_MAX = 20_000

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
    zero-shot decision), "text" (its text, read at indexing, holds the words of a line).
    """

    kind: str
    text: str = ""
    strength: str = ""
    count: int = 0


@dataclass
class TagScores:
    """One tag's score for every row of the vector index (what `TagStore.score_all` returns)."""

    key: tuple  # what the scores were computed from (the tag's model, the index's state, the text's state)
    ids: np.ndarray  # every photo in the index
    probs: np.ndarray  # score in [0, 1] per photo
    vectors: np.ndarray  # the photos' vectors, as scored (read-only)


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
        self._models: dict[int, tuple[tuple, TagScorer]] = {}
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

    def carry_over(self, from_fingerprints: list[str], to_fingerprint: str) -> int:
        """Decisions on removed duplicates carried onto the kept photo's content; returns how many
        were added (see records.carry_over_decisions)."""
        return carry_over_decisions(self.catalog, from_fingerprints, to_fingerprint)

    def decisions(self, tag: Tag | str) -> dict[str, bool]:
        return decisions(self.catalog, self.get(tag).id)

    # -- scores -------------------------------------------------------------------------------
    def scorer(self, tag: Tag | str) -> TagScorer:
        """The tag's decision function (zero-shot, refined by the probe once it has examples)."""
        tag = self.get(tag)
        decided = decisions(self.catalog, tag.id)
        return self._scorer(tag, decided)

    def _scorer(self, tag: Tag, decided: dict[str, bool]) -> TagScorer:
        key = (tag.definition, self.library.model, tuple(sorted(decided.items())))
        with self._lock:
            cached = self._models.get(tag.id)
            if cached and cached[0] == key:
                return cached[1]
        model = TagScorer(line_vectors(self.library, tag.prompts, keep=True),
                          line_vectors(self.library, tag.negatives, keep=True), neutral_vectors(self.library))
        fps, vecs = self._decided_vectors(decided)
        labels = np.array([decided[fp] for fp in fps], dtype=bool)
        if labels.sum() >= MIN_EXAMPLES and (~labels).sum() >= MIN_EXAMPLES:
            self._teach(model, vecs, labels)
        if len(fps):  # after the probe: it learns from the zero-shot logits alone
            model.decided, model.verdicts = vecs, labels
        with self._lock:
            self._models[tag.id] = (key, model)
        return model

    def _encode_prompts(self, tags: list[Tag]) -> None:
        """Every text these tags need, the ones never seen encoded in one batch (one run of the
        text tower instead of one per text; kept on disk, so later runs need no text tower)."""
        prompts = [p for t in tags if t.auto for p in (*t.prompts, *t.negatives)]
        if prompts:
            self.library.text_vectors([v for p in prompts for v in prompt_variants(p)] + list(NEUTRAL_PROMPTS),
                                      keep=True)

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

    def _teach(self, model: TagScorer, vecs: np.ndarray, labels: np.ndarray) -> None:
        z0 = model.logits(vecs)
        model.alpha, model.bias, model.direction = fit_probe(z0, vecs, labels)
        model.examples = len(labels)

    def score_all(self, tags: Iterable[Tag | str] | None = None) -> dict[int, TagScores]:
        """Scores of every photo in the index for these tags (all by default), tag id -> scores.

        Tags whose cached scores are stale are scored together in one matrix product.
        """
        tags = self.list() if tags is None else [self.get(t) for t in tags]
        index = self.library.index  # catches up with the catalog's log
        self._encode_prompts(tags)
        models = {t.id: self._scorer(t, decisions(self.catalog, t.id)) for t in tags}
        return self._scores_of(index, tags, models)

    def _scores_of(self, index, tags: list[Tag], models: dict[int, TagScorer]) -> dict[int, TagScores]:
        """score_all's work: stale tags scored together over a snapshot of the index, then
        raised where a photo's text holds a line's words."""
        with self._lock:
            # read first: if the index or the text changes meanwhile, the next call scores again
            state, text = index.state, self.catalog.text_state()
            stale = [t for t in tags if t.id not in self._scores or self._scores[t.id].key != (models[t.id], state, text)]
            if stale:
                ids, vectors = index.live()
                probs = score_vectors(vectors, [models[t.id] for t in stale])
                for t, p in zip(stale, probs):
                    p = with_text(p, ids, self.written(t))
                    self._scores[t.id] = TagScores((models[t.id], state, text), ids, p, vectors)
            return {t.id: self._scores[t.id] for t in tags}

    def written(self, tag: Tag | str) -> set[int]:
        """Photos whose text (read at indexing) holds every word of one of the tag's lines."""
        tag = self.get(tag)
        return {pid for line in tag.prompts
                for pid, match in phototext.text_matches(self.catalog, line, limit=-1).items() if match.complete}

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
        model = self._scorer(tag, decided)
        written = self.written(tag)
        scores = with_text(_sigmoid(model.logits(x)), found, written)
        lines = model.line_logits(x)
        best = np.argmax(lines, axis=0)
        zero_shot = _sigmoid(lines.max(axis=0))
        # a "not" prompt took it away when the best line beats the neutral prompts but not the negatives
        bare = TagScorer(model.positive, model.negatives[:0], model.neutrals).logits(x) if len(tag.negatives) \
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
            if pid in written:
                reasons.append(Reason("text"))
            elif model.direction is not None and not (yes or no) and matches != carried:
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
        model = self.scorer(tag)
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
        """Per tag: its definition and how many photos carry it, are confirmed, are rejected.

        Counting from scratch scores every photo's vector (100,000 photos against 50 tags, and
        loading the index first: seconds), so what a count follows from is kept in the library
        folder: per tag definition, decisions and model, the photos that pass the tag's cut and
        the catalog's change log position they reflect. A later `tag list` reads them back and
        scores only the photos that gained or lost a vector since (a cost that grows with the
        change, not the library); a changed tag or decision is counted again from scratch.
        """
        tags = self.list()
        decided = {t.id: decisions(self.catalog, t.id) for t in tags}
        keys = {t.id: _count_key(t, decided[t.id], self.library.model) for t in tags}
        kept = _load_counts(self._counts_file())
        auto = [t for t in tags if t.auto]
        head = self.catalog.log_head()
        fresh = [t for t in auto if keys[t.id] not in kept]
        behind = [t for t in auto if t not in fresh and kept[keys[t.id]].seq != head]
        changed = False
        for seq in sorted({kept[keys[t.id]].seq for t in behind}):
            tags_at = [t for t in behind if kept[keys[t.id]].seq == seq]
            caught_up = self._catch_up(seq, head, tags_at, {t.id: kept[keys[t.id]] for t in tags_at}, decided)
            if caught_up is None:  # too much changed: a pass over the index is cheaper
                fresh += tags_at
            else:
                kept.update((keys[t.id], caught_up[t.id]) for t in tags_at)
            changed = True
        if fresh:
            scores = self.score_all(fresh)  # every tag in one pass over the vectors
            head = scores[fresh[0].id].key[1][0]  # the log position the index (and so the scores) reflects
            for t in fresh:
                carried = scores[t.id].ids[scores[t.id].probs >= threshold(t.sensitivity)]
                kept[keys[t.id]] = _KeptCount(head, self._scorer(t, decided[t.id]).examples, np.sort(carried))
            changed = True
        if changed:
            _save_counts(self._counts_file(), {keys[t.id]: kept[keys[t.id]] for t in auto})
        out = []
        for tag in tags:
            confirmed = sum(decided[tag.id].values())
            by_photo = self._decided_photos(tag)
            if tag.auto:
                count = kept[keys[tag.id]]
                # Photos whose text holds the tag's words carry it too (kept counts follow the
                # vectors' change log, not the text read since: that is looked up each time).
                carried = np.union1d(count.carried, np.fromiter(self.written(tag), np.int64))
                undecided = ~np.isin(carried, np.fromiter(by_photo, np.int64, len(by_photo)))
                photos, learnt = sum(by_photo.values()) + int(np.count_nonzero(undecided)), count.examples
            else:
                photos, learnt = sum(by_photo.values()), 0
            out.append({
                "name": tag.name, "prompts": list(tag.prompts), "negatives": list(tag.negatives),
                "sensitivity": tag.sensitivity, "auto": tag.auto, "photos": photos,
                "confirmed": confirmed, "rejected": len(decided[tag.id]) - confirmed, "learnt_from": learnt,
            })
        return out

    def _catch_up(self, seq: int, head: int, tags: list[Tag], kept: dict[int, _KeptCount],
                  decided: dict[int, dict[str, bool]]) -> dict[int, _KeptCount] | None:
        """Kept counts at log position `seq` brought to `head`: the photos that gained or lost a
        vector since are dropped, and those with a vector now scored and kept if they pass.
        None when so much changed that scoring every photo is the cheaper way."""
        latest: dict[int, int] = {}
        for _, photo_id, added in self.catalog.log_since(seq):
            latest[photo_id] = added  # the last word about a photo is the one that counts
        if len(latest) > CATCH_UP_MAX:
            return None
        touched = np.fromiter(latest, np.int64, len(latest))
        ids, vectors = self.catalog.vectors([pid for pid, added in latest.items() if added], self.library.model)
        self._encode_prompts(tags)
        probs = score_vectors(vectors, [self._scorer(t, decided[t.id]) for t in tags])
        out = {}
        for t, p in zip(tags, probs):
            before = kept[t.id]
            carried = np.concatenate([before.carried[~np.isin(before.carried, touched)],
                                      ids[p >= threshold(t.sensitivity)].astype(np.int64)])
            out[t.id] = _KeptCount(head, before.examples, np.sort(carried))
        return out

    def _counts_file(self) -> Path:
        return self.library.root / "index" / f"tag-counts-{_short_hash(self.library.model)}.npz"

    def _decided_photos(self, tag: Tag) -> dict[int, bool]:
        """photo id -> confirmed, for every photo whose content the user decided on."""
        return self.catalog.decided_photos(tag.id)

    # -- XMP export -----------------------------------------------------------------------------

    def export_xmp(self, tags: Iterable[Tag | str] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   control=None) -> ExportReport:
        """Write the tags (all by default) as keywords into the photos' XMP sidecars
        (photoclip.core.tags.export.export_xmp)."""
        return export_xmp(self, tags, progress, control)


# -- counts kept between runs (`TagStore.summary`) ------------------------------------------------
def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class _KeptCount:
    """What `TagStore.summary` keeps of a tag's count: the catalog's change log position it
    reflects, the examples it learnt from, and the photos (ids, sorted) whose score passes the
    tag's cut, decided or not (decisions are applied when counting)."""

    seq: int
    examples: int
    carried: np.ndarray


def _count_key(tag: Tag, decided: dict[str, bool], model: str) -> str:
    """Everything a tag's scores follow from but the photos: its definition, sensitivity and
    decisions, the model, and the scoring code."""
    code = [[os.stat(f).st_size, os.stat(f).st_mtime_ns] for f in (__file__, scoring.__file__)]
    return _short_hash(json.dumps([list(tag.definition), tag.sensitivity, tag.auto, sorted(decided.items()), model,
                                   code], default=str))


def _load_counts(path: Path) -> dict[str, _KeptCount]:
    """The kept counts (an .npz of plain arrays: no pickles); empty when unreadable."""
    try:
        with np.load(path, allow_pickle=False) as f:
            meta = json.loads(str(f["meta"]))
            return {k: _KeptCount(int(seq), int(examples), f[k].astype(np.int64))
                    for k, (seq, examples) in meta.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _save_counts(path: Path, counts: dict[str, _KeptCount]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = json.dumps({k: [c.seq, c.examples] for k, c in counts.items()})
        with atomic_write(path, durable=False) as temp, open(temp, "wb") as f:
            np.savez(f, meta=np.array(meta), **{k: c.carried for k, c in counts.items()})
    except OSError as e:  # a cache: counted again next time
        log.info("could not keep the tag counts: %s", e)
