#!/usr/bin/env python3
"""Exports SEEDS.md 003 §5.2's seed CNN from PyTorch to ONNX and records ONNX Runtime's
predictions on the first 1,000 Fashion-MNIST test images, for Lepton's import test.

Run with the peer venv of ../shared/bench (torch, onnx, onnxruntime):

    /tmp/lepton-peers/venv-torch/bin/python scripts/onnx/export-seed-cnn.py

Writes Tests/LeptonCLITests/Fixtures/seed-cnn.onnx (opset 17: Conv, Relu, MaxPool, Flatten,
Gemm, Softmax; weights as initializers) and seed-cnn-ort.json (the 1,000 × 10 probabilities
from ONNX Runtime). The network is trained for one epoch on Fashion-MNIST's training split
(seed 1) so that its outputs are not those of random weights.
"""
import gzip
import json
import os

import numpy as np
import onnxruntime as ort
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LeptonCLITests", "Fixtures")
DATA = "/usr/share/datasets/fashion-mnist"


def idx(name):
    with gzip.open(os.path.join(DATA, name + ".gz")) as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    torch.manual_seed(1)
    torch.set_num_threads(2)
    x_train = torch.tensor(idx("train-images-idx3-ubyte"), dtype=torch.float32).unsqueeze(1) / 255
    y_train = torch.tensor(idx("train-labels-idx1-ubyte"), dtype=torch.long)
    x_test = idx("t10k-images-idx3-ubyte")[:1000].astype(np.float32)[:, None, :, :] / 255
    model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(32 * 13 * 13, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss = nn.CrossEntropyLoss()
    order = torch.randperm(len(x_train))
    model.train()
    for start in range(0, len(order), 64):
        batch = order[start:start + 64]
        optimizer.zero_grad()
        loss(model(x_train[batch]), y_train[batch]).backward()
        optimizer.step()
    exported = nn.Sequential(model, nn.Softmax(dim=1)).eval()
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "seed-cnn.onnx")
    torch.onnx.export(exported, torch.zeros(1, 1, 28, 28), path, opset_version=17, dynamo=False,
                      input_names=["image"], output_names=["probabilities"],
                      dynamic_axes={"image": {0: "batch"}, "probabilities": {0: "batch"}})
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    probabilities = session.run(None, {"image": x_test})[0]
    with open(os.path.join(OUT, "seed-cnn-ort.json"), "w") as f:
        json.dump({"source": "ONNX Runtime " + ort.__version__ + ", first 1000 Fashion-MNIST test images",
                   "probabilities": [[float(f"{v:.8g}") for v in row] for row in probabilities.tolist()]}, f)
    print(path, os.path.getsize(path), "bytes; test accuracy on the 1000:",
          float((probabilities.argmax(1) == idx("t10k-labels-idx1-ubyte")[:1000]).mean()))


if __name__ == "__main__":
    main()
