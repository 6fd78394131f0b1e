#!/usr/bin/env bash
# Installs what Lookalike needs on a fresh Debian machine, idempotently:
#   - python3-onnx (builds the default embedding model) and libsqlite3 from Debian, plus the test/bench peers
#     when asked; libvips itself comes with NetVips' NuGet package, and Debian's libvips42 is added when root
#     can install it because only that build decodes HEIC (Lookalike prefers it when present);
#   - the offline MobileNetV2 weights, fetched from the npm registry into the git-ignored .deps/
#     (ONNX Runtime comes from NuGet with the build);
#   - for the tests, Debian's PostgreSQL server binaries (the tests start their own server in a temporary folder; no
#     cluster is created and no service is started) and PGlite with pgvector from npm (Debian has no pgvector package);
#   - with --fuzz, afl++ (Debian) and the SharpFuzz instrumenter (dotnet tool SharpFuzz.CommandLine 2.3.0, from NuGet into
#     .deps/sharpfuzz) for scripts/fuzz.sh.
# Usage: scripts/bootstrap.sh [--test] [--bench] [--fuzz]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.deps"
want_test=0; want_bench=0; want_fuzz=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --bench) want_bench=1; want_test=1 ;;
    --fuzz) want_fuzz=1 ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# ---- Debian packages -------------------------------------------------------
# Required: python3-onnx builds the default embedding model; libsqlite3-0 is the one SQLite (Catalog/SystemSqlite.cs).
packages=(libsqlite3-0 python3-onnx python3-numpy)
packages+=(fonts-dejavu-core)  # the text of plots: SkiaSharp (under ScottPlot) draws with system fonts and ships none
[ "$want_test" = 1 ] && packages+=(chromium python3-sentencepiece)  # chromium: the web e2e tests; sentencepiece: reference for the SigLIP tokenizer test
[ "$want_test" = 1 ] && packages+=(postgresql-15)  # the PostgreSQL catalog and worker tests (tests/Lookalike.Testing/Postgres)
[ "$want_bench" = 1 ] && packages+=(libvips-tools python3-hnswlib python3-faiss findimagedupes)  # vipsthumbnail: the decode peer; findimagedupes: the dupes peer (bench index-throughput)
[ "$want_fuzz" = 1 ] && packages+=(afl++)  # afl-fuzz drives scripts/fuzz.sh
# Optional: HEIC. The bundled libvips has no HEVC decoder; Debian's libvips42 reads HEIC through libheif
# (newer Debian releases split the decoder out into libheif-plugin-libde265).
optional=(libvips42)
apt-cache show libheif-plugin-libde265 >/dev/null 2>&1 && optional+=(libheif-plugin-libde265)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=(); missing_optional=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
for p in "${optional[@]}"; do installed "$p" || missing_optional+=("$p"); done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; else SUDO=none; fi
fi
if [ "$SUDO" = none ]; then
  [ "${#missing_optional[@]}" -gt 0 ] &&
    echo "bootstrap: no root: decoding with the bundled libvips, which cannot read HEIC (as root: apt-get install ${missing_optional[*]})" >&2
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "bootstrap: missing Debian packages: ${missing[*]}" >&2
    echo "bootstrap: run as root:  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
else
  missing+=("${missing_optional[@]}")
fi
if [ "$SUDO" != none ] && [ "${#missing[@]}" -gt 0 ]; then
  say "Installing ${missing[*]}"
  # Only the server binaries are wanted: no main cluster, hence no system service to start.
  if printf '%s\n' "${missing[@]}" | grep -q '^postgresql-'; then
    $SUDO mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/lookalike-no-main-cluster.conf >/dev/null
  fi
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- npm tarballs (npm pack + tar, never npm install) ----------------------
# fetch [--strip] NAME@VERSION DEST PATTERN...: unpacks the matching members of the tarball
# into DEST once (--strip: without the tarball's top folder, package/); a stamp file makes re-runs free.
fetch() {
  local strip=0
  [ "$1" = --strip ] && { strip=1; shift; }
  local spec="$1" dest="$2"; shift 2
  local stamp="$dest/.fetched-${spec//\//_}"
  [ -f "$stamp" ] && return 0
  command -v npm >/dev/null || { echo "bootstrap: npm is needed to fetch $spec (apt-get install npm)" >&2; exit 1; }
  say "Fetching $spec from the npm registry"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  rm -rf "$dest"; mkdir -p "$dest"
  tar -xzf "$tmp"/*.tgz -C "$dest" --strip-components="$strip" --wildcards "$@"
  rm -rf "$tmp"
  touch "$stamp"
}
# Real MobileNetV2 weights (TF.js layers model) for the offline default embedding model.
fetch nsfwjs@4.4.0 "$deps/nsfwjs" 'package/dist/models/mobilenet_v2/*' 'package/LICENSE'
# PGlite (PostgreSQL compiled to WebAssembly) with pgvector, served over the wire protocol by pglite-socket: the server of
# the pgvector tests and bench (tests/Lookalike.Testing/Postgres/PgliteServer.cs), laid out as node_modules for node.
if [ "$want_test" = 1 ]; then
  for spec in @electric-sql/pglite@0.5.16 @electric-sql/pglite-socket@0.2.17 @electric-sql/pglite-pgvector@0.0.15; do
    fetch --strip "$spec" "$deps/pglite/node_modules/${spec%@*}" 'package/*'
  done
fi

# Offline default embedding model: the nsfwjs MobileNetV2 converted to ONNX (idempotent, see the script).
if "$root/scripts/models/build-default-model.sh"; then :; else
  echo "bootstrap: the default embedding model was not built (see above); everything else is ready" >&2
fi
# Offline ResNet18 (ImageNet) from NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18, turned into a model folder.
"$root/scripts/models/build-resnet18-model.sh" || echo "bootstrap: the ResNet18 model was not built (see above)" >&2

# SharpFuzz's instrumenter, for scripts/fuzz.sh (a local tool folder, so no global install and no PATH change).
if [ "$want_fuzz" = 1 ] && [ ! -x "$deps/sharpfuzz/sharpfuzz" ]; then
  say "Installing the SharpFuzz instrumenter into .deps/sharpfuzz"
  dotnet tool install --tool-path "$deps/sharpfuzz" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

say "Bootstrap complete"
