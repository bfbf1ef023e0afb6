import json
import math
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


def activation_layer(name):
    """The activation module of a block parameter ("relu", "relu6", "silu", ...)."""
    return {
        "relu": nn.ReLU,
        "relu6": nn.ReLU6,
        "sigmoid": nn.Sigmoid,
        "tanh": nn.Tanh,
        "silu": nn.SiLU,
        "hardswish": nn.Hardswish,
    }[name]()


def channel_shuffle(x, groups):
    """ShuffleNet's channel shuffle (Zhang et al. 2018): N×C×H×W viewed as N×g×(C/g)×H×W, transposed."""
    n, c, h, w = x.shape
    return x.reshape(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)


def projection(in_channels, out_channels, stride, shortcut):
    """The shortcut of residual-style blocks: (None, None) for the identity, else a 1×1 conv and its
    batch norm (He et al. 2016, option B). "auto" projects when the shape changes."""
    changes = stride != 1 or in_channels != out_channels
    if shortcut == "identity" or (shortcut == "auto" and not changes):
        return None, None
    return nn.Conv2d(in_channels, out_channels, 1, stride, bias=False), nn.BatchNorm2d(out_channels)


def basic_conv(in_channels, out_channels, kernel, batch_norm):
    """torchvision's BasicConv2d without its ReLU: a k×k conv (no bias with batch norm) and a batch
    norm with eps 0.001, or a conv with bias alone. Returns (conv, bn or None)."""
    conv = nn.Conv2d(in_channels, out_channels, kernel, padding=(kernel - 1) // 2, bias=not batch_norm)
    return conv, (nn.BatchNorm2d(out_channels, eps=1e-3) if batch_norm else None)


def conv_bn_relu(conv, bn, x):
    y = conv(x)
    return F.relu(y if bn is None else bn(y))


_DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64}


def load_safetensors(path):
    """Reads a safetensors file: an 8-byte little-endian header length, a JSON header, then raw
    little-endian tensors. Returns (tensors by name, metadata)."""
    assert sys.byteorder == "little", "torch.frombuffer reads the host byte order"
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = bytearray(f.read())
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        count = (end - begin) // torch.tensor([], dtype=dtype).element_size()
        flat = torch.frombuffer(data, dtype=dtype, count=count, offset=begin) if count else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors, header.get("__metadata__", {})


def save_safetensors(path, tensors, metadata):
    """Writes tensors (float32 and int64) and string metadata as a safetensors file."""
    header = {"__metadata__": {k: str(v) for k, v in metadata.items()}}
    offset = 0
    parts = []
    for name, t in tensors.items():
        t = t.detach().to("cpu").contiguous()
        t = t.float() if t.is_floating_point() else t.long()
        raw = bytearray(t.numel() * t.element_size())
        if t.numel():
            torch.frombuffer(raw, dtype=t.dtype).copy_(t.reshape(-1))
        dtype = "F32" if t.dtype == torch.float32 else "I64"
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        parts.append(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in parts:
            f.write(raw)


def load_weights(model, path):
    """Loads weights saved by Blockscope or train.py into model (every tensor must match); returns the
    file's metadata (classes, mean, std, ...)."""
    tensors, metadata = load_safetensors(path)
    model.load_state_dict(tensors, strict=True)
    return metadata
