"""CLIP models: naming, finding the weights (download or local copy), and encoding.

A model is named as open_clip names it:
- `ARCH:TAG`, a built-in architecture with pretrained weights (`ViT-B-32-256:datacomp_s34b_b86k`);
- `hf-hub:org/repo`, an open_clip model on the Hugging Face hub;
- `local-dir:/path`, a folder holding `open_clip_config.json` and the weights (an offline copy).

torch and open_clip are imported only when a model is really needed, so the CLI and the GUI
start fast and a library can be browsed without them.
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import platform
import socket
import sys
import threading
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from . import imageonnx
from .imaging import Preprocess
from .util import atomic_write

log = logging.getLogger(__name__)

# PhotoClip never compiles a model (torch.compile), the one use of triton: keep torch and
# torchvision from importing it (they probe for it on import), which costs a quarter of a second
# of every model load and, through its nanobind bindings, dumped "nanobind: leaked …" at exit.
sys.modules.setdefault("triton", None)

DEFAULT_MODEL = "ViT-B-32-256:datacomp_s34b_b86k"


@dataclass(frozen=True)
class ModelChoice:
    spec: str
    title: str
    note: str
    hub: str = ""  # the Hugging Face repository of its weights, as open_clip names it (a test keeps it so)


# What the settings offer; any other open_clip name works from the command line too.
MODEL_CHOICES = (
    ModelChoice(DEFAULT_MODEL, "Default (English)",
                "Fast and accurate: ImageNet zero-shot 72.8 % at 11.5 GFLOPs per image; about 580 MB.",
                "laion/CLIP-ViT-B-32-256x256-DataComp-s34B-b86K"),
    ModelChoice("xlm-roberta-base-ViT-B-32:laion5b_s13b_b90k", "Multilingual",
                "Search and tags in Spanish, Russian, Chinese and 100 other languages; about 1.4 GB.",
                "laion/CLIP-ViT-B-32-xlm-roberta-base-laion5B-s13B-b90k"),
    ModelChoice("ViT-B-16-SigLIP-i18n-256:webli", "Multilingual, higher quality",
                "SigLIP trained on many languages; slower to index; about 1.5 GB.", "timm/ViT-B-16-SigLIP-i18n-256"),
    ModelChoice("ViT-L-14:datacomp_xl_s13b_b90k", "Higher quality (English)",
                "ImageNet zero-shot 79.2 %, but about 7x slower to index than the default; 1.7 GB.",
                "laion/CLIP-ViT-L-14-DataComp.XL-s13B-b90K"),
)

WEIGHT_FILES = ("open_clip_model.safetensors", "open_clip_pytorch_model.bin")
CONFIG_FILE = "open_clip_config.json"

ProgressFn = Callable[[str, int, int], None]  # (what, bytes done, bytes total)


class ModelUnavailable(RuntimeError):
    """The model's weights cannot be had; the message tells the user what to do instead."""


@dataclass(frozen=True)
class ModelSpec:
    schema: str  # "builtin", "hf-hub" or "local-dir"
    name: str  # architecture, repo id or absolute folder
    tag: str = ""

    @classmethod
    def parse(cls, text: str) -> ModelSpec:
        text = text.strip()
        if text.startswith("local-dir:"):
            folder = text[len("local-dir:"):]
            if not folder:
                raise ValueError("local-dir: needs a folder, e.g. local-dir:/home/me/models/clip")
            return cls("local-dir", str(Path(folder).expanduser().resolve()))
        if text.startswith("hf-hub:"):
            repo = text[len("hf-hub:"):]
            if repo.count("/") != 1:
                raise ValueError(f"hf-hub: needs an organisation and a repository, e.g. hf-hub:timm/... (got {repo!r})")
            return cls("hf-hub", repo)
        arch, _, tag = text.partition(":")
        if not arch or not tag:
            raise ValueError(
                f"unknown model {text!r}: use ARCH:PRETRAINED (e.g. {DEFAULT_MODEL}), hf-hub:org/repo "
                "or local-dir:/path/to/folder")
        return cls("builtin", arch, tag)

    def __str__(self) -> str:
        if self.schema == "builtin":
            return f"{self.name}:{self.tag}"
        return f"{self.schema}:{self.name}"

    @property
    def key(self) -> str:
        """A short file-name-safe identity, for the files derived from this model's vectors."""
        return hashlib.sha1(str(self).encode()).hexdigest()[:12]


def pick_device(requested: str = "auto") -> str:
    if requested == "cpu" or requested == "auto" and _no_gpu_here():
        return "cpu"
    import torch

    if requested == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise ModelUnavailable("--device cuda was asked for, but PyTorch finds no CUDA GPU here")
    if requested == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ModelUnavailable("--device mps was asked for, but Apple's Metal (MPS) is not available here")
    if requested not in ("cpu", "cuda", "mps"):
        raise ModelUnavailable(f"unknown device {requested!r}: use auto, cpu, cuda or mps")
    return requested


