"""The text tower as an ONNX file, so that a search from the shell needs neither torch nor open_clip.

A cold `photoclip search "words"` used to import torch and open_clip and build the whole model
for one text vector (~6.7 s and 1.1 GB on a 2-core CPU). When the model is first loaded whole,
its text tower is exported once, in float32, into the user's model cache beside the traced image
tower, with a copy of the tokenizer's vocabulary; later queries tokenize with the standalone
tokenizer (`tokenizer.py`) and run the export with ONNX Runtime. Only open_clip CLIP models with
the simple BPE tokenizer and a causal text tower are exported (the default model is one); the
others, or a missing, stale or damaged export, take the full path.

The export takes the tokens up to the longest text's end-of-text token, not padded to the
context length (a causal tower reads nothing after it; `models._encode_text` trims the same way).
The token embedding table (40 % of the weights, of which a query reads a few rows) stays out of
the ONNX file, in a memory-mapped .npy: ONNX Runtime then loads and keeps only the transformer.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from .util import atomic_write

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the export's inputs, outputs or numbers change


def files(spec: str, open_clip_version: str) -> dict[str, Path]:
    """Where the export of this model lives: the ONNX file, the token embedding table, the
    tokenizer's vocabulary and the manifest (written last: which weights they were made from)."""
    from .models import _cache_file

    key = json.dumps([spec, "text-onnx", FORMAT, open_clip_version])
    return {"onnx": _cache_file(key, ".text.onnx"), "onnx_data": _cache_file(key, ".text.onnx.data"),
            "embedding": _cache_file(key, ".text-embedding.npy"), "vocab": _cache_file(key, ".bpe.txt"),
            "manifest": _cache_file(key, ".text.json")}


PARTS = ("onnx", "onnx_data", "embedding", "vocab")  # what the manifest vouches for


# -- making the export (torch side) ------------------------------------------------------------
def causal(model) -> bool:
    """An open_clip CLIP whose text tower has a causal mask and is read at the end-of-text token."""
    import open_clip

    return (isinstance(model, open_clip.CLIP) and getattr(model, "attn_mask", None) is not None
            and getattr(model, "text_pool_type", None) in ("argmax", "eos"))


def exportable(model, tokenizer) -> bool:
    """A causal CLIP text tower with the plain BPE tokenizer (the one `tokenizer.py` mirrors)."""
    from open_clip.tokenizer import SimpleTokenizer, _clean_lower

    return (causal(model) and type(tokenizer) is SimpleTokenizer and tokenizer.reduction_fn is None
            and tokenizer.clean_fn is _clean_lower)


