package org.blockscope.templates;

/** How the reference implementations round scaled channel counts and depths. */
public final class Rounding {

    private Rounding() {}

    /**
     * The nearest multiple of {@code divisor} (at least {@code divisor}), one step up when rounding
     * down lost more than 10% (MobileNet's and EfficientNet's {@code _make_divisible}: TensorFlow
     * slim mobilenet.py, torchvision models/_utils.py).
     */
    public static int makeDivisible(double v, int divisor) {
        int r = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return r < 0.9 * v ? r + divisor : r;
    }

    /** Repeats of a stage scaled by the depth coefficient: ⌈n·d⌉ (EfficientNet; torchvision adjust_depth). */
    public static int scaleDepth(int repeats, double depth) {
        return (int) Math.ceil(repeats * depth);
    }
}
