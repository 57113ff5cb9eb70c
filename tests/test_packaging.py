"""PhotoClip as users install it: the wheel, its resources, desktop integration and the AppImage recipe.

The PyInstaller bundle is too big and slow for CI (torch): packaging/build_bundle.py builds and
smoke-tests it by hand.
"""
from __future__ import annotations

import ast
import configparser
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from outside_tools import outside_tool

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

from build_resources import ICON_SIZES, ICON_SOURCE, WINDOW_ICON, render_icon  # noqa: E402
from tiny_multilingual import SENTENCES, write_tiny_multilingual  # noqa: E402

APP_ID = "io.github.photoclip.PhotoClip"
DESKTOP = ROOT / "resources" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / f"{APP_ID}.metainfo.xml"


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv")  # `uv run` tells its children where it is
    assert uv, "uv is needed to build the wheel"
    return uv


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([_uv(), "build", "--wheel", "--out-dir", str(out), str(ROOT)], check=True,
                   capture_output=True, timeout=300)
    (built,) = out.glob("photoclip-*.whl")
    return built


# -- the wheel -----------------------------------------------------------------------------------
def test_the_wheel_ships_resources_translations_scripts_and_desktop_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for icon in (ROOT / "photoclip" / "resources" / "icons").glob("*.svg"):
        assert f"photoclip/resources/icons/{icon.name}" in names
    assert "photoclip/resources/style.qss" in names
    for language in ("es", "ru", "zh_CN"):
        assert f"photoclip/resources/translations/photoclip_{language}.qm" in names
    data = f"photoclip-{_version()}.data/data/share"
    assert f"{data}/applications/{APP_ID}.desktop" in names
    assert f"{data}/metainfo/{APP_ID}.metainfo.xml" in names
    assert f"{data}/icons/hicolor/scalable/apps/{APP_ID}.svg" in names
    for size in ICON_SIZES:
        assert f"{data}/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in names
    assert not [n for n in names if n.startswith("tests/") or "tiny_clip" in n or n.endswith(".ts")]

    info = zipfile.ZipFile(wheel)
    meta = info.read(f"photoclip-{_version()}.dist-info/METADATA").decode()
    entry_points = info.read(f"photoclip-{_version()}.dist-info/entry_points.txt").decode()
    assert re.search(r"\[console_scripts\]\s*photoclip = photoclip\.cli:main", entry_points)
    assert re.search(r"\[gui_scripts\]\s*photoclip-gui = photoclip\.cli:main", entry_points)
    requires = re.findall(r"^Requires-Dist: ([\w-]+)", meta, re.M)
    assert "pyside6-essentials" in [r.lower() for r in requires] and "PySide6" not in requires
    assert "transformers" in requires  # the multilingual models' text tower
    assert "Provides-Extra: heic" in meta


