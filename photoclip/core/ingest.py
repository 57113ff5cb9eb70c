"""Ingest steps: what else is made of a photo while it is indexed, as plug-ins of the indexer.

The indexer reads and decodes each new or changed photo once, embeds it, and commits a batch of
photos at a time. A feature that wants something from every photo (look-alike signatures for the
duplicate finder, keywords from XMP sidecars, text in photos...) does not reach into the
indexer: it subclasses `IngestStep` and the library registers it (`Library.ingest_steps`).
The indexer imports no feature.

A step has two hooks, both optional:

- `photo(photo, data)` runs on the decode thread pool, once per photo, right after the photo was
  read and decoded: `data` is the file's bytes (for a step that wants more than the reduced
  pixels, e.g. full-resolution text recognition), `photo.decoded` the decode (`pixels`, the
  model's input; `thumb`, the whole frame as a small RGB array; `frame`, the decoded PIL image,
  at least `frame_side` pixels on its long side when the step asks for that; EXIF fields).
  `pixels`, `thumb` and `frame` are None for a photo whose content the library knows already (a
  move, a rename, a copy: nothing is decoded) and for a JPEG left whole for the GPU; `frame` is
  dropped once every step has looked at it. Slow, per-photo work belongs
  here: it runs in parallel. What it returns is kept in `photo.results[step.name]`. An exception
  is logged and the result is None: the photo is indexed all the same.
- `batch(store, photos)` runs on the indexer's thread, inside the batch's transaction, after
  the batch's photos and vectors were written: `photo.photo_id` is set, `store` is the open
  store (photoclip.core.store.Store). Write the step's results with store methods, nothing else:
  they commit together with the photos (a kill loses all of the batch or none of it, and the
  next run redoes the whole batch). An exception rolls the batch back and stops the run.

Besides: `active = False` leaves a step out (turned off, or its engine missing), and `pending(store)`
lists photos already in the catalog that the step has not done (the indexer reads them again, so a
step turned on later catches up with the library).

A minimal step:

    class Words(IngestStep):
        name = "words"

        def photo(self, photo, data):
            return recognise_text(data)  # on the decode pool

        def batch(self, store, photos):
            store.store_words({p.fingerprint: p.results["words"] for p in photos
                               if p.results.get("words")})
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .imaging import Decoded

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)


@dataclass
class IngestPhoto:
    """One photo as the steps see it."""

    path: str
    fingerprint: str  # the content's identity: what content-keyed results are stored under
    decoded: Decoded
    photo_id: int | None = None  # set once the photo is in the catalog (in `batch`)
    results: dict[str, Any] = field(default_factory=dict)  # step name -> what its `photo` returned


class IngestStep:
    """Subclass and override either hook (see the module's docstring); `name` keys the results."""

    name = "step"
    frame_side = 0  # the long side `photo.decoded.frame` must have at least (0: the model's size will do)
    active = True  # False: the indexer leaves the step out (turned off, or its engine is missing)

    def pending(self, store) -> list[tuple[str, int, int]]:
        """(path, size, mtime_ns) of photos in the catalog this step has not done: the indexer
        reads them again (a step turned on later catches up with the library)."""
        return []

    def photo(self, photo: IngestPhoto, data: bytes) -> Any:
        return None

    def batch(self, store: Store, photos: list[IngestPhoto]) -> None:
        pass


def run_photo_steps(steps: list[IngestStep], photo: IngestPhoto, data: bytes) -> None:
    """Every step's per-photo hook, on the decode pool; a failing step costs only its result."""
    for step in steps:
        try:
            photo.results[step.name] = step.photo(photo, data)
        except Exception:
            log.exception("ingest step %s failed on %s", step.name, photo.path)
            photo.results[step.name] = None
