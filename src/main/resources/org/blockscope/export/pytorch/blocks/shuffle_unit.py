class ShuffleUnit(nn.Module):
    """ShuffleNet v1 unit (Zhang et al. 2018, figure 2b/c): grouped 1×1 conv, channel shuffle, 3×3
    depthwise with the stride, grouped 1×1 conv; stride 1 adds the input, stride 2 concatenates a 3×3
    average-pooled input (the branch then makes filters − C_in channels); ReLU at the end."""

    def __init__(self, in_channels, filters=240, groups=3, stride=1):
        super().__init__()
        branch = filters if stride == 1 else filters - in_channels
        mid = max(groups, branch // 4 // groups * groups)
        self.groups = groups
        self.stride = stride
        self.gconv1 = nn.Conv2d(in_channels, mid, 1, groups=groups, bias=False)
        self.gconv1_bn = nn.BatchNorm2d(mid)
        self.dw = nn.Conv2d(mid, mid, 3, stride, 1, groups=mid, bias=False)
        self.dw_bn = nn.BatchNorm2d(mid)
        self.gconv2 = nn.Conv2d(mid, branch, 1, groups=groups, bias=False)
        self.gconv2_bn = nn.BatchNorm2d(branch)

    def forward(self, x):
        y = F.relu(self.gconv1_bn(self.gconv1(x)))
        y = channel_shuffle(y, self.groups)
        y = self.dw_bn(self.dw(y))
        y = self.gconv2_bn(self.gconv2(y))
        if self.stride == 1:
            return F.relu(y + x)
        return F.relu(torch.cat([F.avg_pool2d(x, 3, 2, 1), y], 1))
