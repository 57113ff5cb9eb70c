"""Qt's system libraries on Linux: read from the xcb plugin itself, missing ones named with packages."""
from __future__ import annotations

import sys

import pytest

from photoclip.gui import systemlibs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")


def test_the_xcb_plugins_needs_are_read_from_its_elf_file():
    qt = systemlibs._qt_dir()
    wanted = systemlibs.needed(qt / "lib" / "libQt6XcbQpa.so.6")
    # The three a fresh Debian lacked, among what the plugin links against.
    assert {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"} <= set(wanted)


def test_missing_libraries_are_named_with_their_packages_in_one_line():
    def loader(name):  # as the system's loader answers when files are not installed
        if name == "libxcb-cursor.so.0":
            raise OSError("libxcb-cursor.so.0: cannot open shared object file: No such file or directory")
        if name == "libxcb-icccm.so.4":  # there, but one of its own libraries is not
            raise OSError("libxcb-util.so.1: cannot open shared object file: No such file or directory")

    missing = systemlibs.missing_libraries(loader)
    assert missing == ["libxcb-cursor.so.0", "libxcb-util.so.1"]
    text = systemlibs.explain(missing)
    assert "\n" not in text and text.endswith("sudo apt install libxcb-cursor0 libxcb-util1")


def test_every_library_the_plugin_needs_from_the_system_has_a_package_name():
    qt = systemlibs._qt_dir()
    bundled = {p.name for p in (qt / "lib").glob("*.so*")}
    system = {n for elf in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6")
              for n in systemlibs.needed(elf) if n not in bundled}
    libc = {"libstdc++.so.6", "libm.so.6", "libgcc_s.so.1", "libc.so.6"}
    assert system - libc <= set(systemlibs.PACKAGES)


def test_a_library_hidden_from_the_system_is_named(tmp_path):
    """The real loader, with one library the plugin needs made unreadable (bind-mounted over, in a
    mount namespace of its own): as on a machine that lacks it."""
    import ctypes
    import os
    import shutil
    import subprocess

    if not shutil.which("unshare"):
        pytest.skip("needs unshare (util-linux)")
    present = [n for n in systemlibs.needed(systemlibs._qt_dir() / "lib" / "libQt6XcbQpa.so.6")
               if n.startswith("libxcb-") and _loads(ctypes, n)]
    if not present:
        pytest.skip("no xcb library installed to hide")
    hidden = present[0]
    real = next(p for p in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
                            "/lib/aarch64-linux-gnu", "/usr/lib") if os.path.exists(f"{p}/{hidden}"))
    script = ("from photoclip.gui import systemlibs; m = systemlibs.missing_libraries(); "
              "print(m); print(systemlibs.explain(m))")
    done = subprocess.run(["unshare", "-m", "sh", "-c", f'mount --bind /dev/null "$(readlink -f {real}/{hidden})" '
                           f"&& {sys.executable} -c '{script}'"], capture_output=True, text=True, timeout=120)
    if done.returncode and "Operation not permitted" in done.stderr and not os.environ.get("CI"):
        pytest.skip("mount namespaces are not permitted here")
    assert done.returncode == 0, done.stderr
    listed, text = done.stdout.splitlines()[:2]
    assert listed == str([hidden]) and systemlibs.PACKAGES[hidden] in text


def _loads(ctypes, name: str) -> bool:
    try:
        ctypes.CDLL(name)
        return True
    except OSError:
        return False
