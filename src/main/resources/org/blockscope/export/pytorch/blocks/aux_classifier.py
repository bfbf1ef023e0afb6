class AuxClassifier(nn.Module):
    """GoogLeNet's auxiliary classifier (Szegedy et al. 2015, section 5; torchvision InceptionAux):
    5×5 average pool with stride 3, 1×1 conv of 128 + BN + ReLU, FC 1024, ReLU, dropout, FC to the
    classes. Used while training only: its loss counts with weight `loss_weight`."""

    def __init__(self, in_channels, height, width, classes=10, loss_weight=0.3, dropout=0.7):
        super().__init__()
        pooled = ((height - 5) // 3 + 1) * ((width - 5) // 3 + 1)
        self.loss_weight = loss_weight
        self.proj_conv, self.proj_bn = basic_conv(in_channels, 128, 1, True)
        self.fc1 = nn.Linear(128 * pooled, 1024)
        self.dropout = nn.Dropout(dropout)
        self.fc2 = nn.Linear(1024, classes)

    def forward(self, x):
        y = conv_bn_relu(self.proj_conv, self.proj_bn, F.avg_pool2d(x, 5, 3))
        y = F.relu(self.fc1(torch.flatten(y, 1)))
        return self.fc2(self.dropout(y))
