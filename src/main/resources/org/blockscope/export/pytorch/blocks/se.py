class SE(nn.Module):
    """Squeeze-and-excitation (Hu et al. 2018): global average pooling, FC C→C/r, activation,
    FC C/r→C, sigmoid, then each channel of the input scaled by its weight."""

    def __init__(self, in_channels, ratio=16, squeeze=0, activation="relu"):
        super().__init__()
        hidden = squeeze if squeeze > 0 else max(1, in_channels // ratio)
        self.fc1 = nn.Linear(in_channels, hidden)
        self.act = activation_layer(activation)
        self.fc2 = nn.Linear(hidden, in_channels)

    def forward(self, x):
        s = x.mean((2, 3))  # squeeze
        gate = torch.sigmoid(self.fc2(self.act(self.fc1(s))))
        return x * gate[:, :, None, None]  # scale
