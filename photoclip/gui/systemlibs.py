"""Before Qt starts on Linux: are the system libraries its X11 (xcb) plugin needs there?

Without them Qt aborts the process with a page of plugin diagnostics that never names the
library (a fresh Debian or Ubuntu lacks libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1…). This
reads which libraries the plugin links against (its ELF DT_NEEDED entries), tries to load each
one, and names the missing ones with the Debian/Ubuntu packages that hold them. No Qt is
imported here: a check that needs Qt could not run when Qt cannot start.
"""
from __future__ import annotations

import ctypes
import os
import re
import struct
import sys
from pathlib import Path

# The Debian/Ubuntu package of each library Qt's xcb plugin needs (others are named as they are).
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0", "libdbus-1.so.3": "libdbus-1-3",
}


def needed(elf: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file ([] if it is not one)."""
    data = elf.read_bytes()
    if data[:6] != b"\x7fELF\x02\x01":
        return []
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    out = []
    for _, kind, _, _, offset, size, link, _, _, entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strings = sections[link][4]
        for pos in range(offset, offset + size, entsize or 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                start = strings + value
                out.append(data[start:data.index(b"\0", start)].decode())
    return out


def _qt_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    return Path(spec.origin).parent / "Qt" if spec and spec.origin else None


def missing_libraries(loader=ctypes.CDLL) -> list[str]:
    """System libraries Qt's xcb plugin needs that cannot be loaded (Linux, X11 only; else [])."""
    qt = _qt_dir()
    if not sys.platform.startswith("linux") or qt is None:
        return []
    bundled = {p.name for p in (qt / "lib").glob("*.so*")}
    wanted: list[str] = []
    for elf in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"):
        if elf.is_file():
            wanted += [n for n in needed(elf) if n not in bundled and n not in wanted]
    missing: list[str] = []
    for name in wanted:
        try:
            loader(name)
        except OSError as e:
            # A library that is there but lacks one of its own names that one instead.
            found = re.match(r"([^:\s]+\.so[.\d]*)", str(e))
            lib = os.path.basename(found.group(1)) if found else name
            if lib not in missing:
                missing.append(lib)
    return missing


def would_use_xcb() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    return sys.platform.startswith("linux") and not os.environ.get("WAYLAND_DISPLAY")


def explain(missing: list[str]) -> str:
    packages = " ".join(dict.fromkeys(PACKAGES.get(m, m) for m in missing))
    return (f"PhotoClip's window cannot start: the system lacks {', '.join(missing)}. "
            f"On Debian/Ubuntu: sudo apt install {packages}")
