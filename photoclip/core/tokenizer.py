"""open_clip's simple BPE tokenizer (OpenAI CLIP's), without importing open_clip or torch.

A shell search encodes its words with an ONNX export of the text tower (`textonnx`); importing
open_clip for its tokenizer alone would import torch (~3-8 s of a cold start on 2 cores). This is
the same algorithm over the same vocabulary file (`bpe_simple_vocab_16e6.txt.gz`, read from
open_clip's package folder without importing it, or from the copy kept beside the export);
tests/test_textonnx.py checks its tokens against open_clip's.
"""
from __future__ import annotations

import gzip
import html
import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np

VOCAB_FILE = "bpe_simple_vocab_16e6.txt.gz"
SPECIAL = ("<start_of_text>", "<end_of_text>")
_NEVER = float("inf")  # the rank of a pair that is never merged


def packaged_vocab() -> Path | None:
    """open_clip's own copy of the vocabulary, found without importing open_clip."""
    try:
        spec = importlib.util.find_spec("open_clip")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / VOCAB_FILE
        if path.is_file():
            return path
    return None


def read_vocab(path: Path) -> str:
    """The merges file's text, from open_clip's gzipped copy or an uncompressed one."""
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


@lru_cache(maxsize=1)
def _bytes_to_unicode() -> dict[int, str]:
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


class SimpleTokenizer:
    """Text -> token ids as open_clip.tokenizer.SimpleTokenizer(clean="lower") makes them."""

    def __init__(self, vocab: Path, context_length: int = 77):
        import regex  # open_clip's own dependency, as is ftfy

        # The merges, best first, as "a b" lines. Each makes a vocabulary entry of its own ("ab"),
        # so a pair's rank is found through the vocabulary: one dictionary built, not two.
        self.merges = read_vocab(vocab).split("\n")[1:49152 - 256 - 2 + 1]
        byte_chars = list(_bytes_to_unicode().values())
        self.first_merge = 2 * len(byte_chars)
        words = byte_chars + [c + "</w>" for c in byte_chars] + [m.replace(" ", "") for m in self.merges]
        self.encoder = dict(zip(words + list(SPECIAL), range(len(words) + len(SPECIAL))))
        self.cache = {t: t for t in SPECIAL}
        self.pattern = regex.compile("|".join(SPECIAL) + r"""|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
                                     regex.IGNORECASE)
        self.sot, self.eot = self.encoder[SPECIAL[0]], self.encoder[SPECIAL[1]]
        self.context_length = context_length

    def _rank(self, pair: tuple[str, str]) -> float:
        rank = self.encoder.get(pair[0] + pair[1], -1) - self.first_merge
        return rank if 0 <= rank < len(self.merges) and self.merges[rank] == f"{pair[0]} {pair[1]}" else _NEVER

    def _bpe(self, token: str) -> str:
        if token in self.cache:
            return self.cache[token]
        word = tuple(token[:-1]) + (token[-1] + "</w>",)
        while len(word) > 1:
            pairs = set(zip(word, word[1:]))
            bigram = min(pairs, key=self._rank)
            if self._rank(bigram) is _NEVER:
                break
            first, second = bigram
            merged, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and word[i] == first and word[i + 1] == second:
                    merged.append(first + second)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = tuple(merged)
        self.cache[token] = " ".join(word)
        return self.cache[token]

    def encode(self, text: str) -> list[int]:
        if not (text.isascii() and text.isprintable() and "&" not in text):
            import ftfy  # ~0.1 s to import; it leaves plain printable ASCII as it is

            text = ftfy.fix_text(text)
        text = html.unescape(html.unescape(text)).strip()
        text = " ".join(text.split()).lower()
        byte_encoder = _bytes_to_unicode()
        ids = []
        for token in self.pattern.findall(text):
            token = "".join(byte_encoder[b] for b in token.encode("utf-8"))
            ids.extend(self.encoder[t] for t in self._bpe(token).split(" "))
        return ids

    def __call__(self, texts: list[str]) -> np.ndarray:
        """int64 [n, L]: start, the text's tokens, end, zero padding; L is the longest text's
        length, not the context length (the causal text tower needs nothing after the end)."""
        rows = []
        for text in texts:
            ids = [self.sot] + self.encode(text) + [self.eot]
            if len(ids) > self.context_length:  # open_clip truncates the same way
                ids = ids[: self.context_length]
                ids[-1] = self.eot
            rows.append(ids)
        out = np.zeros((len(rows), max(map(len, rows))), dtype=np.int64)
        for i, ids in enumerate(rows):
            out[i, : len(ids)] = ids
        return out
