"""A tiny random-weight multilingual CLIP folder, made offline: checks that an install can run the
multilingual models (the XLM-RoBERTa text tower goes through transformers and tokenizers).

Its answers mean nothing; it only has the shape of `xlm-roberta-base-ViT-B-32`: an open_clip config
whose text tower is a Hugging Face model, that model's config.json, and a tokenizer.json, all in
one folder as a `local-dir:` model. Used by packaging/build_bundle.py and tests/test_packaging.py.

    python packaging/tiny_multilingual.py FOLDER
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

SENTENCES = ["a red circle on white", "un círculo rojo sobre blanco", "красный круг на белом",
             "白色背景上的红色圆圈"]


def write_tiny_multilingual(folder: Path) -> str:
    """Write the model into `folder`; returns its model spec."""
    import open_clip
    from safetensors.torch import save_file
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import XLMRobertaConfig, XLMRobertaTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = Tokenizer(models.Unigram())  # XLM-R's kind of tokenizer (SentencePiece unigram)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    tokenizer.decoder = decoders.Metaspace()
    tokenizer.train_from_iterator(SENTENCES * 5, trainers.UnigramTrainer(
        vocab_size=120, special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"], unk_token="<unk>"))
    XLMRobertaTokenizer(tokenizer_object=tokenizer).save_pretrained(folder)
    XLMRobertaConfig(vocab_size=tokenizer.get_vocab_size(), hidden_size=32, num_hidden_layers=1,
                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=80).save_pretrained(folder)
    # open_clip reads a local-dir model's Hugging Face text tower and tokenizer from the same folder.
    model_cfg = {"embed_dim": 16,
                 "vision_cfg": {"image_size": 32, "layers": 1, "width": 32, "patch_size": 16, "head_width": 16},
                 "text_cfg": {"hf_model_name": str(folder), "hf_tokenizer_name": str(folder),
                              "hf_pooler_type": "mean_pooler", "hf_model_pretrained": False, "context_length": 24}}
    (folder / "open_clip_config.json").write_text(json.dumps(
        {"model_cfg": model_cfg, "preprocess_cfg": {"size": 32, "mean": [0.5] * 3, "std": [0.5] * 3}}))
    model = open_clip.model.CustomTextCLIP(**model_cfg)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(folder / "open_clip_model.safetensors"))
    return f"local-dir:{folder}"


if __name__ == "__main__":
    print(write_tiny_multilingual(Path(sys.argv[1]).resolve()))
