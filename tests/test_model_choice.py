"""Model changes: checked before they are accepted, undoable, local folders remembered."""
from __future__ import annotations

import shutil

import toyworld
from photoclip.core import known_models
from photoclip.core.library import Library
from photoclip.core.models import DEFAULT_MODEL


def _copy_of_tiny(where):
    shutil.copytree(toyworld.TINY_CLIP_DIR, where)
    return f"local-dir:{where}"


def test_a_switch_to_a_model_that_cannot_be_had_is_refused(cli, toy_folder, tiny_model):
    folder = next(iter(toy_folder)).parent
    assert cli("index", folder).code == 0
    r = cli("index", model=DEFAULT_MODEL)  # offline (HF_HUB_OFFLINE in every test)
    assert r.code == 2 and f"the library stays with {tiny_model}" in r.err and r.err.count("\n") == 1
    assert cli("status", "--json", model=None).json()["model"] == tiny_model


def test_a_switch_can_be_taken_back_at_no_cost(cli, toy_folder, tiny_model, tmp_path):
    folder = next(iter(toy_folder)).parent
    assert cli("index", folder).code == 0
    other = _copy_of_tiny(tmp_path / "another copy")
    assert cli("index", model=other).code == 0
    status = cli("status", "--json", model=None).json()
    assert status["model"] == other and status["previous_model"] == tiny_model
    before = status["embeddings_computed"]
    assert cli("index", model=tiny_model).code == 0  # back: the first model's vectors were kept
    status = cli("status", "--json", model=None).json()
    assert status["model"] == tiny_model and status["embeddings_computed"] == before
    assert status["missing_vectors"] == 0


def test_local_folders_are_remembered_and_offered_when_offline(cli, toy_folder, tmp_path):
    folder = next(iter(toy_folder)).parent
    copy = _copy_of_tiny(tmp_path / "my models" / "clip")
    assert cli("index", folder, model=copy).code == 0
    assert known_models.local_folders()[0] == copy
    listed = cli("models", "--json", model=None).json()
    assert listed["library_model"] == copy and copy in listed["local_folders"]
    # Offline with the default model in another library: the message names the folder used before.
    with Library(tmp_path / "other", model=DEFAULT_MODEL, writer=True) as lib:
        from photoclip.core.indexer import Indexer

        lib.add_folder(folder)
        report = Indexer(lib, workers=1).run()
    assert f"--model {copy} (used before)" in report.model_problem


def test_models_check_answers_in_one_line(cli, tiny_model, tmp_path):
    r = cli("models", "--check", tiny_model, model=None)
    assert r.code == 0 and r.out.strip() == f"{tiny_model}: ok"
    r = cli("models", "--check", DEFAULT_MODEL, model=None)
    assert r.code == 1 and r.out.startswith(f"{DEFAULT_MODEL}: offline")
    r = cli("models", "--check", f"local-dir:{tmp_path / 'nothing'}", model=None)
    assert r.code == 2 and ": not found:" in r.out
