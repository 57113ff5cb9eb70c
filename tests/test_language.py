"""Which script a query is in, and whether a model reads it."""
from __future__ import annotations

import json

import pytest

import toyworld
from photoclip.core.language import MULTILINGUAL_MODEL, is_multilingual, language_hint, script_of


@pytest.mark.parametrize("text, script", [
    ("a red circle", None), ("café au lait -crème", None), ("2024", None), ("", None),
    ("красный круг", "Cyrillic"), ("Москва beach", "Cyrillic"), ("红色的圆圈", "Chinese"),
    ("赤い丸", "Japanese"), ("빨간 원", "Hangul"), ("دائرة حمراء", "Arabic"), ("κόκκινος κύκλος", "Greek"),
    ("עיגול אדום", "Hebrew"), ("लाल घेरा", "Devanagari"), ("วงกลมสีแดง", "Thai"),
    ("a red circle на пляже", None),  # mostly English: the model reads most of it
])
def test_the_script_of_a_query(text, script):
    assert script_of(text) == script


def test_which_models_read_other_languages(tmp_path):
    assert not is_multilingual("ViT-B-32-256:datacomp_s34b_b86k")
    assert not is_multilingual(toyworld.TINY_CLIP_SPEC, json.loads(
        (toyworld.TINY_CLIP_DIR / "open_clip_config.json").read_text()))
    assert is_multilingual(MULTILINGUAL_MODEL) and is_multilingual("ViT-B-16-SigLIP-i18n-256:webli")
    assert is_multilingual("hf-hub:someone/multilingual-clip")
    # a local copy says so in its open_clip config, or in its text tower's own config.json
    assert is_multilingual("local-dir:/models/mine", {"model_cfg": {"text_cfg": {"hf_model_name": "xlm-roberta-base"}}})
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "xlm-roberta"}))
    assert is_multilingual(f"local-dir:{tmp_path}", {"model_cfg": {"text_cfg": {"hf_model_name": str(tmp_path)}}})
    assert "Chinese" in language_hint("Chinese") and MULTILINGUAL_MODEL in language_hint("Chinese")
