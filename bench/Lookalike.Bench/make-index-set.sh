#!/usr/bin/env bash
# Builds the file set of `bench index-throughput`: every photo of ../shared/photos with 6 copies each (JPEG q40, PNG,
# WebP q75, and the border_white, rot90 and screenshot edits as JPEG q90, made from the photo shrunk to 512 px), beside
# the 306 images of ../shared/labelled as they are: 114 x 7 + 306 = 1,104 real JPEG/PNG/WebP files.
# Usage: make-index-set.sh SHARED_DIR OUT_DIR     (OUT_DIR/photos/<stem>/..., OUT_DIR/labelled/<class>/...)
set -euo pipefail
here="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
shared="$1"; out="$2"
DEDUP_EDITS="border_white rot90 screenshot" "$here/../../scripts/eval/make-dedup-set.sh" "$shared/photos" "$out/photos"
rm -f "$out/photos/labels.tsv"
mkdir -p "$out/labelled"
find "$shared/labelled" -mindepth 1 -maxdepth 1 -type d -exec cp -r {} "$out/labelled/" \;
echo "make-index-set: $(find "$out" -type f ! -name '.*' | wc -l) files in $out" >&2
