"""Reference values of torchvision.ops.deform_conv2d (forward and backward) for DeformConv2dKernelTest.

Run with Debian's python3-torchvision (torch 1.13, torchvision 0.14):
    /usr/bin/python3 src/test/python/deform_conv2d_reference.py > src/test/resources/deform_conv2d_reference.json

Each case draws its input, offsets (spread so that some taps fall outside the image), mask, weight,
bias and output gradient from a seeded generator, in float32, and records the output and the
gradients of sum(output * dy) with respect to input, offsets, mask, weight and bias.
"""
import json

import torch
from torchvision.ops import deform_conv2d

CASES = [
    # name, N, C, H, W, F, k, stride, pad, dilation, modulated
    ("v1 3x3", 2, 3, 7, 6, 4, 3, 1, 1, 1, False),
    ("v2 3x3 stride 2", 2, 3, 7, 7, 5, 3, 2, 1, 1, True),
    ("v2 3x3 dilation 2", 1, 2, 8, 8, 3, 3, 1, 2, 2, True),
    ("v1 5x5 no padding", 1, 2, 9, 7, 2, 5, 1, 0, 1, False),
]


def case(name, n, c, h, w, f, k, stride, pad, dil, modulated, seed):
    g = torch.Generator().manual_seed(seed)
    ho = (h + 2 * pad - dil * (k - 1) - 1) // stride + 1
    wo = (w + 2 * pad - dil * (k - 1) - 1) // stride + 1
    x = torch.randn(n, c, h, w, generator=g).requires_grad_()
    offset = (2.5 * torch.randn(n, 2 * k * k, ho, wo, generator=g)).requires_grad_()
    mask = torch.rand(n, k * k, ho, wo, generator=g).requires_grad_() if modulated else None
    weight = (0.5 * torch.randn(f, c, k, k, generator=g)).requires_grad_()
    bias = torch.randn(f, generator=g).requires_grad_()
    y = deform_conv2d(x, offset, weight, bias, stride=stride, padding=pad, dilation=dil, mask=mask)
    dy = torch.randn(y.shape, generator=g)
    (y * dy).sum().backward()

    def flat(t):
        return [float(v) for v in t.detach().reshape(-1).tolist()]

    out = {
        "name": name, "n": n, "c": c, "h": h, "w": w, "f": f, "kernel": k, "stride": stride, "pad": pad,
        "dilation": dil, "modulated": modulated, "ho": ho, "wo": wo,
        "x": flat(x), "offset": flat(offset), "weight": flat(weight), "bias": flat(bias), "dy": flat(dy),
        "y": flat(y), "dx": flat(x.grad), "doffset": flat(offset.grad), "dweight": flat(weight.grad),
        "dbias": flat(bias.grad),
    }
    if modulated:
        out["mask"] = flat(mask)
        out["dmask"] = flat(mask.grad)
    return out


if __name__ == "__main__":
    torch.set_num_threads(1)
    cases = [case(*spec, seed=i + 1) for i, spec in enumerate(CASES)]
    print(json.dumps({"torch": torch.__version__, "cases": cases}))