def text_tower(model):
    """The text half of a CLIP model as a module of its own: tokens [n, L] -> vectors [n, dim],
    for L up to the context length (the caller trims the padding)."""
    import torch
    from open_clip.transformer import text_global_pool

    class TextTower(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.token_embedding = model.token_embedding
            self.positional_embedding = model.positional_embedding
            self.transformer = model.transformer
            self.ln_final = model.ln_final
            self.text_projection = model.text_projection
            self.register_buffer("attn_mask", model.attn_mask, persistent=False)
            self.pool, self.eos = model.text_pool_type, getattr(model, "text_eos_id", None)

        def forward(self, tokens):
            return self.after_embedding(self.token_embedding(tokens), tokens)

        def after_embedding(self, x, tokens):
            """x: the tokens' embeddings."""
            n = tokens.shape[1]
            cast = self.transformer.get_cast_dtype()
            x = x.to(cast) + self.positional_embedding[:n].to(cast)
            x = self.ln_final(self.transformer(x, attn_mask=self.attn_mask[:n, :n]))
            x = text_global_pool(x, tokens, self.pool, eos_token_id=self.eos)
            if self.text_projection is not None:
                linear = isinstance(self.text_projection, torch.nn.Linear)
                x = self.text_projection(x) if linear else x @ self.text_projection
            return x

    return TextTower()


def export(model, tokenizer, weights: str, target: dict[str, Path]) -> bool:
    """Export `model`'s text tower in float32 to `target` (see `files`); False if it cannot be."""
    import copy

    import torch

    from .models import _write_atomically
    from .tokenizer import packaged_vocab, read_vocab

    vocab = packaged_vocab()
    if vocab is None or not exportable(model, tokenizer):
        return False
    try:
        tower = copy.deepcopy(text_tower(model)).float().cpu().eval()
        if next(model.parameters()).dtype != torch.float32:
            _float32_weights(tower, weights)  # the checkpoint's numbers, not their bfloat16 copy
        for block in tower.transformer.resblocks:
            block.attn = _attention_for_export(block.attn)
        st = os.stat(weights)
        # Two texts of a length no size equals: a size of 1 would be baked into the export.
        sot, eot = tokenizer.sot_token_id, tokenizer.eot_token_id
        tokens = torch.tensor([[sot, 320, 1125, 539, 320, eot], [sot, 1125, eot, 0, 0, 0]], dtype=torch.long)
        table = tower.token_embedding.weight.detach()

        class AfterEmbedding(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.tower = tower

            def forward(self, embedded, tokens):
                return self.tower.after_embedding(embedded, tokens)

        with exporting(target) as exported:
            torch.onnx.export(
                AfterEmbedding(), (table[tokens], tokens), str(exported), input_names=["embedded", "tokens"],
                output_names=["vectors"], opset_version=17, dynamo=False,
                dynamic_axes={"embedded": {0: "texts", 1: "length"}, "tokens": {0: "texts", 1: "length"},
                              "vectors": {0: "texts"}})
            _weights_apart(exported, target)
        # Raising writes: a part that failed must not leave an older export's file to be trusted.
        with atomic_write(target["embedding"], durable=False) as temp:
            _save_npy(temp, table.numpy().astype(np.float32))
        with atomic_write(target["vocab"], durable=False) as temp:
            temp.write_text(read_vocab(vocab), encoding="utf-8")
    except Exception as e:  # an optimisation: searches take the full path
        log.info("could not export the text tower: %s", e)
        return False
    if not all(target[k].is_file() for k in PARTS):
        return False
    # The manifest last: until it names these weights, the export is not used.
    made = {"weights": weights, "stat": [st.st_size, st.st_mtime_ns], "context_length": int(tokenizer.context_length)}
    _write_atomically(target["manifest"], lambda f: f.write_text(json.dumps(made), encoding="utf-8"))
    return target["manifest"].is_file()


@contextmanager
def exporting(target: dict[str, Path]) -> Iterator[Path]:
    """Around torch's ONNX export of a tower to `target` (this one's or `imageonnx`'s): yields
    a temporary file for the exporter, removed afterwards; the manifest goes first, so nothing
    uses the files while they are rewritten."""
    import torch

    target["onnx"].parent.mkdir(parents=True, exist_ok=True)
    target["manifest"].unlink(missing_ok=True)
    exported = target["onnx"].with_name(f"{target['onnx'].name}.{os.getpid()}-{threading.get_ident()}.part")
    # One export at a time: the fused attention kernel has no ONNX form, and the switch that
    # turns it off is the whole process's (the text tower's export runs on a thread of its
    # own while the first indexing run exports the image tower: one's end turned it back on in
    # the middle of the other).
    with _EXPORT_LOCK:
        fastpath = torch.backends.mha.get_fastpath_enabled()
        torch.backends.mha.set_fastpath_enabled(False)
        try:
            with warnings.catch_warnings(), torch.no_grad():
                warnings.simplefilter("ignore")  # the exporter's notices on what it traced
                yield exported
        finally:
            torch.backends.mha.set_fastpath_enabled(fastpath)
            exported.unlink(missing_ok=True)


_EXPORT_LOCK = threading.Lock()


def _weights_apart(exported: Path, target: dict[str, Path]) -> None:
    """Save the exported graph with its weights in a file of their own (target["onnx_data"]):
    ONNX Runtime maps that into memory instead of copying and repacking the weights, which
    makes starting a query ~1 s shorter on 2 cores (prepacking is off when it is run)."""
    import onnx

    graph = onnx.load(str(exported))
    target["onnx_data"].unlink(missing_ok=True)  # onnx appends to an existing one
    with atomic_write(target["onnx"], durable=False) as temp:
        onnx.save_model(graph, str(temp), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=target["onnx_data"].name, size_threshold=1024)


def _save_npy(path: Path, array: np.ndarray) -> None:
    with open(path, "wb") as f:  # np.save(path) would add ".npy" to a temporary file's name
        np.save(f, array)


def _attention_for_export(mha):
    """torch.nn.MultiheadAttention's sums (self-attention, batch first, no dropout) written so
    that the exporter keeps the text's length variable: its own code bakes the example's in."""
    import torch

    if not (isinstance(mha, torch.nn.MultiheadAttention) and mha.batch_first and mha._qkv_same_embed_dim
            and mha.bias_k is None and not mha.add_zero_attn):
        raise ValueError(f"unexpected attention layer {type(mha).__name__}")

    class Attention(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.heads = mha.num_heads
            self.in_proj_weight, self.in_proj_bias, self.out_proj = mha.in_proj_weight, mha.in_proj_bias, mha.out_proj

        def forward(self, query, key, value, need_weights=False, attn_mask=None):
            b, n, d = query.shape
            qkv = torch.nn.functional.linear(query, self.in_proj_weight, self.in_proj_bias)
            q, k, v = qkv.reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4).unbind(0)
            out = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
            return self.out_proj(out.transpose(1, 2).reshape(b, n, d)), None

    return Attention()


def _float32_weights(tower, weights: str) -> None:
    from open_clip.factory import load_state_dict

    state = load_state_dict(weights)
    mine = tower.state_dict()
    found = {k: v.float() for k, v in state.items() if k in mine}
    if set(found) != set(mine) - {"attn_mask"}:
        raise ValueError("the checkpoint's text tower is named differently")
    tower.load_state_dict(found, strict=False)


# -- running it (no torch) --------------------------------------------------------------------
def manifest(target: dict[str, Path], parts: tuple[str, ...] = PARTS) -> dict | None:
    """An export's manifest if its `parts` are all there and it was made from the weights as
    they are now (the image tower's export is vouched for the same way, `imageonnx`)."""
    try:
        made = json.loads(target["manifest"].read_text(encoding="utf-8"))
        st = os.stat(made["weights"])
        whole = all(target[k].is_file() for k in parts)
        return made if whole and [st.st_size, st.st_mtime_ns] == made["stat"] else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def valid(target: dict[str, Path]) -> bool:
    return manifest(target) is not None


class TextEncoder:
    """Encodes texts with the export through ONNX Runtime; `open` says None when it cannot."""

    def __init__(self, session, embedding: np.ndarray, tokenizer):
        self.session, self.embedding, self.tokenizer = session, embedding, tokenizer
        self.lock = threading.Lock()

    @classmethod
    def open(cls, target: dict[str, Path]) -> TextEncoder | None:
        made = manifest(target)
        if made is None:  # none yet, or the weights changed: the next full load exports again
            return None
        try:
            import onnxruntime as ort

            from .tokenizer import SimpleTokenizer

            options = ort.SessionOptions()
            # One query is too little work to share: threads waiting for each other cost more.
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            # Weights used where they lie in the mapped file: repacking them costs more than
            # the few milliseconds one query gains from it.
            options.add_session_config_entry("session.disable_prepacking", "1")
            session = ort.InferenceSession(str(target["onnx"]), options, providers=["CPUExecutionProvider"])
            embedding = np.load(target["embedding"], mmap_mode="r")
            tokenizer = SimpleTokenizer(target["vocab"], made["context_length"])
        except Exception as e:  # damaged, or no ONNX Runtime: the full path
            log.info("not using the text tower's export (%s)", e)
            return None
        return cls(session, embedding, tokenizer)

    def __call__(self, texts: list[str]) -> np.ndarray:
        """float32 [n, dim], unit length."""
        tokens = self.tokenizer(list(texts))
        embedded = np.ascontiguousarray(self.embedding[tokens], dtype=np.float32)
        with self.lock:
            out = self.session.run(None, {"embedded": embedded, "tokens": tokens})[0].astype(np.float32)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
