#!/usr/bin/env bash
# Builds the held-out dedup set (docs/dedup-evaluation.md, "Second set"): photos the limits are never tuned on.
# Sources: every sixth image of LABELLED (../shared/labelled, cut-out photos on white, 14 classes), each with 22
# edited copies made at its own size; the other labelled images unchanged as hard negatives (same class, other
# picture); and 12 generated near-empty images (star fields, flat noise, gradients, blank pages), all different.
# OUT/labels.tsv: file, family, transform, class (the class makes same-class pairs countable as hard negatives).
# SOURCE_OFFSET (default 0) picks which sixth: 0 is the second set; 3 is the cut-out *tuning* set (DEDUP_KIND=cutout),
# whose sources are disjoint from the second set's, so limits tuned on cut-outs are still reported on unseen sources.
# Idempotent like make-dedup-set.sh. Usage: make-heldout-set.sh LABELLED_DIR OUT_DIR
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib/image-edits.sh"
src="$1"; out="$2"
# A wrong LABELLED_DIR must stop here: with no rows, xargs would still run `one` once with an empty name.
[ -f "$src/LABELS.tsv" ] || { echo "make-heldout-set: no $src/LABELS.tsv (is ../shared beside the checkout? set LOOKALIKE_SHARED)" >&2; exit 2; }
mkdir -p "$out"
export HELDOUT_EDITS="resize50 crop_light crop_off20 crop_off25 rot3_straighten rot8 border_white frame_dark bright grey grade_warm sepia blur
  watermark text logo screenshot recompress mirror rot90"

one() {
  set -euo pipefail
  local file="$1" out="$2" role="$3"
  local name; name="$(basename "$file")"; local stem="${name%.*}"
  [ -n "$stem" ] || { echo "make-heldout-set: empty file name" >&2; return 1; }  # never rm -rf "$out/"
  local dir="$out/$stem"; [ -f "$dir/.done" ] && return 0
  rm -rf "$dir"; mkdir -p "$dir"
  cp "$file" "$dir/$name"
  if [ "$role" = source ]; then
    local tmp; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' RETURN
    normalise_photo "$file" "$tmp/o.v" 100000
    vips jpegsave "$tmp/o.v" "$dir/${stem}__jpeg_q40.jpg" --Q 40
    vips webpsave "$tmp/o.v" "$dir/${stem}__webp_q75.webp" --Q 75
    local edit
    for edit in $HELDOUT_EDITS; do image_edit "$edit" "$tmp/o.v" "$dir/${stem}__$edit.jpg[Q=90]"; done
  fi
  touch "$dir/.done"
}

# near_empty N OUT: the N-th near-empty picture, 320x240 (each differs from the others in content, not only noise).
near_empty() {
  local n="$1" file="$2" tmp; tmp="$(mktemp -d)"
  case $((n % 4)) in
    0) vips gaussnoise "$tmp/n.v" 320 240 --mean 0 --sigma 1 --seed "$n" && vips relational_const "$tmp/n.v" "$tmp/s.v" moreeq 2.6 &&
       vips bandjoin "$tmp/s.v $tmp/s.v $tmp/s.v" "$tmp/j.v" && vips copy "$tmp/j.v" "$file" --interpretation srgb ;;  # star field
    1) vips gaussnoise "$tmp/n.v" 320 240 --mean $((60 + n * 12)) --sigma 4 --seed "$n" && vips cast "$tmp/n.v" "$tmp/c.v" uchar &&
       vips bandjoin "$tmp/c.v $tmp/c.v $tmp/c.v" "$tmp/j.v" && vips copy "$tmp/j.v" "$file" --interpretation srgb ;;   # flat grey noise
    2) vips grey "$tmp/g.v" 320 240 && { [ $((n % 8)) = 2 ] && vips rot "$tmp/g.v" "$tmp/r.v" d180 || vips copy "$tmp/g.v" "$tmp/r.v"; } &&
       vips linear "$tmp/r.v" "$tmp/l.v" "$((40 + n * 5)) 90 160" "$((90 + n)) 120 150" --uchar && vips copy "$tmp/l.v" "$file" --interpretation srgb ;;  # sky gradient
    3) vips black "$tmp/b.v" 320 240 --bands 3 && vips linear "$tmp/b.v" "$tmp/w.v" 1 250 --uchar &&
       vips black "$tmp/d.v" $((6 + n)) $((6 + n)) --bands 3 && vips insert "$tmp/w.v" "$tmp/d.v" "$tmp/p.v" $((n * 20)) $((200 - n * 10)) &&
       vips copy "$tmp/p.v" "$file" --interpretation srgb ;;  # blank page with a dot
  esac
  local status=$?; rm -rf "$tmp"; return $status
}
export -f one normalise_photo image_edit

mapfile -t rows < <(tail -n +2 "$src/LABELS.tsv" | cut -f1,2)
for i in "${!rows[@]}"; do
  role=negative; [ $((i % 6)) = "${SOURCE_OFFSET:-0}" ] && role=source
  printf '%s\0%s\0' "$src/${rows[$i]%%$'\t'*}" "$role"
done | xargs -0 -r -n 2 -P 2 bash -c 'one "$1" "$0" "$2" 2>"$0/.log-$$" || { echo "make-heldout-set: failed on $1:" >&2; cat "$0/.log-$$" >&2; }; rm -f "$0/.log-$$"' "$out"
mkdir -p "$out/near-empty"
for n in $(seq 0 11); do [ -f "$out/near-empty/empty_$n.png" ] || near_empty "$n" "$out/near-empty/empty_$n.png"; done

{
  printf 'file\tfamily\ttransform\tclass\n'
  for row in "${rows[@]}"; do
    file="${row%%$'\t'*}"; class="${row#*$'\t'}"; name="${file##*/}"; stem="${name%.*}"
    [ -f "$out/$stem/.done" ] || continue
    for f in "$out/$stem"/*; do
      n="${f##*/}"
      case "$n" in
        "${stem}__"*) transform="${n#"${stem}__"}"; transform="${transform%.*}" ;;
        *) transform=original ;;
      esac
      printf '%s/%s\t%s\t%s\t%s\n' "$stem" "$n" "$stem" "$transform" "$class"
    done
  done
  for n in $(seq 0 11); do printf 'near-empty/empty_%s.png\tempty_%s\toriginal\tnear-empty\n' "$n" "$n"; done
} > "$out/labels.tsv.tmp"
mv "$out/labels.tsv.tmp" "$out/labels.tsv"
echo "make-heldout-set: $(($(wc -l < "$out/labels.tsv") - 1)) images in $out" >&2
