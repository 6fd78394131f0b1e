#!/usr/bin/env node
// Runs the ORIGINAL TF.js model (from a tfjs-layers-dump.js dump) on a fixed synthetic input and
// writes small reference vectors that the C# tests compare the converted ONNX model against.
// Needs @tensorflow/tfjs-core, -layers and -backend-cpu, installed in a temp dir outside the repo:
//   (cd /tmp/tfjs && npm install @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-layers@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0)
//   NODE_PATH=/tmp/tfjs/node_modules node tfjs-reference.js DUMP_DIR OUT.json LAYER...
// The input (NCHW terms, as TfjsReferenceTests.SyntheticInput builds it):
//   x[c][y][x] = ((3*y*y + 5*x + 71*c + x*y) mod 256) / 255
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');

async function main() {
  const [dumpDir, outFile, ...layerNames] = process.argv.slice(2);
  if (!dumpDir || !outFile || layerNames.length === 0) {
    console.error('usage: tfjs-reference.js DUMP_DIR OUT.json LAYER...');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const dump = JSON.parse(fs.readFileSync(path.join(dumpDir, 'topology.json'), 'utf8'));
  const bytes = fs.readFileSync(path.join(dumpDir, 'weights.bin'));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const weightSpecs = dump.weightsManifest.flatMap(group => group.weights);
  const model = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: dump.modelTopology, weightSpecs, weightData }));
  const probe = tfl.model({ inputs: model.inputs, outputs: layerNames.map(name => model.getLayer(name).output) });

  const size = 224;
  const input = new Float32Array(size * size * 3); // NHWC for TF.js
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      for (let c = 0; c < 3; c++)
        input[(y * size + x) * 3 + c] = ((3 * y * y + 5 * x + 71 * c + x * y) % 256) / 255;
  let outputs = probe.predict(tf.tensor4d(input, [1, size, size, 3]));
  if (!Array.isArray(outputs)) outputs = [outputs];

  const result = { input: 'x[c][y][x] = ((3*y*y + 5*x + 71*c + x*y) mod 256) / 255, NCHW [1,3,224,224]', layers: {} };
  layerNames.forEach((name, i) => {
    const out = outputs[i];
    const entry = { shape: out.shape };
    if (out.shape.length === 4) {
      // Pool over H and W (NHWC axes 1, 2): per-channel values, independent of memory layout.
      entry.max = Array.from(tf.max(out, [1, 2]).dataSync());
      entry.mean = Array.from(tf.mean(out, [1, 2]).dataSync());
    } else {
      entry.values = Array.from(out.dataSync());
    }
    result.layers[name] = entry;
  });
  fs.writeFileSync(outFile, JSON.stringify(result, null, 1) + '\n');
  console.error(`tfjs-reference: ${layerNames.join(', ')} -> ${outFile}`);
}
main().catch(err => { console.error(err); process.exit(1); });
