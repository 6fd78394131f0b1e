#!/usr/bin/python3
"""Writes a small ONNX model with random weights and the input/output signature of a real export, so the
embedding tests run every preset's loading, preprocessing and readout path without the real weights.

Image towers (--image): input [batch,3,S,S] (nchw) or [batch,S,S,3] (nhwc) -> a strided conv "patchify"
-> one output per --output NAME:KIND:DIM, where KIND is
  vector  [batch, DIM]              (CLIP/SigLIP image_embeds, DINOv2 pooler_output, pooled CNNs)
  tokens  [batch, 1 + patches, DIM] (ViT last_hidden_state, class token first)
  map     [batch, DIM, 7, 7]        (CNN feature map, NCHW)
Text towers (--text): input_ids [batch, CONTEXT] (int64, or int32 with --int32) -> embedding lookup,
mean over positions, projection -> outputs of KIND vector.

The weights are random but fixed by --seed, and the image conv sees colour and position, so different
images give different embeddings and the same image the same embedding.

Usage: make_test_model.py OUT.onnx --image --input pixel_values --layout nchw --size 224 --output image_embeds:vector:512
       make_test_model.py OUT.onnx --text --input input_ids --context 77 --vocab 49408 --output text_embeds:vector:512
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def image_graph(args, rng, nodes, inits):
    patch = args.size // 7  # 7x7 patches, like the final map of a CNN
    x = args.input
    if args.layout == "nhwc":
        nodes.append(helper.make_node("Transpose", [x], ["nchw"], perm=[0, 3, 1, 2]))
        x = "nchw"
    width = 32
    inits.append(numpy_helper.from_array(rng.normal(0, 0.02, (width, 3, patch, patch)).astype(np.float32), "patch_w"))
    inits.append(numpy_helper.from_array(rng.normal(0, 0.1, (width,)).astype(np.float32), "patch_b"))
    nodes.append(helper.make_node("Conv", [x, "patch_w", "patch_b"], ["patches"], kernel_shape=[patch, patch], strides=[patch, patch]))
    nodes.append(helper.make_node("Relu", ["patches"], ["map"]))  # [N, width, 7, 7]
    nodes.append(helper.make_node("Flatten", ["map"], ["flat"], axis=1))  # [N, width*49]
    inputs = [helper.make_tensor_value_info(args.input, TensorProto.FLOAT,
                                            ["batch", 3, args.size, args.size] if args.layout == "nchw" else ["batch", args.size, args.size, 3])]
    outputs = []
    for name, kind, dim in args.outputs:
        if kind == "vector":
            inits.append(numpy_helper.from_array(rng.normal(0, 0.05, (width * 49, dim)).astype(np.float32), f"{name}_w"))
            nodes.append(helper.make_node("MatMul", ["flat", f"{name}_w"], [name]))
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", dim]))
        elif kind == "map":
            inits.append(numpy_helper.from_array(rng.normal(0, 0.2, (dim, width, 1, 1)).astype(np.float32), f"{name}_w"))
            nodes.append(helper.make_node("Conv", ["map", f"{name}_w"], [f"{name}_pre"], kernel_shape=[1, 1]))
            nodes.append(helper.make_node("Relu", [f"{name}_pre"], [name]))
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", dim, 7, 7]))
        elif kind == "tokens":
            inits.append(numpy_helper.from_array(rng.normal(0, 0.2, (width, dim)).astype(np.float32), f"{name}_w"))
            inits.append(numpy_helper.from_array(np.array([0, width, 49], dtype=np.int64), f"{name}_shape"))
            nodes.append(helper.make_node("Reshape", ["map", f"{name}_shape"], [f"{name}_seq"]))  # [N, width, 49]
            nodes.append(helper.make_node("Transpose", [f"{name}_seq"], [f"{name}_tok"], perm=[0, 2, 1]))  # [N, 49, width]
            nodes.append(helper.make_node("MatMul", [f"{name}_tok", f"{name}_w"], [f"{name}_patches"]))  # [N, 49, dim]
            nodes.append(helper.make_node("ReduceMean", [f"{name}_patches"], [f"{name}_cls"], axes=[1], keepdims=1))  # class token
            nodes.append(helper.make_node("Concat", [f"{name}_cls", f"{name}_patches"], [name], axis=1))  # [N, 50, dim]
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", 50, dim]))
        else:
            raise SystemExit(f"unknown output kind {kind}")
    return inputs, outputs


def text_graph(args, rng, nodes, inits):
    width = 16
    ids = args.input
    if args.int32:
        nodes.append(helper.make_node("Cast", [ids], ["ids64"], to=TensorProto.INT64))
        ids = "ids64"
    inits.append(numpy_helper.from_array(rng.normal(0, 1, (args.vocab, width)).astype(np.float32), "token_embedding"))
    nodes.append(helper.make_node("Gather", ["token_embedding", ids], ["embedded"]))  # [N, context, width]
    nodes.append(helper.make_node("ReduceMean", ["embedded"], ["pooled"], axes=[1], keepdims=0))
    inputs = [helper.make_tensor_value_info(args.input, TensorProto.INT32 if args.int32 else TensorProto.INT64, ["batch", args.context])]
    outputs = []
    for name, kind, dim in args.outputs:
        if kind != "vector":
            raise SystemExit("text towers have vector outputs only")
        inits.append(numpy_helper.from_array(rng.normal(0, 0.5, (width, dim)).astype(np.float32), f"{name}_w"))
        nodes.append(helper.make_node("MatMul", ["pooled", f"{name}_w"], [name]))
        outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", dim]))
    return inputs, outputs


def parse_output(text):
    name, kind, dim = text.split(":")
    return name, kind, int(dim)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--image", action="store_true")
    kind.add_argument("--text", action="store_true")
    parser.add_argument("--input", required=True)
    parser.add_argument("--layout", choices=["nchw", "nhwc"], default="nchw")
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--context", type=int, default=77)
    parser.add_argument("--vocab", type=int, default=49408)
    parser.add_argument("--int32", action="store_true")
    parser.add_argument("--output", dest="outputs", action="append", type=parse_output, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=0, help="fix the batch dimension (Immich's exports take exactly 1); 0: dynamic")
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    nodes, inits = [], []
    inputs, outputs = (image_graph if args.image else text_graph)(args, rng, nodes, inits)
    if args.batch:
        for value in inputs + outputs:
            value.type.tensor_type.shape.dim[0].dim_value = args.batch
    graph = helper.make_graph(nodes, "lookalike_test_model", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="lookalike make_test_model")
    model.ir_version = 8
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    onnx.save(model, args.out)


if __name__ == "__main__":
    main()
