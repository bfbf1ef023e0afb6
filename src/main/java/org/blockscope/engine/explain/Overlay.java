package org.blockscope.engine.explain;

import java.util.Locale;
import org.blockscope.engine.inspect.FeatureMapImages;
import org.blockscope.graph.Shape;

/**
 * A heat map laid over the image it explains, as ARGB pixels (plain Java: the app turns them into an
 * image, the command line into a PNG). The map's values from {@code lo} to {@code hi} take the colour
 * scale of the feature maps (dark blue → yellow); each pixel mixes the photo with its colour in
 * proportion to the value, so unimportant regions stay visible and important ones light up.
 */
public final class Overlay {

    private Overlay() {}

    /**
     * @param photo the image, C×H×W in [0, 1] (grey for 1 channel, the first 3 as RGB otherwise)
     * @param map the same H×W as the image
     * @param opacity 0 (photo only) … 1 (colour only at the map's maximum)
     */
    public static int[] argb(float[] photo, Shape s, Heatmap map, float lo, float hi, float opacity) {
        int h = s.height();
        int w = s.width();
        if (map.height() != h || map.width() != w) {
            throw new IllegalArgumentException(
                    "map " + map.height() + "×" + map.width() + " on a " + h + "×" + w + " image");
        }
        int plane = h * w;
        boolean rgb = s.channels() >= 3;
        int[] out = new int[plane];
        for (int i = 0; i < plane; i++) {
            float r = photo[i];
            float g = rgb ? photo[plane + i] : r;
            float b = rgb ? photo[2 * plane + i] : r;
            float t = hi > lo ? Math.max(0, Math.min(1, (map.values()[i] - lo) / (hi - lo))) : 0;
            int c = FeatureMapImages.colour(t);
            float a = opacity * t;
            out[i] = 0xFF000000
                    | mix(r, (c >> 16) & 0xFF, a) << 16
                    | mix(g, (c >> 8) & 0xFF, a) << 8
                    | mix(b, c & 0xFF, a);
        }
        return out;
    }

    /** The map alone on its colour scale, lo … hi. */
    public static int[] colours(Heatmap map, float lo, float hi) {
        int[] out = new int[map.values().length];
        for (int i = 0; i < out.length; i++) {
            float t = hi > lo ? (map.values()[i] - lo) / (hi - lo) : 0;
            out[i] = 0xFF000000 | FeatureMapImages.colour(t);
        }
        return out;
    }

    private static int mix(float photo, int colour, float a) {
        double v = (1 - a) * photo * 255 + a * colour;
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The map as CSV: one line per row, values separated by commas ({@code %.6g}). */
    public static String csv(Heatmap map) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                if (x > 0) {
                    sb.append(',');
                }
                sb.append(String.format(Locale.ROOT, "%.6g", map.at(y, x)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
