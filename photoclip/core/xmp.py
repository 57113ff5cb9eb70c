"""XMP sidecars: keywords beside a photo, in the files digiKam, darktable and Lightroom read.

A photo `IMG_1.jpg` gets the sidecar `IMG_1.jpg.xmp` (the naming digiKam and darktable use);
Lightroom's `IMG_1.xmp` is read too, never written. The image file itself is never touched.

Keywords go where every organizer looks for them: the `dc:subject` bag, and PhotoClip's tags
also as `PhotoClip|<tag>` in `lr:hierarchicalSubject`. A sidecar that exists is merged, never
replaced: every other field, namespace and comment in it is kept. PhotoClip only removes what it
wrote itself: a `PhotoClip|<tag>` entry, and the keyword only if PhotoClip added it (its own
`photoclip:AddedKeywords` bag says which; a keyword another app wrote stays). It marks the
keywords it wrote from automatic, unreviewed decisions in its own `photoclip:AutoKeywords` bag,
so that reading the sidecar back does not mistake them for the user's confirmations.

A sidecar stays well-formed whatever a tag is called: characters XML cannot hold (control
characters) are left out of what is written. A sidecar that cannot be read or written (not
XML, an unknown encoding, a name longer than the file system allows) raises XmpError and is
left as it is.
"""
from __future__ import annotations

import io
import os
import re
import stat
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .util import atomic_write

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "lr": "http://ns.adobe.com/lightroom/1.0/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "photoclip": "https://photoclip.org/ns/xmp/1.0/",
}
PARENT = "PhotoClip"  # the hierarchical keyword PhotoClip's tags live under
SEPARATOR = "|"  # Lightroom's and digiKam's hierarchy separator

_RDF = f"{{{NS['rdf']}}}"
_SUBJECT = (NS["dc"], "subject")
_HIERARCHICAL = (NS["lr"], "hierarchicalSubject")
_AUTO = (NS["photoclip"], "AutoKeywords")
_ADDED = (NS["photoclip"], "AddedKeywords")
# What XML 1.0 cannot hold at all, escaped or not (tab, newline and carriage return it can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PACKET_BEGIN = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
_PACKET_END = '\n<?xpacket end="w"?>\n'
_MAX_NAME = 255  # bytes in a file name, on every common file system


class XmpError(ValueError):
    """A sidecar that cannot be read (it is left as it is)."""


def sidecar_path(photo_path: str | Path) -> Path:
    """Where PhotoClip writes a photo's sidecar: `<file>.<ext>.xmp`."""
    photo_path = Path(photo_path)
    return photo_path.with_name(photo_path.name + ".xmp")


