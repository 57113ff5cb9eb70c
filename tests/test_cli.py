"""End to end through the CLI, on toy photos, with the real tiny CLIP."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import toyworld

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def messy_folder(tmp_path):
    """Toy photos in nested unicode folders, plus every kind of bad file a real folder holds."""
    photos = toyworld.write_corpus(tmp_path / "photos", 60, seed=2024)
    root = tmp_path / "photos"
    good = next(p for p in photos if p.suffix == ".jpg")
    bad = {
        root / "empty.jpg": b"",
        root / "фото" / "broken.png": b"\x89PNG\r\n\x1a\n this is not really a png",
        root / "a b" / "truncated.jpg": good.read_bytes()[: good.stat().st_size // 3],
        root / "notes.txt": b"shopping list",
    }
    for path, data in bad.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / ".hidden.jpg").write_bytes(good.read_bytes())  # hidden files are not the user's photos
    return root, photos, set(map(str, bad))


def test_index_status_and_search(cli, messy_folder):
    root, photos, bad = messy_folder
    r = cli("index", root)
    assert r.code == 0, r.err
    status = cli("status", "--json").json()
    assert status["photos"] == len(photos)
    assert status["embeddings_computed"] == len(photos)
    assert {s["path"] for s in status["skipped"]} == bad
    assert all(s["reason"] for s in status["skipped"])
    assert status["model"] == str(toyworld.TINY_CLIP_SPEC.replace("local-dir:", "local-dir:"))

    hits = cli("search", "a red circle", "--limit", "5", "--all", "--json").json()
    assert len(hits) == 5 and all(Path(h["path"]).is_absolute() for h in hits)
    assert hits == sorted(hits, key=lambda h: -h["score"])
    labels = [(photos[Path(h["path"])].color, photos[Path(h["path"])].shape) for h in hits]
    expected = sum(1 for p in photos.values() if (p.color, p.shape) == ("red", "circle"))
    assert labels[: min(expected, 5)] == [("red", "circle")] * min(expected, 5)


def test_reindex_sees_only_changes(cli, messy_folder):
    root, photos, _ = messy_folder
    assert cli("index", root).code == 0
    again = cli("index")  # no paths: the library's folders
    assert again.code == 0 and "0 photos indexed" in again.err and f"{len(photos)} unchanged" in again.err

    victim, edited = list(photos)[:2]
    victim.unlink()
    img = toyworld.render(toyworld.random_photo(__import__("random").Random(5), 300, 200, color="green"))
    toyworld.write_image(img, edited.with_suffix(edited.suffix), quality=90)
    os.utime(edited, ns=(1, 1))  # a different mtime, whatever the clock did
    r = cli("index")
    assert "1 photos indexed (1 embedded" in r.err and "1 removed" in r.err
    status = cli("status", "--json").json()
    assert status["photos"] == len(photos) - 1
    assert status["embeddings_computed"] == len(photos) + 1
    paths = {h["path"] for h in cli("search", "something", "--limit", "1000", "--all", "--json").json()}
    assert str(victim) not in paths and str(edited) in paths


def test_moved_folder_costs_no_embedding(cli, messy_folder, tmp_path):
    root, photos, _ = messy_folder
    cli("index", root)
    before = cli("status", "--json").json()["embeddings_computed"]
    shutil.move(str(root / "家族 写真"), str(root / "moved here"))
    assert cli("index").code == 0
    status = cli("status", "--json").json()
    assert status["embeddings_computed"] == before
    assert status["photos"] == len(photos)


def test_more_like_this_and_negatives(cli, messy_folder):
    root, photos, _ = messy_folder
    cli("index", root)
    query = next(p for p, ph in photos.items() if (ph.color, ph.shape) == ("blue", "square"))
    hits = cli("search", "--image", query, "--limit", "3", "--all", "--json").json()
    assert str(query) not in [h["path"] for h in hits]  # the photo itself is not "more like" itself
    assert photos[Path(hits[0]["path"])].color == "blue"

    plain = cli("search", "something red", "--limit", "8", "--json").json()
    minus = cli("search", "something red -a circle", "--limit", "8", "--json").json()
    circles = lambda hits: sum(photos[Path(h["path"])].shape == "circle" for h in hits)  # noqa: E731
    assert circles(minus) < circles(plain) or circles(plain) == 0
    assert circles(minus) <= 1


def test_folder_filter(cli, messy_folder):
    root, photos, _ = messy_folder
    cli("index", root)
    sub = root / "фото" / "зима"
    hits = cli("search", "a photo", "--folder", sub, "--limit", "100", "--all", "--json").json()
    expected = {str(p) for p in photos if sub in p.parents}
    assert {h["path"] for h in hits} == expected and expected


def test_switching_model_re_embeds(cli, messy_folder, tmp_path):
    root, photos, _ = messy_folder
    cli("index", root)
    other = tmp_path / "other-model"
    shutil.copytree(toyworld.TINY_CLIP_DIR, other)  # the same weights under another name: a new model
    refused = cli("search", "a red circle", model=f"local-dir:{other}")
    assert refused.code == 2 and "photoclip --model" in refused.err
    r = cli("index", model=f"local-dir:{other}")
    assert r.code == 0 and "Model changed" in r.err
    status = cli("status", "--json", model=None).json()
    assert status["model"] == f"local-dir:{other}"
    assert status["embeddings_computed"] == 2 * len(photos)
    assert len(cli("search", "a red circle", "--all", "--json", model=None).json()) == 20


def test_search_prints_the_relevant_hits_and_counts_the_weaker_ones(cli, messy_folder):
    root, photos, _ = messy_folder
    cli("index", root)
    red_circles = {str(p) for p, ph in photos.items() if (ph.color, ph.shape) == ("red", "circle")}
    r = cli("search", "a red circle", "--limit", "100")
    assert r.code == 0
    assert {line.split("  ", 1)[1] for line in r.out.splitlines()} == red_circles
    weaker = len(photos) - len(red_circles)
    assert f"{len(red_circles)} relevant; {weaker} weaker matches not shown (--all lists them)." in r.err

    hits = cli("search", "a red circle", "--all", "--limit", "100", "--json").json()
    assert [h["relevant"] for h in hits] == [True] * len(red_circles) + [False] * weaker
    assert {h["path"] for h in hits if h["relevant"]} == red_circles
    plain = cli("search", "a red circle", "--all", "--limit", "100")
    assert len(plain.out.splitlines()) == len(photos) and "-- weaker matches --" in plain.err

    one = cli("search", "a red circle", "--limit", "1")
    assert len(one.out.splitlines()) == 1 and f"{len(red_circles) - 1} more relevant (--limit)" in one.err
    assert cli("search", "a red circle", "--limit", "1", "--json").json()[0]["relevant"] is True


def test_a_query_in_a_script_the_model_cannot_read_gets_a_hint(cli, messy_folder):
    root, _, _ = messy_folder
    cli("index", root)
    r = cli("search", "красный круг")
    assert r.code == 0
    [hint] = [line for line in r.err.splitlines() if line.startswith("hint:")]
    assert "Cyrillic" in hint and "--model xlm-roberta-base-ViT-B-32:laion5b_s13b_b90k" in hint
    assert "hint:" not in cli("search", "a red circle").err


def test_python_dash_m_and_help():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "photoclip", "--help"], capture_output=True, text=True, env=env)
    assert out.returncode == 0 and "index" in out.stdout and "search" in out.stdout


def test_empty_library_and_bad_arguments(cli, tmp_path):
    assert cli("index").code == 1
    assert cli("search").code == 2
    r = cli("index", tmp_path / "nope")
    assert r.code == 2 and "not a folder" in r.err
    assert json.loads(cli("status", "--json").out)["photos"] == 0


def test_keywords_in_existing_sidecars_become_confirmed_tags(cli, messy_folder):
    from photoclip.core import xmp

    root, photos, _ = messy_folder
    photo = next(iter(photos))
    xmp.merge_keywords(photo, ["Oma", "Geburtstag"])
    assert cli("index", root).code == 0
    shown = cli("tag", "show", "Oma", "--json").json()
    assert shown == [{"path": str(photo), "score": shown[0]["score"], "state": "confirmed"}]