def _no_gpu_here() -> bool:
    """Whether this machine surely has no GPU PyTorch could use, told without importing torch
    (~1.7 s of a 2-core machine's start, which indexing with the int8 export does not need):
    no Apple Silicon, no NVIDIA driver to load, no AMD compute device."""
    if sys.platform == "darwin":
        return platform.machine() != "arm64"
    if os.path.exists("/dev/kfd"):  # ROCm: torch.cuda drives AMD GPUs too
        return False
    for driver in ("nvcuda.dll",) if sys.platform == "win32" else ("libcuda.so.1", "libcuda.so"):
        try:
            ctypes.CDLL(driver)
            return False
        except OSError:
            pass
    return True


# -- finding weights -----------------------------------------------------------------------------
def _offline_message(spec: ModelSpec, why: str) -> str:
    from .known_models import local_folders

    known = [s for s in local_folders() if s != str(spec)]
    return (
        f"The model {spec} is not on this computer and cannot be downloaded now ({why}); "
        "photos are catalogued meanwhile and get their vectors once it can be had. "
        "To use a copy you already have (a folder with open_clip_config.json and the weights): "
        + (f"--model {known[0]} (used before), or " if known else "")
        + "--model local-dir:/path/to/folder, or in the app Settings > Model > Local folder."
    )


def _endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co")


def network_reachable(url: str | None = None, timeout: float = 3.0) -> bool:
    """A quick yes/no before a download: hub downloads retry for a minute when offline.

    The whole probe (name lookup included, which a socket timeout does not bound) gets
    `timeout` seconds; with a proxy configured, the proxy is what must answer."""
    parsed = urlparse(url or _endpoint())
    from urllib.request import getproxies

    proxy = getproxies().get(parsed.scheme or "https")
    target = urlparse(proxy) if proxy else parsed
    port = target.port or (80 if target.scheme == "http" else 443)
    answered = threading.Event()

    def probe() -> None:
        try:
            with socket.create_connection((target.hostname, port), timeout=timeout):
                answered.set()
        except (OSError, UnicodeError):
            pass

    threading.Thread(target=probe, name="photoclip-network-probe", daemon=True).start()
    return answered.wait(timeout)


def _hub_source(spec: ModelSpec) -> tuple[str, list[str], str]:
    """(repo id, weight file candidates, download url) for a downloadable model.

    A built-in name's source is in open_clip's code (importing it takes seconds); the models
    Settings offers carry theirs, and any other is remembered in the user's cache, so that
    telling whether a model can be had (`check_model`) needs no import of open_clip."""
    if spec.schema == "hf-hub":
        return spec.name, list(WEIGHT_FILES), ""
    offered = next((c.hub for c in MODEL_CHOICES if c.spec == str(spec) and c.hub), None)
    if offered:
        return offered, list(WEIGHT_FILES), ""
    remembered = _cache_file(json.dumps([str(spec), _open_clip_version(), "source"]), ".source.json")
    try:
        repo, candidates, url = json.loads(remembered.read_text(encoding="utf-8"))
        return repo, candidates, url
    except (OSError, ValueError):
        pass
    from open_clip.pretrained import get_pretrained_cfg, list_pretrained_tags_by_model

    cfg = get_pretrained_cfg(spec.name, spec.tag)
    if not cfg:
        tags = list_pretrained_tags_by_model(spec.name)
        raise ModelUnavailable(
            f"open_clip knows no weights {spec.tag!r} for {spec.name!r}"
            + (f"; known: {', '.join(tags)}" if tags else " (unknown architecture)"))
    hub = cfg.get("hf_hub", "")
    if hub:
        repo, filename = os.path.split(hub)  # "org/repo/" or "org/repo/file"
        source = repo, (list(WEIGHT_FILES) if filename in ("", *WEIGHT_FILES) else [filename]), ""
    else:
        source = "", [], cfg.get("url", "")
    _write_atomically(remembered, lambda f: f.write_text(json.dumps(source), encoding="utf-8"))
    return source


def _cached(repo: str, filename: str) -> str | None:
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(repo, filename)
    return found if isinstance(found, str) else None


def _progress_tqdm(progress: ProgressFn | None, what: str):
    """A tqdm class that reports to `progress` (hub downloads accept one)."""
    from tqdm.auto import tqdm

    class Reporting(tqdm):
        reported = 0  # counted here: a disabled bar (HF_HUB_DISABLE_PROGRESS_BARS) keeps n at 0

        def update(self, n=1):
            self.reported += n or 0
            if progress:
                progress(what, int(self.reported), int(self.total or 0))
            return super().update(n)

    return Reporting


