class SeparableConv(nn.Module):
    """MobileNet v1's depthwise-separable conv (Howard et al. 2017): depthwise k×k, BN, activation,
    pointwise 1×1, BN, activation."""

    def __init__(self, in_channels, filters=64, kernel=3, stride=1, activation="relu"):
        super().__init__()
        self.dw = nn.Conv2d(in_channels, in_channels, kernel, stride, (kernel - 1) // 2, groups=in_channels, bias=False)
        self.dw_bn = nn.BatchNorm2d(in_channels)
        self.dw_act = activation_layer(activation)
        self.pw = nn.Conv2d(in_channels, filters, 1, bias=False)
        self.pw_bn = nn.BatchNorm2d(filters)
        self.pw_act = activation_layer(activation)

    def forward(self, x):
        y = self.dw_act(self.dw_bn(self.dw(x)))
        return self.pw_act(self.pw_bn(self.pw(y)))
