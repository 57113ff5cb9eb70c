"""Tags in the catalog: definitions and the user's decisions, read and written through the store
(photoclip.core.store), and sidecar keywords as an ingest step. No model, no scores.
"""
from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .. import xmp
from ..ingest import IngestPhoto, IngestStep
from ..store import Store
from .scoring import DEFAULT_SENSITIVITY

log = logging.getLogger(__name__)

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


@dataclass
class RemovedTag:
    """What `TagStore.remove` took away, so that `TagStore.restore` can put it back (undo)."""

    tag: Tag
    decisions: list[tuple[str, int, str, float]]  # fingerprint, confirmed, source, at


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
