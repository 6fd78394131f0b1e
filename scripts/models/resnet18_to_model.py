#!/usr/bin/env python3
"""Turns the ImageNet ResNet18 shipped in NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 into a model folder's ONNX.

The package's two graphs expect a batch of exactly one BGR 0..255 image from which ResNetPreprocess.onnx subtracts a
224x224 mean image. The graph written here takes what the embedder feeds every model, RGB 0..1 NCHW [batch,3,224,224]
with a dynamic batch, and folds the rest in front of the network: x*255, channel swap (Gather [2,1,0]), minus the
package's own mean image (kept as it is, so no rounding of the mean). Outputs, all from the same run:
  pool5  [batch,512]         the package's Pooling395_Output_0 (7x7 average of the last block), flattened;
  layer4 [batch,512,7,7]     the last block's feature map (ReLU393), for max/GeM pooling in the manifest;
  layer3 [batch,256,14,14]   the third stage's output map, for instance-level variants.
Usage: resnet18_to_model.py RESNET18.onnx RESNETPREPROCESS.onnx OUT.onnx
"""
import sys

import onnx
from onnx import helper, numpy_helper, shape_inference, TensorProto
import numpy as np


def main(net_path, prep_path, out_path):
    net = onnx.load(net_path)
    prep = onnx.load(prep_path)
    mean = numpy_helper.to_array(next(t for t in prep.graph.initializer if t.name == "MeanImage"))
    assert mean.shape == (1, 3, 224, 224), mean.shape
    # The prep graph is Split -> Concat(B, G, R) -> Sub(MeanImage): check that, so a changed package is not misread.
    ops = [n.op_type for n in prep.graph.node]
    assert ops == ["Split", "Concat", "Sub"], ops
    concat = prep.graph.node[1]
    assert list(concat.input) == ["BInp", "GInp", "RInp"], concat.input

    g = net.graph
    assert len(g.input) == 1 and g.input[0].name == "Input247", [i.name for i in g.input]
    net_input = g.input[0].name

    # Layer taps: the ReLU after the last residual Add of stage 3 (14x14) and of stage 4 (7x7).
    inferred = shape_inference.infer_shapes(net)
    shapes = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim] for v in inferred.graph.value_info}
    relus_after_add = []
    producers = {o: n for n in g.node for o in n.output}
    for n in g.node:
        if n.op_type == "Relu" and producers.get(n.input[0]) is not None and producers[n.input[0]].op_type == "Add":
            relus_after_add.append(n.output[0])
    layer3 = [r for r in relus_after_add if shapes.get(r) == [1, 256, 14, 14]][-1]
    layer4 = [r for r in relus_after_add if shapes.get(r) == [1, 512, 7, 7]][-1]
    pool = g.output[0].name
    assert pool == "Pooling395_Output_0", pool

    front = [
        helper.make_node("Mul", ["input", "scale_255"], ["input_255"], name="to_0_255"),
        helper.make_node("Gather", ["input_255", "bgr_order"], ["input_bgr"], axis=1, name="rgb_to_bgr"),
        helper.make_node("Sub", ["input_bgr", "MeanImage"], [net_input], name="minus_mean_image"),
    ]
    back = [
        helper.make_node("Flatten", [pool], ["pool5"], axis=1, name="pool5_flatten"),
        helper.make_node("Identity", [layer4], ["layer4"], name="layer4_out"),
        helper.make_node("Identity", [layer3], ["layer3"], name="layer3_out"),
    ]
    inits = [
        numpy_helper.from_array(np.array(255.0, dtype=np.float32), "scale_255"),
        numpy_helper.from_array(np.array([2, 1, 0], dtype=np.int64), "bgr_order"),
        numpy_helper.from_array(mean.astype(np.float32), "MeanImage"),
    ]
    graph = helper.make_graph(
        front + list(g.node) + back, "resnet18_imagenet",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 3, 224, 224])],
        [helper.make_tensor_value_info("pool5", TensorProto.FLOAT, ["batch", 512]),
         helper.make_tensor_value_info("layer4", TensorProto.FLOAT, ["batch", 512, 7, 7]),
         helper.make_tensor_value_info("layer3", TensorProto.FLOAT, ["batch", 256, 14, 14])],
        inits + list(g.initializer))
    model = helper.make_model(graph, opset_imports=list(net.opset_import), producer_name="lookalike resnet18_to_model.py")
    model.ir_version = 4  # IR 4: initializers need not be listed as graph inputs (the package file is IR 3)
    onnx.checker.check_model(model)
    onnx.save(model, out_path)
    print(f"resnet18_to_model: {len(model.graph.node)} nodes, taps layer3={layer3} layer4={layer4} -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
