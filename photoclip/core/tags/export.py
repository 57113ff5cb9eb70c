"""Tags as XMP keywords: written into the photos' sidecars, for other photo apps to read."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import xmp
from .records import Tag

if TYPE_CHECKING:
    from .service import TagStore


@dataclass
class ExportReport:
    written: int = 0
    unchanged: int = 0
    missing: int = 0  # photos whose file is not there (an unplugged drive?)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def export_xmp(store: TagStore, tags: Iterable[Tag | str] | None = None,
               progress: Callable[[int, int], None] | None = None,
               control=None) -> ExportReport:
    """Write the tags (all by default) as keywords into the photos' XMP sidecars.

    A photo that carries none of them gets no new sidecar; an existing one is merged (see
    photoclip.core.xmp), so keywords of tags that no longer apply are taken back out.
    `control` is an indexer RunControl (pause / cancel between photos).
    """
    tags = store.list() if tags is None else [store.get(t) for t in tags]
    carried: dict[int, dict[str, bool]] = {}
    for tag in tags:
        for a in store.assignments(tag):
            carried.setdefault(a.photo_id, {})[tag.name] = a.state == "auto"
    managed = [t.name for t in tags]
    report = ExportReport()
    photos = store.catalog.all_photos(order="path")
    for done, photo in enumerate(photos):
        if control is not None:
            control.checkpoint()
        if progress:
            progress(done, len(photos))
        mine = carried.get(photo.id, {})
        try:
            if not mine and not xmp.has_sidecar(photo.path):
                continue
            if not os.path.isfile(photo.path):
                report.missing += 1
                continue
            if xmp.write_tags(photo.path, mine, managed):
                report.written += 1
            else:
                report.unchanged += 1
        except xmp.XmpError as e:
            report.failed.append((photo.path, str(e)))
    if progress:
        progress(len(photos), len(photos))
    return report
