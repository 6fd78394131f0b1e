#!/usr/bin/env bash
# Builds the dedup evaluation set: every photo of SRC (unchanged, keeping its name) plus 19 edited copies,
# as real JPEG/PNG/WebP files, and OUT/labels.tsv (file, family, transform) as the ground truth.
# Copies are made from the photo itself, or from it shrunk to 512 px when it is larger than that
# (keeps the set small). Idempotent: photos whose folder is marked done are skipped. See docs/dedup-evaluation.md.
# Usage: make-dedup-set.sh SRC_DIR OUT_DIR     (OUT_DIR/<stem>/<name> and OUT_DIR/<stem>/<stem>__<transform>.<ext>)
# DEDUP_EVERY=N keeps only every N-th photo that SRC/NEARDUP_GROUPS.tsv does not name (all named ones stay), for
# a smaller set on a busy machine; DEDUP_EDITS replaces the list of pixel edits.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib/image-edits.sh"
src="$1"; out="$2"
# A wrong SRC_DIR must stop here: with no photos, xargs would still run `one` once with an empty name.
[ -f "$src/SOURCES.tsv" ] || { echo "make-dedup-set: no $src/SOURCES.tsv (is ../shared beside the checkout? set LOOKALIKE_SHARED)" >&2; exit 2; }
mkdir -p "$out"

# Pixel edits (shared with the embedding benchmark), each saved as a good JPEG like a photo editor would.
export DEDUP_EDITS="${DEDUP_EDITS:-resize50 crop_light crop_side border_white bright grey blur watermark stretch mirror rot90 rot270 crop_off25 rot8 text screenshot}"

one() {
  set -euo pipefail
  local file="$1" out="$2"
  local name; name="$(basename "$file")"; local stem="${name%.*}"
  [ -n "$stem" ] || { echo "make-dedup-set: empty file name" >&2; return 1; }  # never rm -rf "$out/"
  local dir="$out/$stem"; [ -f "$dir/.done" ] && return 0
  local tmp; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' RETURN
  rm -rf "$dir"; mkdir -p "$dir"
  local w h; w=$(vipsheader -f width "$file"); h=$(vipsheader -f height "$file")
  local size=100000; [ "$w" -gt 512 ] || [ "$h" -gt 512 ] && size=512
  normalise_photo "$file" "$tmp/o.v" "$size"
  cp "$file" "$dir/$name"
  vips jpegsave "$tmp/o.v" "$dir/${stem}__jpeg_q40.jpg" --Q 40
  vips pngsave "$tmp/o.v" "$dir/${stem}__png.png"
  vips webpsave "$tmp/o.v" "$dir/${stem}__webp_q75.webp" --Q 75
  local edit
  for edit in $DEDUP_EDITS; do image_edit "$edit" "$tmp/o.v" "$dir/${stem}__$edit.jpg[Q=90]"; done
  touch "$dir/.done"
}
export -f one normalise_photo image_edit
named="$( [ -f "$src/NEARDUP_GROUPS.tsv" ] && tail -n +2 "$src/NEARDUP_GROUPS.tsv" | cut -f4 | tr ',' '\n' || true)"
find "$src" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) | sort |
  awk -v every="${DEDUP_EVERY:-1}" -v named="$named" 'BEGIN { n = split(named, list, "\n"); for (i = 1; i <= n; i++) keep[list[i]] = 1 }
    { name = $0; sub(/.*\//, "", name); if (name in keep || (other++ % every) == 0) printf "%s%c", $0, 0 }' |
  xargs -0 -r -P 2 -I{} bash -c 'one "$1" "$2" 2>"$2/.log-$$" || { echo "make-dedup-set: failed on $1:" >&2; cat "$2/.log-$$" >&2; }; rm -f "$2/.log-$$"' _ {} "$out"

# Labels from what is on disk: an unfinished photo (failed above) is left out with all its files.
{
  printf 'file\tfamily\ttransform\n'
  for done in "$out"/*/.done; do
    [ -e "$done" ] || continue
    dir="${done%/.done}"; stem="${dir##*/}"
    for f in "$dir"/*; do
      name="${f##*/}"
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
