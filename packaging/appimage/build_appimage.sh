#!/usr/bin/env bash
# PhotoClip as an AppImage: the PyInstaller folder wrapped with its desktop entry, icons and
# AppStream metadata, so it runs on most Linux distributions without installing anything.
#
#   packaging/appimage/build_appimage.sh [BUNDLE]
#
# BUNDLE is the one-folder app from packaging/build_bundle.py (default: build/bundle/dist/PhotoClip).
# Writes build/appimage/PhotoClip.AppDir/ (runnable as is: PhotoClip.AppDir/AppRun) and, when
# appimagetool is on PATH or in $APPIMAGETOOL (https://github.com/AppImage/appimagetool/releases),
# build/appimage/PhotoClip-<version>-<arch>.AppImage. Build on the oldest distribution you support:
# the AppImage needs a glibc at least as new as the build machine's.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUNDLE=${1:-$ROOT/build/bundle/dist/PhotoClip}
APP_ID=io.github.photoclip.PhotoClip
OUT=${APPIMAGE_OUT:-$ROOT/build/appimage}
APPDIR=$OUT/PhotoClip.AppDir
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/photoclip/__init__.py")
ARCH=${ARCH:-$(uname -m)}

[ -x "$BUNDLE/PhotoClip" ] || { echo "no PyInstaller build at $BUNDLE: run packaging/build_bundle.py" >&2; exit 1; }

rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/bin" "$APPDIR/usr/share/applications" "$APPDIR/usr/share/metainfo" \
         "$APPDIR/usr/share/icons"
cp -a "$BUNDLE" "$APPDIR/usr/lib/photoclip"
ln -s ../lib/photoclip/PhotoClip "$APPDIR/usr/bin/photoclip"
ln -s ../lib/photoclip/photoclip-cli "$APPDIR/usr/bin/photoclip-cli"
cp -a "$ROOT/resources/icons/hicolor" "$APPDIR/usr/share/icons/"
# The menu entry runs the AppImage itself (its location is only known at run time): no TryExec.
sed '/^TryExec=/d' "$ROOT/resources/$APP_ID.desktop" > "$APPDIR/usr/share/applications/$APP_ID.desktop"
cp "$ROOT/resources/$APP_ID.metainfo.xml" "$APPDIR/usr/share/metainfo/$APP_ID.appdata.xml"

# What the AppImage format reads at the top of the AppDir.
ln -s "usr/share/applications/$APP_ID.desktop" "$APPDIR/$APP_ID.desktop"
cp "$ROOT/resources/icons/hicolor/scalable/apps/$APP_ID.svg" "$APPDIR/$APP_ID.svg"
cp "$ROOT/resources/icons/hicolor/256x256/apps/$APP_ID.png" "$APPDIR/.DirIcon"
cat > "$APPDIR/AppRun" <<'RUN'
#!/bin/sh
# `PhotoClip.AppImage` opens the app; `PhotoClip.AppImage index ~/Pictures` (any command) is the CLI.
HERE=$(dirname "$(readlink -f "$0")")
exec "$HERE/usr/lib/photoclip/PhotoClip" "$@"
RUN
chmod +x "$APPDIR/AppRun"
echo "AppDir ready: $APPDIR"

TOOL=${APPIMAGETOOL:-$(command -v appimagetool || true)}
if [ -z "$TOOL" ]; then
  echo "appimagetool not found: set APPIMAGETOOL or put it on PATH to pack $APPDIR into an AppImage" >&2
  exit 0
fi
ARCH=$ARCH "$TOOL" "$APPDIR" "$OUT/PhotoClip-$VERSION-$ARCH.AppImage"
echo "AppImage: $OUT/PhotoClip-$VERSION-$ARCH.AppImage"
