"""Which languages a model reads, and which script a query is written in.

The default model (ViT-B-32-256) was trained on English captions: asked in Russian or Chinese
it returns arbitrary photos, ranked with confidence. A query's script is plain to see (Unicode
ranges), and a model's training languages show in its name or configuration (an XLM-RoBERTa
text tower, "i18n", "multilingual"), so PhotoClip can tell the user to switch instead.
Latin-script languages (Spanish, German...) cannot be told from English this way and get no hint.
"""
from __future__ import annotations

import json
from pathlib import Path

from .models import MODEL_CHOICES, ModelSpec

MULTILINGUAL_MARKERS = ("xlm-roberta", "xlm_roberta", "i18n", "multilingual", "mt5", "labse")
# The model PhotoClip proposes for searching in languages other than English.
MULTILINGUAL_MODEL = next(c.spec for c in MODEL_CHOICES if any(m in c.spec.lower() for m in MULTILINGUAL_MARKERS))

# Scripts of languages that the English-only models cannot read, by Unicode blocks.
SCRIPTS = (
    ("Cyrillic", ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))),
    ("Greek", ((0x0370, 0x03FF), (0x1F00, 0x1FFF))),
    ("Armenian", ((0x0530, 0x058F),)),
    ("Hebrew", ((0x0590, 0x05FF),)),
    ("Arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("Devanagari", ((0x0900, 0x097F),)),
    ("Bengali", ((0x0980, 0x09FF),)),
    ("Tamil", ((0x0B80, 0x0BFF),)),
    ("Thai", ((0x0E00, 0x0E7F),)),
    ("Georgian", ((0x10A0, 0x10FF),)),
    ("Hangul", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))),
    ("Japanese", ((0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF))),
    ("Chinese", ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))),
)


def script_of(text: str) -> str | None:
    """The non-Latin script most of the query's letters are in ("Cyrillic", "Chinese"...), or
    None when it is mostly Latin letters (or has no letters). Kana among Han reads as Japanese."""
    counts: dict[str, int] = {}
    latin = 0
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        name = next((n for n, ranges in SCRIPTS if any(lo <= code <= hi for lo, hi in ranges)), None)
        if name is None:
            latin += 1
        else:
            counts[name] = counts.get(name, 0) + 1
    if "Japanese" in counts and "Chinese" in counts:
        counts["Japanese"] += counts.pop("Chinese")
    if not counts:
        return None
    name, n = max(counts.items(), key=lambda kv: kv[1])
    return name if n >= latin else None


def is_multilingual(model: str, config: dict | None = None) -> bool:
    """Whether a model reads languages other than English, from its name and its configuration
    (open_clip's config; a local folder's Hugging Face text tower config, when there is one)."""
    texts = [model.lower()]
    if config:
        texts.append(json.dumps(config).lower())
    try:
        spec = ModelSpec.parse(model)
    except ValueError:
        spec = None
    if spec is not None and spec.schema == "local-dir":
        tower = Path(spec.name) / "config.json"  # a Hugging Face text tower kept beside the weights
        try:
            texts.append(tower.read_text(encoding="utf-8").lower())
        except (OSError, UnicodeDecodeError):
            pass
    return any(marker in text for text in texts for marker in MULTILINGUAL_MARKERS)


def unread_script(query: str, library) -> str | None:
    """The script of a query that the library's model cannot read, or None when all is well."""
    script = script_of(query)
    return script if script and not is_multilingual(library.model, library.embedder.config) else None


def language_hint(script: str) -> str:
    """The command line's one-line hint for a query in a script the model does not read."""
    return (f"hint: this query is in {script} script, but the model reads English only; for searching in "
            f"other languages use the multilingual model: photoclip --model {MULTILINGUAL_MODEL} index")
