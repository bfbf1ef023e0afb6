class ResNeXt(nn.Module):
    """ResNeXt block (Xie et al. 2017, figure 3c): a bottleneck whose 3×3 is a grouped conv with
    `cardinality` groups; width = floor(filters · base_width / 64) · cardinality (torchvision)."""

    def __init__(self, in_channels, filters=64, cardinality=32, base_width=4, stride=1, shortcut="auto"):
        super().__init__()
        width = int(filters * (base_width / 64.0)) * cardinality
        out = filters * 4
        self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, groups=cardinality, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, out, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out)
        self.shortcut_conv, self.shortcut_bn = projection(in_channels, out, stride, shortcut)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        shortcut = x if self.shortcut_conv is None else self.shortcut_bn(self.shortcut_conv(x))
        return F.relu(y + shortcut)
