class MBConv(nn.Module):
    """Inverted residual (Sandler et al. 2018; torchvision InvertedResidual): 1×1 expansion to C·t
    (none when t = 1), depthwise k×k with the stride, optional squeeze-and-excitation (EfficientNet:
    hidden = C_in / se_ratio), linear 1×1 projection, and the input added when the shape is kept."""

    def __init__(self, in_channels, filters=24, expansion=6, kernel=3, stride=1, se=False, se_ratio=4,
                 activation="relu6"):
        super().__init__()
        hidden = in_channels * expansion
        if expansion != 1:
            self.expand = nn.Conv2d(in_channels, hidden, 1, bias=False)
            self.expand_bn = nn.BatchNorm2d(hidden)
            self.expand_act = activation_layer(activation)
        else:
            self.expand = None
        self.dw = nn.Conv2d(hidden, hidden, kernel, stride, (kernel - 1) // 2, groups=hidden, bias=False)
        self.dw_bn = nn.BatchNorm2d(hidden)
        self.dw_act = activation_layer(activation)
        gate = "silu" if activation == "silu" else "relu"
        self.se = SE(hidden, squeeze=max(1, in_channels // se_ratio), activation=gate) if se else None
        self.project = nn.Conv2d(hidden, filters, 1, bias=False)
        self.project_bn = nn.BatchNorm2d(filters)
        self.skip = stride == 1 and in_channels == filters

    def forward(self, x):
        y = x if self.expand is None else self.expand_act(self.expand_bn(self.expand(x)))
        y = self.dw_act(self.dw_bn(self.dw(y)))
        if self.se is not None:
            y = self.se(y)
        y = self.project_bn(self.project(y))
        return y + x if self.skip else y
