class Inception(nn.Module):
    """GoogLeNet's Inception (v1) module (Szegedy et al. 2015, figure 2b): 1×1, 1×1→3×3, 1×1→"5×5"
    and 3×3 max pool→1×1 branches concatenated; with batch norm every conv is torchvision's
    BasicConv2d (conv without bias, BN eps 0.001, ReLU)."""

    def __init__(self, in_channels, c1=64, c3reduce=96, c3=128, c5reduce=16, c5=32, pool_proj=32, c5kernel=5,
                 batch_norm=True):
        super().__init__()
        self.has_b1 = c1 > 0
        if self.has_b1:
            self.b1_conv, self.b1_bn = basic_conv(in_channels, c1, 1, batch_norm)
        self.b2_reduce_conv, self.b2_reduce_bn = basic_conv(in_channels, c3reduce, 1, batch_norm)
        self.b2_conv, self.b2_bn = basic_conv(c3reduce, c3, 3, batch_norm)
        self.b3_reduce_conv, self.b3_reduce_bn = basic_conv(in_channels, c5reduce, 1, batch_norm)
        self.b3_conv, self.b3_bn = basic_conv(c5reduce, c5, c5kernel, batch_norm)
        self.b4_conv, self.b4_bn = basic_conv(in_channels, pool_proj, 1, batch_norm)

    def forward(self, x):
        branches = []
        if self.has_b1:
            branches.append(conv_bn_relu(self.b1_conv, self.b1_bn, x))
        y = conv_bn_relu(self.b2_reduce_conv, self.b2_reduce_bn, x)
        branches.append(conv_bn_relu(self.b2_conv, self.b2_bn, y))
        y = conv_bn_relu(self.b3_reduce_conv, self.b3_reduce_bn, x)
        branches.append(conv_bn_relu(self.b3_conv, self.b3_bn, y))
        pooled = F.max_pool2d(x, 3, 1, 1, ceil_mode=True)
        branches.append(conv_bn_relu(self.b4_conv, self.b4_bn, pooled))
        return torch.cat(branches, 1)
