#!/usr/bin/env bash
# Sets up Lookalike (idempotent) and finds the near-duplicate groups in a folder of photos.
# Usage: scripts/demo.sh [FOLDER] [extra dupes options]   (default: ../shared/photos, else the test images)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh"
folder="${1:-}"
[ $# -gt 0 ] && shift
if [ -z "$folder" ]; then
  folder="$root/../shared/photos"
  [ -d "$folder" ] || folder="$root/tests/Lookalike.Tests/TestData"
fi
# The catalog goes under artifacts/ so that read-only photo folders work too.
exec "$root/lookalike" dupes "$folder" --db "$root/artifacts/demo-catalog" "$@"
