"""The models this user has used, kept across runs for the CLI and the app alike.

A local model folder is hard to find again once forgotten (it was copied from a USB stick months
ago), and switching models must be undoable: so every local folder a library used is remembered
(most recent first) and offered again, and a library remembers the model it used before a switch
(`Library.previous_model`), whose vectors the catalog keeps, so switching back costs nothing.

Stored as JSON in the user's config folder (`platformdirs`).
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs

from .models import ModelSpec
from .util import atomic_write

log = logging.getLogger(__name__)

KEEP = 10  # local folders remembered


def _file() -> Path:
    return platformdirs.user_config_path("PhotoClip", appauthor=False) / "models.json"


def _load() -> dict:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def local_folders() -> list[str]:
    """Remembered local model folders as `local-dir:` specs, most recently used first, those
    that are still there (an unplugged drive's come back when it does)."""
    specs = [s for s in _load().get("local", []) if isinstance(s, str)]
    return [s for s in specs if os.path.isdir(ModelSpec.parse(s).name)]


def remember(spec: str | ModelSpec) -> None:
    """Note that `spec` was used; only local folders are kept (others have names to type)."""
    spec = spec if isinstance(spec, ModelSpec) else ModelSpec.parse(spec)
    if spec.schema != "local-dir":
        return
    data = _load()
    specs = [s for s in data.get("local", []) if isinstance(s, str) and s != str(spec)]
    data["local"] = [str(spec), *specs][:KEEP]
    path = _file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, durable=False) as temp:
            temp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    except OSError as e:  # a convenience: failing costs the user a folder to pick again
        log.info("could not remember %s: %s", spec, e)
