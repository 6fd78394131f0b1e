#!/usr/bin/env bash
# Installs what Lookalike needs on a fresh Debian machine, idempotently:
#   - libvips (image decoding) from Debian, plus the test/bench peers when asked;
#   - the offline MobileNetV2 weights, fetched from the npm registry into the git-ignored .deps/
#     (ONNX Runtime comes from NuGet with the build).
# Usage: scripts/bootstrap.sh [--test] [--bench]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.deps"
want_test=0; want_bench=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --bench) want_bench=1; want_test=1 ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# ---- Debian packages -------------------------------------------------------
packages=(libvips42 libsqlite3-0 python3-onnx python3-numpy)  # python3-onnx: builds the default embedding model
packages+=(fonts-dejavu-core)  # the text of plots: SkiaSharp (under ScottPlot) draws with system fonts and ships none
[ "$want_test" = 1 ] && packages+=(postgresql chromium)
[ "$want_bench" = 1 ] && packages+=(libvips-tools python3-hnswlib python3-faiss)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  cmd="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; else
      echo "bootstrap: missing Debian packages: ${missing[*]}" >&2
      echo "bootstrap: run as root:  apt-get update && $cmd" >&2
      exit 1
    fi
  else SUDO=""; fi
  say "Installing ${missing[*]}"
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- npm tarballs (npm pack + tar, never npm install) ----------------------
# fetch NAME@VERSION DEST PATTERN...: unpacks the matching members of the tarball
# into DEST once; a stamp file makes re-runs free.
fetch() {
  local spec="$1" dest="$2"; shift 2
  local stamp="$dest/.fetched-$spec"
  [ -f "$stamp" ] && return 0
  command -v npm >/dev/null || { echo "bootstrap: npm is needed to fetch $spec (apt-get install npm)" >&2; exit 1; }
  say "Fetching $spec from the npm registry"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  rm -rf "$dest"; mkdir -p "$dest"
  tar -xzf "$tmp"/*.tgz -C "$dest" --wildcards "$@"
  rm -rf "$tmp"
  touch "$stamp"
}
# Real MobileNetV2 weights (TF.js layers model) for the offline default embedding model.
fetch nsfwjs@4.4.0 "$deps/nsfwjs" 'package/dist/models/mobilenet_v2/*' 'package/LICENSE'

# Offline default embedding model: the nsfwjs MobileNetV2 converted to ONNX (idempotent, see the script).
if "$root/scripts/models/build-default-model.sh"; then :; else
  echo "bootstrap: the default embedding model was not built (see above); everything else is ready" >&2
fi

say "Bootstrap complete"
