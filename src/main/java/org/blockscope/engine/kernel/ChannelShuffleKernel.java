package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ShuffleNet channel shuffle (Zhang et al. 2018; PyTorch ChannelShuffle): [N, C, H, W] viewed as
 * [N, g, C/g, H, W], transposed to [N, C/g, g, H, W], flattened back. Backward is the inverse
 * permutation (shuffle with C/g groups).
 */
public final class ChannelShuffleKernel {
    private ChannelShuffleKernel() {}

    public static INDArray forward(int groups, INDArray x) {
        return shuffle(groups, x);
    }

    public static INDArray backward(int groups, INDArray dy) {
        return shuffle((int) (dy.size(1) / groups), dy);
    }

    private static INDArray shuffle(int g, INDArray x) {
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        if (c % g != 0) {
            throw new IllegalArgumentException("channel shuffle: " + c + " channels, " + g + " groups");
        }
        return x.reshape('c', n, g, c / g, h, w).permute(0, 2, 1, 3, 4).dup('c').reshape('c', n, c, h, w);
    }
}
