"""Make the files built from sources in resources/: translations and icons. Run after editing them.

    uv run packaging/build_resources.py                # both
    uv run packaging/build_resources.py translations   # after changing texts in photoclip/gui/
    uv run packaging/build_resources.py icons          # after changing the app icon's SVG

translations: pyside6-lupdate brings resources/translations/photoclip_<lang>.ts up to date with the
    texts in photoclip/gui/ (new texts appear unfinished, for translators: Qt Linguist opens the .ts
    files), then pyside6-lrelease compiles them into photoclip/resources/translations/*.qm, which the
    app loads. Both are committed, so a checkout runs without a build step; tests/gui/test_i18n.py
    fails when they fall behind the code.
icons: from the scalable app icon resources/icons/hicolor/scalable/apps/<id>.svg, the PNGs of the
    freedesktop sizes (resources/icons/hicolor/<n>x<n>/apps/), the Windows .ico and macOS .icns
    for PyInstaller, and the copy the app shows as its window icon (photoclip/resources/icons/app.svg).
"""
from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "io.github.photoclip.PhotoClip"
LANGUAGES = ("es", "ru", "zh_CN")
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = ROOT / "photoclip" / "resources" / "translations"
ICON_SOURCE = ROOT / "resources" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
WINDOW_ICON = ROOT / "photoclip" / "resources" / "icons" / "app.svg"


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the running environment (they ship with PySide6)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: it comes with PySide6 (uv sync)")
    return found


def translations() -> None:
    sources = sorted(str(p) for p in (ROOT / "photoclip" / "gui").glob("*.py"))
    QM_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = TS_DIR / f"photoclip_{language}.ts"
        subprocess.run([qt_tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete",
                        "-target-language", language, *sources, "-ts", str(ts)], check=True)
        subprocess.run([qt_tool("pyside6-lrelease"), str(ts), "-qm", str(QM_DIR / f"photoclip_{language}.qm")],
                       check=True)


def render_icon(size: int):
    """The app icon at size x size as a QImage (Qt's SVG renderer, as the app itself draws it)."""
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    QGuiApplication.instance() or QGuiApplication(["build_resources", "-platform", "offscreen"])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(ICON_SOURCE.read_bytes())).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def _png(image) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def icons() -> None:
    from PIL import Image

    pngs = {}
    for size in ICON_SIZES:
        target = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_png(render_icon(size)))
        pngs[size] = Image.open(io.BytesIO(target.read_bytes())).convert("RGBA")
    ico_sizes = [s for s in ICON_SIZES if s <= 256]
    pngs[256].save(HICOLOR.parent / "photoclip.ico", sizes=[(s, s) for s in ico_sizes],
                   append_images=[pngs[s] for s in ico_sizes if s != 256])
    retina = Image.open(io.BytesIO(_png(render_icon(1024)))).convert("RGBA")  # macOS's 512@2x
    retina.save(HICOLOR.parent / "photoclip.icns", append_images=[pngs[s] for s in (16, 32, 64, 128, 256, 512)])
    shutil.copyfile(ICON_SOURCE, WINDOW_ICON)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="?", choices=("translations", "icons", "all"), default="all")
    what = parser.parse_args().what
    if what in ("translations", "all"):
        translations()
    if what in ("icons", "all"):
        icons()
    return 0


if __name__ == "__main__":
    sys.exit(main())
