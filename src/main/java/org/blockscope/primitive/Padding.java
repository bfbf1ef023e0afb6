package org.blockscope.primitive;

import org.blockscope.kind.Params;

/** Spatial arithmetic of convolutions and pools, written down once. */
public final class Padding {

    private Padding() {}

    /**
     * Padding per side, always symmetric. {@code same}: floor(d(k−1)/2), which for odd kernels
     * keeps the size at stride 1 and gives ceil(in/s) at stride s, as torchvision's explicit
     * paddings do. An even kernel loses one pixel (no uneven padding, unlike TensorFlow).
     */
    public static int pad(Params p) {
        int k = p.getInt("kernel");
        int d = p.has("dilation") ? p.getInt("dilation") : 1;
        return switch (p.getString("padding")) {
            case "same" -> d * (k - 1) / 2;
            case "valid" -> 0;
            default -> p.getInt("pad");
        };
    }

    // out = floor((in + 2p - d(k-1) - 1) / s) + 1   (PyTorch Conv2d docs)
    public static int convOut(int in, int k, int s, int p, int d) {
        return Math.floorDiv(in + 2 * p - d * (k - 1) - 1, s) + 1;
    }

    // out = floor-or-ceil((in + 2p - k) / s) + 1; with ceil mode the last window must start
    // inside the input or the left padding   (PyTorch MaxPool2d docs, pooling_output_shape)
    public static int poolOut(int in, int k, int s, int p, boolean ceil) {
        int num = in + 2 * p - k;
        if (num < 0) {
            return 0;
        }
        int out = (ceil ? Math.floorDiv(num + s - 1, s) : Math.floorDiv(num, s)) + 1;
        if (ceil && (out - 1) * s >= in + p) {
            out--;
        }
        return out;
    }
}
