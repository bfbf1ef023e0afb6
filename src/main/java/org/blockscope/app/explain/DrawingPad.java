package org.blockscope.app.explain;

import java.util.Arrays;

/**
 * A drawing at the network's input size, for 1-channel networks: strokes are painted white on black (as
 * MNIST digits are) on a grid {@code scale} times finer than the image, and each image pixel is the mean of
 * its {@code scale × scale} cells, so the edges of a stroke come out grey as in the scanned digits.
 */
public final class DrawingPad {

    private final int height;
    private final int width;
    private final int scale;
    private final double radius;
    private final boolean[] ink;

    /** @param brush the stroke's width in image pixels */
    public DrawingPad(int height, int width, int scale, double brush) {
        this.height = height;
        this.width = width;
        this.scale = scale;
        this.radius = brush * scale / 2;
        this.ink = new boolean[height * scale * width * scale];
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The side of one image pixel on the pad's fine grid. */
    public int scale() {
        return scale;
    }

    public void clear() {
        Arrays.fill(ink, false);
    }

    public boolean isEmpty() {
        for (boolean b : ink) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    /** Paints a stroke from (x0, y0) to (x1, y1), in fine-grid coordinates (image pixel × scale). */
    public void stroke(double x0, double y0, double x1, double y1) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(length / Math.max(1, radius / 2)));
        for (int i = 0; i <= steps; i++) {
            double t = i / (double) steps;
            dot(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
        }
    }

    private void dot(double cx, double cy) {
        int fw = width * scale;
        int fh = height * scale;
        int r = (int) Math.ceil(radius);
        for (int y = (int) cy - r; y <= (int) cy + r; y++) {
            for (int x = (int) cx - r; x <= (int) cx + r; x++) {
                if (x >= 0 && y >= 0 && x < fw && y < fh && Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radius) {
                    ink[y * fw + x] = true;
                }
            }
        }
    }

    /** The drawing at the image size, 1×H×W, values in [0, 1] (share of inked cells per pixel). */
    public float[] image() {
        float[] out = new float[height * width];
        int fw = width * scale;
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < fw; x++) {
                if (ink[y * fw + x]) {
                    out[(y / scale) * width + x / scale] += 1f / (scale * scale);
                }
            }
        }
        return out;
    }
}