def _is_file(path: Path) -> bool:
    """A regular file is there (a name too long to exist, a FIFO, a broken link: no)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def has_sidecar(photo_path: str | Path) -> bool:
    return _is_file(sidecar_path(photo_path))


def sidecars_to_read(photo_path: str | Path) -> list[Path]:
    """The photo's existing sidecars: `<file>.<ext>.xmp`, then Lightroom's `<file>.xmp`."""
    photo_path = Path(photo_path)
    candidates = [sidecar_path(photo_path), photo_path.with_suffix(".xmp")]
    return [p for p in dict.fromkeys(candidates) if p != photo_path and _is_file(p)]


class XmpDocument:
    """One parsed XMP packet, edited in place and written back whole."""

    def __init__(self, root: ET.Element, prefixes: dict[str, str]):
        self.root = root
        self.prefixes = prefixes  # prefix -> uri as the file wrote them, kept on writing

    @classmethod
    def new(cls) -> XmpDocument:
        root = ET.Element(f"{{{NS['x']}}}xmpmeta", {f"{{{NS['x']}}}xmptk": "PhotoClip"})
        rdf = ET.SubElement(root, f"{_RDF}RDF")
        ET.SubElement(rdf, f"{_RDF}Description", {f"{_RDF}about": ""})
        return cls(root, {})

    @classmethod
    def parse(cls, data: bytes, name: str = "sidecar") -> XmpDocument:
        prefixes: dict[str, str] = {}
        try:
            for _, (prefix, uri) in ET.iterparse(io.BytesIO(data), events=("start-ns",)):
                prefixes.setdefault(prefix, uri)
            parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
            parser.feed(data)
            root = parser.close()
        except (ET.ParseError, LookupError, ValueError) as e:  # LookupError: an unknown encoding
            raise XmpError(f"{name} is not a readable XMP file ({e}); it was left unchanged") from None
        if root is None or (root.tag != f"{_RDF}RDF" and root.find(f"{_RDF}RDF") is None):
            raise XmpError(f"{name} holds no XMP (rdf:RDF) data; it was left unchanged")
        return cls(root, prefixes)

    @classmethod
    def load(cls, path: Path) -> XmpDocument:
        """The sidecar at `path`; a new, empty document when there is none (or it is empty)."""
        if not _is_file(path):
            if os.path.lexists(path):  # a FIFO, a folder, a broken link: never opened
                raise XmpError(f"{path} is not a file; it was left unchanged")
            return cls.new()
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return cls.new()
        except OSError as e:
            raise XmpError(f"{path} cannot be read: {e.strerror or e}") from None
        return cls.parse(data, str(path)) if data.strip() else cls.new()

    # -- properties -----------------------------------------------------------------------
    @property
    def rdf(self) -> ET.Element:
        return self.root if self.root.tag == f"{_RDF}RDF" else self.root.find(f"{_RDF}RDF")

    def _property(self, ns: str, name: str) -> ET.Element | None:
        for desc in self.rdf.findall(f"{_RDF}Description"):
            found = desc.find(f"{{{ns}}}{name}")
            if found is not None:
                return found
        return None

    def bag(self, ns: str, name: str) -> list[str]:
        """The items of an array property (Bag, Seq or Alt); [] when it is absent."""
        prop = self._property(ns, name)
        if prop is None:
            return []
        items = prop.findall(f"./*/{_RDF}li")
        return [li.text.strip() for li in items if li.text and li.text.strip()]

    def set_bag(self, ns: str, name: str, values: list[str]) -> None:
        """Replace an array property's items (keeping its container type); [] removes it."""
        prop = self._property(ns, name)
        if not values:
            if prop is not None:
                for desc in self.rdf.findall(f"{_RDF}Description"):
                    if prop in list(desc):
                        desc.remove(prop)
            return
        if prop is None:
            descs = self.rdf.findall(f"{_RDF}Description")
            desc = descs[0] if descs else ET.SubElement(self.rdf, f"{_RDF}Description", {f"{_RDF}about": ""})
            prop = ET.SubElement(desc, f"{{{ns}}}{name}")
        container = next((c for c in prop if c.tag in (f"{_RDF}Bag", f"{_RDF}Seq", f"{_RDF}Alt")), None)
        if container is None:
            prop.clear()
            container = ET.SubElement(prop, f"{_RDF}Bag")
        for li in container.findall(f"{_RDF}li"):
            container.remove(li)
        for value in values:
            ET.SubElement(container, f"{_RDF}li").text = _NOT_XML.sub("", value)

    # -- writing ----------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        for prefix, uri in {**NS, **self.prefixes}.items():
            if prefix and not re.fullmatch(r"ns\d+", prefix):
                ET.register_namespace(prefix, uri)
        tree = ET.ElementTree(self.root)
        ET.indent(tree, space=" ")
        body = ET.tostring(self.root, encoding="unicode")
        return (_PACKET_BEGIN + body + _PACKET_END).encode("utf-8")

    def save(self, path: Path) -> None:
        """Write atomically beside the photo (a hidden temporary file, then a rename)."""
        if len(os.fsencode(path.name)) > _MAX_NAME:
            raise XmpError(f"{path.parent / path.name[:-4]}: its sidecar's name would be too long for the "
                           f"file system ({len(os.fsencode(path.name))} bytes, at most {_MAX_NAME}); "
                           "no sidecar was written")
        data = self.to_bytes()
        try:
            with atomic_write(path, keep_mode=True) as tmp:
                tmp.write_bytes(data)
        except OSError as e:
            raise XmpError(f"{path} cannot be written: {e.strerror or e}") from None


def _unique(values) -> list[str]:
    """Keywords without repeats, compared without regard to case, first spelling kept."""
    seen, out = set(), []
    for v in values:
        v = v.strip()
        if v and v.casefold() not in seen:
            seen.add(v.casefold())
            out.append(v)
    return out


