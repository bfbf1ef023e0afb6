package org.blockscope.engine.inspect;

import java.util.Arrays;

/**
 * A private copy of one array as plain Java, for views that must not know ND4J: {@code dims} as
 * [C, H, W] for a feature map, [C] for a vector, [F, Cin, k, k] for convolution weights, and the
 * values in row-major (C) order.
 */
public record Planes(int[] dims, float[] values) {

    public Planes {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(
                    "dims " + Arrays.toString(dims) + " hold " + n + " values, got " + values.length);
        }
    }

    public int rank() {
        return dims.length;
    }

    /** The first dimension (channels of a map, filters of a weight). */
    public int channels() {
        return dims.length == 0 ? 1 : dims[0];
    }

    /** Height of a [C, H, W] map; 1 for a vector. */
    public int height() {
        return dims.length == 3 ? dims[1] : 1;
    }

    /** Width of a [C, H, W] map; 1 for a vector. */
    public int width() {
        return dims.length == 3 ? dims[2] : 1;
    }
}
