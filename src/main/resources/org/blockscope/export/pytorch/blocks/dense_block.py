class DenseBlock(nn.Module):
    """DenseNet dense block (Huang et al. 2017): layer l sees the concatenation of the block input and
    every earlier layer's output and adds `growth` channels; with the bottleneck (DenseNet-B)
    BN-ReLU-1×1 conv (bn_size · growth) then BN-ReLU-3×3 conv, else BN-ReLU-3×3 conv."""

    def __init__(self, in_channels, layers=6, growth=32, bottleneck=True, bn_size=4):
        super().__init__()
        self.layers = layers
        self.bottleneck = bottleneck
        channels = in_channels
        for l in range(1, layers + 1):
            width = channels
            if bottleneck:
                width = bn_size * growth
                setattr(self, f"l{l}_bn1", nn.BatchNorm2d(channels))
                setattr(self, f"l{l}_conv1", nn.Conv2d(channels, width, 1, bias=False))
            setattr(self, f"l{l}_bn2", nn.BatchNorm2d(width))
            setattr(self, f"l{l}_conv2", nn.Conv2d(width, growth, 3, padding=1, bias=False))
            channels += growth

    def forward(self, x):
        features = x
        for l in range(1, self.layers + 1):
            y = features
            if self.bottleneck:
                y = getattr(self, f"l{l}_conv1")(F.relu(getattr(self, f"l{l}_bn1")(y)))
            y = getattr(self, f"l{l}_conv2")(F.relu(getattr(self, f"l{l}_bn2")(y)))
            features = torch.cat([features, y], 1)
        return features
