#!/usr/bin/env python3
"""Writes the binary and generated files of Tests/Fuzz/corpus (the fuzz targets' valid seeds).

The scheduling instance is the shape SAGA and many workflow tools produce (10 independent
jobs between a zero-work source and sink on 3 devices); the safetensors, IDX and ONNX files
are minimal valid files of each format. The CSV and results.json seeds are copies of shipped
files (Datasets/seattle-weather, Reports/baselines) and are not written here.
Run from the repository root: python3 scripts/make-fuzz-corpus.py
"""
import json
import random
import struct

base = 'Tests/Fuzz/corpus/'

rng = random.Random(27)
devices = [{"name": "d0", "speed": 1.0}, {"name": "d1", "speed": 1.5}, {"name": "d2", "speed": 2.5, "kind": "cloud"}]
jobs = [{"name": "source", "work": 0}] + [{"name": "t%d" % i, "work": float(rng.randint(5, 40))} for i in range(10)] \
    + [{"name": "sink", "work": 0}]
edges = [{"from": "source", "to": "t%d" % i, "data": 0} for i in range(10)] \
    + [{"from": "t%d" % i, "to": "sink", "data": 0} for i in range(10)]
json.dump({"name": "saga-source-sink-10", "devices": devices, "jobs": jobs, "edges": edges},
          open(base + 'scheduling/source-sink-10-jobs.json', 'w'), indent=2)


def safetensors(tensors, meta):
    header = {"__metadata__": meta}
    data = b''
    for name, shape, values in tensors:
        raw = struct.pack('<%df' % len(values), *values)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(',', ':')).encode()
    return struct.pack('<Q', len(text)) + text + data


open(base + 'safetensors/dense.safetensors', 'wb').write(safetensors(
    [("layer0.weight", [3, 2], [0.1, -0.2, 0.3, 0.4, -0.5, 0.6]), ("layer0.bias", [2], [0.0, 1.0])],
    {"model": "fuzz", "input_shape": "3"}))

open(base + 'idx/images-idx3-ubyte', 'wb').write(bytes([0, 0, 8, 3]) + struct.pack('>III', 2, 4, 4) + bytes(range(32)))
open(base + 'idx/labels-idx1-ubyte', 'wb').write(bytes([0, 0, 8, 1]) + struct.pack('>I', 2) + bytes([3, 7]))


def varint(v):
    out = b''
    while True:
        b = v & 0x7f
        v >>= 7
        out += bytes([b | (0x80 if v else 0)])
        if not v:
            return out


def field(n, payload): return varint(n << 3 | 2) + varint(len(payload)) + payload
def text(n, s): return field(n, s.encode())
def integer(n, v): return varint(n << 3) + varint(v)


def tensor(name, dims, values):
    return b''.join(integer(1, d) for d in dims) + integer(2, 1) + text(8, name) \
        + field(9, struct.pack('<%df' % len(values), *values))


def node(op, inputs, output):
    return b''.join(text(1, i) for i in inputs) + text(2, output) + text(3, op.lower() + "_node") + text(4, op)


# ONNX: y = x·M + A (MatMul + Add), x of shape [1, 3]; ModelProto.ir_version 8, graph 7.
dims = b''.join(field(1, integer(1, d)) for d in [1, 3])
graph_input = field(11, text(1, "x") + field(2, field(1, field(2, dims))))
graph = field(1, node("MatMul", ["x", "M"], "m")) + field(1, node("Add", ["m", "A"], "y")) \
    + field(5, tensor("M", [3, 2], [1, 2, 3, 4, 5, 6])) + field(5, tensor("A", [2], [0.5, -1])) + graph_input
open(base + 'onnx/matmul-add.onnx', 'wb').write(integer(1, 8) + field(7, graph))
