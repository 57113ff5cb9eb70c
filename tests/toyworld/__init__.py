"""The toy photo world of ../shared/toy-world.md: a renderer, its variations and corpus writers.

Every semantic test renders its photos here, on the fly, from seeds; the tiny CLIP under
`tiny_clip/` was trained on this world by `train_tiny_clip.py`.
"""
from .render import (  # noqa: F401
    BACKGROUNDS,
    COLORS,
    SHAPES,
    Photo,
    perturb,
    random_photo,
    render,
    write_corpus,
    write_image,
)

TINY_CLIP_DIR = __import__("pathlib").Path(__file__).parent / "tiny_clip"
TINY_CLIP_SPEC = f"local-dir:{TINY_CLIP_DIR}"
