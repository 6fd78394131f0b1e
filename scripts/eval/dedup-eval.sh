#!/usr/bin/env bash
# Scores one `lookalike dupes` configuration on the dedup evaluation set (docs/dedup-evaluation.md):
# makes the set from ../shared/photos if needed, runs dupes on it (the catalog is kept, so only the first
# run indexes), then prints the markdown report of `bench dedup-eval`.
# Usage: scripts/eval/dedup-eval.sh [DUPES OPTIONS...]      e.g. --method phash --max-distance 6
# Environment: DEDUP_SET (default artifacts/dedup-set), DEDUP_DB (default artifacts/dedup-set-db),
#              DEDUP_OUT (default artifacts/dedup-eval; dupes.json and report.md land there).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$root"
set_dir="${DEDUP_SET:-artifacts/dedup-set}"; db="${DEDUP_DB:-artifacts/dedup-set-db}"; out="${DEDUP_OUT:-artifacts/dedup-eval}"
photos="$(cd "$root/.." && pwd)/shared/photos"
mkdir -p "$out"
scripts/eval/make-dedup-set.sh "$photos" "$set_dir"
./lookalike dupes "$set_dir" --db "$db" --json "$@" > "$out/dupes.json"
dotnet build bench/Lookalike.Bench -c Release -nologo -v quiet > "$out/bench-build.log" 2>&1 || { cat "$out/bench-build.log" >&2; exit 1; }
dotnet bench/Lookalike.Bench/bin/Release/net10.0/Lookalike.Bench.dll dedup-eval "$set_dir" "$out/dupes.json" \
  --neardup "$photos/NEARDUP_GROUPS.tsv" | tee "$out/report.md"
