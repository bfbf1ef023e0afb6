package org.blockscope.engine.kernel;

/**
 * Bilinear sampling of one channel plane at a fractional position, as torchvision's deformable
 * convolution does it (ops/cpu/deform_conv2d_kernel.cpp, bilinear_interpolate): zero outside
 * (−1, H) × (−1, W), and each of the four neighbours that lies outside the plane counts as zero.
 */
final class Bilinear {
    private Bilinear() {}

    /** Value of plane {@code p} (row-major h×w, starting at {@code off}) at (y, x). */
    static double sample(double[] p, int off, int h, int w, double y, double x) {
        if (y <= -1 || y >= h || x <= -1 || x >= w) {
            return 0;
        }
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double ly = y - y0;
        double lx = x - x0;
        return (1 - ly) * (1 - lx) * at(p, off, h, w, y0, x0)
                + (1 - ly) * lx * at(p, off, h, w, y0, x0 + 1)
                + ly * (1 - lx) * at(p, off, h, w, y0 + 1, x0)
                + ly * lx * at(p, off, h, w, y0 + 1, x0 + 1);
    }

    /** ∂sample/∂y (dy = true) or ∂sample/∂x at (y, x); zero where the sample is. */
    static double slope(double[] p, int off, int h, int w, double y, double x, boolean dy) {
        if (y <= -1 || y >= h || x <= -1 || x >= w) {
            return 0;
        }
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double ly = y - y0;
        double lx = x - x0;
        double v00 = at(p, off, h, w, y0, x0);
        double v01 = at(p, off, h, w, y0, x0 + 1);
        double v10 = at(p, off, h, w, y0 + 1, x0);
        double v11 = at(p, off, h, w, y0 + 1, x0 + 1);
        return dy ? (1 - lx) * (v10 - v00) + lx * (v11 - v01) : (1 - ly) * (v01 - v00) + ly * (v11 - v10);
    }

    /** Adds {@code g} spread by the bilinear weights of (y, x) into plane {@code d} (the adjoint of sample). */
    static void scatter(double[] d, int off, int h, int w, double y, double x, double g) {
        if (y <= -1 || y >= h || x <= -1 || x >= w) {
            return;
        }
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double ly = y - y0;
        double lx = x - x0;
        add(d, off, h, w, y0, x0, g * (1 - ly) * (1 - lx));
        add(d, off, h, w, y0, x0 + 1, g * (1 - ly) * lx);
        add(d, off, h, w, y0 + 1, x0, g * ly * (1 - lx));
        add(d, off, h, w, y0 + 1, x0 + 1, g * ly * lx);
    }

    private static double at(double[] p, int off, int h, int w, int y, int x) {
        return y >= 0 && y < h && x >= 0 && x < w ? p[off + y * w + x] : 0;
    }

    private static void add(double[] d, int off, int h, int w, int y, int x, double g) {
        if (y >= 0 && y < h && x >= 0 && x < w) {
            d[off + y * w + x] += g;
        }
    }
}
