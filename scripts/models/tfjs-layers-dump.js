#!/usr/bin/env node
// Dumps a TF.js *layers* model that is shipped as JS modules (nsfwjs style: model.min.js exports
// {modelTopology, weightsManifest}, each group*-shard*.min.js exports its weight bytes as base64)
// into plain files the ONNX converter reads: topology.json (topology + manifest) and weights.bin
// (the shards concatenated in manifest order, still quantized exactly as published).
// Usage: node tfjs-layers-dump.js MODEL_DIR OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');

const [modelDir, outDir] = process.argv.slice(2);
if (!modelDir || !outDir) {
  console.error('usage: tfjs-layers-dump.js MODEL_DIR OUT_DIR');
  process.exit(2);
}
const model = require(path.resolve(modelDir, 'model.min.js'));
if (!model.modelTopology || !model.weightsManifest) {
  console.error(`${modelDir}/model.min.js does not export {modelTopology, weightsManifest}`);
  process.exit(1);
}
const chunks = [];
for (const group of model.weightsManifest) {
  for (const shard of group.paths) {
    const file = path.resolve(modelDir, `${shard}.min.js`);
    const base64 = require(file);
    if (typeof base64 !== 'string') {
      console.error(`${file} does not export a base64 string`);
      process.exit(1);
    }
    chunks.push(Buffer.from(base64, 'base64'));
  }
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'topology.json'),
  JSON.stringify({ modelTopology: model.modelTopology, weightsManifest: model.weightsManifest }));
const weights = Buffer.concat(chunks);
fs.writeFileSync(path.join(outDir, 'weights.bin'), weights);
console.error(`tfjs-layers-dump: ${weights.length} weight bytes from ${chunks.length} shard(s) -> ${outDir}`);
