#!/usr/bin/python3
"""Converts a dumped TF.js Keras layers model (see tfjs-layers-dump.js) into ONNX.

The ONNX graph takes NCHW float input (TF.js takes NHWC) and can be cut at any layer: every
layer named with --output becomes a graph output (feature maps stay NCHW), and layers no
output depends on are left out, so a model cut at block 10 carries only the weights it uses.

Supports the layer kinds MobileNet-style Keras models use: InputLayer, ZeroPadding2D, Conv2D,
DepthwiseConv2D, BatchNormalization, ReLU (with max_value), Add, AveragePooling2D, Flatten,
Dense, Dropout. Anything else is refused by name rather than converted wrongly.

Usage: tfjs_layers_to_onnx.py DUMP_DIR OUT.onnx --output LAYER [--output LAYER ...] [--size 224]
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13


def read_weights(dump_dir):
    """Returns {name: float32 array} dequantized exactly as TF.js does (q * scale + min)."""
    with open(os.path.join(dump_dir, "topology.json")) as f:
        dump = json.load(f)
    with open(os.path.join(dump_dir, "weights.bin"), "rb") as f:
        blob = f.read()
    weights, offset = {}, 0
    for group in dump["weightsManifest"]:
        for spec in group["weights"]:
            shape = spec["shape"]
            count = int(np.prod(shape)) if shape else 1
            quant = spec.get("quantization")
            if quant:
                qtype = {"uint8": np.uint8, "uint16": np.uint16}[quant["dtype"]]
                raw = np.frombuffer(blob, dtype=qtype, count=count, offset=offset)
                offset += raw.nbytes
                values = (raw.astype(np.float64) * quant["scale"] + quant["min"]).astype(np.float32)
            else:
                if spec["dtype"] != "float32":
                    sys.exit(f"unsupported weight dtype {spec['dtype']} for {spec['name']}")
                values = np.frombuffer(blob, dtype=np.float32, count=count, offset=offset).copy()
                offset += values.nbytes
            weights[spec["name"]] = values.reshape(shape)
    if offset != len(blob):
        sys.exit(f"weights.bin has {len(blob)} bytes but the manifest describes {offset}")
    return dump["modelTopology"]["model_config"]["config"], weights


class GraphBuilder:
    def __init__(self, weights):
        self.weights = weights
        self.nodes = []
        self.initializers = []

    def constant(self, name, array):
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def weight(self, layer, key):
        return self.weights[f"{layer}/{key}"]

    def node(self, op, inputs, output, **attrs):
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output


def same_pads(kernel, dilation):
    """Keras 'same' with stride 1: total padding k-1, the extra pixel (if any) at the end."""
    total = [(k - 1) * d for k, d in zip(kernel, dilation)]
    begin = [t // 2 for t in total]
    return begin + [t - b for t, b in zip(total, begin)]


def conv_attrs(config):
    strides = config["strides"]
    dilation = config.get("dilation_rate", [1, 1])
    kernel = config["kernel_size"]
    if config["padding"] == "same":
        if strides != [1, 1]:
            sys.exit(f"{config['name']}: 'same' padding with stride {strides} is not supported")
        pads = same_pads(kernel, dilation)
    elif config["padding"] == "valid":
        pads = [0, 0, 0, 0]
    else:
        sys.exit(f"{config['name']}: unsupported padding {config['padding']}")
    return dict(kernel_shape=kernel, strides=strides, dilations=dilation, pads=pads)


def activation(builder, name, kind, x):
    if kind == "linear":
        return x
    if kind == "relu":
        return builder.node("Relu", [x], f"{name}/relu")
    if kind == "softmax":
        return builder.node("Softmax", [x], f"{name}/softmax", axis=-1)
    sys.exit(f"{name}: unsupported activation {kind}")


def convert_layer(builder, layer, inputs):
    kind, config, name = layer["class_name"], layer["config"], layer["name"]
    b = builder
    if kind == "ZeroPadding2D":
        (top, bottom), (left, right) = config["padding"]
        pads = b.constant(f"{name}/pads", np.array([0, 0, top, left, 0, 0, bottom, right], dtype=np.int64))
        return b.node("Pad", [inputs[0], pads], name)
    if kind == "Conv2D":
        kernel = b.weight(name, "kernel").transpose(3, 2, 0, 1)  # [kh,kw,in,out] -> [out,in,kh,kw]
        args = [inputs[0], b.constant(f"{name}/W", kernel)]
        if config["use_bias"]:
            args.append(b.constant(f"{name}/B", b.weight(name, "bias")))
        y = b.node("Conv", args, f"{name}/conv", **conv_attrs(config))
        return rename(b, activation(b, name, config["activation"], y), name)
    if kind == "DepthwiseConv2D":
        kernel = b.weight(name, "depthwise_kernel")  # [kh,kw,in,mult]
        kh, kw, channels, mult = kernel.shape
        kernel = kernel.transpose(2, 3, 0, 1).reshape(channels * mult, 1, kh, kw)
        args = [inputs[0], b.constant(f"{name}/W", kernel)]
        if config["use_bias"]:
            args.append(b.constant(f"{name}/B", b.weight(name, "bias")))
        y = b.node("Conv", args, f"{name}/conv", group=channels, **conv_attrs(config))
        return rename(b, activation(b, name, config["activation"], y), name)
    if kind == "BatchNormalization":
        if config["axis"] not in (-1, 3):
            sys.exit(f"{name}: BatchNormalization over axis {config['axis']} is not supported")
        channels = b.weight(name, "moving_mean").shape[0]
        gamma = b.weight(name, "gamma") if config["scale"] else np.ones(channels, np.float32)
        beta = b.weight(name, "beta") if config["center"] else np.zeros(channels, np.float32)
        args = [inputs[0], b.constant(f"{name}/gamma", gamma), b.constant(f"{name}/beta", beta),
                b.constant(f"{name}/mean", b.weight(name, "moving_mean")),
                b.constant(f"{name}/var", b.weight(name, "moving_variance"))]
        return b.node("BatchNormalization", args, name, epsilon=float(config["epsilon"]))
    if kind == "ReLU":
        if config.get("negative_slope", 0) != 0 or config.get("threshold", 0) != 0:
            sys.exit(f"{name}: leaky/thresholded ReLU is not supported")
        if config.get("max_value") is None:
            return b.node("Relu", [inputs[0]], name)
        low = b.constant(f"{name}/min", np.array(0, dtype=np.float32))
        high = b.constant(f"{name}/max", np.array(config["max_value"], dtype=np.float32))
        return b.node("Clip", [inputs[0], low, high], name)
    if kind == "Add":
        y = inputs[0]
        for i, other in enumerate(inputs[1:]):
            y = b.node("Add", [y, other], name if i == len(inputs) - 2 else f"{name}/{i}")
        return y
    if kind == "AveragePooling2D":
        if config["padding"] != "valid":
            sys.exit(f"{name}: only 'valid' average pooling is supported")
        return b.node("AveragePool", [inputs[0]], name, kernel_shape=config["pool_size"], strides=config["strides"])
    if kind == "Flatten":
        # NCHW and NHWC flatten agree only when the map is 1x1, which is the Keras head case here;
        # a Transpose keeps the channels-last order for any map size.
        t = b.node("Transpose", [inputs[0]], f"{name}/nhwc", perm=[0, 2, 3, 1])
        return b.node("Flatten", [t], name, axis=1)
    if kind == "Dense":
        y = b.node("MatMul", [inputs[0], b.constant(f"{name}/W", b.weight(name, "kernel"))], f"{name}/matmul")
        if config["use_bias"]:
            y = b.node("Add", [y, b.constant(f"{name}/B", b.weight(name, "bias"))], f"{name}/bias")
        return rename(b, activation(b, name, config["activation"], y), name)
    if kind == "Dropout":
        return b.node("Identity", [inputs[0]], name)
    sys.exit(f"{name}: unsupported layer kind {kind}")


def rename(builder, tensor, name):
    """Gives a layer's final tensor the layer's own name, so outputs can be asked for by layer name."""
    if tensor == name:
        return tensor
    return builder.node("Identity", [tensor], name)


def needed_layers(layers, outputs):
    by_name = {layer["name"]: layer for layer in layers}
    missing = [o for o in outputs if o not in by_name]
    if missing:
        sys.exit(f"no such layer(s): {', '.join(missing)}")
    needed, stack = set(), list(outputs)
    while stack:
        name = stack.pop()
        if name in needed:
            continue
        needed.add(name)
        for node in by_name[name]["inbound_nodes"]:
            stack.extend(inbound[0] for inbound in node)
    return needed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump_dir")
    parser.add_argument("out")
    parser.add_argument("--output", action="append", required=True, help="layer whose result becomes a graph output")
    parser.add_argument("--input-name", default="input")
    parser.add_argument("--size", type=int, default=224, help="input height and width")
    args = parser.parse_args()

    config, weights = read_weights(args.dump_dir)
    layers = config["layers"]
    needed = needed_layers(layers, args.output)
    builder = GraphBuilder(weights)
    tensors = {}
    (input_layer,) = [layer for layer in layers if layer["class_name"] == "InputLayer"]
    tensors[input_layer["name"]] = args.input_name
    for layer in layers:  # Keras lists layers in topological order
        if layer["name"] not in needed or layer["class_name"] == "InputLayer":
            continue
        if len(layer["inbound_nodes"]) != 1:
            sys.exit(f"{layer['name']}: shared layers are not supported")
        inputs = [tensors[inbound[0]] for inbound in layer["inbound_nodes"][0]]
        tensors[layer["name"]] = convert_layer(builder, layer, inputs)

    graph_input = helper.make_tensor_value_info(args.input_name, TensorProto.FLOAT, ["batch", 3, args.size, args.size])
    graph = helper.make_graph(builder.nodes, "tfjs_layers", [graph_input], [], builder.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="lookalike tfjs_layers_to_onnx")
    model.ir_version = 8  # what ONNX Runtime 1.30 and onnx 1.12 both read
    # Outputs get their shapes from shape inference, so declare them only afterwards.
    inferred = {v.name: v for v in onnx.shape_inference.infer_shapes(model).graph.value_info}
    model.graph.output.extend(inferred[tensors[o]] for o in args.output)
    onnx.checker.check_model(model)
    onnx.save(model, args.out)
    shapes = {o.name: [d.dim_value or d.dim_param for d in o.type.tensor_type.shape.dim] for o in model.graph.output}
    print(f"tfjs_layers_to_onnx: {len(builder.nodes)} nodes, {sum(i.ByteSize() for i in builder.initializers)} weight bytes -> {args.out} {shapes}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
