"""ShuffleNet v1 at 1x for g = 1, 2, 3, 4, 8: parameters and MACs, the oracle of the
shufflenet_v1 figures in TemplateFiguresTest.

The network follows the paper (Zhang et al. 2018, table 1 and figure 2) as the authors' code
(megvii-model/ShuffleNet-Series, ShuffleNetV1) builds it: 3x3/2 conv of 24 + BN + ReLU, 3x3/2 max
pool, stages of 4, 8, 4 units; a unit's bottleneck is out/4 channels, the first 1x1 of stage 2 is
not grouped, a stride-2 unit's branch makes out - in channels and is concatenated with a 3x3/2
average pool of its input; global average pool and a fully connected layer without bias.
Counted with the same hooks as torchvision_figures.py. Run with /usr/bin/python3.
"""
import torch
from torch import nn

from torchvision_figures import count

WIDTHS = {1: 144, 2: 200, 3: 240, 4: 272, 8: 384}  # stage 2 output at 1x (table 1)


class Unit(nn.Module):
    def __init__(self, cin, cout, groups, stride, first):
        super().__init__()
        self.stride = stride
        self.groups = groups
        branch = cout - cin if stride == 2 else cout
        mid = cout // 4
        self.a = nn.Sequential(
            nn.Conv2d(cin, mid, 1, groups=1 if first else groups, bias=False),
            nn.BatchNorm2d(mid), nn.ReLU())
        self.b = nn.Sequential(
            nn.Conv2d(mid, mid, 3, stride, 1, groups=mid, bias=False), nn.BatchNorm2d(mid),
            nn.Conv2d(mid, branch, 1, groups=groups, bias=False), nn.BatchNorm2d(branch))
        self.pool = nn.AvgPool2d(3, 2, 1)

    def forward(self, x):
        y = self.a(x)
        n, c, h, w = y.shape
        y = self.b(y.view(n, self.groups, c // self.groups, h, w).transpose(1, 2).reshape(n, c, h, w))
        return torch.relu(y + x) if self.stride == 1 else torch.cat((self.pool(x), torch.relu(y)), 1)


def shufflenet_v1(groups):
    layers = [nn.Conv2d(3, 24, 3, 2, 1, bias=False), nn.BatchNorm2d(24), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 24
    for stage, repeats in enumerate((4, 8, 4)):
        cout = WIDTHS[groups] << stage
        for i in range(repeats):
            layers.append(Unit(cin, cout, groups, 2 if i == 0 else 1, stage == 0 and i == 0))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 1000, bias=False)]
    return nn.Sequential(*layers)


if __name__ == "__main__":
    for g in WIDTHS:
        params, macs = count(shufflenet_v1(g), 224)
        print(f"shufflenet_v1_g{g} 224 {params:12d} {macs:14d}")
