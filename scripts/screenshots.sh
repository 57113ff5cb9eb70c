#!/usr/bin/env bash
# Screenshots of the real PhotoClip window for the README, taken under a virtual X screen.
#
#   scripts/screenshots.sh            # writes resources/screenshots/{search,tags,duplicates,resolved,removed}.png,
#                                     # {relevance,no-match,language-hint}.png and waiting-for-model.png
#   SHOT_SIZE=900x700 SHOT_SUFFIX=-900 scripts/screenshots.sh   # the same at 900 px, named search-900.png…
#
# It builds a toy photo library (tests/toyworld, with a few re-saved copies), indexes it and adds
# two tags with the CLI, then starts `photoclip` (no arguments, PHOTOCLIP_LIBRARY set) as a user
# would, drives it with the keyboard through xdotool and captures the window. It also prints how
# long the window took to appear.
#
# Needs (Debian): xvfb xdotool imagemagick, Qt's X11 libraries (libxcb-cursor0 libxcb-icccm4
# libxcb-keysyms1); fonts-inter makes the shots look like a desktop.
# Everything it writes besides the screenshots lives in a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}
MODEL=${PHOTOCLIP_SHOT_MODEL:-local-dir:$ROOT/tests/toyworld/tiny_clip}
OUT=${SHOT_OUT:-$ROOT/resources/screenshots}
SIZE=${SHOT_SIZE:-1600x1000}
SUFFIX=${SHOT_SUFFIX:-}
DISPLAY_NUMBER=${SHOT_DISPLAY:-:77}

for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install xvfb xdotool imagemagick" >&2; exit 1; }
done

WORK=$(mktemp -d)
APP_PID=""
XVFB_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export XDG_CONFIG_HOME=$WORK/config XDG_CACHE_HOME=$WORK/cache XDG_DATA_HOME=$WORK/data
export HF_HUB_OFFLINE=1 PHOTOCLIP_LIBRARY=$WORK/library LANG=en_US.UTF-8  # dates as in the README
PICTURES=$WORK/Pictures
# A desktop-like UI font where Inter is installed (fontconfig reads $XDG_CONFIG_HOME).
mkdir -p "$XDG_CONFIG_HOME/fontconfig"
cat > "$XDG_CONFIG_HOME/fontconfig/fonts.conf" <<'FONTS'
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><alias><family>sans-serif</family><prefer><family>Inter</family></prefer></alias></fontconfig>
FONTS

echo "== a toy photo library in $PICTURES"
"$PY" - "$PICTURES" <<'EOF'
import random, sys
from pathlib import Path
sys.path.insert(0, "tests")
import toyworld

root = Path(sys.argv[1])
folders = ("2023 Summer holiday", "2024 Garden", "Family", "Phone camera", "Scans")
photos = toyworld.write_corpus(root, 150, seed=2024, folders=folders, formats=(".jpg", ".jpg", ".png", ".webp"))
for path, photo in photos.items():  # no yellow squares: the search for one shows the empty state
    if (photo.color, photo.shape) == ("yellow", "square"):
        path.unlink()
rng = random.Random(7)
for n, (color, shape, bg) in enumerate([("red", "circle", "white"), ("yellow", "triangle", "gray"),
                                        ("blue", "square", "black")]):
    photo = toyworld.random_photo(rng, 1200, 900, color=color, shape=shape, bg=bg)
    image = toyworld.render(photo)
    toyworld.write_image(image, root / "Family" / f"IMG_{4100 + n}.png", rng)
    small, _ = toyworld.perturb(image, rng, ["downscale"])
    toyworld.write_image(small, root / "Phone camera" / f"IMG_{4100 + n} small.jpg", rng, quality=72)
    edited, _ = toyworld.perturb(image, rng, ["brightness", "crop"])
    toyworld.write_image(edited, root / "Scans" / f"IMG_{4100 + n} edited.jpg", rng, quality=85)
# Photos taken over a few years (file times; the toy photos carry no EXIF date), for the timeline.
import os, time
for path in sorted(root.rglob("*.*")):
    when = time.mktime((rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28), 12, 0, 0, 0, 0, -1))
    os.utime(path, (when, when))
