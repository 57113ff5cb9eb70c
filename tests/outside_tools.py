"""Programs from outside the Python environment that some tests use as independent checkers.

On a newcomer's machine a test whose tool is missing skips, saying which Debian package brings it;
in CI (`CI=true`, where .ci/run installs them all) a missing tool fails the test instead.
"""
from __future__ import annotations

import os
import shutil

import pytest

DEBIAN_PACKAGES = {  # the tool -> the Debian package with it (the README names them too)
    "exiftool": "libimage-exiftool-perl",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def outside_tool(name: str) -> str:
    """The tool's path; skips the test without it (fails it in CI)."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian package {DEBIAN_PACKAGES[name]})"
    if in_ci():
        pytest.fail(f"{message}: CI must install it (.ci/run)")
    pytest.skip(message)