def test_the_app_needs_nothing_from_pyside6_addons():
    """Every PySide6 module the package imports ships in PySide6-Essentials (no 110 MB WebEngine)."""
    essentials = {Path(str(f)).name.split(".")[0] for f in importlib.metadata.files("PySide6-Essentials")
                  if re.fullmatch(r"PySide6/Qt\w+\.(abi3\.so|pyd)", str(f))}
    used = set()
    for source in (ROOT / "photoclip").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                used.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                used |= {a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6.")}
    assert used and used <= essentials, used - essentials
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution("PySide6-Addons")


def test_the_installed_wheel_runs_the_cli_and_the_app(wheel, tmp_path, tiny_model):
    """The wheel installed into a fresh environment (its dependencies borrowed from this one, as
    installing torch again would take minutes): `photoclip --help`, resources found in the installed
    package, and `photoclip-gui` opening its window offscreen."""
    venv = tmp_path / "venv"
    subprocess.run([_uv(), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "borrowed_dependencies.pth").write_text("\n".join(deps) + "\n")
    subprocess.run([_uv(), "pip", "install", "--quiet", "--no-deps", "--python", str(python), str(wheel)],
                   check=True, timeout=120)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PHOTOCLIP_LIBRARY": str(tmp_path / "library")}
    env.pop("PYTHONPATH", None)
    result = subprocess.run([str(venv / "bin" / "photoclip"), "--help"], env=env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and "opens the PhotoClip app" in result.stdout, result.stderr
    probe = ("import photoclip, sys\n"
             "from photoclip.gui.resources import resource\n"
             "from photoclip.gui.i18n import available_languages\n"
             "print(photoclip.__file__)\n"
             "print(resource('style.qss').is_file(), resource('icons', 'app.svg').is_file())\n"
             "print(available_languages())\n")
    lines = subprocess.run([str(python), "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True,
                           check=True, timeout=120).stdout.splitlines()
    assert lines[0].startswith(site), "photoclip must come from the installed wheel, not the checkout"
    assert lines[1:] == ["True True", "['en', 'es', 'ru', 'zh_CN']"]

    started = subprocess.run([str(venv / "bin" / "photoclip-gui"), "--model", tiny_model, "--device", "cpu"],
                             env={**env, "PHOTOCLIP_STARTUP_TIMING": "exit"}, cwd=tmp_path, capture_output=True,
                             text=True, timeout=300)
    assert started.returncode == 0, started.stderr
    assert "window shown" in started.stderr and "grid listed 0 photos" in started.stderr


def _version() -> str:
    from photoclip import __version__

    return __version__


# -- desktop integration -------------------------------------------------------------------------
def test_desktop_entry_and_metainfo_pass_the_freedesktop_validators():
    result = subprocess.run([outside_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    result = subprocess.run([outside_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^[EW]:", result.stdout, re.M), result.stdout


def test_desktop_entry_metainfo_icon_and_app_agree():
    from photoclip.gui.app import APP_ID as app_id

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    meta = ET.parse(METAINFO).getroot()
    assert app_id == APP_ID == meta.findtext("id") == desktop["Icon"]
    assert meta.findtext("launchable") == DESKTOP.name
    assert desktop["Exec"].split()[0] == meta.findtext("provides/binary") == "photoclip"
    assert meta.find("releases/release").get("version") == _version()
    for language in ("es", "ru", "zh_CN"):
        assert f"Comment[{language}]" in desktop and f"GenericName[{language}]" in desktop
        assert meta.find(f"summary[@{{http://www.w3.org/XML/1998/namespace}}lang='{language}']") is not None


def test_icons_are_rendered_from_the_svg_source(qapp):
    from PIL import Image, ImageChops

    assert WINDOW_ICON.read_bytes() == ICON_SOURCE.read_bytes()  # the app's window icon is the same drawing
    for size in ICON_SIZES:
        committed = Image.open(ICON_SOURCE.parents[2] / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
        assert committed.size == (size, size)
        image = render_icon(size)
        fresh = Image.frombytes("RGBA", (size, size), bytes(image.constBits()), "raw", "BGRA")
        diff = ImageChops.difference(committed.convert("RGBA"), fresh)
        # A newer Qt may antialias a little differently; a changed drawing differs a lot.
        assert max(high for _, high in diff.getextrema()) <= 24, f"{size}px icon is stale: build_resources.py icons"
    ico = Image.open(ROOT / "resources" / "icons" / "photoclip.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]
    assert Image.open(ROOT / "resources" / "icons" / "photoclip.icns").size == (1024, 1024)


def test_appimage_recipe_assembles_a_runnable_appdir(tmp_path):
    """build_appimage.sh around a stand-in for the PyInstaller folder (the real one is 4 GB)."""
    validate = outside_tool("desktop-file-validate")
    bundle = tmp_path / "PhotoClip"
    bundle.mkdir()
    for name in ("PhotoClip", "photoclip-cli"):
        (bundle / name).write_text(f'#!/bin/sh\necho "{name} $*"\n')
        (bundle / name).chmod(0o755)
    out = tmp_path / "appimage"
    env = {**os.environ, "APPIMAGE_OUT": str(out), "PATH": "/usr/bin:/bin"}  # no appimagetool: the AppDir only
    result = subprocess.run(["bash", str(ROOT / "packaging" / "appimage" / "build_appimage.sh"), str(bundle)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    appdir = out / "PhotoClip.AppDir"
    for part in (f"{APP_ID}.desktop", f"{APP_ID}.svg", ".DirIcon", "usr/bin/photoclip",
                 f"usr/share/metainfo/{APP_ID}.appdata.xml",
                 f"usr/share/icons/hicolor/256x256/apps/{APP_ID}.png"):
        assert (appdir / part).exists(), part
    run = subprocess.run([str(appdir / "AppRun"), "index", "Pictures"], capture_output=True, text=True)
    assert run.stdout.strip() == "PhotoClip index Pictures"
    assert subprocess.run([validate, str(appdir / f"{APP_ID}.desktop")]).returncode == 0
    assert "TryExec" not in (appdir / f"{APP_ID}.desktop").read_text()


# -- what the shipped model choices need ---------------------------------------------------------
def test_the_multilingual_model_family_runs_with_the_installed_dependencies(tmp_path):
    """The suggested multilingual model has an XLM-RoBERTa text tower (transformers + tokenizers):
    a tiny random one of the same kind embeds sentences in all four UI languages."""
    import numpy as np

    from photoclip.core.models import Embedder

    embedder = Embedder(write_tiny_multilingual(tmp_path / "multilingual"), device="cpu").load()
    vectors = embedder.encode_texts(SENTENCES)
    assert vectors.shape == (4, 16)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert len({v.tobytes() for v in vectors}) == 4