@dataclass
class SidecarKeywords:
    keywords: list[str]  # dc:subject
    auto: list[str]  # of those, what PhotoClip wrote from automatic decisions

    @property
    def confirmed(self) -> list[str]:
        auto = {a.casefold() for a in self.auto}
        return [k for k in self.keywords if k.casefold() not in auto]


def read_sidecar(photo_path: str | Path) -> SidecarKeywords:
    """Keywords from all of a photo's sidecars. Raises XmpError for a sidecar it cannot read."""
    keywords, auto = [], []
    for path in sidecars_to_read(photo_path):
        doc = XmpDocument.load(path)
        keywords += doc.bag(*_SUBJECT)
        auto += doc.bag(*_AUTO)
    return SidecarKeywords(_unique(keywords), _unique(auto))


def read_keywords(photo_path: str | Path) -> list[str]:
    """The keywords a person (or another app) gave the photo, from its sidecars.

    Keywords PhotoClip wrote from automatic, unreviewed decisions are left out: they are
    derived from the catalog, not facts about the photo.
    """
    return read_sidecar(photo_path).confirmed


def merge_keywords(photo_path: str | Path, keywords: list[str]) -> bool:
    """Add keywords to the photo's sidecar (created if need be). True when the file changed."""
    path = sidecar_path(photo_path)
    doc = XmpDocument.load(path)
    current = doc.bag(*_SUBJECT)
    merged = _unique(current + list(keywords))
    if merged == current:
        return False
    doc.set_bag(*_SUBJECT, merged)
    doc.save(path)
    return True


def write_tags(photo_path: str | Path, carried: dict[str, bool], managed: list[str]) -> bool:
    """Bring PhotoClip's tags in the photo's sidecar up to date. True when the file changed.

    `managed` names the tags being exported; of those, `carried` maps the ones the photo
    carries to whether that is an automatic decision (True) or a confirmed one (False). A
    managed tag the photo no longer carries loses the entries PhotoClip wrote for it (its
    keyword only if PhotoClip added it); nothing else in the sidecar changes. No sidecar is
    created for a photo that carries nothing.
    """
    path = sidecar_path(photo_path)
    if not carried and not _is_file(path):
        return False
    doc = XmpDocument.load(path)
    subject, hierarchy, auto, added = (doc.bag(*_SUBJECT), doc.bag(*_HIERARCHICAL), doc.bag(*_AUTO),
                                       doc.bag(*_ADDED))
    new_subject, new_hierarchy, new_auto, new_added = list(subject), list(hierarchy), list(auto), list(added)

    def without(values: list[str], key: str) -> list[str]:
        return [v for v in values if v.casefold() != key]

    carried_folded = {name.casefold(): is_auto for name, is_auto in carried.items()}
    for name in managed:
        key = name.casefold()
        entry = f"{PARENT}{SEPARATOR}{name}"
        ours = [h for h in new_hierarchy if h.casefold() == entry.casefold()]
        if key in carried_folded:
            if key not in {s.casefold() for s in new_subject}:
                new_subject.append(name)
                new_added = _unique(new_added + [name])
            if not ours:
                new_hierarchy.append(entry)
            new_auto = without(new_auto, key)
            if carried_folded[key]:
                new_auto.append(name)
        elif ours:  # PhotoClip wrote it and it no longer applies
            new_hierarchy = without(new_hierarchy, entry.casefold())
            still_used = any(h.rsplit(SEPARATOR, 1)[-1].casefold() == key for h in new_hierarchy)
            if not still_used and key in {a.casefold() for a in new_added}:
                new_subject = without(new_subject, key)
            new_auto, new_added = without(new_auto, key), without(new_added, key)
    if (new_subject, new_hierarchy, new_auto, new_added) == (subject, hierarchy, auto, added):
        return False
    doc.set_bag(*_SUBJECT, new_subject)
    doc.set_bag(*_HIERARCHICAL, new_hierarchy)
    doc.set_bag(*_AUTO, new_auto)
    doc.set_bag(*_ADDED, new_added)
    doc.save(path)
    return True