def fetch_weights(spec: ModelSpec, progress: ProgressFn | None = None) -> str:
    """The local weights file of a downloadable model, downloading it once if needed."""
    repo, candidates, url = _hub_source(spec)
    if not repo:
        # Weights hosted outside the hub: open_clip downloads them (it shows its own progress).
        if not network_reachable(url):
            raise ModelUnavailable(_offline_message(spec, f"{urlparse(url).hostname} cannot be reached"))
        from open_clip.pretrained import download_pretrained_from_url

        return download_pretrained_from_url(url)
    for name in candidates:
        hit = _cached(repo, name)
        if hit:
            return hit
    if os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0"):
        raise ModelUnavailable(_offline_message(spec, "HF_HUB_OFFLINE is set"))
    if not network_reachable():
        raise ModelUnavailable(_offline_message(spec, f"{urlparse(_endpoint()).hostname} cannot be reached (offline?)"))
    from huggingface_hub import hf_hub_download

    errors = []
    for name in candidates:
        try:
            log.info("downloading %s from %s", name, repo)
            return hf_hub_download(repo, name, tqdm_class=_progress_tqdm(progress, f"Downloading {spec}"))
        except Exception as e:  # try the next file name; report all if none works
            errors.append(f"{name}: {e}")
    raise ModelUnavailable(f"Could not download {spec}: " + "; ".join(errors))


@dataclass(frozen=True)
class ModelCheck:
    """Whether a model can be used now: "ok" (its files are here, or can be downloaded),
    "offline" (not here, and no way to download it now) or "not found" (no such model)."""

    spec: str
    state: str
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def check_model(spec: str | ModelSpec, timeout: float = 3.0) -> ModelCheck:
    """Tell, within about `timeout` seconds and without loading anything, whether `spec` can be
    used: a local folder must hold a config and weights; a downloadable model must be in the
    Hugging Face cache, or the hub must answer for it."""
    try:
        spec = spec if isinstance(spec, ModelSpec) else ModelSpec.parse(spec)
    except ValueError as e:
        return ModelCheck(str(spec), "not found", str(e))
    name = str(spec)
    try:
        if spec.schema == "local-dir":
            config = _fetch_config(spec)
            if "model_cfg" not in config:
                return ModelCheck(name, "not found", f"{spec.name}/{CONFIG_FILE} is not an open_clip model config")
            if not any((Path(spec.name) / f).is_file() for f in WEIGHT_FILES):
                return ModelCheck(name, "not found", f"{spec.name} has {CONFIG_FILE} but no weights "
                                                     f"({' or '.join(WEIGHT_FILES)})")
            return ModelCheck(name, "ok")
        repo, candidates, url = _hub_source(spec)
        if not repo:
            if network_reachable(url, timeout):
                return ModelCheck(name, "ok")
            return ModelCheck(name, "offline", _offline_message(spec, f"{urlparse(url).hostname} cannot be reached"))
        if any(_cached(repo, f) for f in candidates) and (spec.schema != "hf-hub" or _cached(repo, CONFIG_FILE)):
            return ModelCheck(name, "ok")
        if os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0"):
            return ModelCheck(name, "offline", _offline_message(spec, "HF_HUB_OFFLINE is set"))
        if not network_reachable(timeout=timeout):
            return ModelCheck(name, "offline", _offline_message(
                spec, f"{urlparse(_endpoint()).hostname} cannot be reached (offline?)"))
        if not _on_hub(repo, CONFIG_FILE if spec.schema == "hf-hub" else candidates[0], timeout):
            return ModelCheck(name, "not found", f"the Hugging Face hub has no open_clip model {repo!r}")
        return ModelCheck(name, "ok")
    except ModelUnavailable as e:
        return ModelCheck(name, "not found", str(e))


def _on_hub(repo: str, filename: str, timeout: float) -> bool:
    """False only when the hub says there is no such file (a repository that does not exist,
    or is private, answers 401); any other answer or failure leaves it to the download."""
    from urllib.error import HTTPError
    from urllib.request import Request, urlopen

    request = Request(f"{_endpoint()}/{repo}/resolve/main/{filename}", method="HEAD")
    try:
        with urlopen(request, timeout=timeout):
            return True
    except HTTPError as e:
        return e.code not in (401, 404)
    except Exception:
        return True


def _fetch_config(spec: ModelSpec) -> dict:
    """open_clip's {"model_cfg", "preprocess_cfg"} without loading any weights."""
    if spec.schema == "local-dir":
        folder = Path(spec.name)
        if not (folder / CONFIG_FILE).is_file():
            raise ModelUnavailable(
                f"{folder} is not an open_clip model folder: it has no {CONFIG_FILE}. A local model folder "
                "holds open_clip_config.json and open_clip_model.safetensors (or open_clip_pytorch_model.bin).")
        return json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
    if spec.schema == "hf-hub":
        hit = _cached(spec.name, CONFIG_FILE)
        if not hit:
            if not network_reachable():
                raise ModelUnavailable(_offline_message(spec, "huggingface.co cannot be reached (offline?)"))
            from huggingface_hub import hf_hub_download

            hit = hf_hub_download(spec.name, CONFIG_FILE)
        return json.loads(Path(hit).read_text(encoding="utf-8"))
    # A built-in architecture's config is in open_clip's code; kept in the user's cache too, so
    # that indexing can start (and use a traced image tower) without importing open_clip.
    remembered = _cache_file(json.dumps([str(spec), _open_clip_version()]), ".config.json")
    try:
        return json.loads(remembered.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    import open_clip
    from open_clip.pretrained import get_pretrained_cfg

    model_cfg = open_clip.get_model_config(spec.name)
    if model_cfg is None:
        raise ModelUnavailable(f"open_clip has no architecture named {spec.name!r}")
    tag_cfg = get_pretrained_cfg(spec.name, spec.tag) or {}
    keys = ("mean", "std", "interpolation", "resize_mode", "fill_color")
    config = {"model_cfg": model_cfg, "preprocess_cfg": {k: tag_cfg[k] for k in keys if k in tag_cfg}}
    _write_atomically(remembered, lambda f: f.write_text(json.dumps(config), encoding="utf-8"))
    return config


def _open_clip_version() -> str:
    try:
        return version("open_clip_torch")
    except Exception:  # a bundle without the package's metadata: it cannot change anyway
        return "bundled"


def _cache_file(key: str, suffix: str) -> Path:
    """A file in PhotoClip's model cache named for `key` (everything that shapes its content)."""
    import platformdirs

    name = hashlib.sha256(key.encode()).hexdigest()[:24]
    return platformdirs.user_cache_path("PhotoClip", appauthor=False) / "models" / f"{name}{suffix}"


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write whole or not at all; a cache, so failing only costs the next start its speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, durable=False) as temp:
            write(temp)
    except Exception as e:
        log.info("could not keep %s: %s", path, e)


