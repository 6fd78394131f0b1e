#!/usr/bin/env bash
# Generates edited copies of every photo in SRC for the embedding layer-choice measurement, with the
# libvips command-line tools, then writes originals and copies as PPM shrunk so the shortest side is
# 256 px (what the embedder asks the decoder for: DecodeSize.Cover(256)).
# Usage: make-copies.sh SRC_DIR OUT_DIR     (OUT_DIR/<photo>/<edit>.ppm, "original" among the edits)
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../../scripts/lib/image-edits.sh"
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
  vips copy "$tmp/o.v" "$tmp/original.v"
  vips jpegsave "$tmp/o.v" "$tmp/q40.jpg" --Q 40; vips copy "$tmp/q40.jpg" "$tmp/jpeg_q40.v"
  local edit
  for edit in half crop_center80 crop_corner70 border_white frame_dark flip rot90 bright grey blur stretch rotate5; do
    image_edit "$edit" "$tmp/o.v" "$tmp/$edit.v"
  done
  for v in "$tmp"/*.v; do
    local edit; edit="$(basename "${v%.v}")"
    case "$edit" in base|flat|o) continue ;; esac
    local ew eh; ew=$(vipsheader -f width "$v"); eh=$(vipsheader -f height "$v")
    if [ "$ew" -le "$eh" ]; then vips thumbnail "$v" "$dir/$edit.ppm" 256 --height 100000 --size down
    else vips thumbnail "$v" "$dir/$edit.ppm" 100000 --height 256 --size down; fi
  done
  rm -rf "$tmp"; touch "$dir/.done"
}
export -f one image_edit
find "$src" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) -print0 |
  xargs -0 -P 2 -I{} bash -c 'one "$1" "$2" || echo "make-copies: failed on $1" >&2' _ {} "$out"
echo "make-copies: $(find "$out" -name '*.ppm' | wc -l) images in $out" >&2
