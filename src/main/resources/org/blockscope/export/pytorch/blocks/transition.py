class Transition(nn.Module):
    """DenseNet transition (Huang et al. 2017, DenseNet-C): BN, ReLU, 1×1 conv to floor(θ·C)
    channels, 2×2 average pool with stride 2."""

    def __init__(self, in_channels, compression=0.5):
        super().__init__()
        out = math.floor(compression * in_channels)
        self.bn = nn.BatchNorm2d(in_channels)
        self.conv = nn.Conv2d(in_channels, out, 1, bias=False)

    def forward(self, x):
        return F.avg_pool2d(self.conv(F.relu(self.bn(x))), 2, 2)