# -- the embedder ------------------------------------------------------------------------------
class Embedder:
    """Turns pixels and text into L2-normalised vectors with one open_clip model.

    Loading is lazy, under a lock, and safe to call from several threads: the first caller
    loads, the others wait and share the result.
    """

    def __init__(self, spec: str | ModelSpec, device: str = "auto", progress: ProgressFn | None = None,
                 precision: str | None = None):
        self.spec = spec if isinstance(spec, ModelSpec) else ModelSpec.parse(spec)
        self.requested_device = device
        self.progress = progress
        # fp32, bf16, fp16 or int8; None: $PHOTOCLIP_PRECISION, else the fastest that keeps the
        # vectors (see pick_precision).
        self.precision = precision
        self.precision_used = ""  # what the image tower runs in, once loaded
        self._lock = threading.Lock()
        self._config: dict | None = None
        self._model = None
        self._image_tower = None  # model.visual, or its traced copy (`load_images`)
        self._weights = ""  # the file the weights were loaded from
        self.tracing: threading.Thread | None = None  # making the traced copy (`load_images`)
        self.exporting: threading.Thread | None = None  # exporting the text tower (`textonnx`)
        self._text_onnx = None  # textonnx.TextEncoder, or False when there is no usable export
        self._measure_pending = False  # the CPU's fastest format is still to be measured (`inference`)
        self._texts: dict[str, np.ndarray] | None = None  # text vectors kept on disk (`text_vectors`)
        self._tokenizer = None
        self._tokenizer_name = ""
        self.device = "cpu"
        self.dtype = None  # the torch image tower's input and weights (the int8 export takes uint8 pixels)

    # Configuration is cheap and needed by the decode workers before the weights are.
    @property
    def config(self) -> dict:
        if self._config is None:
            self._config = _fetch_config(self.spec)
        return self._config

    @property
    def preprocess(self) -> Preprocess:
        vision = self.config["model_cfg"]["vision_cfg"]
        cfg = {"size": vision.get("image_size", 224), **self.config.get("preprocess_cfg", {})}
        return Preprocess.from_open_clip(cfg)

    @property
    def dim(self) -> int:
        return int(self.config["model_cfg"]["embed_dim"])

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def images_ready(self) -> bool:
        return self._image_tower is not None

    def load(self) -> Embedder:
        with self._lock:
            if self._model is None:
                self._load()
        return self

    def load_images(self) -> Embedder:
        """What indexing needs: the image tower alone. On a CPU a traced copy of it, kept in the
        user's cache after the first full load, starts in a fraction of a second without
        importing open_clip (~6 s of a 2-core machine's start: it imports torchvision,
        torch._dynamo and transformers); anything amiss with the copy means a full load."""
        with self._lock:
            if self._image_tower is None:
                self._measure_pending = self._precision_choice() == "auto" and \
                    pick_device(self.requested_device) == "cpu" and _inference().remembered(str(self.spec)) is None
                if self._measure_pending:
                    self._load("fp32")  # the reference; the measurement keeps the chosen copy
                elif not self._load_traced():
                    self._load()
                    # Beside the work that follows, not before it (not a daemon: a short run waits
                    # the second or so it takes at exit, so the next start gains).
                    self.tracing = threading.Thread(target=self._save_traced, name="photoclip-trace")
                    self.tracing.start()
        return self

    def _precision_choice(self) -> str:
        return (self.precision or os.environ.get("PHOTOCLIP_PRECISION") or "auto").lower()

    def _measure_formats(self, pixels: np.ndarray) -> None:
        """Time each number format on these photos and switch to the fastest faithful one."""
        try:
            decision = _inference().measure(self, pixels)
        except Exception as e:  # measuring is an optimisation: keep the format in use
            log.warning("could not measure the number formats on this CPU: %s", e)
            return
        finally:
            self._measure_pending = False
            self._start_text_export()
        name, tower = decision["precision"], decision["tower"]
        with self._lock:
            self._image_tower, self.dtype, self.precision_used = tower, _dtype(name), name
        # The chosen copy for the next start, traced now if it is the model's own tower (not a
        # daemon: a short run waits for it at exit).
        traced = None if tower is self.model_visual else tower
        self.tracing = threading.Thread(target=self._save_traced, args=(traced, name), name="photoclip-trace")
        self.tracing.start()

    @property
    def model_visual(self):
        """The loaded model's own image tower, as it was loaded (eager, not traced)."""
        return self._model.visual

    def traced_tower(self, precision: str, batch: int = 2):
        """The loaded model's image tower in this format as indexing on a CPU runs it. fp32 and
        bf16: its weights in that format, traced and frozen; int8: its export to ONNX Runtime
        with int8 weights in its matrix products (`imageonnx`), made now if there is none."""
        import copy

        import torch

        if precision == "int8":
            return self._int8_tower(self.model_visual)
        visual, size = self.model_visual, self.preprocess.size
        example = torch.zeros(batch, 3, size, size, dtype=_dtype(precision))
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # TorchScript's deprecation notices
            if next(visual.parameters()).dtype != example.dtype:
                visual = copy.deepcopy(visual).to(example.dtype)
            return torch.jit.freeze(torch.jit.trace(visual.eval(), example, check_trace=False))

    def run_tower(self, tower, pixels: np.ndarray, precision: str) -> np.ndarray:
        """uint8 [n, size, size, 3] -> unit vectors, through `tower` (`traced_tower(precision)`)."""
        if precision == "int8":
            return tower(pixels)
        import torch

        with torch.inference_mode():
            return _unit(tower(self._model_input(pixels, _dtype(precision))))

    def _int8_tower(self, visual=None):
        """The int8 export as a tower, None when there is no valid one; given the float32 image
        tower `visual`, the export is made from it first where needed (raises if it cannot be),
        and runs at torch's thread count, as the traced formats do."""
        files = imageonnx.files(str(self.spec), _open_clip_version(), self.preprocess.size)
        if visual is None:
            return imageonnx.open_tower(files)
        import torch

        if not imageonnx.valid(files):
            pre = self.preprocess
            imageonnx.export(visual, pre.mean, pre.std, pre.size, self._weights, files)
        tower = imageonnx.open_tower(files, torch.get_num_threads())
        if tower is None:
            raise RuntimeError("ONNX Runtime could not open the image tower's int8 export")
        return tower

    def _model_input(self, pixels: np.ndarray, dtype):
        import torch

        x = torch.from_numpy(np.ascontiguousarray(pixels))
        if self.device == "cuda":
            x = x.pin_memory().to(self.device, non_blocking=True)
        else:
            x = x.to(self.device)
        mean, std = self._norm
        return ((x.permute(0, 3, 1, 2).float() - mean) / std).to(dtype)

    def _load(self, precision: str | None = None) -> None:
        import open_clip

        device = pick_device(self.requested_device)
        precision = precision or pick_precision(device, self.precision, self.spec)
        dtype = _dtype(precision)
        if self.spec.schema == "local-dir":
            self.config  # noqa: B018 - validates the folder with a clear message
            found = [Path(self.spec.name) / f for f in WEIGHT_FILES if (Path(self.spec.name) / f).is_file()]
            if not found:
                raise ModelUnavailable(f"{self.spec.name} has {CONFIG_FILE} but no weights ({' or '.join(WEIGHT_FILES)})")
            name, kwargs, weights = f"local-dir:{self.spec.name}", {}, str(found[0])
        elif self.spec.schema == "hf-hub":
            self.config  # noqa: B018 - fetches open_clip_config.json beside the weights
            weights = fetch_weights(self.spec, self.progress)
            name, kwargs = f"local-dir:{Path(weights).parent}", {}
        else:
            weights = fetch_weights(self.spec, self.progress)
            name, kwargs = self.spec.name, {"pretrained": weights}
        self._weights = weights
        try:
            with _fast_build(dtype):
                model = open_clip.create_model(name, device="cpu", **kwargs)
        except ModelUnavailable:
            raise
        except Exception as e:
            raise ModelUnavailable(f"Could not load the model {self.spec}: {e}") from e
        # Already in `dtype` but for buffers that are not in the checkpoint (the text mask).
        model = model.eval().to(device=device, dtype=dtype)
        self._set_norm(device)
        self._image_tower = model.visual
        if precision == "int8":
            try:
                self._image_tower = self._int8_tower(model.visual)
            except Exception as e:  # a tower the export cannot take: float32, which it is loaded in
                log.warning("int8 does not suit %s (%s): running it in float32", self.spec, e)
                precision = "fp32"
        self.device, self.dtype, self.precision_used = device, dtype, precision
        self._tokenizer_name = name
        self._model = model  # set last: `loaded` means ready
        log.info("loaded %s on %s in %s", self.spec, device, str(self.dtype).replace("torch.", ""))
        if not self._measure_pending:  # else once measured: it would take CPU from the timing
            self._start_text_export()

    def _start_text_export(self) -> None:
        if not self._text_onnx and not _textonnx().valid(self._text_files()):
            # Beside the work that follows (not a daemon: a short run waits for it at exit).
            self.exporting = threading.Thread(target=self._export_text, name="photoclip-export-text")
            self.exporting.start()

    def wait_for_caches(self) -> None:
        """Wait for the traced image tower and the text tower's export being written."""
        if self._model is not None and self.exporting is None:
            self._start_text_export()  # held back for a measurement that never came (too few photos)
        for thread in (self.tracing, self.exporting):
            if thread is not None:
                thread.join()

    # -- the text tower without torch (shell searches) ---------------------------------------------
    def _text_files(self) -> dict[str, Path]:
        from . import textonnx

        return textonnx.files(str(self.spec), _open_clip_version())

    def _export_text(self) -> None:
        from . import textonnx

        files = self._text_files()
        if not textonnx.valid(files):
            import open_clip

            textonnx.export(self._model, open_clip.get_tokenizer(self._tokenizer_name), self._weights, files)

    def _text_encoder(self):
        """The ONNX export of the text tower, when there is a valid one (`textonnx`)."""
        with self._lock:
            if self._text_onnx is None:
                from . import textonnx

                self._text_onnx = textonnx.TextEncoder.open(self._text_files()) or False
            return self._text_onnx or None

    def _set_norm(self, device: str) -> None:
        import torch

        mean = torch.tensor(self.preprocess.mean, device=device).view(1, 3, 1, 1) * 255.0
        std = torch.tensor(self.preprocess.std, device=device).view(1, 3, 1, 1) * 255.0
        self._norm = (mean, std)

    # -- the traced image tower (CPU) --------------------------------------------------------------
    def _traced_files(self, device: str, precision: str) -> tuple[Path, Path] | None:
        """The traced copy and its manifest (which weights it was made from)."""
        if device != "cpu":
            return None
        import torch

        key = json.dumps([str(self.spec), precision, torch.__version__, _open_clip_version(),
                          self.preprocess.size])
        return _cache_file(key, ".pt"), _cache_file(key, ".json")

    def _load_traced(self) -> bool:
        device = pick_device(self.requested_device)
        precision = pick_precision(device, self.precision, self.spec)
        if device == "cpu" and precision == "int8":
            return self._load_int8()
        import torch

        files = self._traced_files(device, precision)
        if files is None or not files[0].is_file():
            return False
        try:
            made_from = json.loads(files[1].read_text(encoding="utf-8"))
            st = os.stat(made_from["weights"])
            if [st.st_size, st.st_mtime_ns] != made_from["stat"]:
                return False  # the weights changed since: the full load traces them again
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # TorchScript's deprecation notices
                tower = torch.jit.load(str(files[0]), map_location="cpu")
        except Exception as e:  # a damaged copy, or a torch without TorchScript: load the model
            log.info("not using the traced image tower (%s): loading the model", e)
            return False
        self._set_norm(device)
        self.device, self.dtype, self.precision_used = device, _dtype(precision), precision
        self._image_tower = tower
        log.info("loaded the traced image tower of %s in %s", self.spec, precision)
        return True

    def _load_int8(self) -> bool:
        """The int8 export, run by ONNX Runtime: neither torch nor open_clip is imported."""
        tower = self._int8_tower()
        if tower is None:
            return False
        self.device, self.dtype, self.precision_used = "cpu", None, "int8"
        self._image_tower = tower
        log.info("loaded the image tower of %s in int8 (its export to ONNX Runtime)", self.spec)
        return True

    def _save_traced(self, tower=None, precision: str = "") -> None:
        """Keep a traced copy of the image tower (`tower`, else the loaded model's traced now)
        for the next start. The int8 export is kept where it is made."""
        import torch

        precision = precision or self.precision_used
        files = self._traced_files(self.device, precision)
        if files is None or precision == "int8":
            return
        try:
            tower = tower if tower is not None else self.traced_tower(precision)
            st = os.stat(self._weights)
        except Exception as e:  # tracing is an optimisation: the model itself is loaded and fine
            log.info("could not trace the image tower of %s: %s", self.spec, e)
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _write_atomically(files[0], lambda f: torch.jit.save(tower, str(f)))
        # The manifest last: until it names these weights, the copy is not used.
        manifest = {"weights": self._weights, "stat": [st.st_size, st.st_mtime_ns]}
        _write_atomically(files[1], lambda f: f.write_text(json.dumps(manifest), encoding="utf-8"))

    @property
    def tokenizer(self):
        """open_clip's tokenizer, made on first use: indexing never needs it (~0.3 s of start-up)."""
        self.load()
        with self._lock:
            if self._tokenizer is None:
                import open_clip

                self._tokenizer = open_clip.get_tokenizer(self._tokenizer_name)
        return self._tokenizer

    # -- sizing the work to the machine ---------------------------------------------------------
    @property
    def batch_size(self) -> int:
        """Images per encode_images call that keep the device busy (the model must be loaded).

        On a CPU, 16 is as fast per image as larger batches and keeps the pipeline's start and
        end short; a GPU gets a batch sized to its memory.
        """
        self.load_images()
        if self.device == "cuda":
            import torch

            gib = torch.cuda.get_device_properties(torch.device(self.device)).total_memory / 2**30
            return 256 if gib >= 40 else 128 if gib >= 16 else 64
        return 64 if self.device == "mps" else 16

    @property
    def cpu_threads(self) -> int:
        if isinstance(self._image_tower, imageonnx.ImageTower):
            return self._image_tower.threads
        import torch

        return torch.get_num_threads()

    @cpu_threads.setter
    def cpu_threads(self, n: int) -> None:
        """The CPU threads the image tower may use for calls from this thread (torch keeps the
        count per thread; the int8 export, per tower): the indexer shares the cores with its
        decode threads."""
        if isinstance(self._image_tower, imageonnx.ImageTower):
            self._image_tower.threads = max(1, int(n))
            return
        import torch

        torch.set_num_threads(max(1, int(n)))

    def encode_images(self, pixels: np.ndarray) -> np.ndarray:
        """uint8 [n, size, size, 3] -> float32 [n, dim], unit length."""
        self.load_images()
        if self._measure_pending and len(pixels) >= _inference().MIN_PHOTOS:
            self._measure_formats(pixels)
        with self._lock:  # the tower and its number format change together (`_measure_formats`)
            tower, precision = self._image_tower, self.precision_used
        return self.run_tower(tower, pixels, precision)

    def encode_jpegs(self, jpegs: list[bytes], orientations: list[int]) -> tuple[np.ndarray, list[int]]:
        """Decode whole JPEG files on the model's device and embed them.

        Returns the vectors of those decoded, in order, and the positions of those the device
        could not decode (for the CPU decoder).
        """
        import torch

        from . import gpujpeg

        self.load_images()
        with self._lock:  # the tower, its number format and norm change together (`_measure_formats`)
            tower, dtype, (mean, std) = self._image_tower, self.dtype, self._norm
        with torch.inference_mode():
            x, failed = gpujpeg.to_model_input(jpegs, orientations, self.preprocess, self.device)
            if x is None:
                return np.zeros((0, self.dim), np.float32), failed
            return _unit(tower(((x - mean) / std).to(dtype))), failed

    def text_vectors(self, texts: list[str], keep: bool = False) -> np.ndarray:
        """Vectors of these texts [n, dim], those not known yet encoded in one batch.

        keep: remember them on disk too, in the user's model cache (a tag's prompts come back on
        every `tag list`: read back, they need no text tower at all); else in memory only.
        """
        with self._lock:
            if self._texts is None:
                self._texts = _load_texts(self._texts_file())
            known = self._texts
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            vectors = self.encode_texts(missing)
            with self._lock:
                known.update(zip(missing, vectors))
                if keep:
                    _save_texts(self._texts_file(), known)
        return np.stack([known[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def _texts_file(self) -> Path:
        return _cache_file(json.dumps([str(self.spec), "text-vectors", _open_clip_version()]), ".texts.npz")

    def encode_texts(self, texts: list[str]) -> np.ndarray:
        """texts -> float32 [n, dim], unit length.

        Until the model is loaded, by the text tower's ONNX export when there is one: no torch,
        no open_clip, a fraction of the memory (a shell search); else by the model.
        """
        if self._model is None:
            fast = self._text_encoder()
            if fast is not None:
                try:
                    return fast(texts)
                except Exception as e:  # e.g. an ONNX Runtime that cannot run the file
                    log.info("the text tower's export failed (%s): loading the model", e)
                    self._text_onnx = False
        import torch

        self.load()
        # A search's few short texts are too little work to share between threads: the threads'
        # waiting for each other after every operation costs more than they save, and on cores
        # other programs use it costs many times more. torch's thread count is
        # per calling thread, so this does not touch an indexer running beside it.
        threads = torch.get_num_threads()
        if self.device == "cpu" and len(texts) <= 8:
            torch.set_num_threads(1)
        try:
            with torch.inference_mode():
                tokens = self.tokenizer(list(texts)).to(self.device)
                return _unit(_encode_text(self._model, tokens))
        finally:
            torch.set_num_threads(threads)


TEXTS_KEPT = 4096  # text vectors kept on disk per model (~8 MB): the newest


def _load_texts(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path) as kept:
            return dict(zip(kept["texts"].tolist(), kept["vectors"]))
    except (OSError, ValueError, KeyError):  # none yet, or damaged: encoded again
        return {}


def _save_texts(path: Path, known: dict[str, np.ndarray]) -> None:
    texts = list(known)[-TEXTS_KEPT:]

    def write(f: Path) -> None:
        with open(f, "wb") as out:  # np.savez(path) would add .npz to the temporary name
            np.savez(out, texts=np.array(texts), vectors=np.stack([known[t] for t in texts]).astype(np.float32))

    _write_atomically(path, write)


def _inference():
    from . import inference

    return inference


def _textonnx():
    from . import textonnx

    return textonnx


_BUILD_LOCK = threading.Lock()


@contextmanager
def _fast_build(dtype):
    """Build an open_clip model from its checkpoint without the work the checkpoint makes moot.

    Every model here is created with its weights, loaded strictly (a parameter missing from
    the file is an error), so:
    - no random initial weights are drawn (~1-3 s of a ViT-B's start on 2 cores): torch's
      initialisers do nothing meanwhile, also where torch.nn modules imported them by name;
    - the checkpoint's tensors, converted once to `dtype`, become the parameters
      (load_state_dict(assign=True)) instead of being copied into freshly allocated float32
      ones and converted again afterwards: ~1 s less start-up on 2 cores and ~300 MB less
      peak memory for a ViT-B-32 in bfloat16.
    These are process-wide patches: models are built one at a time, and nothing else in
    PhotoClip creates torch modules.
    """
    import open_clip.factory
    import torch

    def noop(tensor, *args, **kwargs):
        return tensor

    def load_checkpoint(model, *args, **kwargs):
        def assign(state_dict, strict=True):
            state_dict = {k: v.to(dtype) if v.is_floating_point() else v for k, v in state_dict.items()}
            return torch.nn.Module.load_state_dict(model, state_dict, strict=strict, assign=True)

        model.load_state_dict = assign  # the one load_state_dict call open_clip makes here
        try:
            return original_load(model, *args, **kwargs)
        finally:
            del model.load_state_dict

    with _BUILD_LOCK:
        inits = {n: getattr(torch.nn.init, n) for n in dir(torch.nn.init) if n.endswith("_") and not n.startswith("_")}
        modules = [torch.nn.init] + [m for n, m in list(sys.modules.items())
                                     if m is not None and n.startswith(("torch.nn.modules.", "open_clip"))]
        patched = [(m, n, f) for m in modules for n, f in inits.items() if getattr(m, n, None) is f]
        original_load = open_clip.factory.load_checkpoint
        for m, n, _ in patched:
            setattr(m, n, noop)
        open_clip.factory.load_checkpoint = load_checkpoint
        try:
            yield
        finally:
            open_clip.factory.load_checkpoint = original_load
            for m, n, f in patched:
                setattr(m, n, f)


def pick_precision(device: str, precision: str | None = None, spec: ModelSpec | str | None = None) -> str:
    """The number format the image tower runs in: fp32, bf16, fp16 or int8.

    Asked for (`precision` or $PHOTOCLIP_PRECISION), else: half precision on a GPU; on a CPU
    what was measured fastest for this model here, keeping the vectors within cosine 0.99 of
    float32 (`inference`); until measured, bfloat16 where the CPU has matrix units for it
    (Intel AMX: 3-4x faster than float32), else float32. int8 is a CPU format: a GPU asked for
    it runs half precision.
    """
    choice = (precision or os.environ.get("PHOTOCLIP_PRECISION") or "auto").lower()
    if choice not in DTYPES and choice != "auto":
        raise ModelUnavailable(f"unknown precision {choice!r}: use auto, {', '.join(DTYPES)}")
    if device in ("cuda", "mps"):
        return choice if choice in ("fp32", "bf16", "fp16") else "fp16"
    if choice in DTYPES:
        return choice
    if spec is not None:
        from . import inference

        decision = inference.remembered(str(spec))
        if decision:
            return decision["precision"]
    import torch

    amx = getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
    return "bf16" if amx() and torch.backends.mkldnn.is_available() else "fp32"


# precision names -> torch dtypes of the weights and the image tower's input; for int8 the model
# is loaded in float32 (its text tower runs so) and the image tower runs as its int8 export
DTYPES = {"fp32": "float32", "bf16": "bfloat16", "fp16": "float16", "int8": "float32"}


def _dtype(precision: str):
    import torch

    return getattr(torch, DTYPES[precision])


def _encode_text(model, tokens):
    """model.encode_text, without the padding where that cannot change the result.

    A CLIP text tower with a causal mask reads each position from the ones before it only, and
    its output is taken at the end-of-text token: padding after it (most of the 77 positions
    of a short query) is work thrown away. Cutting it makes a search's text encoding ~10x
    cheaper and gives the same vector (tests/test_fast_paths.py checks it against encode_text).
    """
    from . import textonnx

    if not textonnx.causal(model):
        return model.encode_text(tokens)
    eos = getattr(model, "text_eos_id", None)
    pooled = tokens.argmax(dim=-1) if model.text_pool_type == "argmax" else (tokens == eos).int().argmax(dim=-1)
    return textonnx.text_tower(model)(tokens[:, : int(pooled.max()) + 1])


def _unit(t) -> np.ndarray:
    out = t.float().cpu().numpy()
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


_shared: dict[tuple[str, str], Embedder] = {}
_shared_lock = threading.Lock()


def shared_embedder(spec: str, device: str = "auto") -> Embedder:
    """One Embedder per model and device in a process: the app's writer thread and its search
    threads share one copy of the weights instead of loading the model twice."""
    key = (str(ModelSpec.parse(spec)), device)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = Embedder(key[0], device)
        return _shared[key]

