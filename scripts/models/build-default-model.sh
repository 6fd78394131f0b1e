#!/usr/bin/env bash
# Builds the offline default embedding model from the MobileNetV2 weights published in npm nsfwjs@4.4.0
# (fetched by scripts/bootstrap.sh into .deps/nsfwjs): dumps the TF.js layers model, converts it to ONNX
# cut at the layer models/mobilenet-v2-nsfwjs/model.json reads (image.outputName), and installs
# model.onnx + model.json into .deps/models/mobilenet-v2-nsfwjs/. Idempotent: does nothing when the
# model is newer than its inputs. Needs node and /usr/bin/python3 with python3-onnx and python3-numpy.
# Usage: scripts/models/build-default-model.sh [--force]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
name=mobilenet-v2-nsfwjs
weights="$root/.deps/nsfwjs/package/dist/models/mobilenet_v2"
manifest="$root/models/$name/model.json"
dump="$root/.deps/models/nsfwjs-mobilenet-v2-dump"
out="$root/.deps/models/$name"
python=/usr/bin/python3

[ -f "$weights/model.min.js" ] || { echo "build-default-model: $weights is missing: run scripts/bootstrap.sh" >&2; exit 1; }
if [ "${1:-}" != "--force" ] && [ -f "$out/model.onnx" ] && [ -f "$out/model.json" ]; then
  stale=$(find "$manifest" "$root/scripts/models" "$weights" -newer "$out/model.onnx" -type f | head -1)
  [ -z "$stale" ] && exit 0
fi
command -v node >/dev/null || { echo "build-default-model: node is needed (apt-get install nodejs)" >&2; exit 1; }
"$python" -c 'import onnx, numpy' 2>/dev/null ||
  { echo "build-default-model: $python needs onnx and numpy (apt-get install python3-onnx python3-numpy)" >&2; exit 1; }

layer=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["image"]["outputName"])' "$manifest")
node "$root/scripts/models/tfjs-layers-dump.js" "$weights" "$dump"
mkdir -p "$out"
"$python" "$root/scripts/models/tfjs_layers_to_onnx.py" "$dump" "$out/model.onnx.tmp" --output "$layer"
mv "$out/model.onnx.tmp" "$out/model.onnx"
cp "$manifest" "$out/model.json"
echo "build-default-model: $out (cut at $layer)" >&2
