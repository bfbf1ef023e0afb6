package org.blockscope.engine.inspect;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Renders a node's output as a grid of small images, one per channel, each scaled to its own
 * min..max and coloured with a perceptual colour map (dark blue = low, yellow = high). Plain AWT
 * so the CLI can write PNGs without a display.
 */
public final class FeatureMapImages {

    private FeatureMapImages() {}

    /** A grid for a [C,H,W] map; a [C] vector becomes one row of coloured cells. */
    public static BufferedImage grid(INDArray value, String title) {
        INDArray v = value.castTo(DataType.FLOAT);
        int c;
        int h;
        int w;
        if (v.rank() == 3) {
            c = (int) v.size(0);
            h = (int) v.size(1);
            w = (int) v.size(2);
        } else {
            c = (int) v.length();
            h = 1;
            w = 1;
            v = v.reshape('c', c, 1, 1);
        }
        int cols = (int) Math.ceil(Math.sqrt(c));
        int rows = (c + cols - 1) / cols;
        int scale = Math.max(1, (int) Math.ceil(56.0 / Math.max(h, w)));
        int tileW = w * scale;
        int tileH = h * scale;
        int gap = 2;
        int header = 20;
        BufferedImage img = new BufferedImage(
                Math.max(cols * (tileW + gap) + gap, 260),
                header + rows * (tileH + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(title, 4, 14);
        g.dispose();
        float[] data = v.dup('c').data().asFloat();
        for (int ch = 0; ch < c; ch++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            int base = ch * h * w;
            for (int i = 0; i < h * w; i++) {
                min = Math.min(min, data[base + i]);
                max = Math.max(max, data[base + i]);
            }
            if (h * w == 1) { // vectors: one scale for all cells
                min = 0;
                max = 1;
            }
            int x0 = gap + (ch % cols) * (tileW + gap);
            int y0 = header + gap + (ch / cols) * (tileH + gap);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float t = max > min ? (data[base + y * w + x] - min) / (max - min) : 0.5f;
                    int rgb = colour(t);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    // A compact approximation of matplotlib's viridis: five anchors, linear in between.
    private static final float[][] ANCHORS = {
        {0.267f, 0.005f, 0.329f},
        {0.230f, 0.322f, 0.546f},
        {0.128f, 0.567f, 0.551f},
        {0.369f, 0.789f, 0.383f},
        {0.993f, 0.906f, 0.144f}
    };

    /** Colour for t in [0,1]. */
    public static int colour(float t) {
        float x = Math.max(0, Math.min(1, Float.isNaN(t) ? 0 : t)) * (ANCHORS.length - 1);
        int i = Math.min((int) x, ANCHORS.length - 2);
        float f = x - i;
        int r = Math.round(255 * (ANCHORS[i][0] + f * (ANCHORS[i + 1][0] - ANCHORS[i][0])));
        int gr = Math.round(255 * (ANCHORS[i][1] + f * (ANCHORS[i + 1][1] - ANCHORS[i][1])));
        int b = Math.round(255 * (ANCHORS[i][2] + f * (ANCHORS[i + 1][2] - ANCHORS[i][2])));
        return (r << 16) | (gr << 8) | b;
    }
}
