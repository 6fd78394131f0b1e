#!/usr/bin/env bash
# Scores one `lookalike dupes` configuration on a dedup evaluation set (docs/dedup-evaluation.md): makes the set if
# needed, runs dupes on it (the catalog is kept, so only the first run indexes), then prints the markdown report of
# `bench dedup-eval`.
# Usage: scripts/eval/dedup-eval.sh [DUPES OPTIONS...]      e.g. --method phash --max-distance 6
# Environment: DEDUP_KIND photos (default: the tuning set from ../shared/photos, make-dedup-set.sh) or heldout (the
#              second set from ../shared/labelled, make-heldout-set.sh, never tuned on) or cutout (a tuning set of
#              cut-outs like the second set's, from other labelled sources: SOURCE_OFFSET=3); DEDUP_SET, DEDUP_DB, DEDUP_OUT
#              move the set, its catalog and the output (dupes.json, report.md); LOOKALIKE_SHARED: the shared data folder
#              (default ../shared beside the checkout).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$root"
shared="${LOOKALIKE_SHARED:-$(cd "$root/.." && pwd)/shared}"
kind="${DEDUP_KIND:-photos}"
case "$kind" in
  photos) name=dedup-set; neardup="$shared/photos/NEARDUP_GROUPS.tsv" ;;
  heldout) name=heldout-set; neardup=none ;;
  cutout) name=cutout-set; neardup=none ;;
  *) echo "dedup-eval: DEDUP_KIND is photos, heldout or cutout, not '$kind'" >&2; exit 2 ;;
esac
set_dir="${DEDUP_SET:-artifacts/$name}"; db="${DEDUP_DB:-artifacts/$name-db}"; out="${DEDUP_OUT:-artifacts/dedup-eval/$kind}"
mkdir -p "$out"
if [ "$kind" = photos ]; then DEDUP_EVERY="${DEDUP_EVERY:-3}" scripts/eval/make-dedup-set.sh "$shared/photos" "$set_dir"
elif [ "$kind" = cutout ]; then SOURCE_OFFSET=3 scripts/eval/make-heldout-set.sh "$shared/labelled" "$set_dir"
else scripts/eval/make-heldout-set.sh "$shared/labelled" "$set_dir"; fi
./lookalike dupes "$set_dir" --db "$db" --json "$@" > "$out/dupes.json"
dotnet build bench/Lookalike.Bench -c Release -nologo -v quiet > "$out/bench-build.log" 2>&1 || { cat "$out/bench-build.log" >&2; exit 1; }
dotnet bench/Lookalike.Bench/bin/Release/net10.0/Lookalike.Bench.dll dedup-eval "$set_dir" "$out/dupes.json" \
  --neardup "$neardup" | tee "$out/report.md"
