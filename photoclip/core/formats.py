"""The photo formats people have beyond Pillow's own: HEIC/HEIF/AVIF (pillow-heif) and camera RAW.

A RAW file is read as digiKam and rclip read it: by the JPEG preview the camera embedded in it
(rawpy, LibRaw), full size or nearly on most cameras, with the RAW's own EXIF (date taken,
camera, orientation) where the preview carries none. Both become Pillow formats when this module
is imported (photoclip.core.imaging does), so every reader of photos (indexing, thumbnails,
preview, duplicates) opens them with `Image.open` like any JPEG.
"""
from __future__ import annotations

import io
import logging

from PIL import Image

log = logging.getLogger(__name__)

RAW_SUFFIXES = frozenset((".cr2", ".cr3", ".nef", ".nrw", ".arw", ".srf", ".sr2", ".dng", ".orf", ".rw2",
                          ".raf", ".pef", ".srw", ".rwl", ".3fr", ".erf", ".kdc", ".mrw", ".x3f", ".iiq"))
HEIF_SUFFIXES = frozenset((".heic", ".heif", ".avif"))
_EXIF_HEAD = 1 << 20  # a TIFF-based RAW's EXIF sits in its first bytes; the pixels come after


def _looks_raw(prefix: bytes) -> bool:
    """TIFF-based RAWs (CR2, NEF, ARW, DNG, PEF…), Olympus, Panasonic, Canon CR3, Fujifilm RAF."""
    return (prefix[:4] in (b"II*\0", b"MM\0*", b"IIRO", b"IIRS", b"MMOR", b"IIU\0")
            or prefix[4:12] == b"ftypcrx " or prefix.startswith(b"FUJIFILMCCD-RAW"))


def open_raw(fp, _filename=None) -> Image.Image:  # Pillow passes the name too
    """Pillow's factory for RAW files: the embedded preview. Anything LibRaw does not take for a
    RAW with a preview (a plain TIFF, say) raises SyntaxError, so Pillow tries its own readers."""
    import rawpy

    data = fp.read()
    try:
        with rawpy.imread(io.BytesIO(data)) as raw:
            thumb = raw.extract_thumb()
    except Exception as e:  # LibRaw's errors: not a RAW it knows, or no preview in it
        raise SyntaxError(f"not a camera RAW with a preview: {e}") from None
    if thumb.format == rawpy.ThumbFormat.JPEG:
        img = Image.open(io.BytesIO(thumb.data))
    elif thumb.format == rawpy.ThumbFormat.BITMAP:
        img = Image.fromarray(thumb.data)
    else:
        raise SyntaxError("the RAW's preview is in a format PhotoClip cannot read")
    if not img.getexif() and data[:4] in (b"II*\0", b"MM\0*"):
        # The preview's own EXIF is often missing: the RAW's (a TIFF) gives date, camera, turn.
        img.info["exif"] = b"Exif\0\0" + data[:_EXIF_HEAD]
        img.getexif().load(img.info["exif"])
    img.raw_preview = True  # a JPEG decoded from a preview: the whole file is not a JPEG
    return img


def _register() -> None:
    try:
        from pillow_heif import register_heif_opener

        register_heif_opener()
    except ImportError:  # a build without it: HEIC files are skipped with Pillow's reason
        log.info("pillow-heif is not installed: HEIC photos cannot be read")
    try:
        import rawpy  # noqa: F401
    except ImportError:
        log.info("rawpy is not installed: camera RAW photos cannot be read")
        return
    Image.register_open("RAW", open_raw, _looks_raw)
    Image.register_extensions("RAW", list(RAW_SUFFIXES))
    # Ahead of Pillow's TIFF reader, which would otherwise take a TIFF-based RAW for a TIFF and
    # read its first strip (a tiny thumbnail, or nothing it can decode).
    Image.ID.remove("RAW")
    Image.ID.insert(0, "RAW")


_register()
