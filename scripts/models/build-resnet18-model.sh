#!/usr/bin/env bash
# Builds the offline ResNet18 model folder from the ImageNet ResNet18 ONNX that NuGet
# Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 ships (tools/DnnImageModels/): downloads only that package
# (PackageDownload, no dependencies) into .deps/nuget, folds its BGR/0..255/mean-image preprocessing into the graph
# and makes the batch dynamic (resnet18_to_model.py), and installs model.onnx + model.json into
# .deps/models/resnet18-imagenet/. Idempotent. Needs the .NET SDK and /usr/bin/python3 with python3-onnx/-numpy.
# Usage: scripts/models/build-resnet18-model.sh [--force]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
name=resnet18-imagenet
package=microsoft.ml.dnnimagefeaturizer.resnet18
version=0.23.1
packages="$root/.deps/nuget"
models="$packages/$package/$version/tools/DnnImageModels"
manifest="$root/models/$name/model.json"
out="$root/.deps/models/$name"
python=/usr/bin/python3

if [ "${1:-}" != "--force" ] && [ -f "$out/model.onnx" ] && [ -f "$out/model.json" ]; then
  stale=$(find "$manifest" "$root/scripts/models/resnet18_to_model.py" "$0" -newer "$out/model.onnx" -type f | head -1)
  [ -z "$stale" ] && exit 0
fi
"$python" -c 'import onnx, numpy' 2>/dev/null ||
  { echo "build-resnet18-model: $python needs onnx and numpy (apt-get install python3-onnx python3-numpy)" >&2; exit 1; }
if [ ! -f "$models/ResNet18Onnx/ResNet18.onnx" ]; then
  command -v dotnet >/dev/null || { echo "build-resnet18-model: the .NET SDK is needed to fetch $package from NuGet" >&2; exit 1; }
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  cat > "$tmp/fetch.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="$package" Version="[$version]" /></ItemGroup>
</Project>
PROJ
  echo "build-resnet18-model: fetching $package $version from NuGet" >&2
  dotnet restore "$tmp/fetch.csproj" --packages "$packages" >/dev/null
fi
mkdir -p "$out"
"$python" "$root/scripts/models/resnet18_to_model.py" "$models/ResNet18Onnx/ResNet18.onnx" \
  "$models/ResNetPrepOnnx/ResNetPreprocess.onnx" "$out/model.onnx.tmp"
mv "$out/model.onnx.tmp" "$out/model.onnx"
cp "$manifest" "$out/model.json"
cp "$packages/$package/$version/LICENSE" "$out/LICENSE" 2>/dev/null || true
echo "build-resnet18-model: $out" >&2
