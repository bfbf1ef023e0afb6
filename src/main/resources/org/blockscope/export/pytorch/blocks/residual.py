class Residual(nn.Module):
    """ResNet block (He et al. 2016): basic 3×3, 3×3 or bottleneck 1×1, 3×3, 1×1 (×4 channels, the
    stride on the 3×3 as torchvision), optional squeeze-and-excitation on the branch (Hu et al. 2018),
    plus the shortcut, then ReLU."""

    def __init__(self, in_channels, variant="basic", filters=64, stride=1, shortcut="auto", se=False, se_ratio=16):
        super().__init__()
        self.bottleneck = variant == "bottleneck"
        if self.bottleneck:
            out = filters * 4
            self.conv1 = nn.Conv2d(in_channels, filters, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(filters)
            self.conv2 = nn.Conv2d(filters, filters, 3, stride, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(filters)
            self.conv3 = nn.Conv2d(filters, out, 1, bias=False)
            self.bn3 = nn.BatchNorm2d(out)
        else:
            out = filters
            self.conv1 = nn.Conv2d(in_channels, filters, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(filters)
            self.conv2 = nn.Conv2d(filters, filters, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(filters)
        self.se = SE(out, ratio=se_ratio) if se else None
        self.shortcut_conv, self.shortcut_bn = projection(in_channels, out, stride, shortcut)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        if self.bottleneck:
            y = F.relu(self.bn2(self.conv2(y)))
            y = self.bn3(self.conv3(y))
        else:
            y = self.bn2(self.conv2(y))
        if self.se is not None:
            y = self.se(y)
        shortcut = x if self.shortcut_conv is None else self.shortcut_bn(self.shortcut_conv(x))
        return F.relu(y + shortcut)
