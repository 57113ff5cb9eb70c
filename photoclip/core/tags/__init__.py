"""User-defined auto-tags: categories named in the user's own words, assigned zero-shot.

A tag is a name, one or more text prompts and optional negative prompts. Which photos carry it
is *derived*, never stored: every photo's vector is scored against the tag (a matrix product
over the vector index), so a new photo has its tags the moment it has a vector, and editing a
tag re-scores the library at once. Only the tag definitions and the user's decisions (confirm /
reject, keyed by content fingerprint so they follow moves, renames and copies) are stored.

The decision, without tuning (CLIP cosines are not probabilities, and their scale varies by
prompt and model, so a fixed cutoff fails):
- each of the tag's lines (prompts) is ensembled as in the CLIP paper (templates such as
  "a photo of {}", unit embeddings averaged) into one vector per line;
- each photo's cosine with each line competes in a softmax, at CLIP's temperature, against
  neutral prompts true of any photo ("a photo", ...) and the tag's negative prompts. The best
  line's share, the photo's *score*, is a probability-like number in [0, 1]: several lines
  mean *any* of them ("a red circle / a blue square"), as a person reads a list;
- a photo carries the tag when its score reaches `threshold(sensitivity)`: sensitivity 0.5
  (the default) asks for the tag to beat its references; higher tags more photos.
- once the user has confirmed and rejected a few photos, a logistic-regression probe on the
  embeddings refines the score. Its prior is the zero-shot decision (the text prompts): it
  learns a weight on the zero-shot logit (prior 1) plus a correction direction (prior 0).
- every decision also carries over to the photos that look like it (a burst, an edited copy):
  a decided photo's vote on another photo weighs exp(T * (cosine - LOOKALIKE_COSINE)) against
  the score's one, so rejecting four shots of a burst also takes the tag off the fifth, while
  photos that merely show the same kind of thing keep their own score.

Photos the user confirmed always carry the tag; photos they rejected never do; automatic
decisions never overwrite either.
The package: records.py (definitions and decisions in the store), scoring.py (the numbers),
service.py (`TagStore`, the one API the CLI and the GUI use), export.py (XMP keywords).
"""
from .export import ExportReport
from .records import MAX_NAME, RemovedTag, SidecarKeywordsStep, Tag, TagError
from .scoring import (
    DEFAULT_SENSITIVITY,
    LOOKALIKE_COSINE,
    MIN_EXAMPLES,
    NEUTRAL_PROMPTS,
    TagScorer,
    fit_probe,
    prompt_variants,
    score_vectors,
    strength,
    threshold,
)
from .service import Assignment, Reason, TagScores, TagStore

__all__ = ["DEFAULT_SENSITIVITY", "LOOKALIKE_COSINE", "MAX_NAME", "MIN_EXAMPLES", "NEUTRAL_PROMPTS", "Assignment",
           "ExportReport", "Reason", "RemovedTag", "SidecarKeywordsStep", "Tag", "TagError", "TagScorer", "TagScores",
           "TagStore", "fit_probe", "prompt_variants", "score_vectors", "strength", "threshold"]
