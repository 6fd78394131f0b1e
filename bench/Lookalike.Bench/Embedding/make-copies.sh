#!/usr/bin/env bash
# Generates edited copies of every photo in SRC for the embedding layer-choice measurement, with the
# libvips command-line tools, then writes originals and copies as PPM shrunk so the shortest side is
# 256 px (what the embedder asks the decoder for: DecodeSize.Cover(256)).
# Usage: make-copies.sh SRC_DIR OUT_DIR     (OUT_DIR/<photo>/<edit>.ppm, "original" among the edits)
set -euo pipefail
src="$1"; out="$2"
mkdir -p "$out"

one() {
  set -euo pipefail
  local file="$1" out="$2"
  local name; name="$(basename "${file%.*}")"
  local dir="$out/$name"; [ -f "$dir/.done" ] && return 0
  local tmp; tmp="$(mktemp -d)"; mkdir -p "$dir"
  # Normalise: autorotate, drop alpha onto white, 8-bit sRGB, at most 1024 px (keeps the run short).
  vips thumbnail "$file" "$tmp/base.v" 1024 --size down
  vips flatten "$tmp/base.v" "$tmp/flat.v" --background 255 2>/dev/null || cp "$tmp/base.v" "$tmp/flat.v"
  vips colourspace "$tmp/flat.v" "$tmp/o.v" srgb
  local w h; w=$(vipsheader -f width "$tmp/o.v"); h=$(vipsheader -f height "$tmp/o.v")
  local e=$((w / 10)) f=$((h / 10))
  vips copy "$tmp/o.v" "$tmp/original.v"
  vips resize "$tmp/o.v" "$tmp/half.v" 0.5
  vips jpegsave "$tmp/o.v" "$tmp/q40.jpg" --Q 40; vips copy "$tmp/q40.jpg" "$tmp/jpeg_q40.v"
  vips extract_area "$tmp/o.v" "$tmp/crop_center80.v" "$e" "$f" $((w - 2 * e)) $((h - 2 * f))
  vips extract_area "$tmp/o.v" "$tmp/crop_corner70.v" 0 0 $((w * 7 / 10)) $((h * 7 / 10))
  vips embed "$tmp/o.v" "$tmp/border_white.v" "$e" "$f" $((w + 2 * e)) $((h + 2 * f)) --extend white
  vips embed "$tmp/o.v" "$tmp/frame_dark.v" $((w / 20)) $((h / 4)) $((w + w / 10)) $((h + h / 2)) --extend background --background 30
  vips flip "$tmp/o.v" "$tmp/flip.v" horizontal
  vips rot "$tmp/o.v" "$tmp/rot90.v" d90
  vips linear "$tmp/o.v" "$tmp/bright.v" 1.25 20 --uchar
  vips colourspace "$tmp/o.v" "$tmp/g.v" b-w; vips colourspace "$tmp/g.v" "$tmp/grey.v" srgb
  vips gaussblur "$tmp/o.v" "$tmp/blur.v" 2
  vips resize "$tmp/o.v" "$tmp/stretch.v" 1.3 --vscale 1.0
  vips similarity "$tmp/o.v" "$tmp/rotate5.v" --angle 5
  for v in "$tmp"/*.v; do
    local edit; edit="$(basename "${v%.v}")"
    case "$edit" in base|flat|o|g) continue ;; esac
    local ew eh; ew=$(vipsheader -f width "$v"); eh=$(vipsheader -f height "$v")
    if [ "$ew" -le "$eh" ]; then vips thumbnail "$v" "$dir/$edit.ppm" 256 --height 100000 --size down
    else vips thumbnail "$v" "$dir/$edit.ppm" 100000 --height 256 --size down; fi
  done
  rm -rf "$tmp"; touch "$dir/.done"
}
export -f one
find "$src" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) -print0 |
  xargs -0 -P 2 -I{} bash -c 'one "$1" "$2" || echo "make-copies: failed on $1" >&2' _ {} "$out"
echo "make-copies: $(find "$out" -name '*.ppm' | wc -l) images in $out" >&2