EOF

echo "== indexing it and adding tags (photoclip CLI)"
"$PY" -m photoclip --create --model "$MODEL" --device cpu index "$PICTURES"
"$PY" -m photoclip tag add "Red" --prompt "something red" >/dev/null
"$PY" -m photoclip tag add "Triangles" --prompt "a triangle" >/dev/null
"$PY" -m photoclip tag add "Dark" --prompt "on a black background" >/dev/null

# The first start's question (which languages you search in) was answered: English.
mkdir -p "$XDG_CONFIG_HOME/PhotoClip"
printf '[search]\nlanguages=en\n' > "$XDG_CONFIG_HOME/PhotoClip/PhotoClip.conf"

echo "== the app under Xvfb $DISPLAY_NUMBER"
Xvfb "$DISPLAY_NUMBER" -screen 0 "${SIZE}x24" -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=$DISPLAY_NUMBER QT_QPA_PLATFORM=xcb
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done

start_app() {  # photoclip with these arguments, its window filling the screen and focused
  started=$(date +%s%N)
  PHOTOCLIP_STARTUP_TIMING=1 "$PY" -m photoclip "$@" &
  APP_PID=$!
  WIN=$(timeout 60 xdotool search --sync --onlyvisible --name "PhotoClip" | head -1)
  appeared=$(date +%s%N)
  echo "window visible $(( (appeared - started) / 1000000 )) ms after launching photoclip"
  xdotool windowmove "$WIN" 0 0 windowsize "$WIN" "${SIZE%x*}" "${SIZE#*x}"
  # No window manager: give the window the keyboard focus ourselves; keys then go through XTEST,
  # as if typed.
  xdotool windowfocus --sync "$WIN"
  sleep "${SHOT_WAIT:-12}"  # the model loads, the rescan finds nothing new, thumbnails arrive (more on a busy machine)
}
start_app

shoot() {
  sleep "${2:-3}"
  import -window "$WIN" "$WORK/$1.png"
  # Modest files for the README: 8-bit palette PNGs.
  convert "$WORK/$1.png" -strip -colors 255 PNG8:"$OUT/$1$SUFFIX.png"
  echo "   $OUT/$1$SUFFIX.png"
}
mkdir -p "$OUT"

echo "== search"
xdotool key ctrl+f
xdotool type --delay 60 "a red circle"
xdotool key Return
shoot search 4

search_for() {  # select the search field's text and type over it
  xdotool key ctrl+f
  LC_ALL=C.UTF-8 xdotool type --delay 60 "$1"  # (xdotool reads the text in the locale's encoding)
  xdotool key Return
}

echo "== where good matches end"
search_for "a blue triangle"
shoot relevance 4

echo "== a search that matches nothing well"
search_for "a yellow square"
shoot no-match 4

echo "== a query in a script the model cannot read"
search_for "красный круг"
shoot language-hint 4

echo "== tags"
xdotool key ctrl+2
shoot tags 5

echo "== duplicates"
xdotool key ctrl+3
shoot duplicates 8

echo "== resolved, with Undo; then Recently removed"
xdotool key Delete
sleep 2
xdotool key Return  # the confirmation names every file; OK moves the copies to the trash
shoot resolved 4
xdotool windowfocus --sync "$WIN"  # no window manager: the closed dialog took the focus with it
xdotool key ctrl+4
shoot removed 3

xdotool key ctrl+q
wait "$APP_PID" && echo "== the app quit cleanly" || echo "== the app exited with $?"
APP_PID=""

echo "== a library whose model cannot be had (its photos are listed and wait for their vectors),"
echo "   and one of its folders vanished (renamed, deleted, its drive unplugged)"
"$PY" -m photoclip --library "$WORK/no-model" --create --model "local-dir:$WORK/model folder not here" \
  index "$PICTURES/Family" "$PICTURES/Phone camera" || true
mv "$PICTURES/Phone camera" "$WORK/Phone camera, moved away"
start_app --library "$WORK/no-model"
shoot waiting-for-model 2
xdotool key ctrl+q
wait "$APP_PID" && echo "== the app quit cleanly" || echo "== the app exited with $?"
APP_PID=""
