#!/usr/bin/env bash
# Builds the dedup evaluation set: every photo of SRC (unchanged, keeping its name) plus 17 edited copies,
# as real JPEG/PNG/WebP files, and OUT/labels.tsv (file, family, transform) as the ground truth.
# Copies are made from the photo itself, or from it shrunk to 1024 px when it is larger than 2048 px
# (keeps the set small). Idempotent: photos whose folder is marked done are skipped. See docs/dedup-evaluation.md.
# Usage: make-dedup-set.sh SRC_DIR OUT_DIR     (OUT_DIR/<stem>/<name> and OUT_DIR/<stem>/<stem>__<transform>.<ext>)
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib/image-edits.sh"
src="$1"; out="$2"
mkdir -p "$out"

# Pixel edits (shared with the embedding benchmark), each saved as a good JPEG like a photo editor would.
export DEDUP_EDITS="resize50 crop_light crop_side border_white bright grey blur watermark stretch mirror rot90 rot270"

one() {
  set -euo pipefail
  local file="$1" out="$2"
  local name; name="$(basename "$file")"; local stem="${name%.*}"
  local dir="$out/$stem"; [ -f "$dir/.done" ] && return 0
  local tmp; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' RETURN
  rm -rf "$dir"; mkdir -p "$dir"
  local w h; w=$(vipsheader -f width "$file"); h=$(vipsheader -f height "$file")
  local size=100000; [ "$w" -gt 2048 ] || [ "$h" -gt 2048 ] && size=1024
  # Base for the copies: upright, alpha dropped onto white, 8-bit sRGB.
  vips thumbnail "$file" "$tmp/base.v" "$size" --size down
  vips flatten "$tmp/base.v" "$tmp/flat.v" --background 255 2>/dev/null || cp "$tmp/base.v" "$tmp/flat.v"
  vips colourspace "$tmp/flat.v" "$tmp/o.v" srgb
  cp "$file" "$dir/$name"
  vips jpegsave "$tmp/o.v" "$dir/${stem}__jpeg_q40.jpg" --Q 40
  vips pngsave "$tmp/o.v" "$dir/${stem}__png.png"
  vips webpsave "$tmp/o.v" "$dir/${stem}__webp_q75.webp" --Q 75
  local edit
  for edit in $DEDUP_EDITS; do image_edit "$edit" "$tmp/o.v" "$dir/${stem}__$edit.jpg[Q=90]"; done
  touch "$dir/.done"
}
export -f one image_edit
find "$src" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) -print0 |
  xargs -0 -P 2 -I{} bash -c 'one "$1" "$2" 2>"$2/.log-$$" || { echo "make-dedup-set: failed on $1:" >&2; cat "$2/.log-$$" >&2; }; rm -f "$2/.log-$$"' _ {} "$out"

# Labels from what is on disk: an unfinished photo (failed above) is left out with all its files.
{
  printf 'file\tfamily\ttransform\n'
  for done in "$out"/*/.done; do
    [ -e "$done" ] || continue
    dir="$(dirname "$done")"; stem="$(basename "$dir")"
    for f in "$dir"/*; do
      name="$(basename "$f")"
      case "$name" in
        "${stem}__"*) transform="${name#"${stem}__"}"; transform="${transform%.*}" ;;
        *) transform=original ;;
      esac
      printf '%s/%s\t%s\t%s\n' "$stem" "$name" "$stem" "$transform"
    done
  done
} > "$out/labels.tsv.tmp"
mv "$out/labels.tsv.tmp" "$out/labels.tsv"
echo "make-dedup-set: $(($(wc -l < "$out/labels.tsv") - 1)) images of $(ls "$out"/*/.done 2>/dev/null | wc -l) photos in $out" >&2
