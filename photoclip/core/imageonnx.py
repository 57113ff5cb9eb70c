"""The image tower in int8 on ONNX Runtime: indexing on a CPU without importing torch.

Where int8 is the fastest faithful format on a CPU (`inference`), the image tower is exported
once to ONNX, its matrix products quantised to int8 weights (ONNX Runtime's dynamic
quantisation: the activations are quantised per batch), and kept in the user's model cache. A
later indexing run opens it with ONNX Runtime alone: importing torch costs ~1.7 s of a 2-core
machine's start (rclip imports only ONNX Runtime), and the int8 kernels are at least as fast as
torch's. The export takes the decoder's uint8 pixels [n, size, size, 3] and does the
normalisation itself, so running it needs no tensor library but numpy.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

import numpy as np

from . import textonnx
from .failpoints import failpoint
from .util import atomic_write

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the export's inputs, outputs or numbers change
PARTS = ("onnx",)  # what the manifest vouches for


def files(spec: str, open_clip_version: str, size: int) -> dict[str, Path]:
    """Where the int8 export of this model lives, and its manifest (written last: which weights
    it was made from)."""
    from .models import _cache_file

    key = json.dumps([spec, "image-onnx-int8", FORMAT, open_clip_version, size])
    return {"onnx": _cache_file(key, ".image-int8.onnx"), "manifest": _cache_file(key, ".image-int8.json")}


def valid(target: dict[str, Path]) -> bool:
    return textonnx.manifest(target, PARTS) is not None


# -- making the export (torch side) ------------------------------------------------------------
def export(visual, mean: tuple, std: tuple, size: int, weights: str, target: dict[str, Path]) -> None:
    """Export `visual` (a float32 image tower) in int8 to `target`; raises when it cannot be."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class FromPixels(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.visual = visual
            self.register_buffer("mean", torch.tensor(mean).view(1, 3, 1, 1) * 255.0)
            self.register_buffer("std", torch.tensor(std).view(1, 3, 1, 1) * 255.0)

        def forward(self, pixels):
            return self.visual((pixels.permute(0, 3, 1, 2).float() - self.mean) / self.std)

    st = os.stat(weights)
    with textonnx.exporting(target) as float32:
        # Two photos: a batch of 1 would be baked into the export.
        example = torch.zeros(2, size, size, 3, dtype=torch.uint8)
        torch.onnx.export(FromPixels().eval(), (example,), str(float32), input_names=["pixels"],
                          output_names=["vectors"], opset_version=17, dynamo=False,
                          dynamic_axes={"pixels": {0: "photos"}, "vectors": {0: "photos"}})
        with atomic_write(target["onnx"], durable=False) as temp:
            root = logging.getLogger()
            root.addFilter(_not_from_onnxruntime)  # its advice to pre-process for static quantisation
            try:
                failpoint("int8.export")
                quantize_dynamic(str(float32), str(temp), weight_type=QuantType.QInt8,
                                 op_types_to_quantize=["MatMul", "Gemm"])
            finally:
                root.removeFilter(_not_from_onnxruntime)
    # The manifest last: until it names these weights, the export is not used.
    manifest = {"weights": weights, "stat": [st.st_size, st.st_mtime_ns]}
    with atomic_write(target["manifest"], durable=False) as temp:
        temp.write_text(json.dumps(manifest), encoding="utf-8")


def _not_from_onnxruntime(record: logging.LogRecord) -> bool:
    return "onnxruntime" not in record.pathname


# -- running it (no torch) --------------------------------------------------------------------
class ImageTower:
    """uint8 pixels [n, size, size, 3] -> unit vectors [n, dim] through the export.

    ONNX Runtime fixes a session's thread count when it is made, and the indexer changes the
    model's share of the cores as it measures (`indexer._Cores`): one session per count asked
    for, made when first asked for (a 2-core machine uses two at most)."""

    def __init__(self, path: Path, threads: int | None = None):
        import onnxruntime as ort

        self.path = path
        self.threads = max(1, threads or os.cpu_count() or 1)
        self._sessions: dict[int, ort.InferenceSession] = {}
        self._lock = threading.Lock()
        self._session(self.threads)  # a damaged file fails here, not in the middle of indexing

    def _session(self, threads: int):
        with self._lock:
            if threads not in self._sessions:
                import onnxruntime as ort

                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                # Waiting threads sleep instead of spinning: the decode threads need those cores.
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                self._sessions[threads] = ort.InferenceSession(str(self.path), options,
                                                               providers=["CPUExecutionProvider"])
            return self._sessions[threads]

    def __call__(self, pixels: np.ndarray) -> np.ndarray:
        out = self._session(self.threads).run(None, {"pixels": np.ascontiguousarray(pixels, dtype=np.uint8)})[0]
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def open_tower(target: dict[str, Path], threads: int | None = None) -> ImageTower | None:
    """The export as a tower, or None when there is no valid one (none yet, the weights changed
    since, or damaged: the caller loads the model)."""
    if not valid(target):
        return None
    try:
        return ImageTower(target["onnx"], threads)
    except Exception as e:  # damaged, or an ONNX Runtime that cannot run it
        log.info("not using the image tower's int8 export (%s)", e)
        return None
