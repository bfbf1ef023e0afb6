"""Parameter and MAC counts of torchvision models, the oracle of TemplateFiguresTest.

Run with Debian's python3-torchvision (torch 1.13, torchvision 0.14):
    /usr/bin/python3 src/test/python/torchvision_figures.py [model[@size] ...]

Counting convention (as Blockscope's): params are trainable parameters (BN gamma/beta included,
running statistics not); MACs count conv and fully connected multiply-accumulates only:
conv H_out*W_out*C_out*(C_in/groups)*k_h*k_w, linear in*out.
"""
import sys

import torch
import torchvision


def count(model, size):
    macs = [0]

    def conv_hook(m, inp, out):
        kh, kw = m.kernel_size
        macs[0] += out.numel() // out.shape[0] * (m.in_channels // m.groups) * kh * kw

    def linear_hook(m, inp, out):
        macs[0] += out.numel() // out.shape[0] * m.in_features

    for m in model.modules():
        if isinstance(m, torch.nn.Conv2d):
            m.register_forward_hook(conv_hook)
        elif isinstance(m, torch.nn.Linear):
            m.register_forward_hook(linear_hook)
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 3, size, size))
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return params, macs[0]


DEFAULT = [
    "alexnet@224", "googlenet@224",
    "shufflenet_v2_x0_5@224", "shufflenet_v2_x1_0@224",
    "efficientnet_b0@224", "efficientnet_b1@240", "efficientnet_b1@224",
    "efficientnet_b2@260", "efficientnet_b2@224", "efficientnet_b3@300", "efficientnet_b3@224",
    "regnet_x_400mf@224", "regnet_y_400mf@224", "regnet_x_800mf@224",
]

if __name__ == "__main__":
    for spec in sys.argv[1:] or DEFAULT:
        name, _, size = spec.partition("@")
        kwargs = {"aux_logits": False, "init_weights": False} if name == "googlenet" else {}
        model = getattr(torchvision.models, name)(weights=None, **kwargs)
        params, macs = count(model, int(size or 224))
        print(f"{name:24s} {int(size or 224):4d} {params:12d} {macs:14d}")
