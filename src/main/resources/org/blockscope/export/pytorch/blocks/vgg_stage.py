class VggStage(nn.Module):
    """A VGG stage (Simonyan and Zisserman 2015): n 3×3 convs with bias (padding 1), each followed by
    an optional batch norm and ReLU, then a 2×2 max pool with stride 2."""

    def __init__(self, in_channels, convs=2, filters=64, batch_norm=False):
        super().__init__()
        self.convs = convs
        self.batch_norm = batch_norm
        channels = in_channels
        for i in range(1, convs + 1):
            setattr(self, f"conv{i}", nn.Conv2d(channels, filters, 3, padding=1))
            if batch_norm:
                setattr(self, f"bn{i}", nn.BatchNorm2d(filters))
            channels = filters

    def forward(self, x):
        y = x
        for i in range(1, self.convs + 1):
            y = getattr(self, f"conv{i}")(y)
            if self.batch_norm:
                y = getattr(self, f"bn{i}")(y)
            y = F.relu(y)
        return F.max_pool2d(y, 2, 2)
